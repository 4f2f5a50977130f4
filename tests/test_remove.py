"""`scaffold remove`: new-endpoint then remove gives back every byte; refusals change nothing."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from scaffold.urls.remove import remove_registration
from tests.helpers import EXAMPLE, FIXTURES, RECORD_DIR, copy_project, run_cli, snapshot
from tests.test_golden import CASES

EXAMPLE_URLS = "src/acme/api/urls.py"
GIZMOS = ("OrganizationGizmos", "--route", "organizations/{organization_id_or_slug}/gizmos/")
GIZMOS_MODULE = "src/acme/api/endpoints/organization_gizmos.py"
GIZMOS_TEST_MODULE = "tests/acme/api/endpoints/test_organization_gizmos.py"
NEW_ENDPOINT_CASES = [case for case in CASES if case.argv[0] == "new-endpoint"]


@pytest.mark.parametrize("case", NEW_ENDPOINT_CASES, ids=lambda case: case.name)
def test_new_endpoint_then_remove_restores_every_byte(
    case: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On every fixture shape (patterns(), hanging entries, inline includes three levels deep,
    lists with and without trailing commas), remove is the exact inverse of new-endpoint."""
    argv = case.argv  # type: ignore[attr-defined]
    project = copy_project(FIXTURES / case.fixture, tmp_path / "p")  # type: ignore[attr-defined]
    original = snapshot(project)
    assert run_cli(capsys, *argv, "--project", str(project)).code == 0
    assert snapshot(project) != original

    result = run_cli(capsys, "remove", argv[1], "--project", str(project))

    assert result.code == 0, result.err
    assert snapshot(project) == original  # the record folder is gone too


def test_removing_in_another_order_than_adding_restores_the_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    original = snapshot(project)
    added = [
        GIZMOS,
        ("OrganizationGadgets", "--route", "organizations/{organization_id_or_slug}/gadgets/"),
        ("Sprockets", "--route", "sprockets/"),
    ]
    for argv in added:
        assert run_cli(capsys, "new-endpoint", *argv, "--project", str(project)).code == 0
    for name in ("OrganizationGadgets", "Sprockets", "OrganizationGizmos"):
        result = run_cli(capsys, "remove", name, "--project", str(project))
        assert result.code == 0, result.err
    assert snapshot(project) == original


def _folders(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_dir() and "__pycache__" not in p.parts
    }


def test_remove_takes_away_the_folders_new_endpoint_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project without tests/ gets tests/acme/api/endpoints/ for the generated test; remove
    leaves no empty folder behind (git would not keep one, so the checkout is as it was), and
    never touches a folder that still holds a file."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    shutil.rmtree(project / "tests")
    original, folders = snapshot(project), _folders(project)
    assert run_cli(capsys, "new-endpoint", *GIZMOS, "--project", str(project)).code == 0
    assert (project / GIZMOS_TEST_MODULE).is_file()
    result = run_cli(capsys, "remove", GIZMOS[0], "--project", str(project))
    assert result.code == 0, result.err
    assert snapshot(project) == original
    assert _folders(project) == folders
    assert (project / "src/acme/api/endpoints").is_dir()


def test_a_test_module_deleted_by_hand_leaves_no_entry_in_the_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The record kept the entry of a test module already gone, so `.scaffold/` outlived the
    last endpoint scaffold wrote."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    assert run_cli(capsys, "new-endpoint", *GIZMOS, "--project", str(project)).code == 0
    (project / GIZMOS_TEST_MODULE).unlink()
    result = run_cli(capsys, "remove", GIZMOS[0], "--project", str(project))
    assert result.code == 0, result.err
    assert not (project / RECORD_DIR).exists()


def test_the_record_stays_out_of_version_control_and_holds_a_hash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    assert run_cli(capsys, "new-endpoint", *GIZMOS, "--project", str(project)).code == 0

    record_dir = project / RECORD_DIR
    assert sorted(p.name for p in record_dir.iterdir()) == [".gitignore", "generated.json"]
    ignored = record_dir.joinpath(".gitignore").read_text(encoding="utf-8").splitlines()
    assert "*" in ignored  # the whole folder, .gitignore included, stays untracked
    data = json.loads(record_dir.joinpath("generated.json").read_text(encoding="utf-8"))
    import hashlib

    module_bytes = (project / GIZMOS_MODULE).read_bytes()
    test_bytes = (project / GIZMOS_TEST_MODULE).read_bytes()
    assert data["modules"] == {
        GIZMOS_MODULE: {
            "class": "OrganizationGizmosEndpoint",
            "sha256": hashlib.sha256(module_bytes).hexdigest(),
        },
        GIZMOS_TEST_MODULE: {  # the test module written with it (generate/tests.py)
            "class": "OrganizationGizmosEndpoint",
            "sha256": hashlib.sha256(test_bytes).hexdigest(),
        },
    }


