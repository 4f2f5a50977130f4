"""`scaffold remove NAME`: unregister an endpoint and delete the module scaffold generated."""

from __future__ import annotations

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
    route: Annotated[
        str | None,
        typer.Option(
            "--route",
            help="Take out only the entry serving NAME at this route (as new-endpoint --route "
            "takes it); the module stays.",
        ),
    ] = None,
    dry_run: DryRunOption = False,
    project: ProjectOption = None,
    package: PackageOption = None,
) -> None:
    from scaffold.errors import SpecError
    from scaffold.generate.removal import build_removal_plan
    from scaffold.generate.route_removal import build_route_removal_plan
    from scaffold.project.settings import writing_settings
    from scaffold.routes import RouteSyntaxError, parse_route

    settings = writing_settings(project, package)
    if route is None:
        finish(build_removal_plan(settings, name, force=force), dry_run)
        return
    if force:
        raise SpecError("--force: remove --route keeps the module; drop --force")
    try:
        parsed = parse_route(route)
    except RouteSyntaxError as exc:
        raise SpecError(f"--route: {exc}") from None
    finish(build_route_removal_plan(settings, name, parsed), dry_run)
