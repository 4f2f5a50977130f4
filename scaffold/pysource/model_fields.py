"""What a Django model class declares in its body, read statically: the names a lookup may
filter on (`Rule.objects.get(project_id=..., name=...)`), and its bases."""

from __future__ import annotations

import ast

from scaffold.pysource.modules import ModuleInfo
from scaffold.pysource.scope_names import dotted_of
from scaffold.records import record

# calls that add fields from outside a class body's assignments: what they add cannot be read
_ADDING = frozenset({"add_to_class", "contribute_to_class", "setattr"})


@record
class ModelFacts:
    """The names a class assigns in its body (each also with `_id`, as Django names a foreign
    key's column), and each base as a dotted path (None: one that cannot be followed)."""

    names: frozenset[str]
    bases: tuple[str | None, ...]
    # fields that hold integers: `number = models.IntegerField()` (any `...IntegerField` or
    # `...AutoField`), and the `_id` column of a foreign key
    numeric: frozenset[str] = frozenset()


def model_facts(data: bytes, info: ModuleInfo, class_name: str) -> ModelFacts | None:
    """The facts of the module-level class `class_name` in `data` (read as `info`); None when
    the module does not parse, has no such class, or may add fields from outside its body (a
    call of `add_to_class`, `contribute_to_class` or `setattr` outside functions)."""
    try:
        tree = ast.parse(data)
    except (SyntaxError, ValueError):
        return None
    if any(_adds(statement) for statement in tree.body):
        return None
    node = next(
        (n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name), None
    )
    if node is None:
        return None
    names: set[str] = set()
    numeric: set[str] = set()
    for statement in node.body:
        targets: list[ast.expr] = []
        if isinstance(statement, ast.Assign):
            targets = [t for target in statement.targets for t in _flat(target)]
        elif isinstance(statement, ast.AnnAssign):
            targets = [statement.target]
        assigned = {t.id for t in targets if isinstance(t, ast.Name)}
        names |= assigned
        kind = _field_kind(getattr(statement, "value", None))
        if kind.endswith(("IntegerField", "AutoField")):
            numeric |= assigned
        elif kind.endswith(("ForeignKey", "OneToOneField")):
            numeric |= {f"{name}_id" for name in assigned}
    bases = tuple(
        dotted_of(base, info)
        for base in node.bases
        if not (isinstance(base, ast.Name) and base.id == "object")
    )
    return ModelFacts(
        frozenset(names | {f"{name}_id" for name in names}), bases, frozenset(numeric)
    )


def _field_kind(value: ast.expr | None) -> str:
    """`models.IntegerField(...)` -> `IntegerField`; "" for anything but a call."""
    func = value.func if isinstance(value, ast.Call) else None
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _flat(target: ast.expr) -> list[ast.expr]:
    if isinstance(target, (ast.Tuple, ast.List)):
        return [t for element in target.elts for t in _flat(element)]
    return [target]


def _adds(node: ast.AST) -> bool:
    """A call that may add fields, in a statement run at import (not inside a function)."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        return False
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name in _ADDING:
            return True
    return any(_adds(child) for child in ast.iter_child_nodes(node))
