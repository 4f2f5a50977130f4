"""Recall of `scaffold check` on a real Sentry-shaped tree: plant faults, see them reported.

Copies TREE to a temporary directory, reads its routes and endpoints (through scaffold's own
reader), runs `scaffold check --format json` on the untouched copy, then plants one fault at a
time (each plant edits one urls module as plain text, the check runs, the file is put back) and
counts a fault found when a finding of the expected rule sits at the expected file and line.
Never asserts; always exits 0 once the copy could be read.

Kinds (bench/real_kinds.py), each planted only where a text edit touches one route alone (the
walk meets the entry once, and the call stands alone on its lines):

- unregistered: delete the only entry serving a concrete endpoint class (no endpoint subclasses
  it, no other `*urls.py` names it) -> unregistered-endpoint at the class.
- duplicate-name: set route B's literal `name=` to route A's (both unique before) ->
  duplicate-route-name at whichever comes later in Django's order.
- shadow: insert before E a copy of E serving another endpoint of that module, renamed ->
  unreachable-route at E.
- param: rename a named group of E's own pattern to `bench_renamed_<group>`, only when E's
  endpoint has no finding on the untouched tree (neither the class nor any of its routes) and
  the code proves the old name is needed: the first `convert_args` of the MRO takes it as a
  required parameter (Django calls it with the URL kwargs: TypeError), or a handler takes it as
  a required parameter while no `convert_args` of the chain names the string, rewrites a dict
  (`update`, `setdefault`, `**` in a dict) or lies outside the tree (nothing can put it back:
  TypeError). A handler's `**kwargs` does not help it: the required parameter is missing.
- non-endpoint: import into the API urls.py a class that provably has no `as_view` (no bases or
  `object`, Django models and enums, or in-tree classes built only on those; from a `.models`
  module) and route it -> unknown-view at the new entry.
- cross-list: before an include, insert a route (another endpoint) whose pattern is the
  include's prefix followed by an inner entry's pattern, so its full path equals that entry's ->
  unreachable-route at the inner entry.
- dead: put a `$` after the first top-level `/` of a pattern that has more after it ->
  dead-pattern at that route.

One fault per run: two plants in one copy could interfere (a deleted entry can be the one a
shadow copies, a renamed route can be the other half of a duplicate), so none are batched.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench.bench_new_endpoint import SCAFFOLD_HELP, Scaffold, default_scaffolds, parse_scaffold
from bench.real_kinds import KINDS, Plant, sample
from bench.real_sites import Finding, read_facts


def run_check(scaffold: Scaffold, root: Path) -> tuple[list[Finding], int | None, str]:
    """The findings, the count of unresolved (None: not reported) and an error ('' if none)."""
    result = subprocess.run(
        [*scaffold.command, "check", "--format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env=scaffold.environ(),
    )
    try:
        report: dict[str, Any] = json.loads(result.stdout)
    except json.JSONDecodeError:
        tail = (result.stderr.strip() or result.stdout.strip()).splitlines()[-1:]
        return [], None, f"exit {result.returncode}: {' '.join(tail)[:200]}"
    findings = [
        Finding(p["rule"], p["path"], int(p["line"]), str(p["symbol"]), str(p["message"]))
        for p in report.get("problems", [])
    ]
    unresolved = report.get("unresolved")
    count = len(unresolved) if isinstance(unresolved, list) else unresolved
    return findings, count if isinstance(count, int) else None, ""


def _found(plant: Plant, findings: list[Finding]) -> bool:
    expect = plant.expect
    return any(
        (f.rule, f.path, f.line) == (expect.rule, expect.path, expect.line) for f in findings
    )


def _new(findings: list[Finding], baseline: list[Finding]) -> list[Finding]:
    before = {(f.rule, f.path, f.symbol) for f in baseline}
    return [f for f in findings if (f.rule, f.path, f.symbol) not in before]


def _plant_and_check(
    scaffold: Scaffold, root: Path, plant: Plant, baseline: list[Finding]
) -> tuple[bool, str]:
    """Write the plant's files, check, put the files back; (found, what was seen instead)."""
    originals = [(relpath, (root / relpath).read_bytes()) for relpath, _ in plant.edits]
    try:
        for relpath, text in plant.edits:
            (root / relpath).write_text(text, encoding="utf-8")
        findings, _, error = run_check(scaffold, root)
    finally:
        for relpath, data in originals:
            (root / relpath).write_bytes(data)
    if error:
        return False, f"check failed: {error}"
    if _found(plant, findings):
        return True, ""
    seen = [f"{f.rule} {f.where()}" for f in _new(findings, baseline)[:3]]
    return False, "new findings: " + ("; ".join(seen) if seen else "none")


