"""What the line saying "create <module>" adds for the user: the other bases the route fits
(`--base` chooses), and a lookup that answers across the route's scope."""

from __future__ import annotations

from scaffold.generate.resolve import ResolvedEndpoint


def notes(endpoint: ResolvedEndpoint) -> str:
    """`; also fits: ...` and `; note: ...`, or ""."""
    said = ""
    if endpoint.also_fits:
        said += f"; also fits: {', '.join(endpoint.also_fits)} (pass --base to choose)"
    scope = list(endpoint.base.injects)
    for lookup in endpoint.lookups:
        if lookup.parent_expr is None and scope:  # `parent: null` under an organization
            model = lookup.model.rpartition(".")[2]
            said += (
                f"; note: {lookup.spec.name} is looked up with parent: null, so every {model} "
                f"answers whatever the route's {scope[-1]}"
            )
        scope.append(lookup.spec.name)
    return said
