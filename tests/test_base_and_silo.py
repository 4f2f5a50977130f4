"""What a new endpoint is built on. The silo decorator when the spec names none: the one every
lookup's model is kept in, else the routes' beside it, else the project's default. The base:
one named for a silo (`RegionFooBase` beside `FooBase`) only for that silo, no base named for a
version word, any endpoint class by name; and a raw value is never passed through a base that
does not hand it on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scaffold.naming import module_name_for
from tests.helpers import FIXTURES, copy_project, run_cli

MODERN = FIXTURES / "modern"
API_OWNERS = "src/nova/api/api_owners.py"


def new_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str], *args: str
) -> str:
    """The module `new-endpoint ARGS` writes into a copy of the modern fixture holding
    `files` (relative to src/nova/)."""
    root = copy_project(MODERN, tmp_path / "p")
    for relpath, text in files.items():
        (root / "src/nova" / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / "src/nova" / relpath).write_text(text)
    result = run_cli(capsys, "new-endpoint", *args, "--no-tests", "--project", str(root))
    assert result.code == 0, result.err
    created = re.search(r"^create\s+(src/nova/api/endpoints/\S+\.py)", result.out, re.MULTILINE)
    assert created is not None, result.out
    return (root / created.group(1)).read_text()


ROUTE = "organizations/{organization_id_or_slug}/member-keys/{key_id}/"
MODEL = """
from nova.db import control_silo_model, cell_silo_model


@{decorator}
class MemberKey:
    objects = None  # a stand-in: the real model's manager
"""


@pytest.mark.parametrize(
    ("decorator", "flags", "expected"),
    [
        ("control_silo_model", [], "control_silo_endpoint"),
        ("cell_silo_model", [], "cell_silo_endpoint"),
        ("control_silo_model", ["--silo", "cell"], "cell_silo_endpoint"),  # the user's word
        ("staticmethod", [], "cell_silo_endpoint"),  # no silo: the project's default
    ],
)
def test_the_lookup_models_silo_is_the_endpoints(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    decorator: str,
    flags: list[str],
    expected: str,
) -> None:
    text = new_module(
        tmp_path,
        capsys,
        {"models/member_key.py": MODEL.format(decorator=decorator)},
        "OrganizationMemberKeyDetails",
        "--route",
        ROUTE,
        "--lookup",
        "key_id=nova.models.member_key.MemberKey",
        *flags,
    )
    assert f"@{expected}\nclass OrganizationMemberKeyDetailsEndpoint(" in text


WIDGET_BASES = """
from nova.api.base import Endpoint


class WidgetBaseEndpoint(Endpoint):
    permission_classes = ()

    def convert_args(self, request, widget_id, *args, **kwargs):
        kwargs["widget"] = widget_id
        return (args, kwargs)


class CellWidgetBaseEndpoint(Endpoint):
    permission_classes = ()

    def convert_args(self, request, widget_id, *args, **kwargs):
        kwargs["widget"] = widget_id
        return (args, kwargs)
"""


@pytest.mark.parametrize(
    ("silo", "base"),
    [("control", "WidgetBaseEndpoint"), ("cell", "CellWidgetBaseEndpoint")],
)
def test_a_base_named_for_a_silo_beside_its_plain_twin_is_that_silos_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], silo: str, base: str
) -> None:
    files = {"api/bases/widget.py": WIDGET_BASES}
    text = new_module(
        tmp_path,
        capsys,
        files,
        "WidgetStats",
        "--route",
        "widgets/{widget_id}/stats/",
        "--silo",
        silo,
    )
    assert f"class WidgetStatsEndpoint({base}):" in text


EVENTS_V2_BASE = """
from nova.api.bases.organization import OrganizationEndpoint


class OrganizationEventsV2EndpointBase(OrganizationEndpoint):
    permission_classes = ()

    def convert_args(self, request, organization_id_or_slug, *args, **kwargs):
        return super().convert_args(request, organization_id_or_slug, *args, **kwargs)
"""
SCIM_BASE = """
from nova.api.bases.organization import OrganizationEndpoint


class SCIMEndpoint(OrganizationEndpoint):
    permission_classes = ()
