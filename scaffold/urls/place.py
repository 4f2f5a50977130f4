"""Where in a list of routes a new route goes: the entries as read, and the chosen position."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from scaffold.errors import ConflictError, PatchError
from scaffold.pysource.urlsource import ListItem
from scaffold.records import evolve, record
from scaffold.route_comparison import sample_paths, segments, shared_segments
from scaffold.routes import Param, Token, regex_to_tokens
from scaffold.urls.alphabet import alphabetical, same_start
from scaffold.urls.alternation import alternatives_read
from scaffold.urls.catch_all import crosses_slash, shares_a_path
from scaffold.urls.kin import UNNAMED, Named, module_kin, package_kin, word_kin


@record
class RouteSlot:
    """One item of a route list, as placement sees it: its position, its pattern (None when not
    a literal route), whether it includes other routes, and the names of the endpoint it routes
    to."""

    index: int
    pattern: str | None
    is_include: bool
    tokens: tuple[Token, ...] | None = None
    regex: re.Pattern[str] | None = None
    named: Named = UNNAMED


def route_slot(
    index: int, pattern: str | None, is_include: bool, named: Named = UNNAMED
) -> RouteSlot:
    """A slot, with the pattern's tokens and compiled regex for an endpoint route."""
    if pattern is None or is_include:
        return RouteSlot(index, pattern, is_include)
    try:
        regex: re.Pattern[str] | None = re.compile(pattern)
    except re.error:
        regex = None
    return RouteSlot(index, pattern, is_include, regex_to_tokens(pattern), regex, named)


def route_slots(
    items: Sequence[ListItem], modules: Mapping[str, str] | None = None
) -> list[RouteSlot]:
    """The items of a list (or of `patterns('', ...)`) as read by pysource; `modules` says
    which module urls.py imports each name from."""
    modules = modules or {}
    return [
        route_slot(
            item.index,
            item.pattern,
            item.is_include,
            Named(item.view_class, modules.get(item.view_class or ""), item.url_name),
        )
        for item in items
    ]


def insert_slot(
    slots: list[RouteSlot], position: int, pattern: str, named: Named = UNNAMED
) -> list[RouteSlot]:
    """`slots` with a new endpoint route at `position`, the ones after it moved down one."""
    moved = [evolve(slot, index=slot.index + 1) for slot in slots[position:]]
    return [*slots[:position], route_slot(position, pattern, False, named), *moved]


def choose_position(
    entries: list[RouteSlot],
    tokens: tuple[Token, ...],
    pattern: str,
    *,
    where: str,
    line_of: Callable[[str], int],
    first: int = 0,
    new: Named = UNNAMED,
    digits: frozenset[str] = frozenset(),
) -> int:
    """Next to the entry sharing the longest prefix, but never where the new route would be
    unreachable (after a pattern matching it, e.g. a catch-all) or would hide another.

    `where` is `file: LIST` for messages, `line_of` finds a text's line in the file, `first` is
    the lowest index allowed, `new` names the endpoint (its class, module and URL name), which
    places it where the path says little (`_by_names`), `digits` the parameters it answers for
    digits alone (its lookup 404s any other value): an earlier `\\d+` route takes them all.
    """
    label, _, list_name = where.partition(": ")
    ours = re.compile(pattern)
    answered = tuple(
        Param(t.name, r"\d+") if isinstance(t, Param) and t.name in digits and not t.regex else t
        for t in tokens
    )
    our_samples = sample_paths(answered)
    low, high = first, len(entries)
    hider: RouteSlot | None = None  # the first entry matching every path of the new route
    hidden: RouteSlot | None = None  # the last one whose paths the new route would all match
    for entry in entries:
        if entry.pattern == pattern:
            served = f" ({entry.named.class_name} serves it)" if entry.named.class_name else ""
            raise ConflictError(
                f'{label}:{line_of(pattern)}: {list_name} already has the route r"{pattern}"'
                f"{served}; remove it or change the route"
            )
        if entry.is_include or entry.regex is None:
            continue
        if _hides(entry.regex, our_samples) and entry.index < high:
            high, hider = entry.index, entry
        theirs = sample_paths(entry.tokens) if entry.tokens is not None else ()
        if _hides(ours, [path for path in theirs if entry.regex.search(path)]):
            low, hidden = max(low, entry.index + 1), entry
    fallback = crosses_slash(tokens)
    if fallback:  # a fallback: it takes no path from an entry above its hider
        for entry in entries:
            if not low <= entry.index < high or entry.is_include:
                continue
            if _is_spliced(entry) or (
                entry.regex is not None
                and entry.tokens is not None
                and shares_a_path(ours, tokens, entry.regex, entry.tokens)
            ):  # what a spliced list holds is not read here
                low = entry.index + 1
    if low > high:
        if hider is None or hidden is None:  # below the lowest index allowed
            raise PatchError(f'{label}: the route r"{pattern}" fits nowhere in {list_name}')
        if hider is hidden:
            raise PatchError(
                f'{label}:{line_of(hider.pattern or "")}: the route r"{pattern}" and '
                f'r"{hider.pattern}" here match the same paths, so one would never be reached; '
                "change the route, or remove that one first"
            )
        raise PatchError(
            f'{label}:{line_of(hider.pattern or "")}: the route r"{pattern}" fits nowhere in '
            f'{list_name}: r"{hider.pattern}" here matches every path of it, and it would match '
            f'every path of r"{hidden.pattern}" (line {line_of(hidden.pattern or "")}) after '
            "that; change the route"
        )
    if tokens == ():  # an included list's index route (`^$`) opens it, as Sentry writes it
        return low
    entries = alternatives_read(entries, tokens)  # `(?:notes|comments)/`: kin of `comments/`
    best_index, best_score = len(entries), 0
    our_segments = segments(tokens)
    scores: list[tuple[RouteSlot, int]] = []
    for entry in entries:
        if not entry.is_include and entry.tokens is not None:
            score = shared_segments(our_segments, segments(entry.tokens))
            scores.append((entry, score))
            if score and score >= best_score:
                best_index, best_score = entry.index + 1, score
    if best_score:  # among them, beside the ones spelled most like ours (`events-facets-...`)
        group = [e for e, score in scores if score == best_score]
        best_index = alphabetical(tokens, same_start(tokens, group, more=2) or group)
        opening = _opening(our_segments, group)
        best_index = (
            opening if opening is not None else _after_its_index(tokens, entries) or best_index
        )
    else:  # no whole segment shared: beside the routes and includes starting as ours does
        kin = same_start(tokens, [e for e in entries if not _is_root(e)])
        best_index = alphabetical(tokens, kin) if kin else best_index
    best_index = _by_names(new, tokens, entries, best_index, best_score, scores)
    position = min(max(best_index, low), high)
    if best_score == 0:  # stay above the API root route(s) ending the list
        while position - 1 >= low and _is_root(entries[position - 1]):
            position -= 1
    spliced = len(entries)  # the lists spliced in at the end (`*other.urls`) stay last
    while not fallback and spliced > low and _is_spliced(entries[spliced - 1]):
        spliced -= 1
    return min(position, spliced)


