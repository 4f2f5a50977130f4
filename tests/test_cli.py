"""Happy paths of the `scaffold` CLI, run on throwaway copies of the example and the fixtures."""

from __future__ import annotations

import ast
import difflib
import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import black
import pytest

from tests.helpers import EXAMPLE, FIXTURES, changed_files, copy_project, run_cli, snapshot

LINE_LENGTH = 100  # every project here sets black's (or ruff's) line length to 100
EXAMPLE_URLS = "src/acme/api/urls.py"
EXAMPLE_ENDPOINTS = "src/acme/api/endpoints"


@dataclass(frozen=True)
class NewEndpoint:
    """One `new-endpoint` call on a project and where its output lands."""

    project: Path
    args: tuple[str, ...]
    module: str  # path of the new module, relative to the project root
    urls: str  # path of urls.py, relative to the project root


NEW_ENDPOINTS = {
    "example": NewEndpoint(
        EXAMPLE,
        (
            "OrganizationReports",
            "--route",
            "organizations/{organization_id_or_slug}/reports/",
            "--methods",
            "get,post",
        ),
        f"{EXAMPLE_ENDPOINTS}/organization_reports.py",
        EXAMPLE_URLS,
    ),
    "legacy": NewEndpoint(
        FIXTURES / "legacy",
        ("OrganizationReports", "--route", "organizations/{organization_slug}/reports/"),
        "src/oldco/api/endpoints/organization_reports.py",
        "src/oldco/api/urls.py",
    ),
    "modern": NewEndpoint(
        FIXTURES / "modern",
        (
            "ProjectReports",
            "--route",
            "projects/{organization_id_or_slug}/{project_id_or_slug}/reports/",
        ),
        "src/nova/api/endpoints/project_reports.py",
        "src/nova/api/urls.py",
    ),
}


def is_black_clean(text: str) -> bool:
    return black.format_str(text, mode=black.Mode(line_length=LINE_LENGTH)) == text


