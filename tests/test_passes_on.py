"""A base that reads a URL parameter but leaves it in kwargs: the handlers must accept it."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, copy_project, run_cli

READS_BUT_PASSES_ON = """\
from __future__ import annotations

from typing import Any

from .project import ProjectEndpoint


class ProjectEnvironmentEndpoint(ProjectEndpoint):
    def convert_args(self, request: Any, *args: Any, **kwargs: Any) -> tuple[Any, Any]:
        args, kwargs = super().convert_args(request, *args, **kwargs)
        environment_name = kwargs.get("environment_name")
        self.environment_name = environment_name
        return args, kwargs
"""
ROUTE = "projects/{organization_id_or_slug}/{project_id_or_slug}/environments/{environment_name}/"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The modern fixture with one more base, which reads environment_name and passes it on."""
    root = copy_project(FIXTURES / "modern", tmp_path / "modern")
    (root / "src/nova/api/bases/environment.py").write_text(READS_BUT_PASSES_ON)
    return root


def handler_params(module: Path, method: str) -> list[str]:
    tree = ast.parse(module.read_text())
    cls = next(node for node in tree.body if isinstance(node, ast.ClassDef))
    handler = next(f for f in cls.body if isinstance(f, ast.FunctionDef) and f.name == method)
    return [a.arg for a in handler.args.args]


def test_new_endpoint_on_a_base_that_passes_a_param_on_then_check_finds_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = run_cli(
        capsys, "new-endpoint", "ProjectEnvironmentStats", "--route", ROUTE, "--methods",
        "get,put", "--project", str(project),
    )  # fmt: skip
    assert made.code == 0, made.err
    module = project / "src/nova/api/endpoints/project_environment_stats.py"
    source = module.read_text()
    assert "class ProjectEnvironmentStatsEndpoint(ProjectEnvironmentEndpoint):" in source
    assert handler_params(module, "get") == ["self", "request", "project", "environment_name"]
    assert handler_params(module, "put") == ["self", "request", "project", "environment_name"]
    assert "environment_name: str" in source

    checked = run_cli(capsys, "check", "--project", str(project))
    assert checked.code == 0, checked.out + checked.err


def test_a_consumed_param_is_still_not_passed_on(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    popping = READS_BUT_PASSES_ON.replace(
        'kwargs.get("environment_name")', 'kwargs.pop("environment_name")'
    )
    (project / "src/nova/api/bases/environment.py").write_text(popping)
    made = run_cli(
        capsys, "new-endpoint", "ProjectEnvironmentStats", "--route", ROUTE, "--project",
        str(project),
    )  # fmt: skip
    assert made.code == 0, made.err
    module = project / "src/nova/api/endpoints/project_environment_stats.py"
    assert handler_params(module, "get") == ["self", "request", "project"]
    checked = run_cli(capsys, "check", "--project", str(project))
    assert checked.code == 0, checked.out + checked.err


def test_a_base_reading_a_param_in_a_python2_codebase_passes_it_on_unannotated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(FIXTURES / "ancient", tmp_path / "ancient")
    (root / "src/oldest/api/bases/environment.py").write_text(textwrap.dedent("""\
            from __future__ import absolute_import

            from oldest.api.bases.project import ProjectEndpoint


            class ProjectEnvironmentEndpoint(ProjectEndpoint):
                def convert_args(self, request, *args, **kwargs):
                    args, kwargs = super(ProjectEnvironmentEndpoint, self).convert_args(
                        request, *args, **kwargs
                    )
                    self.environment_name = kwargs['environment_name']
                    return (args, kwargs)
            """))
    route = "projects/{organization_slug}/{project_slug}/environments/{environment_name}/"
    made = run_cli(
        capsys, "new-endpoint", "ProjectEnvironmentStats", "--route", route, "--project", str(root)
    )
    assert made.code == 0, made.err
    module = root / "src/oldest/api/endpoints/project_environment_stats.py"
    assert handler_params(module, "get") == ["self", "request", "project", "environment_name"]
    assert "environment_name: str" not in module.read_text()
    checked = run_cli(capsys, "check", "--project", str(root))
    assert checked.code == 0, checked.out + checked.err
