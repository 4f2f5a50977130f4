"""A class path into the project must name something there (`generate/dotted_paths.py`): star
re-exports are followed, what cannot be read is taken as given, paths outside the project too."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.errors import SpecError
from scaffold.generate.dotted_paths import require_in_project
from scaffold.project.settings import Settings, load_settings
from tests.helpers import FIXTURES, copy_project


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
    require_in_project(settings, dotted, "--lookup")


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
        require_in_project(settings, dotted, "--lookup")
    assert str(refused.value).startswith(f"--lookup: {says}")
