"""Expressions of a convert_args body run on abstract values: kwargs reads, pops and
membership tests, short-circuits, `super().convert_args(...)` handed to the chain."""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import Protocol

from scaffold.pysource.flow_dicts import copy_dict, dict_method
from scaffold.pysource.flow_syntax import (
    Unfollowed,
    absent_key,
    holds_dict,
    is_read,
    key_text,
    parent_call,
    truth,
)
from scaffold.pysource.flow_values import (
    ESCAPE,
    NONE,
    UNKNOWN,
    DictRef,
    Joiner,
    Scalar,
    State,
    TupleOf,
    Value,
    escape_of,
)


class Parent(Protocol):
    """Runs the parent convert_args a `super()` call reaches; returns what it returns."""

    def __call__(
        self, runner: ExprRunner, call: ast.Call, skip: int, start: str | None, state: State
    ) -> Value: ...


class ExprRunner:
    """Evaluates expressions against a State, in place; reports KeyErrors met for certain."""

    def __init__(
        self,
        joiner: Joiner,
        new_ref: Callable[[], int],
        parent: Parent,
        missing: list[frozenset[str]],
    ) -> None:
        self.joiner = joiner
        self.new_ref = new_ref
        self.parent = parent
        self.missing = missing
        self._alternatives: list[str] = []  # keys an `or` chain already found absent
        self.owner = 0  # the MRO index of the class whose body runs: named in escape marks

    def escape(self, value: Value, why: str, line: int, st: State) -> None:
        """Mark every dict `value` holds as gone where its keys are no longer known."""
        if isinstance(value, DictRef):
            st.heap.setdefault(value.ref, {})[f"{ESCAPE}{self.owner}:{line}:{why}"] = (
                False,
                UNKNOWN,
            )
        elif isinstance(value, TupleOf):
            for item in value.items or ():
                self.escape(item, why, line, st)

    def ev(self, node: ast.expr, st: State) -> Value:
        if isinstance(node, ast.Constant):
            text = node.value if isinstance(node.value, str) else None
            return Scalar(bool(node.value), node.value is None, text)
        if isinstance(node, ast.Name):
            return st.env.get(node.id, UNKNOWN)
        if isinstance(node, (ast.Tuple, ast.List)):
            return self._sequence(node.elts, st)
        if isinstance(node, ast.BoolOp):
            return self._boolop(node.values, isinstance(node.op, ast.Or), st)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            found = truth(self.ev(node.operand, st))
            return Scalar(None if found is None else not found)
        if isinstance(node, ast.IfExp):
            return self._branches(node.test, node.body, node.orelse, st)
        if isinstance(node, ast.Compare):
            return self._compare(node, st)
        if isinstance(node, ast.Call):
            return self._call(node, st)
        if isinstance(node, ast.Subscript):
            base = self.ev(node.value, st)
            key = node.slice
            index = key.value if isinstance(key, ast.Constant) else None
            read = key_text(self.ev(key, st))
            if isinstance(base, DictRef) and read is not None:
                return self.access(base, read, st, raises=True, pops=False)
            items = base.items if isinstance(base, TupleOf) else None
            if items is not None and isinstance(index, int) and -len(items) <= index < len(items):
                return items[index]
            return UNKNOWN
        if isinstance(node, ast.Dict):
            return self._dict(node, st)
        if isinstance(node, ast.NamedExpr):
            st.env[node.target.id] = value = self.ev(node.value, st)
            return value
        if isinstance(
            node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
        ):
            self._closed(node, st)
            return UNKNOWN
        if isinstance(node, ast.Attribute):
            owner = self.ev(node.value, st)
            if isinstance(owner, DictRef):
                self.escape(
                    owner, f"uses kwargs.{node.attr} other than by calling it", node.lineno, st
                )
            return UNKNOWN
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.expr):
                self.ev(child, st)
        return UNKNOWN

    def access(self, found: DictRef, key: str, st: State, raises: bool, pops: bool) -> Value:
        """`kwargs[key]` (raises), `kwargs.get(key)`, `kwargs.pop(key)`; None is the default."""
        keys = st.heap.setdefault(found.ref, {})
        entry = keys.get(key)
        if escape_of(keys) is not None:  # a call may have added or removed it
            keys.pop(key, None) if pops else None
            return UNKNOWN
        if pops:
            keys.pop(key, None)
        elif entry is not None and raises:
            keys[key] = (True, entry[1])  # it was there, or the path ended
        if entry is None:
            if raises:
                if st.certain:
                    self.missing.append(frozenset({key, *self._alternatives}))
                st.dead = True
                return UNKNOWN
            return NONE
        present, value = entry
        if present or raises:
            return value
        return self.joiner.value(value, NONE, st.heap, st.heap)

    def _sequence(self, elts: list[ast.expr], st: State) -> Value:
        items: list[Value] | None = []
        for elt in elts:
            value = self.ev(elt.value if isinstance(elt, ast.Starred) else elt, st)
            if not isinstance(elt, ast.Starred):
                items = None if items is None else [*items, value]
            elif isinstance(value, TupleOf) and value.items is not None and items is not None:
                items += value.items
            else:
                items = None
        return TupleOf(None if items is None else tuple(items))

    def merge_into(self, st: State, other: State, restore: bool) -> None:
        """`st` becomes the join of itself and `other` (its certainty kept when `restore`)."""
        certain = st.certain
        joined = self.joiner.states(st, other)
        st.env, st.heap, st.dead = joined.env, joined.heap, st.dead and other.dead
        st.certain = certain if restore else joined.certain

    def _boolop(self, values: list[ast.expr], is_or: bool, st: State) -> Value:
        first = self.ev(values[0], st)
        if len(values) == 1:
            return first
        found = truth(first)
        if found is is_or:
            return first  # short-circuits
        absent = absent_key(values[0]) if is_or else None
        self._alternatives += [absent] if absent else []
        try:
            if found is (not is_or):
                return self._boolop(values[1:], is_or, st)
            rest = st.copy()
            rest.certain = False
            later = self._boolop(values[1:], is_or, rest)
        finally:
            del self._alternatives[len(self._alternatives) - (1 if absent else 0) :]
        if rest.dead:
            return first
        heap = rest.heap
        self.merge_into(st, rest, restore=True)
        return self.joiner.value(first, later, st.heap, heap)

    def _branches(self, test: ast.expr, body: ast.expr, orelse: ast.expr, st: State) -> Value:
        found = truth(self.ev(test, st))
        if found is not None:
            return self.ev(body if found else orelse, st)
        other = st.copy()
        certain, st.certain, other.certain = st.certain, False, False
        value, other_value = self.ev(body, st), self.ev(orelse, other)
        heap = other.heap
        self.merge_into(st, other, restore=False)
        st.certain = certain
        return self.joiner.value(value, other_value, st.heap, heap)

    def _compare(self, node: ast.Compare, st: State) -> Value:
        left = self.ev(node.left, st)
        rights = [self.ev(c, st) for c in node.comparators]
        if len(node.ops) != 1:
            return UNKNOWN
        op, right = node.ops[0], rights[0]
        if isinstance(op, (ast.In, ast.NotIn)) and isinstance(right, DictRef):
            text = key_text(left)
            if text is not None:
                keys = st.heap.get(right.ref, {})
                if escape_of(keys) is not None:
                    return UNKNOWN
                entry = keys.get(text)
                inside = None if entry is not None and not entry[0] else entry is not None
                flip = isinstance(op, ast.NotIn)
                return Scalar(None if inside is None else inside != flip)
            return UNKNOWN
        none_right = isinstance(node.comparators[0], ast.Constant) and right == NONE
        if isinstance(op, (ast.Is, ast.IsNot, ast.Eq, ast.NotEq)) and none_right:
            is_none = left.is_none if isinstance(left, Scalar) else False
            flip = isinstance(op, (ast.IsNot, ast.NotEq))
            return Scalar(None if is_none is None else is_none != flip)
        return UNKNOWN

    def _dict(self, node: ast.Dict, st: State) -> Value:
        keys: dict[str, tuple[bool, Value]] = {}
        known = True
        for key, item in zip(node.keys, node.values, strict=True):
            value = self.ev(item, st)
            if key is None and isinstance(value, DictRef):
                keys.update(st.heap.get(value.ref, {}))
            elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                keys[key.value] = (True, value)
            else:
                known = False
                if key is not None:
                    self.ev(key, st)
        if not known:
            return UNKNOWN
        ref = self.new_ref()
        st.heap[ref] = keys
        return DictRef(ref)

    def _closed(self, node: ast.expr, st: State) -> None:
        """A lambda or comprehension: reads are fine, anything else done with a dict is not."""
        dicts = {name for name, value in st.env.items() if holds_dict(value)}
        for inner in ast.walk(node):
            if not (isinstance(inner, ast.Name) and inner.id in dicts):
                continue
            if isinstance(node, ast.Lambda) or not is_read(node, inner):
                why = "uses kwargs inside a lambda or comprehension"
                self.escape(st.env[inner.id], why, node.lineno, st)

    def _call(self, node: ast.Call, st: State) -> Value:
        parent = parent_call(node)
        if parent is not None:
            return self.parent(self, node, parent[0], parent[1], st)
        func = node.func
        if isinstance(func, ast.Attribute):
            owner = self.ev(func.value, st)
            if isinstance(owner, DictRef):
                return dict_method(self, owner, func.attr, node, st)
            if func.attr == "convert_args":  # not a parent's: self.convert_args again
                raise Unfollowed("calls convert_args on something other than super()", node.lineno)
        else:
            self.ev(func, st)
        values = [self.ev(a.value if isinstance(a, ast.Starred) else a, st) for a in node.args]
        named = [self.ev(k.value, st) for k in node.keywords if k.arg is not None]
        copies = isinstance(func, ast.Name) and func.id == "dict"
        copies = copies and all(k.arg is not None for k in node.keywords)
        single = len(node.args) == 1 and not isinstance(node.args[0], ast.Starred)
        if copies and single and isinstance(values[0], DictRef):
            made = copy_dict(self, values[0], st)  # `dict(kwargs, mode="x")`: a copy, and mode
            for keyword, value in zip(node.keywords, named, strict=True):
                st.heap[made.ref][str(keyword.arg)] = (True, value)
                self.escape(value, "stores kwargs inside another dict", node.lineno, st)
            return made
        passed = [
            v for a, v in zip(node.args, values, strict=True) if not isinstance(a, ast.Starred)
        ]
        for value in [*passed, *named]:
            if holds_dict(value):  # the message (an unparse) only when it is kept
                self.escape(value, f"passes kwargs to {ast.unparse(func)}(...)", node.lineno, st)
        for keyword in node.keywords:
            if keyword.arg is None:
                spread = self.ev(keyword.value, st)
                if isinstance(func, ast.Name) and func.id == "dict" and isinstance(spread, DictRef):
                    return copy_dict(self, spread, st) if len(node.keywords) == 1 else UNKNOWN
        return UNKNOWN
