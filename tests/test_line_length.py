"""The line length with none configured: read from urls.py, as black left it. A checkout of
`src/` alone (no pyproject.toml) of a tree black formats at 100 gets modules black at 100
leaves alone, not modules wrapped at black's default 88."""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from scaffold.project.line_length import inferred_line_length
from scaffold.project.settings import load_settings
from tests.helpers import EXAMPLE, copy_project, run_cli

_IMPORTS_AT_100 = "".join(
    f"from .endpoints.organization_{word}_preferences import Organization{word.title()}"
    f"PreferencesEndpoint{n}\n"
    for n, word in enumerate(["gadget", "gizmo", "widget", "doohickey"])
)
_ENTRY_AT_100 = (
    "urlpatterns = [\n"
    '    re_path(r"^gadgets/(?P<gadget_id>[^/]+)/$", GadgetDetails.as_view(), name="gadget-detail"),\n'
    "]\n"
)


def _at(length: int, text: str) -> bool:
    return black.format_str(text, mode=black.Mode(line_length=length)) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (_IMPORTS_AT_100 + _ENTRY_AT_100, 100),
        # black at 88 wraps them: nothing over 88 is left to read
        (black.format_str(_IMPORTS_AT_100 + _ENTRY_AT_100, mode=black.Mode()), 88),
        # two long lines are not enough to tell
        ("".join(_IMPORTS_AT_100.splitlines(keepends=True)[:2]), 88),
        # mostly single quotes: never formatted by black (older Sentry), whatever its lengths
        (_IMPORTS_AT_100 + _ENTRY_AT_100.replace('"', "'"), 88),
        # a splittable line of 105: formatted at 110, not 100
        (_IMPORTS_AT_100 + "x = call(" + "a" * 90 + ", b)  # why\n", 110),
        # a splittable line no known length holds: not black's output
        (_IMPORTS_AT_100 + "x = call(" + "a" * 120 + ", b)\n", 88),
    ],
)
def test_the_length_a_file_was_formatted_at(text: str, expected: int) -> None:
    assert inferred_line_length(text) == expected


def test_long_text_in_docstrings_and_comments_is_no_evidence() -> None:
    prose = "a sentence (with, commas) that runs on " * 3
    text = f'"""\n{prose}\n{prose}\n{prose}\n"""\n# {prose}\n# {prose}\n# {prose}\n'
    assert inferred_line_length(text) == 88


def test_a_tree_without_configuration_gets_modules_at_its_length(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    route = "organizations/{organization_id_or_slug}/%s/"
    for name in ["GadgetPreferences", "WidgetLayoutDetails", "GizmoPreferenceDetails"]:
        path = route % name.lower()
        made = run_cli(
            capsys,
            "new-endpoint",
            f"Organization{name}",
            "--route",
            path,
            "--project",
            str(project),
            "--no-tests",
        )
        assert made.code == 0, made.err
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("line-length = 100\n", ""))
    settings = load_settings(project)
    assert settings.configured_line_length is None  # read from urls.py, not configured
    assert settings.line_length == 100
    made = run_cli(
        capsys,
        "new-endpoint",
        "OrganizationDashboardGadgetDetails",
        "--route",
        "organizations/{organization_id_or_slug}/dashboards/{dashboard_id}/gadget/",
        "--lookup",
        "dashboard_id=acme.models.dashboard.Dashboard",
        "--no-tests",
        "--project",
        str(project),
    )
    assert made.code == 0, made.err
    module = (
        project / "src/acme/api/endpoints/organization_dashboard_gadget_details.py"
    ).read_text()
    assert _at(100, module)
    assert not _at(88, module)  # it has lines of 89-100 characters black at 88 would wrap
    assert _at(100, (project / "src/acme/api/urls.py").read_text())


_PRE_BLACK_URLS = (
    "from django.conf.urls import url\n\nurlpatterns = [url(r'^a/$', A.as_view(), name='a')]\n"
)
_HOUSE_LINE = (
    "    raise ResourceDoesNotExist('the widget %s is gone from the organization %s' % (a, b))\n"
)


@pytest.mark.parametrize(
    ("long_lines", "over_100", "expected"),
    [
        (40, 3, 100),  # Sentry before black: flake8 at 100 kept every module under it, nearly
        (40, 20, 88),  # no length holds them: nothing to tell
        (2, 0, 88),  # two long lines are not enough to tell
    ],
)
def test_a_tree_older_than_black_is_read_from_its_endpoint_modules(
    tmp_path: Path, long_lines: int, over_100: int, expected: int
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("line-length = 100\n", ""))
    (project / "src/acme/api/urls.py").write_text(_PRE_BLACK_URLS)
    endpoints = project / "src/acme/api/endpoints"
    for module in endpoints.glob("*.py"):  # the example's, black's at 100
        module.unlink()
    lines = [_HOUSE_LINE] * long_lines + ["x = '" + "y" * 130 + "'\n"] * over_100
    (endpoints / "house.py").write_text("".join(lines) + "z = 'short'\n" * 200)
    assert load_settings(project).line_length == expected


def test_a_flake8_length_in_setup_cfg_is_configured(tmp_path: Path) -> None:
    project = copy_project(EXAMPLE, tmp_path / "p")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace("line-length = 100\n", ""))
    (project / "setup.cfg").write_text("[flake8]\nignore = F999\nmax-line-length = 110\n")
    assert load_settings(project).configured_line_length == 110
