"""What `generate` writes, `scaffold check` accepts: random specs on every project shape."""

from __future__ import annotations

import contextlib
import io
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaffold.cli import main
from tests.helpers import EXAMPLE, FIXTURES, copy_project, run_cli, snapshot
from tests.test_passes_on import READS_BUT_PASSES_ON

ORG = "organizations/{%s}/"
PROJECT = "projects/{%s}/{%s}/"


@dataclass(frozen=True)
class Shape:
    """A project to generate into: its package and the route prefixes its bases consume."""

    root: Path
    package: str
    scopes: dict[str, tuple[str, ...]]  # route prefix -> words the class name starts with
    extra_files: tuple[tuple[str, str], ...] = ()  # (relpath, text) added to the copy


def _scopes(org: str, project: str) -> dict[str, tuple[str, ...]]:
    return {"": (), ORG % org: ("Organization",), PROJECT % (org, project): ("Project",)}


MODERN_PROJECT = PROJECT % ("organization_id_or_slug", "project_id_or_slug")
MONITOR = MODERN_PROJECT + "monitors/{%s}/"
MODERN_SCOPES = {
    **_scopes("organization_id_or_slug", "project_id_or_slug"),
    "teams/{organization_id_or_slug}/{team_id_or_slug}/": ("Team",),
    MONITOR % "monitor_id_or_slug": ("ProjectMonitor",),
    MONITOR % "monitor_id_or_slug" + "checkins/{checkin_id}/": ("ProjectMonitorCheckin",),
}
SHAPES = {
    "ancient": Shape(FIXTURES / "ancient", "oldest", _scopes("organization_slug", "project_slug")),
    "legacy": Shape(FIXTURES / "legacy", "oldco", _scopes("organization_slug", "project_slug")),
    "inline": Shape(FIXTURES / "inline", "midco", _scopes("organization_slug", "project_slug")),
    "modern": Shape(FIXTURES / "modern", "nova", MODERN_SCOPES),
    "example": Shape(EXAMPLE, "acme", _scopes("organization_id_or_slug", "project_id_or_slug")),
    "modern-passes-on": Shape(  # a base that reads a URL parameter and leaves it in kwargs
        FIXTURES / "modern",
        "nova",
        {
            **MODERN_SCOPES,
            MODERN_PROJECT + "environments/{environment_name}/": ("ProjectEnvironment",),
        },
        (("src/nova/api/bases/environment.py", READS_BUT_PASSES_ON),),
    ),
}
# Words no fixture route or class uses, so every resource is new to the project.
WORDS = ["Gadget", "Gizmo", "Gauge", "Alert", "Item", "Report", "Api", "V2", "Key", "Sso"]
NESTED = [("thing", "Thing"), ("part", "Part")]  # nested lookups a route may end with
REGEXES = ["", ":[0-9]+", r":[\w-]+", ":[^/]+"]  # `{param:regex}`; "" for the project's own


@st.composite
def resources(draw: st.DrawFn, shape: Shape) -> dict[str, Any]:
    """One resource of a spec: a scope, literal words, maybe nested lookups, some methods."""
    scope = draw(st.sampled_from(sorted(shape.scopes)))
    nested = NESTED[: draw(st.integers(0, len(NESTED)))]
    words = draw(st.lists(st.sampled_from(WORDS), min_size=0 if nested else 1, max_size=3))
    raw: dict[str, Any] = {
        "name": "".join((*shape.scopes[scope], *words)),
        "route": scope + "".join(f"{w.lower()}/" for w in words),
        "methods": draw(
            st.lists(st.sampled_from(["get", "post", "put", "patch", "delete"]), min_size=1,
                     max_size=5, unique=True)
        ),
    }  # fmt: skip
    params = []
    taken = re.findall(r"{(\w+)}", scope)
    bases = [b for b in shape.scopes if taken[: b.count("{")] == re.findall(r"{(\w+)}", b)]
    base = draw(st.sampled_from([None, *sorted(bases)]))
    if base is not None:  # a base that takes fewer parameters: lookups for the others
        raw["base"] = "".join(shape.scopes[base]) + "Endpoint"
        params = taken[base.count("{") :]
    for stem, model in nested:
        param = stem + draw(st.sampled_from(["_id", "_id_or_slug", "_slug"]))
        raw["route"] += f"{{{param}{draw(st.sampled_from(REGEXES))}}}/"
        raw["name"] += model
        params.append(param)
    lookups: dict[str, Any] = {}
    for param in params:
        kind = draw(st.sampled_from(["scoped", "unscoped", "passthrough"]))
        if kind == "passthrough":
            lookups[param] = {"passthrough": True}
            continue
        stem = param.split("_")[0]
        lookups[param] = {"model": f"{shape.package}.models.{stem.capitalize()}"}
        if param.endswith("_name"):
            lookups[param]["field"] = "name"
        if draw(st.booleans()):
            lookups[param]["name"] = f"{stem}_obj"
        if kind == "unscoped":
            lookups[param]["parent"] = None
    if lookups:
        raw["lookups"] = lookups
    return raw


