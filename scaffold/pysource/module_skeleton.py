"""A module's skeleton: handler bodies matter to neither base choice nor the check, and
`ast.parse` costs about 10 us a line, so a module is parsed with every function body blanked
except `convert_args` (line numbers kept)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

_KEEP_BODIES = frozenset({b"convert_args"})
# No pattern here is searched for from a `^` (MULTILINE): such a search tries every byte, and
# finding defs and block ends that way was three quarters of the skeleton's time on the real
# trees. A search starts from a literal (`def`, a line break, `)`).
_DEF_LINE_RE = re.compile(rb"([ \t]*)(?:async[ \t]+)?def[ \t]+(\w+)")  # at a line's start
_DEF_WORD_RE = re.compile(rb"def[ \t]+\w")
_SIGNATURE_END_RE = re.compile(rb"\)[ \t]*(?:->[^\n]*)?:[ \t]*(?:#[^\n]*)?$", re.MULTILINE)


def _def_lines(data: bytes) -> Iterator[re.Match[bytes]]:
    """Each line that opens a def (`[ \\t]*(async )?def name`), matched from its start: found
    from the `def`s in the bytes, each line's first one (the keyword, where the line is one)."""
    line_seen = -1
    for word in _DEF_WORD_RE.finditer(data):
        line = data.rfind(b"\n", 0, word.start()) + 1
        if line != line_seen:
            line_seen = line
            match = _DEF_LINE_RE.match(data, line)
            if match is not None:
                yield match


@lru_cache(maxsize=16)
def _dedent_re(indent: int) -> re.Pattern[bytes]:
    """The line break before a line that ends a block opened at `indent` columns: code at
    `indent` or less."""
    return re.compile(rb"\n[ \t]{0,%d}(?=[^ \t\r\n#])" % indent)


def skeleton(data: bytes) -> bytes:
    """The module with the body of each function other than convert_args replaced by `pass`
    on its first line and empty lines after, so line numbers stay as they were."""
    pieces: list[bytes] = []
    position = kept = 0
    for match in _def_lines(data):
        if match.start() < max(position, kept):
            continue  # a def inside a blanked body, or inside a kept one (read as written)
        end = _SIGNATURE_END_RE.search(data, match.end())
        if end is None:
            break
        if data.find(b"def ", match.end(), end.start()) >= 0:
            continue  # a one-line def: its `:` was not found on its own line
        body_start = data.find(b"\n", end.end())
        if body_start < 0:
            break
        indent = len(match.group(1).expandtabs())
        block_end = _dedent_re(indent).search(data, body_start)
        body_end = block_end.start() + 1 if block_end else len(data)
        if match.group(2) in _KEEP_BODIES:
            kept = body_end
            continue
        pieces.append(data[position : body_start + 1])
        pieces.append(b" " * (indent + 4) + b"pass")
        pieces.append(b"\n" * data.count(b"\n", body_start + 1, body_end))
        position = body_end
    pieces.append(data[position:])
    return b"".join(pieces)