def _print_baseline(label: str, findings: list[Finding], unresolved: int | None) -> None:
    shown = "not reported" if unresolved is None else str(unresolved)
    print(f"[{label}] untouched tree: {len(findings)} findings; unresolved: {shown}")
    for f in sorted(findings, key=lambda f: (f.rule, f.path, f.line)):
        print(f"  {f.rule:<22} {f.where():<40} {f.message}")
    print()


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=(__doc__ or "").splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("tree", type=Path, help="a Sentry-shaped project root (copied, untouched)")
    parser.add_argument(
        "--seed", type=int, default=0, help="sampling seed (same seed, same plants)"
    )
    parser.add_argument("--per-kind", type=int, default=30, help="at most this many plants a kind")
    parser.add_argument("--kind", action="append", choices=sorted(KINDS), help="only these kinds")
    parser.add_argument("--scaffold", type=parse_scaffold, action="append", help=SCAFFOLD_HELP)
    parser.add_argument(
        "--quiet-baseline", action="store_true", help="count baseline findings only"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Copy the tree, plant each kind, print recall per kind and scaffold; returns 0."""
    options = _parse_args(argv)
    kinds = options.kind or list(KINDS)
    scaffolds = default_scaffolds(options.scaffold)
    with tempfile.TemporaryDirectory(prefix="scaffold-bench-real-") as scratch:
        root = Path(scratch) / options.tree.resolve().name
        shutil.copytree(options.tree, root, ignore=shutil.ignore_patterns(".git"), symlinks=True)
        baselines = {s.label: run_check(s, root) for s in scaffolds}
        first = baselines[scaffolds[0].label]
        if first[2]:
            print(f"check failed on the untouched tree: {first[2]}")
            return 0
        facts = read_facts(root, first[0])
        print(f"tree: {options.tree} ({len(facts.routes)} routes walked, "
              f"{len(facts.endpoints)} concrete endpoints); seed {options.seed}")  # fmt: skip
        for scaffold in scaffolds:
            print(f"scaffold {scaffold.label}: {scaffold.shown()}")
        print()
        for scaffold in scaffolds:
            findings, unresolved, error = baselines[scaffold.label]
            if error:
                print(f"[{scaffold.label}] check failed on the untouched tree: {error}\n")
            elif options.quiet_baseline:
                print(f"[{scaffold.label}] untouched tree: {len(findings)} findings\n")
            else:
                _print_baseline(scaffold.label, findings, unresolved)
        plants = {kind: sample(facts, kind, options.seed, options.per_kind) for kind in kinds}
        table: list[tuple[str, str, int, int, list[str]]] = []
        for kind in kinds:
            for scaffold in scaffolds:
                baseline = baselines[scaffold.label][0]
                misses = []
                for plant in plants[kind]:
                    found, seen = _plant_and_check(scaffold, root, plant, baseline)
                    if not found:
                        expect = plant.expect
                        misses.append(f"{expect.rule} at {expect.path}:{expect.line}  "
                                      f"[{plant.what}]  {seen}")  # fmt: skip
                table.append((kind, scaffold.label, len(plants[kind]), len(misses), misses))
    _print_recall(table)
    return 0


def _print_recall(table: list[tuple[str, str, int, int, list[str]]]) -> None:
    print(f"{'kind':<16}{'scaffold':<12}{'found/planted':>15}{'recall':>9}")
    for kind, label, planted, missed, _ in table:
        share = f"{100 * (planted - missed) / planted:.0f}%" if planted else "n/a"
        print(f"{kind:<16}{label:<12}{f'{planted - missed}/{planted}':>15}{share:>9}")
    for kind, label, _, _, misses in table:
        if misses:
            print(f"\nmisses, {kind} [{label}]:")
            for miss in misses:
                print(f"  {miss}")


if __name__ == "__main__":
    sys.exit(main())
