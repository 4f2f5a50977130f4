"""Each command's `--help` says what README says: where the project is found, what a spec is."""

from __future__ import annotations

import pytest

from tests.helpers import run_cli

COMMANDS = ["new-endpoint", "generate", "remove", "check", "list", "templates"]


@pytest.mark.parametrize("command", COMMANDS)
def test_project_help_names_the_folder_found_without_a_marker(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    # README: a folder holding the API urls.py and no pyproject.toml/setup.cfg/setup.py/.git
    # (a checkout of src/ alone) is found too
    result = run_cli(capsys, command, "--help")

    assert result.code == 0
    assert "else the nearest holding that urls.py" in " ".join(result.out.split())


def test_generate_help_names_the_spec_mapping_and_the_pipe(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # README: a list of resources, or a mapping with `resources:` and `defaults:`; a file or a pipe
    out = " ".join(run_cli(capsys, "generate", "--help").out.split())

    assert "optional defaults" in out and "a pipe" in out
