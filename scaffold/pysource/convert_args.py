"""How URL keyword arguments flow through `convert_args`: consumed, read, required, injected."""

from __future__ import annotations

import ast
from collections.abc import Mapping
from functools import lru_cache

from scaffold.pysource.classes import EndpointClass
from scaffold.pysource.modules import ModuleInfo
from scaffold.pysource.stored_rows import stored_once
from scaffold.pysource.stored_values import kwargs_key, stores
from scaffold.records import field, record

# A base's parameter groups and injected objects, used when its convert_args cannot be read.
KnownBase = tuple[tuple[frozenset[str], ...], tuple[str, ...]]


def kwargs_access(node: ast.AST, kwargs_name: str) -> tuple[str, bool, bool] | None:
    """(name, raises when missing, removes it) for `kwargs["x"]` (load), `kwargs.pop("x"[, d])`
    and `kwargs.get("x"[, d])`; None for anything else."""
    if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
        key = kwargs_key(node, kwargs_name)
        return (key, True, False) if key else None
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in ("pop", "get")
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == kwargs_name
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        pops = node.func.attr == "pop"
        return (node.args[0].value, pops and len(node.args) == 1, pops)
    return None


@record
class MethodFlow:
    """What one convert_args does with its kwargs, read once per method."""

    groups: tuple[frozenset[str], ...]  # URL parameters it takes, in order; each: alternatives
    consumed: frozenset[str]  # signature parameters and kwargs.pop
    read: frozenset[str]  # kwargs.get and kwargs["x"] loads: left in kwargs
    required: tuple[frozenset[str], ...]  # each: at least one of these names must be given
    injected: tuple[str, ...]  # kwargs["obj"] = ..., in order
    # (object, local name of the model it was traced to; "" for an attribute of another value,
    # whose type is not read: `kwargs["organization"] = organization_context.organization`;
    # `self.m` for what the class's method m returns: `kwargs["member"] = self._get_member()`)
    models: tuple[tuple[str, str], ...]
    rewrites: bool  # kwargs.update / clear / setdefault: a flow not followed here
    # (object, the model field it is looked up by from a parameter: `guid=checkin_id`)
    fields: tuple[tuple[str, str], ...] = ()
    # (object, what one store of it stores: `stored_rows.ROW`, `NOT_ROW`, `UNREAD`, or the
    # helper whose returns say: "self._get_member", "get_group_with_redirect[0]"), per store
    kinds: tuple[tuple[str, str], ...] = ()


@record
class ArgsFlow:
    """How URL kwargs flow through a class's convert_args chain to its handlers."""

    consumed: frozenset[str]  # removed before the handlers (signature parameters, kwargs.pop)
    read: frozenset[str]  # looked at (also kwargs.get / kwargs[...]) but left in kwargs
    required: tuple[frozenset[str], ...]  # each: at least one of these names must be given
    injected: frozenset[str]  # objects stored in kwargs for the handlers
    groups: tuple[frozenset[str], ...] = ()  # parameters taken, in route order (parents first)
    injects: tuple[str, ...] = ()  # injected objects in order, parents' first
    injected_types: Mapping[str, str] = field(default_factory=dict, compare=False)
    complete: bool = True  # False: an ancestor outside the tree, or kwargs rewritten
    injected_fields: Mapping[str, str] = field(default_factory=dict, compare=False)
    # injected object -> (what its stores say, `stored_rows.stored_once` of `MethodFlow.kinds`;
    # the dotted path of the class whose convert_args stores it)
    stored_as: Mapping[str, tuple[str, str]] = field(default_factory=dict, compare=False)

    @property
    def passes_on(self) -> frozenset[str]:
        """URL parameters read but left in kwargs: Django passes them on to the handlers."""
        return self.read - self.consumed - self.injected


