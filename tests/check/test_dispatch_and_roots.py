"""Views inside a dispatch helper, urlconf roots outside the API urls.py, and route entries the
walk cannot follow (recorded as unresolved; no finding made from them)."""

from __future__ import annotations

from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.test_route_helpers import URLS_PATH, check, served, walk
from tests.check.trees import STATS, WIDGETS, write_tree

DISPATCH_URLS = """
from django.urls import include, re_path

from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint
from shop.api.utils import by_method

ORGANIZATION_URLS = [
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/widgets/$",
        by_method(
            GET=OrganizationWidgetsEndpoint.as_view(),
            POST=OrganizationStatsEndpoint.as_view(),
            csrf_exempt=True,
        ),
        name="shop-api-0-organization-widgets",
    ),
]

urlpatterns = [
    re_path(r"^organizations/", include(ORGANIZATION_URLS)),
]
"""

BY_METHOD = """
def by_method(**handlers):
    def dispatch(request, *args, **kwargs):
        return handlers[request.method](request, *args, **kwargs)

    return dispatch
"""


def test_every_view_inside_a_dispatch_helper_is_routed(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {"api/urls.py": DISPATCH_URLS, "api/utils.py": BY_METHOD})
    reader = walk(root)
    assert [(line, view) for line, _, view, _ in served(reader.routes)] == [
        (20, None),  # the include
        (8, "OrganizationWidgetsEndpoint"),
        (8, "OrganizationStatsEndpoint"),
    ]
    assert reader.unresolved == []
    assert check(root) == ([], [])


def test_each_view_of_a_dispatch_is_checked_against_the_route(tmp_path: Path) -> None:
    widgets = WIDGETS.replace("def get(self, request, organization)", "def get(self, request)")
    root = write_tree(
        tmp_path,
        {
            "api/urls.py": DISPATCH_URLS,
            "api/utils.py": BY_METHOD,
            "api/endpoints/organization_widgets.py": widgets,
        },
    )
    assert check(root) == (
        [("param-mismatch", f"{URLS_PATH}:8", "shop-api-0-organization-widgets")],
        [],
    )


def test_a_view_under_a_methods_name_is_checked_for_that_method_only(tmp_path: Path) -> None:
    """`POST=OrganizationStatsEndpoint.as_view()`: a GET of that path never reaches the class
    (the dispatch answers 405), so its `get` is not compared with the route; its `post` is."""
    stats = STATS.replace("def get(self, request, organization)", "def get(self, request)")
    files = {"api/urls.py": DISPATCH_URLS, "api/utils.py": BY_METHOD}
    root = write_tree(tmp_path, {**files, "api/endpoints/organization_stats.py": stats})
    assert check(root) == ([], [])
    stats += "\n    def post(self, request):\n        return None\n"
    root = write_tree(tmp_path, {**files, "api/endpoints/organization_stats.py": stats})
    settings = load_settings(root)
    config = load_check_config(root, {}, ["param-mismatch"], [], None)
    (problem,) = run_check(settings, config, None).problems
    assert problem.message.startswith("OrganizationStatsEndpoint: post() does not accept")


def test_a_module_defining_urlpatterns_is_a_urlconf_root(tmp_path: Path) -> None:
    gateway = r"""
        from django.conf import urls

        from shop.api.bases.organization import OrganizationEndpoint


        class GatewayEndpoint(OrganizationEndpoint):
            def get(self, request, organization):
                return None


        class HelperRoutedEndpoint(OrganizationEndpoint):
            name = "helper-routed"

            def get(self, request, organization):
                return None


        class DispatchedEndpoint(OrganizationEndpoint):
            def get(self, request, organization):
                return None


        class UnroutedEndpoint(OrganizationEndpoint):
            def get(self, request, organization):
                return None


        def url2(pattern, cls):
            return urls.url(pattern, cls.as_view(), name=cls.name)


        def each(**views):
            return views


        urlpatterns = [
            urls.url(r"^a/(?P<organization_id_or_slug>[^\/]+)/$", GatewayEndpoint.as_view()),
            url2(r"^b/(?P<organization_id_or_slug>[^\/]+)/$", HelperRoutedEndpoint),
            urls.url(r"^c/$", each(GET=DispatchedEndpoint.as_view())),
        ]
    """
    root = write_tree(tmp_path, {"testutils/gateway.py": gateway})
    assert check(root, ["unregistered-endpoint"]) == (
        [("unregistered-endpoint", "src/shop/testutils/gateway.py:23", "UnroutedEndpoint")],
        [],
    )


