"""Python's method resolution order (C3) of a class, from the bases the tree shows.

A class outside the tree is one entry with nothing known past it. What the root Endpoint
inherits (DRF's APIView, Django's View) lies outside too, but it matters where it falls: a
mixin listed after an endpoint base comes after View, whose `http_method_names` and `options`
win over the mixin's. `FRAMEWORK` stands for it in the order.
"""

from __future__ import annotations

from collections.abc import Callable

FRAMEWORK = "<the framework's view classes>"
_DEEPEST = 30  # nesting of bases followed; past it (or in a cycle) there is no order


class _NoOrder(Exception):
    """Python refuses the class (bases in conflicting orders), or the bases nest too deep."""


def method_order(start: str, bases_of: Callable[[str], tuple[str, ...]]) -> list[str]:
    """The C3 linearization of `start` (its MRO), `bases_of(dotted)` giving each class's
    bases as written (() for a class outside the tree). Where there is none (Python refuses
    the class, or the bases nest past 30 levels or in a cycle), a depth-first walk keeping
    each class's last occurrence, to 30 levels."""
    found = _linearize(start, bases_of)
    if found is not None:
        return found
    walked: list[str] = []

    def walk(dotted: str, depth: int) -> None:
        walked.append(dotted)
        for base in bases_of(dotted) if depth < _DEEPEST else ():
            walk(base, depth + 1)

    walk(start, 0)
    return list(reversed(dict.fromkeys(reversed(walked))))


def _linearize(start: str, bases_of: Callable[[str], tuple[str, ...]]) -> list[str] | None:
    memo: dict[str, list[str]] = {}

    def order(dotted: str, depth: int) -> list[str]:
        if dotted in memo:
            return memo[dotted]
        if depth > _DEEPEST:
            raise _NoOrder
        bases = bases_of(dotted)
        found = [dotted, *_merge([*[list(order(b, depth + 1)) for b in bases], list(bases)])]
        memo[dotted] = found
        return found

    try:
        return order(start, 0)
    except _NoOrder:
        return None


def _merge(sequences: list[list[str]]) -> list[str]:
    merged: list[str] = []
    while sequences := [s for s in sequences if s]:
        head = next(
            (s[0] for s in sequences if not any(s[0] in other[1:] for other in sequences)), None
        )
        if head is None:
            raise _NoOrder
        merged.append(head)
        for sequence in sequences:
            if sequence[0] == head:
                del sequence[0]
    return merged
