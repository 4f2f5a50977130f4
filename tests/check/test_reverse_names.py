"""duplicate-route-name against Django's own reverse(): a shared name is a finding only where
reverse() loses a route to it, and never where Django tells the routes apart by their
arguments (a list and its details, as Sentry's `project-filters`) or cannot reverse them at
all (an alternation, as Sentry's `(?:groups|issues)` routes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.http import HttpResponse
from django.urls import NoReverseMatch, include, re_path
from django.urls.resolvers import RegexPattern, URLResolver

from scaffold.check.reverse_names import reverse_parameters
from scaffold.pysource.route_entry import RouteEntry
from tests.check.test_rules import findings
from tests.check.trees import write_tree

ORG = r"(?P<organization_id_or_slug>[^/]+)"
EVENT = r"(?P<event_id>(?:\d+|[a-f0-9]{32}))"

# (first pattern, second pattern, a finding expected on the second)
PAIRS = {
    "list and details": (rf"^{ORG}/filters/$", rf"^{ORG}/filters/(?P<filter_id>[^/]+)/$", False),
    "same arguments": (rf"^{ORG}/events/$", rf"^{ORG}/hashes/$", True),
    "alternation": (
        r"^(?:groups|issues)/(?P<issue_id>\d+)/events/$",
        r"^(?:groups|issues)/(?P<issue_id>\d+)/hashes/$",
        False,
    ),
    "alternation inside a named group": (
        rf"^{ORG}/events/{EVENT}/attachments/$",
        rf"^{ORG}/events/{EVENT}/reprocessable/$",
        True,
    ),
    "same names, other order": (
        rf"^{ORG}/teams/(?P<team_id>[^/]+)/$",
        rf"^{ORG}/(?P<team_id>[^/]+)/members/$",
        True,
    ),
}


def _urls(first: str, second: str) -> str:
    def entry(pattern: str, view: str) -> str:
        return f'    re_path(\n        r"{pattern}",\n        {view}.as_view(),\n        name="dup",\n    ),\n'

    return (
        "from django.urls import include, re_path\n\n"
        "from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint\n"
        "from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint\n\n"
        "ORGANIZATION_URLS = [\n"
        + entry(first, "OrganizationWidgetsEndpoint")
        + entry(second, "OrganizationStatsEndpoint")
        + "]\n\nurlpatterns = [\n"
        + '    re_path(r"^organizations/", include(ORGANIZATION_URLS)),\n]\n'
    )


def _view(request: object) -> HttpResponse:
    return HttpResponse()


def _reversed(patterns: list[tuple[str, str]], name: str, route: str) -> str | None:
    """What Django's reverse() gives for `route`'s arguments (None: NoReverseMatch)."""
    inner = [re_path(pattern, _view, name=each) for pattern, each in patterns]
    resolver = URLResolver(RegexPattern(r"^/"), [re_path(r"^organizations/", include(inner))])
    kwargs = {group: "1" for group in RegexPattern(route).regex.groupindex}
    try:
        return str(resolver.reverse(name, **kwargs))
    except NoReverseMatch:
        return None


def _lost_to_the_name(first: str, second: str) -> bool:
    """A route reverse() finds under a name of its own but not under the shared one."""
    for own in (first, second):
        alone = _reversed([(own, "own")], "own", own)
        shared = _reversed([(first, "dup"), (second, "dup")], "dup", own)
        if alone is not None and shared != alone:
            return True
    return False


@pytest.mark.parametrize("case", sorted(PAIRS))
def test_a_shared_name_is_a_finding_where_reverse_loses_a_route(tmp_path: Path, case: str) -> None:
    first, second, expected = PAIRS[case]
    assert _lost_to_the_name(first, second) is expected  # Django says so
    root = write_tree(tmp_path, {"api/urls.py": _urls(first, second)})
    found = findings(root, "duplicate-route-name")
    assert [(line, symbol) for _, line, symbol, _ in found] == ([(12, "dup")] if expected else [])


# (first pattern, second pattern, values of the first's group to reverse it with, a finding)
SPELLINGS = {
    "a narrower group first": (
        r"^scim/Users/(?P<member_id>\d+)$",
        r"^members/(?P<member_id>[^/]+)/commits/$",
        ["1", "42"],
        True,
    ),
    "the same group spelled otherwise": (
        r"^a/(?P<slug>[\w-]+)/$",
        r"^b/(?P<slug>[-\w]+)/$",
        ["x", "a-b", "_"],
        True,
    ),
    "event ids then any word": (
        rf"^{ORG}/events/{EVENT}/attachments/$",
        rf"^{ORG}/events/(?P<event_id>[\w-]+)/reprocessable/$",
        ["1", "a" * 32],
        True,
    ),
    "a wider group first": (
        r"^members/(?P<member_id>[^/]+)/commits/$",
        r"^scim/Users/(?P<member_id>\d+)$",
        ["1", "me"],
        False,
    ),
    "a word boundary the later one's reverse cannot build": (
        r"^a/(?P<slug>[^/]+)/$",
        r"^b/(?P<slug>[^/]+)\b/$",
        ["x", "-"],
        False,
    ),
    "a start anchor the later one's reverse cannot build": (
        r"^a/(?P<slug>[^/]+)/$",
        r"\Ab/(?P<slug>[^/]+)/$",
        ["x"],
        False,
    ),
    "a character class outside the later one's groups": (
        r"^a/(?P<slug>[^/]+)/$",
        r"^b/(?P<slug>[^/]+)/[^^]/$",
        ["x"],
        False,
    ),
    "overlapping groups": (
        r"^a/(?P<slug>[a-z0-9]+)/$",
        r"^b/(?P<slug>[a-f]+)/$",
        ["abc", "z1"],
        False,
    ),
}


@pytest.mark.parametrize("case", sorted(SPELLINGS))
def test_groups_spelled_otherwise_lose_a_route_when_the_later_takes_all_its_values(
    tmp_path: Path, case: str
) -> None:
    first, second, values, expected = SPELLINGS[case]
    group = list(RegexPattern(first).regex.groupindex)[-1]  # the one the cases vary
    others = {name: "o" for name in RegexPattern(first).regex.groupindex if name != group}

    def reversed_(patterns: list[tuple[str, str]], name: str, value: str) -> str:
        inner = [re_path(pattern, _view, name=each) for pattern, each in patterns]
        resolver = URLResolver(RegexPattern(r"^/"), [re_path(r"^organizations/", include(inner))])
        return str(resolver.reverse(name, **others, **{group: value}))

    lost = all(  # Django says so: the first route is never what the shared name gives
        reversed_([(first, "dup"), (second, "dup")], "dup", value)
        != reversed_([(first, "own")], "own", value)
        for value in values
    )
    assert lost is expected
    root = write_tree(tmp_path, {"api/urls.py": _urls(first, second)})
    found = findings(root, "duplicate-route-name")
    assert [(line, symbol) for _, line, symbol, _ in found] == ([(12, "dup")] if expected else [])


def test_an_optional_group_makes_no_finding_however_django_reads_it(tmp_path: Path) -> None:
    # several sets of arguments: not one the check can compare, so it stays silent
    first, second = rf"^{ORG}/a/$", rf"^{ORG}/b/(?P<x>\d+)?$"
    root = write_tree(tmp_path, {"api/urls.py": _urls(first, second)})
    assert findings(root, "duplicate-route-name") == []


@pytest.mark.parametrize(
    "pattern",
    [
        rf"^{ORG}/filters/$",
        rf"^{ORG}/events/{EVENT}/attachments/$",
        r"^(?:groups|issues)/(?P<issue_id>\d+)/events/$",
        r"^(?P<a>[^/]+)/(?P<b>(?P<c>\d+))/$",  # a group inside a group: Django skips it
        r"^comments/$(?P<note_id>[^/]+)/$",  # an anchor before more pattern (a dead route)
        r"^(?P<a>\d+)/(?P<b>\d+)?$",
        r"^(\d+)/x/$",
        r"^files/(?P<name>[^/]+)\.(?:json|txt)$",
        r"^a[|(]b/(?P<x>[^/]+)/$",  # `|` and `(` inside a character class are plain
        rf"^{ORG}/(?=x)y/$",
    ],
)
def test_the_arguments_read_are_the_ones_djangos_reverse_needs(pattern: str) -> None:
    """Where the rule reads one fixed set of arguments, Django's own reading agrees."""
    from django.utils.regex_helper import normalize

    groups = tuple(RegexPattern(pattern).regex.groupindex)
    route = RouteEntry("urls.py", 1, 1, pattern, groups, "urlpatterns", None, "x")
    ours = reverse_parameters(route)
    if ours is not None:
        assert {frozenset(params) for _, params in normalize(pattern)} == {ours}


