"""`scaffold check` with a baseline file it cannot read or write: one line naming the file and
what to do, exit 2 (never a traceback, never check's exit 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.trees import write_tree
from tests.helpers import Result, run_cli, unwritable


def _assert_refused(result: Result, *fragments: str) -> None:
    assert result.code == 2, result
    assert result.err.startswith("error: ")
    assert len(result.err.strip().splitlines()) == 1, result.err
    for fragment in fragments:
        assert fragment in result.err


def test_a_baseline_that_is_not_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p")
    baseline = tmp_path / "baseline.json"
    baseline.write_bytes(b'{"version": 1, "problems": []} \xff\n')
    result = run_cli(capsys, "check", "--project", str(root), "--baseline", str(baseline))
    _assert_refused(result, str(baseline), "UTF-8", "--write-baseline")


def test_the_default_baseline_not_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    root = write_tree(tmp_path / "p")
    (root / "scaffold-check-baseline.json").write_bytes(b"\xfe\xff\x00{")
    result = run_cli(capsys, "check", "--project", str(root))
    _assert_refused(result, "scaffold-check-baseline.json", "--write-baseline")


def _write_baseline(capsys: pytest.CaptureFixture[str], root: Path, baseline: Path) -> Result:
    return run_cli(
        capsys, "check", "--project", str(root), "--write-baseline", "--baseline", str(baseline)
    )


@pytest.mark.parametrize(
    ("where", "reason"),
    [("a-folder", "Is a directory"), ("missing/baseline.json", "No such file or directory")],
    ids=["a-directory", "a-missing-folder"],
)
def test_writing_a_baseline_it_cannot_write(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, where: str, reason: str
) -> None:
    root = write_tree(tmp_path / "p")
    (tmp_path / "a-folder").mkdir()
    baseline = tmp_path / where
    _assert_refused(_write_baseline(capsys, root, baseline), str(baseline), reason, "--baseline")
    assert not (tmp_path / "missing").exists()


def test_writing_a_baseline_into_a_unwritable_folder(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = write_tree(tmp_path / "p")
    folder = tmp_path / "read-only"
    folder.mkdir()
    with unwritable(folder):
        result = _write_baseline(capsys, root, folder / "baseline.json")
    _assert_refused(result, str(folder / "baseline.json"), "--baseline")
    assert "Permission denied" in result.err or "not permitted" in result.err


def test_an_explicit_baseline_that_does_not_exist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A mistyped --baseline would otherwise check against nothing, silently."""
    root = write_tree(tmp_path / "p")
    missing = tmp_path / "baselin.json"
    result = run_cli(capsys, "check", "--project", str(root), "--baseline", str(missing))
    _assert_refused(result, str(missing), "not found", "--write-baseline")
