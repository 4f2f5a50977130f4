"""Helpers shared by the tests: copy a project, run the CLI in-process, snapshot a tree."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from scaffold.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "generated_example"
FIXTURES = REPO / "tests" / "fixtures"
GOLDEN = REPO / "tests" / "golden"
_IGNORED = shutil.ignore_patterns("__pycache__", "*.sqlite3", ".pytest_cache")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


def copy_project(source: Path, destination: Path) -> Path:
    """A throwaway copy of a fixture or example project."""
    shutil.copytree(source, destination, ignore=_IGNORED)
    return destination


def pytest_in(src: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """pytest in a process of its own on a project copy: its `src/` importable, the example's
    `acme.settings`, run from the project root; `args` as pytest takes them (`-q` is added
    unless `-v` is among them)."""
    env = {**os.environ, "PYTHONPATH": str(src), "DJANGO_SETTINGS_MODULE": "acme.settings"}
    quiet = [] if "-v" in args else ["-q"]
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *quiet, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=src.parent,
        check=False,
    )


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Result:
    """Run `scaffold ARGV` in-process and capture its exit code and output."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main(list(argv))
    captured = capsys.readouterr()
    code = exit_info.value.code
    return Result(code if isinstance(code, int) else 1, captured.out, captured.err)


def cli_in(capsys: pytest.CaptureFixture[str], root: Path, *argv: str) -> str:
    """`scaffold ARGV --project ROOT`, which must exit 0; its standard output."""
    result = run_cli(capsys, *argv, "--project", str(root))
    assert result.code == 0, result.out + result.err
    return result.out


def assert_no_problems(capsys: pytest.CaptureFixture[str], root: Path) -> None:
    """`scaffold check` of the project at ROOT finds nothing."""
    assert "No problems" in cli_in(capsys, root, "check")


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` (caches excluded) -> its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".sqlite3"
    }


RECORD_DIR = ".scaffold"  # scaffold's generation record: tests/test_remove.py checks it


def changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, bytes | None]:
    """Files of the project's code that differ between two snapshots (None: deleted); the
    generation record under .scaffold/ is left out."""
    keys = sorted(set(before) | set(after))
    return {
        k: after.get(k)
        for k in keys
        if before.get(k) != after.get(k) and not k.startswith(RECORD_DIR + "/")
    }


def speedups_env(speedups: str) -> dict[str, str]:
    """The environment for a subprocess with scaffold's speedups "on" or "off"
    (`SCAFFOLD_NO_SPEEDUPS`, read by scaffold/commands/speedups.py)."""
    env = {k: v for k, v in os.environ.items() if k != "SCAFFOLD_NO_SPEEDUPS"}
    if speedups == "off":
        env["SCAFFOLD_NO_SPEEDUPS"] = "1"
    return env


@contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """Make `path` (a file or a folder) impossible to replace or add to, for real: root ignores
    permission bits, so as root the file system's immutable flag is used instead."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True, capture_output=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True, capture_output=True)
    else:
        folder = path if path.is_dir() else path.parent
        mode = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(mode)


def example_src(tmp_path: Path) -> Path:
    """A copy of the example's src/ and pyproject.toml alone, as the real trees are extracted
    (the benches run on it)."""
    tree = tmp_path / "example"
    shutil.copytree(EXAMPLE / "src", tree / "src")
    shutil.copy(EXAMPLE / "pyproject.toml", tree / "pyproject.toml")
    return tree


def fixtures_module(base: str = "") -> str:
    """A test utilities' fixtures module: `user` and `organization` made by factories a case
    provides; `base` is `(object)` as Python 2-era trees write it."""
    return f"class Fixtures{base}:\n" + _FIXTURES_BODY


_FIXTURES_BODY = """\
    @property
    def user(self):
        return self.create_user("admin@example.com")

    @property
    def organization(self):
        return self.create_organization(owner=self.user)

    def create_user(self, email):
        raise NotImplementedError

    def create_organization(self, owner):
        raise NotImplementedError
"""
