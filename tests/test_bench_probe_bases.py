"""bench_probe_bases on the example project: a probe per base is written and the check finds
nothing on them (what scaffold writes, scaffold check accepts)."""

from __future__ import annotations

import pytest

from bench.bench_probe_bases import main
from tests.helpers import EXAMPLE


def test_every_base_of_the_example_gets_a_probe_the_check_accepts(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "generated_example: 3 bases, 3 probes written" in out
    assert "findings on probes (generator and check disagree): 0" in out
