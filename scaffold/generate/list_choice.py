"""Which list a new entry may go to: not one where it would leave a route unreachable (or be so
itself), nor one whose other paths hand the endpoint parameters it cannot take."""

from __future__ import annotations

from functools import partial

from scaffold.errors import PatchError
from scaffold.generate.resolve import ResolvedEndpoint
from scaffold.generate.route_guard import answers_alike, walk_patch
from scaffold.generate.splices import SpliceEdits
from scaffold.project.catalog import Catalog
from scaffold.project.settings import Settings
from scaffold.pysource.route_entry import RouteEntry
from scaffold.urls.add import Added, Registration, UrlsFile


def moved_away(
    settings: Settings,
    catalog: Catalog,
    endpoints: list[ResolvedEndpoint],
    urls: UrlsFile,
    avoid: dict[str, frozenset[str]],
    splices: SpliceEdits | None = None,
) -> bool:
    """True when a new entry must go to another list, which is then added to the class's
    `avoid`: it would leave a route unreachable (or be so itself), or its list answers other
    paths where the endpoint would not work (`answers_alike`). Refuses when no list is left.
    The entries `splices` added to feature urls modules are judged with them."""
    every = [*urls.added, *(splices.added if splices is not None else ())]
    if not every:
        return False

    def new_entry(route: RouteEntry) -> tuple[Registration, Added] | None:
        return next((n for n in every if n[1].is_entry(route, n[0].class_name)), None)

    overlays = splices.overlays() if splices is not None else None
    patched = walk_patch(settings, urls.code(), lambda r: new_entry(r) is not None, overlays)
    by_class = {endpoint.class_name: endpoint for endpoint in endpoints}
    for registration, added in every:
        endpoint = by_class.get(registration.class_name)
        is_entry = partial(added.is_entry, class_name=registration.class_name)
        alike = endpoint is None or answers_alike(catalog, endpoint, patched.routes, is_entry)
        if not alike and _avoid(avoid, registration, added):
            return True
    for hidden, cover in patched.hidden:
        new = next((found for r in (cover, hidden) if (found := new_entry(r))), None)
        if new is None:
            continue  # not the new entries' doing (an include's reach): the check's to report
        if _avoid(avoid, *new):
            return True
        raise PatchError(_unreachable_message(urls, splices, *new, hidden, cover))
    return False


def _avoid(avoid: dict[str, frozenset[str]], registration: Registration, added: Added) -> bool:
    """Add the entry's list to what its class avoids; False when it is the top level (or
    avoided already): no list is left to try."""
    avoided = avoid.get(registration.class_name, frozenset())
    if added.list_key == "urlpatterns" or added.list_key in avoided:
        return False
    avoid[registration.class_name] = avoided | {added.list_key}
    return True


def _unreachable_message(
    urls: UrlsFile,
    splices: SpliceEdits | None,
    registration: Registration,
    added: Added,
    hidden: RouteEntry,
    cover: RouteEntry,
) -> str:
    route = registration.route.text
    if added.is_entry(cover, registration.class_name):  # the new entry hides one
        return (
            f"{_where_now(urls, splices, hidden)}: the route {route} for "
            f'{registration.class_name} would match every path of r"{hidden.regex}" here, '
            "which would never be reached again; remove that route first or choose another route"
        )
    return (
        f'{_where_now(urls, splices, cover)}: r"{cover.regex}" here matches every path of the '
        f"route {route} for {registration.class_name}, so it would never be reached; choose "
        "another route or move that one"
    )


def _where_now(urls: UrlsFile, splices: SpliceEdits | None, route: RouteEntry) -> str:
    """An existing route's file and line as it is (the walk read the patched texts): urls.py,
    a feature's urls module spliced in (patched too, or not), or another module it reaches."""
    patched = urls if route.relpath == urls.label else None
    patched = patched or (splices.file_at(route.relpath) if splices is not None else None)
    if patched is not None and route.regex is not None and route.regex in patched.index.source:
        return f"{route.relpath}:{patched.index.line_of(route.regex)}"
    return f"{route.relpath}:{route.line}"
