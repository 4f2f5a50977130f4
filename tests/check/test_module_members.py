"""A urlconf built by code that reaches its classes through a module it imports (`from
shop.api.endpoints import teams`, then `teams.TeamListEndpoint` in a table a comprehension
turns into routes): the reader cannot list its routes, so each `module.Class` it writes counts
as maybe routed, as a class it imports by name does; a class it never names is still reported."""

from __future__ import annotations

from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import TEAMS, UNROUTED, URLS, write_tree

TABLE_URLS = """
from django.urls import re_path

from shop.api.endpoints import teams

_TABLE = [("teams", teams.TeamListEndpoint), ("teams/new", teams.NewTeamEndpoint)]

urlpatterns = [re_path(rf"^{path}/$", view.as_view()) for path, view in _TABLE]
"""


def _check(tmp_path: Path, files: dict[str, str]) -> CheckResult:
    tree = {"api/endpoints/teams.py": TEAMS, "api/endpoints/organization_audit.py": UNROUTED}
    root = write_tree(tmp_path / "p", {**tree, **files})
    return run_check(load_settings(root), load_check_config(root, {}, None, [], None), None)


def _emptied(urls: str) -> dict[str, str]:
    """`urls` as the API urls.py, with the endpoint modules the tree's list names emptied:
    only the classes named through a module are left to route."""
    return {
        "api/urls.py": urls,
        "api/endpoints/organization_stats.py": "",
        "api/endpoints/organization_widgets.py": "",
    }


def _found(result: CheckResult) -> list[tuple[str, str]]:
    return [(p.rule, p.symbol) for p in result.problems]


def test_a_code_built_root_routes_the_classes_it_names_through_a_module(tmp_path: Path) -> None:
    files = _emptied(TABLE_URLS)
    result = _check(tmp_path, files)
    assert _found(result) == [("unregistered-endpoint", "OrganizationAuditEndpoint")]
    assert [u.what for u in result.unresolved] == ["shop.api.urls.urlpatterns"]


def test_an_included_code_built_urlconf_routes_them_too(tmp_path: Path) -> None:
    urls = URLS.replace(
        "urlpatterns = [\n",
        'urlpatterns = [\n    re_path(r"^teams/", include("shop.api.team_urls")),\n',
    )
    result = _check(tmp_path, {"api/urls.py": urls, "api/team_urls.py": TABLE_URLS})
    assert _found(result) == [("unregistered-endpoint", "OrganizationAuditEndpoint")]
    assert sorted(u.what for u in result.unresolved) == [
        "NewTeamEndpoint",
        "TeamListEndpoint",
        "include 'shop.api.team_urls'",
    ]


def test_a_module_outside_the_tree_routes_nothing_of_the_tree(tmp_path: Path) -> None:
    """`views.TeamListEndpoint` of a module outside the tree is not the tree's class."""
    text = TABLE_URLS.replace(
        "from shop.api.endpoints import teams", "from outside import views as teams"
    )
    files = _emptied(text)
    found = _found(_check(tmp_path, files))
    assert ("unregistered-endpoint", "TeamListEndpoint") in found


def test_a_spread_built_by_code_routes_the_classes_it_names(tmp_path: Path) -> None:
    text = TABLE_URLS.replace(
        "urlpatterns = [",
        'urlpatterns = [re_path(r"^teams/all/$", teams.TeamListEndpoint.as_view()), *[',
    ).replace("_TABLE]", "_TABLE]]")
    files = _emptied(text)
    result = _check(tmp_path, files)
    assert _found(result) == [("unregistered-endpoint", "OrganizationAuditEndpoint")]
    assert [u.what[:2] for u in result.unresolved] == ["*["]
