"""What scaffold writes, scaffold check accepts: one new endpoint per base class of a real tree.

Copies TREE to a temporary directory; `scaffold list --format json` gives every base its classes
serve and their routes. For each base, the shortest route one of its classes serves plus a new
segment (`zzprobe<i>/`) is registered with `new-endpoint --base <dotted base>` (get, post, put,
delete; URL parameters the base does not take are passed through with `--lookup P=-`, as a
user would after the message asking for a lookup). Then the whole tree is checked, and every
finding on a probe (its module, its class or its route) is printed: each is a place where the
generator and the check disagree. A refusal is printed with its message; a route that the base
cannot take, or a base that refuses every request, is the tool doing its job.

    .venv/bin/python bench/bench_probe_bases.py /tmp/real/s2023

Prints figures and exits 0; never asserts.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROBE = "zzprobe"


def scaffold(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scaffold", *argv], capture_output=True, text=True, check=False
    )


def bases_and_routes(root: Path) -> dict[str, list[str]]:
    """Each base its endpoint classes name -> the plain routes those classes serve."""
    listed = json.loads(scaffold("list", "--format", "json", "--project", str(root)).stdout)
    found: dict[str, list[str]] = collections.defaultdict(list)
    for endpoint in listed:
        for route in endpoint["routes"]:
            if endpoint["base"] and route.get("path") and "(" not in route["path"]:
                found[endpoint["base"]].append(route["path"])
    return found


def probe(root: Path, index: int, base: str, path: str) -> str | None:
    """Register one probe; None when it was written, else the refusal's message."""
    route = path.strip("/") + f"/{PROBE}{index}/" if path.strip("/") else f"{PROBE}{index}/"
    argv = ["new-endpoint", f"ZzProbe{index}", "--route", route, "--base", base]
    argv += ["--methods", "get,post,put,delete", "--no-tests", "--url-name", f"zz-probe-{index}"]
    argv += ["--project", str(root)]
    done = scaffold(*argv)
    params = re.findall(r"{(\w+)", route)
    missing = re.search(r"route parameter '(\w+)' is not consumed", done.stderr)
    if done.returncode != 0 and missing:  # pass the rest through, as the message advises
        for param in params[params.index(missing.group(1)) :]:
            argv += ["--lookup", f"{param}=-"]
        done = scaffold(*argv)
    return None if done.returncode == 0 else done.stderr.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / args.tree.name
        shutil.copytree(args.tree, root)
        routes = bases_and_routes(root)
        written = 0
        for index, (base, paths) in enumerate(sorted(routes.items())):
            refused = probe(root, index, base, min(paths, key=len))
            if refused is None:
                written += 1
            else:
                print(f"refused  {base}: {refused[:200]}")
        result = json.loads(scaffold("check", "--project", str(root), "--format", "json").stdout)
        disagreements = [
            p
            for p in result["problems"]
            if "zz_probe" in p["path"] or "ZzProbe" in p["message"] or "zz-probe" in p["message"]
        ]
        print(f"{args.tree.name}: {len(routes)} bases, {written} probes written")
        print(f"findings on probes (generator and check disagree): {len(disagreements)}")
        for p in disagreements:
            print(f"  {p['path']}:{p['line']}: {p['rule']}: {p['message']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
