"""The lean `scaffold check` parser: the table's options, typer's defaults, typer for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.commands.check_options import OPTIONS, CheckArgs, parse_check_args
from scaffold.commands.speedups import SWITCH, enabled, fast_check
from tests.helpers import run_cli


def test_plain_use_is_parsed_without_typer() -> None:
    assert parse_check_args([]) == CheckArgs()
    assert parse_check_args(
        ["a.py", "--project", "p", "--format=json", "--select", "x,y", "b.py", "--write-baseline"]
    ) == CheckArgs(
        paths=[Path("a.py"), Path("b.py")],
        project=Path("p"),
        output_format="json",
        select="x,y",
        write_baseline=True,
    )


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["--bogus"], ["--format"], ["--format", "-x"], ["--write-baseline=1"], ["--"]],
)
def test_anything_else_is_left_to_typer(argv: list[str]) -> None:
    assert parse_check_args(argv) is None


def test_typer_help_lists_the_same_options(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "check", "--help")
    assert result.code == 0
    for option in OPTIONS.values():
        assert option.flag in result.out
        assert option.help.split()[0] in result.out


@pytest.mark.parametrize(
    ("value", "on"), [(None, True), ("", True), ("0", True), ("1", False), ("yes", False)]
)
def test_one_switch_turns_the_speedups_off(
    monkeypatch: pytest.MonkeyPatch, value: str | None, on: bool
) -> None:
    if value is None:
        monkeypatch.delenv(SWITCH, raising=False)
    else:
        monkeypatch.setenv(SWITCH, value)
    assert enabled() is on
    if not on:  # typer runs the command instead
        assert fast_check(["--project", "does-not-matter"], own_process=False) is None