def removed_lines(before: str, after: str) -> list[str]:
    """Lines of `before` that a unified diff to `after` removes."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line.startswith("-") and not line.startswith("---")]


def class_def(source: str, name: str) -> ast.ClassDef:
    tree = ast.parse(source)
    found = [node for node in tree.body if isinstance(node, ast.ClassDef) and node.name == name]
    assert len(found) == 1, f"class {name} not found once"
    return found[0]


def method(cls: ast.ClassDef, name: str) -> ast.FunctionDef:
    found = [n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == name]
    assert len(found) == 1, f"{cls.name}.{name} not found once"
    return found[0]


def arg_names(function: ast.FunctionDef) -> list[str]:
    return [a.arg for a in function.args.args]


def class_attribute(cls: ast.ClassDef, name: str) -> ast.expr:
    for node in cls.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return node.value
    raise AssertionError(f"{cls.name}.{name} is not assigned")


def imported_from(source: str) -> dict[str, str]:
    """Local name -> module, for every `from module import name` at module level."""
    return {
        alias.asname or alias.name: node.module or ""
        for node in ast.parse(source).body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


# -- new-endpoint ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(NEW_ENDPOINTS))
def test_new_endpoint_creates_module_and_only_adds_to_urls(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = NEW_ENDPOINTS[name]
    project = copy_project(case.project, tmp_path / "project")
    before = snapshot(project)

    result = run_cli(capsys, "new-endpoint", *case.args, "--no-tests", "--project", str(project))

    assert result.code == 0, result.err
    assert result.err == ""
    after = snapshot(project)
    assert set(changed_files(before, after)) == {case.module, case.urls}
    assert before.get(case.module) is None
    old_urls, new_urls = before[case.urls].decode(), after[case.urls].decode()
    assert removed_lines(old_urls, new_urls) == []
    assert len(new_urls.splitlines()) > len(old_urls.splitlines())
    for touched in (case.module, case.urls):
        assert is_black_clean(after[touched].decode()), f"black would reformat {touched}"
    class_name = case.args[0] + "Endpoint"
    class_def(after[case.module].decode(), class_name)  # parses, defines the class
    assert f"{class_name}.as_view()" in new_urls
    assert f"create  {case.module}" in result.out


def test_new_endpoint_again_refuses_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = NEW_ENDPOINTS["example"]
    project = copy_project(EXAMPLE, tmp_path / "project")
    assert run_cli(capsys, "new-endpoint", *case.args, "--project", str(project)).code == 0
    before = snapshot(project)

    again = run_cli(capsys, "new-endpoint", *case.args, "--project", str(project))

    assert again.code == 1
    assert again.err.startswith(f"error: {case.module}: ")
    assert "already exists" in again.err and "--force" in again.err and "--skip" in again.err
    assert snapshot(project) == before


def test_new_endpoint_force_rewrites_identical_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = NEW_ENDPOINTS["example"]
    project = copy_project(EXAMPLE, tmp_path / "project")
    assert run_cli(capsys, "new-endpoint", *case.args, "--project", str(project)).code == 0
    before = snapshot(project)

    forced = run_cli(capsys, "new-endpoint", *case.args, "--force", "--project", str(project))

    assert forced.code == 0, forced.err
    assert snapshot(project) == before
    assert "nothing to do" in forced.out


def _create_then_hand_edit(
    project: Path, capsys: pytest.CaptureFixture[str], case: NewEndpoint
) -> tuple[Path, str]:
    """Run `case`, then edit the module by hand; return it and its generated text."""
    assert run_cli(capsys, "new-endpoint", *case.args, "--project", str(project)).code == 0
    module = project / case.module
    generated = module.read_text(encoding="utf-8")
    edited = generated.replace("return Response([])", "return Response(['hand-written'])")
    assert edited != generated
    module.write_text(edited, encoding="utf-8")
    return module, generated


def test_new_endpoint_skip_keeps_a_hand_edited_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = NEW_ENDPOINTS["example"]
    project = copy_project(EXAMPLE, tmp_path / "project")
    _create_then_hand_edit(project, capsys, case)
    before = snapshot(project)

    skipped = run_cli(capsys, "new-endpoint", *case.args, "--skip", "--project", str(project))

    assert skipped.code == 0, skipped.err
    assert snapshot(project) == before
    assert f"keep    {case.module}" in skipped.out


def test_new_endpoint_force_replaces_a_hand_edited_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = NEW_ENDPOINTS["example"]
    project = copy_project(EXAMPLE, tmp_path / "project")
    module, generated = _create_then_hand_edit(project, capsys, case)
    before = snapshot(project)

    forced = run_cli(capsys, "new-endpoint", *case.args, "--force", "--project", str(project))

    assert forced.code == 0, forced.err
    assert module.read_text(encoding="utf-8") == generated
    assert changed_files(before, snapshot(project)) == {case.module: generated.encode()}
    assert f"replace {case.module}" in forced.out


def test_skip_registers_an_existing_unregistered_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    module = project / EXAMPLE_ENDPOINTS / "things.py"
    module.write_text("# written by hand, without the class yet\n", encoding="utf-8")
    argv = ("new-endpoint", "Things", "--route", "things/", "--skip", "--project", str(project))
    before = snapshot(project)
    refused = run_cli(capsys, *argv)  # urls.py would import what the module does not define
    assert refused.code != 0 and "defines no ThingsEndpoint" in refused.err
    assert snapshot(project) == before
    hand_written = (
        "# written by hand before scaffold ran\n"
        "from acme.api.base import Endpoint\n\n\n"
        "class ThingsEndpoint(Endpoint):\n"
        "    def get(self, request):\n"
        "        return None\n"
    )
    module.write_text(hand_written, encoding="utf-8")
    before = snapshot(project)

    result = run_cli(capsys, *argv)

    assert result.code == 0, result.err
    after = snapshot(project)
    assert set(changed_files(before, after)) == {EXAMPLE_URLS}
    assert after[f"{EXAMPLE_ENDPOINTS}/things.py"] == hand_written.encode()
    assert "from .endpoints.things import ThingsEndpoint" in after[EXAMPLE_URLS].decode()


def test_skip_registers_a_kept_class_named_like_the_base_it_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`class SentryAppDetailsEndpoint(BaseEndpoint)`, where the module imports the base of
    that name as `BaseEndpoint`: scaffold could not write that module anew (its class would
    shadow the base it imports), but --skip keeps it, so registering it needs no rendering."""
    project = copy_project(EXAMPLE, tmp_path / "project")
    hand_written = (
        "from acme.api.bases.organization import OrganizationEndpoint as BaseEndpoint\n\n\n"
        "class OrganizationEndpoint(BaseEndpoint):\n"
        "    def get(self, request, organization):\n"
        "        return None\n"
    )
    (project / EXAMPLE_ENDPOINTS / "organization.py").write_text(hand_written, encoding="utf-8")
    argv = ["new-endpoint", "Organization", "--route", "organizations/{organization_id_or_slug}/x/"]
    argv += [
        "--base",
        "acme.api.bases.organization.OrganizationEndpoint",
        "--project",
        str(project),
    ]
    before = snapshot(project)

    forced = run_cli(capsys, *argv, "--force")
    assert forced.code == 2 and "would shadow the name imported from" in forced.err
    assert snapshot(project) == before
    result = run_cli(capsys, *argv, "--skip")

    assert result.code == 0, result.err
    after = snapshot(project)
    assert set(changed_files(before, after)) == {EXAMPLE_URLS}
    assert (
        "from .endpoints.organization import OrganizationEndpoint" in after[EXAMPLE_URLS].decode()
    )
    assert (
        f"keep    {EXAMPLE_ENDPOINTS}/organization.py  (--skip: kept as written; scaffold did "
        "not write it in this clone)"
    ) in result.out
    assert "differ from what this command would generate" not in result.out  # asked to keep it
    assert run_cli(capsys, "check", "--project", str(project)).code == 0


