"""The writing commands with and without the speedups of `commands/speedups.py` (modules rendered
in a forked child, or in the process itself): same files, same errors, same exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, copy_project, snapshot, speedups_env

ROUTE = "projects/{organization_id_or_slug}/{project_id_or_slug}/gizmos/{gizmo_id}/"


def _new_endpoint(project: Path, speedups: str, *argv: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "scaffold", "new-endpoint", "ProjectGizmoDetails"]
    return subprocess.run(
        [*command, "--route", ROUTE, *argv, "--project", str(project)],
        capture_output=True,
        text=True,
        check=False,
        env=speedups_env(speedups),
    )


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        pytest.param(["--lookup", "gizmo_id=acme.models.widget.Widget"], 0, "", id="written"),
        pytest.param(  # found while rendering: `Response` is the response class's name too
            ["--lookup", "gizmo_id=acmelib.models.Response"],
            2,
            "'Response' would be imported from both",
            id="rendering-error",
        ),
        pytest.param(  # both: urls.py's error comes first, whichever process renders
            [
                "--lookup",
                "gizmo_id=acmelib.models.Response",
                "--url-name",
                "acme-api-0-project-details",
            ],
            1,
            "URL name 'acme-api-0-project-details' is already used",
            id="urls-error-first",
        ),
    ],
)
def test_speedups_on_and_off_agree(
    tmp_path: Path, argv: list[str], code: int, message: str
) -> None:
    results = {}
    for speedups in ("on", "off"):
        project = copy_project(EXAMPLE, tmp_path / speedups)
        before = snapshot(project)
        completed = _new_endpoint(project, speedups, *argv)
        assert completed.returncode == code, completed.stderr
        assert message in completed.stderr
        assert "Traceback" not in completed.stderr
        if code:
            assert snapshot(project) == before  # nothing written
        results[speedups] = (completed.stderr, snapshot(project))
    assert results["on"] == results["off"]
