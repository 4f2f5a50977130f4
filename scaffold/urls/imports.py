"""isort's ordering of imports and names, and the text of one `from ... import` statement."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from scaffold.pysource.urlsource import FromImport

_NATURAL_RE = re.compile(r"(\d+)")


def natural_key(text: str, upper: bool = False) -> list[Any]:
    """isort's `naturally` ordering of lower-cased text: digit runs compare as numbers. `upper`:
    of upper-cased text, `_` after letters (Sentry's 2016 urls.py lists `project_rules` before
    `project_rule_details`)."""
    cased = text.upper() if upper else text.lower()
    return [int(part) if part.isdigit() else part for part in _NATURAL_RE.split(cased)]


def import_name_key(name: str) -> tuple[int, list[Any]]:
    """isort's order within `from x import a, B, C` (force_sort_within_sections off,
    order_by_type on): CONSTANTS, then Classes, then functions."""
    kind = 0 if name.isupper() and len(name) > 1 else 1 if name[:1].isupper() else 2
    return kind, natural_key(name)


def import_module_key(shown: str, upper: bool = False) -> list[Any]:
    """isort's module order: relative dots become `._` (force_sort_within_sections off)."""
    return natural_key(shown.replace(".", "._", 1) if shown.startswith(".") else shown, upper)


def _block_is_upper(kin: Sequence[FromImport]) -> bool:
    """The block is ordered upper-cased, `_` after letters (fewer pairs out of order so)."""

    def disorder(upper: bool) -> int:
        keys = [import_module_key(s.shown, upper) for s in kin]
        return sum(1 for a, b in pairwise(keys) if a > b)

    return disorder(True) < disorder(False)


def import_text(
    module: str,
    names: list[str],
    exploded: bool,
    nl: str,
    line_length: int,
    unit: str = "    ",
    long_single: bool = False,
) -> str:
    """`from module import a, b` on one line, or one name per line (indented by `unit`) when
    `exploded` or too long (black's magic-trailing-comma layout). `long_single`: the file keeps
    an import of one name on one line however long (a urls.py older than black)."""
    one_line = f"from {module} import {', '.join(names)}"
    too_long = len(one_line) > line_length and not (long_single and len(names) == 1)
    if exploded or too_long:
        return f"from {module} import ({nl}" + "".join(f"{unit}{n},{nl}" for n in names) + f"){nl}"
    return one_line + nl


def keeps_long_single_imports(
    imports: Sequence[FromImport], lines: Sequence[str], line_length: int
) -> bool:
    """The file writes an import of one name on one line past `line_length`, and wraps none
    that would fit on one."""
    single = [s for s in imports if len(s.aliases) == 1]
    long_one_line = any(
        s.first_line == s.last_line and len(lines[s.first_line - 1].rstrip()) > line_length
        for s in single
    )
    return long_one_line and all(s.first_line == s.last_line for s in single)


_ENTRY_RE = re.compile(r"^([ \t]+)(\w+)(?:[ \t]+as[ \t]+(\w+))?[ \t]*,[ \t]*(?:#.*)?$")


def _entries(lines: list[str], first: int, last: int) -> list[tuple[int, str, str, str]] | None:
    """(index, imported name, local name, indent) of each line of a parenthesised import
    written one name per line (lines `first`..`last`, 1-based); None for any other layout."""
    body = [line.rstrip("\r\n") for line in lines[first : last - 1]]
    if not lines[first - 1].rstrip().split("#")[0].rstrip().endswith("(") or not body:
        return None
    found = []
    for offset, text in enumerate(body):
        match = _ENTRY_RE.match(text)
        if match:
            local = match.group(3) or match.group(2)
            found.append((first + offset, match.group(2), local, match.group(1)))
        elif text.strip() and not text.strip().startswith("#"):
            return None
    return found or None


def names_joined(names: list[str], joined: list[str]) -> list[str]:
    """`names` with each of `joined` before the first name that sorts after it: a sorted list
    stays sorted, and an unsorted one keeps its order (removing the name gives it back)."""
    names = list(names)
    for new in joined:
        after = [i for i, n in enumerate(names) if import_name_key(n) > import_name_key(new)]
        names.insert(after[0] if after else len(names), new)
    return names


def with_name(lines: list[str], first: int, last: int, name: str, nl: str) -> str | None:
    """The statement (lines `first`..`last`) with `name` on a line of its own in its sorted
    place, every other line as it was (comments too); None unless one name per line."""
    entries = _entries(lines, first, last)
    if entries is None:
        return None
    after = [e for e in entries if import_name_key(e[1]) > import_name_key(name)]
    at = after[0][0] if after else entries[-1][0] + 1
    new = f"{entries[0][3]}{name},{nl}"
    return "".join([*lines[first - 1 : at], new, *lines[at:last]])


