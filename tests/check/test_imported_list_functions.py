"""`include(f("x"))` where `f` is a function of another module of the project returning a
literal list of routes (or a local name bound to one): its routes are walked, in the scope of
the function's module, as a list function of urls.py is; they were one unresolved place. A
function that branches, is decorated, or whose list uses a name it binds itself stays
unresolved (no finding made from it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import write_tree

URLS = """
from django.urls import include, re_path

from shop.api import stats_urls as stats_module
from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint
from shop.api.stats_urls import stats_urls

ORGANIZATION_URLS = [
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/widgets/$",
        OrganizationWidgetsEndpoint.as_view(),
        name="shop-api-0-organization-widgets",
    ),
]

urlpatterns = [
    re_path(r"^organizations/", include(ORGANIZATION_URLS)),
    re_path(r"^organizations/(?P<organization_id_or_slug>[^/]+)/", include({call})),
]
"""
# the module the list function lives in; it imports the endpoint under its own name
STATS_URLS = """
from django.urls import re_path

from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint as Stats

group = "team"


def stats_urls(segment, group="organization"):
    {body}
"""
RETURNED = """return [
        re_path(
            rf"^{segment}/$",
            Stats.as_view(),
            name=f"shop-api-0-organization-{segment}",
        ),
    ]"""
BOUND = """\"\"\"The stats routes.\"\"\"
    routes = [
        re_path(rf"^{segment}/$", Stats.as_view(), name=f"shop-api-0-organization-{segment}"),
    ]
    return routes"""
RULES = ["unregistered-endpoint", "unknown-view", "param-mismatch", "duplicate-route-name"]


def _check(tmp_path: Path, call: str, body: str, stats: str = "") -> tuple[list[str], list[str]]:
    files = {
        "api/urls.py": URLS.replace("{call}", call),
        "api/stats_urls.py": STATS_URLS.replace("{body}", body),
    }
    if stats:
        files["api/endpoints/organization_stats.py"] = stats
    root = write_tree(tmp_path, files)
    result = run_check(load_settings(root), load_check_config(root, {}, RULES, [], None), None)
    problems = [f"{p.rule}: {p.message}" for p in result.problems]
    return problems, [f"{u.what}: {u.why}" for u in result.unresolved]


@pytest.mark.parametrize("call", ['stats_urls("stats")', 'stats_module.stats_urls("stats")'])
@pytest.mark.parametrize("body", [RETURNED, BOUND], ids=["returned", "bound"])
def test_a_list_function_of_another_module_is_walked(tmp_path: Path, call: str, body: str) -> None:
    assert _check(tmp_path, call, body) == ([], [])
    taking_org = """
from shop.api.bases.organization import OrganizationEndpoint


class OrganizationStatsEndpoint(OrganizationEndpoint):
    def get(self, request, org):
        return None
"""
    problems, unresolved = _check(tmp_path / "wrong", call, body, stats=taking_org)
    assert unresolved == []
    assert [p.partition(": ")[0] for p in problems] == ["param-mismatch", "param-mismatch"]


BRANCHING = """if group == "team":
        return []
    return [re_path(rf"^{segment}/$", Stats.as_view())]"""
LOCAL_VIEW = """view = Stats.as_view()
    return [re_path(rf"^{segment}/$", view)]"""
UNBOUND = """return [re_path(rf"^{segment}/{group}/$", Stats.as_view())]"""


@pytest.mark.parametrize("call", ['stats_urls("stats")', 'stats_module.stats_urls("stats")'])
@pytest.mark.parametrize("body", [BRANCHING, LOCAL_VIEW], ids=["branching", "local-view"])
def test_a_list_function_not_plain_stays_unresolved(tmp_path: Path, call: str, body: str) -> None:
    """Its classes count as routed: `mod.f(...)` made OrganizationStatsEndpoint unrouted."""
    problems, unresolved = _check(tmp_path, call, body)
    assert problems == []
    quoted = call.replace('"', "'")  # as ast.unparse writes it
    assert [u.partition(": ")[0] for u in unresolved] == [f"include {quoted}"]


def test_a_parameter_the_call_leaves_to_its_default_is_not_read_as_a_global(
    tmp_path: Path,
) -> None:
    """`group` keeps its default: not a string the call binds, so the pattern is not read (a
    module constant `group` would otherwise be read in its place)."""
    problems, unresolved = _check(tmp_path, 'stats_urls("stats")', UNBOUND)
    assert problems == []
    assert len(unresolved) == 1