def test_a_hand_edited_module_is_kept_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    assert run_cli(capsys, "new-endpoint", *GIZMOS, "--project", str(project)).code == 0
    module = project / GIZMOS_MODULE
    module.write_text(module.read_text(encoding="utf-8") + "\n# my change\n", encoding="utf-8")
    before = snapshot(project)

    refused = run_cli(capsys, "remove", "OrganizationGizmos", "--project", str(project))

    assert refused.code == 1
    assert refused.err.strip() == (
        f"error: {GIZMOS_MODULE}: edited by hand since scaffold generated it; pass --force to "
        "delete it anyway"
    )
    assert snapshot(project) == before

    forced = run_cli(capsys, "remove", "OrganizationGizmos", "--force", "--project", str(project))
    assert forced.code == 0, forced.err
    assert not module.exists()
    assert "OrganizationGizmos" not in (project / EXAMPLE_URLS).read_text(encoding="utf-8")


def test_an_endpoint_scaffold_did_not_generate_needs_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    before = snapshot(project)
    module = "src/acme/api/endpoints/organization_dashboards.py"

    refused = run_cli(capsys, "remove", "OrganizationDashboards", "--project", str(project))

    assert refused.code == 1
    assert refused.err.startswith(f"error: {module}: not generated by scaffold in this clone")
    assert "--route ROUTE to take out one route" in refused.err and "--force" in refused.err
    assert snapshot(project) == before

    forced = run_cli(
        capsys, "remove", "OrganizationDashboards", "--force", "--project", str(project)
    )
    assert forced.code == 0, forced.err
    after = snapshot(project)
    assert module not in after
    urls = after[EXAMPLE_URLS].decode()
    assert "OrganizationDashboardsEndpoint" not in urls
    assert "OrganizationDashboardDetailsEndpoint" in urls  # its neighbour stays


def test_remove_refuses_while_other_code_uses_the_class(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    assert run_cli(capsys, "new-endpoint", *GIZMOS, "--project", str(project)).code == 0
    user = project / "src/acme/api/endpoints/special_gizmos.py"
    user.write_text(
        "from acme.api.endpoints.organization_gizmos import OrganizationGizmosEndpoint\n",
        encoding="utf-8",
    )
    before = snapshot(project)

    result = run_cli(capsys, "remove", "OrganizationGizmos", "--project", str(project))

    assert result.code == 1
    assert result.err.strip() == (
        "error: src/acme/api/endpoints/special_gizmos.py:1: still uses "
        "OrganizationGizmosEndpoint; remove that use first, then run remove again"
    )
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("# see OrganizationGizmosEndpoint for the listing\n", None),  # a comment
        ('"""Like OrganizationGizmosEndpoint, for one gizmo."""\n', None),  # a docstring
        ("# the gizmos' list\nALLOWED = ['OrganizationGizmosEndpoint']\n", 2),  # named in data
    ],
)
def test_remove_counts_code_and_strings_as_uses_not_comments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, line: int | None
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    assert run_cli(capsys, "new-endpoint", *GIZMOS, "--project", str(project)).code == 0
    (project / "src/acme/api/notes.py").write_text(text, encoding="utf-8")
    result = run_cli(capsys, "remove", "OrganizationGizmos", "--project", str(project))
    if line is None:
        assert result.code == 0, result.err
    else:
        assert result.code == 1
        assert result.err.startswith(f"error: src/acme/api/notes.py:{line}: still uses ")


