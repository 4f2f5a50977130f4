"""Which routes Django can never reach, and which patterns no path can match: decided on the
languages of full paths (check/language.py), after cheap filters narrow the pairs compared."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from scaffold.check.language import (
    Chain,
    django_matches,
    includes,
    is_empty,
    splits_once,
)
from scaffold.check.regex_read import Unsupported, read_regex, sample
from scaffold.check.skeleton import read_pattern
from scaffold.pysource.unresolved import Unresolved
from scaffold.pysource.urlconf import RouteEntry
from scaffold.records import record

__all__ = ["Entry", "dead_entries", "hidden_entries", "read_pattern"]


@record
class Entry:
    """A route with literal patterns all the way down, read cheaply (see skeleton.py)."""

    route: RouteEntry
    order: int  # the route's place in Django's depth-first walk
    chain: Chain  # include patterns above, then its own
    segments: tuple[frozenset[str] | None, ...]  # of the full path (see skeleton.py)
    exact: bool  # anchored at both ends, a fixed number of segments
    plain: bool  # no anchor that may empty the language
    lead: str  # literal text every full path starts with


def _entry(route: RouteEntry, order: int) -> Entry | None:
    if route.regex is None or any(prefix is None for prefix in route.prefixes):
        return None
    chain = tuple(p for p in route.prefixes if p is not None) + (route.regex,)
    segments: list[frozenset[str] | None] = [frozenset(("",))]
    exact, plain, lead, leading = True, True, "", True
    for position, regex in enumerate(chain):
        skeleton = read_pattern(regex)
        last = position == len(chain) - 1
        exact = exact and skeleton.fixed and (skeleton.start or not regex)
        plain = plain and skeleton.plain and (last or not skeleton.end)
        head, tail = segments[-1], skeleton.segments[0]
        segments[-1] = None if head is None or tail is None else _joined(head, tail)
        segments += skeleton.segments[1:]
        if leading and (skeleton.start or not regex):
            lead += skeleton.lead
            literal = [min(s) for s in skeleton.segments if s is not None and len(s) == 1]
            whole = len(literal) == len(skeleton.segments) and skeleton.lead == "/".join(literal)
            leading = whole and skeleton.fixed and not last
        else:
            leading = False
    exact = exact and read_pattern(chain[-1]).end
    return Entry(route, order, chain, tuple(segments), exact, plain, lead)


def _joined(head: frozenset[str], tail: frozenset[str]) -> frozenset[str]:
    return frozenset(a + b for a in head for b in tail)


_last: list[tuple[list[RouteEntry], int, list[Entry], list[Unresolved]]] = []


def _entries(routes: list[RouteEntry], unresolved: list[Unresolved]) -> list[Entry]:
    """The routes read as entries (the last answer is kept: both rules ask for the same)."""
    if _last and _last[0][0] is routes and _last[0][1] == len(routes):
        unresolved += _last[0][3]
        return _last[0][2]
    noted: list[Unresolved] = []
    found = _read_entries(routes, noted)
    _last[:] = [(routes, len(routes), found, noted)]
    unresolved += noted
    return found


def _read_entries(routes: list[RouteEntry], unresolved: list[Unresolved]) -> list[Entry]:
    found = []
    for order, route in enumerate(routes):
        entry = _entry(route, order)
        if entry is not None and not any(read_pattern(p).placeholder for p in entry.chain):
            found.append(entry)
        elif route.regex is None:
            what = "the pattern of this route"
            why = "it is not a string literal: routes are not compared with it"
            unresolved.append(Unresolved(route.relpath, route.line, what, why))
        elif read_pattern(route.regex).placeholder:
            what = f"pattern {route.regex!r}"
            why = (
                "its `{...}` is no repetition: a placeholder some helper fills in, likely; "
                "routes are not compared with it"
            )
            unresolved.append(Unresolved(route.relpath, route.line, what, why))
    return found


def dead_entries(routes: list[RouteEntry], unresolved: list[Unresolved]) -> list[Entry]:
    """Entries no path can match, each the first of its chain to be so (the routes of an
    include that matches nothing are not reported again)."""
    found = []
    for entry in _entries(routes, unresolved):
        try:
            if _empty(entry) and not (len(entry.chain) > 1 and _empty_above(entry)):
                found.append(entry)
        except Unsupported:
            _note(entry, unresolved)
    return found


def _empty(entry: Entry) -> bool:
    """Whether no path matches the entry's chain (only a plain chain is surely not empty)."""
    return not entry.plain and is_empty(entry.chain, not entry.route.is_include)


def _empty_above(entry: Entry) -> bool:
    above = entry.chain[:-1]
    if all(read_pattern(p).plain and not read_pattern(p).end for p in above):
        return False
    return is_empty(above, False)


def own_pattern_is_dead(entry: Entry) -> bool:
    """Whether the entry's own pattern is empty by itself (else the includes above empty it)."""
    try:
        return is_empty((entry.chain[-1],), not entry.route.is_include)
    except Unsupported:
        return False


def _note(entry: Entry, unresolved: list[Unresolved]) -> None:
    """Record the entry's own pattern when it is the one we cannot read (an include's pattern
    is recorded at the include)."""
    regex = entry.chain[-1]
    try:
        read_regex(regex)
    except Unsupported as exc:
        what, why = f"pattern {regex!r}", f"{exc}: it is not compared with other routes"
        unresolved.append(Unresolved(entry.route.relpath, entry.route.line, what, why))


