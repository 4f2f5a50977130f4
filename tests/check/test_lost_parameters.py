"""A convert_args that asks for a keyword argument the route captures, where an earlier
convert_args of the chain handed it on by position or took it out: the finding says so,
rather than that the route does not capture it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.test_flow_false_alarms import check

ROUTE = r"^teams/(?P<team_id>\d+)/things/(?P<thing_id>\d+)/$"
BASE = """
class TeamBase(Endpoint):
    def convert_args(self, request, *args, **kwargs):
        kwargs["team"] = lookup(kwargs.pop("team_id"))
        return (args, kwargs)


"""
BY_POSITION = """
class ThingEndpoint(TeamBase):
    def convert_args(self, request, team_id, thing_id, *args, **kwargs):
        args, kwargs = super().convert_args(request, team_id, *args, **kwargs)
        kwargs["thing"] = lookup(thing_id)
        return (args, kwargs)

    def get(self, request, team, thing):
        return None
"""
TAKEN_OUT = """
class AuditMixin:
    def convert_args(self, request, *args, **kwargs):
        self.audited = kwargs.pop("team_id")
        return super().convert_args(request, *args, **kwargs)


class ThingEndpoint(AuditMixin, TeamBase):
    def get(self, request, team, thing_id):
        return None
"""
LOST = (
    "r0: convert_args needs team_id by name, which the route captures but an earlier "
    "convert_args of the chain hands on by position or takes out"
)


@pytest.mark.parametrize("things", [BY_POSITION, TAKEN_OUT], ids=["by-position", "taken-out"])
def test_a_captured_parameter_the_chain_lost_is_named_so(tmp_path: Path, things: str) -> None:
    assert check(tmp_path, BASE + things, [(ROUTE, "ThingEndpoint")]) == [LOST]


def test_a_parameter_the_route_lacks_is_named_so(tmp_path: Path) -> None:
    route = r"^things/(?P<thing_id>\d+)/$"
    assert check(tmp_path, BASE + BY_POSITION, [(route, "ThingEndpoint")]) == [
        "r0: convert_args needs team_id, which the route does not capture"
    ]