_WIDGET_TOOLS = ("Summary", "Stats", "Export")
_WIDGET_TOOLS_IMPORT = (  # the three joined in one statement, isort's order
    "from .endpoints.widget_tools import (\n"
    "    ProjectWidgetExportEndpoint,\n"
    "    ProjectWidgetStatsEndpoint,\n"
    "    ProjectWidgetSummaryEndpoint,\n"
    ")\n"
)


def _widget_tools_spec(path: Path, names: tuple[str, ...]) -> Path:
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/widgets"
    path.write_text(
        "resources:\n"
        + "".join(
            f"  - name: ProjectWidget{n}\n    route: {route}/{n.lower()}/\n    methods: [get]\n"
            "    module: acme.api.endpoints.widget_tools\n"
            for n in names
        )
    )
    return path


def _widget_tools_project(tmp_path: Path) -> Path:
    """The example with a package of three kept endpoints that its `__init__.py` re-exports."""
    project = copy_project(EXAMPLE, tmp_path / "project")
    package = project / EXAMPLE_ENDPOINTS / "widget_tools"
    package.mkdir()
    for n in _WIDGET_TOOLS:
        (package / f"{n.lower()}.py").write_text(
            "from acme.api.bases.project import ProjectEndpoint\n\n\n"
            f"class ProjectWidget{n}Endpoint(ProjectEndpoint):\n"
            "    def get(self, request, project):\n"
            "        return None\n"
        )
    (package / "__init__.py").write_text(
        "".join(
            f"from .{n.lower()} import ProjectWidget{n}Endpoint\n" for n in sorted(_WIDGET_TOOLS)
        )
        + "\n__all__ = [\n"
        + "".join(f'    "ProjectWidget{n}Endpoint",\n' for n in sorted(_WIDGET_TOOLS))
        + "]\n"
    )
    return project


