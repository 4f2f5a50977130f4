"""Routes built by helpers: route helpers in urls.py or imported from the project, views inside a
dispatch helper, and urlconf roots outside the API urls.py. Each is understood (the routes it
builds are checked like any other) or recorded as unresolved (no finding made from it)."""

from __future__ import annotations

from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from scaffold.pysource.tree import Tree
from scaffold.pysource.unresolved import Unresolved
from scaffold.pysource.urlconf import RouteEntry, RoutingReader
from tests.check.trees import WIDGETS, write_tree

URLS_PATH = "src/shop/api/urls.py"
DEFAULT_RULES = [
    "unregistered-endpoint",
    "unknown-view",
    "duplicate-route-name",
    "unreachable-route",
    "param-mismatch",
]

# an endpoint that names its own route, as a fork's `url2(pattern, cls)` helper expects
NAMED = """
from shop.api.bases.organization import OrganizationEndpoint


class OrganizationGadgetsEndpoint(OrganizationEndpoint):
    name = "shop-api-0-organization-gadgets"

    def get(self, request, organization):
        return None


class GadgetBase(OrganizationEndpoint):
    name = "shop-api-0-gadget-base"


class OrganizationGadgetDetailsEndpoint(GadgetBase):
    def get(self, request, organization, gadget_id):
        return None
"""

# the fork's shape: `{org}` expanded by a wrapper of Django's url(), a helper taking the class
HELPER_URLS = r"""
from django.conf import urls

from shop.api.endpoints.gadgets import (
    OrganizationGadgetDetailsEndpoint,
    OrganizationGadgetsEndpoint,
)
from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint


def expand(text):
    '''Common placeholders.'''
    text = text.replace("{org}", r"(?P<organization_id_or_slug>[^\/]+)")
    return text


def url(pattern, *args, **kwargs):
    return urls.url(expand(pattern), *args, **kwargs)


def url2(pattern, cls):
    return url(pattern, cls.as_view(), name=cls.name)


urlpatterns = [
    url2(r"^organizations/{org}/gadgets/$", OrganizationGadgetsEndpoint),
    url2(
        r"^organizations/{org}/gadgets/(?P<gadget_id>[^\/]+)/$",
        OrganizationGadgetDetailsEndpoint,
    ),
    url(
        r"^organizations/{org}/widgets/$",
        OrganizationWidgetsEndpoint.as_view(),
        name="shop-api-0-organization-widgets",
    ),
    url(
        "^organizations/%s/stats/$" % "{org}",
        view=OrganizationStatsEndpoint.as_view(),
        name="shop-api-0-organization-{}".format("stats"),
    ),
]
"""


def check(
    root: Path, rules: list[str] | None = None
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """(rule, path:line, symbol) of each finding, and each unresolved record as text."""
    settings = load_settings(root)
    config = load_check_config(root, {}, rules or DEFAULT_RULES, [], None)
    result = run_check(settings, config, None)
    found = [(p.rule, f"{p.path}:{p.line}", p.symbol) for p in result.problems]
    return found, [u.as_text() for u in result.unresolved]


def walk(root: Path, module: str = "shop.api.urls") -> RoutingReader:
    settings = load_settings(root)
    reader = RoutingReader(Tree(settings.project_root, settings.src_root))
    reader.walk_root(module)
    return reader


def served(routes: list[RouteEntry]) -> list[tuple[int, str | None, str | None, str | None]]:
    return [(r.line, r.regex, r.view.text if r.view else None, r.name) for r in routes]


ORG = r"(?P<organization_id_or_slug>[^\/]+)"


def test_helpers_in_urls_py_build_the_routes_django_would(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"api/endpoints/gadgets.py": NAMED, "api/urls.py": HELPER_URLS})
    reader = walk(root)
    assert served(reader.routes) == [
        (
            26,
            rf"^organizations/{ORG}/gadgets/$",
            "OrganizationGadgetsEndpoint",
            "shop-api-0-organization-gadgets",
        ),
        (
            27,
            rf"^organizations/{ORG}/gadgets/(?P<gadget_id>[^\/]+)/$",
            "OrganizationGadgetDetailsEndpoint",
            "shop-api-0-gadget-base",  # inherited from its base class
        ),
        (
            31,
            rf"^organizations/{ORG}/widgets/$",
            "OrganizationWidgetsEndpoint",
            "shop-api-0-organization-widgets",
        ),
        (
            36,
            rf"^organizations/{ORG}/stats/$",
            "OrganizationStatsEndpoint",
            "shop-api-0-organization-stats",
        ),
    ]
    assert reader.routes[0].groups == ("organization_id_or_slug",)
    assert reader.routes[0].view is not None
    assert reader.routes[0].view.dotted == "shop.api.endpoints.gadgets.OrganizationGadgetsEndpoint"
    assert reader.unresolved == []
    assert check(root) == ([], [])


