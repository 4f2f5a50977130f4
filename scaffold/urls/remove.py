"""Take an endpoint's registrations out of urls.py: its route entries and its import.

pysource reads the file and says which entries serve the class and where they stand; only the
statements that change are edited with libcst and spliced back by line range, so every other
byte stays as it was. The edits are the inverses of the ones `UrlsFile.add` makes: adding an
endpoint and removing it again gives back the original file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from scaffold.errors import PatchError
from scaffold.pysource.route_uses import (
    BoundView,
    ClassUses,
    ServingRoute,
    ServingStatement,
    class_uses,
)
from scaffold.pysource.urlsource import from_imports, parse_urls
from scaffold.records import evolve, record
from scaffold.urls.cst_removal import remove_arg, remove_element
from scaffold.urls.imports import (
    import_text,
    keeps_long_single_imports,
    without_name,
    without_name_continued,
)
from scaffold.urls.style import indent_unit


@record
class RemovedRoute:
    """One route entry taken out: its 1-based first line, URL name and pattern, if literal."""

    line: int
    url_name: str | None
    pattern: str | None


@record
class Removal:
    """What `remove_registration` did to one urls.py."""

    code: str
    routes: tuple[RemovedRoute, ...]
    module: str | None  # dotted module the class was imported from (None: not imported)
    may_drop: frozenset[int]  # 1-based lines of the original that the edit may drop or change
    read_through: bool = False  # `module` is a package it was read through (`e.X`): no import


def remove_registration(
    source: str,
    label: str,
    urls_package: str,
    class_name: str,
    line_length: int,
    only: Callable[[int, str | None], bool] | None = None,
    through: Mapping[str, str] | None = None,
) -> Removal:
    """`source` without the route entries that serve `class_name` and without its import.
    With `only(line, pattern)`, just the entries it picks; the import stays while another
    entry serves the class or another use names it. `through`: the aliases (-> their package)
    the class is read through with no import of its own (`e.X.as_view()`): the module of a
    removal that takes out such entries alone is that package."""
    tree = parse_urls(source, label)
    uses = class_uses(tree, source, class_name, frozenset(through or ()))
    lines = source.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    edits: list[tuple[int, int, str]] = []  # 0-based start, stop, replacement
    may_drop: set[int] = set()
    routes: list[RemovedRoute] = []
    statements, keep_import = uses.statements, False
    if only is not None:
        picked = [
            evolve(s, routes=tuple(r for r in s.routes if only(r.line, r.pattern)))
            for s in statements
        ]
        statements = tuple(s for s in picked if s.routes)
    taken = {r for s in statements for r in s.routes}
    left = [r for s in uses.statements for r in s.routes if r not in taken]
    kept_views, dropped = _bindings_left(label, class_name, uses, left, only is None)
    if only is not None:
        # another entry still serves the class, a name bound to its view stays, or a use
        # scaffold does not take apart (`method_dispatch(POST=X.as_view())`) still names it:
        # its import stays
        keep_import = bool(left or kept_views) or uses.other_use_line is not None
    for view in dropped:
        edits.append(_dropped_binding(lines, view, may_drop))
    for statement in statements:
        first, last = statement.first_line, statement.last_line
        text, changed = _without_routes("".join(lines[first - 1 : last]), statement)
        edits.append((first - 1, last, text))
        may_drop.update(first - 1 + line for line in changed)
        for route in statement.routes:
            routes.append(RemovedRoute(route.line, route.url_name, route.pattern))
            may_drop.update(range(route.line, route.end_line + 1))
            may_drop.update(_blank_lines_around(lines, route.line, route.end_line))
    module = None
    imports = from_imports(tree, source, urls_package)
    long_single = keeps_long_single_imports(imports, lines, line_length)
    for imported in () if keep_import else imports:
        if class_name not in imported.names:
            continue
        module = imported.module
        first, last = imported.first_line, imported.last_line
        kept = [
            name + (f" as {asname}" if asname else "")
            for name, asname in imported.aliases
            if (asname or name) != class_name
        ]
        if kept:
            # one name left, or a file wrapping no other import: on one line where it fits (or
            # the file keeps such lines long), as isort writes it and as it was before
            # `new-endpoint` joined a name to it; a statement holding a comment keeps its lines
            alone = not any(s.exploded for s in imports if s is not imported)
            one = (len(kept) == 1 or alone) and "#" not in "".join(lines[first - 1 : last])
            # continued by backslashes, two names left or more: the name goes where it stands
            many = len(kept) > 1
            text = (
                (without_name_continued(lines, first, last, class_name) if many else None)
                or (None if one else without_name(lines, first, last, class_name))
                or import_text(
                    imported.shown,
                    kept,
                    imported.exploded and not one,
                    newline,
                    line_length,
                    indent_unit(source),
                    long_single,
                )
            )
            edits.append((first - 1, last, text))
            may_drop.update(range(first, last + 1))
        else:
            blank_around = (
                first > 1
                and not lines[first - 2].strip()
                and (last >= len(lines) or not lines[last].strip())
            )
            start = first - 2 if blank_around else first - 1
            edits.append((start, last, ""))
            may_drop.update(range(start + 1, last + 1))
    for start, stop, text in sorted(edits, reverse=True):
        lines[start:stop] = [text]
    if module is not None and uses.other_use_line is not None:
        # with its import gone that use would fail at import time
        raise PatchError(
            f"{label}:{uses.other_use_line}: {class_name} is still used here in a form scaffold "
            "does not remove; take that route out by hand, then run remove again"
        )
    packages = set((through or {}).values())
    read_through = module is None and bool(statements) and len(packages) == 1
    module = packages.pop() if read_through else module
    code = "".join(lines)
    ordered = tuple(sorted(routes, key=lambda r: r.line))
    return Removal(code, ordered, module, frozenset(may_drop), read_through)


def _bindings_left(
    label: str, class_name: str, uses: ClassUses, left: list[ServingRoute], whole: bool
) -> tuple[list[BoundView], list[BoundView]]:
    """The names bound to the class's view that stay (an entry left names them, or a use
    scaffold does not take apart), and those that go with the entries taken out. PatchError
    where the class goes whole while one stays, or where one that goes shares its line."""
    kept, dropped = [], []
    for view in uses.bound:
        if any(route.via == view.name for route in left) or view.other_use_line is not None:
            kept.append(view)
        else:
            dropped.append(view)
    for view in kept if whole else ():
        raise PatchError(
            f"{label}:{view.other_use_line}: {view.name}, bound to {class_name}.as_view() "
            f"on line {view.first_line}, is used here in a form scaffold does not remove; take "
            "that use out by hand, then run remove again"
        )
    for view in dropped:
        if view.shares_line:
            raise PatchError(
                f"{label}:{view.first_line}: {view.name} = {class_name}.as_view() shares "
                "its line with another statement; take that route and the binding out by hand, "
                "then run remove again"
            )
    return kept, dropped


def _dropped_binding(lines: list[str], view: BoundView, may_drop: set[int]) -> tuple[int, int, str]:
    """The edit taking out a binding's lines, with as many of the blank lines below it as
    stand above it too (one blank line between two statements stays one)."""
    above = below = 0
    while view.first_line - 2 - above >= 0 and not lines[view.first_line - 2 - above].strip():
        above += 1
    while view.last_line + below < len(lines) and not lines[view.last_line + below].strip():
        below += 1
    stop = view.last_line + min(above, below)
    may_drop.update(range(view.first_line, stop + 1))
    return (view.first_line - 1, stop, "")


def _blank_lines_around(lines: list[str], first: int, last: int) -> set[int]:
    """1-based numbers of the blank lines in the runs of blank and comment lines just above
    `first` and just below `last`: the edit may take one with the entry, never a comment."""
    found: set[int] = set()
    for step, start in ((-1, first - 1), (1, last + 1)):
        number = start
        while 1 <= number <= len(lines) and (
            not lines[number - 1].strip() or lines[number - 1].lstrip().startswith("#")
        ):
            if not lines[number - 1].strip():
                found.add(number)
            number += step
    return found


def _without_routes(text: str, statement: ServingStatement) -> tuple[str, set[int]]:
    """The statement's text without the route entries pysource found in it, and the lines
    (1-based, within the text) besides the entries' own that the edit changes."""
    positions = {(route.statement_line, route.statement_column) for route in statement.routes}
    wrapper = MetadataWrapper(cst.parse_module(text), unsafe_skip_copy=True)
    remover = _RouteEntryRemover(positions)
    return wrapper.visit(remover).code, remover.changed


