"""A urlconf binding a view to a name at module level (`stats_view = X.as_view()`) and
routing that name: the route serves X as `X.as_view()` written in place would, where the name
is bound once in the module and before the route; it was named as a view not followed."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import write_tree

URLS = """
from django.urls import include, re_path

from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint

widgets_view = OrganizationWidgetsEndpoint.as_view(http_method_names=["get", "options"])
stats_view = OrganizationStatsEndpoint.as_view()
{more}
ORGANIZATION_URLS = [
    re_path(r"^(?P<organization_id_or_slug>[^/]+)/widgets/$", widgets_view, name="widgets"),
    re_path(r"^(?P<{group}>[^/]+)/stats/$", stats_view, name="stats"),
]

urlpatterns = [re_path(r"^organizations/", include(ORGANIZATION_URLS))]
"""
ORG = "organization_id_or_slug"


def _check(tmp_path: Path, group: str = ORG, more: str = "") -> tuple[list[str], list[str]]:
    root = write_tree(tmp_path, {"api/urls.py": URLS.format(group=group, more=more)})
    result = run_check(load_settings(root), load_check_config(root, {}, ["ALL"], [], None), None)
    return [f"{p.rule} {p.symbol}" for p in result.problems], [u.what for u in result.unresolved]


def test_a_view_bound_to_a_name_is_followed(tmp_path: Path) -> None:
    assert _check(tmp_path) == ([], [])


def test_a_route_a_view_bound_to_a_name_cannot_take_is_found(tmp_path: Path) -> None:
    assert _check(tmp_path, group="org") == (["param-mismatch stats"], [])


@pytest.mark.parametrize(
    "more",
    [
        "stats_view = OrganizationWidgetsEndpoint.as_view()\n",
        "def _hide():\n    global stats_view\n",
        "for stats_view in []:\n    pass\n",
        "OrganizationStatsEndpoint = OrganizationWidgetsEndpoint\n",
    ],
    ids=["bound-twice", "global-in-a-function", "loop-target", "class-rebound"],
)
def test_a_name_bound_more_than_once_is_not_guessed(tmp_path: Path, more: str) -> None:
    found, unresolved = _check(tmp_path, group="org", more=more)
    assert (found, unresolved) == ([], ["route view stats_view"])
