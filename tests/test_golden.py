"""Golden cases: run the CLI on a fixture project and compare every changed file.

Set SCAFFOLD_UPDATE_GOLDEN=1 to rewrite the expected files after reviewing a change.
"""

from __future__ import annotations

import ast
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import black
import pytest

from scaffold.project.settings import load_settings
from tests.helpers import FIXTURES, GOLDEN, changed_files, copy_project, run_cli, snapshot

CASES_DIR = GOLDEN / "cases"
UPDATE = os.environ.get("SCAFFOLD_UPDATE_GOLDEN") == "1"


@dataclass(frozen=True)
class Case:
    name: str
    fixture: str
    argv: tuple[str, ...]

    @property
    def expected_dir(self) -> Path:
        return CASES_DIR / self.name / "expected"


CASES = [
    Case(
        "legacy-organization-route",
        "legacy",
        (
            "new-endpoint",
            "OrganizationWidgets",
            "--route",
            "organizations/{organization_slug}/widgets/",
            "--methods",
            "get,post",
        ),
    ),
    Case(
        "legacy-project-lookup",
        "legacy",
        (
            "new-endpoint",
            "ProjectWidgetDetails",
            "--route",
            "projects/{organization_slug}/{project_slug}/widgets/{widget_id}/",
            "--lookup",
            "widget_id=oldco.models.Widget",
            "--methods",
            "get,delete",
        ),
    ),
    Case(
        "modern-three-level-include",
        "modern",
        (
            "new-endpoint",
            "ProjectMonitorCheckinDetails",
            "--route",
            "projects/{organization_id_or_slug}/{project_id_or_slug}/monitors/{monitor_id_or_slug}/checkins/{checkin_id}/",
            "--methods",
            "get,delete",
            "--owner",
            "crons",
        ),
    ),
    Case(
        "modern-team-after-trailing-comment",
        "modern",
        (
            "new-endpoint",
            "TeamWidgets",
            "--route",
            "/api/0/teams/{organization_id_or_slug}/{team_id_or_slug}/widgets/",
            "--methods",
            "get,post",
            "--publish-status",
            "get=public,post=private",
            "--permission",
            "nova.api.bases.team.TeamPermission",
        ),
    ),
    Case(
        "modern-top-level-before-catchall",
        "modern",
        ("new-endpoint", "RelayHealth", "--route", "relay/health/", "--silo", "all"),
    ),
    Case(
        "ancient-patterns-hanging-entries",
        "ancient",
        (
            "new-endpoint",
            "ProjectWidgetDetails",
            "--route",
            "projects/{organization_slug}/{project_slug}/widgets/{widget_id_or_slug}/",
            "--lookup",
            "widget_id_or_slug=oldest.models.Widget",
            "--methods",
            "get,delete",
        ),
    ),
    Case(
        "ancient-top-level-before-catchall",
        "ancient",
        ("new-endpoint", "WidgetStats", "--route", "widget-stats/"),
    ),
    Case(
        "inline-includes-two-levels",
        "inline",
        (
            "new-endpoint",
            "ProjectWidgetDetails",
            "--route",
            "projects/{organization_slug}/{project_slug}/widgets/{widget_id}/",
            "--lookup",
            "widget_id=midco.models.Widget",
        ),
    ),
    Case(
        "inline-includes-organization",
        "inline",
        (
            "new-endpoint",
            "OrganizationWidgets",
            "--route",
            "organizations/{organization_slug}/widgets/",
            "--methods",
            "get,post",
        ),
    ),
    Case(
        "modern-spec",
        "modern",
        ("generate", str(CASES_DIR / "modern-spec" / "spec.yaml")),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_golden(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(FIXTURES / case.fixture, tmp_path / case.fixture)
    before = snapshot(project)

    result = run_cli(capsys, *case.argv, "--project", str(project))

    assert result.code == 0, result.err
    changed = changed_files(before, snapshot(project))
    if UPDATE:
        shutil.rmtree(case.expected_dir, ignore_errors=True)
        for rel, content in changed.items():
            target = case.expected_dir / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content or b"")
    expected = snapshot(case.expected_dir)
    assert sorted(changed) == sorted(expected)
    for rel, content in changed.items():
        assert content == expected[rel], rel


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_golden_properties(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Whatever the expected text: output parses; new files are black-stable at the target's
    line length, and so is a patched file that was before; urls.py only gains lines; running
    the same command again changes nothing."""
    project = copy_project(FIXTURES / case.fixture, tmp_path / case.fixture)
    mode = black.Mode(line_length=load_settings(project).line_length)
    before = snapshot(project)
    assert run_cli(capsys, *case.argv, "--project", str(project)).code == 0
    after = snapshot(project)

    for rel, content in changed_files(before, after).items():
        assert content is not None
        text = content.decode()
        ast.parse(text)
        original = before[rel].decode() if rel in before else None
        if original is None or black.format_str(original, mode=mode) == original:
            assert black.format_str(text, mode=mode) == text, rel
        if rel in before:
            old_lines = before[rel].decode().splitlines()
            remaining = iter(text.splitlines())
            assert all(any(line == new for new in remaining) for line in old_lines), rel

    again = run_cli(capsys, *case.argv, "--project", str(project))
    assert snapshot(project) == after
    assert again.code == (0 if case.argv[0] == "generate" else 1)
