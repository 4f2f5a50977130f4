"""`scaffold check [PATHS...]`: the static CI gate for endpoint registration."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from scaffold.commands.check_options import OPTIONS, PATHS_HELP, CheckArgs

HELP = (
    "Check that every endpoint is routed and every route fits its class. Statically: Django and "
    "the project are never imported. Exit 0 clean, 1 problems, 2 usage or configuration."
)


def _option(param: str) -> Any:  # typer.Option is typed as returning Any
    option = OPTIONS[param]
    return typer.Option(option.flag, help=option.help)


def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar="[PATHS]...", help=PATHS_HELP, show_default=False),
    ] = None,
    project: Annotated[Path | None, _option("project")] = None,
    package: Annotated[str | None, _option("package")] = None,
    output_format: Annotated[str, _option("output_format")] = "text",
    select: Annotated[str | None, _option("select")] = None,
    ignore: Annotated[str | None, _option("ignore")] = None,
    baseline: Annotated[Path | None, _option("baseline")] = None,
    write_baseline: Annotated[bool, _option("write_baseline")] = False,
    explain: Annotated[bool, _option("explain")] = False,
) -> None:
    from scaffold.commands.run_check import run_check_command
    from scaffold.errors import reader_may_leave

    args = CheckArgs(
        paths or None,
        project,
        output_format,
        select,
        ignore,
        baseline,
        write_baseline,
        explain,
        package,
    )
    with reader_may_leave():  # not click's exit 1 for a closed pipe: cli.py's
        code = run_check_command(args)
    if code:
        raise typer.Exit(code)
