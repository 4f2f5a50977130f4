"""Whether the URL modules prove a Django that passes None for a group the path leaves out."""

from __future__ import annotations

from scaffold.pysource.django_era import before_django_1_10
from scaffold.pysource.route_entry import RouteEntry
from scaffold.pysource.tree import Tree


def passes_none_for_missing_groups(tree: Tree, route: RouteEntry) -> bool:
    """True when the URL module whose list holds the route proves Django 1.9 or older
    (`django_era`): Django 1.x passes None for a named group the path leaves out (2.0 on
    passes no such argument)."""
    info = tree.info(route.list_key.partition(":")[0])
    return info is not None and before_django_1_10(info)
