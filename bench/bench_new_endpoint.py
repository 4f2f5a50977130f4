"""Time `scaffold new-endpoint` against bare libcst on a Sentry-sized urls.py; never asserts."""

from __future__ import annotations

import argparse
import gc
import os
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from tests.support.synthetic import write_sentry_tree

NAME = "OrganizationWidgetsEndpoint"
ROUTE = "organizations/{organization_id_or_slug}/widgets/"
METHODS = "get,post"
URLS = Path("src/bigco/api/urls.py")
RATIO_TARGET = 1.5
CLI_TARGET_MS = 1000.0
LIBCST_SCRIPT = "import libcst,sys; libcst.parse_module(open(sys.argv[1]).read()).code"


@dataclass(frozen=True)
class Timing:
    """Wall-clock samples of one measurement, in milliseconds; `error` when it could not run.
    `cpu`: for a subprocess, the CPU time (user + system) of each run, children included."""

    label: str
    samples: tuple[float, ...] = ()
    error: str | None = None
    cpu: tuple[float, ...] = ()

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def best(self) -> float:
        return min(self.samples)


@dataclass(frozen=True)
class Scaffold:
    """One scaffold under test: a label, the command that runs it, extra environment."""

    label: str
    command: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()

    def environ(self) -> dict[str, str]:
        """This process's environment and the extra variables, bytecode caching on: an installed
        scaffold runs from cached bytecode, so compiling every module each run would time
        something users never pay (some shells set PYTHONDONTWRITEBYTECODE)."""
        inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        return {**inherited, **dict(self.env)}

    def shown(self) -> str:
        assignments = [f"{name}={value}" for name, value in self.env]
        return " ".join([*assignments, *self.command])


SCAFFOLD_HELP = (
    "LABEL=COMMAND: a scaffold to time (repeat to time several side by side, interleaved), e.g. "
    "'before=PYTHONPATH=/tmp/before .venv/bin/scaffold'; leading NAME=VALUE words of COMMAND "
    "are set in its environment. Default: this interpreter's scaffold."
)


def parse_scaffold(text: str) -> Scaffold:
    """`LABEL=[NAME=VALUE ...] COMMAND ...` (argparse type of --scaffold)."""
    label, _, rest = text.partition("=")
    words = shlex.split(rest)
    env: list[tuple[str, str]] = []
    while words and "=" in words[0] and words[0].split("=", 1)[0].isidentifier():
        name, _, value = words.pop(0).partition("=")
        env.append((name, value))
    if not label or not words:
        raise argparse.ArgumentTypeError(f"{text!r}: expected LABEL=COMMAND")
    if "/" in words[0] and Path(words[0]).exists():  # the benches run commands in other folders
        # absolute, not resolved: a venv's bin/python links to an interpreter without the venv
        words[0] = os.path.abspath(words[0])
    return Scaffold(label, tuple(words), tuple(env))


def default_scaffolds(given: Sequence[Scaffold] | None) -> list[Scaffold]:
    """The scaffolds given, or this interpreter's own `scaffold` (labelled `this`)."""
    if given:
        return list(given)
    script = Path(sys.executable).parent / "scaffold"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "scaffold"]
    return [Scaffold("this", tuple(command))]


def children_cpu_ms() -> float:
    """CPU time used so far by waited-for child processes (and theirs), in milliseconds."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


def _measure(label: str, run: Callable[[], Any], repeats: int, warmup: bool = True) -> Timing:
    """Time `run` `repeats` times (after one untimed warm-up); a failure becomes `error`."""
    try:
        if warmup:
            run()
        samples = []
        for _ in range(repeats):
            gc.collect()
            start = time.perf_counter()
            run()
            samples.append((time.perf_counter() - start) * 1000)
        return Timing(label, tuple(samples))
    except Exception as exc:  # noqa: BLE001 - the bench reports what it could not measure
        return Timing(label, error=f"{type(exc).__name__}: {exc}".splitlines()[0])


def _bare_libcst(text: str) -> Callable[[], Any]:
    import libcst

    return lambda: libcst.parse_module(text).code


def _scaffold_plan(tree: Path) -> Callable[[], Any]:
    """scaffold's in-process pipeline for one new-endpoint: settings, spec, plan; no writes."""
    from scaffold.generate.build import OnExisting, build_plan
    from scaffold.project.settings import load_settings
    from scaffold.spec import resource_from_flags

    def run() -> Any:
        settings = load_settings(tree)
        spec = resource_from_flags({"name": NAME, "route": ROUTE, "methods": METHODS})
        # the module and urls.py, as the row says; the generated test module is the CLI's (c)
        plan = build_plan(settings, [spec], OnExisting.FAIL, with_tests=False)
        code_changes = [change for change in plan.changes if not change.internal]
        if len(code_changes) != 2:  # the module and urls.py (plus scaffold's own record)
            raise RuntimeError(f"expected 2 file changes (module + urls.py), got {plan.messages}")
        return plan

    return run