def class_flow(endpoint: EndpointClass, known: Mapping[str, KnownBase] | None = None) -> ArgsFlow:
    """The flow through every readable convert_args of the MRO, from the root down; `known`
    stands in for a class (by name) whose chain takes and injects nothing readable."""
    groups: list[frozenset[str]] = []
    injects: list[str] = []
    types: dict[str, str] = {}
    fields: dict[str, str] = {}
    unread: set[str] = set()  # stored from a value whose type is not read: no guess by name
    stored_as: dict[str, tuple[str, str]] = {}  # as the stores of the last class storing it say
    consumed: set[str] = set()
    read: set[str] = set()
    required: list[frozenset[str]] = []
    complete = True
    for dotted, info in reversed(endpoint.ancestry):
        if info is None:
            complete = False
            continue
        module = endpoint.modules.get(dotted)
        own = read_convert_args(info.convert_args) if info.convert_args else None
        if own is not None:
            complete = complete and not own.rewrites
            consumed |= own.consumed
            read |= own.read
            required[:0] = own.required  # most derived first, as check reports them
            # what an ancestor injected is no route parameter; what this class takes and hands
            # on under the same name (`kwargs["monitor_slug"] = monitor_slug`) still is
            taken = set(injects) | (set(own.injected) - own.consumed)
            named = set().union(*groups)
            fresh = (names - taken for names in own.groups)
            groups += [names for names in fresh if names and not names & named]
            injects += [obj for obj in own.injected if obj not in injects]
            fields.update(own.fields)
            for obj in own.injected:  # as this class stores it (unread: not as an ancestor)
                stored_as.pop(obj, None)
            stored_as.update((obj, (kind, dotted)) for obj, kind in stored_once(own.kinds).items())
            for obj, local in own.models:
                if local.startswith("self."):  # what a method of the class is declared to return
                    dotted_model = _returned(endpoint, local.removeprefix("self."))
                    types.update({obj: dotted_model} if dotted_model else {})
                    continue
                dotted_model = _imported(local, module) if module and local else None
                if dotted_model:
                    types[obj] = dotted_model
                    unread.discard(obj)
                elif not local:
                    types.pop(obj, None)
                    unread.add(obj)
        if known and not groups and not injects and info.name in known:
            groups, injects = list(known[info.name][0]), list(known[info.name][1])
        for obj in injects:  # `project` -> the `Project` the module imports
            guess = module.imports.get(obj[:1].upper() + obj[1:]) if module else None
            if obj not in types and obj not in unread and guess:
                types[obj] = guess
    injected = set(injects)
    return ArgsFlow(
        consumed=frozenset(consumed),
        read=frozenset(read),
        required=tuple(names for names in required if not names & (injected - consumed)),
        injected=frozenset(injected - consumed),
        groups=tuple(groups),
        injects=tuple(injects),
        injected_types=types,
        complete=complete,
        injected_fields=fields,
        stored_as={obj: kind for obj, kind in stored_as.items() if obj in injected},
    )


def _returned(endpoint: EndpointClass, method: str) -> str | None:
    """The dotted type the first class of the MRO defining `method` declares it returns (None
    for typing's `Any`, which says nothing of it)."""
    for dotted, info in endpoint.ancestry:
        if info is not None and method in info.methods:
            returns, module = info.methods[method].returns, endpoint.modules.get(dotted)
            found = _imported(returns, module) if returns and module else None
            return None if found in _SAYS_NOTHING else found
    return None


_SAYS_NOTHING = frozenset({"typing.Any", "typing_extensions.Any", "builtins.object"})


def _imported(local: str, module: ModuleInfo) -> str | None:
    if local in module.imports:
        return module.imports[local]
    return f"{module.module}.{local}" if local in module.classes else None


