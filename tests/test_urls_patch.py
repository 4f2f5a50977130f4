"""UrlsFile: before/after pairs for the patch cases the fixtures do not cover."""

from __future__ import annotations

import re
from textwrap import dedent

import pytest

from scaffold.errors import ConflictError, PatchError
from scaffold.routes import parse_route
from scaffold.urls.add import Registration, UrlsFile
from scaffold.urls.remove import remove_registration

HEADER = "from django.urls import include, re_path\n\n"


def patch(source: str, *registrations: Registration, line_length: int = 100) -> str:
    urls = UrlsFile(source, "urls.py", "acme", "acme.api.urls", line_length)
    for registration in registrations:
        urls.add(registration)
    return urls.code()


def reg(class_name: str, route: str, module: str | None = None) -> Registration:
    module = module or f"acme.api.endpoints.{class_name.lower()}"
    return Registration(class_name, module, parse_route(route), None)


def test_joins_an_existing_import_from_the_same_module_in_isort_order() -> None:
    before = HEADER + dedent("""\
        from .endpoints.widgets import WidgetsEndpoint

        urlpatterns = [
            re_path(
                r"^widgets/$",
                WidgetsEndpoint.as_view(),
                name="acme-api-0-widgets",
            ),
        ]
        """)
    after = patch(before, reg("AWidgetEndpoint", "widget-a/", "acme.api.endpoints.widgets"))
    assert "from .endpoints.widgets import AWidgetEndpoint, WidgetsEndpoint\n" in after
    assert after.count("import") == 2


def test_joined_import_too_long_for_one_line_is_exploded_like_black() -> None:
    before = HEADER + "from .endpoints.widgets import WidgetsEndpoint\n\nurlpatterns = []\n"
    after = patch(
        before,
        reg("ZWidgetsWithAVeryLongNameEndpoint", "z/", "acme.api.endpoints.widgets"),
        line_length=60,
    )
    assert (
        "from .endpoints.widgets import (\n"
        "    WidgetsEndpoint,\n"
        "    ZWidgetsWithAVeryLongNameEndpoint,\n"
        ")\n"
    ) in after


def test_a_file_keeping_long_one_name_imports_on_one_line_gets_its_new_one_so() -> None:
    # a urls.py older than black: an import of one name stays on one line however long
    long_import = "from .endpoints.widget_rollups import WidgetRollupsWithALongNameEndpoint\n"
    before = HEADER + long_import + "\nurlpatterns = []\n"
    after = patch(
        before,
        reg("WidgetSummariesWithALongNameEndpoint", "s/", "acme.api.endpoints.widget_summaries"),
        line_length=60,
    )
    assert "from .endpoints.widget_summaries import WidgetSummariesWithALongNameEndpoint\n" in after
    # a name joined to such an import is a statement of two names: wrapped as black does
    joined = patch(
        before,
        reg("AWidgetRollupsEndpoint", "a/", "acme.api.endpoints.widget_rollups"),
        line_length=60,
    )
    assert "from .endpoints.widget_rollups import (\n    AWidgetRollupsEndpoint,\n" in joined


def test_a_file_wrapping_one_name_imports_gets_its_long_new_one_wrapped() -> None:
    wrapped = (
        "from .endpoints.widget_rollups import (\n    WidgetRollupsWithALongNameEndpoint,\n)\n"
    )
    before = HEADER + wrapped + "\nurlpatterns = []\n"
    after = patch(
        before,
        reg("WidgetSummariesWithALongNameEndpoint", "s/", "acme.api.endpoints.widget_summaries"),
        line_length=60,
    )
    assert "from .endpoints.widget_summaries import (\n" in after


