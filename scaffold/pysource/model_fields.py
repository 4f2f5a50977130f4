"""What a Django model class declares in its body, read statically: the names a lookup may
filter on (`Rule.objects.get(project_id=..., name=...)`), what it makes unique, and its
bases."""

from __future__ import annotations

import ast
import re
from functools import lru_cache

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
    # the sets of names unique for every row, as written (`unique=True`, `primary_key=True`, a
    # one-to-one field, `Meta.unique_together`, a `UniqueConstraint` without a condition);
    # None when the class says it in a way not read here (a name, expressions, `**options`)
    unique: tuple[frozenset[str], ...] | None = ()
    # fields that hold UUIDs (any `...UUIDField`): a URL value that is none must be a 404
    uuid: frozenset[str] = frozenset()
    # the silo its decorator keeps it in (`@control_silo_model`, `@region_silo_only_model`)
    silo: str | None = None


def model_facts(data: bytes, info: ModuleInfo, class_name: str) -> ModelFacts | None:
    """The facts of the module-level class `class_name` in `data` (read as `info`); None when
    the module does not parse, has no such class, or may add fields from outside its body (a
    call of `add_to_class`, `contribute_to_class` or `setattr` outside functions)."""
    tree = _parsed(data)
    if tree is None:
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
    uuid: set[str] = set()
    unique: list[frozenset[str]] | None = _meta_unique(node)
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
        elif kind.endswith("UUIDField"):
            uuid |= assigned
        if unique is not None and _unique_field(getattr(statement, "value", None), kind):
            unique += [frozenset({name}) for name in assigned]
    bases = tuple(
        dotted_of(base, info)
        for base in node.bases
        if not (isinstance(base, ast.Name) and base.id == "object")
    )
    decorators = [_SILO_MODEL_RE.match(_last_name(d)) for d in node.decorator_list]
    silos = {m.group(1) for m in decorators if m}
    return ModelFacts(
        frozenset(names | {f"{name}_id" for name in names}),
        bases,
        frozenset(numeric),
        None if unique is None else tuple(unique),
        frozenset(uuid),
        silos.pop() if len(silos) == 1 else None,
    )


_SILO_MODEL_RE = re.compile(r"^([a-z]+)_silo_(?:only_)?model$")


def _last_name(node: ast.expr) -> str:
    """`x` of `x`, `a.b.x` or `x(...)`."""
    node = node.func if isinstance(node, ast.Call) else node
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


@lru_cache(maxsize=64)
def _parsed(data: bytes) -> ast.Module | None:
    """A model module, parsed once per command: each lookup asks it for its names, numeric and
    UUID fields and unique sets (read only, never changed)."""
    try:
        return ast.parse(data)
    except (SyntaxError, ValueError):
        return None


def _unique_field(value: ast.expr | None, kind: str) -> bool:
    """A field unique by itself: one-to-one, or `unique=`/`primary_key=` anything but a literal
    False, whatever the call (`FlexibleForeignKey(..., unique=True)`); a name or `**options`
    may hold True: taken as unique, which only ever hides a note."""
    if not isinstance(value, ast.Call):
        return False
    if kind.endswith(("OneToOneField", "OneToOneKey")):
        return True
    return any(
        keyword.arg in (None, "unique", "primary_key")
        and not (isinstance(keyword.value, ast.Constant) and not keyword.value.value)
        for keyword in value.keywords
    )


def _meta_unique(node: ast.ClassDef) -> list[frozenset[str]] | None:
    """The unique sets the class's `Meta` declares, or None when one cannot be read."""
    meta = next((n for n in node.body if isinstance(n, ast.ClassDef) and n.name == "Meta"), None)
    found: list[frozenset[str]] = []
    for statement in meta.body if meta is not None else []:
        if not isinstance(statement, ast.Assign) or len(statement.targets) != 1:
            continue
        target = statement.targets[0]
        name = target.id if isinstance(target, ast.Name) else None
        read: list[frozenset[str]] | None = []
        if name == "unique_together":
            read = _together(statement.value)
        elif name == "constraints":
            read = _constraints(statement.value)
        if read is None:
            return None
        found += read
    return found


def _together(value: ast.expr) -> list[frozenset[str]] | None:
    """`("a", "b")` or `(("a", "b"), ...)`, as Django normalises it."""
    try:
        literal = ast.literal_eval(value)
    except ValueError:
        return None
    if not isinstance(literal, (tuple, list)):
        return None
    if all(isinstance(item, str) for item in literal):
        return [frozenset(literal)] if literal else []
    if all(
        isinstance(group, (tuple, list)) and all(isinstance(item, str) for item in group)
        for group in literal
    ):
        return [frozenset(group) for group in literal]
    return None


def _constraints(value: ast.expr) -> list[frozenset[str]] | None:
    """The fields of each `UniqueConstraint(fields=[...])` holding for every row (no
    `condition`); other constraints add nothing."""
    if not isinstance(value, (ast.List, ast.Tuple)):
        return None
    found: list[frozenset[str]] = []
    for element in value.elts:
        if not isinstance(element, ast.Call):
            return None
        if _field_kind(element) != "UniqueConstraint":
            continue
        keywords = {keyword.arg: keyword.value for keyword in element.keywords}
        if element.args or None in keywords or "fields" not in keywords:
            return None  # expressions, or options spread from elsewhere
        if "condition" in keywords:
            continue
        fields = _together(keywords["fields"])
        if fields is None or len(fields) != 1:
            return None
        found += fields
    return found


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
