"""A registration `UrlsFile.add` is asked for, and what it gave."""

from __future__ import annotations

from scaffold.pysource.route_entry import RouteEntry
from scaffold.records import record
from scaffold.routes import Route


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
        view = route.view
        shown = {t.rpartition(".")[2] for t in (view.text, view.dotted or "")} if view else set()
        return route.name is None and route.regex == self.pattern and class_name in shown