def test_generate_imports_new_names_of_one_module_in_one_statement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Registrations of one run that urls.py imports from a module it did not import from
    before share one statement, names in isort order, as isort would merge them."""
    project = _widget_tools_project(tmp_path)
    spec = _widget_tools_spec(tmp_path / "spec.yaml", _WIDGET_TOOLS)

    result = run_cli(
        capsys, "generate", str(spec), "--skip", "--no-tests", "--project", str(project)
    )

    assert result.code == 0, result.err
    urls = (project / EXAMPLE_URLS).read_text(encoding="utf-8")
    assert _WIDGET_TOOLS_IMPORT in urls
    assert urls.count("widget_tools") == 1
    assert run_cli(capsys, "check", "--project", str(project)).code == 0


@pytest.mark.parametrize("exploded", [False, True])
def test_generate_joins_two_names_to_one_import_in_one_run(
    exploded: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A package re-exporting its endpoints (Sentry's `api/endpoints/integrations/`), urls.py
    importing one of them from it: two more registered by one spec both join that import
    (written on one line or one name per line), in one run."""
    project = _widget_tools_project(tmp_path)
    flags = ("--skip", "--no-tests", "--project", str(project))
    first = _widget_tools_spec(tmp_path / "first.yaml", _WIDGET_TOOLS[:1])
    assert run_cli(capsys, "generate", str(first), *flags).code == 0
    urls = project / EXAMPLE_URLS
    one_line = "from .endpoints.widget_tools import ProjectWidgetSummaryEndpoint\n"
    assert one_line in urls.read_text(encoding="utf-8")
    if exploded:
        text = urls.read_text(encoding="utf-8")
        urls.write_text(
            text.replace(one_line, one_line.replace(" Pro", " (\n    Pro")[:-1] + ",\n)\n")
        )
    spec = _widget_tools_spec(tmp_path / "spec.yaml", _WIDGET_TOOLS[1:])

    result = run_cli(capsys, "generate", str(spec), *flags)

    assert result.code == 0, result.err
    assert _WIDGET_TOOLS_IMPORT in urls.read_text(encoding="utf-8")
    assert run_cli(capsys, "check", "--project", str(project)).code == 0
    before = snapshot(project)
    assert run_cli(capsys, "generate", str(spec), *flags).code == 0
    assert snapshot(project) == before


def test_dry_run_prints_the_diff_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = NEW_ENDPOINTS["example"]
    project = copy_project(EXAMPLE, tmp_path / "project")
    before = snapshot(project)

    preview = run_cli(
        capsys, "new-endpoint", *case.args, "--dry-run", "--no-tests", "--project", str(project)
    )

    assert preview.code == 0, preview.err
    assert snapshot(project) == before
    assert f"--- /dev/null\n+++ b/{case.module}\n" in preview.out
    assert f"--- a/{case.urls}\n+++ b/{case.urls}\n" in preview.out
    assert "nothing was written" in preview.out

    # The preview shows exactly what a real run then writes.
    real = copy_project(EXAMPLE, tmp_path / "real")
    assert run_cli(capsys, "new-endpoint", *case.args, "--project", str(real)).code == 0
    module_diff = preview.out.split(f"+++ b/{case.module}\n", 1)[1].split("--- a/", 1)[0]
    shown = [line[1:] for line in module_diff.splitlines() if line.startswith("+")]
    assert shown == (real / case.module).read_text(encoding="utf-8").splitlines()


def test_nested_route_with_lookup_subclasses_project_endpoint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")

    result = run_cli(
        capsys,
        "new-endpoint",
        "ProjectGadgetDetails",
        "--route",
        "projects/{organization_id_or_slug}/{project_id_or_slug}/gadgets/{gadget_id}/",
        "--lookup",
        "gadget_id=acme.models.widget.Widget",
        "--methods",
        "get,delete",
        "--project",
        str(project),
    )

    assert result.code == 0, result.err
    source = (project / EXAMPLE_ENDPOINTS / "project_gadget_details.py").read_text()
    cls = class_def(source, "ProjectGadgetDetailsEndpoint")
    assert [ast.unparse(base) for base in cls.bases] == ["ProjectEndpoint"]
    assert imported_from(source)["ProjectEndpoint"] == "acme.api.bases.project"
    convert_args = method(cls, "convert_args")
    assert arg_names(convert_args) == ["self", "request", "gadget_id"]
    assert "kwargs['project'].id" in ast.unparse(convert_args)  # scoped by the base's project
    assert arg_names(method(cls, "get")) == ["self", "request", "project", "gadget"]
    assert arg_names(method(cls, "delete")) == ["self", "request", "project", "gadget"]
    urls = (project / EXAMPLE_URLS).read_text()
    project_urls = next(
        node.value
        for node in ast.parse(urls).body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and node.target.id == "PROJECT_URLS"
    )
    assert project_urls is not None
    assert "ProjectGadgetDetailsEndpoint.as_view()" in ast.unparse(project_urls)
    assert (
        r'r"^(?P<organization_id_or_slug>[^/]+)/(?P<project_id_or_slug>[^/]+)/gadgets/'
        r'(?P<gadget_id>[^/]+)/$"' in urls
    )


