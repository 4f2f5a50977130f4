"""A lookup scoped by an object its base may store as no row (Sentry's dashboard base stores a
prebuilt dashboard as a dict)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, copy_project, run_cli

# A board is a stored Dashboard, or one of the built-in boards, given as plain dicts.
BOARD_BASE = """\
from typing import Any

from rest_framework.request import Request

from acme.api.base import ConvertedArgs
from acme.api.bases.organization import OrganizationEndpoint
from acme.api.exceptions import ResourceDoesNotExist
from acme.models.dashboard import Dashboard

BUILT_IN = {"starter": {"id": "starter", "title": "Starter board"}}


class OrganizationBoardBase(OrganizationEndpoint):
    def convert_args(
        self, request: Request, dashboard_id: str, *args: Any, **kwargs: Any
    ) -> ConvertedArgs:
        args, kwargs = super().convert_args(request, *args, **kwargs)
        try:
            kwargs["dashboard"] = self._find_board(kwargs["organization"], dashboard_id)
        except (Dashboard.DoesNotExist, ValueError):
            raise ResourceDoesNotExist
        return (args, kwargs)

    def _find_board(self, organization: Any, dashboard_id: str) -> Any:
        if dashboard_id in BUILT_IN:
            return BUILT_IN[dashboard_id]
        return Dashboard.objects.get(id=dashboard_id, organization_id=organization.id)
"""


def test_a_base_method_declared_to_return_any_gives_no_model(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`def _find_board(...) -> Any`: the object is the Dashboard the base's module imports,
    as for a method declaring nothing, not `Any.objects.create(...)` in the generated test."""
    project = copy_project(EXAMPLE, tmp_path / "example")
    (project / "src/acme/api/bases/board.py").write_text(BOARD_BASE)
    route = "organizations/{organization_id_or_slug}/dashboards/{dashboard_id}/summary/"
    argv = ("new-endpoint", "OrganizationDashboardSummary", "--route", route, "--dry-run")

    result = run_cli(capsys, *argv, "--project", str(project))

    assert result.code == 0, result.err
    assert "self.create_dashboard(organization=self.organization)" in result.out
    assert "dashboard: Dashboard" in result.out
    assert "Any.objects" not in result.out
