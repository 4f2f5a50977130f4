"""`scaffold check` from parsed arguments to an exit code, without typer (shared by the typer
command and the lean path of `commands/speedups.py`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scaffold.commands.check_options import CheckArgs
from scaffold.errors import ProjectError, SpecError

if TYPE_CHECKING:
    from collections.abc import Callable

    from scaffold.check.config import CheckConfig
    from scaffold.check.problems import CheckResult, Problem
    from scaffold.check.run import TreeReading
    from scaffold.commands.answer_cache import KeptAnswer
    from scaffold.commands.fact_cache import FactCache
    from scaffold.project.settings import Settings


def _rules(value: str | None) -> list[str] | None:
    return None if value is None else [r.strip() for r in value.split(",") if r.strip()]


def run_check_command(
    args: CheckArgs,
    reading: Callable[[Path], TreeReading] | None = None,
    answers: Callable[[Settings], KeptAnswer] | None = None,
) -> int:
    """Check the project, print the report; 0 clean (or baseline written), 1 problems.
    `reading(src_root)`: how the tree is read (`scaffold.check.run.TreeReading`; plain by
    default); `answers(settings)`: where a whole-tree answer is kept while nothing changed."""
    from scaffold.check.config import load_check_config
    from scaffold.check.report import Format, github_notices, github_report, json_report
    from scaffold.project.settings import load_settings

    if args.output_format not in {f.value for f in Format}:
        raise SpecError(f"--format {args.output_format!r}: use text, json or github")
    settings = load_settings(args.project, args.package)
    config = load_check_config(
        settings.project_root,
        settings.check_options,
        _rules(args.select),
        _rules(args.ignore) or [],
        args.baseline,
    )
    _require_project_files(args.paths, settings.project_root)
    result = _result(settings, config, args.paths, reading, answers)
    if args.write_baseline:
        from scaffold.check.baseline import baseline_text

        _write_baseline_file(config.baseline_path, baseline_text(result.problems))
        print(f"Wrote {len(result.problems)} problems to {config.baseline_path}", flush=True)
        return 0
    problems = result.problems
    if args.baseline is not None and not args.baseline.exists():
        raise ProjectError(
            f"{args.baseline}: baseline not found; write it with --write-baseline or fix the path"
        )
    if config.baseline_path.is_file():
        from scaffold.check.baseline import new_problems, read_baseline

        known = read_baseline(_read_baseline_file(config.baseline_path), str(config.baseline_path))
        problems = new_problems(problems, known)
    if args.output_format == Format.JSON.value:
        report = json_report(
            problems, result.endpoints, result.routes, result.unresolved, args.explain
        )
        print(report, flush=True)
    elif args.output_format == Format.GITHUB.value:
        if problems:
            print(github_report(problems), flush=True)
        for line in github_notices(result.unresolved, args.explain):
            print(line, flush=True)
    else:
        _print_text(problems, result, args.explain)
        if len(problems) < len(result.problems):  # what the baseline keeps out of sight
            hidden = len(result.problems) - len(problems)
            print(f"{hidden} known problem(s) in {config.baseline_path} not shown.", flush=True)
    return 1 if problems else 0


def _result(
    settings: Settings,
    config: CheckConfig,
    paths: list[Path] | None,
    reading: Callable[[Path], TreeReading] | None,
    answers: Callable[[Settings], KeptAnswer] | None,
) -> CheckResult:
    """The check's result: for the whole tree, the kept answer while nothing changed.

    A cache file is read only when its digest matches, so what it holds was written by scaffold;
    one re-framed by hand can still hold values of shapes the check never wrote. Should a run
    that read the caches fail on such a value, the caches of this tree are deleted and the check
    runs again without them (a fault of the check itself fails that run too, and shows)."""
    from scaffold.pysource.tree import SourceFile, Tree

    def compute(tree: Tree | None = None, plain: bool = False, kept: bool = False) -> CheckResult:
        """The check run; `kept`: its answer is kept, so it gathers the basis to update it by
        (the one thing a whole-tree run gathers for that alone: ~10 ms of CPU on s2023)."""
        from scaffold.check.run import TreeReading, run_check
        from scaffold.records import evolve

        how = reading(settings.src_root) if reading and not plain else TreeReading()
        return run_check(settings, config, paths, how if kept else evolve(how, basis=False), tree)

    if reading is None and answers is None:
        return compute()
    try:
        if paths is not None or answers is None:
            return compute()
        from scaffold.commands.answer_cache import fingerprint
        from scaffold.commands.answer_update import Updater

        kept = answers(settings)
        tree = Tree(settings.project_root, settings.src_root, config.exclude)

        def part(sources: list[SourceFile], routes: frozenset[int]) -> CheckResult:
            """A PATHS-mode check of edited leaf modules, to update the kept answer with."""
            from scaffold.check.run import TreeReading, run_check

            how = reading(settings.src_root) if reading else TreeReading()
            paths = [Path(source.path) for source in sources]
            return run_check(settings, config, paths, how, part=routes)

        def facts() -> FactCache:
            from scaffold.commands.fact_cache import FactCache

            return FactCache.open(settings.project_root, settings.src_root)

        files, key = tree.files(), fingerprint(settings, config)
        keeps = kept.path is not None
        return kept.answer(files, key, lambda: compute(tree, kept=keeps), Updater(part, facts))
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, RecursionError):
        from scaffold.commands.cache_files import forget

        forget(settings.project_root, settings.src_root)
        return compute(plain=True)


def _require_project_files(paths: list[Path] | None, root: Path) -> None:
    """Every PATH names a file: a mistyped one must not pass as a clean file. (A file outside
    the project or its source root, or not Python, has nothing to check: pre-commit in a
    monorepo passes every changed file to a hook run with `--project backend`.)"""
    for path in paths or ():
        if not path.is_file():
            what = "is a folder" if path.is_dir() else "does not exist"
            raise SpecError(
                f"{path}: {what}; pass the project's files to check (pre-commit passes the "
                "changed ones), or no path to check the whole tree"
            )


def _read_baseline_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ProjectError(
            f"{path}: cannot read the baseline ({exc.strerror}); check its permissions or pass "
            "--baseline with another file"
        ) from None


def _write_baseline_file(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise ProjectError(
            f"{path}: cannot write the baseline ({exc.strerror}); pass --baseline with a file "
            "path in a writable folder"
        ) from None


def _print_text(problems: list[Problem], result: CheckResult, explain: bool) -> None:
    """Grouped by file on stdout; rich colours on a terminal, plain text (and no rich import,
    about 40 ms) when piped. Then what could not be followed: counted, or listed with `explain`."""
    import sys

    from scaffold.check.report import summary, text_report, unresolved_lines

    endpoints, routes = result.endpoints, result.routes
    if not sys.stdout.isatty():
        print(text_report(problems, endpoints, routes, result.unresolved, explain), flush=True)
        return
    from itertools import groupby

    from rich.markup import escape

    from scaffold.commands.console import CommandConsole

    console = CommandConsole(highlight=False, soft_wrap=True)
    for path, group in groupby(sorted(problems), key=lambda p: p.path):
        console.print(f"[bold]{escape(path)}[/bold]")
        for p in group:
            console.print(f"  {escape(path)}:{p.line}: [red]{p.rule}[/red] {escape(p.message)}")
    console.print(summary(problems, endpoints, routes))
    for line in unresolved_lines(result.unresolved, explain):
        console.print(escape(line))