def test_publish_status_per_method_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")

    result = run_cli(
        capsys,
        "new-endpoint",
        "Things",
        "--route",
        "things/",
        "--methods",
        "get,post",
        "--publish-status",
        "get=public,post=private",
        "--project",
        str(project),
    )

    assert result.code == 0, result.err
    cls = class_def((project / EXAMPLE_ENDPOINTS / "things.py").read_text(), "ThingsEndpoint")
    status = class_attribute(cls, "publish_status")
    assert isinstance(status, ast.Dict)
    assert {
        ast.literal_eval(key): ast.unparse(value)
        for key, value in zip(status.keys, status.values, strict=True)
        if key is not None
    } == {"GET": "ApiPublishStatus.PUBLIC", "POST": "ApiPublishStatus.PRIVATE"}


def test_repeated_lookup_and_permission_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")

    result = run_cli(
        capsys,
        "new-endpoint",
        "ThingParts",
        "--route",
        "widgets/{widget_id}/parts/{part_id}/",
        "--lookup",
        "widget_id=acme.models.widget.Widget",
        "--lookup",
        "part_id=acme.models.widget.WidgetRevision",
        "--permission",
        "rest_framework.permissions.AllowAny",
        "--permission",
        "rest_framework.permissions.IsAdminUser",
        "--project",
        str(project),
    )

    assert result.code == 0, result.err
    source = (project / EXAMPLE_ENDPOINTS / "thing_parts.py").read_text()
    cls = class_def(source, "ThingPartsEndpoint")
    permissions = class_attribute(cls, "permission_classes")
    assert ast.unparse(permissions) == "(AllowAny, IsAdminUser)"
    imports = imported_from(source)
    assert imports["AllowAny"] == imports["IsAdminUser"] == "rest_framework.permissions"
    assert imports["Widget"] == imports["WidgetRevision"] == "acme.models.widget"
    convert_args = method(cls, "convert_args")
    assert arg_names(convert_args) == ["self", "request", "widget_id", "part_id"]
    body = ast.unparse(convert_args)
    assert "Widget.objects.get(id=widget_id)" in body
    assert "WidgetRevision.objects.get(widget_id=widget.id, id=part_id)" in body
    assert arg_names(method(cls, "get")) == ["self", "request", "widget", "part"]


# -- generate --------------------------------------------------------------------------------

NEW_SPEC = textwrap.dedent("""\
    defaults:
      owner: telemetry
    resources:
      - name: OrganizationReports
        route: organizations/{organization_id_or_slug}/reports/
        methods: [get, post]
      - name: OrganizationReportDetails
        route: organizations/{organization_id_or_slug}/reports/{report_id}/
        methods: [get, delete]
        publish_status: {get: public, delete: private}
        lookups:
          report_id:
            model: acme.models.dashboard.Dashboard
    """)


def test_generate_twice_changes_nothing_the_second_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    spec = tmp_path / "spec.yaml"
    spec.write_text(NEW_SPEC, encoding="utf-8")
    original = snapshot(project)

    first = run_cli(capsys, "generate", str(spec), "--no-tests", "--project", str(project))

    assert first.code == 0, first.err
    once = snapshot(project)
    assert set(changed_files(original, once)) == {
        f"{EXAMPLE_ENDPOINTS}/organization_reports.py",
        f"{EXAMPLE_ENDPOINTS}/organization_report_details.py",
        EXAMPLE_URLS,
    }
    assert removed_lines(original[EXAMPLE_URLS].decode(), once[EXAMPLE_URLS].decode()) == []
    for path in changed_files(original, once):
        assert is_black_clean(once[path].decode()), f"black would reformat {path}"

    second = run_cli(capsys, "generate", str(spec), "--project", str(project))

    assert second.code == 0, second.err
    assert snapshot(project) == once
    assert "nothing to do" in second.out


