"""`route_context.positional_groups` reads a route's groups from the regex parser alone (a
look-behind compiled too): the answer `re.compile` gives, on each shape of pattern."""

from __future__ import annotations

import re

import pytest

from scaffold.pysource.route_context import positional_groups


def _by_compiling(texts: list[str | None]) -> int | None:
    count = 0
    for text in texts:
        if text is None:
            return None
        try:
            compiled = re.compile(text)
        except re.error:
            return None
        if not compiled.groupindex:
            count += compiled.groups
    return count


PATTERNS = [
    [r"^api/0/", r"^(?P<organization_slug>[^\/]+)/members/$"],
    [r"^widgets/(\d+)/(\w+)/$"],  # unnamed groups only: passed by position
    [r"^(?P<slug>[^/]+)/(\d+)/$"],  # a named group: the unnamed one is not passed
    [r"^(?:plain)/(?:groups)/$"],
    [r"^(?<=a+)b/$"],  # a look-behind of no fixed width: only the compiler refuses it
    [r"^(?<=ab)(c)/$", r"^(?<!x)(?P<n>y)/$"],
    [r"^(?<name>x)/$"],  # not Python's syntax for a named group
    [r"^files/[/$"],  # does not parse
    [r"^(a)(?(1)b|c)/$", r"(?x) spaced (\d) # a comment"],
    [r"^api/", None],
]


@pytest.mark.parametrize("texts", PATTERNS)
def test_positional_groups_are_the_compilers(texts: list[str | None]) -> None:
    assert positional_groups(texts) == _by_compiling(texts)
