"""The options of `scaffold check`, defined once: typer builds the command from this table, and
`parse_check_args` reads the same options without importing typer (`commands/speedups.py`)."""

from __future__ import annotations

from pathlib import Path

from scaffold.records import record


@record
class CheckOption:
    """One option: its parameter name, its flag, its help, and whether it takes a value."""

    param: str
    flag: str
    help: str
    takes_value: bool = True


# every command's --project and --package (commands/_writing.py takes them too): README's discovery, in short
PROJECT_HELP = (
    "Root of the target project (default: the nearest folder, from the current one up, with a "
    "pyproject.toml, setup.cfg, setup.py or .git and the API urls.py, else the nearest holding "
    "that urls.py)."
)
PACKAGE_HELP = (
    "Top-level package whose src/<package>/api/urls.py to use (overrides [tool.scaffold] package)."
)
PATHS_HELP = "Changed files (as pre-commit passes them): check only what they can affect."
OPTIONS = {
    option.param: option
    for option in (
        CheckOption(
            "project",
            "--project",
            PROJECT_HELP,
        ),
        CheckOption(
            "package",
            "--package",
            PACKAGE_HELP,
        ),
        CheckOption(
            "output_format", "--format", "text, json, or github (annotations on a pull request)."
        ),
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
        CheckOption(
            "explain",
            "--explain",
            "List each place the reader could not follow (no finding is made from them), with "
            "file:line and why.",
            False,
        ),
    )
}
BY_FLAG = {option.flag: option for option in OPTIONS.values()}


@record
class CheckArgs:
    """The parsed command line of `scaffold check`, with typer's defaults."""

    paths: list[Path] | None = None
    project: Path | None = None  # None: found from the current folder up
    output_format: str = "text"
    select: str | None = None
    ignore: str | None = None
    baseline: Path | None = None
    write_baseline: bool = False
    explain: bool = False
    package: str | None = None


def parse_check_args(argv: list[str]) -> CheckArgs | None:
    """The arguments after `check`, or None for anything but plain well-formed use (`--help`,
    an unknown option, a missing value): typer then parses them and reports its own errors."""
    values: dict[str, str | bool] = {}
    paths: list[Path] = []
    position = 0
    while position < len(argv):
        token = argv[position]
        position += 1
        if not token.startswith("-") or token == "-":
            paths.append(Path(token))
            continue
        flag, has_inline, inline = token.partition("=")
        option = BY_FLAG.get(flag)
        if option is None:
            return None
        if not option.takes_value:
            if has_inline:
                return None
            values[option.param] = True
        elif has_inline:
            values[option.param] = inline
        elif position < len(argv) and not argv[position].startswith("-"):
            values[option.param] = argv[position]
            position += 1
        else:
            return None
    return CheckArgs(
        paths=paths or None,
        project=Path(str(values["project"])) if "project" in values else None,
        output_format=str(values.get("output_format", "text")),
        select=_text(values.get("select")),
        ignore=_text(values.get("ignore")),
        baseline=None if "baseline" not in values else Path(str(values["baseline"])),
        write_baseline=bool(values.get("write_baseline", False)),
        explain=bool(values.get("explain", False)),
        package=_text(values.get("package")),
    )


def _text(value: str | bool | None) -> str | None:
    return None if value is None else str(value)
