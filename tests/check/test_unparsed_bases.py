"""A base class in a module that does not parse (Python 2's `print "x"`, or syntax newer than
the running Python) is not read, so whether the classes below it are endpoints is not known:
their routes are named as not followed, never reported as routing a non-endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import ORGANIZATION_BASE, write_tree

UNPARSED = {
    "python 2 print": ORGANIZATION_BASE.replace(
        "        kwargs[", '        print "looking up", organization_id_or_slug\n        kwargs['
    ),
    "python 3.12 type alias": "type Kwargs = dict[str, object]\n" + ORGANIZATION_BASE,
}


def _check(root: Path, rule: str) -> CheckResult:
    return run_check(load_settings(root), load_check_config(root, {}, [rule], [], None), None)


@pytest.mark.parametrize("case", sorted(UNPARSED))
def test_routes_of_classes_below_an_unparsed_base_are_not_followed(
    tmp_path: Path, case: str
) -> None:
    root = write_tree(tmp_path, {"api/bases/organization.py": UNPARSED[case]})
    result = _check(root, "ALL")
    assert [p for p in result.problems if p.rule == "unknown-view"] == []
    whys = {u.what: u.why for u in result.unresolved}
    assert "does not parse" in whys["module shop.api.bases.organization"]
    assert "cannot be followed" in whys["OrganizationWidgetsEndpoint"]


def test_a_class_below_a_read_base_that_is_no_endpoint_is_still_reported(tmp_path: Path) -> None:
    plain = ORGANIZATION_BASE.replace("(Endpoint)", "")
    root = write_tree(tmp_path, {"api/bases/organization.py": plain})
    result = _check(root, "unknown-view")
    assert {p.symbol for p in result.problems} == {
        "OrganizationWidgetsEndpoint",
        "OrganizationStatsEndpoint",
    }


def test_a_view_bound_through_a_star_import_of_an_unparsed_module_is_named(
    tmp_path: Path,
) -> None:
    """`from .team import *` in the package, team.py unparsed: where the routed class is bound
    is not read; its route is named as not followed (no finding, and not passed over)."""
    team = "type Kwargs = dict[str, object]\n\n" + ORGANIZATION_BASE.replace(
        "class OrganizationEndpoint(Endpoint)", "class TeamEndpoint(Endpoint)"
    )
    urls = (
        "from django.urls import re_path\n\n"
        "from shop.api.endpoints import TeamEndpoint\n\n"
        'urlpatterns = [re_path(r"^t/(?P<organization_id_or_slug>[^/]+)/$", '
        'TeamEndpoint.as_view(), name="team")]\n'
    )
    files = {
        "api/endpoints/__init__.py": "from .team import *  # noqa\n",
        "api/endpoints/team.py": team,
        "api/urls.py": urls,
    }
    root = write_tree(tmp_path, files)
    result = _check(root, "ALL")
    assert [p for p in result.problems if p.rule == "unknown-view"] == []
    whys = {u.what: u.why for u in result.unresolved}
    assert "cannot read where it is bound" in whys["TeamEndpoint"]
