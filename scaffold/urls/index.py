"""What scaffold needs to know about a urls.py: its lists, includes, imports and style."""

from __future__ import annotations

import re

from scaffold.errors import PatchError
from scaffold.pysource.urlsource import (
    EntryLayout,
    FromImport,
    ListItem,
    read_urls,
    serves_somewhere,
    url_names,
)
from scaffold.records import evolve, record
from scaffold.route_comparison import strip_prefix
from scaffold.routes import Param, Route, Token, regex_to_tokens
from scaffold.urls.style import UrlsStyle, detect_style

_LEADING_GROUP_RE = re.compile(r"\^?\(\?P<(\w+)>")  # a pattern opening with a named group


@record
class ListStatement:
    """A list of routes: a module-level `NAME = [...]` statement, or an inline `include([...])`
    list inside one, reached from the statement's list through the item indexes in `path`."""

    name: str  # key in UrlsIndex.lists: the variable, or `VARIABLE@i/j` for an inline list
    title: str  # for messages: `ORGANIZATION_URLS`, or `urlpatterns > include at ^organizations/`
    first_line: int  # 1-based, inclusive: the whole statement
    last_line: int
    starts_line: bool  # nothing precedes the statement on its first line
    includes: tuple[tuple[tuple[Token, ...], str], ...]  # (prefix tokens, included list's key)
    items: tuple[ListItem, ...]
    is_call: bool = False  # Django 1.x `patterns('', ...)`: the routes are the call's arguments
    path: tuple[int, ...] = ()