def test_generate_force_rerenders_the_example_identically(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    before = snapshot(project)

    result = run_cli(
        capsys, "generate", str(project / "spec.yaml"), "--force", "--project", str(project)
    )

    assert result.code == 0, result.err
    assert changed_files(before, snapshot(project)) == {}


def test_generate_dry_run_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    spec = tmp_path / "spec.yaml"
    spec.write_text(NEW_SPEC, encoding="utf-8")
    before = snapshot(project)

    result = run_cli(
        capsys, "generate", str(spec), "--dry-run", "--no-tests", "--project", str(project)
    )

    assert result.code == 0, result.err
    assert snapshot(project) == before
    assert f"+++ b/{EXAMPLE_ENDPOINTS}/organization_reports.py" in result.out
    assert f"+++ b/{EXAMPLE_ENDPOINTS}/organization_report_details.py" in result.out
    assert f"+++ b/{EXAMPLE_URLS}" in result.out
    assert "3 file(s) would change" in result.out


# -- the program itself ----------------------------------------------------------------------


def test_python_dash_m_scaffold_help_lists_the_commands(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "scaffold", "--help"],
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )

    assert completed.returncode == 0, completed.stderr
    assert "new-endpoint" in completed.stdout
    assert "generate" in completed.stdout
    assert "Traceback" not in completed.stderr


_IMPORTS_PROBE = """
import json, sys
from scaffold.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
heavy = [m for m in ("libcst", "black", "jinja2", "yaml") if m in sys.modules]
print("PROBE=" + json.dumps({"code": code, "heavy": heavy}))
"""


@pytest.mark.parametrize(
    "argv", [["--help"], ["new-endpoint", "--help"], ["generate", "--help"]], ids=" ".join
)
def test_help_does_not_import_the_heavy_libraries(argv: list[str], tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-c", _IMPORTS_PROBE, *argv],
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )

    assert completed.returncode == 0, completed.stderr
    probe_line = next(line for line in completed.stdout.splitlines() if line.startswith("PROBE="))
    probe = json.loads(probe_line.removeprefix("PROBE="))
    assert probe == {"code": 0, "heavy": []}
    assert "Usage:" in completed.stdout