def test_a_helper_built_route_is_checked_like_any_other(tmp_path: Path) -> None:
    """Found through the helper: a real parameter mismatch and a real duplicate name."""
    # the helper names the gadgets route (organization alone) as the widgets route is named
    gadgets = NAMED.replace(
        '"shop-api-0-organization-gadgets"', '"shop-api-0-organization-widgets"'
    )
    widgets = WIDGETS.replace("def get(self, request, organization)", "def get(self, request)")
    files = {"api/endpoints/organization_widgets.py": widgets, "api/endpoints/gadgets.py": gadgets}
    root = write_tree(tmp_path, {**files, "api/urls.py": HELPER_URLS})
    assert check(root) == (
        [
            ("duplicate-route-name", f"{URLS_PATH}:31", "shop-api-0-organization-widgets"),
            ("param-mismatch", f"{URLS_PATH}:31", "shop-api-0-organization-widgets"),
        ],
        [],
    )


def test_a_helper_imported_from_the_project(tmp_path: Path) -> None:
    routing = r"""
        from django.urls import re_path

        SLUG = r"[^/]+"


        def org_route(suffix, view, name, scope="organization"):
            pattern = f"^(?P<{scope}_id_or_slug>{SLUG})/{suffix}/$"
            return re_path(pattern, view, name=name)


        def named(cls, suffix, **extra):
            return org_route(suffix, cls.as_view(), name="shop-api-0-%s" % cls.name, **extra)
    """
    urls = """
        from django.urls import include, re_path

        from shop.api.endpoints.gadgets import OrganizationGadgetsEndpoint
        from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
        from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint
        from shop.api.routing import named, org_route

        ORGANIZATION_URLS = [
            org_route("widgets", OrganizationWidgetsEndpoint.as_view(), "shop-api-0-widgets"),
            org_route(view=OrganizationStatsEndpoint.as_view(), suffix="stats", name="stats"),
            named(OrganizationGadgetsEndpoint, "gadgets", scope="organization"),
        ]

        urlpatterns = [
            re_path(r"^organizations/", include(ORGANIZATION_URLS)),
        ]
    """
    gadgets = NAMED.replace('"shop-api-0-organization-gadgets"', '"gadgets"')
    root = write_tree(
        tmp_path,
        {"api/routing.py": routing, "api/endpoints/gadgets.py": gadgets, "api/urls.py": urls},
    )
    reader = walk(root)
    assert served(reader.routes)[1:] == [
        (
            9,
            "^(?P<organization_id_or_slug>[^/]+)/widgets/$",
            "OrganizationWidgetsEndpoint",
            "shop-api-0-widgets",
        ),
        (10, "^(?P<organization_id_or_slug>[^/]+)/stats/$", "OrganizationStatsEndpoint", "stats"),
        (
            11,
            "^(?P<organization_id_or_slug>[^/]+)/gadgets/$",
            "OrganizationGadgetsEndpoint",
            "shop-api-0-gadgets",
        ),
    ]
    assert reader.routes[1].prefixes == ("^organizations/",)
    # the gadget details endpoint has no route: a real finding, and the only one
    assert check(root) == (
        [
            (
                "unregistered-endpoint",
                "src/shop/api/endpoints/gadgets.py:15",
                "OrganizationGadgetDetailsEndpoint",
            )
        ],
        [],
    )


def test_a_helper_too_complex_to_follow_routes_its_classes_and_is_unresolved(
    tmp_path: Path,
) -> None:
    urls = """
        from django.urls import re_path

        from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
        from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint


        def versioned(pattern, cls, name):
            if pattern.startswith("^"):
                pattern = pattern[1:]
            return re_path("^v1/" + pattern, cls.as_view(), name=name)


        urlpatterns = [
            versioned(r"^widgets/$", OrganizationWidgetsEndpoint, "widgets"),
            re_path(r"^stats/$", OrganizationStatsEndpoint.as_view(), name="stats"),
        ]
    """
    root = write_tree(tmp_path, {"api/urls.py": urls})
    reader = walk(root)
    assert served(reader.routes) == [(15, "^stats/$", "OrganizationStatsEndpoint", "stats")]
    assert reader.unresolved == [
        Unresolved(
            URLS_PATH,
            14,
            "route helper versioned(...)",
            "the body of versioned() is not plain assignments and a return",
        )
    ]
    # the stats route still gets its (real) finding; the widgets class counts as routed
    assert check(root) == (
        [("param-mismatch", f"{URLS_PATH}:15", "stats")],
        [
            (
                f"{URLS_PATH}:14: route helper versioned(...): "
                "the body of versioned() is not plain assignments and a return"
            )
        ],
    )
