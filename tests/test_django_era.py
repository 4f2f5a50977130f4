"""`check` and the generated tests read "this tree runs Django 1.9 or older" from one reader
(`pysource/django_era.py`): a urls.py importing `patterns` from `django.conf.urls`, or anything
from `django.conf.urls.defaults`, proves it; a list-style urls.py, or one whose `patterns(` is
a function of its own, does not. Where the check takes the tree for old (Django 1.x passes
None for a group the path leaves out), the generated test imports `reverse` from
`django.core.urlresolvers` (Django 1.9 has no `django.urls`), and only there."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.old_django import passes_none_for_missing_groups
from scaffold.project.settings import load_settings
from scaffold.pysource.tree import Tree
from tests.check.test_route_helpers import walk
from tests.helpers import FIXTURES, copy_project
from tests.test_generated_tests import _old_gizmos_test, _with_old_utilities

LIST_IMPORT = "from django.conf.urls import include, url\n"
OWN_PATTERNS = "\n\ndef patterns(prefix, *routes):\n    return list(routes)\n"
URLS = {  # the legacy fixture's urls.py: its imports, whether patterns() holds its routes, old
    "list": (LIST_IMPORT, False, False),
    "patterns": ("from django.conf.urls import include, patterns, url\n", True, True),
    "defaults": (LIST_IMPORT + "from django.conf.urls.defaults import *  # noqa\n", False, True),
    "own patterns": (LIST_IMPORT + OWN_PATTERNS, True, False),
}


def _project(tmp_path: Path, shape: str) -> Path:
    project = copy_project(FIXTURES / "legacy", tmp_path / "legacy")
    _with_old_utilities(project)
    imports, called, _ = URLS[shape]
    urls = project / "src/oldco/api/urls.py"
    text = urls.read_text()
    assert LIST_IMPORT in text and text.endswith("\n]\n")
    text = text.replace(LIST_IMPORT, imports)
    if called:
        text = text.replace("urlpatterns = [", 'urlpatterns = patterns(\n    "",')[:-2] + ")\n"
    urls.write_text(text)
    return project


def _check_takes_it_for_old(project: Path) -> bool:
    settings = load_settings(project)
    routes = [r for r in walk(project, "oldco.api.urls").routes if r.view is not None]
    tree = Tree(settings.project_root, settings.src_root)
    verdicts = {passes_none_for_missing_groups(tree, route) for route in routes}
    assert len(verdicts) == 1
    return verdicts.pop()


@pytest.mark.parametrize("shape", list(URLS))
def test_check_and_the_generated_test_agree_on_the_django_of_the_tree(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], shape: str
) -> None:
    project = _project(tmp_path, shape)
    old = URLS[shape][2]

    assert _check_takes_it_for_old(project) is old
    text = _old_gizmos_test(project, capsys)
    module = "django.core.urlresolvers" if old else "django.urls"
    assert f"from {module} import reverse\n" in text
