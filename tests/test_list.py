"""`scaffold list`: what it reports, and its spec format round trip through `generate`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from scaffold.urls.remove import remove_registration
from tests.check.fork_trees import write_fork
from tests.helpers import EXAMPLE, FIXTURES, GOLDEN, Result, copy_project, run_cli, snapshot
from tests.test_golden import CASES


def _listed(capsys: pytest.CaptureFixture[str], project: Path) -> list[dict[str, Any]]:
    result = run_cli(capsys, "list", "--format", "json", "--project", str(project))
    assert result.code == 0, result.err
    data: list[dict[str, Any]] = json.loads(result.out)
    return data


def _routes(listed: list[dict[str, Any]]) -> set[tuple[str, str, str]]:
    return set(_route_list(listed))


def _route_list(listed: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    """Every route entry, a route served twice counted twice."""
    return sorted(
        (entry["class"], route["path"], route["name"])
        for entry in listed
        for route in entry["routes"]
    )


def test_json_names_module_base_methods_owner_status_and_full_routes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    listed = {e["class"]: e for e in _listed(capsys, EXAMPLE)}

    details = listed["ProjectWidgetRevisionDetailsEndpoint"]
    assert details["module"] == "acme.api.endpoints.project_widget_revision_details"
    assert details["base"] == "acme.api.bases.project.ProjectEndpoint"
    assert details["methods"] == ["get", "delete"]
    assert details["owner"] == "ECOSYSTEM"
    assert details["publish_status"] == ["DELETE", "GET"]
    [route] = details["routes"]
    assert route["path"] == (
        "/projects/{organization_id_or_slug}/{project_id_or_slug}/widgets/{widget_id_or_slug}"
        "/revisions/{revision_id}/"
    )
    assert route["name"] == "acme-api-0-project-widget-revision-details"
    assert route["at"].startswith("src/acme/api/urls.py:")


def test_an_endpoint_no_route_serves_is_listed_unrouted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "example")
    (project / "src/acme/api/urls.py").write_bytes(
        (GOLDEN / "example/urls_pristine.py").read_bytes()
    )

    listed = {e["class"]: e for e in _listed(capsys, project)}

    assert listed["ProjectWidgetsEndpoint"]["routes"] == []
    table = run_cli(capsys, "list", "--project", str(project))
    (line,) = [line for line in table.out.splitlines() if line.startswith("ProjectWidgetsEndpoint")]
    assert line.split("\t")[5] == "unrouted"


def test_an_endpoint_another_urlconf_or_unread_code_may_serve_is_not_called_unrouted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`list` says of an endpoint no route of the API urls.py serves what `check` concludes:
    'elsewhere' when another urlconf routes it (Sentry's web/urls.py routes an API endpoint),
    'unresolved' with where and why when urlpatterns built by code may (a plugin registry),
    and 'unrouted' only when the check would report it."""
    from tests.check.test_code_built_urls import PLUGIN_TREE
    from tests.check.trees import UNROUTED, write_tree

    web_urls = (
        "from django.urls import re_path\n\n"
        "from shop.api.endpoints.web_thing import WebThingEndpoint\n\n"
        'urlpatterns = [re_path(r"^thing/$", WebThingEndpoint.as_view(), name="web-thing")]\n'
    )
    files = {
        **PLUGIN_TREE,
        "api/endpoints/web_thing.py": UNROUTED.replace("OrganizationAudit", "WebThing"),
        "web/__init__.py": "",
        "web/urls.py": web_urls,
    }
    root = write_tree(tmp_path / "p", files)

    listed = {e["class"]: e for e in _listed(capsys, root)}
    table = run_cli(capsys, "list", "--project", str(root)).out.splitlines()
    checked = run_cli(capsys, "check", "--project", str(root), "--format", "json").out

    said = {line.split("\t")[0]: line.split("\t")[5] for line in table}
    assert said["WebThingEndpoint"] == "elsewhere" and listed["WebThingEndpoint"]["elsewhere"]
    assert said["PluginOrganizationEndpoint"] == "unresolved"
    assert listed["PluginOrganizationEndpoint"]["unresolved"] == (
        "src/shop/plugins/endpoints.py:4: may be served by the urlpatterns "
        "shop.plugins.base.project_urls builds by code (its package's)"
    )
    assert said["OrganizationAuditEndpoint"] == "unrouted"
    assert [p["symbol"] for p in json.loads(checked)["problems"]] == ["OrganizationAuditEndpoint"]


