"""[tool.scaffold] url-name-prefix through the CLI: it names new routes unless one is given."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, copy_project, run_cli

WIDGETS = ("OrganizationWidgets", "--route", "organizations/{organization_id_or_slug}/widgets/")


def _with_table(project: Path, body: str) -> Path:
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n[tool.scaffold]\n" + body + "\n")
    return project


def test_url_name_prefix_setting_names_the_route(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project = _with_table(copy_project(EXAMPLE, tmp_path / "p"), 'url-name-prefix = "acme-v2"')
    result = run_cli(capsys, "new-endpoint", *WIDGETS, "--project", str(project))
    assert result.code == 0, result.err
    urls = (project / "src/acme/api/urls.py").read_text()
    assert 'name="acme-v2-organization-widgets"' in urls
    assert 'name="acme-v2-organization-widgets"' in result.out


def test_an_explicit_url_name_wins_over_the_prefix_setting(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project = _with_table(copy_project(EXAMPLE, tmp_path / "p"), 'url-name-prefix = "acme-v2"')
    args = ("--url-name", "widgets-of-org", "--project", str(project))
    assert run_cli(capsys, "new-endpoint", *WIDGETS, *args).code == 0
    assert 'name="widgets-of-org"' in (project / "src/acme/api/urls.py").read_text()


def test_without_the_setting_the_prefix_comes_from_urls_py(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    assert run_cli(capsys, "new-endpoint", *WIDGETS, "--project", str(project)).code == 0
    assert (
        'name="acme-api-0-organization-widgets"' in (project / "src/acme/api/urls.py").read_text()
    )


def test_an_unusable_url_name_prefix_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    project = _with_table(copy_project(EXAMPLE, tmp_path / "p"), 'url-name-prefix = "acme api"')
    result = run_cli(capsys, "new-endpoint", *WIDGETS, "--project", str(project))
    assert result.code == 2
    assert result.err.startswith("error: ")
    assert "pyproject.toml:9: [tool.scaffold] url-name-prefix 'acme api'" in result.err
    assert len(result.err.strip().splitlines()) == 1
