"""Where a route sorts among its kin: Sentry keeps its lists mostly alphabetical within path
groups, around newer blocks prepended or appended, so the new route goes by the longest
alphabetical run of the entries beside which it belongs."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from scaffold.routes import Token, regex_to_tokens

if TYPE_CHECKING:
    from scaffold.urls.place import RouteSlot


def slot_tokens(entry: RouteSlot) -> tuple[Token, ...] | None:
    """An entry's tokens; an include's prefix read from its pattern."""
    if entry.tokens is not None or entry.pattern is None:
        return entry.tokens
    return regex_to_tokens(entry.pattern) if entry.is_include else None


def same_start(
    tokens: tuple[Token, ...], entries: list[RouteSlot], more: int = 1
) -> list[RouteSlot]:
    """The entries whose route shares the most leading characters with ours, at least `more`
    than the least of them does: `api-authorizations/` beside `api-applications/`,
    `invites/` beside `internal/`. All of them when they all share as much. Within a path
    group one more letter (`stats/` and `similar/` after `{issue_id}/`) is no kin: there the
    whole group's order decides."""
    ours = sort_key(tokens)
    best: list[RouteSlot] = []
    best_length, least, read = 0, len(ours), 0
    for entry in entries:
        theirs = slot_tokens(entry)
        if theirs is None:
            continue
        read += 1
        key = sort_key(theirs)
        length = next(
            (i for i, (a, b) in enumerate(zip(ours, key, strict=False)) if a != b),
            min(len(ours), len(key)),
        )
        least = min(least, length)
        if length > best_length:
            best, best_length = [entry], length
        elif length == best_length and length:
            best.append(entry)
    if best_length - least < more and len(best) < read:
        return []
    return best


def alphabetical(tokens: tuple[Token, ...], group: list[RouteSlot]) -> int:
    """Among `group`: after the last entry, of the longest run of them in alphabetical order,
    that sorts before the new route (before the run's first when none does). Sentry keeps its
    lists mostly alphabetical, with newer blocks prepended or appended around that backbone;
    in a sorted group this is before the first entry sorting after the new route."""
    ours = sort_key(tokens)
    keys = [sort_key(slot_tokens(entry) or ()) for entry in group]
    backbone = [group[i] for i in longest_sorted_run(keys)]
    below = [entry for entry in backbone if sort_key(slot_tokens(entry) or ()) <= ours]
    return below[-1].index + 1 if below else backbone[0].index


def longest_sorted_run(keys: list[str]) -> list[int]:
    """Indexes of a longest non-decreasing subsequence of `keys` (patience sorting)."""
    tails: list[int] = []  # tails[k]: index ending the best run of length k + 1
    parent: list[int | None] = [None] * len(keys)
    for i, key in enumerate(keys):
        low, high = 0, len(tails)
        while low < high:
            middle = (low + high) // 2
            if keys[tails[middle]] <= key:
                low = middle + 1
            else:
                high = middle
        parent[i] = tails[low - 1] if low else None
        if low == len(tails):
            tails.append(i)
        else:
            tails[low] = i
    run: list[int] = []
    at = tails[-1] if tails else None
    while at is not None:
        run.append(at)
        at = parent[at]
    return run[::-1]


@lru_cache(maxsize=8192)  # asked again for every entry of a list, per route added
def sort_key(tokens: tuple[Token, ...]) -> str:
    """Lower case, a segment's end sorting before any character (`auth/` before `auth-x/`)."""
    text = "".join(t if isinstance(t, str) else "{" + t.name + "}" for t in tokens)
    return text.lower().replace("/", " ")