def test_routes_the_walk_cannot_follow_are_unresolved(tmp_path: Path) -> None:
    urls = """
        from django.urls import include, re_path

        from shop.api import patterns
        from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
        from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint
        from shop.views import index

        urlpatterns = [
            re_path(patterns.widgets(), OrganizationWidgetsEndpoint.as_view(), name="widgets"),
            re_path(r"^$", index, name="index"),
            re_path(r"^elsewhere/", include("outside.urls")),
            re_path(
                r"^(?P<organization_id_or_slug>[^/]+)/stats/$",
                OrganizationStatsEndpoint.as_view(),
                name="stats",
            ),
        ]
    """
    root = write_tree(tmp_path, {"api/urls.py": urls})
    # no finding from the entries the walk cannot follow: the widgets class counts as routed
    # and its pattern is unknown, so no param-mismatch is claimed about it
    assert check(root) == (
        [],
        [
            (
                f"{URLS_PATH}:9: route pattern patterns.widgets(): "
                "patterns.widgets() is not a function of the tree the reader can follow"
            ),
            f"{URLS_PATH}:10: route view index: not an X.as_view() call",
            f"{URLS_PATH}:11: include 'outside.urls': the module is not in the tree",
        ],
    )


AS_VIEW_URLS = """
from django.urls import include, re_path

from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint

METHODS = ["get"]

ORGANIZATION_URLS = [
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/stats/$",
        OrganizationStatsEndpoint.as_view(http_method_names=GIVEN),
        name="shop-api-0-organization-stats",
    ),
]

urlpatterns = [
    re_path(r"^organizations/", include(ORGANIZATION_URLS)),
]
"""


def test_http_method_names_given_to_as_view_decide_the_handlers_compared(tmp_path: Path) -> None:
    """Django lets only the methods `as_view(http_method_names=[...])` names reach the
    handlers (405 for the rest): a handler left out is not compared with the route; one the
    reader cannot read leaves the route not followed."""
    stats = STATS + "\n    def post(self, request):\n        return None\n"
    found = {}
    for given in ('["get"]', '["GET", "post"]', "METHODS"):
        urls = AS_VIEW_URLS.replace("GIVEN", given)
        files = {"api/urls.py": urls, "api/endpoints/organization_stats.py": stats}
        found[given] = check(write_tree(tmp_path / given.strip('[]"'), files), ["param-mismatch"])
    assert found['["get"]'] == ([], [])
    assert found['["GET", "post"]'][0] == [
        ("param-mismatch", f"{URLS_PATH}:8", "shop-api-0-organization-stats")
    ]
    assert found["METHODS"][0] == []
    assert any("is not a literal list" in text for text in found["METHODS"][1])


def test_what_django_never_dispatches_is_not_compared_and_head_is_get(tmp_path: Path) -> None:
    """`http_method_names=["GET"]`: Django compares `request.method.lower()`, so nothing gets
    through; `get=X.as_view()` in a dispatch helper keyed by `request.method` (upper case) is
    not known to be reached (unresolved); `HEAD=X.as_view()` reaches `get()`, as Django's
    View.setup hands HEAD to `get` when a class has no `head`."""
    stats = STATS.replace("def get(self, request, organization)", "def get(self, request)")
    cases = {
        'OrganizationStatsEndpoint.as_view(http_method_names=["GET"])': ([], False),
        "by_method(get=OrganizationStatsEndpoint.as_view())": ([], True),
        "by_method(HEAD=OrganizationStatsEndpoint.as_view())": (["param-mismatch"], False),
        'OrganizationStatsEndpoint.as_view(http_method_names=["head"])': (
            ["param-mismatch"],
            False,
        ),
    }
    for number, (view, (rules, unresolved)) in enumerate(cases.items()):
        urls = AS_VIEW_URLS.replace(
            "OrganizationStatsEndpoint.as_view(http_method_names=GIVEN)", view
        )
        urls = urls.replace("METHODS = [", "from shop.api.utils import by_method\n\nMETHODS = [")
        files = {"api/urls.py": urls, "api/utils.py": BY_METHOD}
        files["api/endpoints/organization_stats.py"] = stats
        found, places = check(write_tree(tmp_path / str(number), files), ["param-mismatch"])
        assert [rule for rule, _, _ in found] == rules, view
        assert any("naming no HTTP method" in text for text in places) is unresolved, view
