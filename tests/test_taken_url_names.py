"""A URL name urls.py builds rather than writes out (an f-string in a list a function returns,
a fork's helper naming each route after its class's `name`) is as taken as a literal one: a
second route for a class served under such a name needs a `--url-name` of its own, as the
README says, and `new-endpoint` refuses before writing anything rather than give two routes of
the same arguments one name (`scaffold check` reports that as duplicate-route-name)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, copy_project, run_cli, snapshot
from tests.test_own_route_helper import DASHBOARDS_ENTRY

# the entry served by a helper naming the route after the class (a fork's `url2`)
BY_CLASS_HELPER = (
    "def by_class(pattern, cls):\n"
    "    return re_path(pattern, cls.as_view(), name=cls.name)\n\n\n"
)
BY_CLASS_ENTRY = '    by_class(r"^(?P<organization_id_or_slug>[^/]+)/dashboards/$", OrganizationDashboardsEndpoint),\n'

# the same entry in a list a function builds, named with an f-string of its argument
BUILT_LIST = (
    "def dashboard_urls(name_prefix):\n"
    "    return [\n"
    "        re_path(\n"
    '            r"^(?P<organization_id_or_slug>[^/]+)/dashboards/$",\n'
    "            OrganizationDashboardsEndpoint.as_view(),\n"
    '            name=f"{name_prefix}-organization-dashboards",\n'
    "        ),\n"
    "    ]\n\n\n"
)
BUILT_INCLUDE = '    re_path(r"^", include(dashboard_urls("acme-api-0"))),\n'

SECOND_ROUTE = "organizations/{organization_id_or_slug}/boards/"


def _project(tmp_path: Path, shape: str) -> Path:
    project = copy_project(EXAMPLE, tmp_path / "p")
    urls = project / "src/acme/api/urls.py"
    text = urls.read_text()
    assert DASHBOARDS_ENTRY in text and "ORGANIZATION_URLS = [" in text
    if shape == "class name":
        module = project / "src/acme/api/endpoints/organization_dashboards.py"
        code = module.read_text()
        header = "class OrganizationDashboardsEndpoint(OrganizationEndpoint):\n"
        assert header in code
        module.write_text(
            code.replace(header, header + '    name = "acme-api-0-organization-dashboards"\n')
        )
        text = text.replace(DASHBOARDS_ENTRY, BY_CLASS_ENTRY)
        text = text.replace("ORGANIZATION_URLS = [", BY_CLASS_HELPER + "ORGANIZATION_URLS = [")
    else:
        text = text.replace(DASHBOARDS_ENTRY, BUILT_INCLUDE)
        text = text.replace("ORGANIZATION_URLS = [", BUILT_LIST + "ORGANIZATION_URLS = [")
    urls.write_text(text)
    return project


@pytest.mark.parametrize("shape", ["class name", "f-string"])
def test_a_second_route_under_a_built_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], shape: str
) -> None:
    project = _project(tmp_path, shape)
    before = snapshot(project)
    argv = ("new-endpoint", "OrganizationDashboards", "--route", SECOND_ROUTE, "--skip")
    result = run_cli(capsys, *argv, "--project", str(project))
    assert result.code == 1, result.out
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert result.err.startswith("error: src/acme/api/urls.py:")
    assert "URL name 'acme-api-0-organization-dashboards' is already used" in result.err
    assert "--url-name" in result.err
    assert snapshot(project) == before


@pytest.mark.parametrize("shape", ["class name", "f-string"])
def test_a_second_route_with_a_name_of_its_own_is_registered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], shape: str
) -> None:
    project = _project(tmp_path, shape)
    argv = ("new-endpoint", "OrganizationDashboards", "--route", SECOND_ROUTE, "--skip")
    name = ("--url-name", "acme-api-0-organization-boards")
    result = run_cli(capsys, *argv, *name, "--project", str(project))
    assert result.code == 0, result.err
    assert 'name="acme-api-0-organization-boards"' in (project / "src/acme/api/urls.py").read_text()
    check = run_cli(capsys, "check", "--project", str(project))
    assert check.code == 0, check.out
