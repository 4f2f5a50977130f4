"""A cheap reading of a URL regex, from its text alone: its path segments (literal text or not),
whether the number of segments is fixed, and whether it needs the automata at all. It only
narrows which pairs of patterns are compared; it never decides a finding."""

from __future__ import annotations

import re
from functools import lru_cache

from scaffold.records import record

_TOKEN_RE = re.compile(
    r"\\(?P<escape>.)|(?P<klass>\[\^?\]?(?:\\.|[^\]\\])*\])|(?P<group>\((?:\?P<\w+>|\?:|(?!\?)))"
    r"|(?P<other>\(\?)|(?P<char>.)",
    re.DOTALL,
)
_QUANTIFIERS = frozenset("*+?{")
_SLASH_RANGE_RE = re.compile(r"([^\\])-([^\]])")
_WORD = r"[\w~-]"
_CHOICES_RE = re.compile(rf"({_WORD}*)\((?:\?:|\?P<\w+>)({_WORD}+(?:\|{_WORD}+)*)\)({_WORD}*)")
_OPTIONAL_RE = re.compile(rf"({_WORD}*){_WORD}\?")
_PLACEHOLDER_RE = re.compile(r"(?<!\\)\{(?!\d*,?\d*\})")


@record
class Skeleton:
    """`segments`: per "/"-separated segment, its literal text, or None where it is not literal.
    `fixed`: every matched string has exactly len(segments) segments. `start`/`end`: it begins
    with `^` / ends with `$`. `plain`: no anchors but a leading `^` and a trailing `$`, no
    lookarounds or backreferences, ASCII only (so only a plain pattern skips the automata's
    emptiness test). `lead`: literal text every match starts with."""

    segments: tuple[frozenset[str] | None, ...]  # the texts a segment can be; None: unknown
    fixed: bool
    start: bool
    end: bool
    plain: bool
    lead: str
    placeholder: bool  # a `{name}` that is no repetition: text some helper fills in, likely


@lru_cache(maxsize=4096)  # read while other work waits (run.py), and once per pattern
def read_pattern(regex: str) -> Skeleton:
    """The skeleton of one regex."""
    tokens = list(_TOKEN_RE.finditer(regex))
    start = bool(tokens) and tokens[0].group("char") == "^"
    end = len(tokens) > int(start) and tokens[-1].group("char") == "$"
    body = tokens[int(start) : len(tokens) - int(end)]
    segments: list[str | None] = [""]
    raw = [""]
    fixed, plain, depth, alternation = True, regex.isascii(), 0, False
    previous_slash = False
    for token in body:
        kind, text = token.lastgroup, token.group()
        literal = _literal(token)
        if kind == "escape" and literal is None:
            if text[1] not in "dwsDWS":
                fixed = plain = False  # a backreference, \b, \A, \Z...
            elif text[1] in "DWS":
                fixed = False
        elif kind == "klass":
            fixed = fixed and _slash_free(text)
        elif kind in ("group", "other"):
            depth += 1
            if kind == "other":
                fixed = plain = False
        elif text == ")":
            depth -= 1
        elif text in "^$" or text == ".":
            fixed = False
            plain = plain and text == "."
        elif text == "|":
            alternation = alternation or depth == 0
        elif text in _QUANTIFIERS:
            fixed = fixed and not previous_slash
            segments[-1] = None
        previous_slash = literal == "/" and depth == 0
        if previous_slash:
            segments.append("")
            raw.append("")
            continue
        raw[-1] += text
        if literal == "/":
            fixed = False
        elif literal is None or depth:
            segments[-1] = None
        elif segments[-1] is not None:
            segments[-1] += literal
    fixed = fixed and not alternation
    plain = plain and not (alternation and (start or end))  # then `^`/`$` hold one branch
    lead = "" if alternation else _lead(start, body)
    choices = tuple(
        _choices(text) if known is None else frozenset((known,))
        for known, text in zip(segments, raw, strict=True)
    )
    placeholder = bool(_PLACEHOLDER_RE.search(regex))
    return Skeleton(choices, fixed, start, end, plain, lead, placeholder)


def _choices(raw: str) -> frozenset[str] | None:
    """The texts of a segment written `pre(?:a|b)post` or `name?` (None for anything else)."""
    found = _CHOICES_RE.fullmatch(raw)
    if found is not None:
        head, options, tail = found.group(1, 2, 3)
        return frozenset(f"{head}{option}{tail}" for option in options.split("|"))
    found = _OPTIONAL_RE.fullmatch(raw)
    return None if found is None else frozenset((found.group(1), found.group(0)[:-1]))


def _literal(token: re.Match[str]) -> str | None:
    """The character a token stands for, when it is one plain character."""
    if token.lastgroup == "escape":
        return None if token.group()[1].isalnum() else token.group()[1]
    text = token.group()
    special = token.lastgroup != "char" or text in _QUANTIFIERS or text in "()|^$."
    return None if special else text


def _lead(start: bool, body: list[re.Match[str]]) -> str:
    """The literal text at the start of every match (only after `^`)."""
    lead = []
    for index, token in enumerate(body if start else ()):
        literal = _literal(token)
        following = body[index + 1].group() if index + 1 < len(body) else ""
        if literal is None or following in _QUANTIFIERS:
            break
        lead.append(literal)
    return "".join(lead)


def _slash_free(klass: str) -> bool:
    """Whether a character class surely excludes "/"."""
    inner = klass[1:-1]
    if inner.startswith("^"):
        return "/" in inner
    if "/" in inner or any(f"\\{c}" in inner for c in "DWS"):
        return False
    return not any(a <= "/" <= b for a, b in _SLASH_RANGE_RE.findall(inner))
