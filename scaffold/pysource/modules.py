"""One Python module as the reader keeps it: its imports, classes (bases, handlers, owner,
publish_status, convert_args) and other module-level names, parsed from its skeleton
(`module_skeleton.py`)."""

from __future__ import annotations

import ast
import re

from scaffold.pysource.imports import lines_before_stars, nested_bindings, read_imports_at
from scaffold.pysource.method_decorators import (
    WRAPPED_INHERITED,
    class_decorator_texts,
    decorator_paths,
    descriptor_maker,
    method_named,
)
from scaffold.pysource.module_skeleton import skeleton
from scaffold.pysource.scope_names import NamesInScope, dotted_of
from scaffold.pysource.star_binding import AFTER_STARS, UNREAD_ALL, literal_all
from scaffold.pysource.stored_values import declared_model
from scaffold.pysource.top_bindings import base_at, bound_by, keep_last, scope_at, top_bindings
from scaffold.records import evolve, field, record

HTTP_METHODS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")


@record
class Signature:
    """The parameters a function takes after `self, request`."""

    names: tuple[str, ...]
    required: tuple[str, ...]
    var_keyword: bool
    positional: int = 0  # the first `positional` names can also be given positionally
    # what decorates the method, as dotted paths (`method_decorator(X)` as X's); a name the
    # module binds itself as `<module>.<name>`
    decorators: tuple[str, ...] = ()
    # why the method's parameters are not read (None: a plain `def` of the class body): it is
    # bound by an assignment (`get = wrap(get)`) or under a statement (`if X: def get(...)`)
    opaque: str | None = None
    positional_only: int = 0  # the first names are given by position only (before a `/`)
    var_positional: bool = False  # takes `*args`
    returns: str = ""  # the local name of the one type its return annotation names, if any

    @property
    def by_position_only(self) -> tuple[str, ...]:
        return self.names[: self.positional_only]

    def accepts(self, name: str) -> bool:
        """True when a keyword argument `name` can be passed (by name, or into `**kwargs`)."""
        return name in self.names[self.positional_only :] or self.var_keyword


@record(frozen=False)
class ClassInfo:
    """A module-level class, as far as the check needs it."""

    name: str
    line: int  # of the `class` keyword
    first_line: int  # of its first decorator
    base_paths: list[str]  # dotted paths of the bases that name something (`Foo`, `mod.Foo`)
    methods: dict[str, Signature]
    convert_args: ast.FunctionDef | None
    owner: str | None  # the value's last name (`ISSUES` of `ApiOwner.ISSUES`), when assigned
    owns_ps: bool  # the class assigns publish_status
    publish_status: set[str] | None  # upper-case methods listed; None when not a literal dict
    # `http_method_names` when the class body sets it: the methods Django lets through (lower
    # case), ("?",) when not a literal list; None when the class does not set it
    http_methods: tuple[str, ...] | None = None
    # what decorates the class (other than `method_decorator(x, name=...)`), as
    # `method_decorators.class_decorator_texts` writes them
    decorators: tuple[str, ...] = ()


@record(frozen=False)
class ModuleInfo:
    """A module's imports (local name -> dotted target) and module-level classes and lists."""

    module: str
    path_relpath: str
    imports: dict[str, str]
    classes: dict[str, ClassInfo]
    star_imports: list[str] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # every other module-level binding
    star_lines: list[int] = field(default_factory=list)  # of each star import
    # name -> the line of its last binding, for the names a later star import may rebind
    bound_lines: dict[str, int] = field(default_factory=dict)
    exports: list[str] | None = None  # `star_binding.literal_all`: None without `__all__`

    def own(self, name: str) -> tuple[str, int] | None:
        """What the module's own statements bind `name` to (`star_binding.Scope`)."""
        if name in self.imports and name not in self.classes:
            dotted = self.imports[name]
        elif name in self.classes or name in self.names:
            dotted = f"{self.module}.{name}"
        else:
            return None
        return dotted, self.bound_lines.get(name, AFTER_STARS)

    def stars_at(self) -> list[tuple[str, int]]:
        return list(zip(self.star_imports, self.star_lines, strict=True))


