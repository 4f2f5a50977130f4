"""Placement of the endpoints a codebase really added: replays, on an older snapshot, the route
entries a later snapshot of the same codebase has and the older one lacks; prints figures, never
asserts.

The leave-one-out of `bench_fidelity.py` asks scaffold to put an entry back among entries that
were, in part, written after it: in a list appended to in date order, the original place of an
entry in its middle is the date its feature came, which nothing in the tree says. This bench
asks what a user asks: with the codebase as it was (OLD), add an endpoint its engineers added
later (found in NEW), and compare with where they put it. The place they chose is the gap of OLD's
list between the entries NEW has just before and just after it that OLD has too; a run is "in
the gap" when scaffold's entry lands there, and "within N" when at most N of OLD's entries lie
between the two.

    python bench/bench_forward.py /tmp/real/s2023 /tmp/real/s2023nov [-v]

Each new entry is tried alone, on OLD's urls.py (nothing is written: the plan is built in
memory). A class OLD already has is registered as it is (`--skip`); a class it lacks is
generated, in NEW's module when OLD has its package but not the module, else where scaffold
puts a new module by default. Entries of a list OLD does not have are counted, not tried.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench.bench_fidelity import (
    Bench,
    Entry,
    Outcome,
    entries,
    imported_module,
    list_prefixes,
    normalised,
    route_text,
)
from scaffold.errors import ScaffoldError
from scaffold.naming import class_name_for
from scaffold.routes import Token
from scaffold.urls.index import UrlsIndex
from scaffold.write.plan import validate

Key = tuple[str, str]  # (pattern, class)


def _key(entry: Entry) -> Key:
    """An entry as both snapshots may spell it (`[^/]+` or `[^\\/]+`)."""
    tokens = normalised(entry.pattern)
    return (repr(tokens) if tokens is not None else entry.pattern, entry.class_name)


@dataclass
class Added:
    """One entry NEW has and OLD lacks, with the entries around it that both have."""

    entry: Entry
    route: str
    before: Key | None  # the nearest earlier entry of its list that OLD has too
    after: Key | None  # the nearest later one
    known_class: bool  # OLD routes the class already (a second route)


@dataclass
class Result:
    added: Added
    error: str | None = None
    same_list: bool = False
    distance: int | None = None  # OLD's entries between scaffold's entry and the gap
    placed_at: int | None = None
    end_distance: int | None = None  # the same, had it been put at its list's end
    other_list: str | None = None  # the list scaffold chose, when not the engineers'


def added_entries(
    old: list[Entry], new: list[Entry], new_prefixes: dict[str, tuple[Token, ...]]
) -> tuple[list[Added], Counter[str]]:
    """The entries NEW adds to lists OLD has, in NEW's order, and what was not tried, why."""
    old_keys = {_key(e) for e in old}
    old_lists: dict[str, set[Key]] = {}
    for e in old:
        old_lists.setdefault(e.list_id, set()).add(_key(e))
    old_classes = {e.class_name for e in old}
    by_list: dict[str, list[Entry]] = {}
    for e in new:
        by_list.setdefault(e.list_id, []).append(e)
    found, untried = [], Counter[str]()
    for list_id, seq in by_list.items():
        kept = old_lists.get(list_id)
        for i, e in enumerate(seq):
            if _key(e) in old_keys:
                continue
            if kept is None:
                untried["a list OLD does not have"] += 1
                continue
            prefix = new_prefixes.get(e.list_key)
            route = route_text(prefix, e.pattern) if prefix is not None else None
            if route is None:
                untried["a route the route syntax cannot write"] += 1
                continue
            before = next((_key(x) for x in reversed(seq[:i]) if _key(x) in kept), None)
            after = next((_key(x) for x in seq[i + 1 :] if _key(x) in kept), None)
            found.append(Added(e, route, before, after, e.class_name in old_classes))
    return found, untried


def module_to_write(src_root: Path, module: str | None) -> str | None:
    """NEW's module for a class OLD lacks, when OLD has that module's package but not the module
    (scaffold writes it there, as the engineers did); None where scaffold's default place is
    used instead: the module exists (it would be replaced), or its package does not."""
    if module is None:
        return None
    base = src_root.joinpath(*module.split("."))
    if base.with_suffix(".py").exists() or base.exists():
        return None
    return module if (base.parent / "__init__.py").is_file() else None


