"""A URL regex read by Python's own parser into pieces an automata library can take: plain
regex chunks in a small canonical syntax, split at `$`/`\\Z` anchors; or why it cannot be."""

from __future__ import annotations

import re
import re._parser as sre  # type: ignore[import-not-found]  # Python's own regex parser
from functools import lru_cache
from typing import Any

from scaffold.records import record

# Python's \d, \w, \s are Unicode classes. Every regex we accept names non-ASCII characters only
# through them, so one stand-in per kind of non-ASCII character keeps languages exact: a
# non-ASCII digit, a non-ASCII word character, a non-ASCII space; "anything else" is the rest.
_DIGIT, _WORD, _SPACE = "\u0660", "\u00e9", "\u00a0"
_CATEGORIES = {
    "CATEGORY_DIGIT": (frozenset("0123456789" + _DIGIT), False),
    "CATEGORY_NOT_DIGIT": (frozenset("0123456789" + _DIGIT), True),
    "CATEGORY_WORD": (
        frozenset(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_" + _DIGIT + _WORD
        ),
        False,
    ),
    "CATEGORY_SPACE": (frozenset(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f" + _SPACE), False),
}
_CATEGORIES["CATEGORY_NOT_WORD"] = (_CATEGORIES["CATEGORY_WORD"][0], True)
_CATEGORIES["CATEGORY_NOT_SPACE"] = (_CATEGORIES["CATEGORY_SPACE"][0], True)
_UNICODE_FLAG = 32  # re.UNICODE, on for every str pattern: no other flag is followed

Charset = tuple[frozenset[str], bool]  # characters, negated
END = "$"  # the rest of the path is "" or "\n" (Python's `$`)
END_OF_STRING = "\\Z"  # the rest of the path is ""


class Unsupported(Exception):
    """The regex uses syntax whose language we do not compute; the message says which."""


@record
class ReadRegex:
    """A regex as a sequence of canonical chunks and END / END_OF_STRING marks."""

    start_anchored: bool  # began with `^` (or `\\A`)
    items: tuple[str, ...]  # chunks (canonical regex text) and marks, in order
    slashes: int | None  # the number of "/" in every string it matches (None: varies)
    ends_with_slash: bool  # its last element is a literal "/"


@lru_cache(maxsize=4096)
def read_regex(regex: str) -> ReadRegex:
    """Read `regex`; raise Unsupported naming what stops us (lookarounds, backrefs, flags...)."""
    try:
        parsed = sre.parse(regex)
    except (re.error, RecursionError, OverflowError) as exc:
        raise Unsupported(f"Python rejects it ({exc})") from None
    if parsed.state.flags & ~_UNICODE_FLAG:
        raise Unsupported("it sets regex flags")
    data = list(parsed.data)
    start = bool(data) and _op(data[0]) == "AT" and str(data[0][1]) in _STARTS
    if start:
        data = data[1:]
    items: list[str] = []
    chunk: list[str] = []
    for node in data:
        if _op(node) == "AT":
            where = str(node[1])
            if where not in ("AT_END", "AT_END_STRING"):
                raise Unsupported(f"it uses the anchor {where.lower()} inside the pattern")
            items += ["".join(chunk), END if where == "AT_END" else END_OF_STRING]
            chunk = []
        else:
            chunk.append(_emit([node]))
    items.append("".join(chunk))
    last = data[-1] if data else None
    ends_with_slash = last is not None and _op(last) == "LITERAL" and last[1] == ord("/")
    return ReadRegex(start, tuple(items), _slashes(data), ends_with_slash)


_STARTS = ("AT_BEGINNING", "AT_BEGINNING_STRING")


def _op(node: Any) -> str:
    return str(node[0])


def _emit(data: Any) -> str:
    """Canonical regex text of parsed nodes (every character as `\\xHH` or itself)."""
    parts = []
    for node in data:
        op, arg = _op(node), node[1]
        if op in ("LITERAL", "NOT_LITERAL", "IN", "ANY"):
            parts.append(_class_text(_charset(op, arg)))
        elif op == "BRANCH":
            parts.append("(?:" + "|".join(_emit(option) for option in arg[1]) + ")")
        elif op == "SUBPATTERN":
            if arg[1] or arg[2]:
                raise Unsupported("it sets regex flags inside a group")
            parts.append("(?:" + _emit(arg[3]) + ")")
        elif op in ("MAX_REPEAT", "MIN_REPEAT"):
            low, high, inner = arg
            upper = "" if high == sre.MAXREPEAT else str(high)
            parts.append("(?:" + _emit(inner) + "){" + f"{low},{upper}" + "}")
        elif op == "AT":
            raise Unsupported(f"it uses the anchor {str(arg).lower()} inside a group")
        else:
            raise Unsupported(f"it uses {op.lower()} (lookaround, backreference or the like)")
    return "".join(parts)


def _charset(op: str, arg: Any) -> Charset:
    if op == "ANY":
        return frozenset("\n"), True
    if op in ("LITERAL", "NOT_LITERAL"):
        return frozenset(_ascii(arg)), op == "NOT_LITERAL"
    chars: set[str] = set()
    negated = False
    classes: list[Charset] = []
    for kind, value in arg:
        kind = str(kind)
        if kind == "NEGATE":
            negated = True
        elif kind == "LITERAL":
            chars.add(_ascii(value))
        elif kind == "RANGE":
            chars.update(_ascii(c) for c in range(value[0], value[1] + 1))
        elif kind == "CATEGORY":
            classes.append(_CATEGORIES[str(value)])
        else:
            raise Unsupported(f"its character class uses {kind.lower()}")
    union: Charset = (frozenset(chars), False)
    for other in classes:
        union = _union(union, other)
    return (union[0], not union[1]) if negated else union


def _union(a: Charset, b: Charset) -> Charset:
    (a_chars, a_neg), (b_chars, b_neg) = a, b
    if a_neg and b_neg:
        return a_chars & b_chars, True
    if a_neg:
        return a_chars - b_chars, True
    if b_neg:
        return b_chars - a_chars, True
    return a_chars | b_chars, False


def _ascii(code: int) -> str:
    if code > 127:
        raise Unsupported("it names a non-ASCII character")
    return chr(code)


def _class_text(charset: Charset) -> str:
    chars, negated = charset
    text = "".join(c if c.isalnum() else f"\\x{ord(c):02x}" for c in sorted(chars))
    return f"[{'^' if negated else ''}{text}]"


def _slashes(data: Any) -> int | None:
    """How many "/" every string of `data` holds, or None when it varies."""
    total = 0
    for node in data:
        op, arg = _op(node), node[1]
        if op in ("LITERAL", "NOT_LITERAL", "IN", "ANY"):
            chars, negated = _charset(op, arg)
            if ("/" in chars) != negated:  # the class accepts "/"
                if chars == frozenset("/") and not negated:
                    total += 1
                    continue
                return None
        elif op == "BRANCH":
            counts = {_slashes(option) for option in arg[1]}
            if len(counts) != 1 or None in counts:
                return None
            total += counts.pop() or 0
        elif op == "SUBPATTERN":
            inner = _slashes(arg[3])
            if inner is None:
                return None
            total += inner
        elif op in ("MAX_REPEAT", "MIN_REPEAT"):
            inner = _slashes(arg[2])
            if inner is None or (inner and arg[0] != arg[1]):
                return None
            total += inner * arg[0]
        elif op != "AT":
            return None
    return total


_PREFERRED = ("1a-_.x0Z~", "a1_-.x0Z~")  # per variant: the first character a class accepts


def sample(regex: str, variant: int) -> str | None:
    """A string the regex may match (check it with `re`): first or last alternatives, the least
    repetitions (at least one in variant 1), classes as their first preferred character."""
    return _samples(regex)[variant]


@lru_cache(maxsize=4096)
def _samples(regex: str) -> tuple[str | None, str | None]:
    try:
        data = sre.parse(regex).data
        return _sample(data, 0), _sample(data, 1)
    except (re.error, Unsupported, ValueError, RecursionError, OverflowError):
        return None, None


def _sample(data: Any, variant: int) -> str:
    parts = []
    for node in data:
        op, arg = _op(node), node[1]
        if op in ("LITERAL", "NOT_LITERAL", "IN", "ANY"):
            chars, negated = _charset(op, arg)
            preferred = (c for c in _PREFERRED[variant] if (c in chars) != negated)
            parts.append(next(preferred, None) or min(chars))
        elif op == "BRANCH":
            parts.append(_sample(arg[1][-variant], variant))
        elif op == "SUBPATTERN":
            parts.append(_sample(arg[3], variant))
        elif op in ("MAX_REPEAT", "MIN_REPEAT"):
            count = max(arg[0], min(variant, arg[1]))
            parts.append(_sample(arg[2], variant) * count)
        elif op != "AT":
            raise Unsupported(op)
    return "".join(parts)