@lru_cache(maxsize=4096)  # ast nodes hash by identity; a base's convert_args serves many routes
def read_convert_args(method: ast.FunctionDef) -> MethodFlow:
    """What one convert_args takes from kwargs, leaves there, requires and stores."""
    args = method.args
    positional = [*args.posonlyargs, *args.args][2:]  # after self, request
    defaults_from = len(positional) - len(args.defaults)
    signature = [a.arg for a in [*positional, *args.kwonlyargs]]
    required = [frozenset({a.arg}) for i, a in enumerate(positional) if i < defaults_from]
    groups = [frozenset({name}) for name in signature]
    if args.kwarg is None:
        empty = frozenset[str]()
        return MethodFlow(
            tuple(groups), frozenset(signature), empty, tuple(required), (), (), False
        )
    kwargs_name = args.kwarg.arg
    injected, models, rewrites, fields, kinds = stores(method, kwargs_name, frozenset(signature))
    conditional: set[int] = set()
    for node in ast.walk(method):
        if isinstance(node, ast.If) and kwargs_name in {
            n.id for n in ast.walk(node.test) if isinstance(n, ast.Name)
        }:
            conditional |= {id(n) for n in ast.walk(node)}
    in_chains: set[int] = set()
    for node in ast.walk(method):
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            reads = [(kwargs_access(v, kwargs_name), v) for v in node.values]
            names = frozenset(r[0] for r, _ in reads if r)
            if names - set(injected) and all(names.isdisjoint(g) for g in groups):
                groups.append(names - set(injected))
            if names and all(r for r, _ in reads):
                in_chains |= {id(v) for _, v in reads}
                last = reads[-1][0]
                if last and last[1] and id(node) not in conditional:
                    required.append(names)
    consumed = set(signature)
    read: set[str] = set()
    for node in ast.walk(method):
        found = kwargs_access(node, kwargs_name)
        if found is None or found[0] in injected:
            continue
        name, mandatory, pops = found
        (consumed if pops else read).add(name)
        if not any(name in g for g in groups):
            groups.append(frozenset({name}))
        if mandatory and id(node) not in in_chains and id(node) not in conditional:
            required.append(frozenset({name}))
    return MethodFlow(
        tuple(groups),
        frozenset(consumed),
        frozenset(read),
        tuple(required),
        tuple(injected),
        tuple(models),
        rewrites,
        tuple(fields),
        tuple(kinds),
    )


def _chain(endpoint: EndpointClass, *, root_first: bool) -> list[ast.FunctionDef]:
    """The convert_args the endpoint's ancestry defines, read in the tree."""
    ancestry = reversed(endpoint.ancestry) if root_first else iter(endpoint.ancestry)
    return [info.convert_args for _, info in ancestry if info and info.convert_args]


def features_checked(endpoint: EndpointClass) -> tuple[str, ...]:
    """The literal flags `features.has(...)` is asked in the chain's convert_args, in order."""
    found: list[str] = []
    for method in _chain(endpoint, root_first=True):
        for node in ast.walk(method):
            func = node.func if isinstance(node, ast.Call) else None
            flag = node.args[0] if isinstance(node, ast.Call) and node.args else None
            if (
                isinstance(func, ast.Attribute)
                and func.attr == "has"
                and getattr(func.value, "id", None) == "features"
                and isinstance(flag, ast.Constant)
                and isinstance(flag.value, str)
                and flag.value not in found
            ):
                found.append(flag.value)
    return tuple(found)


def params_matched(endpoint: EndpointClass) -> dict[str, str]:
    """The model field each URL parameter the chain takes by name is matched against, where a
    call passes it as it came (`Environment.objects.get(..., name=environment)`: `name`), most
    derived first; whatever object the base then stores (Sentry's monitor environment base
    stores a MonitorEnvironment found by that Environment)."""
    found: dict[str, str] = {}
    for method in _chain(endpoint, root_first=False):
        taken = {
            a.arg for a in [*method.args.posonlyargs, *method.args.args, *method.args.kwonlyargs]
        }
        for node in ast.walk(method):  # a manager's call: `X.objects.get(...)`, `.filter`
            func = node.func if isinstance(node, ast.Call) else None
            manager = func.value if isinstance(func, ast.Attribute) else None
            if not (isinstance(manager, ast.Attribute) and manager.attr == "objects"):
                continue
            for keyword in node.keywords if isinstance(node, ast.Call) else ():
                value = keyword.value
                if keyword.arg and isinstance(value, ast.Name) and value.id in taken:
                    found.setdefault(value.id, keyword.arg)
    return found
