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
