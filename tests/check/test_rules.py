"""Each rule on a small tree that triggers it (exact findings) and one where it stays silent."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import RULES
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import STATS, URLS, write_tree

URLS_PATH = "src/shop/api/urls.py"


def findings(root: Path, rule: str) -> list[tuple[str, int, str, str]]:
    settings = load_settings(root)
    config = load_check_config(root, {}, [rule], [], None)
    result = run_check(settings, config, None)
    return [(p.path, p.line, p.symbol, p.message) for p in result.problems]


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_is_silent_on_a_clean_tree(tmp_path: Path, rule: str) -> None:
    assert findings(write_tree(tmp_path), rule) == []


def test_unregistered_endpoint(tmp_path: Path) -> None:
    urls = URLS.replace(
        "OrganizationStatsEndpoint.as_view()", "OrganizationWidgetsEndpoint.as_view()"
    )
    root = write_tree(tmp_path, {"api/urls.py": urls})
    assert findings(root, "unregistered-endpoint") == [
        (
            "src/shop/api/endpoints/organization_stats.py",
            4,
            "OrganizationStatsEndpoint",
            (
                "OrganizationStatsEndpoint is an endpoint no route serves; register it in urls.py "
                "(`scaffold new-endpoint OrganizationStatsEndpoint --route ROUTE --module "
                "shop.api.endpoints.organization_stats --skip` writes the route and its import) "
                "or remove the class"
            ),
        )
    ]


def test_bases_mixins_and_aliases(tmp_path: Path) -> None:
    """A subclassed base and a handler-less class need no route; a handler from a mixin makes a
    class concrete; an aliased import of a base is followed."""
    files = {
        "api/endpoints/shared.py": """
            from shop.api.bases.organization import OrganizationEndpoint as OrgBase


            class GetMixin:
                def get(self, request, organization):
                    return None


            class StatsBase(OrgBase):
                def get(self, request, organization):
                    return None


            class ReportsEndpoint(StatsBase):
                def get(self, request, organization):
                    return None


            class NoHandlers(OrgBase):
                pass


            class MixedEndpoint(GetMixin, OrgBase):
                pass
        """,
    }
    root = write_tree(tmp_path, files)
    assert [f[2] for f in findings(root, "unregistered-endpoint")] == [
        "ReportsEndpoint",
        "MixedEndpoint",
    ]


def test_unknown_view(tmp_path: Path) -> None:
    urls = URLS.replace(
        '    re_path(r"^organizations/"',
        '    re_path(r"^ghost/$", GhostEndpoint.as_view(), name="ghost"),\n'
        '    re_path(r"^helper/$", Helper.as_view(), name="helper"),\n'
        '    re_path(r"^organizations/"',
    ).replace("from django.urls", "from shop.api.helpers import Helper\nfrom django.urls")
    root = write_tree(
        tmp_path, {"api/urls.py": urls, "api/helpers.py": "class Helper:\n    pass\n"}
    )
    assert findings(root, "unknown-view") == [
        (
            URLS_PATH,
            21,
            "GhostEndpoint",
            "GhostEndpoint is neither imported nor defined in this module; import it",
        ),
        (URLS_PATH, 22, "Helper", "Helper does not inherit from Endpoint; route an endpoint class"),
    ]


def test_duplicate_route_name(tmp_path: Path) -> None:
    urls = URLS.replace('"shop-api-0-organization-stats"', '"shop-api-0-organization-widgets"')
    root = write_tree(tmp_path, {"api/urls.py": urls})
    assert findings(root, "duplicate-route-name") == [
        (
            URLS_PATH,
            12,
            "shop-api-0-organization-widgets",
            (
                f"name 'shop-api-0-organization-widgets' is also used at {URLS_PATH}:7 for a "
                "route taking the same arguments (organization_id_or_slug); reverse() returns "
                "only one of them, rename this one"
            ),
        )
    ]


def test_unreachable_route(tmp_path: Path) -> None:
    urls = URLS.replace(r"/widgets/$", r"/(?P<widget_id>[^/]+)/$").replace(
        'organizations/", include(ORGANIZATION_URLS)),',
        'organizations/", include(ORGANIZATION_URLS)),\n'
        '    re_path(r"^", OrganizationWidgetsEndpoint.as_view(), name="catchall"),\n'
        '    re_path(r"^late/$", OrganizationStatsEndpoint.as_view(), name="late"),',
    )
    root = write_tree(tmp_path, {"api/urls.py": urls})
    assert findings(root, "unreachable-route") == [
        (
            URLS_PATH,
            12,
            "shop-api-0-organization-stats",
            (
                "never matches: the earlier pattern '^(?P<organization_id_or_slug>[^/]+)/"
                "(?P<widget_id>[^/]+)/$' at line 7 matches every path this one would; move this "
                "route above it"
            ),
        ),
        (
            URLS_PATH,
            22,
            "late",
            (
                "never matches: the earlier pattern '^' at line 21 matches every path this one "
                "would; move this route above it"
            ),
        ),
    ]


def test_literal_before_parameter_is_reachable(tmp_path: Path) -> None:
    urls = URLS.replace(r"/widgets/$", r"/(?P<widget_id>[^/]+)/$")
    urls = urls.replace(  # stats (literal) first, then the parameter route: both reachable
        urls[urls.index("    re_path(\n") : urls.index("]\n")],
        urls[urls.index("    re_path(\n", urls.index("widget_id")) : urls.index("]\n")]
        + urls[
            urls.index("    re_path(\n") : urls.index("    re_path(\n", urls.index("widget_id"))
        ],
    )
    assert findings(write_tree(tmp_path, {"api/urls.py": urls}), "unreachable-route") == []


def test_param_mismatch(tmp_path: Path) -> None:
    stats = STATS.replace("def get(self, request, organization)", "def get(self, request)")
    urls = URLS.replace(r"^(?P<organization_id_or_slug>[^/]+)/widgets/$", r"^widgets/$")
    root = write_tree(tmp_path, {"api/endpoints/organization_stats.py": stats, "api/urls.py": urls})
    assert findings(root, "param-mismatch") == [
        (
            URLS_PATH,
            7,
            "shop-api-0-organization-widgets",
            (
                "OrganizationWidgetsEndpoint: convert_args needs organization_id_or_slug, which the "
                "route does not capture"
            ),
        ),
        (
            URLS_PATH,
            12,
            "shop-api-0-organization-stats",
            "OrganizationStatsEndpoint: get() does not accept 'organization' (add it or **kwargs)",
        ),
    ]


def test_param_mismatch_accepts_kwargs_handlers_and_pop_chains(tmp_path: Path) -> None:
    base = """
        from shop.api.base import Endpoint


        class OrganizationEndpoint(Endpoint):
            def convert_args(self, request, *args, **kwargs):
                slug = kwargs.pop("organization_id_or_slug", None) or kwargs.pop("organization_slug")
                kwargs["organization"] = slug
                return (args, kwargs)
    """
    stats = STATS.replace(
        "def get(self, request, organization)", "def get(self, request, **kwargs)"
    )
    urls = URLS.replace("organization_id_or_slug>[^/]+)/stats", "organization_slug>[^/]+)/stats")
    files = {"api/bases/organization.py": base, "api/endpoints/organization_stats.py": stats}
    root = write_tree(tmp_path, {**files, "api/urls.py": urls})
    assert findings(root, "param-mismatch") == []


def test_missing_owner_and_publish_status(tmp_path: Path) -> None:
    stats = STATS.replace(
        '    owner = "ApiOwner.ISSUES"\n    publish_status = {"GET": "PRIVATE"}\n', ""
    )
    root = write_tree(tmp_path, {"api/endpoints/organization_stats.py": stats})
    # the tree defines no ApiOwner: the advice names only what the rule looks for
    assert [f[2:] for f in findings(root, "missing-owner")] == [
        (
            "OrganizationStatsEndpoint",
            (
                "OrganizationStatsEndpoint has no owner; the tree defines no ApiOwner enum: set "
                "an `owner` class attribute on it or on a base, or leave missing-owner off"
            ),
        )
    ]
    owners = "import enum\n\n\nclass ApiOwner(enum.Enum):\n    ISSUES = 'issues'\n"
    (root / "src/shop/api/api_owners.py").write_text(owners, encoding="utf-8")
    assert [f[3] for f in findings(root, "missing-owner")] == [
        (
            "OrganizationStatsEndpoint has no owner; set `owner = ApiOwner.<TEAM>` "
            "(shop.api.api_owners)"
        )
    ]
    assert [f[2:] for f in findings(root, "missing-publish-status")] == [
        (
            "OrganizationStatsEndpoint",
            (
                "OrganizationStatsEndpoint handles GET without a publish_status entry; add one per "
                "method"
            ),
        )
    ]


def test_duplicate_view(tmp_path: Path) -> None:
    urls = URLS.replace(
        "OrganizationStatsEndpoint.as_view()", "OrganizationWidgetsEndpoint.as_view()"
    )
    root = write_tree(tmp_path, {"api/urls.py": urls})
    assert findings(root, "duplicate-view") == [
        (
            URLS_PATH,
            12,
            "OrganizationWidgetsEndpoint",
            f"OrganizationWidgetsEndpoint is also served at {URLS_PATH}:7",
        )
    ]
