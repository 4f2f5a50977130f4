"""The options of `scaffold check`, defined once: typer builds the command from this table, and
`scaffold.commands.speedups.parse_check_args` reads the same options without importing typer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CheckOption:
    """One option: its parameter name, its flag, its help, and whether it takes a value."""

    param: str
    flag: str
    help: str
    takes_value: bool = True


PATHS_HELP = "Changed files (as pre-commit passes them): check only what they can affect."
OPTIONS = {
    option.param: option
    for option in (
        CheckOption("project", "--project", "Root of the target project."),
        CheckOption("output_format", "--format", "text (default), json or github annotations."),
        CheckOption("select", "--select", "Comma-separated rules to run instead of the defaults."),
        CheckOption("ignore", "--ignore", "Comma-separated rules to skip."),
        CheckOption(
            "baseline",
            "--baseline",
            "Baseline file (default: scaffold-check-baseline.json at the root).",
        ),
        CheckOption(
            "write_baseline", "--write-baseline", "Record every current problem; exit 0.", False
        ),
    )
}
BY_FLAG = {option.flag: option for option in OPTIONS.values()}


@dataclass(frozen=True)
class CheckArgs:
    """The parsed command line of `scaffold check`, with typer's defaults."""

    paths: list[Path] | None = None
    project: Path = Path(".")
    output_format: str = "text"
    select: str | None = None
    ignore: str | None = None
    baseline: Path | None = None
    write_baseline: bool = False
