"""Every [tool.scaffold] key whose value is of the wrong type or names nothing is refused with
pyproject.toml's path, the line of the key, the key and what to write: never ignored (a typo in
`base-modules` used to give no base and no message)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.project.config_table import key_line
from tests.helpers import EXAMPLE, copy_project, snapshot
from tests.test_bad_input import BAD_INPUT, assert_clean_error, run_like_a_process

CASES = {
    "base-module-absent": ('base-modules = ["acme.api.bases.organisation"]', "no module"),
    "base-module-outside": ('base-modules = ["widgetco.bases"]', "no package of the project"),
    "base-module-not-a-string": ("base-modules = [3]", "dotted"),
    "base-module-empty": ('base-modules = [""]', "dotted"),
    "package-empty": ('package = ""', "package"),
    "package-absent": ('package = "acmee"', "did you mean 'acme'"),
    "urls-absent": ('urls = "src/acme/api/url.py"', "fix the path"),
    "endpoints-empty": ('endpoints = ""', "folder"),
    "endpoints-absent": ('endpoints = "src/acme/api/endpoint"', "folder"),
    "line-length-zero": ("line-length = 0", "positive"),
    "silo-decorator-empty": ('silo-decorator = ""', "is empty.*delete the key"),
    "silo-decorator-absent": ('silo-decorator = "region_silo"', "not defined in api/base.py"),
    "endpoint-root-empty": ('endpoint-root = ""', "dotted path"),
    "tests-absent": ('tests = "tset"', "folder"),
    "testutils-absent": ('testutils = "src/acme/testutil"', "folder"),
    "templates-absent": ('templates = "scaffold-templates"', "folder"),
    "templates-a-file": ('templates = "pyproject.toml"', "folder"),
}


def _with_table(project: Path, body: str, extra: str = "") -> int:
    """Append `[tool.scaffold]` holding `body` (and `extra` lines) to the project's
    pyproject.toml; the line number of `body`'s first line."""
    path = project / "pyproject.toml"
    text = path.read_text(encoding="utf-8") + "\n[tool.scaffold]\n" + extra
    line = text.count("\n") + 1
    path.write_text(text + body + "\n", encoding="utf-8")
    return line


# `scaffold templates --copy` makes the templates folder: only generation needs it to exist
REFUSED = [
    (command, case)
    for command in ("new-endpoint", "check")
    for case in CASES
    if (command, case) != ("check", "templates-absent")
]


@pytest.mark.parametrize(("command", "case"), REFUSED, ids=str)
def test_a_key_naming_nothing_is_refused_at_its_line(
    case: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body, hint = CASES[case]
    project = copy_project(EXAMPLE, tmp_path / "project")
    line = _with_table(project, body, extra="# a comment before the key\n\n")
    key = body.partition(" =")[0]
    before = snapshot(project)
    args = ("Things", "--route", "things/") if command == "new-endpoint" else ()

    result = run_like_a_process(capsys, command, *args, "--project", str(project))

    assert_clean_error(result, BAD_INPUT, f"pyproject.toml:{line}: [tool.scaffold] {key}", hint)
    assert snapshot(project) == before


def test_check_runs_with_a_templates_folder_not_made_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The folder `templates` names is refused by the commands that render, not by `check`:
    `scaffold templates --copy` is what makes it."""
    project = copy_project(EXAMPLE, tmp_path / "project")
    _with_table(project, CASES["templates-absent"][0])

    result = run_like_a_process(capsys, "check", "--project", str(project))

    assert result.code == 0, result.err
    assert "No problems" in result.out


def test_a_check_option_of_the_wrong_type_names_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    path = project / "pyproject.toml"
    text = path.read_text(encoding="utf-8") + '\n[tool.scaffold.check]\nselect = "ALL"\n'
    path.write_text(text, encoding="utf-8")

    result = run_like_a_process(capsys, "check", "--project", str(project))

    line = text.count("\n")
    where = f"pyproject.toml:{line}: [tool.scaffold.check] select"
    assert_clean_error(result, BAD_INPUT, where, "a list of strings")


def test_a_base_module_of_the_project_is_taken(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    _with_table(project, 'base-modules = ["acme.api.bases.organization"]')

    result = run_like_a_process(capsys, "check", "--project", str(project))

    assert result.code == 0, result.err


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('[tool]\nname = "x"\nscaffold.urls = "u.py"\n', 3),
        ('[tool.scaffold]\nurls = "u.py"\n', 2),
        ('[ tool . "scaffold" ]  # ours\n\n"urls" = "u.py"\n', 3),
        ('[tool.scaffold]\ncheck = {urls = "u.py"}\n', 2),  # inside an inline table: its key
        ('tool.scaffold.urls = "u.py"\n', 1),
        ('[tool.scaffold]\nurl = "u.py"\n', 1),  # no such key: its table
        ('[tool.black]\nurls = "u.py"\n', None),
    ],
)
def test_the_line_of_a_key(tmp_path: Path, text: str, line: int | None) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(text, encoding="utf-8")
    key = ["tool", "scaffold", "check", "urls"] if "check" in text else ["tool", "scaffold", "urls"]
    assert key_line(path, key) == line
