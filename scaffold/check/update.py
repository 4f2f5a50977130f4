"""A whole-tree answer updated after an edit of leaf modules (`basis.py`): the findings and
unresolved places the edited modules could reach are taken from a PATHS-mode check of them, the
rest from the answer kept before. The result is the one a whole run would give; where that is
not certain (a part widened, a shape changed, an unresolved place met differently), None, and
the caller runs the whole check."""

from __future__ import annotations

from scaffold.check.basis import Basis, Producers
from scaffold.check.problems import CheckResult
from scaffold.pysource.unresolved import Unresolved
from scaffold.records import evolve

# the rules a PATHS-mode run leaves out (check.run._ROUTING_RULES): their findings depend on the
# URL modules alone, which a leaf's edit leaves as they were
ROUTING_RULES = frozenset({"duplicate-route-name", "unreachable-route"})


def updated(old: CheckResult, part: CheckResult, changed: dict[str, str]) -> CheckResult | None:
    """`old` (a whole-tree answer with its basis) with the `changed` modules (module -> relpath)
    checked again in `part` (their PATHS-mode answer)."""
    basis, covered = old.basis, part.part
    if basis is None or covered is None or covered.marked or covered.shared:
        return None
    if covered.walk_size != basis.walk_size:  # not the walk the leaves' routes index
        return None
    for module, relpath in changed.items():
        leaf = basis.leaves.get(module)
        if leaf is None or leaf.relpath != relpath or covered.shapes.get(module) != leaf.shape:
            return None
    relpaths, modules = set(changed.values()), set(changed)
    problems = {
        p
        for p in old.problems
        if p.path not in relpaths
        and ((p.path, p.line) not in covered.routes or p.rule in ROUTING_RULES)
    }
    unresolved = _unresolved(old.unresolved, basis.producers, relpaths, modules)
    if unresolved is None:
        return None
    kept = {(u.relpath, u.what): u for u in unresolved}
    for found in part.unresolved:
        other = kept.get((found.relpath, found.what))
        if other is not None and other != found:
            return None  # met differently: which one a whole run keeps depends on route order
    leaves = dict(basis.leaves)
    for module in modules:
        leaf = leaves[module]
        leaves[module] = evolve(leaf, concrete=covered.concrete.get(module, 0))
    endpoints = old.endpoints - sum(basis.leaves[m].concrete for m in modules)
    return CheckResult(
        sorted(problems | set(part.problems)),
        endpoints + sum(covered.concrete.values()),
        old.routes,
        sorted(set(unresolved) | set(part.unresolved)),
        basis=Basis(
            leaves,
            _producers(basis.producers, covered.producers, modules),
            basis.consulted | covered.consulted,
            basis.walk_size,
        ),
    )


def _unresolved(
    found: list[Unresolved], producers: Producers, relpaths: set[str], modules: set[str]
) -> list[Unresolved] | None:
    """The unresolved places that stay whatever the changed modules now meet: not in their
    files, and met by some other module's endpoint too (alike, or no answer is certain)."""
    kept = []
    for each in found:
        if each.relpath in relpaths:
            continue
        by, alike = producers.get((each.relpath, each.what), (frozenset(), True))
        if by & modules:
            if not alike:
                return None
            if by <= modules:
                continue
        kept.append(each)
    return kept


def _producers(old: Producers, new: Producers, modules: set[str]) -> Producers:
    merged = {key: (by - modules, alike) for key, (by, alike) in old.items() if by - modules}
    for key, (by, alike) in new.items():
        before, alike_before = merged.get(key, (frozenset(), True))
        merged[key] = (before | by, alike and alike_before)
    return merged
