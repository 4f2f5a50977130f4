"""Three ways a convert_args changes kwargs that the reader named as not followed, now run as
Python runs them: `kwargs.setdefault("x", d)`, a loop over a literal tuple of keys, and
`dict(kwargs, x=d)` returned in place of kwargs. Each is a finding only where the handlers
cannot take what the chain hands them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.test_flow_false_alarms import ORG, run

ROUTE = ORG + "/things/(?P<thing_id>[^/]+)/$"
SET_DEFAULT = """
class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, *args, **kwargs):
        args, kwargs = super().convert_args(request, *args, **kwargs)
        kwargs.setdefault("layout", "grid")
        kwargs.setdefault("thing_id", None)
        return (args, kwargs)

    def get(self, request, organization, thing_id, {last}):
        return None
"""
POPPED_IN_A_LOOP = """
class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, *args, **kwargs):
        args, kwargs = super().convert_args(request, *args, **kwargs)
        for key in ({keys}):
            kwargs.pop(key, None)
        return (args, kwargs)

    def get(self, request, organization):
        return None
"""
RETURNED_AS_A_NEW_DICT = """
class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, *args, **kwargs):
        args, kwargs = super().convert_args(request, *args, **kwargs)
        return args, dict(kwargs, layout="grid")

    def get(self, request, organization, thing_id, {last}):
        return None
"""
MODE = "get() requires 'mode'"
FOLLOWED = [
    (SET_DEFAULT.format(last="layout"), []),
    (SET_DEFAULT.format(last="mode"), ["get() does not accept 'layout'", MODE]),
    (POPPED_IN_A_LOOP.format(keys='"thing_id", "unused"'), []),
    (POPPED_IN_A_LOOP.format(keys='"thing",'), ["get() does not accept 'thing_id'"]),
    (RETURNED_AS_A_NEW_DICT.format(last="layout"), []),
    (RETURNED_AS_A_NEW_DICT.format(last="mode"), ["get() does not accept 'layout'", MODE]),
]


@pytest.mark.parametrize(
    ("things", "expected"),
    FOLLOWED,
    ids=["setdefault", "setdefault-wrong", "loop", "loop-wrong", "dict", "dict-wrong"],
)
def test_the_shape_is_followed(tmp_path: Path, things: str, expected: list[str]) -> None:
    found, unresolved = run(tmp_path, things, [(ROUTE, "ThingEndpoint")])
    messages = [
        message.partition(": ")[2].partition(" (")[0].partition(",")[0] for message, _ in found
    ]
    assert (sorted(messages), unresolved) == (expected, [])


def test_a_loop_a_break_may_cut_short_is_still_named(tmp_path: Path) -> None:
    """Which keys a loop with `break` pops depends on what the round met: not followed."""
    things = POPPED_IN_A_LOOP.format(keys='"thing_id", "unused"').replace(
        "kwargs.pop(key, None)", "if kwargs.pop(key, None):\n                break"
    )
    found, unresolved = run(tmp_path, things, [(ROUTE, "ThingEndpoint")])
    assert found == []
    assert [u.why for u in unresolved] == ["calls kwargs.pop(...) (line 11)"]


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ("kwargs[key.upper()] = kwargs[key]", ["stores kwargs[...] under a key not known here"]),
        ("kwargs[key] = kwargs[key]\n            del kwargs[key]", []),
    ],
    ids=["computed-key", "item-as-key"],
)
def test_a_loop_item_is_a_key_as_a_literal_is(tmp_path: Path, body: str, why: list[str]) -> None:
    """`kwargs[key]` and `del kwargs[key]` read and take the round's key; a key computed from
    it is still not known."""
    things = POPPED_IN_A_LOOP.format(keys='"thing_id",').replace("kwargs.pop(key, None)", body)
    found, unresolved = run(tmp_path, things, [(ROUTE, "ThingEndpoint")])
    assert (found, [u.why.partition(" (line")[0] for u in unresolved]) == ([], why)