@pytest.mark.parametrize(
    "argv, expected",
    [
        ([], "Usage: scaffold"),
        (["new-endpoint"], "Missing argument 'NAME'"),
        (["new-endpoint", "Things", "--bogus"], "No such option: --bogus"),
        (["generate"], "Missing argument 'SPEC'"),
    ],
)
def test_usage_errors_exit_2_without_a_traceback(argv: list[str], expected: str) -> None:
    """Usage errors come from typer's own (vendored) click: they must not escape as tracebacks."""
    completed = subprocess.run(
        [sys.executable, "-m", "scaffold", *argv], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 2
    assert "Traceback" not in completed.stderr
    assert expected in completed.stderr


def test_generate_says_which_kept_modules_differ_from_the_spec(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A spec whose methods changed since generation: the module is kept, and "nothing to do"
    says so rather than claiming all is as the spec says. Only for a module scaffold wrote in
    this clone (its record says so) does it advise --force; another (a clone's example, a
    hand-written module a listed spec names) is only said to differ, and kept."""
    project = copy_project(EXAMPLE, tmp_path / "project")  # no record: the clone's own
    spec = tmp_path / "spec.yaml"
    changed = (
        (EXAMPLE / "spec.yaml").read_text().replace("methods: [get, post]", "methods: [get]", 1)
    )
    spec.write_text(changed)
    before = snapshot(project)
    result = run_cli(capsys, "generate", str(spec), "--project", str(project))
    assert result.code == 0, result.err
    assert snapshot(project) == before
    assert result.out.endswith(
        "; 1 module(s) scaffold did not write in this clone differ from what this command "
        "would generate now: kept as they are\n"
    )
    dry = run_cli(capsys, "generate", str(spec), "--dry-run", "--project", str(project))
    assert dry.out.endswith(  # a dry run says the same of what it keeps
        "dry run: 0 file(s) would change; nothing was written; 1 module(s) scaffold did not "
        "write in this clone differ from what this command would generate now: kept as they "
        "are\n"
    )
    unchanged = run_cli(capsys, "generate", str(EXAMPLE / "spec.yaml"), "--project", str(project))
    assert "differ" not in unchanged.out

    module = project / EXAMPLE_ENDPOINTS / "organization_dashboards.py"
    module.unlink()  # written again by scaffold, in this clone: its record has it
    assert (
        run_cli(capsys, "generate", str(EXAMPLE / "spec.yaml"), "--project", str(project)).code == 0
    )
    result = run_cli(capsys, "generate", str(spec), "--project", str(project))
    assert "; 1 module(s) differ from what this command would generate now" in result.out
    assert "--force regenerates them" in result.out and "did not write" not in result.out


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--format", "json"],
        ["list"],
        ["check"],
        ["generate", str(EXAMPLE / "spec.yaml"), "--dry-run"],
    ],
)
def test_a_reader_gone_is_sigpipes_exit_code_and_no_traceback(argv: list[str]) -> None:
    """`scaffold list | head`: the reader leaves; the exit code is the shell's for a process
    SIGPIPE ended (141), not 1 ("refused", or "problems" for check), and nothing on stderr."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # gone before the first write
    try:
        done = subprocess.run(
            [sys.executable, "-m", "scaffold", *argv, "--project", str(EXAMPLE)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (141, "")


def test_a_per_method_publish_status_in_defaults_serves_resources_of_other_methods(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`defaults: {publish_status: {get: public, post: experimental}}` for a resource of get and
    post and one of get and delete: each takes its own methods' statuses, and a method the
    defaults do not name gets the default (PRIVATE). A resource's own mapping must still name
    each of its methods."""
    project = copy_project(EXAMPLE, tmp_path / "project")
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "defaults:\n  publish_status: {get: public, post: experimental}\n"
        "resources:\n"
        "  - {name: Things, route: things/, methods: [get, post]}\n"
        "  - {name: Stuff, route: stuff/, methods: [get, delete]}\n"
    )

    result = run_cli(capsys, "generate", str(spec), "--no-tests", "--project", str(project))

    assert result.code == 0, result.err

    def statuses(module: str, name: str) -> dict[str, str]:
        cls = class_def((project / EXAMPLE_ENDPOINTS / module).read_text(), name)
        status = class_attribute(cls, "publish_status")
        assert isinstance(status, ast.Dict)
        return {
            ast.literal_eval(k): ast.unparse(v).rpartition(".")[2]
            for k, v in zip(status.keys, status.values, strict=True)
            if k is not None
        }

    assert statuses("things.py", "ThingsEndpoint") == {"GET": "PUBLIC", "POST": "EXPERIMENTAL"}
    assert statuses("stuff.py", "StuffEndpoint") == {"GET": "PUBLIC", "DELETE": "PRIVATE"}
    own = tmp_path / "own.yaml"
    own.write_text(
        "- {name: Bits, route: bits/, methods: [get, delete], publish_status: {get: public}}\n"
    )
    refused = run_cli(capsys, "generate", str(own), "--project", str(project))
    assert refused.code == 2 and "no status for delete" in refused.err


@pytest.mark.parametrize("unscoped", [True, False])
def test_a_lookup_unscoped_under_a_scoped_route_is_noted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], unscoped: bool
) -> None:
    """`parent: null` under an organization: any organization's widget answers there. It may be
    meant; the line saying what was created says so (a dry run too)."""
    project = copy_project(EXAMPLE, tmp_path / "project")
    spec = tmp_path / "spec.yaml"
    parent = ", parent: null" if unscoped else ", parent_field: project__organization_id"
    spec.write_text(
        "- name: OrganizationAnyWidget\n"
        "  route: organizations/{organization_id_or_slug}/any-widgets/{widget_id}/\n"
        f"  lookups:\n    widget_id: {{model: acme.models.widget.Widget{parent}}}\n"
    )
    note = (
        "; note: widget is looked up with parent: null, so every Widget answers whatever the "
        "route's organization"
    )
    for dry in (["--dry-run"], []):
        result = run_cli(capsys, "generate", str(spec), *dry, "--project", str(project))
        assert result.code == 0, result.err
        assert (note in result.out) is unscoped


@pytest.mark.parametrize(
    "argv", [["check"], ["list"], ["new-endpoint", "Widgets", "--route", "widgets/"]]
)
def test_a_current_folder_deleted_under_the_shell_is_one_line_not_a_traceback(
    tmp_path: Path, argv: list[str]
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    script = "import os, sys; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
    script += "from scaffold.cli import main; sys.argv = ['scaffold', *sys.argv[2:]]; main()"
    done = subprocess.run(
        [sys.executable, "-c", script, str(gone), *argv],
        check=False,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr, done.stderr
    assert "current folder" in done.stderr
