"""A route on which the convert_args chain raises on every request for want of a parameter it
gives a default (`organization_id_or_slug=None`, then `if not organization_id_or_slug: raise
ResourceDoesNotExist`): the route no longer captures it (a group renamed on one side only)."""

from __future__ import annotations

from scaffold.pysource.classes import EndpointClass
from scaffold.pysource.convert_args import class_flow
from scaffold.pysource.route_context import Extra
from scaffold.pysource.route_flow import RouteFlow, route_flow


def raising_without(
    endpoint: EndpointClass, groups: tuple[str, ...], extra: tuple[Extra, ...]
) -> list[str]:
    """Where every path of the chain raises before a handler on this route (the caller knows
    it), the parameters of the chain's convert_args the route does not pass whose capture
    alone would let a path reach the handler (those it takes by name, or reads from kwargs),
    one finding naming them; else none (a chain that raises whatever the route captures, a
    retired endpoint's, is no mismatch of its routes)."""
    passed = {*groups, *(key for key, _, _ in extra)}
    taken = class_flow(endpoint)  # signature parameters, kwargs.pop / get / [...] keys
    named = [*(n for names in taken.groups for n in sorted(names)), *sorted(taken.consumed)]
    defaulted = [n for n in dict.fromkeys([*named, *sorted(taken.read)]) if n not in passed]
    reaching = []
    for name in defaulted:
        flow = route_flow(endpoint, (*groups, name), extra)
        if isinstance(flow, RouteFlow) and flow.reached:
            reaching.append(name)
    if not reaching:
        return []
    needed = " or ".join(reaching)
    why = f"convert_args raises on every request of this route without {needed}"
    return [f"{why}, which the route does not capture"]
