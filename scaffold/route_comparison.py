"""How routes compare: their path segments and the leading ones two share, the tokens after an
include's prefix, and sample paths a route matches (for shadowing checks)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from scaffold.routes import Param, Token


@lru_cache(maxsize=8192)  # placement asks again for every entry of a list, per route added
def segments(tokens: tuple[Token, ...]) -> tuple[tuple[str, ...], ...]:
    """Path segments of a route, each a tuple of characters and `{name}` parameter marks."""
    result: list[tuple[str, ...]] = [()]
    for token in tokens:
        if token == "/":
            result.append(())
        else:
            result[-1] += (f"{{{token.name}}}" if isinstance(token, Param) else token,)
    return tuple(result)


def shared_segments(ours: Sequence[tuple[str, ...]], theirs: Sequence[tuple[str, ...]]) -> int:
    """How many whole leading path segments two routes share (the final, empty one aside)."""
    count = 0
    for a, b in zip(ours[:-1], theirs[:-1], strict=False):
        if a != b:
            break
        count += 1
    return count


_SAMPLE_VALUES = ("1", "a", "a1", "a-1", "0" * 32)


@lru_cache(maxsize=8192)  # a list's entries are asked again for every route added to it
def sample_paths(tokens: tuple[Token, ...]) -> tuple[str, ...]:
    """Concrete paths the tokens match, for shadowing checks: each gives every parameter one of
    a few plain values (a digit, a letter, ...), the first its regex accepts when that one does
    not, so `\\d+` and `[^/]+` parameters differ in some path. A pattern that misses one of them
    does not match every path of the tokens."""
    found = [
        "".join(t if isinstance(t, str) else _sample_value(t, preferred) for t in tokens)
        for preferred in _SAMPLE_VALUES
    ]
    return tuple(dict.fromkeys(found))


def _sample_value(param: Param, preferred: str) -> str:
    if param.regex is None:
        return preferred
    for candidate in (preferred, *_SAMPLE_VALUES):
        try:
            if re.fullmatch(param.regex, candidate):
                return candidate
        except re.error:
            break
    return "1"


def strip_prefix(tokens: tuple[Token, ...], prefix: tuple[Token, ...]) -> tuple[Token, ...] | None:
    """The tokens after `prefix`, or None when they do not start with it."""
    if len(prefix) > len(tokens):
        return None
    for ours, theirs in zip(tokens, prefix, strict=False):
        if isinstance(ours, Param) != isinstance(theirs, Param):
            return None
        if isinstance(ours, Param) and isinstance(theirs, Param):
            if ours.name != theirs.name:
                return None
        elif ours != theirs:
            return None
    return tokens[len(prefix) :]
