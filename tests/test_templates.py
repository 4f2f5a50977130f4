"""Project templates: a file in [tool.scaffold] templates shadows the packaged one; a variable
the context lacks is an error naming the template line; `scaffold templates` lists and copies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, copy_project, run_cli, snapshot, speedups_env

GIZMOS = (
    "new-endpoint",
    "OrganizationGizmos",
    "--route",
    "organizations/{organization_id_or_slug}/gizmos/",
)


def _with_templates(tmp_path: Path) -> Path:
    project = copy_project(EXAMPLE, tmp_path / "example")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + '\n[tool.scaffold]\ntemplates = "house"\n')
    (project / "house").mkdir()
    return project


def test_a_project_test_template_shadows_the_packaged_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _with_templates(tmp_path)
    listed = run_cli(capsys, "templates", "--project", str(project))
    assert "test.py.j2         packaged" in listed.out
    assert run_cli(capsys, "templates", "--copy", "test.py.j2", "--project", str(project)).code == 0
    template = project / "house" / "test.py.j2"
    template.write_text("# House style for {{ url_name }}\n" + template.read_text())

    assert (
        "overridden: house/test.py.j2"
        in run_cli(capsys, "templates", "--project", str(project)).out
    )
    result = run_cli(capsys, *GIZMOS, "--project", str(project))

    assert result.code == 0, result.err
    test = (project / "tests/acme/api/endpoints/test_organization_gizmos.py").read_text()
    assert test.startswith("# House style for acme-api-0-organization-gizmos\n")
    module = (project / "src/acme/api/endpoints/organization_gizmos.py").read_text()
    assert "House style" not in module  # endpoint.py.j2 is still the packaged one


def test_an_undefined_variable_names_the_template_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _with_templates(tmp_path)
    (project / "house" / "endpoint.py.j2").write_text(
        "{{ imports }}\n\n\nx = {{ no_such_thing }}\n"
    )
    before = sorted(p for p in project.rglob("*") if p.is_file())

    result = run_cli(capsys, *GIZMOS, "--project", str(project))

    assert result.code == 2
    # named from the project root, as every other message names a file of the project
    assert result.err.startswith("error: house/endpoint.py.j2:4: 'no_such_thing' is undefined")
    assert "Traceback" not in result.err
    assert sorted(p for p in project.rglob("*") if p.is_file()) == before


def test_a_template_jinja2_cannot_read_names_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _with_templates(tmp_path)
    (project / "house" / "test.py.j2").write_text("{{ imports }}\n\n{% if url_name %}\nx = 1\n")
    before = snapshot(project)

    result = run_cli(capsys, *GIZMOS, "--project", str(project))

    assert result.code == 2, result.err
    assert result.err.startswith("error: house/test.py.j2:")
    assert "fix the template" in result.err and result.err.count("\n") == 1
    assert snapshot(project) == before


def test_copy_refuses_an_unknown_name_and_a_project_without_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _with_templates(tmp_path)
    unknown = run_cli(capsys, "templates", "--copy", "test.j2", "--project", str(project))
    assert unknown.code == 2 and "did you mean" in unknown.err
    plain = copy_project(EXAMPLE, tmp_path / "plain")
    missing = run_cli(capsys, "templates", "--copy", "test.py.j2", "--project", str(plain))
    assert missing.code == 2 and "[tool.scaffold] templates" in missing.err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    result = run_cli(capsys, "--version")
    assert result.code == 0
    assert result.out.strip() == "scaffold 0.1.0"


@pytest.mark.parametrize("name", ["endpoint.py.j2", "test.py.j2"])
def test_a_template_rendering_code_black_cannot_parse_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    project = _with_templates(tmp_path)
    assert run_cli(capsys, "templates", "--copy", name, "--project", str(project)).code == 0
    template = project / "house" / name
    template.write_text(
        template.read_text().replace("class {{ class_name", "class :: {{ class_name", 1)
    )
    assert "class :: " in template.read_text()
    before = snapshot(project)

    result = run_cli(capsys, *GIZMOS, "--project", str(project))

    assert result.code == 2, result.err
    assert result.err.startswith(f"error: house/{name}: renders code black cannot parse (")
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert snapshot(project) == before


def test_an_endpoint_template_that_defines_no_class_is_named_and_nothing_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """urls.py would import a class the module does not define: refused before any write."""
    project = _with_templates(tmp_path)
    (project / "house" / "endpoint.py.j2").write_text("x = 1\n")
    before = snapshot(project)

    result = run_cli(capsys, *GIZMOS, "--project", str(project))

    assert result.code == 2, result.err
    assert result.err.startswith("error: house/endpoint.py.j2: renders no class ")
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert snapshot(project) == before


def test_a_template_black_cannot_parse_is_named_from_the_rendering_process(tmp_path: Path) -> None:
    """In a process of its own, modules render in a forked child: its error comes back whole."""
    project = _with_templates(tmp_path)
    template = project / "house" / "endpoint.py.j2"
    template.write_text("{{ imports }}\n\n\nclass :: {{ class_name }}:\n    pass\n")
    before = snapshot(project)

    done = subprocess.run(
        [sys.executable, "-m", "scaffold", *GIZMOS, "--project", str(project)],
        capture_output=True,
        text=True,
        check=False,
        env=speedups_env("on"),
    )

    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("error: house/endpoint.py.j2: renders code black cannot parse")
    assert done.stderr.count("\n") == 1
    assert snapshot(project) == before
