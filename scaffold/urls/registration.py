"""A registration `UrlsFile.add` is asked for, and what it gave."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from scaffold.pysource.route_entry import RouteEntry
from scaffold.records import record
from scaffold.routes import Route

if TYPE_CHECKING:
    from scaffold.urls.index import UrlsIndex


@record
class Registration:
    """One endpoint to register: its class, the module that holds it, and its route."""

    class_name: str
    module: str  # absolute dotted module of the endpoint
    route: Route
    url_name: str | None  # the name asked for; None: `entry_name` decides
    avoid: frozenset[str] = frozenset()  # lists (UrlsIndex keys) not to add it to
    digits: frozenset[str] = frozenset()  # parameters it answers for digits alone (else a 404)
    name_prefix: str | None = None  # a configured prefix of derived names; None: the file's


@record
class Added:
    """What `UrlsFile.add` did: the list it used, the URL name it gave (None: none, as the
    list's entries), and the entry's pattern."""

    list_name: str  # as messages show it
    url_name: str | None
    list_key: str = ""  # as UrlsIndex names it
    pattern: str = ""

    def is_entry(self, route: RouteEntry, class_name: str) -> bool:
        """Whether a route walked from the patched file is this entry (for `class_name`)."""
        if self.url_name is not None:
            return route.name == self.url_name
        return (
            route.name is None and route.regex == self.pattern and class_name in route.view_names()
        )


def taken_at(
    index: UrlsIndex,
    built: Mapping[str, RouteEntry],
    url_name: str,
    registration: Registration,
    registered: bool,
) -> tuple[str | None, str | None]:
    """Where urls.py gives `url_name` already (None: nowhere), written out in `index` or built
    by code its walk followed (`built`, `generate.route_guard.built_url_names`), and the class
    when that route is its own and the name was not asked for (`registered`: urls.py routes
    it)."""
    if index.url_names[url_name]:
        where, own = f"{index.label}:{index.line_of(url_name)}", registered
    elif url_name in built:
        entry = built[url_name]
        where, own = f"{entry.relpath}:{entry.line}", registration.class_name in entry.view_names()
    else:
        return None, None
    return where, registration.class_name if own and not registration.url_name else None
