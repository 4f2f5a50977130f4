"""Statements of a convert_args body run on abstract values: branches decided where the
condition is known (a route parameter's presence), joined where it is not; returns collected."""

from __future__ import annotations

import ast

from scaffold.pysource.flow_dicts import merge_in
from scaffold.pysource.flow_expr import ExprRunner
from scaffold.pysource.flow_syntax import Unfollowed, key_text, truth
from scaffold.pysource.flow_values import UNKNOWN, DictRef, Scalar, State, TupleOf, Value, shape
from scaffold.pysource.scope_names import NamesInScope, dotted_of

_ROUNDS = 4  # a loop still changing what is known after this many rounds is not followed
_UNROLLED = 32  # a loop over a literal tuple of at most this many keys is run round by round
_IGNORED = (ast.Pass, ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal)


class BodyRunner(ExprRunner):
    """Runs one function body; `outcomes` collects (returned value, state at the return)."""

    outcomes: list[tuple[Value, State]]
    scope: NamesInScope | None = None  # the module whose convert_args runs: what a `with` names

    def run(self, body: list[ast.stmt], st: State) -> None:
        self.outcomes = []
        end = self.block(body, st)
        if not end.dead:  # falls off the end: returns None, which dispatch cannot unpack
            raise Unfollowed("can end without a return", body[-1].lineno)

    def block(self, stmts: list[ast.stmt], st: State) -> State:
        for stmt in stmts:
            if st.dead:
                break
            returned = len(self.outcomes)
            st = self.stmt(stmt, st)
            if len(self.outcomes) > returned and not st.dead:
                st.certain = False  # it returned on some path: what follows is reached on others
        return st

    def stmt(self, node: ast.stmt, st: State) -> State:
        if isinstance(node, ast.Expr):
            self.ev(node.value, st)
        elif isinstance(node, ast.Assign):
            value = self.ev(node.value, st)
            for target in node.targets:
                self.assign(target, value, st)
        elif isinstance(node, ast.AnnAssign):
            if node.value is not None:
                self.assign(node.target, self.ev(node.value, st), st)
        elif isinstance(node, ast.AugAssign):
            found = st.env.get(node.target.id) if isinstance(node.target, ast.Name) else None
            if isinstance(found, DictRef) and isinstance(node.op, ast.BitOr):
                merge_in(self, found, self.ev(node.value, st), node.lineno, st)
                return st  # in place: every name for the dict sees the keys
            if isinstance(node.target, ast.Subscript):
                self.ev(ast.Subscript(node.target.value, node.target.slice, ast.Load()), st)
            self.ev(node.value, st)
            self.assign(node.target, UNKNOWN, st)
        elif isinstance(node, ast.Return):
            value = self.ev(node.value, st) if node.value is not None else UNKNOWN
            if not st.dead:
                self.outcomes.append((value, st.copy()))
            st.dead = True
        elif isinstance(node, ast.Raise):
            if node.exc is not None:
                self.ev(node.exc, st)
            st.dead = True
        elif isinstance(node, ast.If):
            return self._if(node, st)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            return self._with(node, st)
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            return self._loop(node, st)
        elif isinstance(node, ast.Try):
            return self._try(node, st)
        elif isinstance(node, ast.Delete):
            for target in node.targets:
                self._delete(target, st)
        elif isinstance(node, ast.Assert):
            self.ev(node.test, st)
        elif isinstance(node, (ast.Break, ast.Continue)):
            pass  # the loop's join already allows for any number of rounds
        elif not isinstance(node, _IGNORED):
            self._opaque(node, st)
        return st

    def assign(self, target: ast.expr, value: Value, st: State) -> None:
        if isinstance(target, ast.Name):
            st.env[target.id] = value
        elif isinstance(target, (ast.Tuple, ast.List)):
            items = value.items if isinstance(value, TupleOf) else None
            plain = not any(isinstance(t, ast.Starred) for t in target.elts)
            if items is not None and plain and len(items) == len(target.elts):
                for inner, item in zip(target.elts, items, strict=True):
                    self.assign(inner, item, st)
            else:
                for inner in target.elts:
                    self.assign(inner, UNKNOWN, st)
        elif isinstance(target, ast.Starred):
            self.assign(target.value, TupleOf(None), st)
        elif isinstance(target, ast.Subscript):
            base = self.ev(target.value, st)
            key = key_text(self.ev(target.slice, st))
            if isinstance(base, DictRef):
                if key is None:
                    why = "stores kwargs[...] under a key not known here"
                    self.escape(base, why, target.lineno, st)
                else:
                    st.heap.setdefault(base.ref, {})[key] = (True, value)
                self.escape(value, "stores kwargs inside another dict", target.lineno, st)
            else:
                self.escape(value, "stores kwargs inside another object", target.lineno, st)
        elif isinstance(target, ast.Attribute):
            self.ev(target.value, st)
            self.escape(value, "stores kwargs on an object", target.lineno, st)

    def _delete(self, target: ast.expr, st: State) -> None:
        if isinstance(target, ast.Subscript):
            base = self.ev(target.value, st)
            key = key_text(self.ev(target.slice, st))
            if isinstance(base, DictRef):
                if key is not None:
                    self.access(base, key, st, raises=True, pops=True)
                    return
                why = "deletes kwargs[...] under a key not known here"
                self.escape(base, why, target.lineno, st)
        elif isinstance(target, ast.Name):
            st.env.pop(target.id, None)

    def _if(self, node: ast.If, st: State) -> State:
        found = truth(self.ev(node.test, st))
        if st.dead:
            return st
        if found is not None:
            return self.block(node.body if found else node.orelse, st)
        other = st.copy()
        certain, st.certain, other.certain = st.certain, False, False
        st = self.block(node.body, st)
        other = self.block(node.orelse, other)
        self.merge_into(st, other, restore=False)
        st.certain = certain
        return st

    def _loop(self, node: ast.For | ast.AsyncFor | ast.While, st: State) -> State:
        if isinstance(node, ast.While):
            self.ev(node.test, st)
        else:
            self.ev(node.iter, st)
        keys = _literal_keys(node) if isinstance(node, ast.For) else None
        if isinstance(node, ast.For) and keys is not None:  # `for key in ("a", "b"): ...`
            for key in keys:  # round by round, each with its key known
                self.assign(node.target, Scalar(bool(key), False, key), st)
                st = self.block(node.body, st)
            return self.block(node.orelse, st)
        returned = len(self.outcomes)
        for _ in range(_ROUNDS):  # rounds joined until one more changes nothing known
            del self.outcomes[returned:]  # the last round's returns cover the earlier ones'
            once = st.copy()
            once.certain = False
            if not isinstance(node, ast.While):
                self.assign(node.target, UNKNOWN, once)
            once = self.block([*node.body, *node.orelse], once)
            before = shape(st)
            self.merge_into(st, once, restore=True)
            if shape(st) == before:
                return st
        raise Unfollowed("runs a loop whose rounds keep changing kwargs", node.lineno)

    def _with(self, node: ast.With | ast.AsyncWith, st: State) -> State:
        for item in node.items:
            self.ev(item.context_expr, st)
            if item.optional_vars is not None:
                self.assign(item.optional_vars, UNKNOWN, st)
        if all(_swallows_nothing(item.context_expr, self.scope) for item in node.items):
            return self.block(node.body, st)
        certain = st.certain
        body = st.copy()
        body.certain = False  # an exception swallowed ends the body anywhere: nothing proven
        body = self.block(node.body, body)
        st.certain = False
        self.merge_into(st, body, restore=False)
        st.certain = certain
        return st

    def _try(self, node: ast.Try, st: State) -> State:
        certain = st.certain
        returned = len(self.outcomes)
        body = st.copy()
        body.certain = False  # anything may raise and be caught: no KeyError proves anything
        body = self.block(node.body, body)
        start = st.copy()
        if not body.dead:
            self.merge_into(start, body, restore=False)
        start.certain = False
        after = self.block(node.orelse, body) if not body.dead else body
        for handler in node.handlers:
            caught = start.copy()
            if handler.name:
                caught.env[handler.name] = UNKNOWN
            self.merge_into(after, self.block(handler.body, caught), restore=False)
        outcomes = self.outcomes[returned:] if node.finalbody else []
        del self.outcomes[len(self.outcomes) - len(outcomes) :]
        for value, at_return in outcomes:  # the finally block runs on each return out of the try
            finish = at_return.copy()
            finish.certain = False
            finish = self.block(node.finalbody, finish)
            if not finish.dead:
                self.outcomes.append((value, finish))
        if not after.dead:
            after.certain = certain
            after = self.block(node.finalbody, after)
        return after

    def _opaque(self, node: ast.stmt, st: State) -> None:
        """A statement not modelled here (a nested def, a match): fine unless it uses kwargs."""
        used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        why = f"uses kwargs in a {type(node).__name__.lower()} statement"
        for name in used & set(st.env):
            self.escape(st.env[name], why, node.lineno, st)
        for name in _bound_names(node):
            st.env[name] = UNKNOWN


