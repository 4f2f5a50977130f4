"""Time `scaffold check` against `ruff check --select F` on the synthetic Sentry-scale tree and on
real trees (`--tree`), side by side in one run; never asserts."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench.bench_new_endpoint import (
    SCAFFOLD_HELP,
    Scaffold,
    Timing,
    _print_table,
    children_cpu_ms,
    default_scaffolds,
    parse_scaffold,
)
from scaffold.project.settings import load_settings
from tests.support.sentry_tree import build_tree, module_path, write_files

RATIO_TARGET = 1.0  # whole-tree check / ruff, medians
ONE_FILE_TARGET_MS = 150


def _run(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    if result.returncode not in (0, 1):  # 1: ruff or scaffold found something (real trees do)
        tail = (result.stderr.strip() or result.stdout.strip())[-300:]
        raise RuntimeError(f"exit {result.returncode}: {tail}")


# label, argv, env, cwd, and what to do before each run (not timed)
Command = tuple[str, Sequence[str], dict[str, str] | None, Path, Callable[[], None] | None]


def _time_rounds(commands: Sequence[Command], repeats: int) -> list[Timing]:
    """Time each command `repeats` times, interleaved round by round so that a change in machine
    load hits every command alike; each runs once untimed first (disk and bytecode caches)."""
    samples: dict[str, list[float]] = {label: [] for label, *_ in commands}
    cpu: dict[str, list[float]] = {label: [] for label, *_ in commands}
    errors: dict[str, str] = {}
    for round_index in range(repeats + 1):
        for label, command, env, cwd, prepare in commands:
            if label in errors:
                continue
            if prepare is not None:
                prepare()
            try:
                cpu_start, start = children_cpu_ms(), time.perf_counter()
                _run(command, cwd, env)
                elapsed = (time.perf_counter() - start) * 1000
                cpu_used = children_cpu_ms() - cpu_start
            except (OSError, RuntimeError) as exc:  # report what could not run and carry on
                errors[label] = f"{type(exc).__name__}: {exc}".splitlines()[0]
                continue
            if round_index:
                samples[label].append(elapsed)
                cpu[label].append(cpu_used)
    return [
        (
            Timing(label, error=errors[label])
            if label in errors
            else Timing(label, tuple(samples[label]), cpu=tuple(cpu[label]))
        )
        for label, *_ in commands
    ]


def _ruff() -> list[str] | None:
    local = Path(sys.executable).parent / "ruff"
    found = str(local) if local.is_file() else shutil.which("ruff")
    return [found] if found else None


@dataclass(frozen=True)
class TreeUnderTest:
    """A tree to time on: a label, its root, and one endpoint module for the one-file row."""

    label: str
    root: Path
    changed: str  # relative to root
    other: str | None = None  # a module outside the API (utils/) for the other-edit row


def _other_module(root: Path) -> str | None:
    """The first module, by name, directly in a `utils/` package of the source tree."""
    for folder in sorted(root.glob("src/*/utils")) or sorted(root.glob("*/utils")):
        modules = sorted(p for p in folder.glob("*.py") if p.name != "__init__.py")
        if modules:
            return modules[0].relative_to(root).as_posix()
    return None


def _one_endpoint_file(root: Path) -> str:
    """An endpoint module of a real tree: the first, by name, of the API's endpoints folder
    that defines a class named `...Endpoint`."""
    settings = load_settings(root)
    folder = settings.urls_path.parent / "endpoints"
    for path in sorted(folder.rglob("*.py")):
        if re.search(r"^class \w+Endpoint\(", path.read_text("utf-8", "replace"), re.MULTILINE):
            return path.relative_to(settings.project_root).as_posix()
    raise SystemExit(f"{folder}: no endpoint module found")


def _editor(path: Path) -> Callable[[], None]:
    """Edit `path` before each run: a comment line, numbered anew each time, put before its
    original first line (bytes no cache has seen, every line of the module moved from the
    original's), dated ten seconds back, apart from the caches' two-second window. `_restore`
    puts the original bytes back."""
    original = path.read_bytes()
    count = itertools.count(1)

    def edit() -> None:
        at = next(count)
        path.write_bytes(b"# edited by bench_check %d\n" % time.time_ns() + original)
        then = time.time_ns() - 10_000_000_000 - at * 1000
        os.utime(path, ns=(then, then))

    _EDITED[path] = original
    return edit


_EDITED: dict[Path, bytes] = {}  # each edited file's original bytes, restored on the way out


def _restore() -> None:
    for path, original in _EDITED.items():
        path.write_bytes(original)


def _restorer(root: Path) -> Callable[[], None]:
    """Give every file of the tree a new mtime before each run, its bytes the same: what a CI
    job restoring the cache folder onto a fresh clone meets."""
    count = itertools.count(1)
    files = [path for path in root.rglob("*") if path.is_file()]

    def restore() -> None:
        then = time.time_ns() - 10_000_000_000 - next(count) * 1000
        for path in files:
            os.utime(path, ns=(then, then))

    return restore


def _own_cache(scaffold: Scaffold) -> dict[str, str]:
    """The scaffold's environment with a cache folder of its own: scaffolds of two versions
    timed side by side would otherwise delete each other's caches (an older scaffold's are)."""
    environ = scaffold.environ()
    if "SCAFFOLD_CACHE_DIR" not in dict(scaffold.env) and "SCAFFOLD_CACHE_DIR" in environ:
        environ["SCAFFOLD_CACHE_DIR"] = str(Path(environ["SCAFFOLD_CACHE_DIR"]) / scaffold.label)
    return environ


def _settler(argv: list[str], root: Path, env: dict[str, str]) -> Callable[[], None]:
    """One untimed run before each "unchanged" one: another scaffold's touch in the same round
    (or this one's last) must not make that row a touched run."""

    def settle() -> None:
        with contextlib.suppress(OSError, RuntimeError):  # the timed run reports it
            _run(argv, root, env)

    return settle


def _commands(
    trees: Sequence[TreeUnderTest], scaffolds: Sequence[Scaffold], ruff: list[str] | None
) -> tuple[list[Command], dict[str, str]]:
    """Per tree: (a) ruff, then per scaffold (b) whole tree, nothing changed since the last run,
    (c) one file, (d) whole tree without the caches, (e) whole tree after one endpoint module
    was edited and (f) whole tree after every file got a new mtime (a restored cache)."""
    commands: list[Command] = []
    titles: dict[str, str] = {}
    for tree in trees:
        if ruff:
            # the files scaffold reads: the source root (a synthetic tree's tests/ are not)
            where = "src" if (tree.root / "src").is_dir() else "."
            label = f"{tree.label} (a)"
            argv = [*ruff, "check", "--select", "F", "--no-cache", where]
            commands.append((label, argv, None, tree.root, None))
            titles[label] = f"ruff check --select F --no-cache {where}"
        for scaffold in scaffolds:
            suffix = "" if len(scaffolds) == 1 else f" {scaffold.label}"
            own = _own_cache(scaffold)
            cold = {**own, "SCAFFOLD_NO_CACHE": "1"}
            edit = _editor(tree.root / tree.changed)
            restored = _restorer(tree.root)
            settle = _settler([*scaffold.command, "check"], tree.root, own)
            rows: list[tuple[str, str, list[str], dict[str, str] | None, Callable[[], None] | None]]
            rows = [
                ("(b)", "scaffold check (whole tree, unchanged)", ["check"], None, settle),
                ("(c)", f"scaffold check {tree.changed}", ["check", tree.changed], None, None),
                ("(d)", "SCAFFOLD_NO_CACHE=1 scaffold check (whole tree)", ["check"], cold, None),
                ("(e)", f"edit {tree.changed}; scaffold check", ["check"], None, edit),
                ("(f)", "new mtimes, same bytes; scaffold check", ["check"], None, restored),
            ]
            if tree.other:
                other = _editor(tree.root / tree.other)
                rows.append(("(g)", f"edit {tree.other}; scaffold check", ["check"], None, other))
            for row, title, args, env, prepare in rows:
                label = f"{tree.label} {row}{suffix}"
                argv = [*scaffold.command, *args]
                commands.append((label, argv, env or own, tree.root, prepare))
                titles[label] = title
    return commands, titles


def _print_side_by_side(
    trees: Sequence[TreeUnderTest], scaffolds: Sequence[Scaffold], timings: dict[str, Timing]
) -> None:
    """One line per tree and scaffold: ruff's median, then each whole-tree row's median and
    ratio to ruff (unchanged, one endpoint module edited, a utils/ module edited, restored,
    cold), then the one-file median."""
    print()
    print(
        f"{'tree':<22}{'scaffold':<12}{'ruff ms':>9}{'unchanged':>16}{'edited':>16}"
        f"{'other edited':>16}{'restored':>16}{'cold':>16}{'one file ms':>13}"
    )
    print(
        f"targets: whole tree <= {RATIO_TARGET}x ruff (medians), one file < "
        f"{ONE_FILE_TARGET_MS} ms; unchanged: nothing changed since the last run (the kept "
        "answer), edited: one endpoint module's bytes changed, other edited: a utils/ module's, "
        "restored: every "
        "file a new mtime, same bytes (a cache restored onto a fresh clone), cold: "
        "SCAFFOLD_NO_CACHE=1 (no cache at all)"
    )
    for tree in trees:
        ruff = timings.get(f"{tree.label} (a)")
        base = ruff.median if ruff is not None and not ruff.error else None
        for scaffold in scaffolds:
            suffix = "" if len(scaffolds) == 1 else f" {scaffold.label}"
            cells = [f"{base:.0f}" if base else "n/a"]
            for row in ("(b)", "(e)", "(g)", "(f)", "(d)"):
                timing = timings.get(f"{tree.label} {row}{suffix}") or Timing(row, error="none")
                ratio = f" {timing.median / base:.2f}x" if base and not timing.error else ""
                cells.append("n/a" if timing.error else f"{timing.median:.0f}{ratio}")
            one = timings[f"{tree.label} (c){suffix}"]
            cells.append("n/a" if one.error else f"{one.median:.0f}")
            print(
                f"{tree.label:<22}{scaffold.label:<12}{cells[0]:>9}{cells[1]:>16}{cells[2]:>16}"
                f"{cells[3]:>16}{cells[4]:>16}{cells[5]:>16}{cells[6]:>13}"
            )


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each command")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic tree")
    parser.add_argument(
        "--shape",
        choices=("real", "small"),
        default="real",
        help="synthetic file sizes: like a real Sentry tree (default), or ~120 lines each",
    )
    parser.add_argument("--tree", type=Path, action="append", help="also time on this real tree")
    parser.add_argument("--no-synthetic", action="store_true", help="time the --tree trees only")
    parser.add_argument("--keep", type=Path, help="write the synthetic tree here and keep it")
    parser.add_argument("--scaffold", type=parse_scaffold, action="append", help=SCAFFOLD_HELP)
    parser.add_argument("--no-help-row", action="store_true", help="skip `scaffold --help`")
    return parser.parse_args(argv)


