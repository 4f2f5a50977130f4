"""Records: `dataclasses.dataclass` for scaffold's own value classes, at a fraction of its cost.

A dataclass costs about 0.5 ms to create (each method is generated code compiled by its own
`exec`), and `dataclasses` imports `inspect` (~6 ms): `scaffold check` created 26 of them before
it read a file, a sixth of a re-run's time on a 2,000-file tree. A record compiles only its
`__init__` (made by the thousand when a cache is read); `__eq__`, `__hash__`, ordering and
`__repr__` are shared functions over an `attrgetter` of the compared fields. The semantics are
the ones scaffold uses of dataclasses: frozen by default, equality and (frozen) hashing over the
compared fields of the same class only, `order=True`, defaults and `field(default_factory=...,
compare=False, repr=False)`, a method the class defines itself kept. No inheritance between
records, no keyword-only fields, no `__post_init__`: scaffold uses none, and `record` refuses a
base record rather than guess (`tests/test_records.py` holds each property beside a dataclass).
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter, ge, gt, le, lt
from typing import Any, TypeVar, dataclass_transform, overload

_T = TypeVar("_T")
_MISSING: Any = object()
_COMPARISONS = (("__lt__", lt), ("__le__", le), ("__gt__", gt), ("__ge__", ge))


class FrozenRecordError(AttributeError):
    """An assignment to a field of a frozen record."""


class Field:
    """How one field is made and compared (what `field(...)` returns in a class body)."""

    __slots__ = ("compare", "default", "factory", "repr")

    def __init__(self, default: Any, factory: Any, compare: bool, repr: bool) -> None:
        self.default, self.factory, self.compare, self.repr = default, factory, compare, repr


def field(
    *,
    default: Any = _MISSING,
    default_factory: Callable[[], Any] | None = None,
    compare: bool = True,
    repr: bool = True,
) -> Any:
    """A field's default (or `default_factory`, called per instance) and whether `__eq__`,
    `__hash__`, ordering and `__repr__` use it."""
    return Field(default, _MISSING if default_factory is None else default_factory, compare, repr)


@overload
def record(cls: type[_T], /) -> type[_T]: ...


@overload
def record(*, frozen: bool = True, order: bool = False) -> Callable[[type[_T]], type[_T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: Any = None, /, *, frozen: bool = True, order: bool = False) -> Any:
    """`@record` (frozen) or `@record(frozen=False)` / `@record(order=True)` on a class whose
    annotated class attributes are its fields, in order."""

    def build(cls: type[_T]) -> type[_T]:
        return _build(cls, frozen, order)

    return build if cls is None else build(cls)


def is_record(value: object) -> bool:
    """Whether `value` is a record instance (not a record class)."""
    return not isinstance(value, type) and hasattr(type(value), "__record_fields__")


def is_record_class(value: object) -> bool:
    return isinstance(value, type) and "__record_fields__" in value.__dict__


def record_fields(value: object) -> tuple[str, ...]:
    """The field names of a record or record class, in order."""
    cls = value if isinstance(value, type) else type(value)
    names: tuple[str, ...] = cls.__record_fields__  # type: ignore[attr-defined]
    return names


def evolve(value: _T, /, **changes: Any) -> _T:
    """A copy of the record `value` with `changes` (what `dataclasses.replace` does)."""
    unknown = set(changes) - set(record_fields(value))
    if unknown:
        raise TypeError(f"{type(value).__name__} has no field {min(unknown)!r}")
    values = {name: getattr(value, name) for name in record_fields(value)}
    return type(value)(**{**values, **changes})


def _fields(cls: type) -> list[tuple[str, Field]]:
    for base in cls.__mro__[1:]:
        if "__record_fields__" in base.__dict__:
            raise TypeError(f"{cls.__name__}: a record cannot derive from record {base.__name__}")
    specs = []
    for name, annotation in vars(cls).get("__annotations__", {}).items():
        if "ClassVar" in str(annotation):
            continue
        value = cls.__dict__.get(name, _MISSING)
        if isinstance(value, Field):
            spec = value
            if value.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, value.default)
        else:
            spec = Field(value, _MISSING, True, True)
        specs.append((name, spec))
    return specs


def _build(cls: type[_T], frozen: bool, order: bool) -> type[_T]:
    specs = _fields(cls)
    names = tuple(name for name, _ in specs)
    key = _key([name for name, spec in specs if spec.compare])
    shown = [name for name, spec in specs if spec.repr]
    methods: dict[str, Any] = {"__init__": _init(cls, specs, frozen)}

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{type(self).__qualname__}({inner})"

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    methods.update(__repr__=__repr__, __eq__=__eq__)
    if frozen:
        methods.update(__setattr__=_refuse_setattr, __delattr__=_refuse_delattr)
    for name, function in methods.items():
        if name not in cls.__dict__:
            _attach(cls, name, function)
    # a class body that defines __eq__ gets `__hash__ = None` from Python: not its own choice
    own_hash = "__hash__" in cls.__dict__ and not (
        cls.__dict__["__hash__"] is None and "__eq__" in cls.__dict__
    )
    if not own_hash:
        if frozen:
            _attach(cls, "__hash__", lambda self: hash(key(self)))
        else:
            cls.__hash__ = None  # type: ignore[assignment]  # mutable and compared: unhashable
    if order:
        for method, compare in _COMPARISONS:
            _attach(cls, method, _comparison(key, compare))
    cls.__record_fields__ = names  # type: ignore[attr-defined]
    cls.__match_args__ = names  # type: ignore[attr-defined,misc]
    return cls


def _key(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The compared fields of a record as a tuple (`attrgetter` returns a bare value for one)."""
    if len(names) == 1:
        getter = attrgetter(names[0])
        return lambda value: (getter(value),)
    return attrgetter(*names) if names else lambda value: ()