# `x["__all__"]`, `x.y[0]['__all__']`: a key read of a value (not of a call's: `globals()[...]`)
_KEY_READ_RE = re.compile(rb"""[\w\]]\[\s*(["'])__all__\1\s*\]""")


def _only_key_reads(data: bytes, read: bytes) -> bool:
    """True when every `__all__` the skeleton blanked is a key read of a value
    (`response.data["errors"]["__all__"]`), which changes no module's `__all__`; anything else a
    body names it by (`globals()["__all__"]`, `setattr(m, "__all__", ...)`, `global __all__`, a
    comment) may, or is not told apart, and leaves the exports unread."""
    blanked = data.count(b"__all__") - read.count(b"__all__")
    keys = len(_KEY_READ_RE.findall(data)) - len(_KEY_READ_RE.findall(read))
    return blanked == keys


def read_module(data: bytes, module: str, relpath: str, is_package: bool) -> ModuleInfo | None:
    """Parse the skeleton of a module (the whole module if the skeleton does not parse)."""
    read = skeleton(data)
    try:
        tree = ast.parse(read)
    except (SyntaxError, ValueError):
        try:
            tree, read = ast.parse(data), data
        except (SyntaxError, ValueError):
            return None
    package = module if is_package else module.rpartition(".")[0]
    imports, stars, star_lines = read_imports_at(tree, package)
    info = ModuleInfo(module, relpath, imports, {}, stars, star_lines=star_lines)
    info.bound_lines = lines_before_stars(tree, star_lines)
    if b"__all__" in data:  # a blanked body naming it other than as a key: not judged
        info.exports = literal_all(tree) if _only_key_reads(data, read) else [UNREAD_ALL]
    order = top_bindings(tree, package, walrus=b":=" in data)
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            info.classes[node.name] = _class_info(node, scope_at(info, order, node.lineno))
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.FunctionDef)):
            targets = node.targets if isinstance(node, ast.Assign) else [node]
            for target in targets:
                if isinstance(target, (ast.Tuple, ast.List)):  # `A, B = make_views()`
                    info.names |= {n.id for n in ast.walk(target) if isinstance(n, ast.Name)}
                name = getattr(target, "id", None) or getattr(target, "name", None)
                if name is None and isinstance(target, ast.AnnAssign):
                    name = getattr(target.target, "id", None)
                if name:
                    info.names.add(name)
    info.names |= nested_bindings(tree) - set(info.classes) - set(info.imports)
    keep_last(info, order)
    for node in tree.body:  # `Base = OtherEndpoint`: another name for it, as `import ... as`
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        if isinstance(target, ast.Name) and target.id not in info.classes:
            aliased = dotted_of(node.value, info)
            if aliased is not None:
                info.imports[target.id] = aliased
            else:
                info.imports.pop(target.id, None)  # rebound to something else
    for node in tree.body:  # once every class is known: a base may be defined below its user
        if isinstance(node, ast.ClassDef) and node.name in info.classes:
            paths = (base_at(base, info, order, node.lineno) for base in node.bases)
            info.classes[node.name].base_paths = [path for path in paths if path]
    return info


