"""`scaffold check [PATHS...]`: the static CI gate for endpoint registration."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scaffold.commands._writing import ProjectOption

HELP = (
    "Check statically, without importing Django or the project, that every endpoint class is "
    "routed and every route fits its class. Exit 0 clean, 1 problems, 2 usage or configuration."
)


def _rules(value: str | None) -> list[str] | None:
    return None if value is None else [r.strip() for r in value.split(",") if r.strip()]


def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATHS]...",
            help="Changed files (as pre-commit passes them): check only what they can affect.",
            show_default=False,
        ),
    ] = None,
    project: ProjectOption = Path("."),
    output_format: Annotated[
        str, typer.Option("--format", help="text (default), json or github annotations.")
    ] = "text",
    select: Annotated[
        str | None, typer.Option(help="Comma-separated rules to run instead of the defaults.")
    ] = None,
    ignore: Annotated[str | None, typer.Option(help="Comma-separated rules to skip.")] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(help="Baseline file (default: scaffold-check-baseline.json at the root)."),
    ] = None,
    write_baseline: Annotated[
        bool, typer.Option("--write-baseline", help="Record every current problem; exit 0.")
    ] = False,
) -> None:
    from scaffold.check.baseline import baseline_text, new_problems, read_baseline
    from scaffold.check.config import load_check_config
    from scaffold.check.report import Format, github_report, json_report, print_text
    from scaffold.check.run import run_check
    from scaffold.errors import SpecError
    from scaffold.settings import load_settings

    if output_format not in {f.value for f in Format}:
        raise SpecError(f"--format {output_format!r}: use text, json or github")
    settings = load_settings(project)
    config = load_check_config(
        settings.project_root,
        settings.check_options,
        _rules(select),
        _rules(ignore) or [],
        baseline,
    )
    result = run_check(settings, config, paths or None)
    if write_baseline:
        config.baseline_path.write_text(baseline_text(result.problems), encoding="utf-8")
        typer.echo(f"Wrote {len(result.problems)} problems to {config.baseline_path}")
        return
    problems = result.problems
    if config.baseline_path.is_file():
        known = read_baseline(config.baseline_path.read_text("utf-8"), str(config.baseline_path))
        problems = new_problems(problems, known)
    if output_format == Format.JSON.value:
        typer.echo(json_report(problems, result.endpoints, result.routes))
    elif output_format == Format.GITHUB.value:
        if problems:
            typer.echo(github_report(problems))
    else:
        print_text(problems, result.endpoints, result.routes)
    if problems:
        raise typer.Exit(1)
