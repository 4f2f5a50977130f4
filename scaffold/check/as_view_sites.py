"""Where code outside the walked urlconfs calls `X.as_view(...)` (a plugin's URL list, a view
factory): a class served there may well be routed, by code the reader does not follow."""

from __future__ import annotations

import re

from scaffold.pysource.classes import EndpointClass, Resolver
from scaffold.pysource.urlconf import as_view_references


def as_view_sites(resolver: Resolver, endpoints: list[EndpointClass]) -> dict[str, tuple[str, int]]:
    """Dotted path of each of `endpoints` -> (relpath, line) of the first `Name.as_view(` in
    the tree that resolves to it; in a module that does not parse (syntax newer than the
    Python running scaffold), that names it."""
    by_name = {e.name: e.dotted for e in endpoints}
    if not by_name:
        return {}
    names = "|".join(re.escape(name) for name in sorted(by_name))
    call_re = re.compile(rb"\b(%s)\s*\.\s*as_view\s*\(" % names.encode())
    tree = resolver.tree
    sites: dict[str, tuple[str, int]] = {}
    for source in tree.files():
        if not tree.mentions(source, b"as_view"):
            continue
        data = tree.data(source.module)
        if data is None:
            continue
        calls = list(call_re.finditer(data))
        if not calls:
            continue
        referenced = set()
        for dotted in as_view_references(data, source.module, source.is_package):
            found = resolver.resolve(dotted)
            referenced.add(found[0] if found else dotted)
        unread = not referenced and tree.info(source.module) is None
        for call in calls:
            dotted = by_name[call.group(1).decode()]
            if (dotted in referenced or unread) and dotted not in sites:
                sites[dotted] = (source.relpath, data.count(b"\n", 0, call.start()) + 1)
    return sites
