"""Without `--project`, scaffold works on the project the current folder is in, as ruff and black
find theirs: any folder of the tree will do. An explicit `--project` is taken as given."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.project.discovery import find_project_root
from tests.helpers import EXAMPLE, changed_files, copy_project, run_cli, snapshot

URLS = "src/acme/api/urls.py"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(EXAMPLE, tmp_path / "project")


@pytest.mark.parametrize("below", ["", "src", "src/acme", "src/acme/api/endpoints", "tests"])
def test_any_folder_of_the_project_finds_its_root(project: Path, below: str) -> None:
    assert find_project_root(project / below) == project.resolve()


@pytest.mark.parametrize("below", ["", "src", "src/acme/api/endpoints"])
def test_a_bare_tree_is_found_by_its_layout(project: Path, below: str) -> None:
    (project / "pyproject.toml").unlink()  # nothing marks the project's top
    assert find_project_root(project / below) == project.resolve()


def test_a_folder_below_no_layout_stays_where_it_is(tmp_path: Path) -> None:
    lonely = tmp_path / "a" / "b"
    lonely.mkdir(parents=True)
    assert find_project_root(lonely) == lonely.resolve()


def test_the_search_ends_at_a_repository_top(tmp_path: Path) -> None:
    outer = copy_project(EXAMPLE, tmp_path / "outer")
    repo = outer / "vendor" / "other"
    (repo / ".git").mkdir(parents=True)
    (repo / "pkg").mkdir()
    assert find_project_root(repo / "pkg") == (repo / "pkg").resolve()


def test_a_monorepo_backend_is_found_below_the_repository_top(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "pyproject.toml").write_text("[tool.black]\nline-length = 88\n")
    backend = copy_project(EXAMPLE, repo / "backend")
    assert find_project_root(backend / "src/acme/api") == backend.resolve()
    assert find_project_root(repo) == repo.resolve()  # the repository's top holds no API


def test_new_endpoint_then_check_from_a_subfolder(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(project)
    monkeypatch.chdir(project / "src/acme/api/endpoints")
    made = run_cli(
        capsys,
        "new-endpoint",
        "OrganizationGadgets",
        "--route",
        "organizations/{organization_id_or_slug}/gadgets/",
        "--methods",
        "get",
        "--no-tests",
    )
    assert made.code == 0, made.err
    module = "src/acme/api/endpoints/organization_gadgets.py"
    assert set(changed_files(before, snapshot(project))) == {module, URLS}

    checked = run_cli(capsys, "check")
    assert checked.code == 0, checked.out + checked.err
    assert "11 endpoints" in checked.out  # the example's ten and the new one

    removed = run_cli(capsys, "remove", "OrganizationGadgetsEndpoint")
    assert removed.code == 0, removed.err
    assert changed_files(before, snapshot(project)) == {}


def test_an_explicit_project_is_not_searched_from(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "check", "--project", str(project / "src/acme/api/endpoints"))
    assert result.code == 2
    assert "no src/<package>/api/urls.py found" in result.err
    assert "Traceback" not in result.err


def test_outside_any_project_the_error_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(capsys, "list")
    assert result.code == 2
    assert "run scaffold inside the project, pass --project" in result.err


@pytest.mark.parametrize("marked", [True, False], ids=["pyproject", "bare"])
def test_a_project_option_naming_the_source_folder_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], marked: bool
) -> None:
    """`--project X/src` read src/ as a flat layout: tests would go to src/tests/."""
    if not marked:
        (project / "pyproject.toml").unlink()
    before = snapshot(project)
    argv = ("new-endpoint", "Things", "--route", "things/", "--project", str(project / "src"))
    result = run_cli(capsys, *argv)
    assert result.code == 2 and snapshot(project) == before
    assert result.err.strip() == (
        f"error: {project / 'src'}: the source folder, not the project's root; pass --project "
        f"{project.resolve()}"
    )


@pytest.mark.parametrize("command", [("check",), ("list",), ("new-endpoint", "T", "--route", "t/")])
def test_a_project_option_naming_the_package_folder_names_the_root(
    project: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    """`--project X/src/acme`, the folder holding api/urls.py: the error names the root."""
    result = run_cli(capsys, *command, "--project", str(project / "src/acme"))
    assert result.code == 2
    assert result.err.strip() == (
        f"error: {project / 'src/acme'}: the package folder (it holds api/urls.py), not the "
        f"project's root; pass --project {project.resolve()}"
    )