# context managers outside the tree whose `__exit__` lets every exception through
_SWALLOW_NOTHING = frozenset(
    {
        "django.db.transaction.atomic",
        "sentry_sdk.configure_scope",
        "sentry_sdk.push_scope",
        "sentry_sdk.start_span",
        "sentry_sdk.start_transaction",
    }
)


def _swallows_nothing(manager: ast.expr, scope: NamesInScope | None) -> bool:
    """The `with` item is one known to let every exception through (Django's
    `transaction.atomic()`, the SDK's spans and scopes). Any other may swallow one and end the
    body anywhere: `contextlib.suppress`, a class of the tree whose `__exit__` may return True,
    a generator manager catching what its `yield` raises, one outside the tree not known."""
    func = manager.func if isinstance(manager, ast.Call) else manager
    return scope is not None and dotted_of(func, scope) in _SWALLOW_NOTHING


def _literal_keys(node: ast.For) -> list[str] | None:
    """The strings a `for` runs over, one round each, when it iterates a literal tuple or list
    of strings and no `break` or `continue` may cut a round short; None for any other loop."""
    items = node.iter
    if not isinstance(items, (ast.Tuple, ast.List)) or len(items.elts) > _UNROLLED:
        return None
    keys = [e.value for e in items.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    if len(keys) != len(items.elts):
        return None
    if any(isinstance(n, (ast.Break, ast.Continue)) for s in node.body for n in ast.walk(s)):
        return None
    return keys


def _bound_names(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    return [
        n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    ]
