"""`generate` converges on a route it put into a feature's own urls module: a parameter the
spec leaves to the file (`{gauge_id}`) is written as the feature's entries beside it spell it
(`\\d+`), and the next run finds that entry as the route it wrote, as it does in urls.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import changed_files, cli_in, run_cli, snapshot
from tests.test_splice_registration import GAUGE_URLS, ORG, gauge_tree

SPEC = f"""\
resources:
  - name: OrganizationGaugeReadings
    route: {ORG}/gauges/{{gauge_id}}/readings/
    module: orbit.gauges.endpoints
    lookups:
      gauge_id: {{passthrough: true}}
"""


def test_generate_again_keeps_a_feature_route_spelled_as_its_neighbours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = gauge_tree(tmp_path)
    details = ("--route", f"{ORG}/gauges/{{gauge_id:\\d+}}/", "--lookup", "gauge_id=-")
    cli_in(
        capsys,
        root,
        "new-endpoint",
        "OrganizationGaugeDetails",
        *details,
        "--module",
        "orbit.gauges.endpoints",
        "--no-tests",
    )
    (tmp_path / "spec.yaml").write_text(SPEC)
    cli_in(capsys, root, "generate", str(tmp_path / "spec.yaml"), "--no-tests")
    written = (root / GAUGE_URLS).read_text()
    assert r"(?P<gauge_id>\d+)/readings/$" in written, written
    before = snapshot(root)
    again = run_cli(
        capsys, "generate", str(tmp_path / "spec.yaml"), "--no-tests", "--project", str(root)
    )
    assert again.code == 0, again.out + again.err
    assert "nothing to do" in again.out + again.err
    assert not changed_files(before, snapshot(root))
