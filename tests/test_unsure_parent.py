"""A lookup scoped by an object its base may store as no row (Sentry's dashboard base stores a
prebuilt dashboard as a dict): the generated endpoint answers 404 there, over real HTTP, where
reading the parent's `.id` was a 500."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, copy_project, pytest_in, run_cli

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

PANEL_MODEL = """\
from django.db import models

from acme.models.dashboard import Dashboard


class Panel(models.Model):
    dashboard = models.ForeignKey(Dashboard, on_delete=models.CASCADE)
    title = models.CharField(max_length=64, default="")
"""

PANEL_MIGRATION = """\
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("acme", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Panel",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ("title", models.CharField(default="", max_length=64)),
                (
                    "dashboard",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, to="acme.dashboard"
                    ),
                ),
            ],
        ),
    ]
"""

BUILT_IN_TEST = """\
from acme.testutils.cases import APITestCase


class BuiltInBoardTest(APITestCase):
    endpoint = "acme-api-0-organization-dashboard-panel-details"

    def test_a_panel_under_a_built_in_board_is_404(self) -> None:
        self.login_as(self.user)
        self.get_error_response(self.organization.slug, "starter", "1", status_code=404)
"""


def test_a_parent_the_base_may_store_as_a_dict_is_a_404_not_a_500(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "example")
    acme = project / "src/acme"
    (acme / "api/bases/board.py").write_text(BOARD_BASE)
    (acme / "models/panel.py").write_text(PANEL_MODEL)
    with (acme / "models/__init__.py").open("a") as models:
        models.write("\nfrom acme.models.panel import Panel  # noqa: E402\n")
    (acme / "migrations/0002_panel.py").write_text(PANEL_MIGRATION)
    route = "organizations/{organization_id_or_slug}/dashboards/{dashboard_id}/panels/{panel_id}/"
    argv = ("new-endpoint", "OrganizationDashboardPanelDetails", "--route", route)
    lookup = ("--lookup", "panel_id=acme.models.panel.Panel", "--methods", "get")

    result = run_cli(capsys, *argv, *lookup, "--project", str(project))

    assert result.code == 0, result.err
    assert "OrganizationDashboardPanelDetailsEndpoint(OrganizationBoardBase)" in result.out
    tests = project / "tests/acme/api/endpoints"
    (tests / "test_built_in_board.py").write_text(BUILT_IN_TEST)
    run = pytest_in(
        acme.parent,
        "-v",
        str(tests / "test_built_in_board.py"),
        str(tests / "test_organization_dashboard_panel_details.py"),
    )
    # the generated test (a stored board: 200, a missing panel: 404) and the built-in board's
    assert run.returncode == 0, run.stdout + run.stderr
    assert "::test_a_panel_under_a_built_in_board_is_404 PASSED" in run.stdout, run.stdout
    assert "::test_missing_panel_is_404 PASSED" in run.stdout, run.stdout


def test_a_parent_the_base_gets_from_its_models_manager_is_not_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Organization.objects.get(...)` gives a row: its `.id` is read as it is."""
    project = copy_project(EXAMPLE, tmp_path / "example")
    argv = ("new-endpoint", "OrganizationBoardDetails", "--route")
    route = "organizations/{organization_id_or_slug}/boards/{board_id}/"
    lookup = ("--lookup", "board_id=acme.models.dashboard.Dashboard", "--dry-run")

    result = run_cli(capsys, *argv, route, *lookup, "--project", str(project))

    assert result.code == 0, result.err
    assert 'organization_id=kwargs["organization"].id' in result.out
    assert "getattr" not in result.out


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
