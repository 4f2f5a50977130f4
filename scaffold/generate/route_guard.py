"""What a urls.py patch does to reachability, judged as `scaffold check` judges it: the routes
walked from the patched API urls.py, in memory. A list included from several places
(`GROUP_URLS` under `^(?:issues|groups)/` and `^organizations/{org}/(?:issues|groups)/`) serves a
new entry at every one of its paths, and one of them may already be an entry of its own."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from scaffold.check.language import django_matches
from scaffold.check.shadow import hidden_entries
from scaffold.generate.resolve import ResolvedEndpoint
from scaffold.project.catalog import Catalog
from scaffold.project.settings import Settings
from scaffold.pysource.route_entry import RouteEntry
from scaffold.pysource.tree import Tree
from scaffold.pysource.unresolved import Unresolved
from scaffold.pysource.urlconf import RoutingReader
from scaffold.records import record
from scaffold.route_comparison import sample_paths
from scaffold.routes import Param, Route, Token, regex_to_tokens

Pair = tuple[RouteEntry, RouteEntry]  # (the route never reached, the earlier one matching it)


@record
class Patched:
    """What a patch of urls.py does to the routes walked from it."""

    hidden: list[Pair]  # unreachable routes, or ones a new entry makes so, that involve one
    routes: list[RouteEntry]  # every route walked from the patched text


def walk_patch(
    settings: Settings,
    after: str,
    is_new: Callable[[RouteEntry], bool] = lambda route: False,
    overlays: Mapping[str, str] | None = None,
) -> Patched:
    """The routes of the patched text, and the unreachable ones where a new entry (`is_new`)
    is either side: the pairs the patch made. A pair of two routes the file already had was
    there before (a new entry changes no other pair's languages), so one walk of the patched
    text is enough."""
    module = settings.module_for(settings.urls_path)
    tree = Tree(settings.project_root, settings.src_root)
    tree.overlay(module, after.encode())
    for other, text in (overlays or {}).items():  # route modules patched with it
        tree.overlay(other, text.encode())
    reader = RoutingReader(tree)
    reader.walk_root(module)
    unresolved: list[Unresolved] = []  # what the walk cannot read judges nothing here either
    hidden = [
        (entry.route, cover.route)
        for entry, cover in hidden_entries(reader.routes, unresolved)
        if is_new(entry.route) or is_new(cover.route)
    ]
    return Patched(hidden, reader.routes)


def answers_alike(
    catalog: Catalog,
    endpoint: ResolvedEndpoint,
    routes: list[RouteEntry],
    is_entry: Callable[[RouteEntry], bool],
) -> bool:
    """Whether the new entry (the routes `is_entry` says are it) works at every path it answers
    as it does at the route asked for: a list included under several prefixes (`issues/` and
    `organizations/{org}/issues/`) hands the endpoint other parameters there. Each path must
    fit the base, inject what it injects on the route asked for, and give every parameter the
    handlers or the module's lookups read."""
    asked = endpoint.spec.route.params
    base = endpoint.base
    injected = set(catalog.injected_for(base, asked))
    consumed = {p.name for p in base.consumed(asked) or ()}
    # what the handlers or the module's lookups take from the URL: every parameter the base
    # does not take, and those it reads but leaves in kwargs (`passes_on`)
    needed = ({p.name for p in asked} - consumed) | (consumed & base.passes_on)
    for route in routes:
        if not is_entry(route) or route.regex is None:
            continue
        params = tuple(Param(name) for name in route.groups)
        if base.consumed(params) is None or not needed <= set(route.groups):
            return False
        if not injected <= set(catalog.injected_for(base, params)):
            return False
    return True


_walked: list[tuple[Settings, str, list[RouteEntry]]] = []  # the last text walked, and its routes


def forget_walked_routes() -> None:
    """Forget the last walk: the route modules urls.py splices in may have changed since
    (another command of the same process wrote one)."""
    _walked.clear()


def walked_routes(settings: Settings, source: str) -> list[RouteEntry]:
    """The routes walked from urls.py's text `source` (the last text's walk is kept)."""
    if not _walked or _walked[0][:2] != (settings, source):
        _walked[:] = [(settings, source, walk_patch(settings, source).routes)]
    return _walked[0][2]


def walked_entries_serving(
    settings: Settings, source: str, class_name: str, route: Route
) -> list[RouteEntry]:
    """The walked routes of urls.py (`source`) answering every sample path of `route` with
    `class_name` (taking the same parameters), matched as Django matches them
    (`check/language.py`): through lists that functions build
    (`include(create_group_urls("sentry-api-0"))`) and prefixes with alternatives
    (`^(?:issues|groups)/`), which the patcher's own reading of the file does not follow. Only
    what the walk reads to the end counts (every pattern literal)."""
    wanted = {p.name for p in route.params}
    found = []
    for entry in walked_routes(settings, source):
        if class_name not in entry.view_names():
            continue
        chain = tuple(p for p in (*entry.prefixes, entry.regex) if p is not None)
        if set(entry.groups) != wanted or len(chain) != len(entry.prefixes) + 1:
            continue  # a pattern that is not literal: the walk cannot say
        paths = sample_paths(_spelled_as(route.tokens, chain))
        if all(django_matches(chain, path) for path in paths):
            found.append(entry)
    return found


def _spelled_as(tokens: tuple[Token, ...], chain: tuple[str, ...]) -> tuple[Token, ...]:
    """The route's tokens, each parameter the route leaves to the file (`{gauge_id}`, no regex)
    given the regex the patterns of `chain` spell its group with, where they read back as
    tokens: scaffold wrote it as the entries beside it spell that name (`\\d+`), and the entry
    is the route all the same (urls.py's own entries are compared by name alike)."""
    spelled: dict[str, str] = {}
    for pattern in chain:
        for token in regex_to_tokens(pattern) or ():
            if isinstance(token, Param) and token.regex is not None:
                spelled.setdefault(token.name, token.regex)
    return tuple(
        (
            Param(t.name, spelled[t.name])
            if isinstance(t, Param) and t.regex is None and t.name in spelled
            else t
        )
        for t in tokens
    )


def built_url_names(settings: Settings, source: str) -> dict[str, RouteEntry]:
    """The global URL names of the routes walked from urls.py (`source`), each with the first
    route giving it: those the file does not write out too (an f-string in a list a function
    builds, a helper naming the route after its class's `name`), which reverse() knows all the
    same. A name under an include with a namespace is not global; an unknown namespace says
    nothing."""
    names: dict[str, RouteEntry] = {}
    for entry in walked_routes(settings, source):
        if entry.name is not None and entry.namespaces == ():
            names.setdefault(entry.name, entry)
    return names