@pytest.mark.parametrize(
    ("import_line", "other"),
    [
        # black's file: fits on one line, and wrapped once joined
        ("from .endpoints.widgets import WidgetsEndpoint\n", "from .endpoints.z import Z\n"),
        # a pre-black file: imports of one name stay on one line past the length
        (
            "from .endpoints.widget_rollups import WidgetRollupsWithALongNameEndpoint\n",
            "from .endpoints.zebra_rollups import ZebraRollupsWithALongNameEndpoint\n",
        ),
        # two names on one line in a file wrapping no import: the wrap was the join's
        ("from .endpoints.widgets import WidgetsEndpoint, WEndpoint\n", "from .z import Z\n"),
    ],
)
def test_removing_a_name_joined_to_a_one_line_import_gives_the_line_back(
    import_line: str, other: str
) -> None:
    module = "acme.api.endpoints." + import_line.split()[1].lstrip(".").split(".")[1]
    before = HEADER + import_line + other + "\nurlpatterns = []\n"
    added = patch(
        before, reg("AVeryLongWidgetNameForJoiningEndpoint", "a/", module), line_length=60
    )
    assert added.count("\n    AVeryLongWidgetNameForJoiningEndpoint,\n") == 1
    removal = remove_registration(
        added, "urls.py", "acme.api", "AVeryLongWidgetNameForJoiningEndpoint", 60
    )
    assert removal.code == before


def test_fills_an_empty_list_in_the_exploded_shape_with_a_new_import_section() -> None:
    before = HEADER + "urlpatterns = []\n"
    after = patch(before, reg("StatusEndpoint", "status/"))
    assert after == HEADER + dedent("""\
        from acme.api.endpoints.statusendpoint import StatusEndpoint

        urlpatterns = [
            re_path(
                r"^status/$",
                StatusEndpoint.as_view(),
                name="acme-api-0-status",
            ),
        ]
        """)


def test_follows_a_file_that_writes_entries_on_one_line() -> None:
    before = HEADER + dedent("""\
        from .endpoints.a import AEndpoint

        urlpatterns = [
            re_path(r"^a/$", AEndpoint.as_view(), name="acme-api-0-a"),
        ]
        """)
    after = patch(before, reg("BEndpoint", "b/"))
    assert '    re_path(r"^b/$", BEndpoint.as_view(), name="acme-api-0-b"),\n]' in after


def test_specific_route_goes_before_a_generic_one_that_would_hide_it() -> None:
    before = HEADER + dedent("""\
        from .endpoints.a import KeyEndpoint

        urlpatterns = [
            re_path(
                r"^(?P<org>[^/]+)/(?P<key>[^/]+)/$",
                KeyEndpoint.as_view(),
                name="acme-api-0-key",
            ),
        ]
        """)
    after = patch(before, reg("StatsEndpoint", "{org}/stats/"))
    assert after.index("StatsEndpoint.as_view()") < after.index("KeyEndpoint.as_view()")


def test_generic_route_goes_after_the_specific_ones_it_would_hide() -> None:
    before = HEADER + dedent("""\
        from .endpoints.a import StatsEndpoint

        urlpatterns = [
            re_path(
                r"^(?P<org>[^/]+)/stats/$",
                StatsEndpoint.as_view(),
                name="acme-api-0-stats",
            ),
            re_path(r"^", StatsEndpoint.as_view(), name="acme-api-catchall"),
        ]
        """)
    after = patch(before, reg("KeyEndpoint", "{org}/{key}/"))
    stats, key, catchall = (
        after.index(s) for s in ("acme-api-0-stats", "acme-api-0-key", "acme-api-catchall")
    )
    assert stats < key < catchall


def test_keeps_crlf_line_endings() -> None:
    before = HEADER + 'urlpatterns = [\n    re_path(r"^$", I.as_view(), name="x-api-0-i"),\n]\n'
    after = patch(before.replace("\n", "\r\n"), reg("BEndpoint", "b/"))
    assert "\r\n" in after and "\n" not in after.replace("\r\n", "")
    assert after.startswith(before.replace("\n", "\r\n").split("urlpatterns")[0])