def specs(shape: Shape) -> st.SearchStrategy[list[dict[str, Any]]]:
    return st.lists(
        resources(shape),
        min_size=1,
        max_size=4,
        unique_by=(lambda r: r["name"], lambda r: r["route"]),
    )


def run(*argv: str) -> tuple[int, str]:
    """`scaffold ARGV` in-process: exit code and what it printed."""
    out = io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(out),
        pytest.raises(SystemExit) as exit_info,
    ):
        main(list(argv))
    code = exit_info.value.code
    return (code if isinstance(code, int) else 1), out.getvalue()


def _add_models(root: Path, package: str, resources: list[dict[str, Any]]) -> None:
    """The models the lookups name, as placeholder classes of the project's models module:
    scaffold refuses a model path that names nothing in the project, or a plain class (a
    stand-in declares `objects`)."""
    models = root / "src" / package / "models"
    module = models / "__init__.py" if models.is_dir() else models.with_suffix(".py")
    text = module.read_text() if module.exists() else ""
    for resource in resources:
        for lookup in resource.get("lookups", {}).values():
            name = lookup.get("model", "").rpartition(".")[2]
            if name and f"class {name}" not in text:
                text += f"\n\nclass {name}:\n    objects = None  # a stand-in for a model\n"
    module.parent.mkdir(parents=True, exist_ok=True)
    module.write_text(text)


def generate_then_check(shape: Shape, resources: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_project(shape.root, Path(tmp) / "project")
        for relpath, text in shape.extra_files:
            (root / relpath).write_text(text)
        _add_models(root, shape.package, resources)
        spec = Path(tmp) / "spec.yaml"
        spec.write_text(yaml.safe_dump({"resources": resources}, sort_keys=False))
        code, output = run("generate", str(spec), "--project", str(root))
        assert code == 0, output
        code, output = run("check", "--project", str(root), "--format", "json")
        problems = json.loads(output)["problems"] if output.startswith("{") else output
        assert (code, problems) == (0, []), spec.read_text()


@pytest.mark.parametrize("name", sorted(SHAPES))
@settings(
    max_examples=6,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_check_accepts_what_generate_writes(name: str, data: st.DataObject) -> None:
    shape = SHAPES[name]
    generate_then_check(shape, data.draw(specs(shape), label="resources"))


@pytest.mark.parametrize(
    ("route", "extra", "finding"),
    [
        (  # ProjectEndpoint's convert_args needs the project the route does not give
            "organizations/{organization_id_or_slug}/widgetz/",
            (),
            "convert_args needs project_id_or_slug, which the route does not capture",
        ),
        (  # a lookup cannot be added to a class kept as written: its get() does not take it
            "projects/{organization_id_or_slug}/{project_id_or_slug}/widgetz/{widget_id_or_slug}/",
            ("--lookup", "widget_id_or_slug=acme.models.widget.Widget"),
            "get() does not accept 'widget_id_or_slug'",
        ),
    ],
)
def test_a_route_a_kept_class_cannot_serve_is_refused(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    route: str,
    extra: tuple[str, ...],
    finding: str,
) -> None:
    """`--skip` registers the class as written: a route it cannot take (a TypeError, a 500, on
    every request, and a finding of `scaffold check`) is refused, and nothing is written."""
    project = copy_project(EXAMPLE, tmp_path / "example")
    before = snapshot(project)
    argv = ("new-endpoint", "ProjectWidgets", "--route", route, "--skip", "--url-name", "x-1")

    result = run_cli(capsys, *argv, *extra, "--project", str(project))

    assert result.code == 1, result.out
    assert "cannot take it" in result.err and finding in result.err
    assert snapshot(project) == before
    served = (*argv[:3], "projects/{organization_id_or_slug}/{project_id_or_slug}/widgets-v2/")
    assert (
        run_cli(capsys, *served, "--skip", "--url-name", "x-2", "--project", str(project)).code == 0
    )
    assert run_cli(capsys, "check", "--project", str(project)).code == 0