def hidden_entries(
    routes: list[RouteEntry], unresolved: list[Unresolved]
) -> list[tuple[Entry, Entry]]:
    """(entry, earlier endpoint entry matching every path it would) for each unreachable one."""
    index = _Index()
    hidden = []
    for entry in _entries(routes, unresolved):
        if entry.route.is_include:
            continue  # Django moves past an include whose routes do not match
        try:
            if _empty(entry):
                continue  # dead-pattern's
        except Unsupported:
            _note(entry, unresolved)
            continue
        cover = next((e for e in index.candidates(entry) if _covers(e, entry, unresolved)), None)
        if cover is not None:
            hidden.append((entry, cover))
        else:
            index.add(entry)
    return hidden


def _covers(first: Entry, later: Entry, unresolved: list[Unresolved]) -> bool:
    if (first.route.relpath, first.route.line) == (later.route.relpath, later.route.line):
        return False
    if first.exact and later.exact and not _segments_agree(first.segments, later.segments):
        return False
    samples = _samples(later)
    if first.exact and not all(_fits(first.segments, path) for path in samples):
        return False
    if not all(django_matches(first.chain, path) for path in samples):
        return False
    shared = 0
    while (
        shared < min(len(first.chain), len(later.chain)) - 1
        and first.chain[shared] == later.chain[shared]
    ):
        shared += 1
    try:  # Django hands on only one rest of the path: first's own includes must split once
        loose = [p for p in first.chain[shared:-1] if not splits_once(p)]
        if loose:  # every sample path reaches first, but Django may hand on another rest
            what = later.route.view.text if later.route.view else "route"
            why = (
                f"an include above the route at {first.route.relpath}:{first.route.line} "
                f"({loose[0]!r}) may match more than one start of a path, so whether that "
                "route hides this one is not decided"
            )
            unresolved.append(Unresolved(later.route.relpath, later.route.line, what, why))
            return False
        return includes(first.chain[shared:], later.chain[shared:])
    except Unsupported:
        _note(first, unresolved)
        _note(later, unresolved)
        return False


def _segments_agree(
    first: tuple[frozenset[str] | None, ...], later: tuple[frozenset[str] | None, ...]
) -> bool:
    return len(first) == len(later) and all(
        a is None or b is None or b <= a for a, b in zip(first, later, strict=True)
    )


def _fits(segments: tuple[frozenset[str] | None, ...], path: str) -> bool:
    """Whether a path has the segments of an exact entry (a cheap test before the regexes)."""
    parts = path.split("/")
    return len(parts) == len(segments) and all(
        texts is None or part in texts for part, texts in zip(parts, segments, strict=True)
    )


def _samples(entry: Entry) -> tuple[str, ...]:
    return _chain_samples(entry.chain)


@lru_cache(maxsize=4096)
def _chain_samples(chain: Chain) -> tuple[str, ...]:
    """Paths the chain surely matches (checked with Django's own matching), to rule out cheaply
    an earlier pattern that misses one of them."""
    found = []
    for variant in (0, 1):
        parts = [sample(regex, variant) for regex in chain]
        path = "".join(p for p in parts if p is not None)
        for candidate in (path, f"{path}a/") if not chain[-1].endswith("$") else (path,):
            if None not in parts and django_matches(chain, candidate):
                found.append(candidate)
    return tuple(found)


class _Index:
    """Earlier endpoint entries, found by what a later one could be covered by. An exact entry
    is filed under its size, the place of its last known segment (where none of its texts is
    empty) and each of those texts, or, when the later entry's text there is unknown, under its
    first segment's texts; any other needs a compatible literal lead."""

    def __init__(self) -> None:
        self._by_text: dict[tuple[int, int, str], list[Entry]] = defaultdict(list)
        self._by_place: dict[tuple[int, int, str | None], list[Entry]] = defaultdict(list)
        self._by_size: dict[int, list[Entry]] = defaultdict(list)
        self._loose: list[Entry] = []
        self._all: list[Entry] = []

    def add(self, entry: Entry) -> None:
        self._all.append(entry)
        size, segments = len(entry.segments), entry.segments
        places = [i for i, s in enumerate(segments) if s and "" not in s]
        if not entry.exact:
            self._loose.append(entry)
        elif places:
            for text in segments[places[-1]] or ():
                self._by_text[size, places[-1], text].append(entry)
            for first in segments[0] or (None,):
                self._by_place[size, places[-1], first].append(entry)
        else:
            self._by_size[size].append(entry)

    def candidates(self, later: Entry) -> list[Entry]:
        """Earlier entries that may cover `later`, in Django's order."""
        if not later.exact:
            return [e for e in self._all if _leads_agree(e.lead, later.lead)]
        size, segments = len(later.segments), later.segments
        found = list(self._by_size[size])
        firsts = (None, min(segments[0])) if segments[0] else None
        for place, texts in enumerate(segments):
            if texts is not None:  # an entry covering `later` holds all of its texts here
                found += self._by_text.get((size, place, min(texts)), ())
            elif firsts is not None:
                for first in firsts:
                    found += self._by_place.get((size, place, first), ())
            else:
                found += (e for k, v in self._by_place.items() if k[:2] == (size, place) for e in v)
        found += (e for e in self._loose if _leads_agree(e.lead, later.lead))
        return sorted(set(found), key=lambda e: e.order)


def _leads_agree(first: str, later: str) -> bool:
    return first.startswith(later) or later.startswith(first)