def _class_info(node: ast.ClassDef, scope: NamesInScope) -> ClassInfo:
    methods: dict[str, Signature] = {}
    convert_args = None
    owner: str | None = None
    owns_ps = False
    publish_status: set[str] | None = None
    http_methods: tuple[str, ...] | None = None
    for stmt in node.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            static = any(getattr(d, "id", None) == "staticmethod" for d in stmt.decorator_list)
            methods[stmt.name] = _signature(
                stmt.args, decorator_paths(stmt.decorator_list, scope), static, stmt.returns
            )
            made = descriptor_maker(stmt.decorator_list)
            if made is not None:  # `@property def get(self): return show`: show is called
                why = f"{stmt.name} is a {made}: the handler is what its getter returns"
                methods[stmt.name] = evolve(methods[stmt.name], opaque=why)
            if stmt.name == "convert_args" and isinstance(stmt, ast.FunctionDef):
                convert_args = stmt
        elif isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            value = stmt.value
            for name in names & _CALLED_BY_NAME:
                methods[name] = _assigned(name, value, methods)
                if name == "convert_args":
                    convert_args = None
            if "http_method_names" in names:
                http_methods = _literal_strings(value)
            if "owner" in names and value is not None:
                owner = getattr(value, "attr", None) or getattr(value, "id", None) or "?"
            if "publish_status" in names:
                owns_ps = True
                keys = value.keys if isinstance(value, ast.Dict) else None
                publish_status = (
                    {
                        k.value.upper()
                        for k in keys
                        if isinstance(k, ast.Constant) and isinstance(k.value, str)
                    }
                    if keys is not None and all(isinstance(k, ast.Constant) for k in keys)
                    else None
                )
        else:  # `if X: def get(...)`, `try: ... except: get = ...`: bound, but not read
            for name in bound_by(stmt) & _CALLED_BY_NAME:
                methods[name] = Signature((), (), True, opaque=f"{name} is bound {_UNDER}")
                if name == "convert_args":
                    convert_args = None
    for decorator in node.decorator_list:  # `@method_decorator(x, name="get")` on the class
        wrapped = method_named(decorator)
        if wrapped is not None and wrapped in _CALLED_BY_NAME:
            given = decorator_paths([decorator], scope)
            own = methods.get(wrapped)
            methods[wrapped] = (
                evolve(own, decorators=(*own.decorators, *given))
                if own is not None
                else Signature((), (), True, decorators=given, opaque=f"{wrapped} is {_WRAPPED}")
            )
    first = min([d.lineno for d in node.decorator_list] + [node.lineno])
    return ClassInfo(
        node.name,
        node.lineno,
        first,
        [],
        methods,
        convert_args,
        owner,
        owns_ps,
        publish_status,
        http_methods,
        class_decorator_texts(node.decorator_list, scope),
    )


# the methods Django and DRF call by name on a view: what binds them decides what runs
_CALLED_BY_NAME = frozenset({*HTTP_METHODS, "convert_args", "dispatch"})
_UNDER = "inside a statement of the class body, not by a plain def"
_WRAPPED = WRAPPED_INHERITED


def _literal_strings(value: ast.expr | None) -> tuple[str, ...]:
    """`["get", "head"]` -> ("get", "head"), as written; ("?",) for anything but strings."""
    items = value.elts if isinstance(value, (ast.List, ast.Tuple)) else [value]
    texts = [i.value for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
    return tuple(texts) if len(texts) == len(items) else ("?",)  # "GET" lets nothing through


def _assigned(name: str, value: ast.expr | None, methods: dict[str, Signature]) -> Signature:
    """`put = post` takes post's parameters; any other value is not read."""
    if isinstance(value, ast.Name) and value.id in methods:
        return methods[value.id]
    shown = ast.unparse(value) if value is not None else "an annotation"
    return Signature((), (), True, opaque=f"{name} is assigned ({name} = {shown})")


def _signature(
    args: ast.arguments,
    decorators: tuple[str, ...] = (),
    static: bool = False,
    returns: ast.expr | None = None,
) -> Signature:
    positional = [*args.posonlyargs, *args.args]
    skip = min(1 if static else 2, len(positional))  # (self,) request
    named = positional[skip:]
    defaults_from = len(positional) - len(args.defaults)
    required = [a.arg for i, a in enumerate(positional) if i >= skip and i < defaults_from]
    required += [a.arg for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is None]
    return Signature(
        names=tuple(a.arg for a in [*named, *args.kwonlyargs]),
        required=tuple(required),
        var_keyword=args.kwarg is not None,
        positional=len(named),
        decorators=decorators,
        positional_only=max(0, len(args.posonlyargs) - skip),
        var_positional=args.vararg is not None,
        returns=declared_model(returns) if returns is not None else "",
    )


def signature_of(args: ast.arguments) -> Signature:
    """A function's parameters after `self, request`, as a handler's are read."""
    return _signature(args)
