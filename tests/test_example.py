"""The committed example is exactly what scaffold generates from its spec."""

from __future__ import annotations

from pathlib import Path

import black
import pytest
import yaml

from tests.helpers import EXAMPLE, GOLDEN, changed_files, copy_project, run_cli, snapshot

PRISTINE_URLS = GOLDEN / "example" / "urls_pristine.py"
URLS = Path("src/acme/api/urls.py")
ENDPOINTS = Path("src/acme/api/endpoints")


def generated_modules() -> list[Path]:
    """Endpoint modules the spec generates (module name = snake_case of the class stem)."""
    from scaffold.naming import class_name_for, module_name_for

    spec = yaml.safe_load((EXAMPLE / "spec.yaml").read_text())
    return [
        ENDPOINTS / f"{module_name_for(class_name_for(r['name']))}.py" for r in spec["resources"]
    ]


def test_spec_covers_three_bases_and_a_nested_lookup() -> None:
    sources = [(EXAMPLE / path).read_text() for path in generated_modules()]
    assert len(sources) >= 5
    for base in ("(Endpoint):", "(OrganizationEndpoint):", "(ProjectEndpoint):"):
        assert any(base in source for source in sources), base
    # A chained lookup: a widget by id or slug (two gets), then its revision.
    assert any(source.count(".objects.get(") >= 3 for source in sources)


def test_regenerating_from_pristine_reproduces_the_committed_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "example")
    (project / URLS).write_bytes(PRISTINE_URLS.read_bytes())
    for module in generated_modules():  # and its test module, which generate keeps when it exists
        (project / module).unlink()
        (project / "tests" / module.relative_to("src").with_name(f"test_{module.name}")).unlink()
    assert snapshot(project) != snapshot(EXAMPLE)

    result = run_cli(capsys, "generate", str(project / "spec.yaml"), "--project", str(project))

    assert result.code == 0, result.err
    assert changed_files(snapshot(EXAMPLE), snapshot(project)) == {}


def test_generating_the_committed_example_again_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "example")
    before = snapshot(project)

    result = run_cli(capsys, "generate", str(project / "spec.yaml"), "--project", str(project))

    assert result.code == 0, result.err
    assert "nothing to do" in result.out
    assert snapshot(project) == before


@pytest.mark.parametrize("relpath", [URLS, *generated_modules()], ids=str)
def test_generated_and_patched_files_are_black_stable(relpath: Path) -> None:
    source = (EXAMPLE / relpath).read_text()
    assert black.format_str(source, mode=black.Mode(line_length=100)) == source
