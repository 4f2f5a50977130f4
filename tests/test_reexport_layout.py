"""A package `__init__.py` whose `__all__` is written on one line: the second endpoint added
there makes it too long, so it is written one name per line; taking the endpoints out again, in
either order, gives the one line back (a list written one name per line by hand stays so)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FIXTURES, copy_project, run_cli, snapshot

TODAY = FIXTURES / "today"
PACKAGE = "src/orbit/gauges/endpoints"
INDEX = """from __future__ import annotations

from rest_framework.request import Request
from rest_framework.response import Response

from orbit.api.base import Endpoint, cell_silo_endpoint


@cell_silo_endpoint
class GaugeIndexEndpoint(Endpoint):
    def get(self, request: Request) -> Response:
        return Response([])
"""
ONE_LINE = '__all__ = ["GaugeIndexEndpoint"]\n'
BY_HAND = '__all__ = [\n    "GaugeIndexEndpoint",\n]\n'
TUPLE = '__all__ = ("GaugeIndexEndpoint",)\n'  # its comma makes it a tuple: it must stay
NAMES = ("OrganizationGaugeAlphaReadings", "OrganizationGaugeBravoReadings")


def _project(tmp_path: Path, all_text: str) -> Path:
    root = copy_project(TODAY, tmp_path / "p")
    package = root / PACKAGE
    package.mkdir(parents=True)
    (package.parent / "__init__.py").write_text("")
    (package / "gauge_index.py").write_text(INDEX)
    (package / "__init__.py").write_text(
        f'"""Gauges."""\n\nfrom .gauge_index import GaugeIndexEndpoint\n\n{all_text}'
    )
    return root


@pytest.mark.parametrize(
    "all_text", [ONE_LINE, BY_HAND, TUPLE], ids=["one-line", "by-hand", "one-name-tuple"]
)
@pytest.mark.parametrize("order", [NAMES, NAMES[::-1]], ids=["same-order", "reverse-order"])
def test_two_endpoints_added_then_removed_give_the_init_back(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    all_text: str,
    order: tuple[str, str],
) -> None:
    root = _project(tmp_path, all_text)
    before = snapshot(root)
    for name in NAMES:
        route = f"organizations/{{organization_id_or_slug}}/{name.lower()}/"
        argv = ("new-endpoint", name, "--route", route, "--module", "orbit.gauges.endpoints")
        result = run_cli(capsys, *argv, "--no-tests", "--project", str(root))
        assert result.code == 0, result.err
    init = (root / PACKAGE / "__init__.py").read_text()
    assert '\n    "OrganizationGaugeBravoReadingsEndpoint",\n' in init  # one name per line
    for name in order:
        result = run_cli(capsys, "remove", name, "--project", str(root))
        assert result.code == 0, result.err
    assert snapshot(root) == before
