"""Take an endpoint's registrations out of urls.py: its route entries and its import.

Like urls_patch.py, the file is read with `ast` and only the statements that change are edited
with libcst and spliced back by line range, so every other byte stays as it was. The edits are
the inverses of the ones `UrlsFile.add` makes: adding an endpoint and removing it again gives
back the original file.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

import libcst as cst

from scaffold.errors import PatchError
from scaffold.pysource.routes import ROUTE_CALLS
from scaffold.pysource.urlsource import parse_urls
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
    lines = source.splitlines(keepends=True)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    edits: list[tuple[int, int, str]] = []  # 0-based start, stop, replacement
    may_drop: set[int] = set()
    routes: list[RemovedRoute] = []
    for stmt in tree.body:
        found = [node for node in ast.walk(stmt) if _serves(node, class_name)]
        if not found:
            continue
        first, last = stmt.lineno, stmt.end_lineno or stmt.lineno
        text = "".join(lines[first - 1 : last])
        edited = cst.parse_module(text).visit(_RouteEntryRemover(class_name))
        edits.append((first - 1, last, edited.code))
        for call in found:
            assert isinstance(call, ast.Call)
            routes.append(_describe(call))
            may_drop.update(range(call.lineno - 1, (call.end_lineno or call.lineno) + 2))
    module = None
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and any(
            (alias.asname or alias.name) == class_name for alias in stmt.names
        ):
            module = absolute_module(stmt, urls_package)
            first, last = stmt.lineno, stmt.end_lineno or stmt.lineno
            kept = [alias for alias in stmt.names if (alias.asname or alias.name) != class_name]
            if kept:
                exploded = lines[first - 1].rstrip().endswith("(")
                shown = "." * stmt.level + (stmt.module or "")
                names = [a.name + (f" as {a.asname}" if a.asname else "") for a in kept]
                text = import_text(shown, names, exploded, newline, line_length)
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
    if module is not None:
        _refuse_leftover_uses(tree, label, class_name)
    code = "".join(lines)
    return Removal(code, tuple(sorted(routes, key=lambda r: r.line)), module, frozenset(may_drop))


class _RouteEntryRemover(cst.CSTTransformer):
    """Drops the route entries whose view is `ClassName.as_view(...)`, from lists at any depth
    (inline `include([...])` lists too) and from Django 1.x `patterns('', ...)` calls."""

    def __init__(self, class_name: str) -> None:
        super().__init__()
        self.class_name = class_name

    def leave_List(self, original_node: cst.List, updated_node: cst.List) -> cst.List:
        for position in reversed(range(len(updated_node.elements))):
            if self._serves(updated_node.elements[position].value):
                updated_node = remove_element(updated_node, position)
        return updated_node

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
        if _callee(updated_node.func) != "patterns":
            return updated_node
        for position in reversed(range(1, len(updated_node.args))):
            if self._serves(updated_node.args[position].value):
                updated_node = remove_arg(updated_node, position)
        return updated_node

    def _serves(self, node: cst.BaseExpression) -> bool:
        if not isinstance(node, cst.Call) or _callee(node.func) not in ROUTE_CALLS:
            return False
        if len(node.args) < 2 or not isinstance(view := node.args[1].value, cst.Call):
            return False
        func = view.func
        return (
            isinstance(func, cst.Attribute)
            and func.attr.value == "as_view"
            and isinstance(func.value, cst.Name)
            and func.value.value == self.class_name
        )


def _callee(func: cst.BaseExpression) -> str | None:
    if isinstance(func, cst.Name):
        return func.value
    return func.attr.value if isinstance(func, cst.Attribute) else None


def _serves(node: ast.AST, class_name: str) -> bool:
    """True for a route call `re_path(pattern, ClassName.as_view(...), ...)`."""
    if not isinstance(node, ast.Call) or len(node.args) < 2:
        return False
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    view = node.args[1]
    return (
        name in ROUTE_CALLS
        and isinstance(view, ast.Call)
        and isinstance(view.func, ast.Attribute)
        and view.func.attr == "as_view"
        and isinstance(view.func.value, ast.Name)
        and view.func.value.id == class_name
    )


def _describe(call: ast.Call) -> RemovedRoute:
    pattern = call.args[0]
    name = next((kw.value for kw in call.keywords if kw.arg == "name"), None)
    return RemovedRoute(
        call.lineno,
        name.value if isinstance(name, ast.Constant) and isinstance(name.value, str) else None,
        (
            pattern.value
            if isinstance(pattern, ast.Constant) and isinstance(pattern.value, str)
            else None
        ),
    )


def absolute_module(stmt: ast.ImportFrom, urls_package: str) -> str:
    """The dotted module a `from ... import` in urls.py (package `urls_package`) reads."""
    if not stmt.level:
        return stmt.module or ""
    parts = urls_package.split(".")
    base = ".".join(parts[: len(parts) - stmt.level + 1])
    return f"{base}.{stmt.module}" if stmt.module else base


def _refuse_leftover_uses(tree: ast.Module, label: str, class_name: str) -> None:
    """Refuse when the class is used outside the route entries being removed: with its import
    gone that use would fail at import time (a shape scaffold does not take apart)."""
    removed = [node for node in ast.walk(tree) if _serves(node, class_name)]
    inside = {id(name) for call in removed for name in ast.walk(call)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == class_name and id(node) not in inside:
            raise PatchError(
                f"{label}:{node.lineno}: {class_name} is still used here in a form scaffold does "
                "not remove; take that route out by hand, then run remove again"
            )
