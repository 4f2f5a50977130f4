"""What kwargs' own methods do to a followed dict: `get` and `pop` read (and take) a key,
`setdefault` stores one where it is absent, `copy` makes a new dict of the same keys, `update`
stores known keys; any other call leaves the dict unfollowed (an escape mark, never a
finding)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from scaffold.pysource.flow_syntax import READ_METHODS, key_text
from scaffold.pysource.flow_values import NONE, UNKNOWN, DictRef, State, Value, escape_of

if TYPE_CHECKING:
    from scaffold.pysource.flow_expr import ExprRunner


def copy_dict(runner: ExprRunner, found: DictRef, st: State) -> DictRef:
    ref = runner.new_ref()
    st.heap[ref] = dict(st.heap.get(found.ref, {}))
    return DictRef(ref)


def dict_method(
    runner: ExprRunner, found: DictRef, method: str, node: ast.Call, st: State
) -> Value:
    args = [runner.ev(a, st) for a in node.args]
    text = key_text(args[0]) if args else None
    plain = text is not None and len(args) <= 2 and not node.keywords
    if method == "setdefault" and plain and text is not None:
        default = args[1] if len(args) == 2 else NONE
        return _setdefault(runner, found, text, default, node.lineno, st)
    if method in ("get", "pop") and plain and text is not None:
        entry = st.heap.get(found.ref, {}).get(text)
        pops = method == "pop"
        value = runner.access(found, text, st, pops and len(args) == 1, pops)
        if len(args) == 1 or (entry is not None and entry[0]):
            return value
        if entry is None:
            return args[1]
        return runner.joiner.value(entry[1], args[1], st.heap, st.heap)
    if method == "get" or method in READ_METHODS:
        return UNKNOWN
    if method == "copy" and not args:
        return copy_dict(runner, found, st)
    if method == "update" and _update(runner, found, node, args, st):
        return NONE
    runner.escape(found, f"calls kwargs.{method}(...)", node.lineno, st)
    return UNKNOWN


def _setdefault(
    runner: ExprRunner, found: DictRef, key: str, default: Value, line: int, st: State
) -> Value:
    """`kwargs.setdefault("x", d)`: x kept where it is present, d stored where it is absent."""
    keys = st.heap.setdefault(found.ref, {})
    if escape_of(keys) is not None:  # a call may have stored it: what it holds is not known
        return UNKNOWN
    entry = keys.get(key)
    if entry is not None and entry[0]:
        return entry[1]
    value = default if entry is None else runner.joiner.value(entry[1], default, st.heap, st.heap)
    keys[key] = (True, value)
    runner.escape(default, "stores kwargs inside another dict", line, st)
    return value


def _update(
    runner: ExprRunner, found: DictRef, node: ast.Call, args: list[Value], st: State
) -> bool:
    """`kwargs.update({"a": x})` or `kwargs.update(a=x)`: each key stored as `kwargs["a"] = x`
    stores it. False, with nothing stored, when a key given is not known here."""
    given: dict[str, Value] = {}
    if node.args and not isinstance(node.args[0], ast.Dict):
        return False  # written out, as the base choice reads it (`pysource/convert_args.py`)
    if args:
        keys = st.heap.get(args[0].ref) if isinstance(args[0], DictRef) else None
        if len(args) > 1 or keys is None or escape_of(keys) is not None:
            return False
        if not all(present for present, _ in keys.values()):
            return False
        given.update((key, value) for key, (_, value) in keys.items())
    for keyword in node.keywords:
        value = runner.ev(keyword.value, st)
        if keyword.arg is None:
            return False
        given[keyword.arg] = value
    stored = st.heap.setdefault(found.ref, {})
    for key, value in given.items():
        stored[key] = (True, value)
        runner.escape(value, "stores kwargs inside another dict", node.lineno, st)
    return True


def merge_in(runner: ExprRunner, found: DictRef, given: Value, line: int, st: State) -> None:
    """`kwargs |= {"a": x}`: kwargs itself (each name for it) gets the keys given; a dict
    whose keys are not all known present leaves kwargs unfollowed."""
    keys = st.heap.get(given.ref) if isinstance(given, DictRef) else None
    if keys is None or escape_of(keys) is not None or not all(p for p, _ in keys.values()):
        runner.escape(found, "merges into kwargs with |= a dict not known here", line, st)
        return
    stored = st.heap.setdefault(found.ref, {})
    for key, (_, value) in list(keys.items()):
        stored[key] = (True, value)
        runner.escape(value, "stores kwargs inside another dict", line, st)
