"""`scaffold list`: every endpoint class, where it is, what it handles, and the routes serving it."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from scaffold.commands._writing import ProjectOption

if TYPE_CHECKING:
    from scaffold.check.inventory import ListedEndpoint
    from scaffold.project.settings import Settings

HELP = (
    "List every endpoint class: module, base, methods, owner, publish status and every route "
    "serving it (full path, URL name, urls.py:line), or 'unrouted'. --format spec writes a "
    "spec that `generate --skip` registers the same routes from."
)


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    SPEC = "spec"


def list_endpoints(
    format: Annotated[
        ListFormat, typer.Option("--format", help="table (rich), json, or spec (YAML).")
    ] = ListFormat.TABLE,
    project: ProjectOption = Path("."),
) -> None:
    from scaffold.check.inventory import list_endpoints as read_endpoints
    from scaffold.project.settings import load_settings

    settings = load_settings(project)
    endpoints, _ = read_endpoints(settings)
    if format is ListFormat.JSON:
        print(json.dumps([_as_json(e) for e in endpoints], indent=2))
    elif format is ListFormat.SPEC:
        print(_as_spec(endpoints, settings), end="")
    else:
        _print_table(endpoints)


def _as_json(endpoint: ListedEndpoint) -> dict[str, Any]:
    return {
        "class": endpoint.name,
        "module": endpoint.dotted.rpartition(".")[0],
        "path": f"{endpoint.relpath}:{endpoint.line}",
        "base": endpoint.base,
        "methods": list(endpoint.methods),
        "owner": endpoint.owner,
        "publish_status": (
            None if endpoint.publish_status is None else list(endpoint.publish_status)
        ),
        "routes": [
            {"path": r.path, "name": r.url_name, "at": f"{r.relpath}:{r.line}"}
            for r in endpoint.routes
        ],
    }


def _print_table(endpoints: list[ListedEndpoint]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("endpoint", "base", "methods", "owner", "publish", "routes")
    for e in endpoints:
        routes = "\n".join(
            f"{r.path or '(pattern not plain)'}  {r.url_name or '-'}  {r.relpath}:{r.line}"
            for r in e.routes
        )
        status = "-" if e.publish_status is None else ",".join(e.publish_status) or "-"
        table.add_row(
            f"{e.name}\n{e.relpath}:{e.line}",
            (e.base or "-").rpartition(".")[2],
            ",".join(e.methods),
            e.owner or "-",
            status,
            routes or "unrouted",
        )
    Console(highlight=False).print(table)


def _as_spec(endpoints: list[ListedEndpoint], settings: Settings) -> str:
    """A spec of every routed endpoint; what a spec cannot say is written as a comment."""
    from scaffold.project.catalog import Catalog
    from scaffold.routes import RouteSyntaxError, parse_route

    catalog = Catalog(settings)
    lines = [
        "# Written by `scaffold list --format spec`: one resource per routed endpoint. Its",
        "# modules exist, so `scaffold generate SPEC --skip` keeps them and only registers the",
        "# routes missing from urls.py; lookups are written as passthrough for that reason.",
        "resources:",
    ]
    for e in endpoints:
        usable = [r for r in e.routes if r.path and r.exact and r.path.strip("/")]
        for extra in [r for r in e.routes if r not in usable[:1]]:
            lines.append(
                f"  # {e.name}: {extra.path or 'a pattern'} ({extra.relpath}:"
                f"{extra.line}) is not written: one route per resource, plain, ending $"
            )
        if not usable or not e.methods:
            continue
        route = usable[0]
        text = route.path.strip("/") + "/" if route.path else ""
        try:
            params = parse_route(text).params
        except RouteSyntaxError:
            lines.append(f"  # {e.name}: route {text!r} cannot be written in a spec")
            continue
        base = catalog.find(e.base) if e.base else None
        consumed = len(base.consumes) if base else 0
        lines += [
            f"  - name: {e.name}",
            f"    route: {json.dumps(text)}",
            f"    methods: [{', '.join(e.methods)}]",
        ]
        if e.base:
            lines.append(f"    base: {e.base}")
        if route.url_name:
            lines.append(f"    url_name: {json.dumps(route.url_name)}")
        if e.owner and e.owner != "UNOWNED" and settings.owner_enum:
            lines.append(f"    owner: {e.owner.lower()}")
        rest = params[consumed:]
        if rest:
            lines.append("    lookups:")
            lines += [f"      {p.name}: {{passthrough: true}}" for p in rest]
    return "\n".join(lines) + "\n"
