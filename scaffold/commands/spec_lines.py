"""One resource of the spec `scaffold list --format spec` writes, as YAML lines."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scaffold.check.inventory import ListedEndpoint, ListedRoute
    from scaffold.project.settings import Settings
    from scaffold.routes import Param


def resource_lines(
    e: ListedEndpoint,
    route: ListedRoute,
    text: str,
    lookups: tuple[Param, ...],
    settings: Settings,
) -> list[str]:
    """The spec lines of one resource: `e` served by `route` (written as `text`)."""
    from scaffold.naming import module_name_for

    lines = [
        f"  - name: {e.name}",
        f"    route: {json.dumps(text)}",
        f"    methods: [{', '.join(e.methods)}]",
    ]
    if e.base:
        lines.append(f"    base: {e.base}")
    module = e.dotted.rpartition(".")[0]
    default = settings.endpoints_dir / f"{module_name_for(e.name)}.py"
    if settings.path_for(module) != default:  # not where generate would put it
        lines.append(f"    module: {module}")
    if route.url_name:  # none: generate gives none in its list either (`_goes_unnamed`)
        lines.append(f"    url_name: {json.dumps(route.url_name)}")
    owners = settings.owner_enum
    if e.owner and e.owner != "UNOWNED" and owners:  # generate refuses one the enum lacks
        known = e.owner in owners.members
        lines.append(
            f"    owner: {e.owner.lower()}"
            if known
            else f"    # owner: {e.owner} is no member of {owners.name} (not written)"
        )
    if lookups:
        lines.append("    lookups:")
        lines += [f"      {p.name}: {{passthrough: true}}" for p in lookups]
    return lines
