"""`scaffold remove` of a class routed through a name bound at module level
(`gizmos_view = X.as_view()`, then `re_path(r"...", gizmos_view, name=...)`): the shape
`scaffold check` follows (pysource/bound_views.py). The entry goes, the binding goes when no
other use names it, and the import when nothing else uses the class; a variant that cannot be
taken apart safely is refused, naming its line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scaffold.errors import PatchError
from scaffold.urls.remove import remove_registration
from tests.helpers import EXAMPLE, copy_project, run_cli, snapshot

URLS = "src/acme/api/urls.py"
GIZMOS = ("OrganizationGizmos", "--route", "organizations/{organization_id_or_slug}/gizmos/")
BINDING = "gizmos_view = OrganizationGizmosEndpoint.as_view()\n"


def _bind_the_view(project: Path) -> None:
    """Rewrite the entry new-endpoint wrote into the bound-name shape."""
    urls = project / URLS
    text = urls.read_text(encoding="utf-8")
    assert text.count("OrganizationGizmosEndpoint.as_view(),") == 1
    text = text.replace("OrganizationGizmosEndpoint.as_view(),", "gizmos_view,")
    text = text.replace("\nORGANIZATION_URLS = [", f"\n{BINDING}\nORGANIZATION_URLS = [", 1)
    urls.write_text(text, encoding="utf-8")


def test_remove_takes_out_the_entry_the_binding_and_the_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    original = snapshot(project)
    assert run_cli(capsys, "new-endpoint", *GIZMOS, "--project", str(project)).code == 0
    _bind_the_view(project)
    checked = run_cli(capsys, "check", "--project", str(project))
    assert checked.code == 0, checked.out  # the check follows the shape
    bound = snapshot(project)

    dry = run_cli(capsys, "remove", GIZMOS[0], "--dry-run", "--project", str(project))
    assert dry.code == 0, dry.err
    assert f"-{BINDING}" in dry.out and "-        gizmos_view,\n" in dry.out
    assert "-from .endpoints.organization_gizmos import OrganizationGizmosEndpoint\n" in dry.out
    assert snapshot(project) == bound

    result = run_cli(capsys, "remove", GIZMOS[0], "--project", str(project))
    assert result.code == 0, result.err
    assert snapshot(project) == original
    assert run_cli(capsys, "check", "--project", str(project)).code == 0


def test_remove_route_takes_out_one_entry_naming_the_bound_view(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--route` finds an entry that names the bound view as one that serves the class; the
    binding and the import stay for the entry left."""
    project = copy_project(EXAMPLE, tmp_path / "p")
    assert run_cli(capsys, "new-endpoint", *GIZMOS, "--project", str(project)).code == 0
    _bind_the_view(project)
    urls = project / URLS
    bound = urls.read_text(encoding="utf-8")
    old = (
        '    re_path(r"^(?P<organization_id_or_slug>[^/]+)/old-gizmos/$", gizmos_view, '
        'name="acme-api-0-organization-old-gizmos"),\n'
    )
    urls.write_text(bound.replace("]\n\nPROJECT_URLS", f"{old}]\n\nPROJECT_URLS", 1), "utf-8")
    assert old in urls.read_text(encoding="utf-8")

    route = "organizations/{organization_id_or_slug}/old-gizmos/"
    result = run_cli(capsys, "remove", GIZMOS[0], "--route", route, "--project", str(project))

    assert result.code == 0, result.err
    assert urls.read_text(encoding="utf-8") == bound
    assert run_cli(capsys, "check", "--project", str(project)).code == 0


def _remove(source: str, class_name: str = "NotesEndpoint", line: int | None = None) -> str:
    only = None if line is None else (lambda at, pattern: at == line)
    return remove_registration(
        textwrap.dedent(source), "urls.py", "acme.api", class_name, 100, only
    ).code


TWO_ROUTES = """\
    from .endpoints.notes import NotesEndpoint
    from .endpoints.other import OtherEndpoint

    notes_view = NotesEndpoint.as_view()

    urlpatterns = [
        re_path(r"^notes/$", notes_view, name="notes"),
        re_path(r"^other/$", OtherEndpoint.as_view(), name="other"),
        re_path(r"^memos/$", notes_view, name="memos"),
    ]
    """


def test_one_route_of_two_keeps_the_binding_and_the_import() -> None:
    code = _remove(TWO_ROUTES, line=7)
    assert code == textwrap.dedent(TWO_ROUTES).replace(
        '    re_path(r"^notes/$", notes_view, name="notes"),\n', ""
    )


def test_the_last_route_takes_the_binding_and_the_import_with_it() -> None:
    once = textwrap.dedent(TWO_ROUTES).replace(
        '    re_path(r"^notes/$", notes_view, name="notes"),\n', ""
    )
    code = remove_registration(
        once, "urls.py", "acme.api", "NotesEndpoint", 100, lambda at, pattern: at == 8
    ).code
    assert code == textwrap.dedent("""\
        from .endpoints.other import OtherEndpoint

        urlpatterns = [
            re_path(r"^other/$", OtherEndpoint.as_view(), name="other"),
        ]
        """)


def test_every_route_goes_with_the_binding() -> None:
    assert _remove(TWO_ROUTES) == textwrap.dedent("""\
        from .endpoints.other import OtherEndpoint

        urlpatterns = [
            re_path(r"^other/$", OtherEndpoint.as_view(), name="other"),
        ]
        """)


@pytest.mark.parametrize(
    ("source", "says"),
    [
        (  # the bound name has another use: it and the class stay needed
            """\
            from .endpoints.notes import NotesEndpoint

            notes_view = NotesEndpoint.as_view()
            urlpatterns = [re_path(r"^notes/$", notes_view, name="notes")]
            handlers = {"notes": notes_view}
            """,
            (
                "urls.py:5: notes_view, bound to NotesEndpoint.as_view() on line 3, is used here in "
                "a form scaffold does not remove; take that use out by hand, then run remove again"
            ),
        ),
        (  # a route inside a function: the check does not follow the name there either
            """\
            from .endpoints.notes import NotesEndpoint

            notes_view = NotesEndpoint.as_view()

            def make():
                return [re_path(r"^notes/$", notes_view, name="notes")]
            """,
            (
                "urls.py:6: notes_view, bound to NotesEndpoint.as_view() on line 3, is used here in "
                "a form scaffold does not remove; take that use out by hand, then run remove again"
            ),
        ),
        (  # bound twice: not followed, so not taken apart
            """\
            from .endpoints.notes import NotesEndpoint

            notes_view = NotesEndpoint.as_view()
            notes_view = NotesEndpoint.as_view()
            urlpatterns = [re_path(r"^notes/$", notes_view, name="notes")]
            """,
            (
                "urls.py:3: NotesEndpoint is still used here in a form scaffold does not remove; "
                "take that route out by hand, then run remove again"
            ),
        ),
        (  # the binding shares its line with another statement
            """\
            from .endpoints.notes import NotesEndpoint

            notes_view = NotesEndpoint.as_view(); DEBUG = False
            urlpatterns = [re_path(r"^notes/$", notes_view, name="notes")]
            """,
            (
                "urls.py:3: notes_view = NotesEndpoint.as_view() shares its line with another "
                "statement; take that route and the binding out by hand, then run remove again"
            ),
        ),
    ],
    ids=["other-use", "in-a-function", "bound-twice", "shared-line"],
)
def test_a_variant_that_cannot_be_taken_apart_is_refused(source: str, says: str) -> None:
    with pytest.raises(PatchError) as error:
        _remove(source)
    assert str(error.value) == says
