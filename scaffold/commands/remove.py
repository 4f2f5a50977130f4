"""`scaffold remove NAME`: unregister an endpoint and delete the module scaffold generated."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scaffold.commands._writing import DryRunOption, PackageOption, ProjectOption, finish

HELP = (
    "Remove an endpoint: its route entries and import in urls.py, and its module when it is "
    "still exactly what scaffold generated (--force deletes a hand-edited one too)."
)


def remove(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Class name, e.g. OrganizationWidgets[Endpoint].")
    ],
    force: Annotated[
        bool,
        typer.Option("--force", help="Delete the module even if it was edited or not generated."),
    ] = False,
    dry_run: DryRunOption = False,
    project: ProjectOption = Path("."),
    package: PackageOption = None,
) -> None:
    from scaffold.generate.removal import build_removal_plan
    from scaffold.project.settings import load_settings

    settings = load_settings(project, package)
    finish(build_removal_plan(settings, name, force=force), dry_run)