def _age(root: Path) -> None:
    then = time.time() - 60
    for path in root.rglob("*.py"):
        os.utime(path, (then, then))


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the tree, time every command on it and on each --tree; print; returns 0."""
    options = _parse_args(argv)
    scaffolds = default_scaffolds(options.scaffold)
    print(f"python {sys.version.split()[0]}")
    for scaffold in scaffolds:
        print(f"scaffold {scaffold.label}: {scaffold.shown()}")
    with tempfile.TemporaryDirectory(prefix="scaffold-bench-check-") as scratch:
        os.environ["SCAFFOLD_CACHE_DIR"] = str(Path(scratch) / "cache")  # the user's stays out
        trees: list[TreeUnderTest] = []
        if not options.no_synthetic:
            start = time.perf_counter()
            tree = build_tree(options.seed, options.shape)
            root = write_files(options.keep or Path(scratch) / "tree", tree.files)
            _age(root)  # a checkout, not files written this second (the cache keeps neither)
            python = [text for path, text in tree.files.items() if path.endswith(".py")]
            lines = sum(text.count("\n") for text in python)
            print(
                f"synthetic ({options.shape}): {len(python)} Python files, {lines} lines, "
                f"{tree.endpoints} endpoints, {tree.routes} routes; written in "
                f"{time.perf_counter() - start:.1f} s"
            )
            changed = module_path(next(s.module for s in tree.specs if ".monitors." in s.module))
            trees.append(
                TreeUnderTest(f"synthetic-{options.shape}", root, changed, _other_module(root))
            )
        for path in options.tree or ():
            real = TreeUnderTest(
                path.resolve().name,
                path.resolve(),
                _one_endpoint_file(path),
                _other_module(path.resolve()),
            )
            files = sum(1 for _ in real.root.rglob("*.py"))
            print(f"{real.label}: {real.root}, {files} Python files")
            trees.append(real)
        print("one changed file: " + ", ".join(f"{t.label}: {t.changed}" for t in trees) + "\n")
        ruff = _ruff()
        load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        commands, titles = _commands(trees, scaffolds, ruff)
        if not options.no_help_row and trees:
            for scaffold in scaffolds:
                label = f"(h) {scaffold.label}"
                argv = [*scaffold.command, "--help"]
                commands.append((label, argv, scaffold.environ(), trees[0].root, None))
                titles[label] = "scaffold --help"
        try:
            timings = _time_rounds(commands, options.repeat)
        finally:
            _restore()  # a real tree gets its edited module's bytes back
        context = [
            (title, timing)
            for title, code in (
                ("python -c pass", "pass"),
                ("import scaffold.cli", "import scaffold.cli"),
            )
            for timing in _time_rounds(
                [("( )", [sys.executable, "-c", code], None, Path(scratch), None)], 3
            )
        ]
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average before/after: {load_before} / {load} ({os.cpu_count()} CPUs)\n")
    if not ruff:
        print("ruff not found (pip install -e '.[bench]'): no (a) rows\n")
    _print_table(
        [(titles[t.label], t) for t in timings], [(f"context: {t}", x) for t, x in context]
    )
    _print_side_by_side(trees, scaffolds, {t.label: t for t in timings})
    return 0


if __name__ == "__main__":
    sys.exit(main())
