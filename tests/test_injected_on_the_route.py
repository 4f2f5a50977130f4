"""The handlers take what the base injects on *this* route: an object the base stores only
when a parameter is present (`if checkin_id: kwargs["checkin"] = ...`, as Sentry's
MonitorEndpoint does) is no handler parameter on a route without it, so what new-endpoint
writes, check accepts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, copy_project, run_cli

OPTIONAL_CHECKIN = """\
from __future__ import annotations

from typing import Any

from .project import ProjectEndpoint


class MonitorEnvironmentsBaseEndpoint(ProjectEndpoint):
    def convert_args(
        self,
        request: Any,
        monitor_id_or_slug: str,
        checkin_id: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[Any, Any]:
        args, kwargs = super().convert_args(request, *args, **kwargs)
        kwargs["monitor"] = monitor_id_or_slug
        if checkin_id:
            kwargs["checkin"] = checkin_id
        return args, kwargs
"""
MONITOR = "projects/{organization_id_or_slug}/{project_id_or_slug}/monitors/{monitor_id_or_slug}/"


@pytest.mark.parametrize(
    ("route", "takes_checkin"),
    [(MONITOR + "environments/", False), (MONITOR + "checkins/{checkin_id}/notes/", True)],
)
def test_an_object_stored_only_with_a_parameter_follows_the_route(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], route: str, takes_checkin: bool
) -> None:
    root = copy_project(FIXTURES / "modern", tmp_path / "p")
    (root / "src/nova/api/bases/monitor_environments.py").write_text(OPTIONAL_CHECKIN)
    argv = ["new-endpoint", "MonitorThings", "--route", route, "--project", str(root)]
    result = run_cli(capsys, *argv, "--base", "MonitorEnvironmentsBaseEndpoint", "--no-tests")
    assert result.code == 0, result.err
    module = root / "src/nova/api/endpoints/monitor_things.py"
    (signature,) = re.findall(r"def get\((.*?)\) ->", module.read_text(), re.DOTALL)
    assert "monitor" in signature
    assert ("checkin" in signature) is takes_checkin
    check = run_cli(capsys, "check", str(module), "--project", str(root))
    assert check.code == 0, check.out


HANDS_ON = """\
from __future__ import annotations

from typing import Any

from nova.api.base import Endpoint


class MonitorIngestEndpoint(Endpoint):
    allow_auto_create = False

    def convert_args(
        self,
        request: Any,
        monitor_id_or_slug: str,
        checkin_id: str | None = None,
        organization_id_or_slug: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[Any, Any]:
        if self.allow_auto_create:
            kwargs["monitor_id_or_slug"] = monitor_id_or_slug
        kwargs["monitor"] = monitor_id_or_slug
        return args, kwargs
"""


def test_a_parameter_a_base_takes_and_hands_on_is_still_its_route_parameter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry's MonitorIngestEndpoint takes `monitor_slug` and, for upserts, writes it back into
    kwargs; its other parameters are optional. It was read as taking no route parameter, so it
    was never chosen and `--base` refused every route it serves."""
    root = copy_project(FIXTURES / "modern", tmp_path / "p")
    (root / "src/nova/api/bases/ingest.py").write_text(HANDS_ON)
    argv = [
        "new-endpoint",
        "MonitorIngestThings",
        "--route",
        "monitors/{monitor_id_or_slug}/ingest/",
    ]
    result = run_cli(capsys, *argv, "--no-tests", "--project", str(root))
    assert result.code == 0, result.err
    module = (root / "src/nova/api/endpoints/monitor_ingest_things.py").read_text()
    assert "class MonitorIngestThingsEndpoint(MonitorIngestEndpoint):" in module
    (signature,) = re.findall(r"def get\((.*?)\) ->", module, re.DOTALL)
    assert "monitor" in signature
    check = run_cli(capsys, "check", "--project", str(root))
    assert check.code == 0, check.out
