"""A urls.py whose own `url()` helper fills placeholders (a fork's `{org}` for the organization
group): its entries are read as the helper builds them, so a new route goes among its kin, and
the new entry is written with the placeholder, as the file writes its routes. Running the file's
helper (real Python) on what was written gives the route meant."""

from __future__ import annotations

import re

import pytest

from scaffold.errors import ConflictError
from scaffold.routes import parse_route
from scaffold.urls.add import Registration, UrlsFile
from scaffold.urls.remove import remove_registration

ORG = r"(?P<organization_slug>[^\/]+)"

FILE = """from django.conf import urls

from .endpoints.apples import ApplesEndpoint
from .endpoints.home import HomeEndpoint
from .endpoints.pears import PearsEndpoint
from .endpoints.plums import PlumsEndpoint


def fill(text):
    return text.replace("{org}", r"(?P<organization_slug>[^\\/]+)")


def url(pattern, *args, **kwargs):
    return urls.url(fill(pattern), *args, **kwargs)


urlpatterns = [
    url(r"^organizations/{org}/apples/$", ApplesEndpoint.as_view(), name="acme-apples"),
    url(r"^organizations/{org}/pears/$", PearsEndpoint.as_view(), name="acme-pears"),
    url(r"^organizations/{org}/plums/$", PlumsEndpoint.as_view(), name="acme-plums"),
    url(r"^$", HomeEndpoint.as_view(), name="acme-home"),
]
"""


def _add(source: str, route: str, class_name: str = "GadgetsEndpoint") -> str:
    urls = UrlsFile(source, "urls.py", "acme", "acme.api.urls", 100)
    module = "acme.api.endpoints.gadgets"
    urls.add(Registration(class_name, module, parse_route(route), None))
    return urls.code()


def _patterns_django_gets(source: str) -> list[str]:
    """Run the file's own helper (real Python) on every entry: the patterns Django is given."""
    given: list[str] = []

    class Urls:
        @staticmethod
        def url(pattern: str, *args: object, **kwargs: object) -> None:
            given.append(pattern)

    code = source.replace("from django.conf import urls\n", "").replace("from .endpoints", "#")
    names: dict[str, object] = {"urls": Urls}
    for name in re.findall(r"(\w+Endpoint)\.as_view", source):
        names[name] = type(name, (), {"as_view": staticmethod(lambda: None)})
    exec(compile(code, "urls.py", "exec"), names)  # noqa: S102 - our own fixture
    return given


def test_the_new_entry_is_written_with_the_files_placeholder() -> None:
    after = _add(FILE, "organizations/{organization_slug}/gadgets/")
    assert 'url(r"^organizations/{org}/gadgets/$", GadgetsEndpoint.as_view()' in after
    assert "(?P<organization_slug>" not in after.split("urlpatterns = [")[1]
    assert f"^organizations/{ORG}/gadgets/$" in _patterns_django_gets(after)


def test_the_new_route_goes_among_its_kin_as_the_helper_builds_them() -> None:
    """Read as written, `{org}` is no segment the route shares: it went to the list's end."""
    after = _add(FILE, "organizations/{organization_slug}/oranges/")
    assert _patterns_django_gets(after) == [
        f"^organizations/{ORG}/apples/$",
        f"^organizations/{ORG}/oranges/$",
        f"^organizations/{ORG}/pears/$",
        f"^organizations/{ORG}/plums/$",
        "^$",
    ]


def test_remove_gives_the_file_back() -> None:
    after = _add(FILE, "organizations/{organization_slug}/gadgets/")
    assert remove_registration(after, "urls.py", "acme.api", "GadgetsEndpoint", 100).code == FILE


def test_a_route_the_file_has_through_its_helper_is_refused_at_its_line() -> None:
    with pytest.raises(ConflictError, match=r"^urls\.py:19: .*PearsEndpoint serves it"):
        _add(FILE, "organizations/{organization_slug}/pears/")


def test_a_helper_that_rewrites_more_than_placeholders_gets_the_pattern_as_meant() -> None:
    """Where the helper also changes other text, no placeholder is trusted: a new entry is
    written whole only where the helper gives it back unchanged."""
    source = FILE.replace(
        'return text.replace("{org}", r"(?P<organization_slug>[^\\/]+)")',
        'return text.replace("{org}", r"(?P<organization_slug>[^\\/]+)").replace("//", "/")',
    ).replace(r'url(r"^organizations/{org}/pears/$"', r'url(r"^organizations//{org}/pears/$"')
    after = _add(source, "organizations/{organization_slug}/gadgets/")
    assert f'r"^organizations/{ORG}/gadgets/$"' in after
    assert f"^organizations/{ORG}/gadgets/$" in _patterns_django_gets(after)


def test_placeholders_that_stand_for_different_texts_are_not_used() -> None:
    source = FILE.replace(
        'return text.replace("{org}", r"(?P<organization_slug>[^\\/]+)")',
        'return text.replace("plums/{org}", r"plums/(?P<plum>\\d+)")'
        '.replace("{org}", r"(?P<organization_slug>[^\\/]+)")',
    ).replace(r'url(r"^organizations/{org}/plums/$"', r'url(r"^organizations/{org}/plums/{org}/$"')
    after = _add(source, "organizations/{organization_slug}/gadgets/")
    assert f'r"^organizations/{ORG}/gadgets/$"' in after
