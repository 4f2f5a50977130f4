"""An include a route helper of the tree builds opens the namespace it gives Django
(`include(module, namespace=version)`, `include((LIST, "app"))`, the included module's
`app_name`): `reverse()` tells its routes apart from those of another namespace by it, so two
routes sharing a name there are no duplicate; a namespace the reader cannot read makes none."""

from __future__ import annotations

from pathlib import Path

from tests.check.test_route_helpers import check
from tests.check.trees import write_tree

RULES = ["duplicate-route-name", "unreachable-route", "param-mismatch"]

# two versions of the API, each a module naming its route "gadgets"
V1 = r"""
from django.urls import re_path

from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint

urlpatterns = [
    re_path(
        r"^(?P<organization_id_or_slug>[^\/]+)/gadgets/$",
        OrganizationWidgetsEndpoint.as_view(),
        name="gadgets",
    ),
]
"""
V2 = V1.replace(
    "organization_widgets import OrganizationWidgetsEndpoint",
    "organization_stats import OrganizationStatsEndpoint",
).replace("OrganizationWidgetsEndpoint.as_view", "OrganizationStatsEndpoint.as_view")

URLS = r"""
from django.urls import include, re_path


def versioned(prefix, module, version):
    return re_path(prefix, include(module, namespace=version))


urlpatterns = [
    versioned(r"^v1/", "shop.api.v1_urls", "v1"),
    versioned(r"^v2/", "shop.api.v2_urls", "v2"),
]
"""


def tree(tmp_path: Path, urls: str, v2: str = V2) -> Path:
    files = {"api/urls.py": urls, "api/v1_urls.py": V1, "api/v2_urls.py": v2}
    return write_tree(tmp_path, files)


def test_routes_under_two_namespaces_a_helper_opens_are_no_duplicate(tmp_path: Path) -> None:
    assert check(tree(tmp_path, URLS), RULES) == ([], [])


def test_a_module_app_name_under_a_helper_include_is_its_namespace(tmp_path: Path) -> None:
    urls = URLS.replace("include(module, namespace=version)", "include(module)")
    v2 = V2.replace("urlpatterns = [", 'app_name = "legacy"\n\nurlpatterns = [')
    assert check(tree(tmp_path, urls, v2), RULES) == ([], [])


def test_the_same_namespace_twice_is_still_a_duplicate(tmp_path: Path) -> None:
    urls = URLS.replace('"shop.api.v2_urls", "v2"', '"shop.api.v2_urls", "v1"')
    found = check(tree(tmp_path, urls), RULES)
    assert found == ([("duplicate-route-name", "src/shop/api/v2_urls.py:6", "gadgets")], [])


def test_a_namespace_the_reader_cannot_read_makes_no_duplicate(tmp_path: Path) -> None:
    urls = URLS.replace('"shop.api.v2_urls", "v2"', '"shop.api.v2_urls", VERSION')
    urls = urls.replace("urlpatterns = [", 'VERSION = "v" + str(2)\n\nurlpatterns = [')
    assert check(tree(tmp_path, urls), RULES) == ([], [])
