"""Endpoint roots anywhere: a second API package whose endpoints inherit the first package's
`Endpoint` (a fork in commonlims' shape), the root found by following imports or configured as
`[tool.scaffold] endpoint-root`, and `--package` choosing the package on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import RULES, CheckResult
from scaffold.check.run import run_check
from scaffold.errors import ProjectError
from scaffold.project.settings import load_settings
from tests.check.fork_trees import LAB_URLS, write_fork
from tests.check.trees import URLS, write_tree
from tests.helpers import run_cli

UNROUTED = LAB_URLS.replace("SampleDetailsEndpoint.as_view()", "SamplesEndpoint.as_view()")


def _check(root: Path, package: str | None = None) -> CheckResult:
    settings = load_settings(root, package)
    config = load_check_config(root, {}, sorted(RULES), [], None)
    return run_check(settings, config, None)


def _found(result: CheckResult) -> list[tuple[str, str, int, str]]:
    return [(p.rule, p.path, p.line, p.symbol) for p in result.problems]


def test_the_root_is_found_through_the_second_packages_imports(tmp_path: Path) -> None:
    """lab/api/ has no base.py: its endpoints lead to shop.api.base.Endpoint."""
    assert load_settings(write_fork(tmp_path)).endpoint_root == "shop.api.base.Endpoint"


@pytest.mark.parametrize("package", ["lab", "shop"])
def test_either_package_of_a_clean_fork_checks_clean(tmp_path: Path, package: str) -> None:
    result = _check(write_fork(tmp_path, package))
    assert (_found(result), result.endpoints, result.routes) == ([], 4, 4)


def test_both_packages_report_the_same_real_findings(tmp_path: Path) -> None:
    """An unrouted lab endpoint and a lab route to a plain class: the same findings either way,
    because the check walks from shop's urls.py, which includes lab's."""
    urls = UNROUTED.replace(
        "]\n",
        '    re_path(r"^plain/$", Plain.as_view(), name="lab-api-0-plain"),\n]\n',
    ).replace("urlpatterns", "class Plain:\n    pass\n\n\nurlpatterns")
    root = write_fork(tmp_path, "lab", lab={"api/urls.py": urls})
    from_lab = _found(_check(root))
    from_shop = _found(_check(root, "shop"))
    assert from_lab == from_shop
    assert [f for f in from_lab if f[0] in {"unregistered-endpoint", "unknown-view"}] == [
        ("unregistered-endpoint", "src/lab/api/endpoints/samples.py", 13, "SampleDetailsEndpoint"),
        ("unknown-view", "src/lab/api/urls.py", 20, "Plain"),
    ]


def test_a_configured_root_with_another_name(tmp_path: Path) -> None:
    """`endpoint-root` names a class that is not called Endpoint: its subclasses are endpoints
    (an unrouted one is found) and its routes are not unknown views. shop's urls.py does not
    include lab's here: lab is checked on its own."""
    lab = {
        "api/views.py": """
            from rest_framework.views import APIView


            class LabView(APIView):
                pass
        """,
        "api/endpoints/samples.py": """
            from lab.api.views import LabView


            class SamplesEndpoint(LabView):
                def get(self, request, organization_id_or_slug):
                    return None


            class SampleDetailsEndpoint(LabView):
                def get(self, request, sample_id):
                    return None
        """,
        "api/urls.py": UNROUTED,
    }
    table = 'endpoint-root = "lab.api.views.LabView"\n'
    root = write_fork(tmp_path, "lab", lab=lab, shop={"api/urls.py": URLS}, table=table)
    assert load_settings(root).endpoint_root == "lab.api.views.LabView"
    found = _found(_check(root))
    assert [f for f in found if f[0] in {"unregistered-endpoint", "unknown-view"}] == [
        ("unregistered-endpoint", "src/lab/api/endpoints/samples.py", 9, "SampleDetailsEndpoint"),
    ]


def test_a_configured_root_is_followed_to_its_definition(tmp_path: Path) -> None:
    """A re-export (`lab.api.Endpoint`) names the class where it is defined."""
    lab = {"api/__init__.py": "from shop.api.base import Endpoint  # noqa\n"}
    root = write_fork(tmp_path, lab=lab, table='endpoint-root = "lab.api.Endpoint"\n')
    assert load_settings(root).endpoint_root == "shop.api.base.Endpoint"


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("shop.api.base.Missing", "shop.api.base defines no class Missing"),
        ("shop.nowhere.Endpoint", "no module shop.nowhere in the project"),
        ("Endpoint", "not a dotted path"),
    ],
)
def test_a_wrong_endpoint_root_is_one_error(tmp_path: Path, value: str, why: str) -> None:
    root = write_fork(tmp_path, table=f'endpoint-root = "{value}"\n')
    with pytest.raises(ProjectError) as raised:
        load_settings(root)
    assert str(raised.value) == (
        f"{root / 'pyproject.toml'}:3: [tool.scaffold] endpoint-root = {value!r}: {why}; give the "
        "dotted path of the class every endpoint inherits, e.g. 'sentry.api.base.Endpoint'"
    )