class UrlsIndex:
    """The lists, imports, URL names and style of a urls.py, from the pysource facts."""

    def __init__(self, source: str, label: str, package: str, urls_module: str):
        self.source = source
        self.label = label
        self.urls_package = urls_module.rpartition(".")[0]
        facts = read_urls(source, label, self.urls_package, urls_module)
        self.helpers = facts.helpers  # spells a new entry's pattern as the file's helper reads it
        self.aliases = facts.aliases  # local name -> dotted path a module-level import binds
        self.imports: list[FromImport] = list(facts.imports)
        self.lists: dict[str, ListStatement] = {}
        self.include_counts: dict[str, int] = {}  # list name -> how many includes name it
        layouts: list[EntryLayout] = []
        for found in facts.lists:
            statement = ListStatement(
                found.name,
                found.name,
                found.first_line,
                found.last_line,
                found.starts_line,
                (),
                found.items,
                is_call=found.is_call,
            )
            self._add_list(statement, layouts)
        self.url_names = url_names(source)
        self.style: UrlsStyle = detect_style(
            source, label, package, self.imports, layouts, self.url_names
        )

    def _add_list(self, statement: ListStatement, layouts: list[EntryLayout]) -> None:
        """Record a list of routes and, recursively, the inline include([...]) lists in it."""
        includes = []
        for item in statement.items:
            if item.layout is not None:
                layouts.append(item.layout)
            if not item.is_include or item.pattern is None:
                continue
            if item.include_name is not None:  # counted even under a prefix not read as tokens
                self.include_counts[item.include_name] = (
                    self.include_counts.get(item.include_name, 0) + 1
                )
            tokens = regex_to_tokens(item.pattern)
            if tokens is None:
                continue
            if item.include_name is not None:
                includes.append((tokens, item.include_name))
            elif item.include_items is not None:
                path = (*statement.path, item.index)
                root = statement.name.partition("@")[0]
                key = f"{root}@{'/'.join(map(str, path))}"
                inline = evolve(
                    statement,
                    name=key,
                    title=f"{statement.title} > include at {item.pattern}",
                    items=item.include_items,
                    is_call=False,
                    path=path,
                )
                self._add_list(inline, layouts)
                includes.append((tokens, key))
        self.lists[statement.name] = evolve(statement, includes=tuple(includes))

    def registered(self, class_name: str) -> bool:
        """True when some route serves `class_name` (`X.as_view(` outside comments)."""
        return serves_somewhere(self.source, class_name)

    def line_of(self, text: str) -> int:
        """The 1-based line where `text` first appears (1 when it does not)."""
        offset = self.source.find(text)
        if offset < 0:  # a pattern as the file's route helper builds it: where it is written
            offset = self.source.find(self.helpers.written(text))
        return self.source.count("\n", 0, offset) + 1 if offset >= 0 else 1

    def target(
        self, tokens: tuple[Token, ...], avoid: frozenset[str] = frozenset()
    ) -> tuple[str, tuple[Token, ...]]:
        """The list whose include prefix matches most of the route, and the rest of it (empty
        for the included list's index route, `^$`); never one of `avoid`, nor a list reached
        only through one."""
        lists = self.lists
        if "urlpatterns" not in lists:
            raise PatchError(
                f"{self.label}: no module-level `urlpatterns = [...]` list found; add one "
                "(scaffold adds routes to it or to the lists it includes)"
            )
        best = ("urlpatterns", tokens)
        included_at = self.include_counts  # `^(?:issues|groups)/` includes GROUP_URLS too

        def descend(name: str, rest: tuple[Token, ...], seen: frozenset[str]) -> None:
            nonlocal best
            for prefix, included in lists[name].includes:
                if included in seen or included not in lists or included in avoid:
                    continue
                remainder = strip_prefix(rest, prefix)
                # a list included from several places answers under every one of their
                # prefixes: it takes only routes of its own shape (not its index route `^$`;
                # when every entry starts with one parameter, `{issue_id}`, a route starting so)
                shared = included_at.get(included, 0) > 1
                if remainder is not None and shared and not self._fits(included, remainder):
                    continue
                if remainder is not None:
                    if len(remainder) < len(best[1]):
                        best = (included, remainder)
                    descend(included, remainder, seen | {included})

        descend("urlpatterns", tokens, frozenset({"urlpatterns"}))
        return best

    def kept_elsewhere(self, tokens: tuple[Token, ...], list_key: str) -> str:
        """`; note: ...` when `list_key`, the list the route went into, includes under a prefix
        of the route a list imported from another module, which scaffold does not edit
        (`AUTH_V2_URLS` of `sentry.auth_v2.urls` under `auth-v2/`); else ""."""
        target, rest = self.target(tokens)
        for prefix, included in self.lists[list_key].includes if target == list_key else ():
            module = next((s.module for s in self.imports if included in s.names), None)
            if included not in self.lists and module and strip_prefix(rest, prefix) is not None:
                return (
                    f"; note: the routes under {Route(prefix).text} are kept in {included} of "
                    f"{module}, which scaffold does not edit: this one follows its include in "
                    f"{self.lists[list_key].title}; move it there by hand if you wish"
                )
        return ""

    def _fits(self, name: str, remainder: tuple[Token, ...]) -> bool:
        """A route (the rest after the include prefix) has the shape of the list's entries."""
        if not remainder:
            return False
        firsts = set()
        for item in self.lists[name].items:  # read from the text: `(?:a|b)` entries count too
            opening = _LEADING_GROUP_RE.match(item.pattern or "")
            firsts.add(opening.group(1) if opening else None)
        if len(firsts) != 1 or None in firsts:
            return True  # entries of several shapes: no shape to keep
        first = remainder[0]
        return isinstance(first, Param) and first.name in firsts

    def entries_serving(
        self, class_name: str, tokens: tuple[Token, ...]
    ) -> list[tuple[int, int, str]]:
        """(first line, last line, pattern as written) of each entry serving `class_name` at
        the route: what `remove --route` takes out. The lines are the entry's call's own (an
        inline `include([...])` list shares its statement's lines with the lists beside it)."""
        return [
            entry
            for list_name, rest in self._placements(tokens)
            for entry in self.list_entries_serving(list_name, class_name, rest)
        ]

    def list_entries_serving(
        self,
        list_name: str,
        class_name: str,
        rest: tuple[Token, ...],
        through: frozenset[str] = frozenset(),
    ) -> list[tuple[int, int, str]]:
        """`entries_serving` in one list, at the rest of the route there; also those reading
        the class through an alias of `through` (`e.X.as_view()`)."""
        return [
            (
                item.line or self.lists[list_name].first_line,
                item.line or self.lists[list_name].last_line,
                self.helpers.written(item.pattern),
            )
            for item in self.lists[list_name].items
            if (item.view_class == class_name or item.through in {(a, class_name) for a in through})
            and item.pattern is not None
            and _plain(regex_to_tokens(item.pattern)) == _plain(rest)
        ]

    def splices(self, list_name: str) -> list[tuple[str, str]]:
        """(module, NAME) of each `*ALIAS.NAME` in the list, ALIAS a module urls.py imports."""
        return [
            (self.aliases[item.splice[0]], item.splice[1])
            for item in self.lists[list_name].items
            if item.splice is not None and item.splice[0] in self.aliases
        ]

    def spliced_at(self, tokens: tuple[Token, ...]) -> list[tuple[str, str, tuple[Token, ...]]]:
        """(module, NAME, rest of the route) of each `*ALIAS.NAME` (ALIAS an imported module)
        in a list the route can be written in."""
        return [
            (module, name, rest)
            for list_name, rest in self._placements(tokens)
            for module, name in self.splices(list_name)
        ]

    def serves(self, class_name: str, tokens: tuple[Token, ...]) -> bool:
        """True when some list the route can live in (urlpatterns with the whole route, or a
        list included under a prefix of it, with the rest) has an entry for it serving
        `class_name`: Sentry serves a route from the top level as well as from the list its
        prefix includes."""
        return any(
            item.view_class == class_name
            and item.pattern is not None
            and _plain(regex_to_tokens(item.pattern)) == _plain(rest)
            for list_name, rest in self._placements(tokens)
            for item in self.lists[list_name].items
        )

    def _placements(self, tokens: tuple[Token, ...]) -> list[tuple[str, tuple[Token, ...]]]:
        """Every (list, rest of the route) the route can be written in."""
        lists = self.lists
        if "urlpatterns" not in lists:
            return [self.target(tokens)]
        found = [("urlpatterns", tokens)]

        def descend(name: str, rest: tuple[Token, ...], seen: frozenset[str]) -> None:
            for prefix, included in lists[name].includes:
                if included in seen or included not in lists:
                    continue
                remainder = strip_prefix(rest, prefix)
                if remainder is not None:
                    found.append((included, remainder))
                    descend(included, remainder, seen | {included})

        descend("urlpatterns", tokens, frozenset({"urlpatterns"}))
        return found


def _plain(tokens: tuple[Token, ...] | None) -> tuple[Token, ...] | None:
    """Tokens with parameters compared by name only."""
    if tokens is None:
        return None
    return tuple(Param(t.name) if isinstance(t, Param) else t for t in tokens)


def name_taken(where: str, url_name: str, own_class: str | None) -> str:
    """The message refusing a URL name a route of urls.py has (at `where`); `own_class` when
    that route is the class's own and the name was not asked for: a second route needs one."""
    why = (
        f" by {own_class}'s own route (a route changed in a spec is not moved: `scaffold remove "
        "--route` the old one first); a second route takes a name of its own"
    )
    return (
        f"{where}: URL name {url_name!r} is already used{why if own_class else ''}; choose "
        "another with --url-name (url_name in a spec)"
    )