def _check(command: Sequence[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"exit {result.returncode}: {result.stderr.strip()[-300:]}")


def _time_cli(
    tree: Path, work: Path, scaffolds: Sequence[Scaffold], libcst: Sequence[str], repeats: int
) -> tuple[list[Timing], Timing]:
    """Rows (c), one per scaffold, and (d), interleaved round by round so that a change in
    machine load hits every row alike. Each CLI run gets a fresh copy of the tree (the copy is
    not timed); round 0 only warms the disk and bytecode caches."""
    args = [NAME, "--route", ROUTE, "--methods", METHODS]
    samples: dict[str, list[float]] = {s.label: [] for s in scaffolds}
    samples["(d)"] = []
    cpu: dict[str, list[float]] = {key: [] for key in samples}
    errors: dict[str, str] = {}
    runs = [(s.label, s) for s in scaffolds] + [("(d)", None)]
    for index in range(repeats + 1):
        for key, scaffold in runs:
            if key in errors:
                continue
            copy = None
            if scaffold is None:
                command, env = list(libcst), None
            else:
                copy = shutil.copytree(tree, work / f"cli-{index}-{key}")
                command = [*scaffold.command, "new-endpoint", *args, "--project", str(copy)]
                env = scaffold.environ()
            try:
                cpu_start, start = children_cpu_ms(), time.perf_counter()
                _check(command, env)
                elapsed = (time.perf_counter() - start) * 1000
                cpu_used = children_cpu_ms() - cpu_start
            except Exception as exc:  # noqa: BLE001 - reported as a figure it could not measure
                errors[key] = f"{type(exc).__name__}: {exc}".splitlines()[0]
                continue
            finally:
                if copy is not None:
                    shutil.rmtree(copy)
            if index:
                samples[key].append(elapsed)
                cpu[key].append(cpu_used)

    def timing(label: str, key: str) -> Timing:
        if key in errors:
            return Timing(label, error=errors[key])
        return Timing(label, tuple(samples[key]), cpu=tuple(cpu[key]))

    clis = [timing(_labelled("(c)", s, scaffolds), s.label) for s in scaffolds]
    return clis, timing("(d)", "(d)")


def _labelled(row: str, scaffold: Scaffold, scaffolds: Sequence[Scaffold]) -> str:
    """`(c)` alone for a single scaffold, `(c) before` when several are timed side by side."""
    return row if len(scaffolds) == 1 else f"{row} {scaffold.label}"


def _time_subprocess(label: str, command: Sequence[str], repeats: int) -> Timing:
    return _measure(label, lambda: _check(command), repeats)


def _ratios(top: Timing, bottom: Timing) -> tuple[float, float] | None:
    """(median ratio, min ratio), or None when either side could not run."""
    if top.error or bottom.error:
        return None
    return top.median / bottom.median, top.best / bottom.best


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else "meets" if ok else "MISSES"


def _print_table(rows: Sequence[tuple[str, Timing]], context: Sequence[tuple[str, Timing]]) -> None:
    """Median and minimum wall time of each row; for subprocess rows also the median CPU time
    (user + system, children included): less moved by load than wall time, but blind to what
    running in parallel saves."""
    names = [f"{timing.label} {title}" for title, timing in [*rows, *context]]
    width = max(52, *(len(name) + 2 for name in names))
    print(f"{'measurement':<{width}}{'median ms':>11}{'min ms':>10}{'cpu ms':>9}{'runs':>6}")
    for name, (_, timing) in zip(names, [*rows, *context], strict=True):
        if timing.error:
            print(f"{name:<{width}}  unavailable: {timing.error}")
        else:
            cpu = f"{statistics.median(timing.cpu):.1f}" if timing.cpu else "-"
            figures = f"{timing.median:>11.1f}{timing.best:>10.1f}{cpu:>9}{len(timing.samples):>6}"
            print(f"{name:<{width}}{figures}")


def _print_targets(a: Timing, b: Timing, clis: Sequence[Timing], d: Timing) -> None:
    print()
    print(f"{'target (verdict on the median)':<40}{'median':>11}{'min':>11}{'target':>11}  verdict")
    target = f"<= {RATIO_TARGET}x"
    pairs = [("(b)/(a)", b, a), *((f"{c.label}/(d)", c, d) for c in clis)]
    for label, top, bottom in pairs:
        ratios = _ratios(top, bottom)
        shown = ["n/a", "n/a"] if ratios is None else [f"{ratio:.2f}x" for ratio in ratios]
        ok = None if ratios is None else ratios[0] <= RATIO_TARGET
        print(f"{label:<40}{shown[0]:>11}{shown[1]:>11}{target:>11}  {_verdict(ok)}")
    for cli in clis:
        shown = ["n/a", "n/a"] if cli.error else [f"{cli.median:.0f} ms", f"{cli.best:.0f} ms"]
        ok = None if cli.error else cli.median < CLI_TARGET_MS
        title = f"{cli.label} CLI wall time"
        print(f"{title:<40}{shown[0]:>11}{shown[1]:>11}{'< 1000 ms':>11}  {_verdict(ok)}")


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--routes", type=int, default=550, help="routes in the synthetic urls.py")
    parser.add_argument("--repeat", type=int, default=7, help="in-process repetitions (a, b)")
    parser.add_argument("--cli-repeat", type=int, default=5, help="subprocess repetitions (c, d)")
    parser.add_argument("--scaffold", type=parse_scaffold, action="append", help=SCAFFOLD_HELP)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every measurement once, print the table and the targets; always returns 0."""
    options = _parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="scaffold-bench-") as scratch:
        work = Path(scratch)
        tree = write_sentry_tree(work / "tree", style="modern", n_routes=options.routes)
        urls = tree / URLS
        text = urls.read_text(encoding="utf-8")
        scaffolds = default_scaffolds(options.scaffold)
        print(f"python {sys.version.split()[0]}")
        for scaffold in scaffolds:
            print(f"scaffold {scaffold.label}: {scaffold.shown()}")
        print(f"urls.py: {len(text.splitlines())} lines, {text.count('.as_view()')} routes\n")
        try:
            plan = _scaffold_plan(tree)
        except Exception:  # noqa: BLE001 - reported as a figure it could not measure
            error = traceback.format_exc(limit=1).strip().splitlines()[-1]
            plan = _raiser(error)
        load_before = _load()
        a = _measure("(a)", _bare_libcst(text), options.repeat)
        b = _measure("(b)", plan, options.repeat)
        libcst = [sys.executable, "-c", LIBCST_SCRIPT, str(urls)]
        clis, d = _time_cli(tree, work, scaffolds, libcst, options.cli_repeat)
        context = {
            "python -c pass": _time_subprocess("( )", [sys.executable, "-c", "pass"], 3),
            "python -c 'import scaffold.cli'": _time_subprocess(
                "( )", [sys.executable, "-c", "import scaffold.cli"], 3
            ),
        }
    print(f"load average before/after: {load_before} / {_load()} ({os.cpu_count()} CPUs)\n")
    rows = [
        ("libcst parse_module(urls).code, in-process", a),
        ("scaffold settings+spec+build_plan, in-process", b),
        *(("scaffold new-endpoint CLI, subprocess", cli) for cli in clis),
        ("python -c 'libcst parse+code' urls.py, subprocess", d),
    ]
    _print_table(rows, [(f"context: {title}", timing) for title, timing in context.items()])
    _print_targets(a, b, clis, d)
    return 0


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def _raiser(message: str) -> Callable[[], Any]:
    def run() -> Any:
        raise RuntimeError(message)

    return run


if __name__ == "__main__":
    sys.exit(main())
