"""What pre-commit is told against what CI is told: `scaffold check PATHS` on a real tree.

Runs the whole-tree check once, then `check` on each endpoint module alone (a sample of
`--limit`, and every module holding a finding) and on `--groups` random groups of four (pre-commit
passes several changed files at once), in process and without caches. For each run, what it
reports must be what the whole tree reports for the same endpoints: the findings located in the
files, or naming a class they define (`param-mismatch` is reported at urls.py), without the
routing rules a PATHS run leaves to the whole tree (`duplicate-route-name`, `unreachable-route`).
A run given a urls.py or a base module checks the whole tree by design: it is counted as widened
and must report everything the whole tree does. Printed as figures, with every difference:

    .venv/bin/python bench/bench_paths_mode.py /tmp/real/s2023 --limit 400 --groups 60

Prints figures and exits 0; never asserts.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.problems import Problem
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from scaffold.pysource.candidates import candidate_modules
from scaffold.pysource.classes import Resolver, concrete_endpoints, find_endpoints
from scaffold.pysource.tree import Tree

ROUTING = frozenset({"duplicate-route-name", "unreachable-route"})
Key = tuple[str, str, int, str]


def key(problem: Problem) -> Key:
    return (problem.rule, problem.path, problem.line, problem.message)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("--limit", type=int, default=200, help="modules checked one by one")
    parser.add_argument("--groups", type=int, default=40, help="random groups of four modules")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    settings = load_settings(args.tree)
    config = load_check_config(settings.project_root, settings.check_options, None, [], None)
    whole = run_check(settings, config, None)
    everything = {key(p) for p in whole.problems}
    judged = {k for k in everything if k[0] not in ROUTING}
    tree = Tree(settings.project_root, settings.src_root, config.exclude)
    resolver = Resolver(tree, settings.endpoint_root)
    found = find_endpoints(resolver, candidate_modules(tree, tree.files()))
    endpoints = concrete_endpoints(found)  # the modules of bases widen to the whole tree
    modules = sorted({e.dotted.rpartition(".")[0] for e in endpoints})
    files = {m: Path(source.path) for m in modules if (source := tree.file_for(m)) is not None}

    def expected(paths: list[Path]) -> set[Key]:
        wanted: set[Key] = set()
        for path in paths:
            relpath = str(Path(path).resolve().relative_to(settings.project_root.resolve()))
            source = tree.source_file(Path(path).resolve())
            info = tree.info(source.module) if source is not None else None
            names = set(info.classes) if info else set()
            wanted |= {k for k in judged if k[1] == relpath or k[3].split(":")[0] in names}
        return wanted

    def compare(paths: list[Path]) -> str:
        """'same', 'widened' or 'differs' (with the difference printed)."""
        got = {key(p) for p in run_check(settings, config, paths).problems}
        want = expected(paths)
        if got == want:
            return "same"
        if got in (everything, judged):  # a base module or urls.py among them: the whole tree
            return "widened"
        print("DIFF", " ".join(str(Path(p).relative_to(settings.project_root)) for p in paths))
        for k in sorted(got - want):
            print("   only the PATHS run:", k)
        for k in sorted(want - got):
            print("   only the whole tree:", k)
        return "differs"

    rng = random.Random(args.seed)
    named = {k[3].split(":")[0] for k in judged}  # `Class: get() does not accept ...`
    flagged = {files[e.dotted.rpartition(".")[0]] for e in endpoints if e.name in named}
    flagged |= {settings.project_root / k[1] for k in judged} & set(files.values())
    sample = set(rng.sample(sorted(files.values()), min(args.limit, len(files))))
    singles = sorted(sample | flagged)
    one = [compare([Path(p)]) for p in singles]
    pool = sorted(files.values())
    groups = [
        compare([Path(p) for p in rng.sample(pool, min(4, len(pool)))]) for _ in range(args.groups)
    ]
    print(
        f"{args.tree.resolve().name}: whole tree {len(whole.problems)} findings "
        f"({whole.endpoints} endpoints, {whole.routes} routes), {len(files)} endpoint modules"
    )
    for label, results in (("one module", one), ("groups of four", groups)):
        print(
            f"{label}: {len(results)} runs, {results.count('same')} the same, "
            f"{results.count('widened')} widened to the whole tree, "
            f"{results.count('differs')} differing"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
