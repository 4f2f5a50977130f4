"""Small Sentry-shaped trees for the check tests, written into tmp_path."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

BASE = """
class Endpoint:
    owner = None
    publish_status = {}

    def convert_args(self, request, *args, **kwargs):
        return (args, kwargs)


def region_silo_endpoint(cls):
    return cls
"""

ORGANIZATION_BASE = """
from shop.api.base import Endpoint


class OrganizationEndpoint(Endpoint):
    def convert_args(self, request, organization_id_or_slug, *args, **kwargs):
        kwargs["organization"] = organization_id_or_slug
        return (args, kwargs)
"""

WIDGETS = """
from shop.api.bases.organization import OrganizationEndpoint


class OrganizationWidgetsEndpoint(OrganizationEndpoint):
    owner = "ApiOwner.ISSUES"
    publish_status = {"GET": "PRIVATE"}

    def get(self, request, organization):
        return None
"""

STATS = """
from shop.api.bases.organization import OrganizationEndpoint


class OrganizationStatsEndpoint(OrganizationEndpoint):
    owner = "ApiOwner.ISSUES"
    publish_status = {"GET": "PRIVATE"}

    def get(self, request, organization):
        return None
"""

# an endpoint module no route serves (the fact cache and kept-answer tests)
UNROUTED = """
from shop.api.bases.organization import OrganizationEndpoint


class OrganizationAuditEndpoint(OrganizationEndpoint):
    def get(self, request, organization):
        return None
"""
AUDIT = "src/shop/api/endpoints/organization_audit.py"

# two endpoints of one module taking no URL argument, and a private name for one of them
TEAMS = """
from shop.api.base import Endpoint


class TeamListEndpoint(Endpoint):
    def get(self, request):
        return None


class NewTeamEndpoint(Endpoint):
    def get(self, request):
        return None


_HiddenTeamEndpoint = NewTeamEndpoint
"""

URLS = """
from django.urls import include, re_path

from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint

ORGANIZATION_URLS = [
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/widgets/$",
        OrganizationWidgetsEndpoint.as_view(),
        name="shop-api-0-organization-widgets",
    ),
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/stats/$",
        OrganizationStatsEndpoint.as_view(),
        name="shop-api-0-organization-stats",
    ),
]

urlpatterns = [
    re_path(r"^organizations/", include(ORGANIZATION_URLS)),
]
"""


def write_tree(root: Path, files: dict[str, str] | None = None) -> Path:
    """A `shop` project: Endpoint, OrganizationEndpoint, two routed endpoints, plus `files`
    (relative to src/shop/, replacing the defaults; an empty text deletes the file)."""
    tree = {
        "__init__.py": "",
        "api/__init__.py": "",
        "api/base.py": BASE,
        "api/bases/__init__.py": "",
        "api/bases/organization.py": ORGANIZATION_BASE,
        "api/endpoints/__init__.py": "",
        "api/endpoints/organization_widgets.py": WIDGETS,
        "api/endpoints/organization_stats.py": STATS,
        "api/urls.py": URLS,
        **(files or {}),
    }
    for relpath, text in tree.items():
        path = root / "src" / "shop" / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if text or relpath.endswith("__init__.py"):
            path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return root


def cache_body(path: Path) -> Any:
    """What a cache file of scaffold's holds, past its digest line (`fact_cache.write_json`)."""
    return json.loads(path.read_bytes().partition(b"\n")[2])
