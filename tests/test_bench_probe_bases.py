"""bench_probe_bases on the example project: a probe per base is written and the check finds
nothing on them (what scaffold writes, scaffold check accepts); removed, they leave every file
as it was, and the same holds for the probes written by one `generate`, run twice."""

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
    assert "new-endpoint: findings on probes (generator and check disagree): 0" in out
    assert "new-endpoint: remove, every probe: 0 refused; files differing after: 0" in out
    assert "generate: exit 0, 3 probe modules written" in out
    assert "generate: findings on probes (generator and check disagree): 0" in out
    assert "generate again: exit 0, files changed: 0" in out
    assert "generate: remove, every probe: 0 refused; files differing after: 0" in out