def test_a_namespace_given_to_two_includes_is_reversed_through_the_first(tmp_path: Path) -> None:
    """Django keeps the first include of a namespace: `ns:n` never reaches the second list, so
    the route reported, the second one, is lost indeed (and the first is not)."""
    first = [re_path(r"^(?P<k>\d+)/$", _view, name="n")]
    second = [re_path(r"^(?P<k>[^/]+)/$", _view, name="n")]
    resolver = URLResolver(
        RegexPattern(r"^/"),
        [
            re_path(r"^one/", include((first, "app"), namespace="ns")),
            re_path(r"^two/", include((second, "app"), namespace="ns")),
        ],
    )
    prefix, kept = resolver.namespace_dict["ns"]  # what django.urls.reverse("ns:n") goes by
    assert (prefix, kept.reverse("n", k="1")) == ("one/", "1/")  # Django says so
    urls = (
        "from django.urls import include, re_path\n\n"
        "from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint\n"
        "from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint\n\n"
        'FIRST = [re_path(r"^(?P<k>\\d+)/$", OrganizationStatsEndpoint.as_view(), name="n")]\n'
        'SECOND = [re_path(r"^(?P<k>[^/]+)/$", OrganizationWidgetsEndpoint.as_view(), name="n")]\n'
        "urlpatterns = [\n"
        '    re_path(r"^one/", include((FIRST, "app"), namespace="ns")),\n'
        '    re_path(r"^two/", include((SECOND, "app"), namespace="ns")),\n'
        "]\n"
    )
    root = write_tree(tmp_path, {"api/urls.py": urls})
    assert [(line, symbol) for _, line, symbol, _ in findings(root, "duplicate-route-name")] == [
        (7, "n")
    ]


@pytest.mark.parametrize(
    "included", ['include("shop.api.other_urls")', "include(other_urls)", "include(api.other_urls)"]
)
def test_an_included_modules_app_name_is_its_namespace_however_it_is_named(
    tmp_path: Path, included: str
) -> None:
    """Django's include() takes a module's `app_name` whether it is given the module or its
    dotted path: a route of that name beside it is another namespace's, no clash."""
    other = (
        "from django.urls import re_path\n\n"
        "from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint\n\n"
        'app_name = "other"\n'
        'urlpatterns = [re_path(r"^a/$", OrganizationStatsEndpoint.as_view(), name="n")]\n'
    )
    urls = (
        "from django.urls import include, re_path\n\n"
        "from shop import api\n"
        "from shop.api import other_urls\n"
        "from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint\n"
        "from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint\n\n"
        "urlpatterns = [\n"
        f'    re_path(r"^other/", {included}),\n'
        '    re_path(r"^b/$", OrganizationWidgetsEndpoint.as_view(), name="n"),\n'
        "]\n"
    )
    root = write_tree(tmp_path, {"api/urls.py": urls, "api/other_urls.py": other})
    assert findings(root, "duplicate-route-name") == []
