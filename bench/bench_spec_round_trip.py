"""The spec `scaffold list` writes, generated back into a real tree.

Copies TREE to a temporary directory and asks `scaffold list --format spec` for a spec of every
routed endpoint. First, `scaffold generate SPEC --skip --no-tests` on the untouched copy must
find every route served and change no file. Then a sample of its resources (all with `--limit
0`; never one whose class the untouched tree's check finds unable to take a route it serves:
registering that again is refused, rightly) is taken out of urls.py with `scaffold remove NAME --route ROUTE` (the module stays: it is
the tree's own), and one `generate --skip --no-tests` of a spec of those resources must register
them again. Printed as figures:

- generate's exit code, and its message when it is not 0;
- routes: (class, full path, URL name) triples missing after, or new, against the untouched
  tree (`scaffold list --format json`);
- check: the findings of `scaffold check` after, against the untouched tree's, compared by rule
  and message (lines move with the entries);
- generate again: files changed (must be 0);
- urls.py: lines of the original that are not in the patched file and lines of the patched file
  that are not in the original (an entry put back in another place shows as neither: only
  its lines' order differs).

    .venv/bin/python bench/bench_spec_round_trip.py /tmp/real/s2023 --limit 40 --seed 1

Prints figures and exits 0; never asserts.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

AT_LINE = re.compile(r"(?<=\.py):\d+")  # a line named in a message moves with the entries


def scaffold(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scaffold", *argv], capture_output=True, text=True, check=False
    )


def routes(root: Path) -> set[tuple[str, str, str]]:
    """Every (class, full path, URL name) that `scaffold list` reports."""
    listed = json.loads(scaffold("list", "--format", "json", "--project", str(root)).stdout)
    return {
        (entry["class"], route.get("path") or "", route.get("name") or "")
        for entry in listed
        for route in entry["routes"]
    }


def findings(root: Path) -> collections.Counter[str]:
    """`scaffold check`'s findings, by rule and message."""
    done = scaffold("check", "--project", str(root), "--format", "json")
    return collections.Counter(
        f"{p['rule']}: {AT_LINE.sub(':N', p['message'])}"
        for p in json.loads(done.stdout)["problems"]
    )


def files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def changed_files(root: Path, argv: list[str]) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run scaffold; its result and how many files under `root` it changed."""
    before = files(root)
    done = scaffold(*argv)
    after = files(root)
    return done, sum(before.get(n) != after.get(n) for n in before.keys() | after.keys())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    parser.add_argument("--limit", type=int, default=40, help="resources to sample; 0: all")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--diff", action="store_true", help="print urls.py's diff at the end")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / args.tree.name
        shutil.copytree(args.tree, root)
        urls = next(root.glob("src/*/api/urls.py"))
        original_urls = urls.read_text(encoding="utf-8")
        spec_text = scaffold("list", "--format", "spec", "--project", str(root)).stdout
        resources: list[dict[str, Any]] = yaml.safe_load(spec_text)["resources"]
        whole = Path(tmp) / "whole.yaml"
        whole.write_text(spec_text)
        flags = ["--skip", "--no-tests", "--project", str(root)]
        done, changed = changed_files(root, ["generate", str(whole), *flags])
        print(f"{args.tree.name}: {len(resources)} resources in the spec")
        print(
            f"untouched tree, generate --skip of the whole spec: exit {done.returncode},"
            f" files changed: {changed} {done.stderr.strip()[:600]}"
        )
        before_routes = routes(root)
        before_findings = findings(root)
        # a class a route serves though it cannot take it (a param-mismatch of the untouched
        # tree): registering it again is refused, rightly, and would refuse the whole spec
        unservable = {f.split(": ")[1] for f in before_findings if f.startswith("param-mismatch")}
        sample = [r for r in resources if f"{r['name']}Endpoint" not in unservable]
        sample = [r for r in sample if r["name"] not in unservable]
        print(
            f"left out: {len(resources) - len(sample)} resources of classes check finds unservable"
        )
        if args.limit and len(sample) > args.limit:
            sample = random.Random(args.seed).sample(sample, args.limit)
        refusals = [
            f"{r['name']} {r['route']}: {done.stderr.strip()[:300]}"
            for r in sample
            if (done := scaffold("remove", r["name"], "--route", r["route"], *flags[2:])).returncode
        ]
        print(f"remove --route, {len(sample)} sampled: {len(refusals)} refused")
        print("".join(f"  {line}\n" for line in refusals), end="")

        written = Path(tmp) / "spec.yaml"
        written.write_text(yaml.safe_dump({"resources": sample}, sort_keys=False))
        done = scaffold("generate", str(written), *flags)
        print(f"generate --skip of those: exit {done.returncode} {done.stderr.strip()[:600]}")

        after_routes = routes(root)
        missing, extra = before_routes - after_routes, after_routes - before_routes
        print(f"routes: {len(missing)} missing after, {len(extra)} new")
        for triple in sorted(missing):
            print(f"  missing {triple}")
        for triple in sorted(extra):
            print(f"  new {triple}")

        after_findings = findings(root)
        gone, new = before_findings - after_findings, after_findings - before_findings
        print(f"check: {sum(new.values())} new findings, {sum(gone.values())} gone")
        for line in [*new, *gone]:
            print(f"  {'new' if line in new else 'gone'} {line[:300]}")

        again, changed = changed_files(root, ["generate", str(written), *flags])
        print(f"generate again: exit {again.returncode}, files changed: {changed}")

        old_lines = collections.Counter(original_urls.splitlines())
        new_lines = collections.Counter(urls.read_text(encoding="utf-8").splitlines())
        print(
            f"urls.py: {sum((old_lines - new_lines).values())} original lines not in the patched"
            f" file, {sum((new_lines - old_lines).values())} patched lines not in the original"
        )
        if args.diff:
            patched = urls.read_text(encoding="utf-8").splitlines(keepends=True)
            sys.stdout.writelines(difflib.unified_diff(original_urls.splitlines(True), patched))
    return 0


if __name__ == "__main__":
    sys.exit(main())