def _hides(regex: re.Pattern[str], samples: Sequence[str]) -> bool:
    """`regex` matches every sample path of a route: placed before it, it would hide it. One
    it misses (`projects/(?P<project_id>\\d+)/` and a path whose slug is a letter) shows some
    paths get through: Sentry keeps such routes beside their kin after a legacy redirect."""
    return bool(samples) and all(regex.search(path) for path in samples)


def _by_names(
    new: Named,
    tokens: tuple[Token, ...],
    entries: list[RouteSlot],
    position: int,
    best_score: int,
    scores: list[tuple[RouteSlot, int]],
) -> int:
    """Where the names put the route, else `position`: among the routes of its class, module or
    feature package (in their alphabetical order), else right after the entry of its path group
    whose names it shares most (`OrganizationDeriveCodeMappingsEndpoint` after code mappings)."""
    routes = [entry for entry, _ in scores]
    kin = module_kin(new, routes) or package_kin(new, routes)
    if kin:
        return alphabetical(tokens, kin)
    group = [entry for entry, score in scores if score == best_score]
    nearest = word_kin(new, tokens, group, position)
    return _past_its_block(tokens, entries, nearest.index + 1) if nearest else position


def _past_its_block(tokens: tuple[Token, ...], entries: list[RouteSlot], position: int) -> int:
    """`position`, or past the entries there that share more of their path with the one before
    them than the new route does: a route kin by name (`widget-things/` to
    `dashboards/widgets/`) goes after the `dashboards/` block, not into it."""
    ours = segments(tokens)
    while 0 < position < len(entries):
        before, after = entries[position - 1], entries[position]
        if before.tokens is None or after.tokens is None or before.is_include or after.is_include:
            break
        theirs = segments(before.tokens)
        if shared_segments(theirs, segments(after.tokens)) <= shared_segments(ours, theirs):
            break
        position += 1
    return position


def _after_its_index(tokens: tuple[Token, ...], entries: list[RouteSlot]) -> int | None:
    """Right after its index route: `x/{id}/` after `x/`, and `{id}/` after the list's own
    index route `^$`, the way Sentry pairs them."""
    if len(tokens) < 2 or not isinstance(tokens[-2], Param) or tokens[-1] != "/":
        return None
    index_route = _named(tokens[:-2])
    found = (
        e.index + 1
        for e in entries
        if e.tokens is not None and not e.is_include and _named(e.tokens) == index_route
    )
    return next(found, None)


def _opening(ours: Sequence[tuple[str, ...]], group: list[RouteSlot]) -> int | None:
    """Before the first of `group` when the new route's path starts every one of theirs (the
    object's own route, `{org}/{team}/`, opens the routes below it, whatever their order; it
    comes before "right after its index route"); else None."""
    below = [e for e in group if len(segments(e.tokens or ())) > len(ours)]
    if len(group) < 2 or len(below) < len(group):
        return None
    if any(shared_segments(ours, segments(e.tokens or ())) < len(ours) - 1 for e in group):
        return None
    return min(e.index for e in group)


def _named(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """Tokens with parameters compared by name only."""
    return tuple(Param(t.name) if isinstance(t, Param) else t for t in tokens)


def _is_spliced(entry: RouteSlot) -> bool:
    """An item that is no route read here: `*preprod_urls.preprod_urlpatterns`."""
    return entry.pattern is None and not entry.is_include


def _is_root(entry: RouteSlot) -> bool:
    """The API index route `^$`, which Sentry keeps beside the catch-all, under one comment."""
    return not entry.is_include and entry.tokens == ()
