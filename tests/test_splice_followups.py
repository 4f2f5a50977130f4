"""What a user meets after a route went into a feature's own urls module spliced into urls.py
(`*gauge_urls.organization_urlpatterns`): `list --format spec` writes it, and `generate` from
that spec puts it back there."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from tests.helpers import changed_files, cli_in, run_cli, snapshot
from tests.test_splice_registration import (
    DETAILS,
    GAUGE_URLS,
    GAUGE_URLS_TEXT,
    GAUGE_URLS_WITH_DETAILS,
    ORG,
    URLS,
    gauge_tree,
)


def test_the_spec_writes_a_feature_route_and_generate_puts_it_back_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = gauge_tree(tmp_path)
    cli_in(capsys, root, "new-endpoint", *DETAILS, "--no-tests")
    spec = cli_in(capsys, root, "list", "--format", "spec")
    assert "  - name: OrganizationGaugeDetailsEndpoint\n" in spec, spec
    assert f'    route: "{ORG}/gauges/{{gauge_id}}/"\n' in spec
    assert "  - name: OrganizationGaugeIndexEndpoint\n" in spec
    (tmp_path / "spec.yaml").write_text(spec)
    before = snapshot(root)
    cli_in(capsys, root, "generate", str(tmp_path / "spec.yaml"), "--skip")
    assert not changed_files(before, snapshot(root))
    # its route taken out (the module kept), the spec registers it again where it was
    cli_in(
        capsys, root, "remove", "OrganizationGaugeDetails", "--route", f"{ORG}/gauges/{{gauge_id}}/"
    )
    assert list(changed_files(before, snapshot(root))) == [GAUGE_URLS]
    cli_in(capsys, root, "generate", str(tmp_path / "spec.yaml"), "--skip")
    assert not changed_files(before, snapshot(root))


def test_a_refusal_for_a_route_a_feature_entry_hides_names_the_feature_module_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`organizations/{org}/{kind:gauges}/` of a class outside the feature: in
    ORGANIZATION_URLS it would hide the feature's `gauges/` route, and at the top level, after
    the include, that route hides it. The refusal names the feature's module and the line of
    that route there, not urls.py."""
    root = gauge_tree(tmp_path)
    before = snapshot(root)
    route = f"{ORG}/{{kind:gauges}}/"
    argv = ("new-endpoint", "OrganizationKinds", "--route", route, "--lookup", "kind=-")
    result = run_cli(capsys, *argv, "--project", str(root))
    assert result.code == 2, result.out + result.err
    assert result.err.startswith(f'error: {GAUGE_URLS}:6: r"^(?P<organization_id_or_slug>')
    assert "would never be reached" in result.err
    assert not changed_files(before, snapshot(root))


GAUGE_INIT = dedent("""\
    from .organization_gauge_index import OrganizationGaugeIndexEndpoint

    __all__ = [
        "OrganizationGaugeIndexEndpoint",
    ]
    """)

GAUGE_INIT_WITH_DETAILS = dedent("""\
    from .organization_gauge_details import OrganizationGaugeDetailsEndpoint
    from .organization_gauge_index import OrganizationGaugeIndexEndpoint

    __all__ = [
        "OrganizationGaugeDetailsEndpoint",
        "OrganizationGaugeIndexEndpoint",
    ]
    """)


def test_a_feature_package_re_exporting_its_endpoints_re_exports_the_new_one_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The package's `__init__.py` lists every endpoint of it in `__all__` (README: `--module`
    into such a package adds the import and the `__all__` entry): the new one joins them,
    while the feature's urls module imports it from its own file, as it does the others."""
    root = gauge_tree(tmp_path)
    init = "src/orbit/gauges/endpoints/__init__.py"
    (root / init).write_text(GAUGE_INIT)
    before = snapshot(root)
    cli_in(capsys, root, "new-endpoint", *DETAILS)
    changed = changed_files(before, snapshot(root))
    assert URLS not in changed
    assert changed[init] == GAUGE_INIT_WITH_DETAILS.encode()
    assert changed[GAUGE_URLS] == GAUGE_URLS_WITH_DETAILS.encode()
    assert "No problems" in cli_in(capsys, root, "check")
    after = snapshot(root)
    cli_in(capsys, root, "new-endpoint", *DETAILS, "--skip")
    assert not changed_files(after, snapshot(root))
    cli_in(capsys, root, "remove", "OrganizationGaugeDetails")
    assert not changed_files(before, snapshot(root))


# the feature's urls module imports its endpoints from their package, which re-exports them
GAUGE_URLS_FROM_PACKAGE = GAUGE_URLS_TEXT.replace(
    "from .organization_gauge_index import", "from {package} import"
)


