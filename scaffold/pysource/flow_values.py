"""The abstract values a convert_args body is run on: scalars known truthy or not, tuples of
known length, dicts whose keys are known present, maybe present or absent; states and their joins.
"""

from __future__ import annotations

from collections.abc import Callable

from scaffold.records import field, record


@record
class Scalar:
    """Anything but a followed dict or tuple; what is known of its truth (None: unknown), and
    the string it is where that is known (a literal, a loop's item): a key kwargs can be read by.
    """

    truth: bool | None = None
    is_none: bool | None = None
    text: str | None = None


@record
class DictRef:
    """A dict followed through the body: its keys live in the state's heap under `ref`."""

    ref: int


@record
class TupleOf:
    """A tuple (or list) of known items; `items` None: of unknown length."""

    items: tuple[Value, ...] | None


Value = Scalar | DictRef | TupleOf
UNKNOWN = Scalar()
NONE = Scalar(False, True)
ROUTE_VALUE = Scalar(True, False)  # what Django passes for a named group: a non-empty string

# key -> (present on every path, value); a key starting with ESCAPE marks a dict that went
# where it is not followed (its text after the mark says who and why): its keys are not known
Keys = dict[str, tuple[bool, Value]]
ESCAPE = "\0"


def escape_of(keys: Keys) -> str | None:
    """The mark's text when the dict escaped, else None."""
    return next((key[1:] for key in keys if key.startswith(ESCAPE)), None)


def plain_keys(keys: Keys) -> Keys:
    return {key: entry for key, entry in keys.items() if not key.startswith(ESCAPE)}


@record(frozen=False)
class State:
    """Local names, the dicts they may point at, and whether this point is reached on every
    path the known conditions allow (`certain`): only there does a KeyError prove anything."""

    env: dict[str, Value] = field(default_factory=dict)
    heap: dict[int, Keys] = field(default_factory=dict)
    certain: bool = True
    dead: bool = False  # returned or raised: nothing after this runs

    def copy(self) -> State:
        heap = {ref: dict(keys) for ref, keys in self.heap.items()}
        return State(dict(self.env), heap, self.certain, self.dead)


def route_keys(
    groups: tuple[str, ...], extra: tuple[tuple[str, bool | None, bool | None], ...]
) -> Keys:
    """The kwargs Django passes: a named group is a non-empty string, an extra keyword argument
    what is known of its value (its truth, whether it is None; one given twice, not alike: not
    known)."""
    keys: Keys = {name: (True, ROUTE_VALUE) for name in groups}
    known: dict[str, Value] = {}
    for name, truth, is_none in extra:
        value = Scalar(truth, is_none)
        known[name] = value if known.get(name, value) == value else UNKNOWN
    keys.update((name, (True, value)) for name, value in known.items())
    return keys


def shape(st: State) -> object:
    """What `st` knows of its names and their dicts, whatever numbers the dicts go by."""
    seen: dict[int, int] = {}

    def of(value: Value) -> object:
        if isinstance(value, TupleOf):
            return None if value.items is None else tuple(of(item) for item in value.items)
        if isinstance(value, Scalar):
            return (value.truth, value.is_none, value.text)
        if value.ref in seen:
            return seen[value.ref]
        seen[value.ref] = len(seen)
        keys = st.heap.get(value.ref, {})
        return [(key, present, of(item)) for key, (present, item) in sorted(keys.items())]

    return [(name, of(st.env[name])) for name in sorted(st.env)]


class Joiner:
    """Joins values and states; a join of two different dicts makes a new one (made once per
    pair, so two names aliasing the same pair keep aliasing)."""

    def __init__(self, new_ref: Callable[[], int]) -> None:
        self._new_ref = new_ref
        self._merged: dict[tuple[int, int], int] = {}

    def value(self, a: Value, b: Value, heap: dict[int, Keys], other: dict[int, Keys]) -> Value:
        """`a` (its dicts in `heap`) joined with `b` (its dicts in `other`), written into `heap`."""
        if isinstance(a, Scalar) and isinstance(b, Scalar):
            return Scalar(
                a.truth if a.truth == b.truth else None,
                a.is_none if a.is_none == b.is_none else None,
                a.text if a.text == b.text else None,
            )
        if isinstance(a, TupleOf) and isinstance(b, TupleOf):
            if a.items is None or b.items is None or len(a.items) != len(b.items):
                return TupleOf(None)
            return TupleOf(
                tuple(self.value(x, y, heap, other) for x, y in zip(a.items, b.items, strict=True))
            )
        if isinstance(a, DictRef) and isinstance(b, DictRef):
            if a.ref == b.ref:
                heap[a.ref] = self.keys(heap.get(a.ref, {}), other.get(b.ref, {}), heap, other)
                return a
            pair = (a.ref, b.ref)
            if pair not in self._merged:
                self._merged[pair] = self._new_ref()
                merged = self.keys(heap.get(a.ref, {}), other.get(b.ref, {}), heap, other)
                heap[self._merged[pair]] = merged
            return DictRef(self._merged[pair])
        return UNKNOWN

    def keys(self, a: Keys, b: Keys, heap: dict[int, Keys], other: dict[int, Keys]) -> Keys:
        joined: Keys = {}
        for key in {**a, **b}:
            if key in a and key in b:
                joined[key] = (
                    a[key][0] and b[key][0],
                    self.value(a[key][1], b[key][1], heap, other),
                )
            else:
                joined[key] = (False, a[key][1] if key in a else b[key][1])
        return joined

    def states(self, a: State, b: State) -> State:
        """The state after two paths meet (a dead path adds nothing)."""
        if a.dead:
            return b.copy()
        if b.dead:
            return a.copy()
        joined = a.copy()
        for ref, keys in b.heap.items():
            if ref not in joined.heap:
                joined.heap[ref] = dict(keys)
        for name in set(a.env) | set(b.env):
            if name in a.env and name in b.env:
                joined.env[name] = self.value(a.env[name], b.env[name], joined.heap, b.heap)
            else:
                joined.env[name] = UNKNOWN
        joined.certain = a.certain and b.certain
        return joined
