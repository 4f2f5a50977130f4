"""A module-level name bound to `X.as_view` (`widgets_view = XEndpoint.as_view`) and called in
a route is `X.as_view()`: the route serves X and is judged; where the call cannot be followed,
the class the name is bound to counts as maybe routed (no unregistered-endpoint)."""

from __future__ import annotations

from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.problems import RULES, CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import URLS, WIDGETS, write_tree

ALIAS = "widgets_view = OrganizationWidgetsEndpoint.as_view\n\nORGANIZATION_URLS = ["


def _check(tmp_path: Path, call: str, widgets: str = WIDGETS) -> CheckResult:
    urls = URLS.replace("ORGANIZATION_URLS = [", ALIAS).replace(
        "OrganizationWidgetsEndpoint.as_view(),", f"{call},"
    )
    files = {"api/urls.py": urls, "api/endpoints/organization_widgets.py": widgets}
    root = write_tree(tmp_path, files)
    return run_check(
        load_settings(root), load_check_config(root, {}, sorted(RULES), [], None), None
    )


def test_a_name_bound_to_as_view_serves_the_class(tmp_path: Path) -> None:
    result = _check(tmp_path, "widgets_view()")
    assert [p.rule for p in result.problems] == []
    assert result.unresolved == []


def test_the_route_of_an_as_view_alias_is_judged(tmp_path: Path) -> None:
    widgets = WIDGETS.replace("request, organization)", "request)")
    result = _check(tmp_path, "widgets_view()", widgets)
    assert [p.message for p in result.problems] == [
        "OrganizationWidgetsEndpoint: get() does not accept 'organization' (add it or **kwargs)"
    ]


def test_an_unfollowed_call_of_an_as_view_alias_counts_its_class_as_routed(
    tmp_path: Path,
) -> None:
    result = _check(tmp_path, "outside(widgets_view)()")
    assert [p.rule for p in result.problems] == []
    (route,) = [u for u in result.unresolved if u.what.startswith("route view")]
    assert route.what == "route view outside(widgets_view)()"
