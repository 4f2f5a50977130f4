"""bench_paths_mode on the example project (its src/, as the real trees are), with one handler
planted not to take the object its route hands it: the PATHS run of that module reports the
finding the whole tree reports, and no run differs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.bench_paths_mode import main
from tests.helpers import example_src

BROADCAST = "src/acme/api/endpoints/broadcast_details.py"


def test_pre_commits_answer_is_the_whole_trees_on_the_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = example_src(tmp_path)
    module = tree / BROADCAST
    planted = module.read_text().replace(", broadcast: Broadcast) -> Response:", ") -> Response:")
    assert planted != module.read_text()
    module.write_text(planted)

    assert main([str(tree), "--limit", "3", "--groups", "4"]) == 0

    out = capsys.readouterr().out
    assert "example: whole tree 1 findings (10 endpoints, 10 routes), 10 endpoint modules" in out
    assert "one module: 4 runs, 4 the same, 0 widened to the whole tree, 0 differing" in out
    assert "groups of four: 4 runs," in out and ", 0 differing" in out.splitlines()[-1]
    assert "DIFF" not in out