def test_remove_dry_run_shows_the_deletion_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    assert run_cli(capsys, "new-endpoint", *GIZMOS, "--project", str(project)).code == 0
    before = snapshot(project)

    result = run_cli(capsys, "remove", "OrganizationGizmos", "--dry-run", "--project", str(project))

    assert result.code == 0, result.err
    assert snapshot(project) == before
    assert f"--- a/{GIZMOS_MODULE}\n+++ /dev/null\n" in result.out
    assert f"--- a/{EXAMPLE_URLS}\n+++ b/{EXAMPLE_URLS}\n" in result.out
    assert "-from .endpoints.organization_gizmos import OrganizationGizmosEndpoint\n" in result.out
    # bookkeeping is named, not diffed: the record goes once its last entry does
    assert "--- a/.scaffold" not in result.out
    assert "would delete .scaffold/generated.json (scaffold's generation record)" in result.out
    # the test module scaffold wrote with it goes too (generate/tests.py)
    assert f"--- a/{GIZMOS_TEST_MODULE}\n+++ /dev/null\n" in result.out
    assert "dry run: 3 file(s) would change; nothing was written" in result.out


def test_removing_an_unknown_name_suggests_a_close_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    before = snapshot(project)

    result = run_cli(capsys, "remove", "OrganizationDashbords", "--project", str(project))

    assert result.code == 2
    assert result.err.strip() == (
        "error: NAME: OrganizationDashbordsEndpoint is not registered in src/acme/api/urls.py and "
        "has no module in src/acme/api/endpoints (did you mean "
        "'OrganizationDashboardsEndpoint'?); nothing to remove"
    )
    assert snapshot(project) == before


