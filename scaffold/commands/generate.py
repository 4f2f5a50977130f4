"""`scaffold generate SPEC`: every resource of a YAML spec, converging on re-runs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scaffold.commands._output import finish

HELP = (
    "Generate every resource in a YAML spec and register them. Resources already generated and "
    "registered are left alone, so running it again changes nothing."
)


def generate(
    spec: Annotated[
        Path, typer.Argument(metavar="SPEC", help="YAML spec: a list of resources (see README).")
    ],
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing modules.")] = False,
    skip: Annotated[
        bool, typer.Option("--skip", help="Keep existing modules; still register them.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the diff of every change; write nothing.")
    ] = False,
    project: Annotated[Path, typer.Option(help="Root of the target project.")] = Path("."),
) -> None:
    from scaffold.errors import SpecError
    from scaffold.generation import OnExisting, build_plan, read_source
    from scaffold.settings import load_settings
    from scaffold.spec import load_spec

    if force and skip:
        raise SpecError("--force and --skip exclude each other; pass one")
    resources = load_spec(read_source(spec, str(spec)), str(spec))
    settings = load_settings(project)
    on_existing = OnExisting.FORCE if force else OnExisting.SKIP if skip else OnExisting.CONVERGE
    finish(build_plan(settings, resources, on_existing, parallel=True), dry_run)
