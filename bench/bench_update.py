"""Does an updated answer equal a whole run? Edits files of a copy of a real tree, one at a time,
and compares the cached `scaffold check` (which updates its kept answer when it can:
`scaffold/commands/answer_update.py`) with an uncached one.

    .venv/bin/python bench/bench_update.py /tmp/real/s2023 [--limit 40] [--others 30]

For each sampled leaf module (the kept answer names them) and each sampled other Python file, up
to four edits, each undone before the next: a comment line put first (every line moves), a
function added at the end, a parameter added to the first handler, the first handler renamed
(the class may stop being concrete); the last two where the file has a handler. Prints how many
runs updated the kept answer (no whole-tree run), how many checked the whole tree, and every
difference from the uncached report (there should be none). Always exits 0; never asserts.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from scaffold.check import run as check_run
from scaffold.commands import cache_files
from scaffold.commands.answer_cache import KeptAnswer
from scaffold.commands.check_options import CheckArgs
from scaffold.commands.run_check import run_check_command
from scaffold.commands.speedups import check_reading
from scaffold.project.settings import Settings, load_settings

_HANDLER_RE = re.compile(r"(\n    def (?:get|post|put|delete)\(self, request)")


def _edits(text: str) -> list[tuple[str, str]]:
    edits = [
        ("comment first", "# edited by bench_update\n" + text),
        ("function added", text + "\n\ndef bench_update_added():\n    return None\n"),
    ]
    if _HANDLER_RE.search(text):
        edits.append(("parameter added", _HANDLER_RE.sub(r"\1, bench_extra", text, count=1)))
        renamed = _HANDLER_RE.sub(lambda m: m.group(1).replace("(self", "_x(self"), text, count=1)
        edits.append(("handler renamed", renamed))
    return edits


@contextlib.contextmanager
def _whole_runs() -> Iterator[list[int]]:
    """Count the whole-tree runs of the check (a spy on `check.run.run_check`)."""
    calls: list[int] = []
    real = check_run.run_check

    def spy(settings: Any, config: Any, paths: Any, *args: Any, **kwargs: Any) -> Any:
        if paths is None:
            calls.append(1)
        return real(settings, config, paths, *args, **kwargs)

    check_run.run_check = spy
    try:
        yield calls
    finally:
        check_run.run_check = real


def _report(root: Path, cached: bool) -> dict[str, Any]:
    args = CheckArgs(project=root, output_format="json", explain=True)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        if cached:
            kept: list[KeptAnswer] = []

            def answers(settings: Settings) -> KeptAnswer:
                path = cache_files.answer_path(settings.project_root, settings.src_root)
                kept.append(KeptAnswer(path))
                return kept[-1]

            run_check_command(args, lambda _: check_reading(True, kept[-1].keys), answers)
        else:
            run_check_command(args)
    found: dict[str, Any] = json.loads(out.getvalue())
    return found


def _write(path: Path, text: str, at: Callable[[], int]) -> None:
    path.write_text(text, encoding="utf-8")
    then = at()
    os.utime(path, ns=(then, then))


def _leaves(root: Path) -> dict[str, str]:
    settings = load_settings(root)
    path = cache_files.answer_path(settings.project_root, settings.src_root)
    assert path is not None
    body = json.loads(path.read_bytes().partition(b"\n")[2])
    return {module: leaf[0] for module, leaf in body.get("leaves", {}).items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tree", type=Path)
    parser.add_argument("--limit", type=int, default=40, help="leaf modules sampled")
    parser.add_argument("--others", type=int, default=30, help="other Python files sampled")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="scaffold-bench-update-") as scratch:
        os.environ["SCAFFOLD_CACHE_DIR"] = str(Path(scratch) / "cache")
        os.environ.pop("SCAFFOLD_NO_CACHE", None)
        root = Path(scratch) / "tree"
        shutil.copytree(options.tree, root, symlinks=True)
        clock = iter(range(10**6))
        start = time.time_ns() - 100 * 10**9

        def at() -> int:  # every write a new mtime, all outside the two-second window
            return start + next(clock) * 10**6

        for path in root.rglob("*.py"):
            os.utime(path, ns=(start, start))
        _report(root, cached=True)
        leaves = sorted(_leaves(root).items())
        step = max(1, len(leaves) // max(options.limit, 1))
        sampled = leaves[::step][: options.limit]
        others = sorted(
            (path.relative_to(root).as_posix(), path.relative_to(root).as_posix())
            for path in root.rglob("*.py")
            if path.relative_to(root).as_posix() not in {r for _, r in leaves}
        )
        step = max(1, len(others) // max(options.others, 1))
        picked = others[::step][: options.others]
        print(
            f"{options.tree}: {len(leaves)} leaf modules, {len(sampled)} sampled; "
            f"{len(others)} other files, {len(picked)} sampled"
        )
        runs = updates = differences = 0
        for module, relpath in [*sampled, *picked]:
            path = root / relpath
            try:
                original = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            for label, text in [*_edits(original), ("undone", original)]:
                _write(path, text, at)
                with _whole_runs() as calls:
                    cached = _report(root, cached=True)
                plain = _report(root, cached=False)
                runs += 1
                updates += not calls
                if calls:
                    print(f"whole tree: {module} ({label})")
                if cached != plain:
                    differences += 1
                    print(f"DIFFERENT: {module} ({label})")
                    for key in ("problems", "unresolved", "endpoints", "routes"):
                        if cached.get(key) != plain.get(key):
                            print(f"  {key}: cached {cached.get(key)!r:.300}")
                            print(f"  {key}: whole  {plain.get(key)!r:.300}")
        print(
            f"runs {runs}: updated {updates}, whole tree {runs - updates}; "
            f"different from an uncached run: {differences}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
