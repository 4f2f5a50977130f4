"""A urls.py that defines its own `url()` helper (a fork's `{org}` filler over Django's) and
imports no route call gets its new entries through that helper, as its entries are written;
a file with neither says which import to add for old and new Django alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.errors import PatchError
from scaffold.routes import parse_route
from scaffold.urls.add import Registration, UrlsFile
from scaffold.urls.remove import remove_registration
from tests.helpers import EXAMPLE, copy_project, run_cli, snapshot

HELPER = """from django.conf import urls

from .endpoints.widgets import WidgetsEndpoint


def url(pattern, *args, **kwargs):
    return urls.url(pattern.replace("{org}", r"(?P<organization_slug>[^/]+)"), *args, **kwargs)


urlpatterns = [
    url(r"^organizations/{org}/widgets/$", WidgetsEndpoint.as_view(), name="acme-widgets"),
]
"""

# ORGANIZATION_URLS's dashboards entry in the example's urls.py
DASHBOARDS_ENTRY = (
    "    re_path(\n"
    '        r"^(?P<organization_id_or_slug>[^/]+)/dashboards/$",\n'
    "        OrganizationDashboardsEndpoint.as_view(),\n"
    '        name="acme-api-0-organization-dashboards",\n'
    "    ),\n"
)


def _add(source: str) -> str:
    urls = UrlsFile(source, "urls.py", "acme", "acme.api.urls", 100)
    route = parse_route("organizations/{organization_slug}/gadgets/")
    urls.add(Registration("GadgetsEndpoint", "acme.api.endpoints.gadgets", route, None))
    return urls.code()


def test_the_files_own_url_helper_writes_the_new_entry() -> None:
    after = _add(HELPER)
    assert "    url(\n" in after or "    url(r" in after
    assert "re_path" not in after
    assert "from .endpoints.gadgets import GadgetsEndpoint\n" in after
    compile(after, "urls.py", "exec")
    assert remove_registration(after, "urls.py", "acme.api", "GadgetsEndpoint", 100).code == HELPER


def test_a_file_with_no_route_call_says_which_import_to_add() -> None:
    source = HELPER.replace("def url(", "def route(").replace("    url(r", "    route(r")
    with pytest.raises(PatchError, match=r"from django.conf.urls import url` before Django 2.0"):
        _add(source)


def test_a_helper_given_the_class_is_refused_not_written_wrong() -> None:
    """`def url(regex, view_class, name=None)` calls `view_class.as_view()` itself: an entry
    written as `url(r"...", X.as_view(), ...)` would break the import of urls.py."""
    source = (
        HELPER.replace("def url(pattern, *args, **kwargs):", "def url(pattern, view_class, name):")
        .replace("*args, **kwargs)", "view_class.as_view(), name=name)")
        .replace("WidgetsEndpoint.as_view(),", "WidgetsEndpoint,")
    )
    compile(source, "urls.py", "exec")
    with pytest.raises(PatchError, match=r"its own url\(\) is given the view class"):
        _add(source)


def test_a_class_routed_through_a_helper_given_the_class_is_kept_by_skip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`by_class(pattern, cls, name)` calls `cls.as_view()` itself (a fork's `url2`): the class
    is served there, so registering it again with --skip keeps urls.py as it is (a spec that
    `list --format spec` wrote was refused as hiding the route)."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    urls = project / "src/acme/api/urls.py"
    text = urls.read_text()
    helper = (
        "def by_class(pattern, cls, name):\n"
        "    return re_path(pattern, cls.as_view(), name=name)\n\n\n"
    )
    assert DASHBOARDS_ENTRY in text and "ORGANIZATION_URLS = [" in text
    text = text.replace(
        DASHBOARDS_ENTRY,
        "    by_class(\n"
        '        r"^(?P<organization_id_or_slug>[^/]+)/dashboards/$",\n'
        "        OrganizationDashboardsEndpoint,\n"
        '        "acme-api-0-organization-dashboards",\n'
        "    ),\n",
    ).replace("ORGANIZATION_URLS = [", helper + "ORGANIZATION_URLS = [")
    urls.write_text(text)
    before = snapshot(project)
    route = "organizations/{organization_id_or_slug}/dashboards/"
    argv = ("new-endpoint", "OrganizationDashboards", "--route", route, "--skip", "--no-tests")
    result = run_cli(capsys, *argv, "--project", str(project))
    assert result.code == 0, result.err
    assert "already registered" in result.out
    assert snapshot(project) == before
    # remove --route cannot take the entry apart: it says how the class is named there (it
    # said the route was reached through a list code builds or a prefix with alternatives)
    removal = ("remove", "OrganizationDashboards", "--route", route, "--project", str(project))
    refused = run_cli(capsys, *removal)
    assert refused.code == 2
    assert refused.err.startswith("error: --route: src/acme/api/urls.py:")
    assert refused.err.endswith(
        ": the entry serving OrganizationDashboardsEndpoint at "
        "'organizations/{organization_id_or_slug}/dashboards/' names the class in a form "
        "scaffold does not take apart (a helper given the class); take it out by hand\n"
    )
    assert snapshot(project) == before


def test_remove_route_takes_out_an_entry_written_through_the_helper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`remove --route` found the entry by the pattern the helper builds and then looked for
    that text among the entries as written: it took nothing out and said "update"."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    (project / "tests/acme/api/endpoints/test_organization_dashboards.py").unlink()
    urls = project / "src/acme/api/urls.py"
    helper = (
        "def url(pattern, *args, **kwargs):\n"
        '    return re_path(pattern.replace("{org}", r"(?P<organization_id_or_slug>[^/]+)"), '
        "*args, **kwargs)\n\n\n"
    )
    text = urls.read_text()
    assert DASHBOARDS_ENTRY in text and "ORGANIZATION_URLS = [" in text
    written = (
        "    url(\n"
        '        r"^{org}/dashboards/$",\n'
        "        OrganizationDashboardsEndpoint.as_view(),\n"
        '        name="acme-api-0-organization-dashboards",\n'
        "    ),\n"
    )
    text = text.replace(DASHBOARDS_ENTRY, written).replace(
        "ORGANIZATION_URLS = [", helper + "ORGANIZATION_URLS = ["
    )
    urls.write_text(text)
    route = "organizations/{organization_id_or_slug}/dashboards/"
    argv = ("remove", "OrganizationDashboards", "--route", route, "--project", str(project))
    result = run_cli(capsys, *argv)
    assert result.code == 0, result.err
    after = urls.read_text()
    assert after == text.replace(written, "").replace(
        "from .endpoints.organization_dashboards import OrganizationDashboardsEndpoint\n", ""
    )
    assert "1 route(s): acme-api-0-organization-dashboards" in result.out
