"""When the API urls.py cannot be read (a syntax error, a file the user may not read), no route
is known and `unregistered-endpoint` makes no finding: the output says so, naming the file and
why, counted in the summary and in json, in every mode (speedups on and off, cache on and off).
A file that cannot be read was a traceback; a folder named urls.py gave every endpoint as
unregistered."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, REPO, copy_project, run_cli, speedups_env

URLS = Path("src/acme/api/urls.py")
NOBODY = 65534


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another user may read (pytest's tmp_path is the running user's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="scaffold-unreadable-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def _check(project: Path, speedups: str, cache: Path | None, as_nobody: bool) -> dict[str, object]:
    env = speedups_env(speedups) | {"PYTHONPATH": str(REPO)}
    if cache is None:
        env["SCAFFOLD_NO_CACHE"] = "1"
    else:
        env |= {"SCAFFOLD_CACHE_DIR": str(cache), "SCAFFOLD_NO_CACHE": ""}
    command = [sys.executable, "-m", "scaffold", "check", "--format", "json", "--explain"]
    if as_nobody:  # root reads every file whatever its mode: run as a user who may not
        ids = [f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
        command = [shutil.which("setpriv") or "setpriv", *ids, *command]
    done = subprocess.run(
        command, cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = json.loads(done.stdout)
    return found


def _assert_named(found: dict[str, object], why: str) -> None:
    assert found["problems"] == [], found  # ten endpoints, none called unregistered
    places = found["unresolved_places"]
    assert isinstance(places, list)
    root = [p for p in places if p["what"] == "urlconf acme.api.urls"]
    assert root and root[0]["path"] == URLS.as_posix(), places
    assert why in root[0]["why"] and "no route was read" in root[0]["why"], root
    assert found["unresolved"] == len(places) >= 1


@pytest.mark.parametrize("speedups", ["on", "off"])
@pytest.mark.parametrize("cached", [False, True], ids=["no-cache", "cache"])
def test_an_unreadable_urls_py_is_named(shared_folder: Path, speedups: str, cached: bool) -> None:
    as_nobody = os.geteuid() == 0
    if as_nobody and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: no file is unreadable")
    project = copy_project(EXAMPLE, shared_folder / "project")
    cache = shared_folder / "cache" if cached else None
    if cache is not None:
        cache.mkdir(mode=0o777)
        cache.chmod(0o777)
    for folder, _, files in os.walk(shared_folder):
        Path(folder).chmod(0o777 if cache and Path(folder) == cache else 0o755)
        for name in files:
            (Path(folder) / name).chmod(0o644)
    (project / URLS).chmod(0)

    found = _check(project, speedups, cache, as_nobody)

    _assert_named(found, "cannot be read (Permission denied)")


@pytest.mark.parametrize("speedups", ["on", "off"])
def test_an_unreadable_endpoint_module_is_named_not_judged(
    shared_folder: Path, speedups: str
) -> None:
    as_nobody = os.geteuid() == 0
    if as_nobody and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: no file is unreadable")
    project = copy_project(EXAMPLE, shared_folder / "project")
    for folder, _, files in os.walk(shared_folder):
        Path(folder).chmod(0o755)
        for name in files:
            (Path(folder) / name).chmod(0o644)
    (project / "src/acme/api/endpoints/index.py").chmod(0)

    found = _check(project, speedups, None, as_nobody)

    assert found["problems"] == [], found  # urls.py routes its class: no unknown-view
    places = found["unresolved_places"]
    assert isinstance(places, list)
    assert {
        "path": "src/acme/api/endpoints/index.py",
        "line": 1,
        "what": "module acme.api.endpoints.index",
        "why": "cannot be read (Permission denied); its classes are not checked",
    } in places, places


def test_a_urls_py_that_does_not_parse_is_named_in_text_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    with (project / URLS).open("a") as urls:
        urls.write("urlpatterns += [\n")

    _assert_named(_check(project, "on", None, False), "does not parse")
    result = run_cli(capsys, "check", "--project", str(project))

    assert result.code == 0, result.err
    assert "No problems (10 endpoints, 0 routes checked)" in result.out
    assert "1 place could not be followed statically" in result.out


def test_a_folder_named_urls_py_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    (project / URLS).unlink()
    (project / URLS).mkdir()

    result = run_cli(capsys, "check", "--project", str(project))

    assert result.code == 2, result.out
    assert result.err.startswith(f"error: {URLS}: not a file"), result.err
