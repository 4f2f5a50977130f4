"""`scaffold.records` behaves as `dataclasses.dataclass` does for the shapes scaffold uses: each
property is asserted on a record and on the dataclass of the same body, side by side."""

from __future__ import annotations

import dataclasses
import pickle
from typing import Any

import pytest

from scaffold.records import (
    FrozenRecordError,
    evolve,
    field,
    is_record,
    is_record_class,
    record,
    record_fields,
)


@record
class Point:
    x: int
    y: int = 0
    tags: list[str] = field(default_factory=list)
    note: str = field(default="", compare=False, repr=False)


@dataclasses.dataclass(frozen=True)
class PointDC:
    x: int
    y: int = 0
    tags: list[str] = dataclasses.field(default_factory=list)
    note: str = dataclasses.field(default="", compare=False, repr=False)


@record(frozen=False)
class Box:
    items: dict[str, int] = field(default_factory=dict)
    size: int = 1


@record(order=True)
class Ranked:
    path: str
    line: int


@dataclasses.dataclass(frozen=True, order=True)
class RankedDC:
    path: str
    line: int


@record
class Custom:
    name: str

    def __repr__(self) -> str:
        return f"<{self.name}>"

    def __hash__(self) -> int:
        return 7


def _pairs() -> list[tuple[Any, Any]]:
    return [
        (Point(1), PointDC(1)),
        (Point(1, 2, ["a"], "n"), PointDC(1, 2, ["a"], "n")),
        (Point(x=3, note="z"), PointDC(x=3, note="z")),
    ]


@pytest.mark.parametrize(("ours", "theirs"), _pairs())
def test_fields_defaults_and_repr_match_dataclasses(ours: Any, theirs: Any) -> None:
    names = tuple(f.name for f in dataclasses.fields(theirs))
    assert record_fields(ours) == record_fields(Point) == names
    assert [getattr(ours, n) for n in names] == [getattr(theirs, n) for n in names]
    assert repr(ours).replace("Point(", "PointDC(", 1) == repr(theirs)
    assert vars(ours) == vars(theirs)  # the fields are the instance's own attributes, in order
    assert list(vars(ours)) == list(vars(theirs))


def test_default_factory_gives_each_instance_its_own_value() -> None:
    a, b = Point(1), Point(2)
    assert a.tags == [] and a.tags is not b.tags
    assert "tags" not in vars(Point)  # like dataclasses: no class attribute for a factory field
    assert Point.y == 0 and Point.note == ""


def test_equality_and_hash_use_compared_fields_of_the_same_class_only() -> None:
    assert Point(1, note="a") == Point(1, note="b")
    assert PointDC(1, note="a") == PointDC(1, note="b")
    assert Point(1) != Point(2)
    assert Point(1) != PointDC(1)  # type: ignore[comparison-overlap]  # another class
    assert hash(Ranked("a", 1)) == hash(Ranked("a", 1)) == hash(RankedDC("a", 1))
    assert len({Ranked("a", 1), Ranked("a", 1), Ranked("a", 2)}) == 2


def test_frozen_records_refuse_assignment_as_attribute_errors() -> None:
    point = Point(1)
    with pytest.raises(FrozenRecordError):
        point.x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del point.x
    assert point.x == 1


def test_mutable_records_assign_and_are_unhashable() -> None:
    box = Box()
    box.size = 3
    box.items["a"] = 1
    assert box == Box({"a": 1}, 3)
    with pytest.raises(TypeError):
        hash(box)


def test_order_sorts_as_the_dataclass_does() -> None:
    values = [("b", 1), ("a", 9), ("a", 2)]
    ours = sorted(Ranked(*v) for v in values)
    theirs = sorted(RankedDC(*v) for v in values)
    assert [(r.path, r.line) for r in ours] == [(r.path, r.line) for r in theirs]
    assert Ranked("a", 1) < Ranked("a", 2) <= Ranked("a", 2)
    with pytest.raises(TypeError):
        _ = Ranked("a", 1) < RankedDC("a", 1)  # type: ignore[operator]


def test_methods_the_class_defines_are_kept() -> None:
    assert repr(Custom("x")) == "<x>"
    assert hash(Custom("x")) == 7
    assert Custom("x") == Custom("x")


def test_evolve_replaces_fields_and_refuses_unknown_ones() -> None:
    point = Point(1, 2, ["t"])
    moved = evolve(point, y=5)
    assert (moved.x, moved.y, moved.tags) == (1, 5, ["t"]) and point.y == 2
    with pytest.raises(TypeError, match="no field 'z'"):
        evolve(point, z=1)


def test_constructor_errors_match_dataclasses() -> None:
    with pytest.raises(TypeError):
        Point()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        PointDC()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Point(1, 2, [], "n", "extra")  # type: ignore[call-arg]


def test_bad_record_bodies_are_refused() -> None:
    with pytest.raises(TypeError, match="follows one with it"):

        @record
        class Late:
            a: int = 0
            b: int  # type: ignore[misc]

    with pytest.raises(TypeError, match="cannot derive from record"):

        @record
        class Derived(Point):
            z: int = 0


def test_records_pickle_and_are_told_apart_from_their_classes() -> None:
    point = Point(1, 2, ["a"], "n")
    again = pickle.loads(pickle.dumps(point))
    assert again == point and again.note == "n"
    assert is_record(point) and not is_record(Point) and is_record_class(Point)
    assert not is_record(PointDC(1)) and not is_record_class(PointDC)
