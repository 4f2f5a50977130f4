"""`scaffold remove`'s urls.py edit, text to text: every comment stays, and the lines it may
drop are declared exactly (the plan's keep-every-line check passes with no comment among them)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from scaffold.routes import parse_route
from scaffold.urls.add import Registration, UrlsFile
from scaffold.urls.remove import remove_registration
from scaffold.write.plan import FileChange, Plan, validate


def _removal_kept(source: str, class_name: str) -> str:
    """The edit, which must also pass the plan's keep-every-line check with the lines it
    declares, and never declare a comment line droppable."""
    before = textwrap.dedent(source)
    removal = remove_registration(before, "urls.py", "acme.api", class_name, 100)
    plan = Plan(Path("/nonexistent"))
    plan.add(FileChange(Path("/nonexistent/urls.py"), before, removal.code, True, removal.may_drop))
    validate(plan)
    lines = before.splitlines()
    assert not [n for n in removal.may_drop if lines[n - 1].strip().startswith("#")]
    return removal.code


REMOVE_CASES = {
    "the last entry under a section comment": (
        """\
        from django.urls import re_path

        from .endpoints.a import AEndpoint

        X = [
            # Section A
            re_path(
                r"^a/$",
                AEndpoint.as_view(),
                name="a",
            ),
        ]
        """,
        """\
        from django.urls import re_path

        X = [
            # Section A
        ]
        """,
    ),
    "the last entry, no comment": (
        """\
        from django.urls import re_path

        from .endpoints.a import AEndpoint

        X = [
            re_path(r"^a/$", AEndpoint.as_view(), name="a"),
        ]
        """,
        """\
        from django.urls import re_path

        X = []
        """,
    ),
    "the first entry, a section comment after it": (
        """\
        from .endpoints.a import AEndpoint
        from .endpoints.b import BEndpoint

        X = [
            re_path(r"^a/$", AEndpoint.as_view(), name="a"),
            # Section B
            re_path(r"^b/$", BEndpoint.as_view(), name="b"),
        ]
        """,
        """\
        from .endpoints.b import BEndpoint

        X = [
            # Section B
            re_path(r"^b/$", BEndpoint.as_view(), name="b"),
        ]
        """,
    ),
    "an entry heading its section, between two sections": (
        """\
        from .endpoints.a import AEndpoint
        from .endpoints.b import BEndpoint

        X = [
            re_path(r"^b/$", BEndpoint.as_view(), name="b"),

            # Section A
            re_path(r"^a/$", AEndpoint.as_view(), name="a"),  # why

            # Section C
            re_path(r"^c/$", BEndpoint.as_view(), name="c"),
        ]
        """,
        """\
        from .endpoints.b import BEndpoint

        X = [
            re_path(r"^b/$", BEndpoint.as_view(), name="b"),

            # Section A

            # Section C
            re_path(r"^c/$", BEndpoint.as_view(), name="c"),
        ]
        """,
    ),
    "the last entry after a comment, no trailing comma": (
        """\
        from .endpoints.a import AEndpoint
        from .endpoints.b import BEndpoint

        X = [
            re_path(r"^b/$", BEndpoint.as_view(), name="b"),
            # Section A
            re_path(r"^a/$", AEndpoint.as_view(), name="a")
        ]
        """,
        """\
        from .endpoints.b import BEndpoint

        X = [
            re_path(r"^b/$", BEndpoint.as_view(), name="b")
            # Section A
        ]
        """,
    ),
    "a blank-separated entry": (
        """\
        from .endpoints.a import AEndpoint
        from .endpoints.b import BEndpoint

        X = [
            re_path(r"^b/$", BEndpoint.as_view(), name="b"),

            re_path(r"^a/$", AEndpoint.as_view(), name="a"),

            re_path(r"^c/$", BEndpoint.as_view(), name="c"),
        ]
        """,
        """\
        from .endpoints.b import BEndpoint

        X = [
            re_path(r"^b/$", BEndpoint.as_view(), name="b"),

            re_path(r"^c/$", BEndpoint.as_view(), name="c"),
        ]
        """,
    ),
    "the first entry under a section comment and a blank line": (
        """\
        from .endpoints.a import AEndpoint
        from .endpoints.b import BEndpoint

        X = [
            re_path(r"^b/$", BEndpoint.as_view(), name="b"),

            # Section A

            re_path(r"^a/$", AEndpoint.as_view(), name="a"),
            re_path(r"^c/$", BEndpoint.as_view(), name="c"),
        ]
        """,
        """\
        from .endpoints.b import BEndpoint

        X = [
            re_path(r"^b/$", BEndpoint.as_view(), name="b"),

            # Section A

            re_path(r"^c/$", BEndpoint.as_view(), name="c"),
        ]
        """,
    ),
    "an entry after a blank line, the next right below it": (
        """\
        from .endpoints.a import AEndpoint
        from .endpoints.b import BEndpoint

        X = [
            re_path(r"^b/$", BEndpoint.as_view(), name="b"),

            re_path(r"^a/$", AEndpoint.as_view(), name="a"),
            # Section C
            re_path(r"^c/$", BEndpoint.as_view(), name="c"),
        ]
        """,
        """\
        from .endpoints.b import BEndpoint

        X = [
            re_path(r"^b/$", BEndpoint.as_view(), name="b"),

            # Section C
            re_path(r"^c/$", BEndpoint.as_view(), name="c"),
        ]
        """,
    ),
    "a patterns() route under a section comment and a blank line": (
        """\
        from .endpoints.a import AEndpoint
        from .endpoints.b import BEndpoint

        urlpatterns = patterns(
            "",
            url(r"^b/$", BEndpoint.as_view(), name="b"),

            # Section A

            url(r"^a/$", AEndpoint.as_view(), name="a"),
            url(r"^c/$", BEndpoint.as_view(), name="c"),
        )
        """,
        """\
        from .endpoints.b import BEndpoint

        urlpatterns = patterns(
            "",
            url(r"^b/$", BEndpoint.as_view(), name="b"),

            # Section A

            url(r"^c/$", BEndpoint.as_view(), name="c"),
        )
        """,
    ),
    "a patterns() route under a comment": (
        """\
        from .endpoints.a import AEndpoint
        from .endpoints.b import BEndpoint

        urlpatterns = patterns(
            "",
            url(r"^b/$", BEndpoint.as_view(), name="b"),
            # Section A
            url(r"^a/$", AEndpoint.as_view(), name="a"),
            url(r"^c/$", BEndpoint.as_view(), name="c"),
        )
        """,
        """\
        from .endpoints.b import BEndpoint

        urlpatterns = patterns(
            "",
            url(r"^b/$", BEndpoint.as_view(), name="b"),
            # Section A
            url(r"^c/$", BEndpoint.as_view(), name="c"),
        )
        """,
    ),
}


@pytest.mark.parametrize("case", list(REMOVE_CASES), ids=list(REMOVE_CASES))
def test_removal_keeps_every_comment_and_declares_only_what_it_drops(case: str) -> None:
    source, expected = REMOVE_CASES[case]
    assert _removal_kept(source, "AEndpoint") == textwrap.dedent(expected)


# an import continued by backslashes, as isort wrote them before black (Sentry's 2016 urls.py)
_CONTINUED = """\
    from django.conf.urls import patterns, url

    from .endpoints.files import AEndpoint, BEndpoint, \\
        CEndpoint, \\
        DEndpoint, EEndpoint

    urlpatterns = patterns(
        "",
        url(r"^a/$", AEndpoint.as_view(), name="a"),
        url(r"^b/$", BEndpoint.as_view(), name="b"),
        url(r"^c/$", CEndpoint.as_view(), name="c"),
        url(r"^d/$", DEndpoint.as_view(), name="d"),
        url(r"^e/$", EEndpoint.as_view(), name="e"),
    )
    """

CONTINUED_IMPORT_LEFT = {
    "AEndpoint": "from .endpoints.files import BEndpoint, \\\n    CEndpoint, \\\n"
    "    DEndpoint, EEndpoint\n",
    "BEndpoint": "from .endpoints.files import AEndpoint, \\\n    CEndpoint, \\\n"
    "    DEndpoint, EEndpoint\n",
    "CEndpoint": "from .endpoints.files import AEndpoint, BEndpoint, \\\n"
    "    DEndpoint, EEndpoint\n",
    "DEndpoint": "from .endpoints.files import AEndpoint, BEndpoint, \\\n    CEndpoint, \\\n"
    "    EEndpoint\n",
    "EEndpoint": "from .endpoints.files import AEndpoint, BEndpoint, \\\n    CEndpoint, \\\n"
    "    DEndpoint\n",
}


@pytest.mark.parametrize("name", list(CONTINUED_IMPORT_LEFT))
def test_a_name_leaves_an_import_continued_by_backslashes_where_it_stood(name: str) -> None:
    """Only the name and its comma go (a line left with none goes too); every other name and
    line break stays as the file wrote it, where it was rewritten in black's parentheses."""
    source = textwrap.dedent(_CONTINUED)
    code = _removal_kept(source, name)
    head, _, rest = code.partition("\n\nurlpatterns")
    assert (
        head + "\n"
        == "from django.conf.urls import patterns, url\n\n" + CONTINUED_IMPORT_LEFT[name]
    )
    kept_routes = [line for line in source.splitlines() if "as_view" in line and name not in line]
    assert rest.count("as_view") == len(kept_routes) == 4


