"""A base that refuses every request (Sentry's root Endpoint holds `(NoPermission,)`, whose
`has_permission` returns False): a module generated on it without permission classes would
answer 403 to everyone and fail its own test, so new-endpoint asks for them instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import FIXTURES, copy_project, run_cli, snapshot

PERMISSIONS = """\
from typing import Any


class NoPermission:
    def has_permission(self, request: Any, view: Any) -> bool:
        \"\"\"Nobody: an endpoint says who may call it.\"\"\"
        return False


class OrganizationPermission:
    def has_permission(self, request: Any, view: Any) -> bool:
        return bool(request.user)
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = copy_project(FIXTURES / "modern", tmp_path / "p")
    (root / "src/nova/api/permissions.py").write_text(PERMISSIONS)
    base = root / "src/nova/api/base.py"
    base.write_text(
        base.read_text()
        .replace(
            "from rest_framework.views import APIView\n",
            "from rest_framework.views import APIView\n\nfrom nova.api import permissions\n",
        )
        .replace(
            "class Endpoint(APIView):\n",
            "class Endpoint(APIView):\n    permission_classes = (permissions.NoPermission,)\n\n",
        )
    )
    org = root / "src/nova/api/bases/organization.py"
    org.write_text(
        org.read_text()
        .replace(
            "class OrganizationEndpoint(Endpoint):\n",
            "class OrganizationEndpoint(Endpoint):\n"
            "    permission_classes = (OrganizationPermission,)\n\n",
        )
        .replace(
            "from nova.api.base import Endpoint\n",
            "from nova.api.base import Endpoint\nfrom nova.api.permissions import OrganizationPermission\n",
        )
    )
    return root


def test_a_route_on_the_refusing_root_needs_permission_classes(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(root)
    refused = run_cli(
        capsys, "new-endpoint", "Health", "--route", "health/", "--project", str(root)
    )
    assert refused.code == 2
    assert refused.err == (
        "error: --permission: Endpoint refuses every request (NoPermission.has_permission returns "
        "False); name the permission class this endpoint needs with --permission "
        "(nova.api.permissions, beside NoPermission, defines OrganizationPermission: give "
        "nova.api.permissions.NAME)\n"
    )
    assert snapshot(root) == before
    argv = ["new-endpoint", "Health", "--route", "health/", "--project", str(root)]
    given = run_cli(capsys, *argv, "--permission", "nova.api.permissions.OrganizationPermission")
    assert given.code == 0, given.err
    module = (root / "src/nova/api/endpoints/health.py").read_text()
    assert "permission_classes = (OrganizationPermission,)" in module


def test_a_base_that_sets_its_own_permission_classes_is_fine(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    route = "organizations/{organization_id_or_slug}/gadgets/"
    result = run_cli(
        capsys, "new-endpoint", "OrganizationGadgets", "--route", route, "--project", str(root)
    )
    assert result.code == 0, result.err


def test_a_parameter_no_base_takes_is_said_first(
    root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A route whose parameter no base takes falls to the refusing root (as the README's
    `{organization_id_or_slug}` did on a tree whose bases take `organization_slug`): what to fix
    first is the route, not the permissions."""
    route = "gizmos/{gizmo_id}/"
    refused = run_cli(capsys, "new-endpoint", "Gizmos", "--route", route, "--project", str(root))
    assert refused.code == 2
    assert "route parameter 'gizmo_id' is not consumed by Endpoint" in refused.err
    assert "refuses every request" not in refused.err


@pytest.mark.parametrize(
    ("param", "suggested"),
    [
        ("organisation_id_or_slug", "organization_id_or_slug"),  # a misspelling: named
        ("project_uuid", None),  # another parameter, not `project_id_or_slug` mistyped
    ],
)
def test_an_unconsumed_parameter_suggests_only_a_misspelt_name(
    root: Path, capsys: pytest.CaptureFixture[str], param: str, suggested: str | None
) -> None:
    route = f"gizmos/{{{param}}}/"
    refused = run_cli(capsys, "new-endpoint", "Gizmos", "--route", route, "--project", str(root))
    assert refused.code == 2
    assert f"route parameter {param!r} is not consumed by" in refused.err
    if suggested is None:
        assert "did you mean" not in refused.err
    else:
        assert f"(did you mean {suggested!r}?)" in refused.err
