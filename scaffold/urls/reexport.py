"""A package `__init__.py` that re-exports its endpoints (`from .x import X` + `__all__`): add
one class to it in its sorted places, or take it out again (the exact inverse)."""

from __future__ import annotations

import re

from scaffold.errors import PatchError
from scaffold.pysource.urlsource import FromImport, read_from_imports
from scaffold.records import record
from scaffold.urls.imports import (
    import_module_key,
    import_name_key,
    import_text,
    with_name,
    without_name,
)

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
    ours = _imports(source, label, submodule)
    _refuse_a_listed_name_not_imported(source, label, lines, found, class_name)
    edits: list[tuple[int, int, str]] = []  # on `lines` as read, applied from the bottom up
    if ours is not None and class_name not in ours.names:
        text = with_name(lines, ours.first_line, ours.last_line, class_name, "\n")
        if text is None:
            names = sorted({*ours.names, class_name}, key=import_name_key)
            text = import_text(ours.shown, names, ours.exploded, "\n", width)
        edits.append((ours.first_line - 1, ours.last_line, text))
    if class_name not in found.names:
        items = _item_lines(lines, found)
        if items:  # one name per line: a line of its own, every other line as it was
            after = [i for i, name, _ in items if name > class_name]
            at = after[0] if after else items[-1][0] + 1
            edits.append((at, at, f"{items[0][2]}{found.quote}{class_name}{found.quote},\n"))
        else:
            names = sorted([*found.names, class_name])
            edits.append((found.first, found.last + 1, _all_text(found, names, width)))
    for start, stop, text in sorted(edits, reverse=True):
        lines[start:stop] = [text]
    if ours is not None:
        return "".join(lines)
    relative = [s for s in read_from_imports(source, label, "") if s.shown.startswith(".")]
    key = import_module_key(f".{submodule}")
    before = [s for s in relative if import_module_key(s.shown) <= key]
    at = before[-1].last_line if before else relative[0].first_line - 1
    lines.insert(at, import_text(f".{submodule}", [class_name], False, "\n", width))
    return "".join(lines)


def all_on_one_line(source: str, label: str) -> bool:
    """True when the module's `__all__` is written on one line."""
    return not _all(source, label).exploded


def remove_reexport(
    source: str, label: str, submodule: str, class_name: str, width: int, one_line: bool = False
) -> str:
    """`source` without the import of `class_name` from `.submodule` and its `__all__` entry:
    the inverse of `add_reexport`. `one_line`: `__all__` was on one line when the class was
    added (adding it, or a class after it, may have had to write it one name per line): it is
    written on one line again where the names left fit."""
    lines = source.splitlines(keepends=True)
    ours = _imports(source, label, submodule)
    found = _all(source, label)
    edits: list[tuple[int, int, str]] = []
    if class_name in found.names:
        items = [i for i, name, _ in _item_lines(lines, found) or () if name == class_name]
        names = [name for name in found.names if name != class_name]
        if one_line and items and not _comments(lines, found):
            edits.append((found.first, found.last + 1, _all_text(found, names, width, True)))
        elif len(items) == 1 and names:
            edits.append((items[0], items[0] + 1, ""))
        else:
            edits.append((found.first, found.last + 1, _all_text(found, names, width)))
    if ours is not None and class_name in ours.names:
        kept = [name for name in ours.names if name != class_name]
        text = without_name(lines, ours.first_line, ours.last_line, class_name) or (
            import_text(ours.shown, kept, ours.exploded, "\n", width) if kept else ""
        )
        edits.append((ours.first_line - 1, ours.last_line, text))
    for start, stop, text in sorted(edits, reverse=True):
        lines[start:stop] = [text]
    return "".join(lines)


def _refuse_a_listed_name_not_imported(
    source: str, label: str, lines: list[str], found: _All, class_name: str
) -> None:
    """An `__all__` entry naming the class while nothing imports it (left over from a class
    that went elsewhere): `remove` could not tell it from the entry `add_reexport` writes, so
    the round trip would take it out; the user takes it out first."""
    if class_name not in found.names:
        return
    if any(class_name in s.names for s in read_from_imports(source, label, "")):
        return
    at = next((i for i, name, _ in _item_lines(lines, found) or () if name == class_name), None)
    raise PatchError(
        f"{label}:{(found.first if at is None else at) + 1}: __all__ lists {class_name!r} "
        "already, but nothing there imports it; take that entry out first (scaffold writes it "
        "back with the import, and `scaffold remove` can then undo both)"
    )


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


_ITEM_LINE_RE = re.compile(r"""^([ \t]+)["']([A-Za-z_][A-Za-z0-9_]*)["'][ \t]*,[ \t]*(?:#.*)?$""")


def _item_lines(lines: list[str], found: _All) -> list[tuple[int, str, str]] | None:
    """(index, name, indent) of each line of `__all__` written one name per line; None for
    any other layout (comment lines may sit between them)."""
    if not found.exploded:
        return None
    items = []
    for index in range(found.first + 1, found.last):
        text = lines[index].rstrip("\r\n")
        match = _ITEM_LINE_RE.match(text)
        if match:
            items.append((index, match.group(2), match.group(1)))
        elif text.strip() and not text.strip().startswith("#"):
            return None
    return items or None


def _comments(lines: list[str], found: _All) -> bool:
    return any("#" in line for line in lines[found.first : found.last + 1])


def _all_text(found: _All, names: list[str], width: int, one_line_fits: bool = False) -> str:
    """`__all__` with `names`, laid out as it was (one per line, or on one line if it fits);
    `one_line_fits`: on one line where it fits, however it was laid out."""
    opening, closing = ("(", ")") if found.tuple_ else ("[", "]")
    quoted = [f"{found.quote}{name}{found.quote}" for name in names]
    alone = "," if found.tuple_ and len(names) == 1 else ""  # `("A")` is a string, not a tuple
    one_line = f"__all__ = {opening}{', '.join(quoted)}{alone}{closing}\n"
    if (one_line_fits or not found.exploded) and len(one_line) <= width + 1:
        return one_line
    return f"__all__ = {opening}\n" + "".join(f"    {q},\n" for q in quoted) + f"{closing}\n"
