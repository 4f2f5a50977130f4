"""bench_parsers on the example project: every row is timed over the candidate modules the
check's prefilter finds there."""

from __future__ import annotations

import re

import pytest

from bench.bench_parsers import main
from tests.helpers import EXAMPLE


def test_the_example_candidates_are_timed_in_every_row(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(EXAMPLE), "--rounds", "1"]) == 0
    out = capsys.readouterr().out
    found = re.search(r"generated_example: (\d+) candidate modules", out)
    assert found is not None and int(found.group(1)) > 0
    for row in ("skeleton cut", "ast on skeletons", "ast on whole modules"):
        assert re.search(rf"{row} +median +\d+ ms", out), out