@pytest.mark.parametrize("name", list(CONTINUED_IMPORT_LEFT))
def test_a_name_joins_an_import_continued_by_backslashes_in_its_place(name: str) -> None:
    """`new-endpoint` for a class of a module urls.py imports by backslash continuation puts
    the name in its sorted place, on a line of its own where the name after it starts a line,
    every other line as it was (it rewrote the statement in black's parentheses); `remove` then
    gives the file back."""
    source = textwrap.dedent(_CONTINUED)
    without = _removal_kept(source, name)
    urls = UrlsFile(without, "urls.py", "acme", "acme.api.urls", 100)
    route = parse_route(f"{name[0].lower()}/")
    urls.add(Registration(name, "acme.api.endpoints.files", route, name[0].lower()))
    joined = urls.code()
    before = without.partition("\n\nurlpatterns")[0].splitlines()
    after = joined.partition("\n\nurlpatterns")[0].splitlines()
    if len(after) == len(before) + 1:  # a line of its own, before the name it precedes
        assert [line for line in after if name not in line] == before
    else:  # joined to a line: that line alone changes
        changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
        assert len(changed) == 1, changed
        assert changed[0][1].replace(f"{name}, ", "").replace(f", {name}", "") == changed[0][0]
    if name == "CEndpoint":  # alone on its line: put back as it was
        assert after == source.partition("\n\nurlpatterns")[0].splitlines()
    names = re.findall(r"\w+Endpoint", "".join(after))
    assert names == sorted(names)
    assert _removal_kept(joined, name) == without
