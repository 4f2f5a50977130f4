"""A route list changed after it is written: by calls the reader follows (`append`, `extend`
of a written list, `insert` at a literal index), or by code it does not (a rebinding to a
value it cannot evaluate, a change under a module-level `if`, `try` or loop, any other
mutation). What it does not follow leaves the list unresolved at that line: no finding is
made from its order or its entries, and the classes it names still count as routed."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import TEAMS, write_tree

URLS_PATH = "src/shop/api/urls.py"

TEAM_DETAILS = """


class TeamDetailsEndpoint(Endpoint):
    def get(self, request, team_slug):
        return None
"""

# the route for /teams/new/ below the one whose group takes any slug: unreachable as written
HEAD = """from django.conf import settings
from django.urls import re_path

from shop.api.endpoints.teams import NewTeamEndpoint, TeamDetailsEndpoint, TeamListEndpoint


def _literal_first(patterns):
    return sorted(patterns, key=lambda entry: "(?P<" in str(entry.pattern))


urlpatterns = [
    re_path(r"^teams/$", TeamListEndpoint.as_view()),
    re_path(r"^teams/(?P<team_slug>[^/]+)/$", TeamDetailsEndpoint.as_view()),
    re_path(r"^teams/new/$", NewTeamEndpoint.as_view()),
]
"""
HEAD_LINES = len(HEAD.splitlines())


def _check(tmp_path: Path, urls: str, other: str = "") -> CheckResult:
    """Check the tree with `urls` as api/urls.py (and `other` as api/other_urls.py)."""
    files = {
        "api/urls.py": urls,
        "api/other_urls.py": other,
        "api/endpoints/teams.py": TEAMS + TEAM_DETAILS,
        "api/endpoints/organization_stats.py": "",
        "api/endpoints/organization_widgets.py": "",
    }
    root = write_tree(tmp_path / "p", files)
    return run_check(load_settings(root), load_check_config(root, {}, None, [], None), None)


def _places(result: CheckResult) -> list[tuple[str, int]]:
    return [(u.relpath, u.line) for u in result.unresolved]


def test_the_list_as_written_is_judged(tmp_path: Path) -> None:
    result = _check(tmp_path, HEAD)
    assert [p.rule for p in result.problems] == ["unreachable-route"]


@pytest.mark.parametrize(
    "rebinding",
    [
        "urlpatterns = _literal_first(urlpatterns)",
        'urlpatterns = [p for p in urlpatterns if "new" in str(p.pattern)] + urlpatterns',
        "urlpatterns = list(reversed(urlpatterns))",
        "urlpatterns, extra = _literal_first(urlpatterns), []",
    ],
)
def test_a_rebinding_the_reader_cannot_evaluate_leaves_the_list_unresolved(
    tmp_path: Path, rebinding: str
) -> None:
    result = _check(tmp_path, f"{HEAD}\n{rebinding}\n")
    assert result.problems == []
    assert _places(result) == [(URLS_PATH, HEAD_LINES + 2)]
    assert result.unresolved[0].what == "shop.api.urls.urlpatterns"
    assert "rebinds it" in result.unresolved[0].why


def test_a_fresh_list_after_the_rebinding_is_read_again(tmp_path: Path) -> None:
    fresh = (
        "urlpatterns = _literal_first(urlpatterns)\n"
        "urlpatterns = [\n"
        '    re_path(r"^teams/(?P<team_slug>[^/]+)/$", TeamDetailsEndpoint.as_view()),\n'
        '    re_path(r"^teams/new/$", NewTeamEndpoint.as_view()),\n'
        '    re_path(r"^teams/$", TeamListEndpoint.as_view()),\n'
        "]\n"
    )
    result = _check(tmp_path, f"{HEAD}\n{fresh}")
    assert [p.rule for p in result.problems] == ["unreachable-route"]
    assert result.unresolved == []


@pytest.mark.parametrize(
    "block",
    [
        (
            'if not getattr(settings, "KEEP_ORDER", False):\n'
            "    urlpatterns = _literal_first(urlpatterns)\n"
        ),
        "try:\n    urlpatterns = _literal_first(urlpatterns)\nexcept TypeError:\n    pass\n",
        "if settings.DEBUG:\n    urlpatterns.reverse()\n",
        "for _entry in list(urlpatterns):\n    urlpatterns = [_entry] + urlpatterns\n",
    ],
)
def test_a_change_under_a_module_level_block_leaves_the_list_unresolved(
    tmp_path: Path, block: str
) -> None:
    result = _check(tmp_path, f"{HEAD}\n{block}")
    assert result.problems == []
    assert _places(result) == [(URLS_PATH, HEAD_LINES + 3)]  # the changing line in the block


def test_a_list_bound_only_in_the_branches_of_an_if_is_unresolved(tmp_path: Path) -> None:
    text = HEAD.split("urlpatterns = [")[0] + (
        "if settings.DEBUG:\n"
        '    urlpatterns = [re_path(r"^teams/$", TeamListEndpoint.as_view())]\n'
        "else:\n"
        "    urlpatterns = [\n"
        '        re_path(r"^teams/(?P<team_slug>[^/]+)/$", TeamDetailsEndpoint.as_view()),\n'
        '        re_path(r"^teams/new/$", NewTeamEndpoint.as_view()),\n'
        "    ]\n"
    )
    result = _check(tmp_path, text)
    assert result.problems == []  # none unregistered either: the branches name them
    assert [u.what for u in result.unresolved] == ["shop.api.urls.urlpatterns"]


def test_an_included_list_the_reader_cannot_follow_routes_what_it_named(tmp_path: Path) -> None:
    text = HEAD.replace("urlpatterns = [", "TEAM_URLS = [") + (
        "\nTEAM_URLS = _literal_first(TEAM_URLS)\n\n"
        'urlpatterns = [re_path(r"^api/", include(TEAM_URLS))]\n'
    )
    result = _check(tmp_path, text.replace("import re_path", "import include, re_path"))
    assert result.problems == []
    (place,) = result.unresolved
    assert (place.line, place.what) == (HEAD_LINES + 4, "include TEAM_URLS")
    assert "rebinds it" in place.why


def test_a_format_suffix_rebinding_is_unresolved(tmp_path: Path) -> None:
    text = HEAD.replace(
        "from django.urls import re_path\n",
        "from django.urls import re_path\nfrom rest_framework.urlpatterns import "
        "format_suffix_patterns\n",
    )
    result = _check(tmp_path, f"{text}\nurlpatterns = format_suffix_patterns(urlpatterns)\n")
    assert result.problems == []
    assert _places(result) == [(URLS_PATH, HEAD_LINES + 3)]


APPENDED = HEAD.replace('    re_path(r"^teams/new/$", NewTeamEndpoint.as_view()),\n', "")


def test_an_appended_route_is_judged_where_it_lands(tmp_path: Path) -> None:
    text = f'{APPENDED}\nurlpatterns.append(re_path(r"^teams/new/$", NewTeamEndpoint.as_view()))\n'
    result = _check(tmp_path, text)
    assert [(p.rule, p.line) for p in result.problems] == [
        ("unreachable-route", len(APPENDED.splitlines()) + 2)
    ]
    assert result.unresolved == []


def test_an_extending_list_is_judged(tmp_path: Path) -> None:
    text = (
        f"{APPENDED}\nurlpatterns.extend(\n"
        '    [re_path(r"^teams/(?P<team_slug>[^/]+)/members/$", NewTeamEndpoint.as_view())]\n'
        ")\n"
    )
    result = _check(tmp_path, text)
    assert [p.rule for p in result.problems] == ["param-mismatch"]  # get() takes no team_slug
    assert result.unresolved == []


def test_a_route_inserted_first_is_reachable(tmp_path: Path) -> None:
    text = (
        f'{APPENDED}\nurlpatterns.insert(0, re_path(r"^teams/new/$", NewTeamEndpoint.as_view()))\n'
    )
    result = _check(tmp_path, text)
    assert (result.problems, result.unresolved) == ([], [])


@pytest.mark.parametrize(
    "change",
    [
        "urlpatterns.sort(key=str)",
        "urlpatterns.extend(_literal_first([]))",
        "urlpatterns.insert(len(urlpatterns) - 3, urlpatterns.pop())",
        "del urlpatterns[1]",
        "urlpatterns[0:1] = []",
        "_literal_first(urlpatterns)",
    ],
)
def test_any_other_change_leaves_the_list_unresolved_where_it_is_made(
    tmp_path: Path, change: str
) -> None:
    result = _check(tmp_path, f"{HEAD}\n{change}\n")
    assert result.problems == []
    assert _places(result) == [(URLS_PATH, HEAD_LINES + 2)]
    assert "plugin" not in result.unresolved[0].why


def test_a_list_another_is_extended_by_is_only_read(tmp_path: Path) -> None:
    text = APPENDED.replace(
        "urlpatterns = [",
        'NEW_TEAM = [re_path(r"^teams/new/$", NewTeamEndpoint.as_view())]\n\nurlpatterns = [',
    ).replace("import re_path", "import include, re_path")
    added = 'urlpatterns.extend(NEW_TEAM)\nurlpatterns.append(re_path(r"^v2/", include(NEW_TEAM)))'
    result = _check(tmp_path, f"{text}\n{added}\n")
    assert [p.rule for p in result.problems] == ["unreachable-route"]  # the extended route
    assert result.unresolved == []


def test_extending_an_imported_list_leaves_it_unresolved(tmp_path: Path) -> None:
    text = HEAD.replace("urlpatterns = [", "_unused = [") + (
        "\nfrom shop.api.more_urls import urlpatterns  # noqa: E402\n\n"
        'urlpatterns += [re_path(r"^teams/new/$", NewTeamEndpoint.as_view())]\n'
    )
    result = _check(tmp_path, text)
    assert result.problems == []
    assert _places(result) == [(URLS_PATH, HEAD_LINES + 4)]


@pytest.mark.parametrize(
    ("change", "line"),
    [
        ("_routes = urlpatterns\ndel _routes[1]", 2),
        ('globals()["urlpatterns"] = urlpatterns[2:]', 2),
        ("import sys  # noqa: E402\n\nsys.modules[__name__].urlpatterns = urlpatterns[2:]", 4),
        ("drop = urlpatterns.pop\ndrop(1)", 2),
        ("urlpatterns.pop(1) or None", 2),
        ("(urlpatterns := urlpatterns[2:])", 2),
        ("print(urlpatterns.pop(1))", 2),
        ("\ndef _prune():\n    del urlpatterns[1]\n\n\n_prune()", 4),
        ("\nclass _Prune:\n    urlpatterns.pop(1)", 4),
        ("[urlpatterns.pop(1) for _ in range(1)]", 2),
        ("globals().update(urlpatterns=urlpatterns[2:])", 2),
        ("_drop = lambda: urlpatterns.pop(1)\n_drop()", 2),
        ("\ndef urlpatterns():\n    return []", 3),
    ],
)
def test_a_list_used_where_the_reader_does_not_follow_is_unresolved_there(
    tmp_path: Path, change: str, line: int
) -> None:
    result = _check(tmp_path, f"{HEAD}\n{change}\n")
    assert result.problems == []
    assert _places(result) == [(URLS_PATH, HEAD_LINES + line)]


def test_a_list_bound_to_two_names_is_unresolved(tmp_path: Path) -> None:
    text = HEAD.replace("urlpatterns = [", "urlpatterns = _routes = [") + "\ndel _routes[1]\n"
    result = _check(tmp_path, text)
    assert result.problems == []
    assert [u.what for u in result.unresolved] == ["shop.api.urls.urlpatterns"]


def test_a_function_using_the_list_leaves_even_a_later_list_unresolved(tmp_path: Path) -> None:
    fresh = HEAD[HEAD.index("urlpatterns = [") :]
    text = f"{HEAD}\n\ndef _prune():\n    del urlpatterns[1]\n\n\n{fresh}\n_prune()\n"
    result = _check(tmp_path, text)
    assert result.problems == []
    assert _places(result) == [(URLS_PATH, HEAD_LINES + 4)]  # the `del` in the function
    assert "run when called" in result.unresolved[0].why


def test_a_function_of_its_own_list_leaves_the_module_list_judged(tmp_path: Path) -> None:
    own = (
        "def _own():\n    urlpatterns = []\n    urlpatterns.append(None)\n    return urlpatterns\n"
    )
    result = _check(tmp_path, f"{HEAD}\n\n{own}")
    assert [p.rule for p in result.problems] == ["unreachable-route"]
    assert result.unresolved == []


TEAM_URLS = HEAD.replace("urlpatterns = [", "TEAM_URLS = [").replace(
    "import re_path", "import include, re_path"
)
NEW_TEAM = '[re_path(r"^teams/new/$", NewTeamEndpoint.as_view())]'


@pytest.mark.parametrize(
    "held", ['re_path(r"^api/", include(TEAM_URLS))', "*TEAM_URLS", 'include((TEAM_URLS, "t"))']
)
def test_a_list_rebound_after_it_is_included_is_unresolved(tmp_path: Path, held: str) -> None:
    text = TEAM_URLS.replace('    re_path(r"^teams/new/$", NewTeamEndpoint.as_view()),\n', "")
    if held.startswith("include"):
        held = f're_path(r"^api/", {held})'
    rebound = f"\nurlpatterns = [{held}]\nTEAM_URLS = TEAM_URLS + {NEW_TEAM}\nTEAM_URLS = []\n"
    result = _check(tmp_path, text + rebound)
    assert result.problems == []  # what the include holds has no /teams/new/
    (place,) = result.unresolved
    assert place.line == len(text.splitlines()) + 2
    assert f"{URLS_PATH}:{len(text.splitlines()) + 3}" in place.why


def test_a_list_extended_in_place_after_it_is_included_is_judged(tmp_path: Path) -> None:
    text = TEAM_URLS.replace('    re_path(r"^teams/new/$", NewTeamEndpoint.as_view()),\n', "")
    added = f'\nurlpatterns = [re_path(r"^api/", include(TEAM_URLS))]\nTEAM_URLS += {NEW_TEAM}\n'
    result = _check(tmp_path, text + added)
    assert [p.rule for p in result.problems] == ["unreachable-route"]
    assert result.unresolved == []


@pytest.mark.parametrize(
    "extended", [f"urlpatterns += {NEW_TEAM}", f"urlpatterns.extend({NEW_TEAM})"]
)
def test_a_list_extended_after_a_star_import_is_unresolved(tmp_path: Path, extended: str) -> None:
    urls = (
        "from django.urls import re_path\n\n"
        "from shop.api.endpoints.teams import NewTeamEndpoint\n"
        "from shop.api.other_urls import *  # noqa: F403\n\n"
        f"{extended}  # noqa: F405\n"
    )
    result = _check(tmp_path, urls, HEAD.replace('    re_path(r"^teams/new/$"', "    # "))
    assert result.problems == []
    assert _places(result) == [(URLS_PATH, 6)]
    assert "star import of shop.api.other_urls" in result.unresolved[0].why


def test_a_star_import_after_a_list_may_rebind_it(tmp_path: Path) -> None:
    other = (
        "from django.urls import re_path\n\n"
        "from shop.api.endpoints.teams import NewTeamEndpoint\n\n"
        f"urlpatterns = {NEW_TEAM}\n"
    )
    urls = f"{HEAD}\nfrom shop.api.other_urls import *  # noqa: E402, F403\n"
    result = _check(tmp_path, urls, other)
    assert result.problems == []
    assert _places(result) == [(URLS_PATH, HEAD_LINES + 2)]