@pytest.mark.parametrize(
    "registration, message",
    [
        (reg("OtherEndpoint", "a/"), 'already has the route r"^a/$" (AEndpoint serves it)'),
        (
            Registration("BEndpoint", "acme.api.endpoints.b", parse_route("b/"), "acme-api-0-a"),
            "already used",
        ),
        (reg("AEndpoint", "c/", "acme.somewhere_else"), "would shadow"),
        (  # a second route for a class: its derived name is its first route's
            reg("AEndpoint", "c/", "acme.api.endpoints.a"),
            (
                "URL name 'acme-api-0-a' is already used by AEndpoint's own route (a route "
                "changed in a spec is not moved: `scaffold remove --route` the old one first)"
            ),
        ),
    ],
)
def test_refuses_duplicates_and_shadowing(registration: Registration, message: str) -> None:
    """A route or URL name already there is a conflict (exit 1); shadowing an import is bad input."""
    before = HEADER + dedent("""\
        from .endpoints.a import AEndpoint

        urlpatterns = [
            re_path(r"^a/$", AEndpoint.as_view(), name="acme-api-0-a"),
        ]
        """)
    with pytest.raises((ConflictError, PatchError), match=re.escape(message)) as raised:
        patch(before, registration)
    assert isinstance(raised.value, PatchError) == (message == "would shadow")


def test_a_file_without_urlpatterns_is_refused() -> None:
    with pytest.raises(PatchError, match="urlpatterns"):
        patch(HEADER + "OTHER = []\n", reg("AEndpoint", "a/"))


def test_is_registered_ignores_comments() -> None:
    source = HEADER + "# AEndpoint.as_view() was removed\nurlpatterns = []\n"
    urls = UrlsFile(source, "urls.py", "acme", "acme.api.urls", 100)
    assert not urls.is_registered("AEndpoint")
    urls.add(reg("AEndpoint", "a/"))
    assert UrlsFile(urls.code(), "urls.py", "acme", "acme.api.urls", 100).is_registered("AEndpoint")


def test_exploded_entries_without_a_trailing_comma_stay_that_way() -> None:
    before = HEADER + dedent("""\
        from .endpoints.a import AEndpoint

        urlpatterns = [
            re_path(
                r'^a/$',
                AEndpoint.as_view(),
                name='acme-api-0-a'
            ),
        ]
        """)
    after = patch(before, reg("BEndpoint", "b/"))
    assert (
        "    re_path(\n"
        "        r'^b/$',\n"
        "        BEndpoint.as_view(),\n"
        "        name='acme-api-0-b'\n"
        "    ),\n"
        "]\n"
    ) in after


def test_django_1_patterns_call_without_a_final_comma() -> None:
    before = dedent("""\
        from django.conf.urls import patterns, url

        from .endpoints.a import AEndpoint

        urlpatterns = patterns(
            '',
            url(r'^a/$',
                AEndpoint.as_view(),
                name='acme-api-0-a')
        )
        """)
    after = patch(before, reg("BEndpoint", "b/"))
    assert after.endswith(
        "    url(r'^a/$',\n"
        "        AEndpoint.as_view(),\n"
        "        name='acme-api-0-a'),\n"
        "    url(r'^b/$',\n"
        "        BEndpoint.as_view(),\n"
        "        name='acme-api-0-b')\n"
        ")\n"
    )


def test_in_an_unsorted_import_block_the_import_joins_its_neighbours() -> None:
    before = HEADER + dedent("""\
        from .endpoints.relay_index import RelayIndexEndpoint
        from .endpoints.accept_transfer import AcceptTransferEndpoint
        from .endpoints.organization_details import OrganizationDetailsEndpoint
        from .endpoints.organization_teams import OrganizationTeamsEndpoint
        from .endpoints.project_details import ProjectDetailsEndpoint

        urlpatterns = []
        """)
    after = patch(
        before, reg("OrganizationWidgetsEndpoint", "w/", "acme.api.endpoints.organization_widgets")
    )
    lines = after.splitlines()
    new = lines.index("from .endpoints.organization_widgets import OrganizationWidgetsEndpoint")
    assert lines[new - 1].startswith("from .endpoints.organization_teams ")
    assert lines[new + 1].startswith("from .endpoints.project_details ")


