"""A URL module the API urls.py reaches (`*other.LIST`, `include(other.LIST)`, an imported
list, `include(other)`, `include("dotted.other")`) that does not parse (a syntax error, or
syntax newer than the Python running scaffold, as a 2025 tree written for Python 3.13 may hold)
routes what the reader cannot see: it is named, and no endpoint is called unregistered."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import run_check
from scaffold.commands.speedups import check_reading
from scaffold.project.settings import load_settings
from tests.check.trees import URLS, write_tree
from tests.helpers import run_cli

# the shop's own routes, in a module of their own that the API urls.py reaches
GADGET_URLS = URLS
# a statement of Python 3.12 (PEP 695), after the routes
NEWER = "\ntype GadgetId = int\n"

API_URLS = """
from django.urls import include, re_path

{imports}

urlpatterns = [
    {entry},
]
"""

SHAPES = {
    "spread": ("from shop.gadgets import urls as gadget_urls", "*gadget_urls.urlpatterns"),
    "include-list": (
        "from shop.gadgets import urls as gadget_urls",
        're_path(r"^", include(gadget_urls.urlpatterns))',
    ),
    "imported-list": (
        "from shop.gadgets.urls import urlpatterns as gadget_patterns",
        're_path(r"^", include(gadget_patterns))',
    ),
    "module": (
        "from shop.gadgets import urls as gadget_urls",
        're_path(r"^", include(gadget_urls))',
    ),
    "dotted": ("", 're_path(r"^", include("shop.gadgets.urls"))'),
}


def _tree(tmp_path: Path, shape: str, gadget_urls: str) -> Path:
    imports, entry = SHAPES[shape]
    files = {
        "gadgets/__init__.py": "",
        "gadgets/urls.py": gadget_urls,
        "api/urls.py": API_URLS.format(imports=imports, entry=entry),
    }
    return write_tree(tmp_path / "p", files)


def _line(root: Path) -> int:
    """The line of the statement newer than Python 3.11."""
    lines = (root / "src/shop/gadgets/urls.py").read_text().splitlines()
    return lines.index(NEWER.strip()) + 1


def _check(root: Path) -> CheckResult:
    return run_check(load_settings(root), load_check_config(root, {}, None, [], None), None)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_url_module_that_parses_routes_its_endpoint(tmp_path: Path, shape: str) -> None:
    result = _check(_tree(tmp_path, shape, GADGET_URLS))
    assert result.problems == []
    assert result.unresolved == []
    assert result.routes == 2


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_url_module_that_does_not_parse_leaves_no_endpoint_called_unregistered(
    tmp_path: Path, shape: str
) -> None:
    """The check said both endpoints were ones no route serves: Django (on
    the Python the tree is written for) serves them from the module the reader cannot parse."""
    root = _tree(tmp_path, shape, GADGET_URLS + NEWER)
    result = _check(root)
    assert [p.rule for p in result.problems] == []
    unread = [u for u in result.unresolved if u.what == "urlconf shop.gadgets.urls"]
    assert [(u.relpath, u.line) for u in unread] == [("src/shop/gadgets/urls.py", _line(root))]
    assert "does not parse with Python 3." in unread[0].why
    (entry,) = [u for u in result.unresolved if u.relpath == "src/shop/api/urls.py"]
    assert entry.line == 6  # the entry that reaches the module
    assert entry.why == "src/shop/gadgets/urls.py does not parse; no route was read from it"


@pytest.mark.parametrize("fast", [False, True], ids=["plain", "fast"])
def test_a_second_run_names_the_module_again(tmp_path: Path, cache_dir: Path, fast: bool) -> None:
    """From the fact cache too (the module's failed parse is kept, not its classes)."""
    root = _tree(tmp_path, "spread", GADGET_URLS + NEWER)
    reading = check_reading(own_process=fast)
    config = load_check_config(root, {}, None, [], None)
    first = run_check(load_settings(root), config, None, reading)
    again = run_check(load_settings(root), config, None, check_reading(own_process=fast))
    assert first.problems == again.problems == []
    assert again.unresolved == first.unresolved
    assert "urlconf shop.gadgets.urls" in [u.what for u in again.unresolved]


ROUTE_HELPER = """
from django.urls import re_path


def org_route(tail, view, name):
    return re_path(r"^organizations/(?P<organization_id_or_slug>[^/]+)/" + tail, view.as_view())
"""

HELPED_URLS = """
from django.urls import re_path

from {helper} import org_route
from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint

urlpatterns = [
    re_path(
        r"^organizations/(?P<organization_id_or_slug>[^/]+)/widgets/$",
        OrganizationWidgetsEndpoint.as_view(),
    ),
    org_route(r"stats/$", OrganizationStatsEndpoint, name="shop-api-0-organization-stats"),
]
"""


@pytest.mark.parametrize(
    ("helper", "helper_text"),
    [("shop.routing", ROUTE_HELPER + NEWER), ("outside_lib.routing", "")],
    ids=["does-not-parse", "outside-the-tree"],
)
def test_the_class_a_route_helper_the_reader_cannot_read_is_given_is_not_called_unregistered(
    tmp_path: Path, helper: str, helper_text: str
) -> None:
    """Django serves OrganizationStatsEndpoint through `org_route`; the check named the entry
    as not followed but still said no route serves the class it names."""
    files = {"routing.py": helper_text, "api/urls.py": HELPED_URLS.format(helper=helper)}
    result = _check(write_tree(tmp_path / "p", files))
    assert [p.rule for p in result.problems] == []
    (entry,) = [u for u in result.unresolved if u.what == "list entry org_route(...)"]
    assert (entry.relpath, entry.line) == ("src/shop/api/urls.py", 12)


LIST_MAKER = """
from django.urls import re_path

from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint


def stats_urls(prefix):
    return [re_path(r"^stats/$", OrganizationStatsEndpoint.as_view(), name=f"{prefix}-stats")]
"""

MADE_URLS = """
from django.urls import include, re_path

from shop.lists import stats_urls
from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint

urlpatterns = [
    re_path(
        r"^organizations/(?P<organization_id_or_slug>[^/]+)/widgets/$",
        OrganizationWidgetsEndpoint.as_view(),
    ),
    re_path(r"^organizations/(?P<organization_id_or_slug>[^/]+)/", include(stats_urls("s"))),
]
"""


@pytest.mark.parametrize("newer", ["", NEWER], ids=["parses", "does-not-parse"])
def test_a_class_whose_as_view_a_module_of_the_tree_calls_is_not_called_unregistered(
    tmp_path: Path, newer: str
) -> None:
    """`include(stats_urls("s"))` of a function of another module: followed when its module
    parses (the route it returns is walked); when it does not, the
    `OrganizationStatsEndpoint.as_view()` it calls is a place serving the class, unresolved."""
    files = {"lists.py": LIST_MAKER + newer, "api/urls.py": MADE_URLS}
    result = _check(write_tree(tmp_path / "p", files))
    assert [p.rule for p in result.problems] == []
    stats = [u for u in result.unresolved if u.what == "OrganizationStatsEndpoint.as_view()"]
    if not newer:
        assert stats == [] and result.routes == 2
        return
    assert [(u.relpath, u.line) for u in stats] == [("src/shop/lists.py", 7)]


REEXPORTED_URLS = """
from django.urls import re_path

from shop.api import {imports}

urlpatterns = [
    re_path(
        r"^organizations/(?P<organization_id_or_slug>[^/]+)/widgets/$",
        {view}.as_view(),
    ),
    re_path(
        r"^organizations/(?P<organization_id_or_slug>[^/]+)/stats/$",
        {view2}.as_view(),
    ),
]
"""

EVERYTHING = """
from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint
"""


@pytest.mark.parametrize(
    ("imports", "prefix"),
    [("everything", "everything."), ("everything\nfrom shop.api.everything import *", "")],
    ids=["module-attribute", "star-import"],
)
def test_a_class_routed_through_a_module_that_does_not_parse_is_not_called_unregistered(
    tmp_path: Path, imports: str, prefix: str
) -> None:
    """urls.py names the classes through `shop.api.everything`, which re-exports them and does
    not parse: each route was named as not followed, and each class called unregistered."""
    views = {"view": f"{prefix}OrganizationWidgetsEndpoint"}
    views["view2"] = f"{prefix}OrganizationStatsEndpoint"
    urls = REEXPORTED_URLS.format(imports=imports, **views)
    files = {"api/everything.py": EVERYTHING + NEWER, "api/urls.py": urls}
    result = _check(write_tree(tmp_path / "p", files))
    assert [p.rule for p in result.problems] == []
    assert [u.relpath for u in result.unresolved] == ["src/shop/api/urls.py"] * 2


@pytest.mark.parametrize("prefix", ["everything.", ""], ids=["module-attribute", "star-import"])
def test_list_says_of_a_class_routed_through_a_module_that_does_not_parse_what_check_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], prefix: str
) -> None:
    """`list` called both classes 'unrouted', which the check no longer reports."""
    imports = "everything" + ("\nfrom shop.api.everything import *" if not prefix else "")
    views = {"view": f"{prefix}OrganizationWidgetsEndpoint"}
    views["view2"] = f"{prefix}OrganizationStatsEndpoint"
    urls = REEXPORTED_URLS.format(imports=imports, **views)
    files = {"api/everything.py": EVERYTHING + NEWER, "api/urls.py": urls}
    root = write_tree(tmp_path / "p", files)
    table = run_cli(capsys, "list", "--project", str(root)).out.splitlines()
    assert sorted(line.split("\t")[5] for line in table) == ["elsewhere", "elsewhere"]
