"""Trees whose packages have no `__init__.py` (PEP 420 namespace packages): discovery finds the
source root all the same, and new-endpoint and check work as on the same tree with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, FIXTURES, copy_project, run_cli

WIDGETS = ("OrganizationWidgets", "--route", "organizations/{organization_id_or_slug}/widgets/")


def _without_init_files(source: Path, destination: Path) -> Path:
    project = copy_project(source, destination)
    for init in project.rglob("__init__.py"):
        init.unlink()
    return project


@pytest.mark.parametrize(
    ("fixture", "package"),
    [(FIXTURES / "modern", "nova"), (EXAMPLE, "acme")],
    ids=["modern", "example"],
)
def test_namespace_packages_new_endpoint_then_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fixture: Path, package: str
) -> None:
    plain = copy_project(fixture, tmp_path / "plain")
    project = _without_init_files(fixture, tmp_path / "namespace")
    for root in (plain, project):
        result = run_cli(capsys, "new-endpoint", *WIDGETS, "--project", str(root))
        assert result.code == 0, result.err
    module = f"src/{package}/api/endpoints/organization_widgets.py"
    assert (project / module).read_text() == (plain / module).read_text()
    urls = f"src/{package}/api/urls.py"
    assert (project / urls).read_text() == (plain / urls).read_text()
    checked = run_cli(capsys, "check", "--project", str(project))
    assert checked.code == 0, checked.out
    assert checked.out == run_cli(capsys, "check", "--project", str(plain)).out


def test_namespace_packages_in_a_flat_layout(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """No `src/`: the project root holds the top-level package."""
    project = _without_init_files(EXAMPLE, tmp_path / "flat")
    (project / "src/acme").rename(project / "acme")
    result = run_cli(capsys, "new-endpoint", *WIDGETS, "--project", str(project))
    assert result.code == 0, result.err
    module = (project / "acme/api/endpoints/organization_widgets.py").read_text()
    assert "from acme.api.bases.organization import OrganizationEndpoint" in module
    assert run_cli(capsys, "check", "--project", str(project)).code == 0


def test_the_package_setting_names_the_top_level_package(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """`src/backend/acme/api/urls.py` with no `__init__.py`: `package` says where modules start."""
    project = _without_init_files(EXAMPLE, tmp_path / "nested")
    (project / "src/backend").mkdir()
    (project / "src/acme").rename(project / "src/backend/acme")
    pyproject = project / "pyproject.toml"
    table = '[tool.scaffold]\npackage = "acme"\nurls = "src/backend/acme/api/urls.py"\n'
    pyproject.write_text(pyproject.read_text() + table)
    result = run_cli(capsys, "new-endpoint", *WIDGETS, "--project", str(project))
    assert result.code == 0, result.err
    module = (project / "src/backend/acme/api/endpoints/organization_widgets.py").read_text()
    assert "from acme.api.bases.organization import OrganizationEndpoint" in module


def test_a_namespace_top_level_package_over_regular_ones(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Only `src/acme/__init__.py` missing: modules still start at `acme`, not at `api`."""
    project = copy_project(EXAMPLE, tmp_path / "mixed")
    (project / "src/acme/__init__.py").unlink()
    result = run_cli(capsys, "new-endpoint", *WIDGETS, "--project", str(project))
    assert result.code == 0, result.err
    module = (project / "src/acme/api/endpoints/organization_widgets.py").read_text()
    assert "from acme.api.bases.organization import OrganizationEndpoint" in module
    assert run_cli(capsys, "check", "--project", str(project)).code == 0
