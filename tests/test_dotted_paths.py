"""A class path into the project must name something there (`generate/dotted_paths.py`): star
re-exports are followed, what cannot be read is taken as given, paths outside the project too."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.errors import SpecError
from scaffold.generate.dotted_paths import require_in_project
from scaffold.project.settings import Settings, load_settings
from tests.helpers import FIXTURES, copy_project, run_cli, snapshot


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    root = copy_project(FIXTURES / "modern", tmp_path / "p")
    models = root / "src/nova/models"
    (models / "__init__.py").write_text("from .team import *\nfrom .project import Project\n")
    (models / "lazy.py").write_text("def __getattr__(name):\n    return name\n")
    (models / "elsewhere.py").write_text("from django.contrib.auth.models import *\n")
    filled = root / "src/nova/legacy_models"
    filled.mkdir()
    (filled / "__init__.py").write_text(  # Sentry's models/__init__.py before 2022
        "from nova.utils import import_submodules\n\nimport_submodules(globals(), __name__)\n"
    )
    walked = root / "src/nova/walked_models"  # the same, as Sentry wrote it (2016-2021)
    (walked / "nested").mkdir(parents=True)
    (walked / "__init__.py").write_text(
        "from nova.utils import import_submodules\n\n"
        "import_submodules(globals(), __name__, __path__)\n"
    )
    (walked / "gadget.py").write_text("class Gadget(object):\n    pass\n")
    (walked / "nested" / "__init__.py").write_text("")
    (walked / "nested" / "sprocket.py").write_text("from .cog import *\n")
    (walked / "nested" / "cog.py").write_text("class Cog(object):\n    pass\n")
    return load_settings(root)


@pytest.mark.parametrize(
    "dotted",
    [
        "nova.models.Team",  # through `from .team import *`
        "nova.models.Project",  # an import
        "nova.models.team.Team",  # the defining module
        "nova.models.team",  # a submodule, as a parent module names it
        "nova.models.lazy.Anything",  # a module-level __getattr__: cannot tell
        "nova.models.elsewhere.User",  # a star import from outside the project: cannot tell
        "nova.legacy_models.ProjectKey",  # filled into globals() at import: cannot tell
        "nova.walked_models.Gadget",  # a submodule import_submodules walks defines it
        "nova.walked_models.Cog",  # a sub-package's module, through its star import
        "django.contrib.auth.models.User",  # outside the project: taken as given
    ],
)
def test_paths_that_name_something_or_cannot_be_read_pass(settings: Settings, dotted: str) -> None:
    require_in_project(settings, dotted, "--lookup", "model")


@pytest.mark.parametrize(
    ("dotted", "says"),
    [
        ("nova.models.Taem", "nova.models defines no Taem (did you mean 'Team'?)"),
        ("nova.models.team.Project", "nova.models.team defines no Project"),
        ("nova.models.gadget.Gadget", "nova.models.gadget is no module of the project"),
        (  # Sentry 2016-2021's `sentry.models.Tihng`: urls.py would stop importing
            "nova.walked_models.Gadgte",
            "nova.walked_models defines no Gadgte (did you mean 'Gadget'?)",
        ),
    ],
)
def test_paths_that_name_nothing_are_refused(settings: Settings, dotted: str, says: str) -> None:
    with pytest.raises(SpecError) as refused:
        require_in_project(settings, dotted, "--lookup", "model")
    assert str(refused.value).startswith(f"--lookup: {says}")


ROUTE = "organizations/{organization_id_or_slug}/things/{thing_id}/"
STDLIB_SPEC = """\
defaults:
  permission_classes: [{default}]
resources:
  - name: OrganizationThing
    route: "{route}"
    base: {base}
{permissions}    lookups:
      thing_id:
        model: {model}
"""
OWN = "    permission_classes: [nova.api.bases.team.TeamPermission, {permission}]\n"
GOOD = {
    "default": "rest_framework.permissions.IsAuthenticated",  # third-party: taken as given
    "base": "OrganizationEndpoint",
    "permissions": OWN.format(permission="rest_framework.permissions.AllowAny"),
    "model": "nova.models.team.Team",
    "route": ROUTE,
}


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        (
            "permissions",
            OWN.format(permission="os.system"),
            "7: resources[0].permission_classes[1]",
        ),
        ("default", "shutil.rmtree", "2: defaults.permission_classes[0]"),
        ("model", "collections.OrderedDict", "10: resources[0].lookups.thing_id.model"),
        ("base", "os.PathLike", "6: resources[0].base"),
    ],
)
def test_a_standard_library_path_is_refused_in_a_spec(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str, value: str, says: str
) -> None:
    """`os.system` is no permission class, model or base: it would be written into the module
    (a permission class called on each request) where a path outside the project is otherwise
    taken as given. Refused with file, line and field; nothing written."""
    root = copy_project(FIXTURES / "modern", tmp_path / "p")
    spec = tmp_path / "spec.yaml"
    values = {**GOOD, field: value}
    if field == "default":
        values["permissions"] = ""  # the defaults' list applies
    spec.write_text(STDLIB_SPEC.format(**values), encoding="utf-8")
    before = snapshot(root)
    result = run_cli(capsys, "generate", str(spec), "--project", str(root))
    assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert result.err.startswith(f"error: {spec}:{says}: "), result.err
    assert "Python's standard library" in result.err
    assert snapshot(root) == before


def test_third_party_paths_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_project(FIXTURES / "modern", tmp_path / "p")
    spec = tmp_path / "spec.yaml"
    for permissions in (GOOD["permissions"], ""):
        spec.write_text(STDLIB_SPEC.format(**{**GOOD, "permissions": permissions}), "utf-8")
        result = run_cli(capsys, "generate", str(spec), "--project", str(root), "--dry-run")
        assert result.code == 0, result.err


@pytest.mark.parametrize(
    ("flags", "says"),
    [
        (("--permission", "os.system"), "error: --permission: 'os.system'"),
        (("--lookup", "thing_id=os.path.Thing"), "error: --lookup: 'os.path.Thing'"),
        (("--base", "os.PathLike"), "error: --base: 'os.PathLike'"),
    ],
)
def test_a_standard_library_path_is_refused_as_a_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: tuple[str, ...], says: str
) -> None:
    root = copy_project(FIXTURES / "modern", tmp_path / "p")
    lookup = () if flags[0] == "--lookup" else ("--lookup", "thing_id=nova.models.team.Team")
    argv = ("new-endpoint", "OrganizationThing", "--route", ROUTE, *lookup, *flags)
    before = snapshot(root)
    result = run_cli(capsys, *argv, "--project", str(root))
    assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert result.err.startswith(says) and "Python's standard library" in result.err
    assert snapshot(root) == before


def test_a_project_package_named_as_a_standard_module_is_the_projects(settings: Settings) -> None:
    shadow = settings.src_root / "email"
    shadow.mkdir()
    (shadow / "__init__.py").write_text("")
    (shadow / "models.py").write_text("class Letter:\n    objects = None\n")
    require_in_project(settings, "email.models.Letter", "--lookup", "model")
    with pytest.raises(SpecError, match="email.models defines no Lettre"):
        require_in_project(settings, "email.models.Lettre", "--lookup", "model")
