"""Time `scaffold new-endpoint` against bare libcst on a Sentry-sized urls.py; never asserts."""

from __future__ import annotations

import argparse
import gc
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
    """Wall-clock samples of one measurement, in milliseconds; `error` when it could not run."""

    label: str
    samples: tuple[float, ...] = ()
    error: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def best(self) -> float:
        return min(self.samples)


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
        plan = build_plan(settings, [spec], OnExisting.FAIL)
        code_changes = [change for change in plan.changes if not change.internal]
        if len(code_changes) != 2:  # the module and urls.py (plus scaffold's own record)
            raise RuntimeError(f"expected 2 file changes (module + urls.py), got {plan.messages}")
        return plan

    return run


def _scaffold_command() -> list[str]:
    script = Path(sys.executable).parent / "scaffold"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "scaffold"]


def _check(command: Sequence[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"exit {result.returncode}: {result.stderr.strip()[-300:]}")


def _time_cli(tree: Path, work: Path, repeats: int) -> Timing:
    """Wall time of the real CLI, each repetition on a fresh copy of the tree (copy not timed)."""
    args = [NAME, "--route", ROUTE, "--methods", METHODS]
    samples = []
    try:
        for index in range(repeats + 1):
            copy = shutil.copytree(tree, work / f"cli-{index}")
            command = [*_scaffold_command(), "new-endpoint", *args, "--project", str(copy)]
            start = time.perf_counter()
            _check(command)
            if index:  # the first run only warms the disk cache and the bytecode cache
                samples.append((time.perf_counter() - start) * 1000)
            shutil.rmtree(copy)
    except Exception as exc:  # noqa: BLE001 - reported as a figure it could not measure
        return Timing("(c)", error=f"{type(exc).__name__}: {exc}".splitlines()[0])
    return Timing("(c)", tuple(samples))


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
    print(f"{'measurement':<52}{'median ms':>11}{'min ms':>10}{'runs':>6}")
    for title, timing in [*rows, *context]:
        if timing.error:
            print(f"{timing.label} {title:<48}  unavailable: {timing.error}")
        else:
            figures = f"{timing.median:>11.1f}{timing.best:>10.1f}{len(timing.samples):>6}"
            print(f"{timing.label} {title:<48}{figures}")


def _print_targets(timings: dict[str, Timing]) -> None:
    print()
    print(f"{'target (verdict on the median)':<40}{'median':>11}{'min':>11}{'target':>11}  verdict")
    for label, top, bottom in [("(b)/(a)", "b", "a"), ("(c)/(d)", "c", "d")]:
        ratios = _ratios(timings[top], timings[bottom])
        shown = ["n/a", "n/a"] if ratios is None else [f"{ratio:.2f}x" for ratio in ratios]
        ok = None if ratios is None else ratios[0] <= RATIO_TARGET
        target = f"<= {RATIO_TARGET}x"
        print(f"{label:<40}{shown[0]:>11}{shown[1]:>11}{target:>11}  {_verdict(ok)}")
    cli = timings["c"]
    shown = ["n/a", "n/a"] if cli.error else [f"{cli.median:.0f} ms", f"{cli.best:.0f} ms"]
    ok = None if cli.error else cli.median < CLI_TARGET_MS
    print(f"{'(c) CLI wall time':<40}{shown[0]:>11}{shown[1]:>11}{'< 1000 ms':>11}  {_verdict(ok)}")


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--routes", type=int, default=550, help="routes in the synthetic urls.py")
    parser.add_argument("--repeat", type=int, default=7, help="in-process repetitions (a, b)")
    parser.add_argument("--cli-repeat", type=int, default=5, help="subprocess repetitions (c, d)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run every measurement once, print the table and the targets; always returns 0."""
    options = _parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="scaffold-bench-") as scratch:
        work = Path(scratch)
        tree = write_sentry_tree(work / "tree", style="modern", n_routes=options.routes)
        urls = tree / URLS
        text = urls.read_text(encoding="utf-8")
        print(f"python {sys.version.split()[0]}; scaffold command: {' '.join(_scaffold_command())}")
        print(f"urls.py: {len(text.splitlines())} lines, {text.count('.as_view()')} routes\n")
        try:
            plan = _scaffold_plan(tree)
        except Exception:  # noqa: BLE001 - reported as a figure it could not measure
            error = traceback.format_exc(limit=1).strip().splitlines()[-1]
            plan = _raiser(error)
        timings = {
            "a": _measure("(a)", _bare_libcst(text), options.repeat),
            "b": _measure("(b)", plan, options.repeat),
            "c": _time_cli(tree, work, options.cli_repeat),
            "d": _time_subprocess(
                "(d)", [sys.executable, "-c", LIBCST_SCRIPT, str(urls)], options.cli_repeat
            ),
        }
        context = {
            "python -c pass": _time_subprocess("( )", [sys.executable, "-c", "pass"], 3),
            "python -c 'import scaffold.cli'": _time_subprocess(
                "( )", [sys.executable, "-c", "import scaffold.cli"], 3
            ),
        }
    titles = {
        "a": "libcst parse_module(urls).code, in-process",
        "b": "scaffold settings+spec+build_plan, in-process",
        "c": "scaffold new-endpoint CLI, subprocess",
        "d": "python -c 'libcst parse+code' urls.py, subprocess",
    }
    rows = [(titles[key], timing) for key, timing in timings.items()]
    _print_table(rows, [(f"context: {title}", timing) for title, timing in context.items()])
    _print_targets(timings)
    return 0


def _raiser(message: str) -> Callable[[], Any]:
    def run() -> Any:
        raise RuntimeError(message)

    return run


if __name__ == "__main__":
    sys.exit(main())