def test_on_a_narrow_terminal_the_table_wraps_and_cuts_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80 columns every cell wraps instead of ending in an ellipsis: the class, module,
    path and URL name are what a reader looks for."""
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "80")
    out = re.sub(r"\x1b\[[0-9;]*m", "", run_cli(capsys, "list", "--project", str(EXAMPLE)).out)
    assert "┃ endpoint" in out and "…" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    cells = "".join(line.split("│")[1].strip() for line in out.splitlines() if "│" in line)
    assert "ProjectWidgetRevisionDetailsEndpoint" in cells


def test_piped_the_table_is_one_whole_line_per_route(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Piped (`scaffold list | grep ...`), nothing is cut to a terminal's width: every field of
    every route is on its line, tab-separated."""
    project = copy_project(EXAMPLE, tmp_path / "example")
    out = run_cli(capsys, "list", "--project", str(project)).out
    listed = _listed(capsys, project)
    lines = out.splitlines()
    assert len(lines) == sum(max(len(e["routes"]), 1) for e in listed)
    fields = [line.split("\t") for line in lines]
    assert {len(f) for f in fields} == {9}
    details = next(f for f in fields if f[0] == "OrganizationDashboardDetailsEndpoint")
    assert details[5] == "/organizations/{organization_id_or_slug}/dashboards/{dashboard_id}/"
    assert details[6] == "acme-api-0-organization-dashboard-details"
    asked = run_cli(capsys, "list", "--format", "table", "--project", str(project)).out
    assert "\t" not in asked and "endpoint" in asked.splitlines()[1]  # asked for: the table


FIXTURE_NAMES = ["ancient", "legacy", "inline", "modern", "today"]
# "written ... not written" comments name what a spec cannot say (one route per resource)
_NOT_WRITTEN = re.compile(r"^  # (\w+): (\S+) \(.*\) is not written: ")


