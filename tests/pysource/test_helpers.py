"""The route helper evaluator on its own: what it computes, and where it stops (and why)."""

from __future__ import annotations

import ast
import textwrap

import pytest

from scaffold.pysource.helpers import Evaluator
from scaffold.pysource.route_values import BuiltRoute, Stop
from scaffold.pysource.urlmodule import UrlModule, parse_url_module

HELPERS = r"""
from django.urls import path, re_path
from shop.api.endpoints import WidgetsEndpoint

ORG = r"(?P<organization_id_or_slug>[^/]+)"


def fmt(text):
    text = text.replace("{org}", ORG)
    return text


def url(pattern, *args, **kwargs):
    return re_path(fmt(pattern), *args, **kwargs)


def named(pattern, cls, prefix="shop-api-0"):
    name: str = "%s-%s" % (prefix, cls.label)
    return url(pattern, cls.as_view(), name=name)


def by_format(kind, view):
    return re_path("^{}/{kind}/$".format("v1", kind=kind), view, None, f"shop-{kind}")


def typed(view):
    return path("widgets/<int:widget_id>/", view)


def branching(pattern, view):
    if pattern:
        return re_path(pattern, view)
    return None


def two(a, b):
    return re_path(a, b)
"""


def module() -> UrlModule:
    parsed = parse_url_module(
        textwrap.dedent(HELPERS).encode(), "shop.api.urls", "src/shop/api/urls.py", False
    )
    assert parsed is not None
    return parsed


def evaluate(text: str) -> BuiltRoute:
    literals = {"shop.api.endpoints.WidgetsEndpoint.label": "widgets"}
    evaluator = Evaluator(lambda name: None, literals.get)
    call = ast.parse(text, mode="eval").body
    assert isinstance(call, ast.Call)
    return evaluator.route(call, module(), {})


ORG = r"(?P<organization_id_or_slug>[^/]+)"


@pytest.mark.parametrize(
    ("text", "regex", "name"),
    [
        ('url(r"^{org}/w/$", WidgetsEndpoint.as_view(), name="w")', rf"^{ORG}/w/$", "w"),
        ('url(r"^{org}/w/$", view=WidgetsEndpoint.as_view())', rf"^{ORG}/w/$", None),
        ('named(r"^{org}/w/$", WidgetsEndpoint)', rf"^{ORG}/w/$", "shop-api-0-widgets"),
        ('named("^w/$", prefix="x", cls=WidgetsEndpoint)', "^w/$", "x-widgets"),
        ('by_format("gadgets", WidgetsEndpoint.as_view())', "^v1/gadgets/$", "shop-gadgets"),
        ("typed(WidgetsEndpoint.as_view())", r"^widgets/(?P<widget_id>[0-9]+)/$", None),
    ],
)
def test_what_a_helper_builds(text: str, regex: str, name: str | None) -> None:
    built = evaluate(text)
    assert (built.regex, built.name) == (regex, name)
    assert [(ref.text, ref.dotted) for ref in built.views] == [
        ("WidgetsEndpoint", "shop.api.endpoints.WidgetsEndpoint")
    ]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (
            'branching("^w/$", WidgetsEndpoint.as_view())',
            "the body of branching() is not plain assignments and a return",
        ),
        ('two("^w/$")', "two() is called without 'b'"),
        ('two("^w/$", WidgetsEndpoint.as_view(), 3)', "two() is given 3 positional arguments"),
        (
            'two("^w/$", WidgetsEndpoint.as_view(), c=3)',
            "two() cannot take the keyword argument 'c'",
        ),
        (
            "two(make(), WidgetsEndpoint.as_view())",
            "make() is not a function of the tree the reader can follow",
        ),
        ('two("^w/$", "not a view")', "not an X.as_view() call"),
        ('named("^w/$", Unknown)', "Unknown.label is not a literal string the reader can find"),
        ('two("^%s/$" % (1, 2), WidgetsEndpoint.as_view())', "1 is not a string"),
    ],
)
def test_where_the_evaluation_stops(text: str, why: str) -> None:
    with pytest.raises(Stop) as stopped:
        evaluate(text)
    assert stopped.value.why == why