def without_name(lines: list[str], first: int, last: int, local: str) -> str | None:
    """The statement with the line binding `local` taken out, every other line as it was;
    None unless one name per line and others stay."""
    entries = _entries(lines, first, last)
    ours = [e for e in entries or [] if e[2] == local]
    if entries is None or len(ours) != 1 or len(entries) < 2:
        return None
    drop = ours[0][0]  # an index into `lines`, as the statement's own
    return "".join(line for i, line in enumerate(lines[first - 1 : last], first - 1) if i != drop)


_ALIAS_RE = re.compile(r"(\w+)(?:[ \t]+as[ \t]+(\w+))?")
_LINE_LEFT_EMPTY_RE = re.compile(r"^[ \t]*\\\r?\n", re.MULTILINE)


def without_name_continued(lines: list[str], first: int, last: int, local: str) -> str | None:
    """The statement with the name binding `local` taken out where it stands, every other name
    and line break as it was, for an import continued by backslashes (`from x import A, B, \\`
    then `    C, D`: isort's layout before black); None for any other layout or one holding a
    comment. A line left with no name goes; a name last on its line takes the comma before it."""
    text = "".join(lines[first - 1 : last])
    if not _continued(text):
        return None
    head, sep, _ = text.partition(" import ")
    aliases = list(_ALIAS_RE.finditer(text, len(head) + len(sep)))
    ours = [m for m in aliases if (m.group(2) or m.group(1)) == local]
    if len(ours) != 1 or len(aliases) < 2:
        return None
    found = ours[0]
    after = re.compile(r"[ \t]*,[ \t]*").match(text, found.end())
    if after:  # `B, ` goes, whatever follows it
        text = text[: found.start()] + text[after.end() :]
    else:  # the last name: the comma before it goes with it, across a line break too
        before = re.search(r",[ \t]*(?:\\\r?\n[ \t]*)?$", text[: found.start()])
        if before is None:
            return None
        text = text[: before.start()] + text[found.end() :]
    text = _LINE_LEFT_EMPTY_RE.sub("", text)
    text = re.sub(r" import \\\r?\n[ \t]*", " import ", text, count=1)
    return text if _compiles(text) else None


def joined_in_place(text: str, joined: list[str], nl: str) -> str | None:
    """The statement `text` with each of `joined` in its sorted place, every other name and
    line as it was: one name per line in brackets, or continued by backslashes (a name put
    before the first that sorts after it, on a line of its own where that one starts a line,
    else after the last); None for any other layout."""
    current: str | None = text
    for new in joined:
        lines = current.splitlines(keepends=True) if current is not None else None
        current = with_name(lines, 1, len(lines), new, nl) if lines else None
    if current is not None or not _continued(text):
        return current
    for new in joined:
        head, sep, _ = text.partition(" import ")
        aliases = list(_ALIAS_RE.finditer(text, len(head) + len(sep)))
        after = [m for m in aliases if import_name_key(m.group(1)) > import_name_key(new)]
        at = after[0].start() if after else aliases[-1].end()
        start = text.rfind("\n", 0, at) + 1  # of its line; a name first on a continued one
        if after and start and not text[start:at].strip():  # gets a line of its own before it
            text = f"{text[:start]}{text[start:at]}{new}, \\{nl}{text[start:]}"
            continue
        text = text[:at] + (f"{new}, " if after else f", {new}") + text[at:]
    return text if _compiles(text) else None


def _continued(text: str) -> bool:
    """A `from x import A, \\` statement (no brackets, no comment) continued by backslashes."""
    return " import " in text and "\\" in text and "(" not in text and "#" not in text


def _compiles(text: str) -> bool:
    try:
        compile(text, "<import>", "exec")
    except SyntaxError:
        return False
    return True


def import_position(
    imports: Sequence[FromImport], module: str, shown: str
) -> tuple[int, bool, bool]:
    """Where isort puts a new `from <shown> import ...` among the file's `imports`: (the line it
    follows, a blank line before it, a blank line after it). After the nearest import of its
    kind (relative, or of the same top package) that sorts before it, or before the first of
    them; with none, a first-party module goes before the relative imports (isort's sections)
    and anything else after the last import, each as a block of its own."""
    relative = shown.startswith(".")
    root = module.split(".")[0]
    kin = [
        s
        for s in imports
        if s.shown.startswith(".") == relative and (relative or s.module.split(".")[0] == root)
    ]
    upper = _block_is_upper(kin)
    key = import_module_key(shown, upper)
    # in an isort-sorted block that is where isort puts it; in an unsorted one it still lands
    # among its neighbours
    preceding = [s for s in kin if import_module_key(s.shown, upper) <= key]
    if preceding:
        found = max(preceding, key=lambda s: import_module_key(s.shown, upper))
        return found.last_line, False, False
    if kin:
        return kin[0].first_line - 1, False, False
    local = [s for s in imports if s.shown.startswith(".")]
    if not relative and local:
        return local[0].first_line - 1, False, True
    return (imports[-1].last_line if imports else 0), bool(imports), False
