"""Time `scaffold check` on a Sentry-scale tree against `ruff check --select F`; never asserts."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
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
from tests.support.sentry_tree import build_tree, module_path, write_files

RATIO_TARGET = 1.0  # whole-tree check / ruff, medians
ONE_FILE_TARGET_MS = 150.0


def _run(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, env=env)
    if result.returncode != 0:
        tail = (result.stderr.strip() or result.stdout.strip())[-300:]
        raise RuntimeError(f"exit {result.returncode}: {tail}")


Command = tuple[str, Sequence[str], dict[str, str] | None]  # label, argv, environment


def _time_rounds(commands: Sequence[Command], cwd: Path, repeats: int) -> list[Timing]:
    """Time each command `repeats` times, interleaved round by round so that a change in machine
    load hits every command alike; each runs once untimed first (disk and bytecode caches)."""
    samples: dict[str, list[float]] = {label: [] for label, _, _ in commands}
    cpu: dict[str, list[float]] = {label: [] for label, _, _ in commands}
    errors: dict[str, str] = {}
    for round_index in range(repeats + 1):
        for label, command, env in commands:
            if label in errors:
                continue
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
        for label, _, _ in commands
    ]


def _ruff() -> list[str] | None:
    local = Path(sys.executable).parent / "ruff"
    found = str(local) if local.is_file() else shutil.which("ruff")
    return [found] if found else None


def _verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def _print_targets(ruff: Timing, per_scaffold: Sequence[tuple[Timing, Timing]]) -> None:
    print()
    print(f"{'target':<48}{'median':>11}{'min':>11}{'target':>11}  verdict")
    for whole, one in per_scaffold:
        title = f"{whole.label}/(a) whole tree vs ruff"
        if whole.error or ruff.error:
            print(f"{title:<48}{'n/a':>11}{'n/a':>11}{'<= 1.0x':>11}  n/a")
        else:
            median, best = whole.median / ruff.median, whole.best / ruff.best
            ok = _verdict(median <= RATIO_TARGET)
            row = f"{median:.2f}x".rjust(11) + f"{best:.2f}x".rjust(11)
            print(f"{title:<48}{row}{'<= 1.0x':>11}  {ok}")
        title = f"{one.label} one changed file"
        if one.error:
            print(f"{title:<48}{'n/a':>11}{'n/a':>11}{'< 150 ms':>11}  n/a")
        else:
            row = f"{one.median:.0f} ms".rjust(11) + f"{one.best:.0f} ms".rjust(11)
            ok = _verdict(one.median < ONE_FILE_TARGET_MS)
            print(f"{title:<48}{row}{'< 150 ms':>11}  {ok}")


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each command")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic tree")
    parser.add_argument("--keep", type=Path, help="write the tree here and keep it")
    parser.add_argument("--scaffold", type=parse_scaffold, action="append", help=SCAFFOLD_HELP)
    parser.add_argument("--no-help-row", action="store_true", help="skip (d) `scaffold --help`")
    return parser.parse_args(argv)


def _scaffold_commands(
    scaffolds: Sequence[Scaffold], changed: str, help_row: bool
) -> tuple[list[Command], dict[str, str]]:
    """Rows (b), (c) and (d) for each scaffold, labelled `(b) LABEL` when there are several."""
    commands: list[Command] = []
    titles: dict[str, str] = {}
    rows = [
        ("(b)", "scaffold check (whole tree)", ["check"]),
        ("(c)", "scaffold check <one endpoint file>", ["check", changed]),
        ("(d)", "scaffold --help", ["--help"]),
    ]
    for row, title, args in rows if help_row else rows[:2]:
        for scaffold in scaffolds:
            label = row if len(scaffolds) == 1 else f"{row} {scaffold.label}"
            commands.append((label, [*scaffold.command, *args], scaffold.environ()))
            titles[label] = title
    return commands, titles


def main(argv: Sequence[str] | None = None) -> int:
    """Generate the tree, time every command on it, print figures and targets; returns 0."""
    options = _parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="scaffold-bench-check-") as scratch:
        start = time.perf_counter()
        tree = build_tree(options.seed)
        root = write_files(options.keep or Path(scratch) / "tree", tree.files)
        made_s = time.perf_counter() - start
        python = [text for path, text in tree.files.items() if path.endswith(".py")]
        lines = sum(text.count("\n") for text in python)
        scaffolds = default_scaffolds(options.scaffold)
        print(f"python {sys.version.split()[0]}")
        for scaffold in scaffolds:
            print(f"scaffold {scaffold.label}: {scaffold.shown()}")
        print(
            f"tree: {len(python)} Python files, {lines} lines ({lines / len(python):.0f} a file), "
            f"{tree.endpoints} endpoints, {tree.routes} routes; written in {made_s:.1f} s\n"
        )
        ruff, n = _ruff(), options.repeat
        load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        changed = module_path(next(s.module for s in tree.specs if ".monitors." in s.module))
        print(f"one changed file: {changed}\n")
        commands, titles = _scaffold_commands(scaffolds, changed, not options.no_help_row)
        titles["(a)"] = "ruff check --select F --no-cache ."
        if ruff:
            commands.insert(0, ("(a)", [*ruff, "check", "--select", "F", "--no-cache", "."], None))
        timings = _time_rounds(commands, root, n)
        if not ruff:
            timings.insert(0, Timing("(a)", error="ruff not found (pip install -e '.[bench]')"))
        rows = [(titles[t.label], t) for t in timings]
        context_commands: list[Command] = [
            ("( )", [sys.executable, "-c", "pass"], None),
            ("( )", [sys.executable, "-c", "import scaffold.cli"], None),
        ]
        context_titles = ["context: python -c pass", "context: import scaffold.cli"]
        context = [
            (title, timing)
            for title, command in zip(context_titles, context_commands, strict=True)
            for timing in _time_rounds([command], root, 3)
        ]
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average before/after: {load_before} / {load} ({os.cpu_count()} CPUs)\n")
    _print_table(rows, context)
    by_label = {timing.label: timing for timing in timings}
    pairs = [
        (by_label[f"(b){suffix}"], by_label[f"(c){suffix}"])
        for suffix in ([""] if len(scaffolds) == 1 else [f" {s.label}" for s in scaffolds])
    ]
    _print_targets(by_label["(a)"], pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
