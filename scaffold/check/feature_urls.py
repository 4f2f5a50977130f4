"""Where an unrouted endpoint's route goes: the urls module of its feature, where urls.py splices
that module's list into one of its own (`*gauge_urls.organization_urlpatterns`) and the class
lies in that module's package, as `scaffold new-endpoint` registers it (`generate/splices.py`)."""

from __future__ import annotations

from collections.abc import Iterable

from scaffold.pysource.classes import EndpointClass
from scaffold.pysource.tree import Tree
from scaffold.pysource.urlconf import RouteEntry


def spliced_files(tree: Tree, routes: Iterable[RouteEntry]) -> set[str]:
    """The files (relpaths) of routes walked in a list of another module: a list of a feature's
    urls module spliced into one of urls.py (an included module's routes are in its own)."""
    found: set[str] = set()
    for route in routes:
        holder = tree.file_for(route.list_key.partition(":")[0])
        if holder is not None and holder.relpath != route.relpath:
            found.add(route.relpath)
    return found


def routes_file_for(endpoint: EndpointClass, spliced: set[str]) -> str:
    """The feature's urls module (relpath) the endpoint's route goes in: the one spliced file
    whose folder holds the class's module; else `urls.py`."""
    module = endpoint.module.path_relpath
    holding = [f for f in spliced if module.startswith(f.rpartition("/")[0] + "/")]
    return holding[0] if len(holding) == 1 else "urls.py"
