"""What parsing a tree's candidate modules costs: the largest part of a `scaffold check` with no
cache (issue 9). Times, round by round, scaffold's skeleton cut (`pysource.module_skeleton.skeleton`),
CPython's `ast` on the skeletons (what a cold check parses), `ast` on the whole modules, and
tree-sitter on the whole modules when `tree_sitter` and `tree_sitter_python` are importable
(they are not scaffold's dependencies: a candidate native parser, measured before anyone builds
on it). Prints medians and minimums in ms; never asserts.

    python bench/bench_parsers.py /tmp/real/s2023 [--rounds 7]
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from scaffold.project.settings import load_settings
from scaffold.pysource.candidates import candidate_modules
from scaffold.pysource.module_skeleton import skeleton
from scaffold.pysource.tree import Tree


def _parse_all(texts: list[bytes]) -> None:
    for text in texts:
        with contextlib.suppress(SyntaxError, ValueError):
            ast.parse(text)


def _cut_all(texts: list[bytes]) -> None:
    for text in texts:
        skeleton(text)


def _tree_sitter() -> Callable[[list[bytes]], None] | None:
    try:
        import tree_sitter_python  # type: ignore[import-not-found]
        from tree_sitter import Language, Parser  # type: ignore[import-not-found]
    except ImportError:
        return None
    parser = Parser(Language(tree_sitter_python.language()))

    def parse_all(texts: list[bytes]) -> None:
        for text in texts:
            parser.parse(text)

    return parse_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    settings = load_settings(args.tree)
    tree = Tree(settings.project_root, settings.src_root)
    files = tree.files()
    by_module = {source.module: source for source in files}
    datas = [Path(by_module[m].path).read_bytes() for m in candidate_modules(tree, files)]
    skeletons = [skeleton(data) for data in datas]
    rows: dict[str, Callable[[], None]] = {
        "skeleton cut": lambda: _cut_all(datas),
        "ast on skeletons": lambda: _parse_all(skeletons),
        "ast on whole modules": lambda: _parse_all(datas),
    }
    sitter = _tree_sitter()
    if sitter is not None:
        rows["tree-sitter on whole modules"] = lambda: sitter(datas)
    times: dict[str, list[float]] = {name: [] for name in rows}
    for _ in range(args.rounds):
        for name, run in rows.items():
            start = time.perf_counter()
            run()
            times[name].append((time.perf_counter() - start) * 1000)
    kb = sum(map(len, datas)) // 1024
    print(
        f"{args.tree.name}: {len(datas)} candidate modules, {kb} KB whole, "
        f"{sum(map(len, skeletons)) // 1024} KB as skeletons; {args.rounds} rounds"
    )
    for name, values in times.items():
        print(f"  {name:30} median {statistics.median(values):6.0f} ms  min {min(values):6.0f} ms")
    if sitter is None:
        print("  tree-sitter: not installed (pip install tree-sitter tree-sitter-python)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
