"""What a value `convert_args` stores in kwargs is, read off the method's code: the model it
traces back to, the field it is looked up by, the keys `kwargs.update(...)` writes."""

from __future__ import annotations

import ast

from scaffold.pysource.stored_rows import bound_unpacked, narrowed_names, stored_kind


def looked_up_by(
    value: ast.expr, assigned: dict[str, ast.expr], params: frozenset[str]
) -> str | None:
    """`guid` of `MonitorCheckIn.objects.get(project_id=..., guid=checkin_id)` (or of a name
    assigned it), when one keyword of the call takes a parameter as it came."""
    if isinstance(value, ast.Name) and value.id in assigned:
        value = assigned[value.id]
    if not isinstance(value, ast.Call):
        return None
    taking = [
        k.arg for k in value.keywords if isinstance(k.value, ast.Name) and k.value.id in params
    ]
    return taking[0] if len(taking) == 1 and taking[0] else None


def updated_keys(call: ast.Call) -> list[tuple[str, ast.expr]] | None:
    """What `kwargs.update({"a": x}, b=y)` stores, key and value; None when a key is not
    written out (any other argument, or a `**` spread)."""
    literal = call.args[0] if call.args else ast.Dict(keys=[], values=[])
    if len(call.args) > 1 or not isinstance(literal, ast.Dict):
        return None
    given = []
    for key, value in zip(literal.keys, literal.values, strict=True):
        if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
            return None
        given.append((key.value, value))
    for keyword in call.keywords:
        if keyword.arg is None:
            return None
        given.append((keyword.arg, keyword.value))
    return given


def declared_model(annotation: ast.expr) -> str:
    """`Project` of `project: Project` (or `Project | None`); "" for a union of several types
    or anything else: what the value is, the code itself does not say."""
    kinds = [annotation]
    while isinstance(kinds[0], ast.BinOp) and isinstance(kinds[0].op, ast.BitOr):
        kinds[:1] = [kinds[0].left, kinds[0].right]
    named = [k for k in kinds if not (isinstance(k, ast.Constant) and k.value is None)]
    only = named[0] if len(named) == 1 else None
    return only.id if isinstance(only, ast.Name) and only.id[:1].isupper() else ""


def root_model(value: ast.expr, assigned: dict[str, ast.expr]) -> str | None:
    """Follow `x = Model.objects....get()` back to the local name `Model`; "" for an attribute
    of another value (`summary.organization`: not a `Summary`, of a type unread), and
    `self.m` for what the class's own method `m` returns (`self._get_member(...)`)."""
    whole = True  # `value` is the stored value, or what the name stored holds
    for _ in range(20):
        called = value.func if whole and isinstance(value, ast.Call) else None
        if whole and isinstance(value, ast.Attribute):
            return ""
        if isinstance(called, ast.Attribute) and getattr(called.value, "id", None) == "self":
            return f"self.{called.attr}"
        if isinstance(value, ast.Name):
            if value.id in assigned and assigned[value.id] is not value:
                value = assigned.pop(value.id)
                continue
            return value.id if value.id[:1].isupper() else None
        whole = False
        if isinstance(value, ast.Call):
            value = value.func
        elif isinstance(value, (ast.Attribute, ast.Subscript)):
            value = value.value
        else:
            return None
    return None


def bound_before(
    node: ast.AST, binds: list[ast.Assign | ast.AnnAssign]
) -> tuple[dict[str, ast.expr], dict[str, ast.expr]]:
    """Each name's value (and annotation) as last bound before `node` runs (`binds` in the
    order they run)."""
    assigned: dict[str, ast.expr] = {}
    annotated: dict[str, ast.expr] = {}
    at = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
    for bind in binds:
        if (bind.lineno, bind.col_offset) >= at:
            break
        if isinstance(bind, ast.AnnAssign):
            if isinstance(bind.target, ast.Name):
                assigned[bind.target.id] = annotated[bind.target.id] = bind.annotation
            continue
        for target in bind.targets:
            if isinstance(target, ast.Name):
                assigned[target.id] = bind.value
    return assigned, annotated


def set_default(call: ast.Call) -> list[tuple[str, ast.expr | None]] | None:
    """What `kwargs.setdefault("x", v)` may store, key and value (stored where the route gave
    no `x`); None when the key is not written out."""
    key = call.args[0] if call.args else None
    if call.keywords or len(call.args) > 2 or not isinstance(key, ast.Constant):
        return None
    value = call.args[1] if len(call.args) == 2 else None
    return [(key.value, value)] if isinstance(key.value, str) else None


def kwargs_key(node: ast.AST, kwargs_name: str) -> str | None:
    """`x` for `kwargs["x"]` when `kwargs` is named `kwargs_name`, else None."""
    if (
        isinstance(node, ast.Subscript)
        and isinstance(node.value, ast.Name)
        and node.value.id == kwargs_name
        and isinstance(node.slice, ast.Constant)
        and isinstance(node.slice.value, str)
    ):
        return node.slice.value
    return None


def stores(
    method: ast.FunctionDef, kwargs_name: str, params: frozenset[str]
) -> tuple[list[str], list[tuple[str, str]], bool, list[tuple[str, str]], list[tuple[str, str]]]:
    """Objects stored in kwargs (in order), the model each traces back to, whether kwargs is
    rewritten wholesale, the field each is looked up by from one of `params`, and whether each
    store is a row (`stored_rows.stored_kind`, one per store of an object)."""
    injected: list[str] = []
    kinds: list[tuple[str, str]] = []
    narrowed = narrowed_names(method)
    models: list[tuple[str, str]] = []
    fields: list[tuple[str, str]] = []
    rewrites = False
    binds = sorted(  # in the order they run: one in a `try:` comes before the store after it
        (n for n in ast.walk(method) if isinstance(n, (ast.Assign, ast.AnnAssign))),
        key=lambda n: (n.lineno, n.col_offset),
    )
    for node in ast.walk(method):
        stores: list[tuple[str, ast.expr | None]] = []
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if (
                isinstance(owner, ast.Name)
                and owner.id == kwargs_name
                and node.func.attr in ("update", "clear", "setdefault")
            ):
                given = (
                    updated_keys(node)
                    if node.func.attr == "update"
                    else set_default(node) if node.func.attr == "setdefault" else None
                )
                rewrites = rewrites or given is None
                stores += given or []
        if isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                key = kwargs_key(target, kwargs_name)
                if key is not None:
                    stores.append((key, node.value if isinstance(node, ast.Assign) else None))
        assigned, annotated = bound_before(node, binds) if stores else ({}, {})
        for key, value in stores:
            if value is not None:  # every store: one of them may be no row
                kinds.append((key, stored_kind(value, bound_unpacked(node, binds), narrowed)))
            if key in injected:
                continue
            injected.append(key)
            by = looked_up_by(value, assigned, params) if value is not None else None
            fields += [(key, by)] if by else []
            model = root_model(value, assigned) if value is not None else None
            if isinstance(value, ast.Name) and value.id in annotated:  # as the code declares it
                model = declared_model(annotated[value.id])
            if model:
                models.append((key, model))
            elif isinstance(value, ast.Attribute) or model == "":  # `context.organization`,
                models.append((key, ""))  # `user: RpcUser | User`: of a type unread
    return injected, models, rewrites, fields, kinds
