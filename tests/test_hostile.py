"""Hostile input and a hostile file system: one clean line, a non-zero exit, nothing written.

These complement tests/test_bad_input.py (invalid values) with input built to hurt: YAML
bombs and tags, files that cannot be written, symlinks out of the project, a write that fails
half-way, and prompts with no terminal to answer them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, copy_project, snapshot, unwritable
from tests.test_bad_input import assert_clean_error, run_like_a_process

URLS = "src/acme/api/urls.py"
ENDPOINTS = "src/acme/api/endpoints"
GIZMOS = ("OrganizationGizmos", "--route", "organizations/{organization_id_or_slug}/gizmos/")
THREE_RESOURCES = textwrap.dedent("""\
    resources:
      - name: OrganizationGizmos
        route: organizations/{organization_id_or_slug}/gizmos/
      - name: OrganizationSprockets
        route: organizations/{organization_id_or_slug}/sprockets/
      - name: Cogs
        route: cogs/
    """)


def leftovers(root: Path) -> list[str]:
    """Temp or set-aside files a failed write could leave behind."""
    return sorted(
        p.name for p in root.rglob(".*") if p.name.endswith((".tmp", ".scaffold-removed"))
    )


# -- YAML built to hurt -------------------------------------------------------------------------

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{n}: &{n} [{', '.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefg", "bcdefgh", strict=True)
)


@pytest.mark.parametrize(
    ("spec", "where", "hint"),
    [
        pytest.param(
            BILLION_LAUGHS + "resources:\n  - name: Bomb\n    route: bomb/\n    description: *h\n",
            "spec.yaml:2:8:",
            r"aliases \(\*a\) are not supported",
            id="billion-laughs",
        ),
        pytest.param("- &a [*a]\n", "spec.yaml:1:7:", r"write the value out", id="recursive-alias"),
        pytest.param(
            "resources: " + "[" * 3000 + "]" * 3000 + "\n",
            "spec.yaml:",
            r"nested too deeply",
            id="deep-nesting",
        ),
        pytest.param(
            '!!python/object/apply:os.system ["touch pwned"]\n',
            "spec.yaml:1:1:",
            r"could not determine a constructor.*plain values only: remove the tag",
            id="python-tag",
        ),
        pytest.param(
            "- name: !!python/name:os.system\n  route: x/\n",
            "spec.yaml:1:9:",
            r"could not determine a constructor",
            id="python-name-tag",
        ),
        pytest.param("- name: A\x00\n", "spec.yaml:1:10:", r"invalid YAML", id="nul-byte"),
    ],
)
def test_hostile_yaml(
    spec: str, where: str, hint: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    (project / "spec.yaml").write_text(spec, encoding="utf-8")
    before = snapshot(project)

    result = run_like_a_process(
        capsys, "generate", str(project / "spec.yaml"), "--project", str(project)
    )

    assert_clean_error(result, 2, str(project / where), hint)
    assert snapshot(project) == before
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()


def test_a_spec_that_is_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    (project / "spec.yaml").write_bytes(b"- name: Cafes\n  route: caf\xe9s/\n")
    before = snapshot(project)
    result = run_like_a_process(
        capsys, "generate", str(project / "spec.yaml"), "--project", str(project)
    )
    assert_clean_error(result, 2, "spec.yaml:2:13: not valid UTF-8 (byte 26)", r"re-save .* UTF-8")
    assert snapshot(project) == before


# -- a file system that fights back ---------------------------------------------------------------


def test_a_failed_write_of_the_last_file_restores_the_three_written_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three new modules are renamed into place before urls.py, which cannot be replaced:
    all three must disappear again, and no temp file may stay behind."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    (project / "spec.yaml").write_text(THREE_RESOURCES, encoding="utf-8")
    before = snapshot(project)

    with unwritable(project / URLS):
        result = run_like_a_process(
            capsys, "generate", str(project / "spec.yaml"), "--project", str(project)
        )

    assert_clean_error(result, 1, "urls.py", r"no file was changed; check permissions")
    assert snapshot(project) == before
    assert leftovers(project) == []


def test_an_unwritable_folder_for_one_module_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The third of four files goes into a folder that cannot take it."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    spec = THREE_RESOURCES.replace("  - name: Cogs\n    route: cogs/\n", "")
    (project / "spec.yaml").write_text(spec, encoding="utf-8")
    (project / ENDPOINTS / "organization_sprockets.py").write_text("# placeholder\n")
    before = snapshot(project)

    with unwritable(project / ENDPOINTS):
        result = run_like_a_process(
            capsys,
            *("generate", str(project / "spec.yaml"), "--force", "--project", str(project)),
        )

    assert_clean_error(result, 1, ENDPOINTS, r"no file was changed; check permissions")
    assert snapshot(project) == before
    assert leftovers(project) == []


def test_remove_that_cannot_write_urls_puts_the_deleted_module_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    assert run_like_a_process(capsys, "new-endpoint", *GIZMOS, "--project", str(project)).code == 0
    module = project / ENDPOINTS / "organization_gizmos.py"
    module.chmod(0o640)
    before = snapshot(project)

    with unwritable(project / URLS):
        result = run_like_a_process(
            capsys, "remove", "OrganizationGizmos", "--project", str(project)
        )

    assert_clean_error(result, 1, "urls.py", r"no file was changed")
    assert snapshot(project) == before
    assert module.stat().st_mode & 0o777 == 0o640  # the same file, set aside and put back
    assert leftovers(project) == []


def test_a_read_only_project_is_refused_before_anything_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    before = snapshot(project)
    with unwritable(project / ENDPOINTS):
        result = run_like_a_process(capsys, "new-endpoint", *GIZMOS, "--project", str(project))
    assert_clean_error(result, 1, ENDPOINTS, r"cannot write .*check permissions")
    assert snapshot(project) == before


def test_an_endpoints_folder_linked_outside_the_project_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    outside = tmp_path / "outside"
    (project / ENDPOINTS).rename(outside)
    (project / ENDPOINTS).symlink_to(outside, target_is_directory=True)
    before, outside_before = snapshot(project), snapshot(outside)

    result = run_like_a_process(capsys, "new-endpoint", *GIZMOS, "--project", str(project))

    assert_clean_error(result, 1, "organization_gizmos.py: outside the project root", r"nothing")
    assert snapshot(project) == before
    assert snapshot(outside) == outside_before


def test_a_module_that_is_a_symlink_out_of_the_project_is_never_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    secret = tmp_path / "secret.py"
    secret.write_text("KEEP = 1\n", encoding="utf-8")
    (project / ENDPOINTS / "organization_gizmos.py").symlink_to(secret)

    result = run_like_a_process(
        capsys, "new-endpoint", *GIZMOS, "--force", "--project", str(project)
    )

    assert_clean_error(result, 1, "organization_gizmos.py: outside the project root", r"nothing")
    assert secret.read_text(encoding="utf-8") == "KEEP = 1\n"


def test_urls_py_linked_outside_the_project_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    outside = tmp_path / "urls_outside.py"
    (project / URLS).rename(outside)
    (project / URLS).symlink_to(outside)
    outside_before = outside.read_bytes()

    result = run_like_a_process(capsys, "new-endpoint", *GIZMOS, "--project", str(project))

    assert_clean_error(result, 2, f"{URLS}: a link to {outside}, outside the project", r"replace")
    assert outside.read_bytes() == outside_before
    assert not (project / ENDPOINTS / "organization_gizmos.py").exists()


def test_urls_py_that_is_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    (project / URLS).unlink()
    (project / URLS).mkdir()
    before = snapshot(project)
    result = run_like_a_process(capsys, "new-endpoint", *GIZMOS, "--project", str(project))
    assert_clean_error(result, 2, URLS, r"cannot read|not found|not a file")
    assert snapshot(project) == before


# -- prompts only on a terminal -------------------------------------------------------------------


def test_without_a_terminal_a_missing_route_fails_at_once(tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    completed = subprocess.run(
        [sys.executable, "-m", "scaffold", "new-endpoint", "Things", "--project", str(project)],
        check=False,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert completed.returncode == 2
    assert completed.stderr == (
        "error: --route is required (no terminal to ask on); pass --route\n"
    )


def test_on_a_terminal_the_missing_route_is_asked_for(tmp_path: Path) -> None:
    """A real pseudo-terminal: the prompt appears and the answer is used."""
    import pty

    project = copy_project(EXAMPLE, tmp_path / "p")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "scaffold", "new-endpoint", "Things", "--project", str(project)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
    )
    os.close(follower)
    output = b""
    while b"Route below /api/0/" not in output:
        output += os.read(leader, 1024)
    os.write(leader, b"things/\n")
    try:
        while chunk := os.read(leader, 1024):
            output += chunk
    except OSError:  # the terminal closes when the process exits
        pass
    assert process.wait(timeout=60) == 0, output.decode()
    os.close(leader)
    assert (project / ENDPOINTS / "things.py").is_file()
    assert "ThingsEndpoint.as_view()" in (project / URLS).read_text(encoding="utf-8")
