"""The full-path languages agree with Django's own resolver, path by path (real Django, real
regexes), and inclusion and emptiness come out as they should."""

from __future__ import annotations

import itertools

import pytest
from django.http import HttpRequest, HttpResponse
from django.urls import include, re_path
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, URLResolver

from scaffold.check.language import Chain, includes, is_empty, language, splits_once

CHAINS: list[Chain] = [
    ("^a/$",),
    ("a/",),
    ("a/$",),
    ("^",),
    ("",),
    ("^(?P<x>[^/]+)/(?:b|c)/$",),
    ("^(?P<x>[^\\/]+)-(?P<y>\\d+)/$",),
    ("^x/\\S+$",),
    ("^x/(?P<k>\\w+)/$",),
    ("^x/(?P<k>[A-Za-z0-9_]+)/?$",),
    ("^x/(?P<k>\\d{2,3})/$",),
    ("^o/", "^(?P<x>[^/]+)/s/$"),
    ("^o/", "(?P<x>[^/]+)/$"),
    ("^(?:o|p)/", "^(?P<x>[^/]+)/plugins?/", "^$"),
    ("^o/$", "^$"),
    ("^o/$", "^s/$"),
    ("^a/$(?P<n>[^/]+)/",),
    ("^a/$(?:\\n)?",),
    ("^a/\\Z",),
    ("^(?P<x>.+)/", "^(?P<y>[^/]+)/s/$"),
]
PIECES = ["", "a", "b", "c", "o", "p", "s", "x", "1", "12", "é", "\u0660", "\u00a0", " ", "-"]
PATHS = sorted(
    {"/".join(parts) + end for n in range(4) for parts in itertools.product(PIECES, repeat=n)
     for end in ("", "/", "/\n")}
    | {"x/1/2", "plugin/", "o/1/plugins/", "p/1/plugin/", "o/1/s/", "a/1-2/", "1-2/"}
)  # fmt: skip


def _view(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


def django_resolves(chain: Chain, path: str) -> bool:
    """Whether Django's resolver sends `path` to the chain's endpoint."""
    patterns: list[object] = [re_path(chain[-1], _view, name="target")]
    for prefix in reversed(chain[:-1]):
        patterns = [re_path(prefix, include(patterns))]
    resolver = URLResolver(RegexPattern(r"^/"), patterns)
    try:
        return bool(resolver.resolve("/" + path).url_name == "target")
    except Resolver404:
        return False


@pytest.mark.parametrize("chain", CHAINS, ids=lambda c: " + ".join(c))
def test_the_language_is_what_django_matches(chain: Chain) -> None:
    """Equal where every include hands on one rest of the path; wider (never narrower) where
    an include may split a path otherwise than the concatenation says."""
    automaton = language(chain, True)
    exact = all(splits_once(prefix) for prefix in chain[:-1])
    for path in PATHS:
        ours, django = bool(automaton.accepts(path)), django_resolves(chain, path)
        assert ours == django or (not exact and ours), (path, ours, django)


@pytest.mark.parametrize(
    ("wider", "narrower", "expected"),
    [
        (("^a/(?:b|c)/$",), ("^a/c/$",), True),
        (("^a/c/$",), ("^a/(?:b|c)/$",), False),
        (("^o/", "^(?P<x>[^/]+)/s/$"), ("^o/(?P<y>[^/]+)/s/$",), True),
        (("^x/\\w+/$",), ("^x/[A-Za-z0-9_]+/$",), True),
        (("^x/[A-Za-z0-9_]+/$",), ("^x/\\w+/$",), False),  # \w holds é too
        (("^x/\\S+$",), ("^x/[^/]+/y/$",), False),  # [^/] holds spaces
        (("^x/\\S+$",), ("^x/[^/\\s]+/y/$",), True),
        (("^",), ("^late/$",), True),
        (("^$",), ("^",), False),
        (("a/$",), ("^(?P<o>[^/]+)/a/$",), False),  # fullmatched: only "a/"
        (("a/",), ("^(?P<o>[^/]+)/a/$",), True),  # searched
    ],
)
def test_inclusion(wider: Chain, narrower: Chain, expected: bool) -> None:
    assert includes(wider, narrower) is expected


@pytest.mark.parametrize(
    ("chain", "endpoint", "expected"),
    [
        (("^a/$(?P<n>[^/]+)/",), True, True),
        (("^a/$(?:x)?",), True, False),
        (("^a/$\\n",), True, False),  # `$` holds before a final newline
        (("^a/\\Z(?:x)",), True, True),
        (("^o/$", "^s/$"), True, True),
        (("^o/$",), False, False),
        (("^a/$",), True, False),
    ],
)
def test_emptiness(chain: Chain, endpoint: bool, expected: bool) -> None:
    assert is_empty(chain, endpoint) is expected


def test_which_includes_split_a_path_once() -> None:
    once = ["", "^organizations/", "^(?P<o>[^\\/]+)/(?:issues|groups)/", "^(?P<i>\\d+)/plugins?/"]
    more = ["organizations/", "^(?P<x>.+)/", "^a/b?", "^a/(?:b/)?", "^a/$"]
    assert [splits_once(p) for p in once + more] == [True] * len(once) + [False] * len(more)
