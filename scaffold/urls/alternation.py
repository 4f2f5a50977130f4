"""Routes written with alternatives (`(?:notes|comments)/`, Sentry's `(?:issues|groups)/`), read
for placement as the one spelling that shares most of a new route's path (`regex_to_tokens`
reads the first alone): the route syntax cannot write them, so a new `comments/...` route's
kin would otherwise never be found among them."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from scaffold.records import evolve
from scaffold.route_comparison import segments, shared_segments
from scaffold.routes import Token, regex_to_tokens

if TYPE_CHECKING:
    from scaffold.urls.place import RouteSlot

# a group of plain words, outside any named group: `(?:notes|comments)`
_WORDS_RE = re.compile(r"\(\?:([\w-]+(?:\|[\w-]+)+)\)")
_MOST_SPELLINGS = 16


def alternatives_read(entries: list[RouteSlot], tokens: tuple[Token, ...]) -> list[RouteSlot]:
    """`entries`, each route with groups of plain words given the tokens of its spelling that
    shares the most leading segments with `tokens` (the first of those that tie)."""
    ours = segments(tokens)
    read = []
    for entry in entries:
        if not entry.is_include and entry.pattern and "(?:" in entry.pattern:
            found = [t for t in _spellings(entry.pattern) if t is not None]
            if found:
                best = max(found, key=lambda t: shared_segments(ours, segments(t)))
                entry = evolve(entry, tokens=best)
        read.append(entry)
    return read


def _spellings(pattern: str) -> list[tuple[Token, ...] | None]:
    """The tokens of each spelling of the pattern, one word of each group; none beyond 16, nor
    for a pattern with a group inside another."""
    groups = list(_WORDS_RE.finditer(pattern))
    if not groups or "(?:" in _WORDS_RE.sub("", pattern):
        return []
    choices = [m.group(1).split("|") for m in groups]
    spellings = []
    for words in itertools.islice(itertools.product(*choices), _MOST_SPELLINGS):
        parts, last = [], 0
        for match, word in zip(groups, words, strict=True):
            parts += [pattern[last : match.start()], word]
            last = match.end()
        spellings.append(regex_to_tokens("".join([*parts, pattern[last:]])))
    return spellings
