"""A package `__init__.py` that re-exports its endpoints (`from .x import X` + `__all__`): add
one class to it in its sorted places, or take it out again (the exact inverse)."""

from __future__ import annotations

import re

from scaffold.errors import PatchError
from scaffold.pysource.urlsource import FromImport, read_from_imports
from scaffold.records import record
from scaffold.urls.imports import import_module_key, import_name_key, import_text

_ALL_RE = re.compile(r"^__all__\s*(?::[^=\n]*)?=\s*([\[(])", re.MULTILINE)
_ITEM_RE = re.compile(r"""["']([A-Za-z_][A-Za-z0-9_]*)["']""")


@record
class _All:
    """The `__all__ = [...]` statement: 0-based first and last line, its names, its layout."""

    first: int
    last: int
    names: tuple[str, ...]
    exploded: bool
    quote: str
    tuple_: bool


def reexports(source: str) -> bool:
    """True when the module lists `__all__` and imports names from its own submodules."""
    return (
        bool(_ALL_RE.search(source)) and re.search(r"^from \.\w", source, re.MULTILINE) is not None
    )


def add_reexport(source: str, label: str, submodule: str, class_name: str, width: int) -> str:
    """`source` importing `class_name` from `.submodule` and listing it in `__all__`."""
    lines = source.splitlines(keepends=True)
    found = _all(source, label)
    if class_name not in found.names:
        names = sorted([*found.names, class_name])
        lines[found.first : found.last + 1] = [_all_text(found, names, width)]
    ours = _imports(source, label, submodule)
    if ours is not None:
        if class_name not in ours.names:
            names = sorted({*ours.names, class_name}, key=import_name_key)
            text = import_text(ours.shown, names, ours.exploded, "\n", width)
            lines[ours.first_line - 1 : ours.last_line] = [text]
        return "".join(lines)
    relative = [s for s in read_from_imports(source, label, "") if s.shown.startswith(".")]
    key = import_module_key(f".{submodule}")
    before = [s for s in relative if import_module_key(s.shown) <= key]
    at = before[-1].last_line if before else relative[0].first_line - 1
    lines.insert(at, import_text(f".{submodule}", [class_name], False, "\n", width))
    return "".join(lines)


def remove_reexport(source: str, label: str, submodule: str, class_name: str, width: int) -> str:
    """`source` without the import of `class_name` from `.submodule` and its `__all__` entry:
    the inverse of `add_reexport`."""
    lines = source.splitlines(keepends=True)
    ours = _imports(source, label, submodule)
    found = _all(source, label)
    edits: list[tuple[int, int, str]] = []
    if class_name in found.names:
        names = [name for name in found.names if name != class_name]
        edits.append((found.first, found.last + 1, _all_text(found, names, width)))
    if ours is not None and class_name in ours.names:
        kept = [name for name in ours.names if name != class_name]
        text = import_text(ours.shown, kept, ours.exploded, "\n", width) if kept else ""
        edits.append((ours.first_line - 1, ours.last_line, text))
    for start, stop, text in sorted(edits, reverse=True):
        lines[start:stop] = [text]
    return "".join(lines)


def _imports(source: str, label: str, submodule: str) -> FromImport | None:
    return next(
        (s for s in read_from_imports(source, label, "") if s.shown == f".{submodule}"), None
    )


def _all(source: str, label: str) -> _All:
    match = _ALL_RE.search(source)
    if match is None:
        raise PatchError(f"{label}: no `__all__ = [...]` to add the new endpoint to")
    first = source.count("\n", 0, match.start())
    closing = "]" if match.group(1) == "[" else ")"
    end = source.find(closing, match.end())
    if end < 0:
        raise PatchError(f"{label}:{first + 1}: cannot read `__all__`; write it as a list")
    body = source[match.end() : end]
    quotes = re.findall(r"""["']""", body)
    return _All(
        first=first,
        last=source.count("\n", 0, end),
        names=tuple(_ITEM_RE.findall(body)),
        exploded="\n" in body,
        quote=quotes[0] if quotes else '"',
        tuple_=closing == ")",
    )


def _all_text(found: _All, names: list[str], width: int) -> str:
    """`__all__` with `names`, laid out as it was (one per line, or on one line if it fits)."""
    opening, closing = ("(", ")") if found.tuple_ else ("[", "]")
    quoted = [f"{found.quote}{name}{found.quote}" for name in names]
    one_line = f"__all__ = {opening}{', '.join(quoted)}{closing}\n"
    if not found.exploded and len(one_line) <= width + 1:
        return one_line
    return f"__all__ = {opening}\n" + "".join(f"    {q},\n" for q in quoted) + f"{closing}\n"
