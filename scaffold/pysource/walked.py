"""What a route walk found, as a value: so that a cache at the edge can stand it in for the walk
(`commands/tree_reading.py`), with the modules the walk read as what it depends on."""

from __future__ import annotations

from scaffold.pysource.unresolved import Unresolved
from scaffold.pysource.urlconf import RouteEntry, RoutingReader
from scaffold.records import record


@record
class Walked:
    """A walk's routes, what it could not follow, the classes those entries name, and every
    module it read (not the parsed modules themselves)."""

    routes: tuple[RouteEntry, ...]
    unresolved: tuple[Unresolved, ...]
    routed: frozenset[str]
    modules: frozenset[str]
    asked: frozenset[str]  # every module it asked the tree about (class attributes' too)


def walked(reader: RoutingReader) -> Walked:
    return Walked(
        tuple(reader.routes),
        tuple(reader.unresolved),
        frozenset(reader.routed),
        frozenset(reader.modules),
        frozenset(reader.asked),
    )


def take(reader: RoutingReader, found: Walked) -> None:
    """Stand a walk's findings in for walking: the modules it read count as read, though not
    parsed here (`reader.modules` maps them to None until something parses them)."""
    reader.routes, reader.unresolved = list(found.routes), list(found.unresolved)
    reader.routed = set(found.routed)
    reader.asked |= found.asked
    for module in found.modules:
        reader.modules.setdefault(module, None)
