"""Plain text edits that plant one fault in a urls module: route calls located with `ast`, then
string surgery on the text (no libcst, no formatter), so the planted file is what a person
would have typed. Every edit returns the new text; callers re-parse it to make sure it parses."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

ROUTE_FUNCS = frozenset({"url", "re_path", "path"})
Span = tuple[int, int]  # character offsets [start, end) in the module text

_TAIL_RE = re.compile(r"\s*,?\s*(#.*)?$")  # what may follow a call alone on its lines
_GROUP_RE = r"\(\?P<{name}>|<(?:\w+:)?{name}>"  # re_path / url group, or path() converter


@dataclass(frozen=True)
class Call:
    """One route call (`url(...)`, `re_path(...)`, `path(...)`) as written in a module."""

    line: int
    end_line: int
    func: str
    span: Span  # the whole call
    pattern: Span | None  # the first argument, when a plain string literal
    view: Span | None  # the second argument
    name: Span | None  # the `name=` value, when a plain string literal
    whole_lines: bool  # alone on its lines: only indentation before, a comma or comment after


def _offsets(text: str) -> list[int]:
    """Character offset of the start of each line (index 0 is line 1)."""
    starts, total = [], 0
    for line in text.splitlines(keepends=True):
        starts.append(total)
        total += len(line)
    starts.append(total)
    return starts


def _char(text: str, starts: list[int], line: int, col: int) -> int:
    """ast's (line, UTF-8 byte column) -> character offset."""
    begin = starts[line - 1]
    end = starts[line] if line < len(starts) else len(text)
    return begin + len(text[begin:end].encode("utf-8")[:col].decode("utf-8", "replace"))


def _span(text: str, starts: list[int], node: ast.AST) -> Span:
    start = _char(text, starts, node.lineno, node.col_offset)  # type: ignore[attr-defined]
    end_line = node.end_lineno or node.lineno  # type: ignore[attr-defined]
    return start, _char(text, starts, end_line, node.end_col_offset or 0)  # type: ignore[attr-defined]


def _is_string(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def route_calls(text: str) -> dict[int, Call]:
    """Route calls by first line; lines where two calls start are left out (ambiguous)."""
    starts = _offsets(text)
    found: dict[int, Call] = {}
    shared: set[int] = set()
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.Call) or len(node.args) < 2:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
        if name not in ROUTE_FUNCS:
            continue
        span = _span(text, starts, node)
        line, end_line = node.lineno, node.end_lineno or node.lineno
        before = text[starts[line - 1] : span[0]]
        after = text[span[1] : starts[end_line]]
        keyword = next((k.value for k in node.keywords if k.arg == "name"), None)
        if len(node.args) >= 4 and keyword is None:
            keyword = node.args[3]
        call = Call(
            line,
            end_line,
            str(name),
            span,
            _span(text, starts, node.args[0]) if _is_string(node.args[0]) else None,
            _span(text, starts, node.args[1]),
            _span(text, starts, keyword) if keyword is not None and _is_string(keyword) else None,
            not before.strip() and bool(_TAIL_RE.fullmatch(after.rstrip("\n"))),
        )
        if line in found:
            shared.add(line)
        found[line] = call
    return {line: call for line, call in found.items() if line not in shared}


def _lines_span(text: str, call: Call) -> Span:
    starts = _offsets(text)
    return starts[call.line - 1], starts[call.end_line]


def delete_call(text: str, call: Call) -> str:
    """The text without the call's lines (the call must stand alone on them)."""
    start, end = _lines_span(text, call)
    return text[:start] + text[end:]


def replace(text: str, span: Span, new: str) -> str:
    return text[: span[0]] + new + text[span[1] :]


def string_literal(value: str) -> str | None:
    """A raw string literal for `value`, or None when one cannot be written plainly."""
    if '"' in value or "\n" in value or value.endswith("\\"):
        return None
    return f'r"{value}"'


def insert_copy_before(
    text: str, call: Call, view: str, name: str | None = None, pattern: str | None = None
) -> tuple[str, int]:
    """Insert, before `call`, a copy of its lines with the view (and the name and pattern
    literals, when given) replaced; returns the text and how many lines were inserted."""
    start, end = _lines_span(text, call)
    swaps = [(call.view, view), (call.name, name), (call.pattern, pattern)]
    copy = text[start:end]
    for span, new in sorted(
        ((s, n) for s, n in swaps if s is not None and n is not None), reverse=True
    ):
        copy = copy[: span[0] - start] + new + copy[span[1] - start :]
    return text[:start] + copy + text[start:], copy.count("\n")


def add_import(text: str, statement: str) -> tuple[str, int]:
    """Insert `statement` on its own line before the first module-level import that is not a
    `__future__` one; returns the text and the line it now stands on."""
    module = ast.parse(text)
    first = next(
        (
            node
            for node in module.body
            if isinstance(node, ast.Import)
            or (isinstance(node, ast.ImportFrom) and node.module != "__future__")
        ),
        None,
    )
    line = first.lineno if first is not None else 1
    starts = _offsets(text)
    return text[: starts[line - 1]] + statement + "\n" + text[starts[line - 1] :], line


def _content(literal: str) -> tuple[str, str, str] | None:
    """(prefix and opening quote, content, closing quote) of a one-line string literal."""
    match = re.fullmatch(r"([rRuUbB]*)(\"|')(.*)\2", literal, re.DOTALL)
    if match is None or "\n" in literal:
        return None
    return match.group(1) + match.group(2), match.group(3), match.group(2)


def rename_group(literal: str, old: str, new: str) -> str | None:
    """The pattern literal with its one group `old` renamed `new` (None: not exactly one)."""
    parts = _content(literal)
    if parts is None:
        return None
    head, content, tail = parts
    regex = _GROUP_RE.format(name=re.escape(old))
    if len(re.findall(regex, content)) != 1:
        return None
    renamed = re.sub(regex, lambda m: m.group(0).replace(old, new), content)
    return head + renamed + tail


def make_dead(literal: str) -> str | None:
    """The pattern literal with a `$` after its first top-level `/` that has more pattern
    after it (`^a/b/$` -> `^a/$b/$`): a route no path can match. None when there is none."""
    parts = _content(literal)
    if parts is None or not parts[1].endswith("$"):
        return None
    head, content, tail = parts
    depth = 0
    for index, char in enumerate(content[:-2]):
        if index and content[index - 1] == "\\" and char in "()[]":
            continue  # an escaped bracket
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "/" and depth == 0:
            return head + content[: index + 1] + "$" + content[index + 1 :] + tail
    return None


def parses(text: str) -> bool:
    try:
        ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return True