def run(bench: Bench, added: Added, new_source: str) -> Result:
    result = Result(added)
    e = added.entry
    raw: dict[str, Any] = {"name": e.class_name, "route": added.route, "methods": "get"}
    module = imported_module(bench.original, e.class_name, bench.package)
    if module is None:
        module = module_to_write(
            bench.settings.src_root, imported_module(new_source, e.class_name, bench.package)
        )
    if module is not None:
        raw["module"] = module
    try:
        plan, _base = bench.plan_advised(raw, e, Outcome(e))
        validate(plan)
    except ScaffoldError as exc:
        result.error = str(exc).splitlines()[0]
        return result
    after_text = next((c.after for c in plan.changes if c.path == bench.urls_path), None)
    if after_text is None:
        result.error = "bench: urls.py not changed"
        return result
    # scaffold names a new class `...Endpoint` (`OrganizationRelayUsage`: ...Endpoint)
    written = e.class_name if added.known_class else class_name_for(e.class_name)
    mine = (_key(e)[0], written)
    old_all, new_all = entries(bench.original), entries(after_text)
    patched = [x for x in new_all if x.list_id == e.list_id]
    placed = _added_at(patched, [x for x in old_all if x.list_id == e.list_id], mine)
    if placed is None:  # put in another list
        at = _added_at(new_all, old_all, mine)
        result.other_list = None if at is None else f"{new_all[at].list_id} {new_all[at].pattern}"
        return result
    result.same_list, result.placed_at = True, placed
    keys = [_key(x) for x in patched]
    low = keys.index(added.before) if added.before in keys else -1
    high = keys.index(added.after) if added.after in keys else len(keys)
    if low < placed < high:
        result.distance = 0
    else:
        result.distance = low - placed if placed < low else placed - high
    old = keys[:placed] + keys[placed + 1 :]
    result.end_distance = 0 if added.after not in old else len(old) - old.index(added.after)
    return result


def _added_at(found: list[Entry], before: list[Entry], key: Key) -> int | None:
    """Where in `found` the entry `key` is that `before` does not have."""
    had = Counter(_key(x) for x in before)
    seen = Counter[Key]()
    for i, x in enumerate(found):
        seen[_key(x)] += 1
        if _key(x) == key and seen[key] > had[key]:
            return i
    return None


def report(old: str, new: str, results: list[Result], untried: Counter[str]) -> None:
    n = len(results)

    def pct(count: int, of: int) -> str:
        return f"{count}/{of} ({100.0 * count / of:.1f}%)" if of else "0/0"

    ok = [r for r in results if r.error is None]
    placed = [r for r in ok if r.distance is not None]
    print(f"{old} -> {new}: {n} added entries tried; not tried: {dict(untried) or 0}")
    rows = [
        ("exit 0", pct(len(ok), n)),
        ("same list", pct(len(placed), n)),
        ("in the gap", pct(sum(r.distance == 0 for r in placed), n)),
        ("within 1 entry", pct(sum((r.distance or 0) <= 1 for r in placed), n)),
        ("within 3 entries", pct(sum((r.distance or 0) <= 3 for r in placed), n)),
        ("within 3, of exit 0", pct(sum((r.distance or 0) <= 3 for r in placed), len(ok))),
        ("within 3, at the list's end", pct(sum((r.end_distance or 0) <= 3 for r in placed), n)),
        ("of them, second routes", pct(sum(r.added.known_class for r in results), n)),
    ]
    for label, value in rows:
        print(f"  {label:24} {value}")
    for message, count in Counter(r.error for r in results if r.error).most_common(6):
        print(f"  error x{count}: {message[:100]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="one line per run")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix=f"fwd_{args.old.name}_"))
    try:
        bench = Bench(args.old.resolve(), folder, black=False)
        relative = bench.urls_path.relative_to(bench.copy)
        new_source = (args.new / relative).read_text()
        new_index = UrlsIndex(
            new_source,
            "urls.py",
            bench.settings.package,
            bench.settings.module_for(bench.urls_path),
        )
        added, untried = added_entries(
            entries(bench.original), entries(new_source), list_prefixes(new_index)
        )
        results = [run(bench, a, new_source) for a in added]
        if args.verbose:
            for r in results:
                e = r.added.entry
                what = r.error or (
                    f"distance {r.distance}" if r.same_list else f"in {r.other_list}"
                )
                print(f"  {e.class_name} {r.added.route} [{e.list_id}]: {what}")
        report(args.old.name, args.new.name, results, untried)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
