"""A view name the reader cannot bind (a module of the tree binds it by code: `getattr` of a
module imported by name at run time): the route is unresolved, and an endpoint class of that
name anywhere in the tree is not reported unregistered, since the route may serve it. A class
of another name is still reported."""

from __future__ import annotations

from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import TEAMS, write_tree

LAZY = """
import importlib

_teams = importlib.import_module("shop.api.endpoints.teams")
TeamListEndpoint = getattr(_teams, "TeamListEndpoint")
"""

URLS = """
from django.urls import re_path

from shop.api.endpoints.lazy import TeamListEndpoint

urlpatterns = [re_path(r"^teams/$", TeamListEndpoint.as_view())]
"""


def _check(tmp_path: Path, lazy: str = LAZY) -> CheckResult:
    files = {
        "api/urls.py": URLS,
        "api/endpoints/lazy.py": lazy,
        "api/endpoints/teams.py": TEAMS,
        "api/endpoints/organization_stats.py": "",
        "api/endpoints/organization_widgets.py": "",
    }
    root = write_tree(tmp_path / "p", files)
    return run_check(load_settings(root), load_check_config(root, {}, None, [], None), None)


def test_a_class_of_the_name_a_route_could_not_bind_is_not_unregistered(tmp_path: Path) -> None:
    result = _check(tmp_path)
    assert [(p.rule, p.symbol) for p in result.problems] == [
        ("unregistered-endpoint", "NewTeamEndpoint")
    ]
    (place,) = result.unresolved
    assert (place.relpath, place.what) == ("src/shop/api/urls.py", "TeamListEndpoint")
    assert "cannot read where it is bound" in place.why


def test_a_name_bound_where_the_reader_can_read_is_judged(tmp_path: Path) -> None:
    """lazy.py imports the class plainly: nothing is unresolved, nothing excused."""
    result = _check(tmp_path, "from shop.api.endpoints.teams import TeamListEndpoint\n")
    assert [p.symbol for p in result.problems] == ["NewTeamEndpoint"]
    assert result.unresolved == []
