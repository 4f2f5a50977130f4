"""A route helper that includes a list of its own module (`def widget_routes(prefix): return
re_path(prefix, include(WIDGET_URLS))`, in urls.py or in a module urls.py imports it from):
the list's routes are walked under the prefix the call gives, as `include(WIDGET_URLS)`
written in `urlpatterns` is. An include in a function holds the list as it is when the
function runs: a list rebound after the function is defined, changed by code the reader does
not follow, or built by code stays unresolved (no finding made from it)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.check.test_route_helpers import check, walk
from tests.check.trees import write_tree

# the gadget list: its route takes the organization from the helper's prefix
GADGET_LIST = r"""
GADGET_URLS = [
    re_path(
        r"^gadgets/$",
        OrganizationWidgetsEndpoint.as_view(),
        name="shop-api-0-organization-gadgets",
    ),
]
"""
HELPER = """

def gadget_routes(prefix):
    return re_path(prefix, include(GADGET_URLS))
"""
IMPORTS = """
from django.urls import include, re_path

from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint
"""
ROOT = r"""
urlpatterns = [
    gadget_routes(r"^organizations/(?P<organization_id_or_slug>[^/]+)/"),
    re_path(
        r"^organizations/(?P<organization_id_or_slug>[^/]+)/stats/$",
        OrganizationStatsEndpoint.as_view(),
        name="shop-api-0-organization-stats",
    ),
]
"""
STATS_IMPORT = "from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint\n"


MakeTree = Callable[..., Path]


def local_tree(tmp_path: Path, between: str = "", helper: str = HELPER) -> Path:
    """The helper and its list in urls.py (`between`: statements after the helper)."""
    urls = IMPORTS + STATS_IMPORT + GADGET_LIST + helper + between + "\n" + ROOT
    return write_tree(tmp_path, {"api/urls.py": urls})


def imported_tree(tmp_path: Path, between: str = "") -> Path:
    """The helper and its list in a module of their own, urls.py importing the helper."""
    helpers = IMPORTS + GADGET_LIST + HELPER + between
    urls = "from django.urls import re_path\n\n" + STATS_IMPORT
    urls += "from shop.api.gadget_routes import gadget_routes\n" + ROOT
    return write_tree(tmp_path, {"api/urls.py": urls, "api/gadget_routes.py": helpers})


def gadget_routes_served(root: Path) -> list[tuple[str, tuple[str | None, ...], str | None]]:
    """(file, prefixes, regex) of each route serving the gadgets."""
    routes = walk(root).routes
    return [(r.relpath, r.prefixes, r.regex) for r in routes if r.name and "gadgets" in r.name]


@pytest.mark.parametrize("make", [local_tree, imported_tree], ids=["local", "imported"])
def test_the_list_a_helper_includes_is_walked_under_its_prefix(
    tmp_path: Path, make: MakeTree
) -> None:
    root = make(tmp_path)
    assert check(root) == ([], [])
    relpath = "src/shop/api/" + ("urls.py" if make is local_tree else "gadget_routes.py")
    prefix = r"^organizations/(?P<organization_id_or_slug>[^/]+)/"
    assert gadget_routes_served(root) == [(relpath, (prefix,), "^gadgets/$")]


@pytest.mark.parametrize("make", [local_tree, imported_tree], ids=["local", "imported"])
def test_a_route_of_the_included_list_is_checked(tmp_path: Path, make: MakeTree) -> None:
    """The list's route names a group the class does not take: a finding, where the list is."""
    root = make(tmp_path)
    path = root / "src/shop/api" / ("urls.py" if make is local_tree else "gadget_routes.py")
    text = path.read_text().replace("^gadgets/$", r"^gadgets/(?P<gadget_id>\d+)/$")
    path.write_text(text)
    line = text.splitlines().index("GADGET_URLS = [") + 2
    relpath = path.relative_to(root).as_posix()
    found = [("param-mismatch", f"{relpath}:{line}", "shop-api-0-organization-gadgets")]
    assert check(root) == (found, [])


REBOUND = """
GADGET_URLS = [
    re_path(r"^other/$", OrganizationWidgetsEndpoint.as_view(), name="other"),
]
"""
CHANGED = """
GADGET_URLS.sort()
"""


@pytest.mark.parametrize("make", [local_tree, imported_tree], ids=["local", "imported"])
@pytest.mark.parametrize("between", [REBOUND, CHANGED], ids=["rebound", "changed"])
def test_a_list_rebound_or_changed_after_the_helper_stays_unresolved(
    tmp_path: Path, make: MakeTree, between: str
) -> None:
    found, unresolved = check(make(tmp_path, between))
    assert found == []
    assert any("gadget_routes(...)" in text for text in unresolved), unresolved


def test_a_list_built_by_code_stays_unresolved(tmp_path: Path) -> None:
    built = (
        "\n\ndef gadget_routes(prefix):\n    return re_path(prefix, include(list(GADGET_URLS)))\n"
    )
    found, unresolved = check(local_tree(tmp_path, helper=built))
    assert found == []
    assert any("gadget_routes(...)" in text for text in unresolved), unresolved
