"""The `scaffold-check` hook run by a real `pre-commit run` in a throwaway git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, REPO, copy_project

URLS = "src/acme/api/urls.py"
REMOVED_CLASS = "OrganizationDashboardsEndpoint"
REMOVED_MODULE = "src/acme/api/endpoints/organization_dashboards.py"
# What pip needs to install the hook repository: the package, its metadata and the hook file.
HOOK_REPO_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "scaffold")
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "scaffold tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "scaffold tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _git(cwd: Path, *args: str) -> str:
    command = ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args]
    env = {**os.environ, **GIT_IDENTITY}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _commit_all(root: Path, message: str) -> str:
    """`git init` (if needed), commit everything under `root`, return the commit's sha."""
    if not (root / ".git").exists():
        _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", message)
    return _git(root, "rev-parse", "HEAD")


def _hook_repo(destination: Path) -> tuple[Path, str]:
    """A git repository holding this checkout's package and hook file, committed; (path, rev)."""
    destination.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in HOOK_REPO_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=ignore)
        else:
            shutil.copy2(source, destination / name)
    return destination, _commit_all(destination, "scaffold as checked out by the test")


def _pre_commit(project: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]
    return subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False
    )


def _drop_route(urls: str, view: str) -> str:
    """`urls` without the `re_path(...)` entry that serves `view` (the import stays)."""
    lines = urls.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if f"{view}.as_view()" in line)
    start = max(i for i in range(at) if lines[i].strip() == "re_path(")
    end = next(i for i in range(at, len(lines)) if lines[i].strip() == "),")
    return "".join(lines[:start] + lines[end + 1 :])


def test_hook_passes_on_clean_project_and_names_an_unrouted_class(tmp_path: Path) -> None:
    hook_repo, rev = _hook_repo(tmp_path / "hook-repo")
    project = copy_project(EXAMPLE, tmp_path / "project")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo.as_posix()}\n    rev: {rev}\n"
        "    hooks:\n      - id: scaffold-check\n",
        encoding="utf-8",
    )
    _commit_all(project, "example project")
    home = tmp_path / "pre-commit-home"

    clean = _pre_commit(project, home)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "scaffold check" in clean.stdout and "Passed" in clean.stdout

    urls = project / URLS
    urls.write_text(_drop_route(urls.read_text(encoding="utf-8"), REMOVED_CLASS), encoding="utf-8")
    _git(project, "add", URLS)
    broken = _pre_commit(project, home)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert f"{REMOVED_MODULE}:" in broken.stdout  # file:line of the class
    assert "unregistered-endpoint" in broken.stdout and REMOVED_CLASS in broken.stdout
