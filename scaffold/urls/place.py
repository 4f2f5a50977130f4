"""Where in a list of routes a new route goes: the entries as read, and the chosen position."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from scaffold.errors import ConflictError, PatchError
from scaffold.pysource.urlsource import ListItem
from scaffold.routes import Token, regex_to_tokens, sample_path, segments


@dataclass(frozen=True)
class RouteSlot:
    """One item of a route list, as placement sees it: its position, its pattern (None when not
    a literal route) and whether it includes other routes."""

    index: int
    pattern: str | None
    is_include: bool
    tokens: tuple[Token, ...] | None = None
    regex: re.Pattern[str] | None = None


def route_slot(index: int, pattern: str | None, is_include: bool) -> RouteSlot:
    """A slot, with the pattern's tokens and compiled regex for an endpoint route."""
    if pattern is None or is_include:
        return RouteSlot(index, pattern, is_include)
    try:
        regex: re.Pattern[str] | None = re.compile(pattern)
    except re.error:
        regex = None
    return RouteSlot(index, pattern, is_include, regex_to_tokens(pattern), regex)


def route_slots(items: Sequence[ListItem]) -> list[RouteSlot]:
    """The items of a list (or of `patterns('', ...)`) as read by pysource."""
    return [route_slot(item.index, item.pattern, item.is_include) for item in items]


def insert_slot(slots: list[RouteSlot], position: int, pattern: str) -> list[RouteSlot]:
    """`slots` with a new endpoint route at `position`, the ones after it moved down one."""
    moved = [dataclasses.replace(slot, index=slot.index + 1) for slot in slots[position:]]
    return [*slots[:position], route_slot(position, pattern, False), *moved]


def choose_position(
    entries: list[RouteSlot],
    tokens: tuple[Token, ...],
    pattern: str,
    *,
    where: str,
    line_of: Callable[[str], int],
    first: int = 0,
) -> int:
    """Next to the entry sharing the longest prefix, but never where the new route would be
    unreachable (after a pattern matching it, e.g. a catch-all) or would hide another.

    `where` is `file: LIST` for messages, `line_of` finds a text's line in the file, `first` is
    the lowest index allowed.
    """
    label, _, list_name = where.partition(": ")
    ours = re.compile(pattern)
    our_sample = sample_path(tokens)
    low, high = first, len(entries)
    for entry in entries:
        if entry.pattern == pattern:
            raise ConflictError(
                f"{label}:{line_of(pattern)}: {list_name} already has the route {pattern!r}; "
                "remove it or change the route"
            )
        if entry.is_include or entry.regex is None:
            continue
        if entry.regex.search(our_sample):
            high = min(high, entry.index)
        theirs = sample_path(entry.tokens) if entry.tokens is not None else None
        if theirs is not None and entry.regex.search(theirs) and ours.search(theirs):
            low = max(low, entry.index + 1)
    if low > high:
        raise PatchError(
            f"{label}: the route {pattern!r} would hide or be hidden by another route in "
            f"{list_name}; change the route"
        )
    best_index, best_score = len(entries), 0
    our_segments = segments(tokens)
    scores: list[tuple[RouteSlot, int]] = []
    for entry in entries:
        if not entry.is_include and entry.tokens is not None:
            score = _shared_segments(our_segments, segments(entry.tokens))
            scores.append((entry, score))
            if score and score >= best_score:
                best_index, best_score = entry.index + 1, score
    if best_score:
        best_index = _alphabetical(tokens, [e for e, score in scores if score == best_score])
    position = min(max(best_index, low), high)
    if best_score == 0:  # no related entry: stay above the API root route(s) ending the list
        while position - 1 >= low and _is_root(entries[position - 1]):
            position -= 1
    return position


def _alphabetical(tokens: tuple[Token, ...], group: list[RouteSlot]) -> int:
    """Among the entries sharing the longest prefix (Sentry keeps them mostly alphabetical):
    before the first that sorts after the new route, else after the last of them."""
    ours = _sort_key(tokens)
    for entry in group:
        assert entry.tokens is not None
        if _sort_key(entry.tokens) > ours:
            return entry.index
    return group[-1].index + 1


def _sort_key(tokens: tuple[Token, ...]) -> str:
    return "".join(t if isinstance(t, str) else "{" + t.name + "}" for t in tokens).lower()


def _is_root(entry: RouteSlot) -> bool:
    """The API index route `^$`, which Sentry keeps beside the catch-all, under one comment."""
    return not entry.is_include and entry.tokens == ()


def _shared_segments(ours: list[tuple[str, ...]], theirs: list[tuple[str, ...]]) -> int:
    """How many whole leading path segments two routes share (the final, empty one aside)."""
    count = 0
    for a, b in zip(ours[:-1], theirs[:-1], strict=False):
        if a != b:
            break
        count += 1
    return count
