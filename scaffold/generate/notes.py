"""What the line saying "create <module>" adds for the user: the other bases the route fits
(`--base` chooses), a lookup that answers across the route's scope, and one that two rows may
answer."""

from __future__ import annotations

from scaffold.generate.resolve import ResolvedEndpoint

_SHOWN = 6  # bases named in "also fits": a route with no parameter fits every one of the tree


def notes(endpoint: ResolvedEndpoint) -> str:
    """`; also fits: ...` and `; note: ...`, or ""."""
    said = ""
    if endpoint.also_fits:
        said += also_fits_note(endpoint.also_fits)
    scope = list(endpoint.base.injects)
    for lookup in endpoint.lookups:
        if lookup.parent_expr is None and scope:  # `parent: null` under an organization
            model = lookup.model.rpartition(".")[2]
            said += (
                f"; note: {lookup.spec.name} is looked up with parent: null, so every {model} "
                f"answers whatever the route's {scope[-1]}"
            )
        if lookup.may_repeat:
            model = lookup.model.rpartition(".")[2]
            within = f" within its {scope[-1]}" if lookup.parent_expr is not None and scope else ""
            said += (
                f"; note: nothing in {model} makes {lookup.spec.field} unique{within} "
                "(unique=True, unique_together or a UniqueConstraint): two such rows make the "
                "lookup raise MultipleObjectsReturned, a 500"
            )
        scope.append(lookup.spec.name)
    if endpoint.other_silos:  # Sentry raises reading a model outside its silo
        silo = (endpoint.decorator or "").removesuffix("_silo_endpoint")
        said += f"; note: {', '.join(endpoint.other_silos)}, read from a {silo}-silo endpoint"
    return said


def also_fits_note(names: tuple[str, ...]) -> str:
    """`; also fits: A, B (pass --base to choose)`: the closest first (as resolve orders
    them), a long list cut short."""
    shown, more = names[:_SHOWN], len(names) - _SHOWN
    rest = f" and {more} more" if more > 0 else ""
    return f"; also fits: {', '.join(shown)}{rest} (pass --base to choose)"
