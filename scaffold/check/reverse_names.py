"""duplicate-route-name: two routes under one URL name that Django's `reverse()` cannot tell
apart.

`reverse(name, kwargs=...)` tries every route of that name and returns one whose parameters
are exactly the keyword arguments given and whose groups accept their values (the one defined
last, when several do: an earlier route whose every value a later one accepts is lost, be its
groups spelled alike or not, `\\d+` before `[^/]+`). Routes of one name taking different
parameters are each reached (`project-filters` for a list at `{org}/{project}/filters/` and its
details at `.../filters/{filter_id}/`, as Django documents and Sentry's own tests rely on).
A route Django cannot reverse at all (`|` outside a capturing group: Django's reverse gives up
on alternation) loses nothing to a shared name; and where the parameters are not one fixed set
(an optional group, unnamed groups, a pattern built by code), or where anything outside the
groups is not plain text (`\\b`, a character class: reverse() may build a path the pattern
refuses), no finding is made. Names are compared within a namespace (`include(...,
namespace="x")` makes `x:name`), and not at all under a namespace that is not a literal. A
namespace given to two includes is reversed through the first alone, so the later route
reported there is lost all the more.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from scaffold.check.language import includes
from scaffold.check.problems import Problem
from scaffold.check.regex_read import Unsupported
from scaffold.pysource.route_entry import RouteEntry


def duplicate_route_name(routes: list[RouteEntry]) -> Iterable[Problem]:
    seen: dict[tuple[object, ...], list[RouteEntry]] = {}
    for route in routes:
        if route.name is None or route.is_include or route.namespaces is None:
            continue
        parameters = reverse_parameters(route)
        if parameters is None:
            continue
        earlier_ones = seen.setdefault((route.namespaces, route.name, parameters), [])
        earlier = lost_to(route, earlier_ones)
        earlier_ones.append(route)
        if earlier is None:
            continue
        taking = ", ".join(sorted(parameters)) or "no arguments"
        fix = route.copy_advice(earlier) or "rename this one"
        yield Problem(
            route.relpath,
            route.line,
            "duplicate-route-name",
            route.name,
            f"name {route.name!r} is also used at {earlier.relpath}:{earlier.line} for a "
            f"route taking the same arguments ({taking}); reverse() returns only one of "
            f"them, {fix}",
            route.end_line,
        )


def lost_to(route: RouteEntry, earlier_ones: list[RouteEntry]) -> RouteEntry | None:
    """The first earlier route of the same name and arguments that `reverse()` never returns
    because of `route`: Django tries the route defined last first, and takes it whenever its
    groups accept the values given. So an earlier route is lost when each of `route`'s groups
    accepts every value of that group of the earlier one (the same spelling, or a language
    that holds the other's: `[^/]+` holds `\\d+`); one with values `route` refuses (`\\d+`
    before `[^/]+`) is still reached by them."""
    ours = _spelled(route)
    for earlier in earlier_ones:
        if (earlier.relpath, earlier.line) == (route.relpath, route.line):
            continue
        theirs = _spelled(earlier)
        if theirs == ours or _holds(ours, theirs):
            return earlier
    return None


def _spelled(route: RouteEntry) -> tuple[str, ...]:
    """Each named group as `name=body` (`[^\\/]` read as `[^/]`), outermost pattern first."""
    return tuple(body for text in [*route.prefixes, route.regex] for body in _bodies(text))


def _holds(ours: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    """Every value each group of `theirs` accepts, the same group of `ours` accepts too
    (False when a name is used twice or a body cannot be read as a regular language: no
    finding is made from it)."""
    wider = dict(body.split("=", 1) for body in ours)
    narrower = dict(body.split("=", 1) for body in theirs)
    if len(wider) != len(ours) or len(narrower) != len(theirs) or wider.keys() != narrower.keys():
        return False
    try:
        return all(
            narrower[name] == body or _accepts_all(body, narrower[name])
            for name, body in wider.items()
        )
    except Unsupported:
        return False


def _accepts_all(wider: str, narrower: str) -> bool:
    return includes((f"^(?:{wider})$",), (f"^(?:{narrower})$",))


def reverse_parameters(route: RouteEntry) -> frozenset[str] | None:
    """The keyword arguments `reverse()` needs for the route, when they are one fixed set and
    Django can reverse the route at all; else None (also for a route passing extra keyword
    arguments: `reverse()` takes those as defaults to match, another set)."""
    if route.extra != ():
        return None
    texts = [*route.prefixes, route.regex]
    if any(text is None for text in texts):
        return None
    named = 0
    for text in texts:
        shape = _shape(text or "")
        if shape is None:
            return None
        named += shape
    if named != len(route.groups):
        return None  # an unnamed group, or a group read differently: not a fixed set
    return frozenset(route.groups)


def never_reversed(route: RouteEntry) -> bool:
    """Whether Django's `reverse()` can never build the route: a `|` outside every capturing
    group of its pattern or of an include prefix (`^(?:issues|groups)/`), where Django's
    reverse gives up and finds no path taking arguments."""
    return any(_alternatives_outside(text) for text in (*route.prefixes, route.regex) if text)


def _alternatives_outside(regex: str) -> bool:
    depth, stack, position = 0, list[bool](), 0  # per open group: does it capture
    while position < len(regex):
        char = regex[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            position = _class_end(regex, position)
            continue
        if char == "(":
            captures = not regex.startswith("(?", position) or regex.startswith("(?P<", position)
            stack.append(captures)
            depth += captures
        elif char == ")" and stack:
            depth -= stack.pop()
        elif char == "|" and depth == 0:
            return True
        position += 1
    return False


def _shape(regex: str) -> int | None:
    """How many named groups the pattern has, read as Django's reverse reads it; None when it
    cannot reverse it (`|` outside a capturing group) or the groups are not fixed (an unnamed
    capturing group, a quantified group, an anchor `$` before more pattern)."""
    named = 0
    depth = 0  # inside a capturing group: Django skips its content
    stack: list[bool] = []  # per open group: does it capture
    position = 0
    while position < len(regex):
        char = regex[position]
        if char == "\\":
            if depth == 0 and not _plain_escape(regex, position):
                return None  # `\d`, `\b`, `\A`: reverse() may build a path the pattern refuses
            position += 2
            continue
        if char == "[":
            if depth == 0:
                return None  # reverse() writes one character of it, maybe one it refuses
            position = _class_end(regex, position)
            continue
        if char == "(":
            captures = not regex.startswith("(?", position) or regex.startswith("(?P<", position)
            if regex.startswith("(?P<", position):
                named += depth == 0
            elif captures and depth == 0:
                return None  # an unnamed group: positional arguments
            elif regex.startswith(("(?=", "(?!", "(?<=", "(?<!", "(?#"), position):
                return None  # look-arounds and comments: not read here
            stack.append(captures)
            depth += captures
        elif char == ")" and stack:
            depth -= stack.pop()
            if regex[position + 1 : position + 2] in ("?", "*", "+", "{") and depth == 0:
                return None  # a quantified group: several sets of arguments
        elif char == "|" and depth == 0:
            return None
        elif char == "$" and position < len(regex) - 1:
            return None  # Django's reverse stops at the anchor: the groups after it are not its
        elif depth == 0 and not _plain_outside(regex, position):
            return None  # a class, a wildcard, a quantifier or `\b` outside the groups
        position += 1
    return named if not stack else None


def _plain_escape(regex: str, position: int) -> bool:
    """An escaped character outside the groups stands for itself (`\\/`, `\\.`), or is `\\Z`
    ending the pattern."""
    escaped = regex[position + 1 : position + 2]
    return not escaped.isalnum() or (escaped == "Z" and position + 2 == len(regex))


def _plain_outside(regex: str, position: int) -> bool:
    """A character outside the groups that reverse() writes as itself: not a wildcard or a
    quantifier (`^` only first; `?` only opening a group)."""
    char = regex[position]
    if char == "^":
        return position == 0
    if char == "?":
        return regex[position - 1 : position] == "("
    return char not in ".*+{"


def _bodies(regex: str | None) -> list[str]:
    """The text of each named group of `regex`, with its name: `(?P<x>[0-9]+)` -> `x=[0-9]+`."""
    found = []
    for match in re.finditer(r"\(\?P<(\w+)>", regex or ""):
        depth, position = 1, match.end()
        while position < len(regex or "") and depth:
            char = (regex or "")[position]
            if char == "\\":
                position += 2
                continue
            if char == "[":
                position = _class_end(regex or "", position)
                continue
            depth += {"(": 1, ")": -1}.get(char, 0)
            position += 1
        body = (regex or "")[match.end() : position - 1].replace("\\/", "/")  # `[^\/]` is `[^/]`
        found.append(f"{match.group(1)}={body}")
    return found


def _class_end(regex: str, start: int) -> int:
    """The position after the character class opening at `start`."""
    position = start + 1
    if regex[position : position + 1] == "^":
        position += 1
    if regex[position : position + 1] == "]":
        position += 1
    while position < len(regex) and regex[position] != "]":
        position += 2 if regex[position] == "\\" else 1
    return position + 1