"""


@pytest.mark.parametrize(
    ("flags", "base"),
    [([], "OrganizationEndpoint"), (["--base", "SCIMEndpoint"], "SCIMEndpoint")],
)
def test_a_version_segment_names_no_base_and_any_endpoint_class_is_a_base_by_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], base: str
) -> None:
    """`scim/v2/` says nothing of OrganizationEventsV2EndpointBase; `--base SCIMEndpoint` names
    a class outside the base modules that takes no parameter of its own."""
    files = {
        "api/bases/organization_events.py": EVENTS_V2_BASE,
        "scim/__init__.py": "",
        "scim/utils.py": SCIM_BASE,
    }
    text = new_module(
        tmp_path,
        capsys,
        files,
        "OrganizationSCIMGroupIndex",
        "--route",
        "organizations/{organization_id_or_slug}/scim/v2/Groups/",
        "--permission",
        "nova.api.bases.team.TeamPermission",
        *flags,
    )
    assert f"class OrganizationSCIMGroupIndexEndpoint({base}):" in text


def test_with_no_word_from_spec_or_models_the_routes_beside_it_say_the_silo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry's `users/{user_id}/...` endpoints are nearly all control-silo ones: a new one
    beside them is too (the project's default silo is the region's, here the cell's)."""
    root = copy_project(MODERN, tmp_path / "p")
    permission = ("--permission", "nova.api.bases.team.TeamPermission", "--no-tests")
    for name, silo in [("Alpha", "control"), ("Beta", "control"), ("Delta", "cell")]:
        route = f"internal/tools/{name.lower()}/" if name != "Delta" else "internal/delta/"
        argv: tuple[str, ...] = ("new-endpoint", f"Tool{name}", "--route", route, "--silo", silo)
        argv += permission
        assert run_cli(capsys, *argv, "--project", str(root)).code == 0
    argv = ("new-endpoint", "ToolGamma", "--route", "internal/tools/gamma/", *permission)
    result = run_cli(capsys, *argv, "--project", str(root))
    assert result.code == 0, result.err
    module = root / "src/nova/api/endpoints/tool_gamma.py"
    assert "@control_silo_endpoint\nclass ToolGammaEndpoint(" in module.read_text()
    # one segment shared (`internal/`) says nothing: the project's default
    argv = ("new-endpoint", "Epsilon", "--route", "internal/epsilon/", *permission)
    assert run_cli(capsys, *argv, "--project", str(root)).code == 0
    module = root / "src/nova/api/endpoints/epsilon.py"
    assert "@cell_silo_endpoint\nclass EpsilonEndpoint(" in module.read_text()


def test_the_routes_beside_it_say_the_same_silo_on_a_second_run_and_one_level_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The class's own route is not its neighbour: `--force` on an unchanged spec writes the
    same module (the silo read from the others, not from the class itself). A route with one
    endpoint beside it at its depth reads the level above (`internal/tools/gamma/recent/`
    reads `internal/tools/`, not only `gamma/`)."""
    root = copy_project(MODERN, tmp_path / "p")
    permission = ("--permission", "nova.api.bases.team.TeamPermission", "--no-tests")
    for name in ("Alpha", "Beta"):
        route = f"internal/tools/{name.lower()}/"
        flags = ("--silo", "control", *permission, "--project", str(root))
        assert run_cli(capsys, "new-endpoint", f"Tool{name}", "--route", route, *flags).code == 0
    gamma = ("new-endpoint", "ToolGamma", "--route", "internal/tools/gamma/", *permission)
    assert run_cli(capsys, *gamma, "--project", str(root)).code == 0
    module = root / "src/nova/api/endpoints/tool_gamma.py"
    first = module.read_text()
    assert "@control_silo_endpoint\nclass ToolGammaEndpoint(" in first
    result = run_cli(capsys, *gamma, "--force", "--project", str(root))
    assert result.code == 0, result.err
    assert module.read_text() == first
    argv = ("new-endpoint", "ToolGammaRecent", "--route", "internal/tools/gamma/recent/")
    assert run_cli(capsys, *argv, *permission, "--project", str(root)).code == 0
    text = (root / "src/nova/api/endpoints/tool_gamma_recent.py").read_text()
    assert "@control_silo_endpoint\nclass ToolGammaRecentEndpoint(" in text


def test_the_base_the_endpoints_beside_it_refine_the_choice_to_is_chosen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two SCIM endpoints built on SCIMEndpoint (an OrganizationEndpoint taking no parameter of
    its own): a third route beside them is built on it too, one elsewhere is not; and the
    neighbours never turn the choice back into a base it refines."""
    root = copy_project(MODERN, tmp_path / "p")
    (root / "src/nova/scim").mkdir()
    (root / "src/nova/scim/__init__.py").write_text("")
    (root / "src/nova/scim/utils.py").write_text(SCIM_BASE)
    scim = "organizations/{organization_id_or_slug}/scim/v2/"
    flags = ("--permission", "nova.api.bases.team.TeamPermission", "--no-tests")
    for name in ("Users", "Groups"):
        argv = ("new-endpoint", f"OrganizationSCIM{name}", "--route", f"{scim}{name}/", *flags)
        result = run_cli(capsys, *argv, "--base", "SCIMEndpoint", "--project", str(root))
        assert result.code == 0, result.err
    for name, route, base in [
        ("OrganizationSCIMSchemas", f"{scim}Schemas/", "SCIMEndpoint"),
        ("OrganizationGadgets", "organizations/{organization_id_or_slug}/gadgets/", "Organization"),
    ]:
        result = run_cli(
            capsys, "new-endpoint", name, "--route", route, *flags, "--project", str(root)
        )
        assert result.code == 0, result.err
        module = root / "src/nova/api/endpoints" / f"{module_name_for(name)}.py"
        assert (
            f"class {name}Endpoint({base.removesuffix('Endpoint')}Endpoint):" in module.read_text()
        )


