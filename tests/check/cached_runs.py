"""`scaffold check --format json` run in-process the way the lean CLI path runs it (the fact
cache, its memos and the kept answer), or plainly, for the cache tests."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scaffold.commands import cache_files
from scaffold.commands.answer_cache import KeptAnswer
from scaffold.commands.cache_files import write_json
from scaffold.commands.check_options import CheckArgs
from scaffold.commands.run_check import run_check_command
from scaffold.commands.speedups import check_reading
from scaffold.project.settings import Settings, load_settings


def answer_path(settings: Settings) -> Path:
    path = cache_files.answer_path(settings.project_root, settings.src_root)
    assert path is not None
    return path


def report(
    root: Path, capsys: pytest.CaptureFixture[str], *, cached: bool, explain: bool = False
) -> dict[str, object]:
    """The report as data: with every cache (`cached`), or with none."""
    args = CheckArgs(project=root, output_format="json", explain=explain)
    if cached:
        kept: list[KeptAnswer] = []

        def answers(settings: Settings) -> KeptAnswer:
            kept.append(KeptAnswer(answer_path(settings)))
            return kept[-1]

        # as `speedups.fast_check` does: the files' keys as the kept answer looked at them
        run_check_command(args, lambda _: check_reading(True, kept[-1].keys), answers)
    else:
        run_check_command(args)
    found: dict[str, object] = json.loads(capsys.readouterr().out)
    return found


def age(path: Path, seconds: float) -> None:
    """Date a file, or every .py file under a folder, `seconds` back (outside the caches'
    two-second window)."""
    then = time.time() - seconds
    for each in [path] if path.is_file() else path.rglob("*.py"):
        os.utime(each, (then, then))


def doctor(root: Path, pick: Callable[[list[Any]], bool] = lambda problem: True) -> None:
    """Make the kept answer's first finding that `pick` accepts say "kept": a run that prints
    it took the kept answer."""
    path = answer_path(load_settings(root))
    body = json.loads(path.read_bytes().partition(b"\n")[2])
    next(problem for problem in body["problems"] if pick(problem))[4] = "kept"
    write_json(path, body)
