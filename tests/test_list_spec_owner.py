"""`scaffold list --format spec` writes an endpoint's owner only where `generate` takes it: a
member of the project's ApiOwner. An owner the enum lacks (code naming `ApiOwner.CORE` where
api_owners.py defines no CORE: a tree the enum fell behind) would make `generate` refuse the
whole spec; it is left to a comment, and `generate --skip` registers the same routes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, changed_files, copy_project, run_cli, snapshot

MODULE = "src/acme/api/endpoints/project_widgets.py"


def test_an_owner_the_enum_lacks_is_a_comment_and_the_spec_generates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    module = project / MODULE
    module.write_text(module.read_text().replace("ApiOwner.TELEMETRY", "ApiOwner.CORE"))
    listed = run_cli(capsys, "list", "--format", "spec", "--project", str(project))
    assert listed.code == 0, listed.err
    assert "    owner: core\n" not in listed.out
    assert "    # owner: CORE is no member of ApiOwner (not written)\n" in listed.out, listed.out
    assert "    owner: ecosystem\n" in listed.out  # a member is written as before
    (tmp_path / "spec.yaml").write_text(listed.out)
    before = snapshot(project)
    result = run_cli(
        capsys, "generate", str(tmp_path / "spec.yaml"), "--skip", "--project", str(project)
    )
    assert result.code == 0, result.err
    assert not changed_files(before, snapshot(project))
