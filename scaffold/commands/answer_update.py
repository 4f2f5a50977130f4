"""The kept whole-tree answer after an edit of a few files, without checking the whole tree:
edited leaf modules are checked in PATHS mode and merged in (`check/update.py`); an edited file
the last run never asked about (its class headers aside), whose class headers, import aliases
and URL markers are the same, changes nothing. Anything else: None, and the whole tree is
checked. The answer's basis is kept beside it, in the answer file."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from scaffold.check.basis import Basis, Leaf
from scaffold.commands.cache_files import RACY_NS

if TYPE_CHECKING:
    from scaffold.check.problems import CheckResult
    from scaffold.commands.fact_cache import FactCache
    from scaffold.pysource.tree import SourceFile

_AT_MOST = 4  # changed files an update takes; more are checked as a whole


class Updater:
    """`part(sources, routes)`: a PATHS-mode check of edited leaf modules and of the routes (as
    indexes into the walk) a whole run found serving them; `facts()`: the fact cache, which
    holds what the last run read from each file's headers."""

    def __init__(
        self,
        part: Callable[[list[SourceFile], frozenset[int]], CheckResult],
        facts: Callable[[], FactCache],
    ) -> None:
        self.part, self.facts = part, facts

    def updated(
        self,
        old: CheckResult,
        before: object,
        now: str,
        files: list[SourceFile],
        keys: dict[str, tuple[int, int]],
    ) -> CheckResult | None:
        """`old`, the answer for the state `before`, updated for the state `now` of `files`
        (their state lines, `answer_cache.tree_state`; `keys`: their keys now)."""
        from scaffold.check.update import updated

        lines, current = before.split("\n") if isinstance(before, str) else [], now.split("\n")
        basis = old.basis
        if basis is None or len(lines) != len(current) or len(current) != len(files):
            return None
        changed = [i for i, (a, b) in enumerate(zip(lines, current, strict=True)) if a != b]
        if not changed or len(changed) > _AT_MOST:
            return None
        if any(lines[i].partition("\t")[0] != files[i].relpath for i in changed):
            return None  # another file at that place: files came and went
        leaves = [files[i] for i in changed if files[i].module in basis.leaves]
        others = [files[i] for i in changed if files[i].module not in basis.leaves]
        if any(source.module in basis.consulted for source in others):
            return None  # a file the last run read: anything may follow from it
        if not self._same_headers([(files[i], lines[i]) for i in changed], keys):
            return None  # the candidate modules, found from headers, may differ
        if not leaves:
            return old
        routes = frozenset(i for s in leaves for i in basis.leaves[s.module].routes)
        return updated(old, self.part(leaves, routes), {s.module: s.relpath for s in leaves})

    def _same_headers(
        self, changed: list[tuple[SourceFile, str]], keys: dict[str, tuple[int, int]]
    ) -> bool:
        """Whether each file reads as the same class headers, `as` aliases and URL markers as
        the fact cache kept under its key before (what decides the candidate modules); their
        new headers are kept."""
        from scaffold.commands.fact_cache import file_headers, same_headers
        from scaffold.pysource.tree import read_bytes

        cache = self.facts()
        for source, line in changed:
            _, _, known = line.partition("\t")
            entry = cache.entries.get(source.relpath)
            if not isinstance(entry, list) or len(entry) < 5:
                return False
            if known != f"{entry[1]}\t{entry[0]}":  # the cache holds the file as it was then
                return False
            try:
                headers = file_headers(read_bytes(source.path))
            except OSError:
                return False
            if not same_headers(entry, headers) or entry[4] != list(headers[2]):
                return False
            key = keys.get(source.relpath)
            if key is not None and key[0] <= time.time_ns() - RACY_NS:  # as `finish` keeps
                cache.store(source, key, headers)
        cache.save()
        return True


def encode_basis(basis: Basis) -> dict[str, Any]:
    return {
        "leaves": {
            m: [leaf.relpath, leaf.shape, leaf.concrete, list(leaf.routes)]
            for m, leaf in basis.leaves.items()
        },
        "walk_size": basis.walk_size,
        "producers": [
            [relpath, what, sorted(by), alike]
            for (relpath, what), (by, alike) in basis.producers.items()
        ],
        "consulted": sorted(basis.consulted),
    }


def decode_basis(kept: dict[str, Any]) -> Basis | None:
    """The kept basis, or None when any part of it is not what `encode_basis` writes."""
    leaves, producers = kept.get("leaves"), kept.get("producers")
    consulted, walk_size = kept.get("consulted"), kept.get("walk_size")
    if not isinstance(leaves, dict) or not isinstance(producers, list):
        return None
    if type(walk_size) is not int:
        return None
    if not isinstance(consulted, list) or not all(type(m) is str for m in consulted):
        return None
    if not all(
        shaped(leaf, (str, str, int, list)) and all(type(i) is int for i in leaf[3])
        for leaf in leaves.values()
    ):
        return None
    if not all(
        shaped(p, (str, str, list, bool)) and all(type(m) is str for m in p[2]) for p in producers
    ):
        return None
    return Basis(
        {
            module: Leaf(r, shape, n, tuple(routes))
            for module, (r, shape, n, routes) in leaves.items()
        },
        {(p[0], p[1]): (frozenset(p[2]), p[3]) for p in producers},
        frozenset(consulted),
        walk_size,
    )


def shaped(value: object, types: tuple[type, ...]) -> bool:
    """A list of exactly these types, item by item (a kept value as `encode` wrote it)."""
    return (
        isinstance(value, list)
        and len(value) == len(types)
        and all(type(item) is kind for item, kind in zip(value, types, strict=True))
    )
