"""Placement by names: the entries a new route belongs beside in a list grouped by feature.

Sentry's newer lists are grouped by feature rather than sorted (`OrganizationEventsSpans...`
endpoints together, a rule's snooze beside the rule), so where the route's path says little the
names say more: the module the class comes from, and the words its class name, route and module
share with an entry's.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from scaffold.records import record
from scaffold.routes import Token

if TYPE_CHECKING:
    from scaffold.urls.place import RouteSlot

# How much rarer-than-common wording two entries must share (sum of log inverse frequencies over
# the entries sharing the route's path), and how many times more than the route's own
# neighbours share, before names overrule the path: measured by leave-one-out on four Sentry
# trees of 2017-2023 (bench/README.md, "Placement fidelity").
_WORDS_NEEDED = 4.0
_WORDS_OVER_NEIGHBOURS = 2.0
_MODULE_KIN_AT_MOST = 2  # a module with more routes in the list is a package, not a feature


@record
class Named:
    """What names an endpoint entry: its view class, the module the class comes from, its URL
    name (each None when unknown)."""

    class_name: str | None = None
    module: str | None = None
    url_name: str | None = None


UNNAMED = Named()


def module_kin(new: Named, entries: list[RouteSlot]) -> list[RouteSlot]:
    """The routes of the same class (a second route goes beside the first), else of the classes
    imported from the new class's module when it holds one or two of them."""
    routes = [e for e in entries if not e.is_include and e.tokens is not None]
    same_class = [e for e in routes if new.class_name and e.named.class_name == new.class_name]
    if same_class:
        return same_class
    same_module = [e for e in routes if new.module and e.named.module == new.module]
    return same_module if len(same_module) <= _MODULE_KIN_AT_MOST else []


def package_kin(new: Named, entries: list[RouteSlot]) -> list[RouteSlot]:
    """The routes of classes from the new class's package, when it is not the package most of
    the list's classes come from and its routes stand together in the list, nothing between
    them: a feature package (`sentry.replays.endpoints`, `sentry.discover.endpoints`) whose
    routes came as one block. A package whose routes are spread out (classes moved into it
    later, from wherever their routes already were) says nothing about the place."""
    package = (new.module or "").rpartition(".")[0]
    routes = [e for e in entries if not e.is_include and e.tokens is not None and e.named.module]
    packages = Counter((e.named.module or "").rpartition(".")[0] for e in routes)
    if not package or not packages or packages.most_common(1)[0][0] == package:
        return []
    kin = [e for e in routes if (e.named.module or "").rpartition(".")[0] == package]
    indexes = sorted(e.index for e in kin)
    return kin if kin and indexes[-1] - indexes[0] + 1 == len(indexes) else []


def word_kin(
    new: Named, tokens: tuple[Token, ...], group: list[RouteSlot], position: int
) -> RouteSlot | None:
    """The entry of `group` (the entries sharing the most path segments with the new route)
    whose words the new endpoint shares most, weighted by rarity in the group, when that is
    enough and clearly more than the entries around `position` (the place the path chose)."""
    if not group:
        return None
    ours = _words(new, tokens)
    theirs = {entry.index: _words(entry.named, entry.tokens or ()) for entry in group}
    counts = Counter(word for words in theirs.values() for word in words)

    def shared(entry: RouteSlot) -> float:
        common = ours & theirs[entry.index]
        return sum(math.log((len(group) + 1) / (counts[word] + 1)) for word in common)

    best = max(group, key=lambda entry: (shared(entry), entry.index))
    score = shared(best)
    around = [shared(e) for e in group if e.index in (position - 1, position)]
    if score < _WORDS_NEEDED or score <= _WORDS_OVER_NEIGHBOURS * max(around, default=0.0):
        return None
    return best


@lru_cache(maxsize=8192)  # a list's entries are asked again for every route added to it
def _words(named: Named, tokens: tuple[Token, ...]) -> frozenset[str]:
    """The words of a class name (`Endpoint` aside), of a route's literal text and of the last
    part of a module path, lower case and singular: `OrganizationPinnedSearchEndpoint`,
    `pinned-searches/` and `organization_pinned_searches` all give organization, pinned, search."""
    words: list[str] = []
    if named.class_name:
        stem = re.sub(r"Endpoint(V\d+)?$", "", named.class_name)
        words += re.findall(r"[A-Z]+(?=[A-Z][a-z]|$|\d)|[A-Z]?[a-z0-9]+|[A-Z]+s?", stem)
    words += re.split(r"[^A-Za-z0-9]+", "".join(t for t in tokens if isinstance(t, str)))
    if named.module:
        words += re.split(r"[._]", named.module.rpartition(".")[2])
    return frozenset(_singular(word) for word in words if word)


def _singular(word: str) -> str:
    word = word.lower()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(ch|sh|x|ss)es$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word
