"""bench_fidelity's reading of a urls.py: an inline include list keeps its name when an entry
is added before it, so the leave-one-out run finds the entry scaffold added, not an older
route of the same class inside that list."""

from __future__ import annotations

from textwrap import dedent

from bench.bench_fidelity import entries, leave_out
from scaffold.urls.index import UrlsIndex

BEFORE = dedent("""\
    from django.urls import include, re_path

    urlpatterns = [
        re_path(r"^assistant/$", AssistantEndpoint.as_view()),
        re_path(
            r"^organizations/",
            include(
                [
                    re_path(r"^(?P<org>[^/]+)/broadcasts/$", BroadcastIndexEndpoint.as_view()),
                ]
            ),
        ),
        re_path(r"^projects/", include([re_path(r"^$", ProjectIndexEndpoint.as_view())])),
        re_path(r"^projects/", include([re_path(r"^x/$", XEndpoint.as_view())])),
    ]
    """)


def test_inline_lists_are_named_by_their_prefix() -> None:
    keys = [(e.list_id, e.class_name) for e in entries(BEFORE)]
    assert keys == [
        ("urlpatterns", "AssistantEndpoint"),
        ("urlpatterns@^organizations/", "BroadcastIndexEndpoint"),
        ("urlpatterns@^projects/", "ProjectIndexEndpoint"),
        ("urlpatterns@^projects/#2", "XEndpoint"),
    ]


def test_entries_name_their_lists_as_the_urls_index_does() -> None:
    """What finds each entry's full route (and so whether the route syntax can express it)."""
    index = UrlsIndex(BEFORE, "urls.py", "acme", "acme.api.urls")
    keys = [e.list_key for e in entries(BEFORE)]
    assert keys == ["urlpatterns", "urlpatterns@1", "urlpatterns@2", "urlpatterns@3"]
    assert set(keys) <= set(index.lists)


def test_an_entry_added_before_an_inline_list_leaves_its_name() -> None:
    outer = '    re_path(\n        r"^organizations/",'
    assert outer in BEFORE
    added = BEFORE.replace(
        outer, '    re_path(r"^broadcasts/$", BroadcastIndexEndpoint.as_view()),\n' + outer
    )
    old = {(e.list_id, e.pattern, e.class_name) for e in entries(BEFORE)}
    new = [e for e in entries(added) if (e.list_id, e.pattern, e.class_name) not in old]
    assert [(e.list_id, e.pattern) for e in new] == [("urlpatterns", "^broadcasts/$")]


def test_an_entry_between_blank_lines_leaves_one_of_them() -> None:
    """As `scaffold remove` leaves it (a 2018 urls.py sets its entries apart by blank lines)."""
    spaced = BEFORE.replace(
        '    re_path(r"^assistant/$", AssistantEndpoint.as_view()),\n',
        '    re_path(r"^a/$", AEndpoint.as_view()),\n\n'
        '    re_path(r"^assistant/$", AssistantEndpoint.as_view()),\n\n',
    )
    entry = next(e for e in entries(spaced) if e.class_name == "AssistantEndpoint")
    left = leave_out(spaced, entry, "acme")
    assert left is not None
    assert 'AEndpoint.as_view()),\n\n    re_path(\n        r"^organizations/"' in left
