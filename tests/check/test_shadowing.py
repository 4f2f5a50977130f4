"""unreachable-route and dead-pattern on full paths: alternations, patterns in several lists,
what Django's resolver really does (search vs fullmatch, one split per include), and what no
path can match. Each case is a small tree; the cases that must stay silent matter as much."""

from __future__ import annotations

from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import write_tree

URLS_PATH = "src/shop/api/urls.py"
ORG = "(?P<organization_id_or_slug>[^/]+)"
HEAD = """from django.urls import include, re_path

from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint

"""


def _entry(pattern: str, name: str, view: str = "OrganizationStatsEndpoint") -> str:
    return f'    re_path(r"{pattern}", {view}.as_view(), name="{name}"),\n'


def urls(org: list[str], top: list[str], after: list[str] | None = None) -> str:
    """A urls.py: ORGANIZATION_URLS holds `org`; urlpatterns holds `top`, the include under
    `^organizations/`, then `after`."""
    return (
        HEAD
        + "ORGANIZATION_URLS = [\n"
        + "".join(org)
        + "]\n\nurlpatterns = [\n"
        + "".join(top)
        + '    re_path(r"^organizations/", include(ORGANIZATION_URLS)),\n'
        + "".join(after or [])
        + "]\n"
    )


def _include_then_top(prefix: str, inner: str, top: str) -> str:
    """A urls.py: `prefix` including a list holding `inner` (named "inner"), then `top`."""
    return (
        HEAD
        + "INNER = [\n"
        + _entry(inner, "inner")
        + "]\n\nurlpatterns = [\n"
        + f'    re_path(r"{prefix}", include(INNER)),\n'
        + _entry(top, "top")
        + "]\n"
    )


def check(tmp_path: Path, text: str, rule: str) -> CheckResult:
    root = write_tree(tmp_path, {"api/urls.py": text})
    config = load_check_config(root, {}, [rule], [], None)
    return run_check(load_settings(root), config, None)


def found(tmp_path: Path, text: str, rule: str = "unreachable-route") -> list[tuple[int, str]]:
    return [(p.line, p.symbol) for p in check(tmp_path, text, rule).problems]


def line_of(text: str, name: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if f'name="{name}"' in line)


def test_an_exact_copy_with_an_alternation_is_unreachable(tmp_path: Path) -> None:
    pattern = rf"^{ORG}/(?:widgets|gadgets)/$"
    text = urls([_entry(pattern, "first"), _entry(pattern, "copy")], [])
    assert found(tmp_path, text) == [(line_of(text, "copy"), "copy")]


def test_two_groups_in_one_segment_and_non_space_runs(tmp_path: Path) -> None:
    pair = rf"^{ORG}/(?P<a>[^/]+)-(?P<b>\d+)/$"
    proxy = r"^proxy/\S+$"
    text = urls(
        [_entry(pair, "pair"), _entry(pair, "pair-copy")],
        [_entry(proxy, "proxy"), _entry(r"^proxy/(?P<rest>[^/\s]+)/x/$", "proxy-part")],
    )
    assert found(tmp_path, text) == [
        (line_of(text, "pair-copy"), "pair-copy"),
        (line_of(text, "proxy-part"), "proxy-part"),
    ]


def test_a_top_level_route_hides_an_included_one(tmp_path: Path) -> None:
    text = urls(
        [_entry(rf"^{ORG}/stats/$", "stats"), _entry(rf"^{ORG}/other/$", "other")],
        [_entry(r"^organizations/(?P<org>[^/]+)/stats/$", "top-stats")],
    )
    result = check(tmp_path, text, "unreachable-route")
    assert [(p.line, p.symbol, p.message) for p in result.problems] == [
        (
            line_of(text, "stats"),
            "stats",
            (
                "never matches: the earlier pattern '^organizations/(?P<org>[^/]+)/stats/$' at "
                f"line {line_of(text, 'top-stats')} matches every path this one would; move this "
                "route above it"
            ),
        )
    ]


def test_an_included_route_hides_a_later_top_level_one(tmp_path: Path) -> None:
    text = urls(
        [_entry(rf"^{ORG}/(?:stats|totals)/$", "stats")],
        [],
        [_entry(r"^organizations/(?P<org>[^/]+)/totals/$", "late-totals")],
    )
    assert found(tmp_path, text) == [(line_of(text, "late-totals"), "late-totals")]


def test_partial_overlaps_are_reachable(tmp_path: Path) -> None:
    text = urls(
        [_entry(rf"^{ORG}/stats/(?P<id>\d+)/$", "digits")],
        [
            _entry(r"^organizations/(?P<org>[^/]+)/totals/(?P<key>[A-Za-z0-9_]+)/$", "ascii"),
            _entry(r"^organizations/(?P<org>[^/]+)/totals/(?P<key>\w+)/$", "word"),  # é
        ],
        [
            _entry(r"^organizations/(?P<org>[^/]+)/stats/(?P<id>[^/]+)/$", "any-id"),
            _entry(r"^organizations/(?P<org>[^/]+)/(?:stats|totals)/$", "either"),
        ],
    )
    assert found(tmp_path, text) == []


def test_wider_unicode_classes_do_hide_narrower_ones(tmp_path: Path) -> None:
    text = urls(
        [],
        [
            _entry(r"^totals/(?P<key>\w+)/$", "word"),
            _entry(r"^totals/(?P<key>[A-Za-z0-9_]+)/$", "ascii"),
        ],
    )
    assert found(tmp_path, text) == [(line_of(text, "ascii"), "ascii")]