@pytest.mark.parametrize(
    ("new", "after_it"),
    [
        ("project_search_default", "project_searches"),
        ("project_rule_stats", "project_rule_details"),
    ],
)
def test_a_block_sorted_with_underscores_after_letters_keeps_that_order(
    new: str, after_it: str
) -> None:
    """Sentry's 2016 urls.py lists `project_rules` before `project_rule_details` (upper-cased
    names compare so, `_` after letters): a new import goes where that order puts it, not where
    today's isort would."""
    before = HEADER + dedent("""\
        from .endpoints.project_details import ProjectDetailsEndpoint
        from .endpoints.project_rules import ProjectRulesEndpoint
        from .endpoints.project_rule_details import ProjectRuleDetailsEndpoint
        from .endpoints.project_searches import ProjectSearchesEndpoint
        from .endpoints.project_search_details import ProjectSearchDetailsEndpoint
        from .endpoints.project_stats import ProjectStatsEndpoint

        urlpatterns = []
        """)
    class_name = "".join(word.title() for word in new.split("_")) + "Endpoint"
    after = patch(before, reg(class_name, "w/", f"acme.api.endpoints.{new}"))
    lines = after.splitlines()
    added = lines.index(f"from .endpoints.{new} import {class_name}")
    assert lines[added - 1].startswith(f"from .endpoints.{after_it} ")


def test_a_comment_after_the_last_argument_does_not_hide_the_trailing_comma() -> None:
    before = HEADER + dedent("""\
        from .endpoints.a import AEndpoint

        urlpatterns = [
            re_path(
                r"^a/$",
                AEndpoint.as_view(),
                name="acme-api-0-a"  # the only route
                ,
            ),
        ]
        """)
    assert UrlsFile(before, "urls.py", "acme", "acme.api.urls", 100).style.trailing_comma


def test_a_top_level_route_goes_above_the_catch_all_section() -> None:
    before = HEADER + dedent("""\
        from .endpoints.a import AEndpoint

        urlpatterns = [
            re_path(r"^a/$", AEndpoint.as_view(), name="acme-api-0-a"),
            # Catch all
            re_path(r"^$", AEndpoint.as_view(), name="acme-api-index"),
            re_path(r"^", AEndpoint.as_view(), name="acme-api-catchall"),
        ]
        """)
    after = patch(before, reg("BEndpoint", "b/"))
    assert (
        '    re_path(r"^b/$", BEndpoint.as_view(), name="acme-api-0-b"),\n'
        "    # Catch all\n"
        '    re_path(r"^$", AEndpoint.as_view(), name="acme-api-index"),\n'
    ) in after


def test_two_adds_in_one_run_keep_the_inline_list_paths_in_step() -> None:
    """A route added to `urlpatterns` ahead of an inline `include([...])` shifts that list's
    index; a second route added into the inline list in the same run still lands inside it."""
    before = HEADER + dedent("""\
        from .endpoints.a import AEndpoint

        urlpatterns = [
            re_path(
                r"^bar/x/$",
                AEndpoint.as_view(),
                name="acme-api-0-bar-x",
            ),
            re_path(
                r"^zoo/",
                include(
                    [
                        re_path(
                            r"^a/$",
                            AEndpoint.as_view(),
                            name="acme-api-0-a",
                        ),
                    ]
                ),
            ),
        ]
        """)
    after = patch(before, reg("BEndpoint", "bar/y/"), reg("CEndpoint", "zoo/c/"))
    lines = after.splitlines()
    assert lines.index('        r"^bar/x/$",') < lines.index('        r"^bar/y/$",')
    assert lines.index('        r"^bar/y/$",') < lines.index('        r"^zoo/",')
    assert lines.index('        r"^zoo/",') < lines.index('                    r"^c/$",')
