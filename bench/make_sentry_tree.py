"""Write the Sentry-scale synthetic tree (5,000 Python files) to DIR, optionally with planted problems."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.support.sentry_plant import plant_problems
from tests.support.sentry_tree import build_tree, write_files


def main(argv: Sequence[str] | None = None) -> int:
    """Write the tree; with --plant, also print the findings `scaffold check` must report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dir", type=Path, help="where to write the tree (created if missing)")
    parser.add_argument("--plant", action="store_true", help="plant one problem per rule")
    parser.add_argument("--seed", type=int, default=0, help="random seed (same seed, same tree)")
    options = parser.parse_args(argv)
    if options.dir.exists() and any(options.dir.iterdir()):
        parser.error(f"{options.dir} is not empty; name a new or empty directory")
    tree = build_tree(options.seed)
    files = tree.files
    if options.plant:
        planted = plant_problems(tree)
        files = planted.files
    write_files(options.dir, files)
    python = sum(path.endswith(".py") for path in files)
    print(f"{options.dir}: {python} Python files, {tree.endpoints} endpoints, {tree.routes} routes")
    if options.plant:
        print("planted (rule, path, symbol); the last three need --select:")
        for finding in planted.findings:
            print(f"  {finding.rule:<24} {finding.path}  {finding.symbol}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