def _comparison(
    key: Callable[[Any], tuple[Any, ...]], compare: Callable[[Any, Any], bool]
) -> Callable[[Any, Any], Any]:
    def method(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compare(key(self), key(other))
        return NotImplemented

    return method


def _init(cls: type, specs: list[tuple[str, Field]], frozen: bool) -> Any:
    """`__init__`, compiled for the class's fields: the one part worth the `exec` (records are
    made by the thousand when a cache is read)."""
    scope: dict[str, Any] = {"_MISSING": _MISSING}
    # a frozen record's fields go straight into its `__dict__` (what `object.__setattr__` would
    # do for these plain attributes, at half the cost: the check makes tens of
    # thousands of them)
    params, body, seen_default = [], ["  _own_dict_ = self.__dict__"] if frozen else [], False
    for name, spec in specs:
        if spec.factory is not _MISSING:
            scope[f"_f_{name}"] = spec.factory
            params.append(f"{name}=_MISSING")
            value = f"_f_{name}() if {name} is _MISSING else {name}"
        elif spec.default is not _MISSING:
            scope[f"_d_{name}"] = spec.default
            params.append(f"{name}=_d_{name}")
            value = name
        elif seen_default:
            raise TypeError(f"{cls.__name__}: field {name!r} without a default follows one with it")
        else:
            params.append(name)
            value = name
        seen_default = seen_default or spec.factory is not _MISSING or spec.default is not _MISSING
        if frozen:
            body.append(f"  _own_dict_[{name!r}] = {value}")
        else:
            body.append(f"  self.{name} = {value}")
    source = "\n".join([f"def __init__(self, {', '.join(params)}):", *body])
    if not params:
        source = "def __init__(self):\n  pass"
    exec(source, scope)  # noqa: S102 - the names are the class's own annotated identifiers
    return scope["__init__"]


def _refuse_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenRecordError(f"cannot assign to field {name!r}")


def _refuse_delattr(self: Any, name: str) -> None:
    raise FrozenRecordError(f"cannot delete field {name!r}")


def _attach(cls: type, name: str, function: Any) -> None:
    function.__qualname__ = f"{cls.__qualname__}.{name}"
    function.__module__ = cls.__module__
    setattr(cls, name, function)