def test_the_package_option_overrides_the_configured_package(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    root = write_fork(tmp_path, "shop", lab={"api/urls.py": UNROUTED})
    by_option = run_cli(capsys, "check", "--project", str(root), "--package", "lab")
    write_fork(tmp_path, "lab", lab={"api/urls.py": UNROUTED})
    by_table = run_cli(capsys, "check", "--project", str(root))
    assert (by_option.code, by_option.out) == (by_table.code, by_table.out)
    assert "SampleDetailsEndpoint is an endpoint no route serves" in by_option.out


def test_the_package_option_of_the_writing_commands(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """new-endpoint --package lab writes into lab, imports shop's base and shop's ApiOwner
    (lab/api/ has neither); check agrees."""
    owners = 'import enum\n\n\nclass ApiOwner(enum.Enum):\n    LAB = "lab"\n'
    root = write_fork(tmp_path, "shop", shop={"api/api_owners.py": owners})
    route = "organizations/{organization_id_or_slug}/plates/"
    made = run_cli(
        capsys, "new-endpoint", "OrganizationPlates", "--route", route, "--owner", "lab",
        "--project", str(root), "--package", "lab",
    )  # fmt: skip
    assert made.code == 0, made.err
    module = (root / "src/lab/api/endpoints/organization_plates.py").read_text()
    assert "from shop.api.bases.organization import OrganizationEndpoint" in module
    assert "from shop.api.api_owners import ApiOwner" in module
    assert "OrganizationPlatesEndpoint.as_view()" in (root / "src/lab/api/urls.py").read_text()
    checked = run_cli(capsys, "check", "--project", str(root), "--package", "lab")
    assert checked.code == 0, checked.out


@pytest.mark.parametrize("command", ["check", "new-endpoint", "generate", "remove"])
def test_an_unknown_package_is_one_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    root = write_fork(tmp_path, "shop")
    (root / "spec.yaml").write_text("- name: Plates\n  route: plates/\n")
    argv = {"check": [], "remove": ["Samples"], "generate": [str(root / "spec.yaml")]}.get(
        command, ["Samples", "--route", "samples/"]
    )
    result = run_cli(capsys, command, *argv, "--project", str(root), "--package", "labz")
    assert result.code == 2
    assert result.err.startswith(f"error: {root}: --package labz: no src/labz/api/urls.py")
    assert "Traceback" not in result.err


PRE_ENDPOINT_BASE = """
from rest_framework.views import APIView


class BaseView(APIView):
    permission_classes = ()
"""

PRE_ENDPOINT_VIEW = """
from shop.api.base import BaseView


class GroupListView(BaseView):
    def get(self, request, team, project):
        return None
"""

PRE_ENDPOINT_URLS = """
from django.conf.urls import url

from .endpoints.group_index import GroupListView

urlpatterns = [
    url(r"^(?P<team_slug>[^/]+)/(?P<project_id>[^/]+)/groups/$", GroupListView.as_view()),
]
"""


def test_a_tree_older_than_its_endpoint_class_is_not_judged_by_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry of 2014: api/base.py holds `BaseView(APIView)` and no `Endpoint`. Its views are
    DRF views Django serves; whether they are endpoints is not judged, and the check says so."""
    files = {
        "api/base.py": PRE_ENDPOINT_BASE,
        "api/bases/organization.py": "",
        "api/endpoints/organization_widgets.py": "",
        "api/endpoints/organization_stats.py": "",
        "api/endpoints/group_index.py": PRE_ENDPOINT_VIEW,
        "api/urls.py": PRE_ENDPOINT_URLS,
    }
    root = write_tree(tmp_path, files)
    result = _check(root)
    assert _found(result) == []
    assert [(u.relpath, u.line, u.what) for u in result.unresolved] == [
        ("src/shop/api/urls.py", 6, "GroupListView")
    ]
    shown = run_cli(capsys, "check", "--explain", "--project", str(root))
    assert shown.code == 0, shown.out + shown.err
    assert "no endpoint root shop.api.base.Endpoint in the tree" in shown.out
