"""Whether the URL modules prove a Django that passes None for a group the path leaves out."""

from __future__ import annotations

from scaffold.pysource.route_entry import RouteEntry
from scaffold.pysource.tree import Tree

_PATTERNS = "django.conf.urls.patterns"  # Django 1.10 removed it


def passes_none_for_missing_groups(tree: Tree, route: RouteEntry) -> bool:
    """True when the URL module whose list holds the route imports `patterns` from
    `django.conf.urls`: the project runs Django 1.9 or older, and Django 1.x passes None for a
    named group the path leaves out (2.0 on passes no such argument). The import is the proof:
    an unimportable name would stop the urlconf from loading at all."""
    info = tree.info(route.list_key.partition(":")[0])
    return info is not None and _PATTERNS in info.imports.values()
