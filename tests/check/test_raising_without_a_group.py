"""A convert_args that gives its URL parameter a default and raises without it (Sentry's of
2023: `organization_slug: str | None = None`, then `if not organization_slug: raise
ResourceDoesNotExist`): a route whose group is renamed on one side only 404s on every
request. It passed unseen (no handler is reached, so none was compared); it is a
param-mismatch naming the parameter. A convert_args that raises whatever the route captures
(a retired endpoint's) makes no finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import URLS, write_tree

DEFAULTED_BASE = """
from shop.api.base import Endpoint


class ResourceDoesNotExist(Exception):
    pass


class OrganizationEndpoint(Endpoint):
    def convert_args(self, request, organization_id_or_slug=None, *args, **kwargs):
        if not organization_id_or_slug:
            raise ResourceDoesNotExist
        kwargs["organization"] = organization_id_or_slug
        return (args, kwargs)
"""
# Sentry's of 2024: the parameter is popped from kwargs, under its new name or its old one
POPPED_BASE = """
from shop.api.base import Endpoint


class ResourceDoesNotExist(Exception):
    pass


class OrganizationEndpoint(Endpoint):
    def convert_args(self, request, *args, **kwargs):
        organization_id_or_slug = kwargs.pop("organization_id_or_slug", None) or kwargs.pop(
            "organization_slug", None
        )
        if not organization_id_or_slug:
            raise ResourceDoesNotExist
        kwargs["organization"] = organization_id_or_slug
        return (args, kwargs)
"""
RETIRED = """
from shop.api.bases.organization import OrganizationEndpoint, ResourceDoesNotExist


class OrganizationStatsEndpoint(OrganizationEndpoint):
    def convert_args(self, request, *args, **kwargs):
        raise ResourceDoesNotExist

    def get(self, request, organization):
        return None
"""


def _problems(tmp_path: Path, group: str, stats: str = "", base: str = DEFAULTED_BASE) -> list[str]:
    urls = URLS.replace("(?P<organization_id_or_slug>[^/]+)/widgets", f"(?P<{group}>[^/]+)/widgets")
    urls = urls.replace("(?P<organization_id_or_slug>[^/]+)/stats", f"(?P<{group}>[^/]+)/stats")
    files = {"api/bases/organization.py": base, "api/urls.py": urls}
    if stats:
        files["api/endpoints/organization_stats.py"] = stats
    root = write_tree(tmp_path, files)
    config = load_check_config(root, {}, ["param-mismatch"], [], None)
    result = run_check(load_settings(root), config, None)
    assert result.unresolved == []
    return [p.message for p in result.problems]


def test_a_route_without_the_defaulted_parameter_is_reported(tmp_path: Path) -> None:
    assert _problems(tmp_path, "organization_id_or_slug") == []
    found = _problems(tmp_path / "renamed", "organization_slug")
    assert sorted(found) == [
        f"{name}: convert_args raises on every request of this route without "
        "organization_id_or_slug, which the route does not capture"
        for name in ("OrganizationStatsEndpoint", "OrganizationWidgetsEndpoint")
    ]


@pytest.mark.parametrize("group", ["organization_id_or_slug", "organization_slug"])
def test_a_convert_args_raising_whatever_the_route_captures_is_no_mismatch(
    tmp_path: Path, group: str
) -> None:
    found = _problems(tmp_path, group, stats=RETIRED)
    assert [m for m in found if m.startswith("OrganizationStats")] == []


def test_a_parameter_popped_from_kwargs_counts_too(tmp_path: Path) -> None:
    assert _problems(tmp_path, "organization_slug", base=POPPED_BASE) == []
    found = _problems(tmp_path / "renamed", "org", base=POPPED_BASE)
    assert sorted(found) == [
        f"{name}: convert_args raises on every request of this route without "
        "organization_id_or_slug or organization_slug, which the route does not capture"
        for name in ("OrganizationStatsEndpoint", "OrganizationWidgetsEndpoint")
    ]
