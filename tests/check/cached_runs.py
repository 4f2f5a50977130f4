"""`scaffold check --format json` run in-process the way the lean CLI path runs it (the fact
cache, its memos and the kept answer), or plainly, for the cache tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaffold.commands import cache_files
from scaffold.commands.answer_cache import KeptAnswer
from scaffold.commands.check_options import CheckArgs
from scaffold.commands.run_check import run_check_command
from scaffold.commands.speedups import check_reading
from scaffold.project.settings import Settings


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
