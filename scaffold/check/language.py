"""The set of full paths a chain of URL patterns matches, as Django resolves them, built as a
finite automaton (interegular) so that emptiness and inclusion can be decided."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from scaffold.check.regex_read import END, END_OF_STRING, ReadRegex, read_regex

# A chain: the include patterns above an entry (outermost first), then the entry's own pattern.
Chain = tuple[str, ...]

_ANYTHING = "(?:[^]){0,}"


@lru_cache(maxsize=4096)
def language(chain: Chain, endpoint: bool, searched: bool = False) -> Any:
    """An automaton accepting every path the chain can match: each include pattern is searched
    in what is left of the path and hands on the rest after its match; the last pattern is the
    entry's own (an endpoint ending in `$` must match all that is left, as Django's
    `fullmatch` since 2.2.25 / 3.2.11; `searched`: searched as before, which matches more
    where the pattern does not start with `^`). Raises Unsupported for a pattern we cannot
    read. Paths containing a character outside ASCII are stood for by one character of its
    kind (see regex_read)."""
    items: list[str] = []
    for position, regex in enumerate(chain):
        read = read_regex(regex)
        last = position == len(chain) - 1
        fullmatch = last and endpoint and regex.endswith("$") and not searched
        if not (read.start_anchored or fullmatch) and regex:  # searched: it may start anywhere
            items.append(_ANYTHING)
        items += read.items
        if last and not fullmatch:
            items.append(_ANYTHING)  # searched: anything may follow the match
    automaton = _fsm("")
    chunk: list[str] = []
    for item in reversed(items):
        if item in (END, END_OF_STRING):
            automaton = _fsm("".join(reversed(chunk))) + automaton
            chunk = []
            automaton = automaton & _fsm("(?:\\x0a){0,1}" if item == END else "")
        else:
            chunk.append(item)
    return _fsm("".join(reversed(chunk))) + automaton


@lru_cache(maxsize=4096)
def _fsm(text: str) -> Any:
    import interegular  # imported only when a pair gets this far: most runs never need it

    return interegular.parse_pattern(text).to_fsm()


def is_empty(chain: Chain, endpoint: bool) -> bool:
    """True when no path matches the chain (Unsupported when a pattern cannot be read)."""
    return bool(language(chain, endpoint).empty())


def includes(wider: Chain, narrower: Chain) -> bool:
    """True when every path the endpoint chain `narrower` matches, `wider` matches too, in
    Django both before and since endpoints ending in `$` are fullmatched."""
    return all(
        language(narrower, True, searched).issubset(language(wider, True, searched))
        for searched in (False, True)
    )


def splits_once(prefix: str) -> bool:
    """True when Django's search of this include pattern can consume only one prefix of any
    path: the empty pattern, or one anchored with `^` whose every match holds the same number
    of "/" and ends with one (so no match is a prefix of another)."""
    if not prefix:
        return True
    read: ReadRegex = read_regex(prefix)
    return (
        read.start_anchored
        and len(read.items) == 1
        and read.slashes is not None
        and read.ends_with_slash
    )


def django_matches(chain: Chain, path: str) -> bool:
    """Whether Django's resolver reaches and matches the chain's endpoint for `path`."""
    for prefix in chain[:-1]:
        found = re.search(prefix, path)
        if found is None:
            return False
        path = path[found.end() :]
    regex = chain[-1]
    matched = re.fullmatch(regex, path) if regex.endswith("$") else re.search(regex, path)
    return matched is not None