OWNED_BASE = """
from nova.api.api_owners import ApiOwner
from nova.api.bases.organization import OrganizationEndpoint


class OrganizationGadgetBase(OrganizationEndpoint):
    owner = ApiOwner.{member}

    def convert_args(self, request, organization_id_or_slug, gadget_id, *args, **kwargs):
        args, kwargs = super().convert_args(request, organization_id_or_slug, *args, **kwargs)
        kwargs["gadget_id"] = gadget_id
        return (args, kwargs)
"""


def test_an_owner_the_base_sets_is_inherited_unless_the_spec_names_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`owner = ApiOwner.UNOWNED` in the new class would override the base's own owner."""
    owners = (MODERN / API_OWNERS).read_text()
    members = re.findall(r"^    (\w+) = ", owners, re.MULTILINE)
    member = next(m for m in members if m != "UNOWNED")
    files = {"api/bases/gadget.py": OWNED_BASE.replace("{member}", member)}
    route = "organizations/{organization_id_or_slug}/gadgets/{gadget_id}/parts/"
    text = new_module(tmp_path / "a", capsys, files, "GadgetParts", "--route", route)
    assert "class GadgetPartsEndpoint(OrganizationGadgetBase):" in text
    assert "owner =" not in text and "ApiOwner" not in text
    named = ("--owner", members[-1].lower())
    text = new_module(tmp_path / "b", capsys, files, "GadgetParts", "--route", route, *named)
    assert f"    owner = ApiOwner.{members[-1]}\n" in text


INTEGRATION_TWINS = """
from nova.api.bases.organization import OrganizationEndpoint


class IntegrationEndpoint(OrganizationEndpoint):
    permission_classes = ()


class CellIntegrationEndpoint(OrganizationEndpoint):
    permission_classes = ()
"""


def test_a_bare_silo_word_does_not_win_a_route_its_twin_would_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry's `RegionIntegrationEndpoint` (beside `IntegrationEndpoint`, both taking the
    organization) is the integrations' base: a plain organization route keeps
    OrganizationEndpoint under the project's default silo."""
    files = {"api/bases/integration.py": INTEGRATION_TWINS}
    route = "organizations/{organization_id_or_slug}/widgets/"
    text = new_module(tmp_path, capsys, files, "OrganizationWidgets", "--route", route)
    assert "class OrganizationWidgetsEndpoint(OrganizationEndpoint):" in text


DROPPING_BASE = """
from nova.api.bases.organization import OrganizationEndpoint


class WidgetBaseEndpoint(OrganizationEndpoint):
    permission_classes = ()

    def convert_args(self, request, organization_id_or_slug, widget_id, *args, **kwargs):
        args, kwargs = super().convert_args(request, organization_id_or_slug{rest})
        kwargs["widget"] = widget_id
        return (args, kwargs)
"""


@pytest.mark.parametrize("forwards", [True, False])
def test_a_passthrough_under_a_base_building_kwargs_anew_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], forwards: bool
) -> None:
    """A base calling `super().convert_args(request, org)` without `**kwargs` drops the rest
    of the route's arguments: a raw value passed through it never reaches the handler (a
    TypeError on every request, which `scaffold check` reports)."""
    root = copy_project(MODERN, tmp_path / "p")
    base = DROPPING_BASE.format(rest=", *args, **kwargs" if forwards else "")
    (root / "src/nova/api/bases/widget.py").write_text(base)
    route = "organizations/{organization_id_or_slug}/widgets/{widget_id}/notes/{note_key}/"
    argv = ("new-endpoint", "WidgetNote", "--route", route, "--lookup", "note_key=-")
    result = run_cli(capsys, *argv, "--no-tests", "--project", str(root))
    if forwards:
        assert result.code == 0, result.err
        assert run_cli(capsys, "check", "--project", str(root)).code == 0
    else:
        assert result.code == 2
        assert "WidgetBaseEndpoint's convert_args does not hand 'note_key' on" in result.err


