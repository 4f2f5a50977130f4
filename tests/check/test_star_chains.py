"""A view named through star imports that star-import in turn (urls.py `from
shop.api.endpoints import *`, whose `__init__` does `from .teams import *`): the chain is
followed to its end, each level binding what it exports (its literal `__all__`, else the names
not starting with `_`), and star imports that import one another end."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import TEAMS, write_tree

URLS = """
from django.urls import re_path

from shop.api.endpoints import *  # noqa: F403

urlpatterns = [
    re_path(r"^teams/$", TeamListEndpoint.as_view()),
    re_path(r"^teams/new/$", NewTeamEndpoint.as_view()),
]
"""


def _check(tmp_path: Path, files: dict[str, str], urls: str = URLS) -> CheckResult:
    tree = {
        "api/urls.py": urls,
        "api/endpoints/teams.py": TEAMS,
        "api/endpoints/organization_stats.py": "",
        "api/endpoints/organization_widgets.py": "",
        **files,
    }
    root = write_tree(tmp_path / "p", tree)
    return run_check(load_settings(root), load_check_config(root, {}, None, [], None), None)


def _found(result: CheckResult) -> list[tuple[str, str]]:
    return [(p.rule, p.symbol) for p in result.problems]


@pytest.mark.parametrize(
    "files",
    [
        {"api/endpoints/__init__.py": "from .teams import *\n"},
        {
            "api/endpoints/__init__.py": "from .grouped import *\n",
            "api/endpoints/grouped.py": "from shop.api.endpoints.teams import *\n",
        },
        {
            "api/endpoints/__init__.py": 'from .teams import *\n\n__all__ = ["TeamListEndpoint", "NewTeamEndpoint"]\n'
        },
    ],
)
def test_a_view_two_star_imports_away_is_found(tmp_path: Path, files: dict[str, str]) -> None:
    result = _check(tmp_path, files)
    assert (result.problems, result.unresolved) == ([], [])


def test_a_level_whose_all_leaves_the_name_out_does_not_bind_it(tmp_path: Path) -> None:
    init = 'from .teams import *\n\n__all__ = ["TeamListEndpoint"]\n'
    result = _check(tmp_path, {"api/endpoints/__init__.py": init})
    assert ("unknown-view", "NewTeamEndpoint") in _found(result)


def test_a_private_name_is_not_passed_on(tmp_path: Path) -> None:
    urls = URLS.replace("NewTeamEndpoint.as_view()", "_HiddenTeamEndpoint.as_view()")
    result = _check(tmp_path, {"api/endpoints/__init__.py": "from .teams import *\n"}, urls)
    assert ("unknown-view", "_HiddenTeamEndpoint") in _found(result)


def test_star_imports_that_import_one_another_end(tmp_path: Path) -> None:
    files = {
        "api/endpoints/__init__.py": "from .teams import *\n",
        "api/endpoints/teams.py": "from shop.api.endpoints import *\n" + TEAMS,
    }
    urls = URLS.replace("NewTeamEndpoint.as_view()", "MissingTeamEndpoint.as_view()")
    result = _check(tmp_path, files, urls)
    assert ("unknown-view", "MissingTeamEndpoint") in _found(result)
    assert ("unknown-view", "TeamListEndpoint") not in _found(result)


def test_classes_a_chain_of_star_imports_brings_to_a_code_built_urls_py_are_routed(
    tmp_path: Path,
) -> None:
    urls = (
        "from django.urls import re_path\n\n"
        "from shop.api.endpoints import *  # noqa: F403\n\n"
        'urlpatterns = [re_path(rf"^{n}/$", v.as_view()) for n, v in [("a", TeamListEndpoint)]]\n'
    )
    result = _check(tmp_path, {"api/endpoints/__init__.py": "from .teams import *\n"}, urls)
    assert result.problems == []
    assert [u.what for u in result.unresolved] == ["shop.api.urls.urlpatterns"]
