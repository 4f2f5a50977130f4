"""How a new route spells its parameters' segment class (`[^/]+` or `[^\\/]+`): as its
neighbours in the list spell theirs, else as the file does."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from scaffold.route_comparison import segments, shared_segments
from scaffold.routes import Param, Token
from scaffold.urls.style import PARAM_SEGMENT_RE, UrlsStyle

if TYPE_CHECKING:
    from scaffold.urls.place import RouteSlot


_SEGMENTS = ("[^/]+", "[^\\/]+")


def neighbours_spelling(
    slots: list[RouteSlot],
    position: int,
    tokens: tuple[Token, ...],
    style: UrlsStyle,
) -> tuple[str, dict[str, str]]:
    """The segment class for the route's parameters at `position`, and the class of each
    parameter spelled otherwise. Sentry copies an entry from its neighbour, so a block of
    `[^/]+` sits in a file of `[^\\/]+`, and one entry may spell `organization_slug` one way
    and `project_slug` the other: a parameter the neighbours name is spelled as they spell it,
    the others as the neighbours spell all theirs, else as the file spells that name
    (`style.param_segments`), else as the file spells most. Where the two neighbours differ, the
    one sharing more of the route's path wins; if neither does, they say nothing."""
    ours = segments(tokens)
    whole: list[tuple[int, str | None]] = []  # (segments shared, its one spelling or None)
    named: dict[str, list[tuple[int, str]]] = {}
    for slot in slots[max(position - 1, 0) : position + 1]:
        if slot.pattern is None or slot.is_include or slot.tokens is None:
            continue
        found = [segment for segment in _SEGMENTS if segment in slot.pattern]
        shared = shared_segments(ours, segments(slot.tokens))
        whole.append((shared, found[0] if len(found) == 1 else None))
        for match in PARAM_SEGMENT_RE.finditer(slot.pattern):
            named.setdefault(match.group(1), []).append((shared, match.group(2)))
    segment = _agreed(whole) or style.segment
    spelled = {name: seg for name, seg in style.param_segments.items() if seg != segment}
    for token in tokens:
        found_for = _agreed(named.get(token.name, [])) if isinstance(token, Param) else None
        if isinstance(token, Param) and found_for:
            spelled[token.name] = found_for
    return segment, spelled


def _agreed(seen: Sequence[tuple[int, str | None]]) -> str | None:
    """The one spelling the neighbours agree on, or that of the one sharing more of the path."""
    spellings = {spelling for _, spelling in seen}
    if len(spellings) == 1:
        return spellings.pop()
    if len(seen) == 2 and seen[0][0] != seen[1][0]:
        return max(seen)[1]
    return None
