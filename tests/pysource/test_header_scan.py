"""The byte scans every file of a tree goes through, against the plain regex readings they
replace for speed: the same answer on each shape of input."""

from __future__ import annotations

import re

import pytest

from scaffold.pysource.headers import import_aliases

_WORD_BEFORE_RE = re.compile(rb"(\w+)[ \t]*\Z")  # the reading `import_aliases` used to search


def _aliases_by_search(data: bytes) -> list[tuple[bytes, bytes]]:
    found = []
    for match in re.finditer(rb" as[ \t]+(\w+)", data):
        start = match.start()
        before = _WORD_BEFORE_RE.search(data, max(0, start - 200), start)
        if before is not None:
            found.append((before.group(1), match.group(1)))
    return found


ALIAS_SOURCES = [
    b"from a.b import Thing as Other\n",
    b"import os.path as p, json as j\n",
    b"from x import (\n    First as One,\n    Second\tas Two,\n)\n",
    b"with open(f) as handle:\n    pass\n",
    b"except KeyError as caught:\n",
    b"(Thing) as t",  # a parenthesis before: no word
    b" as lonely",  # nothing before
    b"caf\xc3\xa9 as x",  # a non-ASCII byte ends the word
    b"x" * 250 + b" as long_name",  # a word longer than the 200-byte window is cut
    b"a" * 199 + b" \t as edge",
    b"word\n as next_line",  # a line break is not skipped
    b"one as two as three",
]


@pytest.mark.parametrize("data", ALIAS_SOURCES)
def test_aliases_are_the_ones_the_regex_search_finds(data: bytes) -> None:
    assert import_aliases(data) == _aliases_by_search(data)
