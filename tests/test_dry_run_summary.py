"""A dry run says, resource by resource, what the run would do: every line a real run prints,
in the conditional (`would create  ...`), not only those carrying a note, and none of them as
if it were done."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, copy_project, run_cli

SPEC = """\
resources:
  - name: OrganizationGizmos
    route: organizations/{organization_id_or_slug}/gizmos/
    methods: [get, post]
  - name: OrganizationSprockets
    route: organizations/{organization_id_or_slug}/sprockets/
"""


def test_a_dry_run_prints_each_line_the_run_would_print_in_the_conditional(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)

    dry = run_cli(capsys, "generate", str(spec), "--dry-run", "--project", str(project))
    assert dry.code == 0, dry.err
    done = run_cli(capsys, "generate", str(spec), "--project", str(project))
    assert done.code == 0, done.err

    said = [line for line in done.out.splitlines() if line.split(" ")[0] in ("create", "update")]
    assert len(said) == 6, done.out  # module, urls.py and test of each resource
    summary = [line for line in dry.out.splitlines() if not line.startswith(("+", "-", "@", " "))]
    for line in said:
        assert f"would {line}" in summary, dry.out
    assert not any(line.startswith(("create ", "update ")) for line in summary), dry.out


def test_a_forced_dry_run_says_it_would_replace_an_edited_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC)
    assert run_cli(capsys, "generate", str(spec), "--project", str(project)).code == 0
    module = next(project.rglob("organization_gizmos.py"))
    module.write_text(module.read_text() + "\n# edited by hand\n")

    dry = run_cli(capsys, "generate", str(spec), "--force", "--dry-run", "--project", str(project))

    assert dry.code == 0, dry.err
    summary = [line for line in dry.out.splitlines() if not line.startswith(("+", "-", "@", " "))]
    assert any(line.startswith("would replace ") for line in summary), dry.out
    assert not any(line.startswith("replace ") for line in summary), dry.out
