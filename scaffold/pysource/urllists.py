"""How a URL module's route lists come to hold what they hold, statement by statement at module
level: written out (`X = [...]`, `patterns('', ...)`), extended (`X += [...]`), appended to,
extended by a written list or inserted into at a literal index. Any other change (a rebinding
to a value the reader does not evaluate, `X.sort()`, `del X[i]`, the list passed to a call,
a change under a module-level `if`, `try`, `with` or loop) leaves the list unsure: not kept as
a list, but the line and why are kept, with the entries it may hold (what it held, what was
added since) for what only asks which classes may be routed. So does any other use of its name
(`urluses.py`: another name for it, `X.pop` in an expression, a walrus, a class body): from that
line; and for good (no later binding makes it known again) a use in code run when called (a
function, lambda, generator: `include(X)` there only holds X, unsure once X is rebound after)
or a module that reaches its own names (`globals()`, `sys.modules`)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from scaffold.pysource.routes import is_patterns_call

if TYPE_CHECKING:
    from scaffold.pysource.urlmodule import UrlModule
    from scaffold.pysource.urluses import Use

_WHERE = {
    ast.If: "under the module-level `if` at line {}",
    ast.Try: "in the module-level `try` at line {}",
    ast.TryStar: "in the module-level `try` at line {}",
    ast.With: "in the module-level `with` at line {}",
    ast.For: "in the module-level loop at line {}",
    ast.While: "in the module-level loop at line {}",
    ast.AsyncFor: "in the module-level loop at line {}",
    ast.AsyncWith: "in the module-level `with` at line {}",
    ast.Match: "under the module-level `match` at line {}",
}
BLOCKS = tuple(_WHERE)  # module-level statements that hold others


def is_list(module: UrlModule, name: str) -> bool:
    """`name` holds a route list, known or unsure."""
    return name in module.lists or name in module.unsure


def unsure(module: UrlModule, name: str, line: int, why: str, added: list[ast.expr]) -> None:
    """The list `name` is no longer known from `line` on (the first such place is kept)."""
    module.defined.add(name)
    held = [*module.lists.pop(name, module.maybe.get(name, [])), *added]
    module.maybe[name] = list({id(entry): entry for entry in held}.values())
    module.unsure.setdefault(name, (line, why))


def list_items(value: ast.expr, module: UrlModule) -> list[ast.expr] | None:
    """The entries `value` holds, when the reader knows them all."""
    if isinstance(value, ast.List):
        return list(value.elts)
    if is_patterns_call(value):
        return list(value.args[1:])
    if isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add):
        left, right = list_items(value.left, module), list_items(value.right, module)
        if left is not None and right is not None:
            return left + right
    if isinstance(value, ast.Name) and value.id in module.lists:
        return list(module.lists[value.id])
    return None


def maybe_items(value: ast.AST, module: UrlModule) -> list[ast.expr]:
    """Every entry `value` may hold: of each written list in it, and each route list it names."""
    found: list[ast.expr] = []
    for node in ast.walk(value):
        if isinstance(node, ast.List) or is_patterns_call(node):
            found += list_items(node, module) or []
        elif isinstance(node, ast.Name) and is_list(module, node.id):
            found += module.lists.get(node.id, module.maybe.get(node.id, []))
    return found


def rebind(module: UrlModule, name: str, value: ast.expr, stmt: ast.stmt) -> None:
    """`name = value` at module level (in `stmt`)."""
    items = list_items(value, module)
    if name in module.held and name not in module.pinned:  # `include(X)` ... `X = ...`
        why = f"`{_short(stmt)}` rebinds it after line {module.held[name]} took it as it was"
        module.pinned[name] = (stmt.lineno, why)
    pin = module.pinned.get(name) or module.pinned.get("*")
    shared = isinstance(stmt, ast.Assign) and len(stmt.targets) > 1 and items is not None
    if shared or isinstance(value, ast.Name) and is_list(module, value.id):
        why = f"`{_short(stmt)}` gives the list another name: changes through one are not followed"
        unsure(module, name, stmt.lineno, why, items or maybe_items(value, module))
    elif pin is not None and (items is not None or is_list(module, name)):
        unsure(module, name, *pin, items or maybe_items(value, module))
    elif items is not None:
        module.lists[name] = items
        module.unsure.pop(name, None)
        module.maybe.pop(name, None)
    elif is_list(module, name):
        why = f"`{_short(stmt)}` rebinds it to a value the reader does not evaluate"
        unsure(module, name, stmt.lineno, why, maybe_items(value, module))


def extend(module: UrlModule, name: str, value: ast.expr, stmt: ast.stmt) -> None:
    """`name += value` at module level (`stmt`)."""
    items = list_items(value, module)
    pin = module.pinned.get(name) or module.pinned.get("*")
    first = not (name in module.defined or name in module.imports or name in module.unsure)
    if items is not None and name in module.lists:
        module.lists[name] = module.lists[name] + items
    elif first and module.starred:
        unsure(module, name, stmt.lineno, _star_why(module), maybe_items(value, module))
    elif first and pin is not None:
        unsure(module, name, *pin, maybe_items(value, module))
    elif items is not None and first:
        module.lists[name] = items  # the first binding (the name was never bound before)
    else:
        why = (
            f"`{_short(stmt)}` adds what the reader does not evaluate"
            if items is None
            else f"`{_short(stmt)}` extends what the reader does not hold as a list"
        )
        unsure(module, name, stmt.lineno, why, maybe_items(value, module))


def held_by_name(module: UrlModule, uses: list[Use]) -> None:
    """Before a statement: the names its `include(X)` and `[*X]` hold as they are then."""
    for name, line, kind, _ in uses:
        if kind == "lazy":
            module.held.setdefault(name, line)


def used(module: UrlModule, stmt: ast.stmt, uses: list[Use]) -> None:
    """After a statement: each list it uses as the reader does not follow is unsure from the
    use; one used by code run later (or through `globals()`...) stays so for good."""
    for name, line, kind, what in uses:
        if kind == "star":
            module.starred = module.starred or (line, what)
            for listed in sorted({*module.lists, *module.unsure}):
                unsure(module, listed, line, f"the star import of {what} may rebind it", [])
        elif kind in ("sticky", "dynamic"):
            why = (
                f"it is {what} by code run when called (a function, lambda or generator), "
                "which may change it at any time after"
                if kind == "sticky"
                else f"the module reaches its own names through {what}: any list may change"
            )
            module.pinned.setdefault(name, (line, why))
            for listed in sorted({*module.lists, *module.unsure} if name == "*" else {name}):
                if is_list(module, listed):
                    unsure(module, listed, line, why, [])
        elif kind == "escape" and is_list(module, name):
            text = _short(stmt).splitlines()[0]
            text = text if text == _short(stmt) else f"{text} ..."
            why = f"`{text}`: it is {what} there, as the reader does not follow"
            unsure(module, name, line, why, maybe_items(stmt, module))


def changed_by_call(module: UrlModule, call: ast.Call, line: int) -> None:
    """A call at module level: `X.append(entry)`, `X.extend([...])`, `X.insert(0, entry)` on a
    route list are followed; any other method of one, or one passed to a function (`f(X)`),
    leaves it unsure (a list passed to a route list's method is only read)."""
    owner = _method_owner(call)
    if owner is not None and is_list(module, owner):
        items = module.lists.get(owner)
        changed = _followed(call.func.attr, call, items, module)  # type: ignore[attr-defined]
        if changed is not None:
            module.lists[owner] = changed
        else:
            why = f"`{_short(call)}` changes it in a way the reader does not follow"
            unsure(module, owner, line, why, maybe_items(call, module))
        return
    method = call.func.attr if isinstance(call.func, ast.Attribute) else None
    if owner and method in ("append", "extend", "insert") and _star_bound(module, owner):
        unsure(module, owner, line, _star_why(module), maybe_items(call, module))
    for name in sorted(_passed(call)):
        if is_list(module, name):
            why = f"it is passed to `{_short(call)}`, which may change it"
            unsure(module, name, line, why, [])


def _star_bound(module: UrlModule, name: str) -> bool:
    """`name` is bound by no statement of the module since a star import, which may bind it."""
    return module.starred is not None and name not in module.defined | module.imports.keys()


def _star_why(module: UrlModule) -> str:
    line, star = module.starred or (0, "")
    return f"the star import of {star} at line {line} may bind it"


def _followed(
    method: str, call: ast.Call, items: list[ast.expr] | None, module: UrlModule
) -> list[ast.expr] | None:
    """The entries after `X.method(...)`, when the reader follows it."""
    args = call.args
    if items is None or call.keywords or any(isinstance(a, ast.Starred) for a in args):
        return None
    if method == "append" and len(args) == 1:
        return [*items, args[0]]
    added = list_items(args[0], module) if method == "extend" and len(args) == 1 else None
    if added is not None:
        return [*items, *added]
    index = _literal_int(args[0]) if method == "insert" and len(args) == 2 else None
    if index is not None:
        changed = list(items)
        changed.insert(index, args[1])
        return changed
    return None


def _literal_int(node: ast.expr) -> int | None:
    try:
        value = ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def changed_in_place(module: UrlModule, stmt: ast.stmt) -> None:
    """`X[i] = ...`, `del X[i]`, `X *= 2`, `Y = X.pop()` at module level, on a route list."""
    targets = stmt.targets if isinstance(stmt, (ast.Assign, ast.Delete)) else []
    names = {n for target in targets for n in _target_names(target, bound=False)}
    if isinstance(stmt, ast.AugAssign) and not isinstance(stmt.op, ast.Add):
        names |= _target_names(stmt.target)
    value = getattr(stmt, "value", None) if not isinstance(stmt, ast.Expr) else None
    names |= {n for node in ast.walk(value) if (n := _method_owner(node))} if value else set()
    for name in sorted(names):
        if is_list(module, name):
            why = f"`{_short(stmt)}` changes it in a way the reader does not follow"
            unsure(module, name, stmt.lineno, why, [])


def changed_in_block(module: UrlModule, block: ast.stmt) -> None:
    """A module-level `if`, `try`, `with` or loop: each route list it binds or changes (and
    `urlpatterns`, even when first bound there) is unsure from the first line that changes it."""
    where = _WHERE[type(block)].format(block.lineno)
    first: dict[str, int] = {}
    for node in ast.walk(block):
        for name in _changed_by(node) if node is not block else ():
            first[name] = min(first.get(name, node.lineno), node.lineno)  # type: ignore[attr-defined]
    added = maybe_items(block, module)
    for name, line in sorted(first.items()):
        if is_list(module, name) or name == "urlpatterns":
            why = (
                f"it is changed {where}: which routes it holds, and in what order, is decided "
                "when the code runs"
            )
            unsure(module, name, line, why, added)


def _changed_by(node: ast.AST) -> set[str]:
    """Names one node binds or changes: assigned (`X = `, `X += `, `X[i] = `, `del X[i]`),
    a method called on (`X.append(...)`), or passed to a call made for its effect (`f(X)`)."""
    if isinstance(node, (ast.Assign, ast.Delete)):
        return {n for target in node.targets for n in _target_names(target)}
    if isinstance(node, (ast.AugAssign, ast.AnnAssign)):
        return _target_names(node.target)
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        return _passed(node.value)
    owner = _method_owner(node)
    return {owner} if owner else set()


def _passed(call: ast.Call) -> set[str]:
    """Names a call made for its effect is passed (`f(X)`, `f(*X)`, `f(key=X)`): it may change
    them; `Y.append(X)`, `Y.extend(X)`, `Y.insert(i, X)` only read them."""
    if isinstance(call.func, ast.Attribute) and call.func.attr in ("append", "extend", "insert"):
        return set()
    passed = [a.value if isinstance(a, ast.Starred) else a for a in call.args]
    passed += [k.value for k in call.keywords]
    return {a.id for a in passed if isinstance(a, ast.Name)}


def _target_names(target: ast.expr, bound: bool = True) -> set[str]:
    """The names an assignment target binds (`bound`) or changes in place (`X[i]`, `X.a`)."""
    if isinstance(target, ast.Name):
        return {target.id} if bound else set()
    if isinstance(target, (ast.Subscript, ast.Attribute)) and isinstance(target.value, ast.Name):
        return {target.value.id}
    if isinstance(target, ast.Starred):
        return _target_names(target.value, bound)
    if isinstance(target, (ast.Tuple, ast.List)):
        return {n for element in target.elts for n in _target_names(element, bound)}
    return set()


def _method_owner(node: ast.AST) -> str | None:
    """`X` of a call `X.method(...)`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        owner = node.func.value
        return owner.id if isinstance(owner, ast.Name) else None
    return None


def _short(node: ast.AST) -> str:
    text = ast.unparse(node)
    return text if len(text) <= 60 else f"{text[:57]}..."
