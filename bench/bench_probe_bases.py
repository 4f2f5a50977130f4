"""What scaffold writes, scaffold check accepts: one new endpoint per base class of a real tree.

Copies TREE to a temporary directory; `scaffold list --format json` gives every base its classes
serve and their routes. For each base, the shortest route one of its classes serves plus a new
segment (`zzprobe<i>/`) is registered with `new-endpoint --base <dotted base>` (get, post, put,
delete; every other probe with its test module; URL parameters the base does not take are
passed through with `--lookup P=-`, as a user would after the message asking for a lookup). Then the whole tree is checked, and every
finding on a probe (its module, its class or its route) is printed: each is a place where the
generator and the check disagree. A refusal is printed with its message; a route that the base
cannot take, or a base that refuses every request, is the tool doing its job. Last, every probe
is taken out again with `scaffold remove`, and every file of the copy is compared with TREE's:
what differs is printed (`remove` is the exact inverse of `new-endpoint`). Then the same probes
are written by one `scaffold generate` of a spec listing them all, checked, generated again
(which must change nothing) and removed, and the copy compared with TREE again.

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
from dataclasses import dataclass, field
from pathlib import Path

import yaml

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


@dataclass
class Probe:
    """One probe written by `new-endpoint`: what a spec needs to write it again."""

    index: int
    base: str
    route: str
    passthrough: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"ZzProbe{self.index}"


def probe(root: Path, index: int, base: str, path: str) -> Probe | str:
    """Register one probe; the probe when it was written, else the refusal's message."""
    route = path.strip("/") + f"/{PROBE}{index}/" if path.strip("/") else f"{PROBE}{index}/"
    argv = ["new-endpoint", f"ZzProbe{index}", "--route", route, "--base", base]
    argv += ["--methods", "get,post,put,delete", "--url-name", f"zz-probe-{index}"]
    argv += ["--no-tests"] if index % 2 else []  # every other probe writes its test module too
    argv += ["--project", str(root)]
    done = scaffold(*argv)
    params = re.findall(r"{(\w+)", route)
    missing = re.search(r"route parameter '(\w+)' is not consumed", done.stderr)
    passthrough: list[str] = []
    if done.returncode != 0 and missing:  # pass the rest through, as the message advises
        passthrough = params[params.index(missing.group(1)) :]
        argv += [arg for param in passthrough for arg in ("--lookup", f"{param}=-")]
        done = scaffold(*argv)
    return Probe(index, base, route, passthrough) if done.returncode == 0 else done.stderr.strip()


def spec_of(probes: list[Probe]) -> str:
    """A spec writing every probe as `probe` did."""
    resources = [
        {
            "name": p.name,
            "route": p.route,
            "methods": ["get", "post", "put", "delete"],
            "base": p.base,
            "url_name": f"zz-probe-{p.index}",
            **(
                {"lookups": {q: {"passthrough": True} for q in p.passthrough}}
                if p.passthrough
                else {}
            ),
        }
        for p in probes
    ]
    return yaml.safe_dump({"resources": resources}, sort_keys=False)


def disagreements(root: Path) -> list[str]:
    """The check's findings on a probe (its module, its class or its route)."""
    result = json.loads(scaffold("check", "--project", str(root), "--format", "json").stdout)
    return [
        f"{p['path']}:{p['line']}: {p['rule']}: {p['message']}"
        for p in result["problems"]
        if "zz_probe" in p["path"] or "ZzProbe" in p["message"] or "zz-probe" in p["message"]
    ]


def remove_all(original: Path, root: Path, probes: list[Probe], label: str) -> None:
    """`scaffold remove` each probe, last first; print refusals and files left differing."""
    refusals = [
        f"{p.name}: {done.stderr.strip()[:200]}"
        for p in reversed(probes)
        if (done := scaffold("remove", p.name, "--project", str(root))).returncode
    ]
    differing = tree_differences(original, root)
    print(
        f"{label}: remove, every probe: {len(refusals)} refused; files differing after: {len(differing)}"
    )
    for line in [*refusals, *differing]:
        print(f"  {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / args.tree.name
        shutil.copytree(args.tree, root)
        routes = bases_and_routes(root)
        probes: list[Probe] = []
        for index, (base, paths) in enumerate(sorted(routes.items())):
            done = probe(root, index, base, min(paths, key=len))
            if isinstance(done, Probe):
                probes.append(done)
            else:
                print(f"refused  {base}: {done}")
        print(f"{args.tree.name}: {len(routes)} bases, {len(probes)} probes written")
        found = disagreements(root)
        print(f"new-endpoint: findings on probes (generator and check disagree): {len(found)}")
        print("".join(f"  {line}\n" for line in found), end="")
        remove_all(args.tree, root, probes, "new-endpoint")

        spec = Path(tmp) / "probes.yaml"
        spec.write_text(spec_of(probes))
        first = scaffold("generate", str(spec), "--project", str(root))
        modules = [name for name in files(root) if Path(name).name.startswith("zz_probe")]
        print(
            f"generate: exit {first.returncode}, {len(modules)} probe modules written"
            f" {first.stderr.strip()[:300]}"
        )
        found = disagreements(root)
        print(f"generate: findings on probes (generator and check disagree): {len(found)}")
        print("".join(f"  {line}\n" for line in found), end="")
        written = files(root)
        again = scaffold("generate", str(spec), "--project", str(root))
        after = files(root)
        changed = [
            name for name in written.keys() | after.keys() if written.get(name) != after.get(name)
        ]
        print(f"generate again: exit {again.returncode}, files changed: {len(changed)}")
        remove_all(args.tree, root, probes, "generate")
    return 0


def files(root: Path) -> dict[str, bytes]:
    """Every file under `root`, by relative path."""
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def tree_differences(original: Path, copy: Path) -> list[str]:
    """Each file added, missing or changed in `copy` against `original`."""
    before, after = files(original), files(copy)
    return [
        f"{'added' if name not in before else 'missing' if name not in after else 'changed'}"
        f" {name}"
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    ]


if __name__ == "__main__":
    sys.exit(main())
