"""Route calls as the one reader sees them."""

from __future__ import annotations

import ast

import pytest

from scaffold.pysource.routes import name_of, route_call


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('url(r"^a/$", A.as_view(), name="n")', "n"),
        ('url(r"^a/$", A.as_view(), None, "n")', "n"),  # Django's 4th positional argument
        ('url(r"^a/$", A.as_view(), {"x": 1})', None),  # the kwargs dict is not a name
        ('url(r"^a/$", A.as_view())', None),
    ],
)
def test_the_name_of_a_route(text: str, name: str | None) -> None:
    call = route_call(ast.parse(text, mode="eval").body)
    assert call is not None
    assert name_of(call, {}) == name