def test_search_and_fullmatch_as_django_does(tmp_path: Path) -> None:
    """An endpoint pattern ending in `$` must match the whole rest (fullmatch); one without is
    searched anywhere in it."""
    text = urls(
        [],
        [
            _entry(r"totals/$", "fullmatched"),  # only "totals/" itself
            _entry(r"^(?P<org>[^/]+)/totals/$", "org-totals"),
            _entry(r"stats/", "searched"),  # anything containing "stats/"
            _entry(r"^(?P<org>[^/]+)/stats/$", "org-stats"),
        ],
    )
    assert found(tmp_path, text) == [(line_of(text, "org-stats"), "org-stats")]


def test_a_later_unanchored_pattern_is_hidden_only_as_every_django_would_hide_it(
    tmp_path: Path,
) -> None:
    """Before Django 2.2.25 / 3.2.11 an endpoint pattern ending in `$` was searched, not
    fullmatched: `totals/$` also matched "x/totals/", which `^totals/$` does not hide. Sentry
    trees run on both sides of that change: only what hides it in both is reported."""
    text = urls(
        [],
        [
            _entry(r"^totals/$", "anchored"),
            _entry(r"totals/$", "unanchored"),  # "x/totals/" reaches it before 2.2.25
            _entry(r"stats/$", "unanchored-first"),
            _entry(r"^stats/$", "anchored-later"),  # hidden in both
        ],
    )
    assert found(tmp_path, text) == [(line_of(text, "anchored-later"), "anchored-later")]


def test_an_include_that_may_split_the_path_otherwise_hides_nothing(tmp_path: Path) -> None:
    """`^(?P<x>.+)/` takes everything up to the last "/": the route inside matches nothing,
    though the concatenated patterns would cover the later one."""
    text = _include_then_top(
        r"^(?P<x>.+)/", r"^(?P<y>[^/]+)/stats/$", r"^(?P<a>[^/]+)/(?P<b>[^/]+)/stats/$"
    )
    assert found(tmp_path, text) == []


def test_a_route_does_not_hide_itself_nor_follow_an_include(tmp_path: Path) -> None:
    text = urls([_entry(rf"^{ORG}/stats/$", "stats")], [], [_entry(r"^organizations/", "late")])
    assert found(tmp_path, text) == []


def test_dead_pattern(tmp_path: Path) -> None:
    text = urls(
        [
            _entry(rf"^{ORG}/notes/$(?P<note_id>[^/]+)/", "notes-detail"),
            _entry(rf"^{ORG}/notes/$(?:x)?", "notes-optional"),  # matches ".../notes/"
        ],
        [],
    )
    result = check(tmp_path, text, "dead-pattern")
    assert [(p.line, p.symbol, p.message) for p in result.problems] == [
        (
            line_of(text, "notes-detail"),
            "notes-detail",
            (
                f"no path can match '^{ORG}/notes/$(?P<note_id>[^/]+)/': an anchor (`$` or "
                "`\\Z`) ends the path before more pattern follows; remove the anchor or what "
                "follows it"
            ),
        )
    ]
    assert found(tmp_path, text) == []  # a dead pattern is not also "unreachable"


def test_an_include_ending_the_path_kills_its_routes(tmp_path: Path) -> None:
    text = urls([_entry(r"^stats/$", "stats")], []).replace(
        'r"^organizations/", include', 'r"^organizations/$", include'
    )
    assert found(tmp_path, text, "dead-pattern") == [(line_of(text, "stats"), "stats")]


def test_a_pattern_we_cannot_read_is_unresolved_not_reported(tmp_path: Path) -> None:
    look = r"^(?=stats)(?P<key>[^/]+)/$"
    text = urls([], [_entry(look, "look"), _entry(look, "look-copy")])
    for rule in ("unreachable-route", "dead-pattern"):
        result = check(tmp_path, text, rule)
        assert result.problems == []
        assert [(u.line, u.what) for u in result.unresolved] == [
            (line_of(text, "look"), f"pattern {look!r}"),
            (line_of(text, "look-copy"), f"pattern {look!r}"),
        ]


def test_an_unanchored_include_that_reaches_a_later_route_is_named_not_followed(
    tmp_path: Path,
) -> None:
    """Django searches `m/` anywhere in the path, so `/zzm/x/` reaches the route inside it;
    such an include may match several starts of a path, which the automata do not model: the
    later route is named as not followed, and no finding is made."""
    text = _include_then_top(r"m/", r"^x/$", r"^zzm/x/$")
    result = check(tmp_path, text, "unreachable-route")
    assert result.problems == []
    (unresolved,) = [u for u in result.unresolved if u.line == line_of(text, "top")]
    assert "may match more than one start of a path" in unresolved.why


def test_a_copy_of_a_route_is_told_to_go_not_to_move(tmp_path: Path) -> None:
    """The same entry twice (a fork's urls.py has it): the copy never matches and its name
    adds nothing, so the advice is to delete it; a copy under another name may still be
    reversed by it; a different view at the same pattern is still told to move above."""
    first = _entry(rf"^{ORG}/stats/$", "stats")
    cases = {
        first: ("it repeats that route: delete this one", "delete this one"),
        _entry(rf"^{ORG}/stats/$", "alias"): ("under another name: delete it once nothing", None),
        _entry(rf"^{ORG}/stats/$", "stats").replace(', name="stats"', ""): (
            "it repeats that route: delete this one",
            None,
        ),
        _entry(rf"^{ORG}/stats/$", "stats", view="OrganizationWidgetsEndpoint"): (
            "move this route above it",
            "rename this one",
        ),
    }
    for later, expected in cases.items():
        text = urls([first, later], [])
        for rule, fix in zip(("unreachable-route", "duplicate-route-name"), expected, strict=True):
            messages = [p.message for p in check(tmp_path, text, rule).problems]
            assert messages == [] if fix is None else len(messages) == 1 and fix in messages[0]