class _RouteEntryRemover(cst.CSTTransformer):
    """Drops the items that start at the given (line, column) positions from lists at any
    depth and from Django 1.x `patterns('', ...)` calls; `changed` collects the other lines
    that changes: an item's that loses its comma when the items after it all go, and a list's
    first and last lines when it closes up to `[]`."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, positions: set[tuple[int, int]]) -> None:
        super().__init__()
        self.positions = positions
        self.changed: set[int] = set()

    def leave_List(self, original_node: cst.List, updated_node: cst.List) -> cst.List:
        items = original_node.elements
        removed = [i for i, item in enumerate(items) if self._removed(item.value)]
        for position in reversed(removed):
            updated_node = remove_element(updated_node, position)
        self._note_lost_comma([(item.value, item.comma) for item in items], removed)
        if removed and not updated_node.elements and _closed_up(updated_node):
            span = self.get_metadata(PositionProvider, original_node)
            self.changed.update((span.start.line, span.end.line))
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        args = original_node.args
        removed = [i for i in range(1, len(args)) if self._removed(args[i].value)]
        for position in reversed(removed):
            updated_node = remove_arg(updated_node, position)
        self._note_lost_comma([(arg.value, arg.comma) for arg in args], removed)
        return updated_node

    def _note_lost_comma(
        self,
        items: list[tuple[cst.BaseExpression, cst.Comma | cst.MaybeSentinel]],
        removed: list[int],
    ) -> None:
        """A list written without a trailing comma keeps none: when its last items go, the
        one now last loses its comma."""
        if not removed or removed[-1] != len(items) - 1 or isinstance(items[-1][1], cst.Comma):
            return
        kept = [i for i in range(len(items)) if i not in removed]
        if kept:
            self.changed.add(self.get_metadata(PositionProvider, items[kept[-1]][0]).end.line)

    def _removed(self, node: cst.CSTNode) -> bool:
        start = self.get_metadata(PositionProvider, node).start
        return (start.line, start.column) in self.positions


def _closed_up(lst: cst.List) -> bool:
    return not isinstance(lst.lbracket.whitespace_after, cst.ParenthesizedWhitespace)
