"""Properties of writing, on real copies of the example: random sequences of new-endpoint and
remove, and random mutations of a valid spec (they work, or fail cleanly with nothing written)."""

from __future__ import annotations

import ast
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import black
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaffold.errors import ConflictError, ScaffoldError
from scaffold.generate.build import OnExisting, build_plan
from scaffold.generate.removal import build_removal_plan
from scaffold.project.settings import load_settings
from scaffold.spec import resource_from_flags
from scaffold.write.plan import apply
from tests.helpers import EXAMPLE, changed_files, run_cli, snapshot
from tests.test_bad_input import run_like_a_process

MODE = black.Mode(line_length=100)
ORG = "organizations/{organization_id_or_slug}/"
PROJECT = "projects/{organization_id_or_slug}/{project_id_or_slug}/"
# Endpoints that land in different lists (top level, organization, project, an inline list)
POOL: list[dict[str, Any]] = [
    {"name": "Cogs", "route": "cogs/", "methods": ["get"]},
    {"name": "OrganizationGizmos", "route": ORG + "gizmos/", "methods": ["get", "post"]},
    {"name": "OrganizationGizmoStats", "route": ORG + "gizmos/stats/", "methods": ["get"]},
    {"name": "ProjectSprockets", "route": PROJECT + "sprockets/", "methods": ["get", "put"]},
    {
        "name": "ProjectSprocketDetails",
        "route": PROJECT + "sprockets/{sprocket_id}/",
        "methods": ["get", "delete"],
        "lookups": {"sprocket_id": {"model": "acme.models.widget.Widget"}},
    },
]
SLOW = {
    "deadline": None,
    "derandomize": True,
    # capsys is read afresh by every run, so sharing it between examples is safe
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}


@contextmanager
def example_copy() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "p"
        shutil.copytree(EXAMPLE, project, ignore=shutil.ignore_patterns("__pycache__"))
        yield project


@settings(max_examples=25, **SLOW)  # type: ignore[arg-type]
@given(st.lists(st.tuples(st.booleans(), st.integers(0, len(POOL) - 1)), max_size=8))
def test_any_sequence_of_new_and_remove_ends_where_it_started(
    steps: list[tuple[bool, int]],
) -> None:
    """Adding refuses what exists, removing refuses what is absent; urls.py parses after every
    step; removing whatever is left gives back the original project byte for byte."""
    with example_copy() as project:
        original = snapshot(project)
        project_settings = load_settings(project)
        urls = project_settings.urls_path
        present: set[int] = set()

        def add(index: int) -> None:
            spec = resource_from_flags(dict(POOL[index]))
            apply(build_plan(project_settings, [spec], OnExisting.FAIL))

        def remove(index: int) -> None:
            name = str(POOL[index]["name"])
            apply(build_removal_plan(project_settings, name, force=False))

        for adding, index in steps:
            if adding and index in present:
                with pytest.raises(ConflictError):
                    add(index)
            elif adding:
                add(index)
                present.add(index)
            elif index in present:
                remove(index)
                present.discard(index)
            else:
                with pytest.raises(ScaffoldError):
                    remove(index)
            text = urls.read_text(encoding="utf-8")
            ast.parse(text)
            assert black.format_str(text, mode=MODE) == text
        for index in sorted(present):
            remove(index)
        assert snapshot(project) == original


# -- mutated specs --------------------------------------------------------------------------------

HOSTILE_TEXT = st.sampled_from(
    [
        "",
        "x",
        '"',
        "'''",
        '"""; import os; """',
        "a\nb",
        "__import__('os').system('true')",
        "../../etc/passwd",
        "/abs/path",
        "{x}",
        "(?P<x>",
        "Widgets",
        "widgets/",
        "get",
        "acme.models.widget.Widget",
        "é",
        "\x00",
        "class",
    ]
)
VALUES = st.one_of(
    HOSTILE_TEXT,
    st.text(max_size=12),
    st.integers(-2, 2),
    st.booleans(),
    st.none(),
    st.lists(HOSTILE_TEXT, max_size=2),
    st.dictionaries(HOSTILE_TEXT, HOSTILE_TEXT, max_size=2),
)
FIELDS = ["name", "route", "methods", "base", "owner", "publish_status", "permission_classes"]
FIELDS += ["silo", "lookups", "url_name", "description", "nmae", "module"]


def _valid_spec() -> list[dict[str, object]]:
    loaded = yaml.safe_load((EXAMPLE / "spec.yaml").read_text(encoding="utf-8"))
    resources = loaded["resources"] if isinstance(loaded, dict) else loaded
    return [dict(POOL[1]), dict(POOL[4]), *resources[:2]]


@settings(max_examples=30, **SLOW)  # type: ignore[arg-type]
@given(
    mutations=st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(FIELDS), st.one_of(st.just(...), VALUES)),
        min_size=1,
        max_size=3,
    )
)
def test_a_mutated_spec_works_or_fails_cleanly_with_nothing_written(
    mutations: list[tuple[int, str, object]], capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _valid_spec()
    for index, field, value in mutations:
        if value is ...:
            spec[index].pop(field, None)
        else:
            spec[index][field] = value
    with example_copy() as project:
        (project / "spec.yaml").write_text(yaml.safe_dump(spec), encoding="utf-8")
        before = snapshot(project)
        argv = ("generate", str(project / "spec.yaml"), "--project", str(project))
        result = run_like_a_process(capsys, *argv)
        assert "Traceback" not in result.err, result.err
        if result.code != 0:
            assert result.code in (1, 2)
            assert result.err.startswith("error: ") and result.err.count("\n") == 1, result.err
            assert snapshot(project) == before
            return
        after = snapshot(project)
        for path, data in changed_files(before, after).items():
            if data is not None and path.endswith(".py"):
                text = data.decode()
                ast.parse(text)
                assert black.format_str(text, mode=MODE) == text, path
        again = run_cli(capsys, *argv)
        assert again.code == 0, again.err
        assert snapshot(project) == after  # generating the same spec twice changes nothing


def test_a_plan_holding_code_that_parses_but_does_not_compile_is_refused(tmp_path: Path) -> None:
    """`f(id=a, id=b)` parses and does not compile: validation compiles, so nothing is written."""
    from scaffold.errors import WriteError
    from scaffold.write.plan import FileChange, Plan, validate

    plan = Plan(tmp_path)
    plan.add(FileChange(tmp_path / "m.py", None, "x = dict(id=1, id=2)\n"))
    with pytest.raises(WriteError, match=r"m.py:1: the generated code does not compile"):
        validate(plan)
    assert not (tmp_path / "m.py").exists()
