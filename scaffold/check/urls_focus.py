"""A URL module cut down to what one changed file needs, so that `ast.parse` has less to read.

In PATHS mode only the routes naming the changed classes are read. Route lists written one entry
per line block (`    re_path(...),` at four spaces, black's layout) lose every entry that names
none of those classes and includes nothing; imports that bind nothing the rest still uses go too.
Dropped bytes become empty lines, so every line number stays as it was. Anything laid out
otherwise is left whole: the cut is an optimisation, never a different reading.
"""

from __future__ import annotations

import re

_WORD_RE = re.compile(rb"\w+")
_STATEMENT_RE = re.compile(rb"\n(?=[^ \t\n#)\]}])")  # code at column 0 (closers continue)
_LIST_START_RE = re.compile(rb"\w+[ \t]*(?::[^=\n]*)?=[ \t]*\[[ \t]*(?:#[^\n]*)?\n")
_ENTRY_RE = re.compile(rb"\n    (?=[^ \t\n#)\]}])")
_PLAIN_ENTRY_RE = re.compile(rb"[A-Za-z_*]")
_KEEP = (b"include", b"*")


def focus(data: bytes, names: frozenset[str]) -> bytes:
    """The module with unrelated list entries and imports blanked (or the module unchanged)."""
    if data.count(b'"""') > 2 or b"'''" in data or b"\\\n" in data or b"\t" in data:
        return data  # strings across lines could hide what looks like statements
    wanted = [name.encode() for name in names]
    starts = [0] + [match.start() + 1 for match in _STATEMENT_RE.finditer(data)]
    ends = starts[1:] + [len(data)]
    pieces: list[bytes] = []
    imports: list[int] = []  # indexes in pieces
    for start, end in zip(starts, ends, strict=True):
        text = data[start:end]
        if text.startswith((b"from ", b"import ")):
            imports.append(len(pieces))
        elif _LIST_START_RE.match(text):
            text = _drop_entries(text, wanted)
        pieces.append(text)
    skipped = set(imports)
    used = set(_WORD_RE.findall(b"".join(p for i, p in enumerate(pieces) if i not in skipped)))
    for index in imports:
        text = pieces[index]
        bound = text[7:] if text.startswith(b"import ") else text.partition(b" import ")[2]
        if not any(word in used for word in _WORD_RE.findall(bound) if word != b"as"):
            pieces[index] = b"\n" * text.count(b"\n")
    return b"".join(pieces)


def _drop_entries(text: bytes, wanted: list[bytes]) -> bytes:
    """A list statement with the entries that name none of `wanted` blanked."""
    closing = text.rfind(b"\n]")
    if closing < 0:
        return text
    entries = [match.end() for match in _ENTRY_RE.finditer(text, 0, closing + 1)]
    if not entries or any(not _PLAIN_ENTRY_RE.match(text, at) for at in entries):
        return text  # not a list of calls: leave it whole
    pieces = [text[: entries[0]]]
    bounds = [*entries[1:], closing + 1]
    for first, following in zip(entries, bounds, strict=True):
        entry = text[first:following]
        end = entry.rfind(b"\n") + 1  # keep the next entry's indentation
        body, tail = entry[:end], entry[end:]
        if any(marker in body for marker in _KEEP) or any(name in body for name in wanted):
            pieces.append(entry)
        else:
            pieces.append(b"\n" * body.count(b"\n") + tail)
    pieces.append(text[closing + 1 :])
    return b"".join(pieces)
