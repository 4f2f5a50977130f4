"""Route expressions read from `ast`: which call is a route, its pattern as a regex, its
name, the view it serves, and the arguments bound when a function builds a route list."""

from __future__ import annotations

import ast
import re
from typing import TypeGuard

ROUTE_CALLS = frozenset({"re_path", "url", "path"})
_GROUP_RE = re.compile(r"\(\?P<(\w+)>")
_PATH_PARAM_RE = re.compile(r"<(?:(\w+):)?(\w+)>")
# Django's own path converters; one the project registers (`register_converter`) is not read
_PATH_CONVERTERS = {
    "int": "[0-9]+",
    "str": "[^/]+",
    "slug": "[-a-zA-Z0-9_]+",
    "uuid": "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
    "path": ".+",
}


def string_value(node: ast.expr, bindings: dict[str, str]) -> str | None:
    """A string constant, or an f-string / name whose parts are bound."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return bindings.get(node.id)
    if isinstance(node, ast.JoinedStr):
        parts = []
        for part in node.values:
            inner = part.value if isinstance(part, ast.FormattedValue) else part
            text = string_value(inner, bindings)
            if text is None:
                return None
            parts.append(text)
        return "".join(parts)
    return None


def call_name(node: ast.expr) -> str | None:
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def route_call(node: ast.expr) -> ast.Call | None:
    """`node` when it is a route: `re_path`/`url`/`path` (bare or `mod.`) with a pattern and a
    view or include."""
    if isinstance(node, ast.Call) and call_name(node) in ROUTE_CALLS and len(node.args) >= 2:
        return node
    return None


def is_patterns_call(node: ast.AST | None) -> TypeGuard[ast.Call]:
    """True for Django 1.x `patterns('prefix', route, ...)`, whose arguments after the first
    are routes."""
    return isinstance(node, ast.Call) and call_name(node) == "patterns" and bool(node.args)


def include_arg(call: ast.Call) -> ast.expr | None:
    """What a route call includes: the first argument of its `include(...)` (None when the
    route serves a view, or the include is empty)."""
    target = call.args[1]
    if not isinstance(target, ast.Call) or call_name(target) != "include" or not target.args:
        return None
    return target.args[0]


def view_parts(target: ast.expr) -> list[str] | None:
    """`a.X.as_view(...)` -> ["a", "X"]; None when `target` is not an `as_view()` call on a
    name or a dotted name."""
    if not (
        isinstance(target, ast.Call)
        and isinstance(target.func, ast.Attribute)
        and target.func.attr == "as_view"
    ):
        return None
    expr = target.func.value
    parts: list[str] = []
    while isinstance(expr, ast.Attribute):
        parts.insert(0, expr.attr)
        expr = expr.value
    if not isinstance(expr, ast.Name):
        return None
    return [expr.id, *parts]


def view_class(call: ast.Call) -> str | None:
    """The class a route call serves as `X.as_view(...)` (a bare name; None otherwise)."""
    parts = view_parts(call.args[1])
    return parts[0] if parts is not None and len(parts) == 1 else None


def pattern_regex(call: ast.Call, bindings: dict[str, str]) -> str | None:
    """The pattern as a regex; a `path()` route is converted (`<int:x>` -> `(?P<x>[0-9]+)`);
    None when it is not a literal or uses a converter the project registers."""
    text = string_value(call.args[0], bindings)
    if text is None or call_name(call) != "path":
        return text
    return path_regex(text, call_name(call.args[1]) == "include")


def path_regex(text: str, is_include: bool) -> str | None:
    """A `path()` pattern as a regex: `<int:x>` -> `(?P<x>[0-9]+)`, anchored unless included;
    None with a converter the project registers: its regex is set in code the reader does not
    run, and taking it for `[^/]+` would make a route that gets through look hidden."""
    parts, position = ["^"], 0
    for match in _PATH_PARAM_RE.finditer(text):
        converter = _PATH_CONVERTERS.get(match.group(1) or "str")
        if converter is None:
            return None
        parts += [re.escape(text[position : match.start()]), f"(?P<{match.group(2)}>{converter})"]
        position = match.end()
    parts.append(re.escape(text[position:]))
    return "".join(parts) + ("" if is_include else "$")


def groups_of(regex: str) -> list[str]:
    return _GROUP_RE.findall(regex)


def name_of(call: ast.Call, bindings: dict[str, str]) -> str | None:
    """The route's name: `name=...`, or the fourth positional argument, as in Django's
    `re_path(route, view, kwargs=None, name=None)`."""
    for keyword in call.keywords:
        if keyword.arg == "name":
            return string_value(keyword.value, bindings)
    return string_value(call.args[3], bindings) if len(call.args) > 3 else None
