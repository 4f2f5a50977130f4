"""What a base class's name says: the silo it is meant for, and the words it is named for (the
choice among bases taking a route's parameters alike)."""

from __future__ import annotations

import re

from scaffold.naming import words_of

_SILO_PREFIXES = ("ControlSilo", "RegionSilo", "CellSilo", "AllSilo", "MonolithSilo")


def silo_named(name: str, others: set[str]) -> tuple[str, bool] | None:
    """The silo prefix a base is named with, and whether it is a bare word: `RegionSilo` of
    `RegionSiloUserEndpoint` (False), and of `RegionSentryAppBaseEndpoint` when
    `SentryAppBaseEndpoint` is another base (True: a variant of that one alone)."""
    for prefix in _SILO_PREFIXES:
        if name.startswith(prefix):
            return prefix, False
        word = prefix.removesuffix("Silo")
        if name.startswith(word) and name[len(word) :] in others:
            return prefix, True
    return None


def silo_prefix(silo: str) -> str:
    """`control` -> `ControlSilo`: how bases specialised for one silo are named."""
    return f"{silo.capitalize()}Silo"


def route_words(segments: list[str]) -> frozenset[str]:
    """The words of a route's literal segments, singular (`releases`, `event-stats`: release,
    event, stat), to compare with a base's name; a version (`v2`) is none."""
    words = (w for s in segments for w in re.split(r"[-_]", s) if w and not _VERSION.match(w))
    return frozenset(w.removesuffix("s") for w in words)


_VERSION = re.compile(r"^v\d+$")  # `v2` of `scim/v2/`: names an API's version, not a resource


def name_words(name: str) -> frozenset[str]:
    """A base's words, singular, without the ones every base shares."""
    words = {w.removesuffix("s") for w in words_of(name)}
    return frozenset(words - {"endpoint", "base", "silo", "control", "region", "cell"})
