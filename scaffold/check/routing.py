"""Which routes an earlier one hides and which no path reaches: both routing rules' reading of
the routes, a function of the routes alone (so another process may read it: `route_walk`)."""

from __future__ import annotations

from scaffold.pysource.unresolved import Unresolved
from scaffold.pysource.urlconf import RouteEntry

# (route, earlier route covering it) and (route, its own pattern is dead) as indexes into the
# routes, and what the reading could not follow
Routing = tuple[list[tuple[int, int]], list[tuple[int, bool]], list[Unresolved]]


def routing_of(routes: list[RouteEntry]) -> Routing:
    """The routes an earlier one hides, those no path reaches, and what could not be followed."""
    from scaffold.check.shadow import dead_entries, hidden_entries, own_pattern_is_dead

    unresolved: list[Unresolved] = []
    at = {id(route): index for index, route in enumerate(routes)}
    hidden = [
        (at[id(entry.route)], at[id(cover.route)])
        for entry, cover in hidden_entries(routes, unresolved)
    ]
    dead = [
        (at[id(entry.route)], own_pattern_is_dead(entry))
        for entry in dead_entries(routes, unresolved)
    ]
    return hidden, dead, unresolved