@pytest.mark.parametrize("name", ["organization_gizmos", "../Gizmos", "Gizmos; rm"])
def test_remove_rejects_a_name_that_is_not_a_class_name(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    before = snapshot(project)
    result = run_cli(capsys, "remove", name, "--project", str(project))
    assert result.code == 2
    assert result.err.strip() == (
        f"error: NAME: {name!r} is not a class name; give one like OrganizationWidgets"
    )
    assert snapshot(project) == before


# -- urls.py edits, text to text ----------------------------------------------------------------


def _remove(source: str, class_name: str) -> str:
    return remove_registration(textwrap.dedent(source), "urls.py", "acme.api", class_name, 100).code


def test_a_shared_import_loses_only_that_name() -> None:
    code = _remove(
        """\
        from .endpoints.things import AThingEndpoint, BThingEndpoint as Bee, CThingEndpoint

        urlpatterns = [
            re_path(r"^a/$", AThingEndpoint.as_view(), name="a"),
            re_path(r"^b/$", Bee.as_view(), name="b"),
            re_path(r"^c/$", CThingEndpoint.as_view(), name="c"),
        ]
        """,
        "AThingEndpoint",
    )
    assert code == textwrap.dedent("""\
        from .endpoints.things import BThingEndpoint as Bee, CThingEndpoint

        urlpatterns = [
            re_path(r"^b/$", Bee.as_view(), name="b"),
            re_path(r"^c/$", CThingEndpoint.as_view(), name="c"),
        ]
        """)


def test_routes_in_functions_and_inline_includes_all_go() -> None:
    code = _remove(
        """\
        from .endpoints.notes import NotesEndpoint
        from .endpoints.other import OtherEndpoint


        def create_group_urls(name_prefix):
            return [
                re_path(r"^(?P<issue_id>[^/]+)/notes/$", NotesEndpoint.as_view()),
                re_path(r"^(?P<issue_id>[^/]+)/other/$", OtherEndpoint.as_view()),
            ]


        urlpatterns = [
            re_path(
                r"^teams/",
                include([re_path(r"^notes/$", NotesEndpoint.as_view(), name="team-notes")]),
            ),
        ]
        """,
        "NotesEndpoint",
    )
    assert code == textwrap.dedent("""\
        from .endpoints.other import OtherEndpoint


        def create_group_urls(name_prefix):
            return [
                re_path(r"^(?P<issue_id>[^/]+)/other/$", OtherEndpoint.as_view()),
            ]


        urlpatterns = [
            re_path(
                r"^teams/",
                include([]),
            ),
        ]
        """)


def test_a_view_bound_to_a_name_nothing_uses_goes_with_the_class() -> None:
    """`VIEW = X.as_view()` that no route names (it used to be refused as a use scaffold does
    not take apart) goes with X's entries and import; tests/test_remove_bound_views.py holds
    the routes that name it and the variants still refused."""
    code = _remove(
        """\
        from .endpoints.notes import NotesEndpoint

        VIEW = NotesEndpoint.as_view()
        urlpatterns = [re_path(r"^notes/$", NotesEndpoint.as_view(), name="notes")]
        """,
        "NotesEndpoint",
    )
    assert code == "\nurlpatterns = []\n"


def test_one_route_goes_while_a_use_scaffold_cannot_take_apart_keeps_the_import() -> None:
    """`remove X --route R` takes out the entry at R; a use elsewhere that scaffold does not take
    apart (Sentry's `method_dispatch(POST=X.as_view())`) still needs the import, so it stays."""
    source = textwrap.dedent("""\
        from .endpoints.ingest import IngestEndpoint
        from .endpoints.notes import NotesEndpoint

        urlpatterns = [
            re_path(r"^a/notes/$", method_dispatch(GET=NotesEndpoint.as_view(), POST=IngestEndpoint.as_view())),
            re_path(r"^ingest/$", IngestEndpoint.as_view(), name="ingest"),
        ]
        """)
    removal = remove_registration(
        source, "urls.py", "acme.api", "IngestEndpoint", 100, lambda line, pattern: line == 6
    )
    assert removal.module is None and [r.pattern for r in removal.routes] == ["^ingest/$"]
    assert removal.code == source.replace(
        '    re_path(r"^ingest/$", IngestEndpoint.as_view(), name="ingest"),\n', ""
    )


def test_removing_every_route_of_a_list_keeps_its_section_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The example's ORGANIZATION_URLS opens with `# Organization settings`: taking its last
    route out keeps the list, the comment and every other line (it used to be refused)."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    names = ["OrganizationDashboardDetails", "OrganizationDashboards", "OrganizationDetails"]
    for name in names:
        result = run_cli(capsys, "remove", name, "--force", "--project", str(project))
        assert result.code == 0, result.err

    urls = (project / EXAMPLE_URLS).read_text(encoding="utf-8")
    assert "ORGANIZATION_URLS = [\n    # Organization settings\n]\n" in urls
    assert "Organization" not in urls.replace("# Organization settings", "").replace(
        "ORGANIZATION_URLS", ""
    )


def test_a_list_left_with_its_comment_takes_a_new_entry_and_gives_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """new-endpoint into `[` + comment + `]` puts the entry below the comment; remove is
    still its exact inverse."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    for name in ["OrganizationDashboardDetails", "OrganizationDashboards", "OrganizationDetails"]:
        assert run_cli(capsys, "remove", name, "--force", "--project", str(project)).code == 0
    emptied = snapshot(project)

    added = run_cli(capsys, "new-endpoint", *GIZMOS, "--no-tests", "--project", str(project))

    assert added.code == 0, added.err
    urls = (project / EXAMPLE_URLS).read_text(encoding="utf-8")
    assert "ORGANIZATION_URLS = [\n    # Organization settings\n    re_path(\n" in urls
    removed = run_cli(capsys, "remove", "OrganizationGizmos", "--project", str(project))
    assert removed.code == 0, removed.err
    assert snapshot(project) == emptied


def test_remove_route_is_the_inverse_of_a_second_route_added_with_skip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`new-endpoint X --route R --skip` registers a second route for a hand-written class;
    `remove X --route R` takes out that entry alone: urls.py byte for byte, the module kept."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    original = snapshot(project)
    route = "projects/{organization_id_or_slug}/{project_id_or_slug}/widgets-v2/"
    added = ["ProjectWidgets", "--route", route, "--skip", "--url-name", "acme-api-0-widgets-v2"]
    assert run_cli(capsys, "new-endpoint", *added, "--project", str(project)).code == 0
    assert snapshot(project) != original
    result = run_cli(
        capsys,
        "remove",
        "ProjectWidgets",
        "--route",
        route,
        "--project",
        str(project),
    )
    assert result.code == 0, result.err
    assert "its module is kept" in result.out
    assert snapshot(project) == original


def test_remove_route_takes_out_the_entry_of_that_inline_include_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two inline `include([...])` lists hold the same pattern for the class under different
    prefixes (Sentry 2023's monitors, with and without the organization): `--route` takes out
    the one entry at that full path (both went, each list being read as the whole statement)."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    urls = project / EXAMPLE_URLS
    entry = (
        '    re_path(\n        r"^broadcasts/(?P<broadcast_id>[^/]+)/$",\n'
        "        BroadcastDetailsEndpoint.as_view(),\n"
        '        name="acme-api-0-broadcast-details",\n    ),\n'
    )
    text = urls.read_text()
    assert entry in text

    def inline(prefix: str, name: str) -> str:
        return (
            f'    re_path(\n        r"^{prefix}/",\n        include(\n            [\n'
            '                re_path(\n                    r"^(?P<broadcast_id>[^/]+)/$",\n'
            "                    BroadcastDetailsEndpoint.as_view(),\n"
            f'                    name="{name}",\n                ),\n            ]\n'
            "        ),\n    ),\n"
        )

    kept = inline("broadcasts", "acme-api-0-broadcast-details")
    urls.write_text(text.replace(entry, kept + inline("notices", "acme-api-0-notice-details")))
    argv = ("remove", "BroadcastDetails", "--route", "notices/{broadcast_id}/")
    result = run_cli(capsys, *argv, "--project", str(project))
    assert result.code == 0, result.err
    assert "1 route(s): acme-api-0-notice-details; its module is kept" in result.out
    after = urls.read_text()
    assert kept in after and "acme-api-0-notice-details" not in after  # `include([])` stays


def test_remove_route_of_the_last_route_takes_the_import_and_keeps_the_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    module = project / "src/acme/api/endpoints/broadcast_details.py"
    kept = module.read_text()
    argv = ("remove", "BroadcastDetails", "--route", "broadcasts/{broadcast_id}/")
    before = snapshot(project)
    refused = run_cli(capsys, *argv, "--project", str(project))  # its test reverses the name
    assert refused.code == 1 and "test_broadcast_details.py reverses" in refused.err  # refused
    assert snapshot(project) == before
    (project / "tests/acme/api/endpoints/test_broadcast_details.py").unlink()
    result = run_cli(capsys, *argv, "--project", str(project))
    assert result.code == 0, result.err
    urls = (project / EXAMPLE_URLS).read_text()
    assert "BroadcastDetailsEndpoint" not in urls
    assert module.read_text() == kept


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        (["--route", "broadcasts/elsewhere/"], "has no entry serving BroadcastDetailsEndpoint"),
        (["--route", "broadcasts/{broadcast_id}/", "--force"], "keeps the module; drop --force"),
        (["--route", "broadcasts/{id"], "--route:"),
    ],
)
def test_remove_route_refuses_what_it_cannot_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], says: str
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    before = snapshot(project)
    result = run_cli(capsys, "remove", "BroadcastDetails", *extra, "--project", str(project))
    assert result.code == 2 and says in result.err and result.err.count("\n") == 1
    assert snapshot(project) == before


def test_a_class_of_the_same_name_in_another_package_is_no_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A fork's second API package defines its own `WorkBatchEndpoint`: the one new-endpoint
    added to the first package is removed, and the other package's definition is not taken for
    a use of it."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    other = project / "src/labs/api/endpoints"
    other.mkdir(parents=True)
    for folder in (project / "src/labs", project / "src/labs/api", other):
        (folder / "__init__.py").write_text("")
    (other / "work_batch.py").write_text(
        "class WorkBatchEndpoint:\n    pass\n\n\nVIEW = WorkBatchEndpoint\n"
    )
    original = snapshot(project)
    route = ("WorkBatch", "--route", "work-batches/")
    assert run_cli(capsys, "new-endpoint", *route, "--project", str(project)).code == 0
    result = run_cli(capsys, "remove", "WorkBatch", "--project", str(project))
    assert result.code == 0, result.err
    assert snapshot(project) == original


def test_a_class_routed_only_by_another_route_module_is_named_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry splices whole route modules into urls.py (`*workflow_urls.urlpatterns`); remove
    edits urls.py only, so a class routed there is refused with where its route is."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    routes = project / "src/acme/api/relay_urls.py"
    routes.write_text(
        "from django.urls import re_path\n\n"
        "from acme.api.endpoints.relay_probe import RelayProbeEndpoint\n\n"
        "urlpatterns = [\n"
        '    re_path(r"^relays/probe/$", RelayProbeEndpoint.as_view(), name="relay-probe"),\n'
        "]\n"
    )
    before = snapshot(project)

    result = run_cli(capsys, "remove", "RelayProbe", "--project", str(project))

    assert result.code == 1  # refused, as the README lists it
    assert result.err.strip() == (
        "error: NAME: RelayProbeEndpoint is routed in src/acme/api/relay_urls.py:6, a route "
        "module scaffold does not edit (it edits src/acme/api/urls.py); take that route out by "
        "hand, and the class with it"
    )
    assert snapshot(project) == before
