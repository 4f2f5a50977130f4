"""Measure what makes `scaffold check` (and ruff) slow or fast on a tree: file sizes, classes,
imports and functions per module, the share of endpoint modules and of modules the candidate
prefilter lets through, and the API urls.py. Prints one table per tree; never asserts.

    python bench/measure_tree.py /tmp/real/s2023 /tmp/real/s2019 [--synthetic]
"""

from __future__ import annotations

import argparse
import ast
import statistics
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from scaffold.project.settings import load_settings
from scaffold.pysource.candidates import candidate_modules
from scaffold.pysource.tree import Tree


def _quantiles(values: list[float]) -> str:
    if not values:
        return "n/a"
    cut = statistics.quantiles(values, n=10, method="inclusive") if len(values) > 1 else values * 9
    return (
        f"mean {statistics.fmean(values):7.0f}  p10 {cut[0]:6.0f}  p50 {statistics.median(values):6.0f}"
        f"  p90 {cut[8]:6.0f}  max {max(values):7.0f}"
    )


def measure(root: Path) -> dict[str, str]:
    """Figures of the Python files under the tree's source root."""
    settings = load_settings(root)
    tree = Tree(settings.project_root, settings.src_root)
    files = tree.files()
    sizes, lines, classes, imports, functions = [], [], [], [], []
    unparsed = 0
    for source in files:
        data = Path(source.path).read_bytes()
        sizes.append(float(len(data)))
        lines.append(float(data.count(b"\n")))
        try:
            module = ast.parse(data)
        except (SyntaxError, ValueError):
            unparsed += 1
            continue
        nodes = list(ast.walk(module))
        classes.append(float(sum(isinstance(n, ast.ClassDef) for n in module.body)))
        imports.append(float(sum(isinstance(n, (ast.Import, ast.ImportFrom)) for n in nodes)))
        functions.append(
            float(sum(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) for n in nodes))
        )
    candidates = candidate_modules(tree, files)
    by_module = {s.module: s for s in files}
    candidate_sizes = [float(Path(by_module[m].path).stat().st_size) for m in candidates]
    endpoint_modules = [
        s for s in files if "endpoint" in Path(s.path).read_text("utf-8", "replace")
    ]
    urls = settings.urls_path.read_text(encoding="utf-8")
    return {
        "python files": f"{len(files)} ({unparsed} do not parse)",
        "bytes a file": _quantiles(sizes),
        "lines a file": _quantiles(lines),
        "total MB / lines": f"{sum(sizes) / 1e6:.1f} MB, {sum(lines):.0f} lines",
        "top-level classes": _quantiles(classes),
        "imports (any depth)": _quantiles(imports),
        "functions (any depth)": _quantiles(functions),
        "files naming 'endpoint'": f"{len(endpoint_modules) / len(files):.1%}",
        "prefilter candidates": f"{len(candidates)} ({len(candidates) / len(files):.1%})",
        "bytes a candidate": _quantiles(candidate_sizes),
        "urls.py": f"{len(urls.splitlines())} lines, {urls.count('.as_view(')} as_view, "
        f"{urls.count('include(')} include, {urls.count(chr(10) + 'from ')} from-imports",
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("trees", type=Path, nargs="*", help="Sentry-shaped project roots")
    parser.add_argument("--synthetic", action="store_true", help="also the synthetic tree")
    options = parser.parse_args(argv)
    columns: list[tuple[str, dict[str, str]]] = [(str(t), measure(t)) for t in options.trees]
    with tempfile.TemporaryDirectory(prefix="scaffold-measure-") as scratch:
        if options.synthetic:
            from tests.support.sentry_tree import build_tree, write_files

            root = write_files(Path(scratch), build_tree().files)
            columns.append(("synthetic (tests/support/sentry_tree.py)", measure(root)))
    for title, figures in columns:
        print(title)
        for key, value in figures.items():
            print(f"  {key:<24}{value}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
