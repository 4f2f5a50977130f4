"""bench_spec_round_trip on the example project (its src/ only, as the real trees are: the
example's own tests reverse the URL names `remove --route` would take out, which it refuses):
its own spec changes nothing when generated into it; every resource taken out with `remove
--route` comes back with the same routes and findings, and a second generate changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.bench_spec_round_trip import main
from tests.helpers import example_src


def test_the_example_takes_its_own_spec_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = example_src(tmp_path)
    assert main([str(tree), "--limit", "0"]) == 0
    out = capsys.readouterr().out
    assert "example: 8 resources in the spec" in out
    assert "untouched tree, generate --skip of the whole spec: exit 0, files changed: 0" in out
    assert "remove --route, 8 sampled: 0 refused" in out
    assert "generate --skip of those: exit 0" in out
    assert "routes: 0 missing after, 0 new" in out
    assert "check: 0 new findings, 0 gone" in out
    assert "generate again: exit 0, files changed: 0" in out
    assert "urls.py: 0 original lines not in the patched file, 0 patched lines not in" in out
