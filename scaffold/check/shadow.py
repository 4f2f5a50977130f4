"""Does an earlier URL pattern match every path a later one would? Decided on route tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from scaffold.routes import Param, Token, regex_to_tokens

_NAMED_GROUP_RE = re.compile(r"\(\?P<\w+>(?:[^()]|\([^()]*\))*\)")
_SLASH_FREE_RE = re.compile(r"^(?:\\d|\\w|[\w\-{},+*]|\[(?!\^)[^\]/.]*\])+$")


@dataclass(frozen=True)
class Pattern:
    """A pattern read into tokens: `anchored` when it ends in `$` (the path must end there)."""

    tokens: tuple[Token, ...]
    anchored: bool
    segments: tuple[str, ...]  # literal text per segment; "*" where a parameter is involved


@lru_cache(maxsize=4096)  # read while other work waits (run.py), and once per pattern
def read_pattern(regex: str) -> Pattern | None:
    """Tokens of a regex, or None when it uses syntax we do not follow (then it never shadows
    and is never reported): alternation outside named groups, optional parts, and so on."""
    if "(?:" in _NAMED_GROUP_RE.sub("", regex):
        return None
    tokens = regex_to_tokens(regex)
    if tokens is None:
        return None
    anchored = regex.endswith("$") and not regex.endswith("\\$")
    segments: list[str] = [""]
    for token in tokens:
        if token == "/":
            segments.append("")
        elif isinstance(token, Param):
            segments[-1] = "*"
        elif segments[-1] != "*":
            segments[-1] += token
    return Pattern(tokens, anchored, tuple(segments))


def _slash_free(param: Param) -> bool:
    return param.regex is None or bool(_SLASH_FREE_RE.match(param.regex))


def covers(first: Pattern, later: Pattern) -> bool:
    """True when every path `later` matches is matched by `first` (so `later` never runs)."""
    if first.anchored and (not later.anchored or len(first.segments) != len(later.segments)):
        return False
    if len(first.segments) > len(later.segments) + (0 if first.anchored else 1):
        return False
    for ours, theirs in zip(first.segments, later.segments, strict=False):
        if ours != "*" and ours != theirs and not (not first.anchored and theirs.startswith(ours)):
            return False
    return _match(first, later, 0, 0)


def _match(first: Pattern, later: Pattern, a: int, b: int) -> bool:
    if a == len(first.tokens):
        return not first.anchored or b == len(later.tokens)
    token = first.tokens[a]
    if isinstance(token, str):
        there = later.tokens[b] if b < len(later.tokens) else None
        return there == token and _match(first, later, a + 1, b + 1)
    if token.regex is not None:  # a custom regex covers the same regex, or literals it accepts
        there = later.tokens[b] if b < len(later.tokens) else None
        if isinstance(there, Param):
            return there.regex == token.regex and _match(first, later, a + 1, b + 1)
        end = b
        while end < len(later.tokens) and isinstance(later.tokens[end], str):
            end += 1
            text = "".join(str(t) for t in later.tokens[b:end])
            if _fullmatch(token.regex, text) and _match(first, later, a + 1, end):
                return True
        return False
    end = b  # a `[^/]+` segment parameter: one or more characters that are not "/"
    while end < len(later.tokens):
        there = later.tokens[end]
        if there == "/" or (isinstance(there, Param) and not _slash_free(there)):
            break
        end += 1
        if _match(first, later, a + 1, end):
            return True
    return False


def _fullmatch(regex: str, text: str) -> bool:
    try:
        return re.fullmatch(regex, text) is not None
    except re.error:
        return False