def _populated(name: str, destination: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The example, or a copy of a fixture with the endpoints of its golden cases generated
    into it (the older fixtures route to classes whose modules they do not hold)."""
    if name == "example":
        return copy_project(EXAMPLE, destination)
    if name == "example-real-shapes":
        return _with_real_shapes(copy_project(EXAMPLE, destination))
    if name == "example-built-lists":
        return _with_built_lists(copy_project(EXAMPLE, destination))
    if name == "example-unservable":
        return _with_an_unservable_route(copy_project(EXAMPLE, destination))
    project = copy_project(FIXTURES / name, destination)
    for case in CASES:
        if case.fixture == name:
            result = run_cli(capsys, *case.argv, "--no-tests", "--project", str(project))
            assert result.code == 0, result.err
    return project


def _with_built_lists(project: Path) -> Path:
    """More shapes of real urls.py files: a list a function builds, included under a prefix
    with alternatives (Sentry's `create_group_urls` under `^(?:issues|groups)/`, its names made
    with an f-string), a pattern of its own with alternatives (`(?:notes|comments)/$`), and a
    URL name two classes' routes share (Sentry's `sentry-api-0-event-attachments`)."""
    urls = project / "src/acme/api/urls.py"
    text = urls.read_text(encoding="utf-8")
    broadcast = (
        '    re_path(\n        r"^broadcasts/(?P<broadcast_id>[^/]+)/$",\n'
        "        BroadcastDetailsEndpoint.as_view(),\n"
        '        name="acme-api-0-broadcast-details",\n    ),\n'
    )
    builder = (
        "def create_broadcast_urls(name_prefix: str) -> list[URLPattern | URLResolver]:\n"
        "    return [\n"
        '        re_path(\n            r"^(?P<broadcast_id>[^/]+)/$",\n'
        "            BroadcastDetailsEndpoint.as_view(),\n"
        '            name=f"{name_prefix}-broadcast-details",\n        ),\n    ]\n\n\n'
    )
    included = (
        '    re_path(r"^(?:broadcasts|notices)/", include(create_broadcast_urls("acme-api-0"))),\n'
    )
    widgets = 'name="acme-api-0-project-widgets"'
    assert broadcast in text and widgets in text
    text = text.replace(broadcast, included).replace(
        "ORGANIZATION_URLS = [", builder + "ORGANIZATION_URLS = ["
    )
    text = text.replace("/dashboards/$", "/(?:dashboards|boards)/$")
    urls.write_text(text.replace(widgets, 'name="acme-api-0-project-details"'))
    return project


def _with_real_shapes(project: Path) -> Path:
    """Shapes met in real urls.py files: a route without a final slash, a second class on a
    route another class serves (a method dispatch in Sentry), and a class whose first route
    does not fit its base (the second does)."""
    urls = project / "src/acme/api/urls.py"
    text = urls.read_text(encoding="utf-8")
    dashboards = '/dashboards/$",\n'
    broadcast = (
        '    re_path(\n        r"^broadcasts/(?P<broadcast_id>[^/]+)/$",\n'
        "        BroadcastDetailsEndpoint.as_view(),\n"
        '        name="acme-api-0-broadcast-details",\n    ),\n'
    )
    assert dashboards in text and broadcast in text
    shared = broadcast.replace("BroadcastDetails", "Catchall").replace("details", "fallback")
    text = text.replace(dashboards, '/dashboards$",\n').replace(broadcast, broadcast + shared)
    section = "    # Organization settings\n"
    unfitting = (
        '    re_path(\n        r"^(?P<organization_id_or_slug>[^/]+)/project-details/$",\n'
        "        ProjectDetailsEndpoint.as_view(),\n"
        '        name="acme-api-0-organization-project-details",\n    ),\n'
    )
    text = text.replace(section, section + unfitting)
    urls.write_text(text, encoding="utf-8")
    return project


def _with_an_unservable_route(project: Path) -> Path:
    """A class whose first route passes a parameter its handlers do not take (a finding of
    `scaffold check`, as Sentry's UserAuthenticatorDetailsEndpoint at its device route), its
    second one it can serve: `generate --skip` refuses to register the first."""
    urls = project / "src/acme/api/urls.py"
    text = urls.read_text(encoding="utf-8")
    served = '    re_path(\n        r"^broadcasts/(?P<broadcast_id>[^/]+)/$",\n'
    assert served in text
    unservable = (
        '    re_path(\n        r"^broadcasts/(?P<broadcast_id>[^/]+)/(?P<part>[^/]+)/$",\n'
        "        BroadcastDetailsEndpoint.as_view(),\n"
        '        name="acme-api-0-broadcast-part",\n    ),\n'
    )
    urls.write_text(text.replace(served, unservable + served), encoding="utf-8")
    return project


def test_a_route_its_class_cannot_take_is_not_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _with_an_unservable_route(copy_project(EXAMPLE, tmp_path / "p"))
    spec = run_cli(capsys, "list", "--format", "spec", "--project", str(project)).out
    assert '    route: "broadcasts/{broadcast_id}/"\n' in spec
    assert (
        "  # BroadcastDetailsEndpoint: /broadcasts/{broadcast_id}/{part}/ (src/acme/api/urls.py:"
        "68) is not written: its class as written cannot take it (BroadcastDetailsEndpoint: get()"
        " does not accept 'part' (add it or **kwargs))\n"
    ) in spec


def test_the_spec_says_what_it_cannot_write_of_the_real_shapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _with_real_shapes(copy_project(EXAMPLE, tmp_path / "p"))
    spec = run_cli(capsys, "list", "--format", "spec", "--project", str(project)).out
    assert '    route: "organizations/{organization_id_or_slug}/dashboards"\n' in spec
    comments = [line for line in spec.splitlines() if line.startswith("  # ")]
    assert '    route: "projects/{organization_id_or_slug}/{project_id_or_slug}/"\n' in spec
    assert comments == [
        (
            "  # BroadcastDetailsEndpoint: /broadcasts/{broadcast_id}/ (src/acme/api/urls.py:73) is "
            "not written: CatchallEndpoint serves that route too (one class a route)"
        ),
        (  # generate --skip would refuse it: `scaffold check` finds that it cannot take it
            "  # CatchallEndpoint: /broadcasts/{broadcast_id}/ (src/acme/api/urls.py:78) is not "
            "written: its class as written cannot take it (CatchallEndpoint: delete() does not "
            "accept 'broadcast_id' (add it or **kwargs))"
        ),
        (
            "  # CatchallEndpoint: / (src/acme/api/urls.py:89) is not written: it does not end "
            "in $ (it answers longer paths too)"
        ),
        "  # IndexEndpoint: / (src/acme/api/urls.py:83) is not written: it is the empty route",
        (
            "  # ProjectDetailsEndpoint: /organizations/{organization_id_or_slug}/project-details/ "
            "(src/acme/api/urls.py:18) is not written: its base does not take its parameters"
        ),
    ]


@pytest.mark.parametrize(
    "name", ["example", "example-real-shapes", "example-unservable", *FIXTURE_NAMES]
)
def test_spec_format_round_trips_through_generate(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The spec `list` writes, generated (--skip keeps the existing modules) into a project
    whose urls.py lost every route of the classes it lists, restores the same routes, and
    writes no module. What a spec cannot say (a second route of a class) is named in a
    comment, and is exactly what does not come back."""
    project = _populated(name, tmp_path / "project", capsys)
    before = _listed(capsys, project)
    spec = run_cli(capsys, "list", "--format", "spec", "--project", str(project)).out
    (tmp_path / "spec.yaml").write_text(spec)
    written = [line.split(": ")[1] for line in spec.splitlines() if line.startswith("  - name:")]
    assert len(written) >= 2
    unwritten = {m.groups() for line in spec.splitlines() if (m := _NOT_WRITTEN.match(line))}
    lost = {r for r in _routes(before) if (r[0], r[1]) in unwritten and r[0] in written}
    stripped = _strip_routes(capsys, project, written)
    assert _routes(_listed(capsys, stripped)) == {r for r in _routes(before) if r[0] not in written}
    modules = sorted(p.relative_to(stripped) for p in stripped.rglob("*.py"))

    result = _generate_kept(capsys, tmp_path / "spec.yaml", stripped)

    assert result.code == 0, result.err
    assert _route_list(_listed(capsys, stripped)) == [
        r for r in _route_list(before) if r not in lost
    ]
    assert sorted(p.relative_to(stripped) for p in stripped.rglob("*.py")) == modules


@pytest.mark.parametrize(
    "name", ["example", "example-real-shapes", "example-built-lists", *FIXTURE_NAMES]
)
def test_the_spec_of_a_project_generated_into_it_changes_nothing(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every route the spec writes is served already, however urls.py builds it (a list a
    function returns, included under `^(?:issues|groups)/`), and the spec names each URL name
    only where no other route has it (generate gives each route a name of its own; a shared
    one is a comment): `generate --skip` of it on the project it came from exits 0 and writes
    nothing."""
    project = _populated(name, tmp_path / "project", capsys)
    spec = run_cli(capsys, "list", "--format", "spec", "--project", str(project)).out
    (tmp_path / "spec.yaml").write_text(spec)
    before = snapshot(project)

    result = _generate_kept(capsys, tmp_path / "spec.yaml", project)

    assert result.code == 0, result.err
    assert snapshot(project) == before
    if name == "example-built-lists":  # what generate would put back elsewhere is a comment
        assert (
            "  # BroadcastDetailsEndpoint: /broadcasts/{broadcast_id}/ (src/acme/api/urls.py:18) "
            "is not written: an include above it has alternatives, and its list is not one "
            "scaffold patches\n"
        ) in spec
        assert (
            "  # OrganizationDashboardsEndpoint: /organizations/{organization_id_or_slug}/dashboards/"
            " (src/acme/api/urls.py:33) is not written: its pattern has alternatives, and a route"
            " is one path\n"
        ) in spec
        shared = "is not written: its URL name is the name of 2 routes\n"
        assert (
            "  # ProjectWidgetsEndpoint: /projects/{organization_id_or_slug}/{project_id_or_slug}"
            f"/widgets/ (src/acme/api/urls.py:52) {shared}"
        ) in spec
        assert (
            "  # ProjectDetailsEndpoint: /projects/{organization_id_or_slug}/{project_id_or_slug}/"
            f" (src/acme/api/urls.py:47) {shared}"
        ) in spec


def test_a_route_a_built_list_serves_is_registered_already_and_not_taken_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A class served through a list a function builds, under `^(?:broadcasts|notices)/`:
    registering it again at that route finds it served (as Django walks the file), rather than
    adding an entry that would hide the one there; `remove --route` says why it cannot take
    that entry out, rather than that no entry serves it."""
    project = _with_built_lists(copy_project(EXAMPLE, tmp_path / "project"))
    before = snapshot(project)
    argv = ["new-endpoint", "BroadcastDetails", "--route", "broadcasts/{broadcast_id}/", "--skip"]

    result = run_cli(capsys, *argv, "--no-tests", "--project", str(project))

    assert result.code == 0, result.err
    assert "(BroadcastDetailsEndpoint already registered)" in result.out
    assert snapshot(project) == before
    moved = run_cli(
        capsys, *argv[:3], "notices/{broadcast_id}/", "--skip", "--project", str(project)
    )
    assert moved.code == 0 and "already registered" in moved.out, moved.err
    removed = run_cli(capsys, "remove", *argv[1:4], "--project", str(project))
    assert removed.code == 2 and removed.err == (
        "error: --route: src/acme/api/urls.py:18: the entry serving BroadcastDetailsEndpoint at "
        "'broadcasts/{broadcast_id}/' is reached through a list code builds or a prefix with "
        "alternatives, and answers at 1 path(s); scaffold takes out only an entry its route "
        "names: edit it by hand, or remove the class without --route\n"
    )
    assert snapshot(project) == before
    gadgets = (*argv[:3], "gadgets/{broadcast_id}/", "--skip", "--project", str(project))
    unnamed = run_cli(capsys, *gadgets)  # the built name is the first route's: one of its own
    assert unnamed.code == 1 and "URL name 'acme-api-0-broadcast-details'" in unnamed.err
    assert snapshot(project) == before
    other = run_cli(capsys, *gadgets, "--url-name", "acme-api-0-gadget-details")
    assert other.code == 0 and "another route for BroadcastDetailsEndpoint" in other.out


def test_a_route_only_some_methods_reach_is_not_written_nor_taken_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`method_dispatch(GET=X.as_view())` (Sentry's monitor check-in routes): a spec resource
    would serve every method there, and `remove --route` takes out only an entry serving the
    class whole; each says why."""
    project = copy_project(EXAMPLE, tmp_path / "project")
    urls = project / "src/acme/api/urls.py"
    view = "OrganizationDetailsEndpoint.as_view(),"
    text = urls.read_text(encoding="utf-8")
    assert text.count(view) == 1
    urls.write_text(
        text.replace(view, "method_dispatch(GET=OrganizationDetailsEndpoint.as_view()),").replace(
            "\nORGANIZATION_URLS",
            "\nfrom acme.api.dispatch import method_dispatch\n\nORGANIZATION_URLS",
            1,
        ),
        encoding="utf-8",
    )
    before = snapshot(project)

    spec = run_cli(capsys, "list", "--format", "spec", "--project", str(project)).out
    removed = run_cli(
        capsys,
        "remove",
        "OrganizationDetails",
        "--route",
        "organizations/{organization_id_or_slug}/",
        "--project",
        str(project),
    )

    assert (
        "  # OrganizationDetailsEndpoint: /organizations/{organization_id_or_slug}/ "
        "(src/acme/api/urls.py:20) is not written: only some methods reach it there "
        "(method_dispatch), and a route serves them all\n"
    ) in spec
    assert removed.code == 2 and removed.err == (
        "error: --route: src/acme/api/urls.py:20: the entry serving OrganizationDetailsEndpoint "
        "at 'organizations/{organization_id_or_slug}/' lets only GET through (method_dispatch); "
        "scaffold takes out only an entry serving the class whole: edit it by hand\n"
    )
    assert snapshot(project) == before


def _generate_kept(capsys: pytest.CaptureFixture[str], spec: Path, project: Path) -> Result:
    """`generate SPEC --skip --no-tests`: the modules are the project's own."""
    return run_cli(capsys, "generate", str(spec), "--skip", "--no-tests", "--project", str(project))


def _strip_routes(capsys: pytest.CaptureFixture[str], project: Path, names: list[str]) -> Path:
    """A copy whose urls.py lost the entries (and imports) of `names`: `remove --force` on a
    copy (which must never refuse), with the modules it deleted put back."""
    stripped = copy_project(project, project.parent / "stripped")
    modules = {p: p.read_bytes() for p in (stripped / "src").rglob("*.py")}
    for name in names:
        result = run_cli(capsys, "remove", name, "--force", "--project", str(stripped))
        assert result.code == 0, result.err
    for path, data in modules.items():
        if not path.exists():
            path.write_bytes(data)
    return stripped


# -- --package: the fork shape (a second API package `lab` included from `shop`) -------------


@pytest.mark.parametrize("command", ["list", "templates"])
def test_an_unknown_package_is_one_error(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_fork(tmp_path, "shop")
    result = run_cli(capsys, command, "--project", str(root), "--package", "labz")
    assert result.code == 2
    assert result.err.startswith(f"error: {root}: --package labz: no src/labz/api/urls.py")
    assert "(did you mean 'lab'?)" in result.err  # the packages that hold one, not 'shop'
    assert "Traceback" not in result.err


def test_the_spec_holds_the_routes_of_the_urls_py_generate_patches(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """shop's urls.py includes lab's: shop's spec names lab's routes in comments only (its
    generate would register them in shop's file a second time); lab's spec writes them
    relative to lab's urls.py, one class a module."""
    root = write_fork(tmp_path, "shop")
    shop = run_cli(capsys, "list", "--format", "spec", "--project", str(root)).out
    lab = run_cli(capsys, "list", "--format", "spec", "--project", str(root), "--package", "lab")

    assert "  - name: SamplesEndpoint" not in shop
    assert (
        "  # SamplesEndpoint: /lab/organizations/{organization_id_or_slug}/samples/ "
        "(src/lab/api/urls.py:6) is not written: generate patches src/shop/api/urls.py only"
    ) in shop.splitlines()
    assert lab.code == 0, lab.err
    assert (
        "  - name: SamplesEndpoint\n"
        '    route: "organizations/{organization_id_or_slug}/samples/"\n'
    ) in lab.out
    assert (
        "  # SampleDetailsEndpoint: /samples/{sample_id}/ (src/lab/api/urls.py:11) is not "
        "written: its module holds SamplesEndpoint too (one class a module)"
    ) in lab.out.splitlines()


def test_the_spec_of_the_second_package_round_trips_with_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_fork(tmp_path, "shop")
    before = _listed(capsys, root)
    spec = run_cli(capsys, "list", "--format", "spec", "--project", str(root), "--package", "lab")
    (tmp_path / "spec.yaml").write_text(spec.out)
    urls = root / "src/lab/api/urls.py"
    text = urls.read_text(encoding="utf-8")
    urls.write_text(
        remove_registration(text, "urls.py", "lab.api", "SamplesEndpoint", 100).code.replace(
            "import SampleDetailsEndpoint", "import SampleDetailsEndpoint, SamplesEndpoint"
        ),
        encoding="utf-8",
    )
    assert (
        "SamplesEndpoint",
        "/lab/organizations/{organization_id_or_slug}/samples/",
        "lab-api-0-samples",
    ) not in _routes(_listed(capsys, root))

    result = run_cli(
        capsys,
        "generate",
        str(tmp_path / "spec.yaml"),
        "--skip",
        "--no-tests",
        "--project",
        str(root),
        "--package",
        "lab",
    )

    assert result.code == 0, result.err
    assert _route_list(_listed(capsys, root)) == _route_list(before)
    assert "SamplesEndpoint" not in (root / "src/shop/api/urls.py").read_text(encoding="utf-8")
