"""`scaffold new-endpoint`: one endpoint from command-line flags."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer

from scaffold.commands._writing import (
    DryRunOption,
    ForceOption,
    NoTestsOption,
    PackageOption,
    ProjectOption,
    SkipOption,
    finish,
    on_existing,
)

HELP = (
    "Create one endpoint module and register it in urls.py. The base class is chosen from the "
    "route's parameters unless --base is given."
)


def new_endpoint(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Class name, e.g. OrganizationWidgets[Endpoint].")
    ],
    route: Annotated[
        str | None,
        typer.Option(
            help="Path below /api/0/, e.g. 'organizations/{organization_id_or_slug}/widgets/'."
        ),
    ] = None,
    methods: Annotated[
        str, typer.Option(help="Comma-separated: get,post,put,patch,delete.")
    ] = "get",
    base: Annotated[str | None, typer.Option(help="Base class name or dotted path.")] = None,
    lookup: Annotated[
        list[str] | None,
        typer.Option(
            help=(
                "PARAM=dotted.Model[:field] for a route parameter the base leaves (PARAM=- "
                "passes its raw value through); repeat."
            )
        ),
    ] = None,
    owner: Annotated[str | None, typer.Option(help="ApiOwner member, e.g. issues.")] = None,
    publish_status: Annotated[
        str | None, typer.Option(help="One status (private) or get=public,post=private.")
    ] = None,
    permission: Annotated[
        list[str] | None, typer.Option(help="Dotted path of a permission class; repeat.")
    ] = None,
    silo: Annotated[str | None, typer.Option(help="region, control, all, none, or a name.")] = None,
    url_name: Annotated[str | None, typer.Option(help="URL name (default from the class).")] = None,
    description: Annotated[str | None, typer.Option(help="Class docstring.")] = None,
    module: Annotated[
        str | None,
        typer.Option(
            help="Dotted module for the class, or a package (the file is named from the class); "
            "default: the [tool.scaffold] endpoints folder."
        ),
    ] = None,
    force: ForceOption = False,
    skip: SkipOption = False,
    dry_run: DryRunOption = False,
    project: ProjectOption = None,
    package: PackageOption = None,
    no_tests: NoTestsOption = False,
) -> None:
    from scaffold.commands.speedups import start_rendering
    from scaffold.generate.build import OnExisting, build_plan
    from scaffold.project.settings import writing_settings
    from scaffold.spec import parse_lookup_flag, resource_from_flags

    policy = on_existing(force, skip, OnExisting.FAIL)
    if route is None:
        route = _prompt_or_fail("--route", "Route below /api/0/")
    raw: dict[str, Any] = {"name": name, "route": route, "methods": methods}
    optional = {
        "base": base,
        "owner": owner,
        "silo": silo,
        "url_name": url_name,
        "description": description,
        "module": module,
        "permission_classes": permission or None,
        "publish_status": _publish_status(publish_status),
    }
    raw.update({key: value for key, value in optional.items() if value is not None})
    if lookup:
        raw["lookups"] = _unique("--lookup", [parse_lookup_flag(item) for item in lookup])
    spec = resource_from_flags(raw)
    settings = writing_settings(project, package)
    finish(build_plan(settings, [spec], policy, start_rendering, not no_tests), dry_run)


def _publish_status(value: str | None) -> str | dict[str, str] | None:
    if value is None or "=" not in value:
        return value
    pairs = [item.partition("=") for item in value.split(",")]
    return _unique("--publish-status", [(m.strip(), status.strip()) for m, _, status in pairs])


def _unique(flag: str, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A mapping from KEY=VALUE flag items; a key given twice is an error, not "last wins"."""
    from scaffold.errors import SpecError

    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise SpecError(f"{flag}: {key!r} is given twice; give it once")
        result[key] = value
    return result


def _prompt_or_fail(flag: str, text: str) -> str:
    """Ask on a terminal; in CI or without a TTY, fail naming the flag."""
    from scaffold.errors import SpecError

    if sys.stdin.isatty() and os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        return str(typer.prompt(text))
    raise SpecError(f"{flag} is required (no terminal to ask on); pass {flag}")
