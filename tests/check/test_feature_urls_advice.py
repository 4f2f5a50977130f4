"""unregistered-endpoint names where the class's route goes: the urls module of its feature,
spliced into a list of urls.py (`*gauge_urls.organization_urlpatterns`), when the class lies in
that module's package; urls.py otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import run_cli
from tests.test_splice_registration import GAUGE_INDEX, gauge_tree


def _unrouted(root: Path, module: str, class_name: str) -> None:
    """An endpoint class no route serves, in `module` (a path under src/orbit)."""
    text = GAUGE_INDEX.replace("OrganizationGaugeIndexEndpoint", class_name)
    (root / "src/orbit" / module).write_text(text)


def test_an_unrouted_class_of_a_feature_is_to_be_registered_in_its_urls_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = gauge_tree(tmp_path)
    _unrouted(
        root, "gauges/endpoints/organization_gauge_stats.py", "OrganizationGaugeStatsEndpoint"
    )
    _unrouted(root, "api/endpoints/organization_dials.py", "OrganizationDialsEndpoint")

    result = run_cli(capsys, "check", "--project", str(root))

    assert result.code == 1, result.out + result.err
    lines = [line for line in result.out.splitlines() if "unregistered-endpoint" in line]
    assert len(lines) == 2, result.out
    gauge = next(line for line in lines if "OrganizationGaugeStats" in line)
    assert "register it in src/orbit/gauges/endpoints/urls.py, its feature's urls module" in gauge
    dials = next(line for line in lines if "OrganizationDials" in line)
    assert "register it in urls.py (" in dials


def test_a_feature_urls_module_only_included_is_not_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A urls module urls.py reaches by `include()`, not spliced in: `scaffold new-endpoint`
    would not write there, so the advice stays urls.py."""
    root = gauge_tree(tmp_path)
    urls = root / "src/orbit/api/urls.py"
    text = urls.read_text().replace("    *gauge_urls.organization_urlpatterns,\n", "")
    text = text.replace("    *gauge_urls.project_urlpatterns,\n", "")
    text = text.replace(
        "from orbit.gauges.endpoints import urls as gauge_urls\n",
        "from django.urls import include\n",
    )
    assert "gauge_urls" not in text
    text = text.replace(
        "urlpatterns = [\n",
        'urlpatterns = [\n    re_path(r"^gauges/", include("orbit.gauges.endpoints.urls")),\n',
        1,
    )
    urls.write_text(text)
    _unrouted(
        root, "gauges/endpoints/organization_gauge_stats.py", "OrganizationGaugeStatsEndpoint"
    )

    result = run_cli(capsys, "check", "--project", str(root))

    lines = [line for line in result.out.splitlines() if "unregistered-endpoint" in line]
    assert len(lines) == 1 and "register it in urls.py (" in lines[0], result.out