def test_a_silo_given_against_a_lookup_models_is_noted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_project(MODERN, tmp_path / "p")
    (root / "src/nova/models/member_key.py").write_text(
        MODEL.format(decorator="control_silo_model")
    )
    lookup = ("--lookup", "key_id=nova.models.member_key.MemberKey")
    argv = ("new-endpoint", "OrganizationMemberKeyDetails", "--route", ROUTE, *lookup)
    result = run_cli(capsys, *argv, "--silo", "cell", "--no-tests", "--project", str(root))
    assert result.code == 0, result.err
    assert "note: MemberKey is a control-silo model, read from a cell-silo endpoint" in result.out


CONTROL_ORGANIZATION_BASE = """
from nova.api.base import Endpoint


class ControlSiloOrganizationEndpoint(Endpoint):
    permission_classes = ()

    def convert_args(self, request, organization_id_or_slug, *args, **kwargs):
        kwargs["organization"] = organization_id_or_slug
        return (args, kwargs)
"""


@pytest.mark.parametrize(
    ("flags", "decorator"),
    [([], "control_silo_endpoint"), (["--silo", "cell"], "cell_silo_endpoint")],
)
def test_a_base_given_by_name_for_one_silo_gives_that_silo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], decorator: str
) -> None:
    """Sentry's `ControlSiloOrganizationEndpoint` serves control-silo endpoints alone (all
    nine of 2024-09 are `@control_silo_endpoint`): `--base` naming it gives that silo, not
    the region silo of the `organizations/{org}/...` routes beside it; `--silo` still wins."""
    text = new_module(
        tmp_path,
        capsys,
        {"api/bases/organization_control.py": CONTROL_ORGANIZATION_BASE},
        "OrganizationVaultKeys",
        "--route",
        "organizations/{organization_id_or_slug}/vault-keys/",
        "--base",
        "ControlSiloOrganizationEndpoint",
        *flags,
    )
    assert (
        f"@{decorator}\nclass OrganizationVaultKeysEndpoint(ControlSiloOrganizationEndpoint):"
        in text
    )


GAUGE_BASES = """
from nova.api.base import Endpoint


class GaugeEndpoint(Endpoint):
    def convert_args(
        self, request, organization_id_or_slug, gauge_slug, environment=None, reading_id=None,
        *args, **kwargs
    ):
        kwargs["gauge"] = gauge_slug
        return (args, kwargs)


class GaugeIngestEndpoint(Endpoint):
    def convert_args(
        self, request, gauge_slug, reading_id=None, organization_id_or_slug=None, *args, **kwargs
    ):
        kwargs["gauge"] = gauge_slug
        return (args, kwargs)
"""


def test_of_bases_taking_the_same_parameters_one_requiring_them_wins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry's monitors (2023-2024): `MonitorEndpoint` requires the organization and the
    monitor; `MonitorIngestEndpoint`, for ingest routes that may lack the organization, takes
    it as optional and authenticates by DSN. A route giving both is the first's, though the
    second leaves fewer of its optional parameters unused."""
    files = {"api/bases/gauge.py": GAUGE_BASES}
    route = "organizations/{organization_id_or_slug}/gauges/{gauge_slug}/dials/"
    text = new_module(tmp_path, capsys, files, "OrganizationGaugeDials", "--route", route)
    assert "class OrganizationGaugeDialsEndpoint(GaugeEndpoint):" in text


def test_the_region_silo_under_its_2022_name_is_the_default_before_control(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Sentry's tree of 2022-08 defines `control_silo_endpoint` first, then the region's silo
    under its name of that year, `customer_silo_endpoint`, and decorates no endpoint yet: a new
    organization endpoint went to the control silo, which answers 404 in a region server."""
    base = (MODERN / "src/nova/api/base.py").read_text()
    base = base.replace('cell_silo_endpoint = EndpointSiloLimit("cell")\n', "")
    base = base.replace('all_silo_endpoint = EndpointSiloLimit("control", "cell")\n', "")
    base += '\n\ncustomer_silo_endpoint = EndpointSiloLimit("customer")\n'
    text = new_module(
        tmp_path,
        capsys,
        {"api/base.py": base},
        "OrganizationAgeWidgets",
        "--route",
        "organizations/{organization_id_or_slug}/age-widgets/",
    )
    assert "@customer_silo_endpoint\nclass OrganizationAgeWidgetsEndpoint(" in text
