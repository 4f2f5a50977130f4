"""Take an endpoint's registrations out of urls.py: its route entries and its import.

pysource reads the file and says which entries serve the class and where they stand; only the
statements that change are edited with libcst and spliced back by line range, so every other
byte stays as it was. The edits are the inverses of the ones `UrlsFile.add` makes: adding an
endpoint and removing it again gives back the original file.
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from scaffold.errors import PatchError
from scaffold.pysource.route_uses import ServingStatement, class_uses
from scaffold.pysource.urlsource import from_imports, parse_urls
from scaffold.urls.cst_edits import remove_arg, remove_element
from scaffold.urls.imports import import_text


@dataclass(frozen=True)
class RemovedRoute:
    """One route entry taken out: its 1-based first line, URL name and pattern, if literal."""

    line: int
    url_name: str | None
    pattern: str | None


@dataclass(frozen=True)
class Removal:
    """What `remove_registration` did to one urls.py."""

    code: str
    routes: tuple[RemovedRoute, ...]
    module: str | None  # dotted module the class was imported from (None: not imported)
    may_drop: frozenset[int]  # 1-based lines of the original that the edit may drop or change


def remove_registration(
    source: str, label: str, urls_package: str, class_name: str, line_length: int
) -> Removal:
    """`source` without the route entries that serve `class_name` and without its import."""
    tree = parse_urls(source, label)
    uses = class_uses(tree, source, class_name)
    lines = source.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    edits: list[tuple[int, int, str]] = []  # 0-based start, stop, replacement
    may_drop: set[int] = set()
    routes: list[RemovedRoute] = []
    for statement in uses.statements:
        first, last = statement.first_line, statement.last_line
        edits.append(
            (first - 1, last, _without_routes("".join(lines[first - 1 : last]), statement))
        )
        for route in statement.routes:
            routes.append(RemovedRoute(route.line, route.url_name, route.pattern))
            may_drop.update(range(route.line - 1, route.end_line + 2))
    module = None
    for imported in from_imports(tree, source, urls_package):
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
            text = import_text(imported.shown, kept, imported.exploded, newline, line_length)
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
    code = "".join(lines)
    return Removal(code, tuple(sorted(routes, key=lambda r: r.line)), module, frozenset(may_drop))


def _without_routes(text: str, statement: ServingStatement) -> str:
    """The statement's text without the route entries pysource found in it."""
    positions = {(route.statement_line, route.statement_column) for route in statement.routes}
    wrapper = MetadataWrapper(cst.parse_module(text), unsafe_skip_copy=True)
    return wrapper.visit(_RouteEntryRemover(positions)).code


class _RouteEntryRemover(cst.CSTTransformer):
    """Drops the items that start at the given (line, column) positions from lists at any
    depth and from Django 1.x `patterns('', ...)` calls."""

    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, positions: set[tuple[int, int]]) -> None:
        super().__init__()
        self.positions = positions

    def leave_List(self, original_node: cst.List, updated_node: cst.List) -> cst.List:
        for position in reversed(range(len(original_node.elements))):
            if self._removed(original_node.elements[position].value):
                updated_node = remove_element(updated_node, position)
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        for position in reversed(range(1, len(original_node.args))):
            if self._removed(original_node.args[position].value):
                updated_node = remove_arg(updated_node, position)
        return updated_node

    def _removed(self, node: cst.CSTNode) -> bool:
        start = self.get_metadata(PositionProvider, node).start
        return (start.line, start.column) in self.positions