@pytest.mark.parametrize("package", ["orbit.gauges.endpoints", "."])
def test_a_feature_module_importing_from_its_package_gets_the_new_name_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], package: str
) -> None:
    """As urls.py patching does for a package re-exporting its endpoints: the name joins the
    module's import from the package, and the package re-exports it; no per-file import."""
    root = gauge_tree(tmp_path)
    init = "src/orbit/gauges/endpoints/__init__.py"
    (root / init).write_text(GAUGE_INIT)
    (root / GAUGE_URLS).write_text(GAUGE_URLS_FROM_PACKAGE.format(package=package))
    before = snapshot(root)
    cli_in(capsys, root, "new-endpoint", *DETAILS)
    changed = changed_files(before, snapshot(root))
    assert URLS not in changed
    assert changed[init] == GAUGE_INIT_WITH_DETAILS.encode()
    expected = GAUGE_URLS_WITH_DETAILS.replace(
        "from .organization_gauge_details import OrganizationGaugeDetailsEndpoint\n"
        "from .organization_gauge_index import OrganizationGaugeIndexEndpoint\n",
        f"from {package} import OrganizationGaugeDetailsEndpoint, OrganizationGaugeIndexEndpoint\n",
    )
    assert changed[GAUGE_URLS] == expected.encode(), changed[GAUGE_URLS]
    _accepted_and_kept(capsys, root, tmp_path)
    cli_in(capsys, root, "remove", "OrganizationGaugeDetails")
    assert not changed_files(before, snapshot(root))


def _accepted_and_kept(
    capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path
) -> dict[str, bytes]:
    """`check` accepts what was written, and neither `new-endpoint --skip` nor `generate` of the
    project's own spec changes it again; the files as they are then."""
    assert "No problems" in cli_in(capsys, root, "check")
    after = snapshot(root)
    cli_in(capsys, root, "new-endpoint", *DETAILS, "--skip")
    cli_in(capsys, root, "generate", str(_spec_of(capsys, root, tmp_path)), "--skip")
    assert not changed_files(after, snapshot(root))
    return after


def _spec_of(capsys: pytest.CaptureFixture[str], root: Path, tmp_path: Path) -> Path:
    """The project's routes as a spec (`list --format spec`), written to a file."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(cli_in(capsys, root, "list", "--format", "spec"))
    return spec


def test_a_feature_module_reading_its_package_through_an_alias_reads_the_new_class_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`from . import endpoints as e` in the feature's `urls.py` beside its endpoints package,
    entries `e.A.as_view()`: the new entry reads `e.OrganizationGaugeDetailsEndpoint` with no
    import of its own; the package re-exports it. `remove` and `remove --route` undo it."""
    root = gauge_tree(tmp_path)
    init = "src/orbit/gauges/endpoints/__init__.py"
    (root / init).write_text(GAUGE_INIT)
    (root / GAUGE_URLS).unlink()
    feature_urls = "src/orbit/gauges/urls.py"
    index_import = "from .organization_gauge_index import OrganizationGaugeIndexEndpoint"
    (root / feature_urls).write_text(
        GAUGE_URLS_TEXT.replace(index_import, "from . import endpoints as e").replace(
            "OrganizationGaugeIndexEndpoint.as_view()", "e.OrganizationGaugeIndexEndpoint.as_view()"
        )
    )
    text = (root / URLS).read_text()
    (root / URLS).write_text(
        text.replace("orbit.gauges.endpoints import urls", "orbit.gauges import urls")
    )
    before = snapshot(root)
    cli_in(capsys, root, "new-endpoint", *DETAILS, "--no-tests")  # `--route` keeps no test
    changed = changed_files(before, snapshot(root))
    assert URLS not in changed
    assert changed[init] == GAUGE_INIT_WITH_DETAILS.encode()
    expected = (
        GAUGE_URLS_WITH_DETAILS.replace(
            "from .organization_gauge_details import OrganizationGaugeDetailsEndpoint\n"
            f"{index_import}\n",
            "from . import endpoints as e\n",
        )
        .replace(
            " OrganizationGaugeIndexEndpoint.as_view()",
            " e.OrganizationGaugeIndexEndpoint.as_view()",
        )
        .replace(
            " OrganizationGaugeDetailsEndpoint.as_view()",
            " e.OrganizationGaugeDetailsEndpoint.as_view()",
        )
    )
    assert changed[feature_urls] == expected.encode(), changed[feature_urls]
    after = _accepted_and_kept(capsys, root, tmp_path)
    route = f"{ORG}/gauges/{{gauge_id}}/"
    cli_in(capsys, root, "remove", "OrganizationGaugeDetails", "--route", route)
    assert set(changed_files(before, snapshot(root))) == {
        init,  # the module is kept, and its re-export with it
        "src/orbit/gauges/endpoints/organization_gauge_details.py",
    }
    cli_in(capsys, root, "new-endpoint", *DETAILS, "--skip")
    assert not changed_files(after, snapshot(root))
    said = cli_in(capsys, root, "remove", "OrganizationGaugeDetails")
    assert "no import" in said, said
    assert not changed_files(before, snapshot(root))
