"""What the byte-level scan of every file reads, without parsing: class headers and their
bases, `X as Y` aliases (enough to find which modules may define endpoints), and the
`# scaffold: ignore[...]` comments."""

from __future__ import annotations

import re
from functools import lru_cache

# `class Name(bases)` and `import x as y`: enough to find which modules may define endpoints
CLASS_HEADER_RE = re.compile(rb"class[ \t]+(\w+)[ \t]*\(([^)]*)\)")
_BASE_RE = re.compile(rb"(\w+)[ \t]*(?:\[[^\]]*\])?[ \t]*(?:,|$)")
_PLAIN_BASES_RE = re.compile(rb"[\w., \t\r\n]*")  # names, dots, commas: split them directly
_AS_RE = re.compile(rb" as[ \t]+(\w+)")  # starts with a literal: fast to search
_WORD_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_IGNORE_RE = re.compile(rb"#[ \t]*scaffold:[ \t]*ignore(?:\[([^\]\n]*)\])?")


@lru_cache(maxsize=4096)  # a big tree repeats a few hundred base lists thousands of times
def base_names(text: bytes) -> tuple[bytes, ...]:
    """The last identifier of each base in the text between a class header's parentheses."""
    text = text.strip()
    plain = _plain_bases(text) if _PLAIN_BASES_RE.fullmatch(text) else None
    return tuple(_BASE_RE.findall(text)) if plain is None else plain


def _plain_bases(text: bytes) -> tuple[bytes, ...] | None:
    """`A, mod.B` -> (A, B), as `_BASE_RE` reads them, without a regex per base (None: not
    that simple, e.g. a line break before a comma, which `_BASE_RE` does not accept)."""
    names = []
    for part in text.split(b","):
        tail = part.rstrip(b" \t")
        dotted = tail.strip()
        if not dotted:
            continue
        if tail[-1:] in (b"\n", b"\r") or not all(_is_word(p) for p in dotted.split(b".")):
            return None
        names.append(dotted.rpartition(b".")[2])
    return tuple(names)


def _is_word(name: bytes) -> bool:
    return name.isascii() and name.replace(b"_", b"a").isalnum()


def import_aliases(data: bytes) -> list[tuple[bytes, bytes]]:
    """`(original, alias)` for every `X as Y` in the bytes (imports, and a few harmless others)."""
    found = []
    for match in _AS_RE.finditer(data):
        start = match.start()
        before = _word_before(data, max(0, start - 200), start)
        if before:
            found.append((before, match.group(1)))
    return found


def _word_before(data: bytes, lowest: int, end: int) -> bytes:
    """The word that ends `data[lowest:end]`, spaces and tabs after it aside, cut at `lowest`
    (b"" for none): what `rb"(\\w+)[ \\t]*\\Z"` finds in that window, read backwards from
    `end`. The search tried every start in the 200-byte window: with this loop the alias scan of
    every file of the real trees costs a third of what it did."""
    stop = end
    while stop > lowest and data[stop - 1] in b" \t":
        stop -= 1
    first = stop
    while first > lowest and data[first - 1] in _WORD_BYTES:
        first -= 1
    return data[first:stop]


def ignored_rules(data: bytes) -> dict[int, set[str] | None]:
    """Line -> rules suppressed there by `# scaffold: ignore[rule, ...]` (None: every rule)."""
    found: dict[int, set[str] | None] = {}
    for match in _IGNORE_RE.finditer(data):
        line = data.count(b"\n", 0, match.start()) + 1
        listed = match.group(1)
        found[line] = (
            None
            if listed is None
            else {r.strip() for r in listed.decode(errors="replace").split(",") if r.strip()}
        )
    return found
