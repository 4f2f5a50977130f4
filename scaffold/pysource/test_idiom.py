"""The target's own API test idiom, read statically from its test utilities (`testutils/`).

A Sentry-style tree defines `class APITestCase` (in `testutils/cases.py`) with an `endpoint`
and a `method` attribute and `get_success_response` / `get_error_response` helpers, inherits
fixtures (`organization`, `project`, `create_widget(...)`) from classes of the same folder,
and offers silo test decorators (`region_silo_test`) in `testutils/silo.py`. The generator
writes that idiom only when all of it is there, and names only what it found. Trees of 2019-2020
assert with `get_valid_response(status_code=...)` instead. Older ones (2015-2019) have the case
class, `login_as(user)` and fixtures but no helpers: their tests request the reversed URL.
"""

from __future__ import annotations

import ast
from enum import Enum
from pathlib import Path

from scaffold.pysource.kwargs_reads import read_from, status_default
from scaffold.pysource.project_facts import names_ending
from scaffold.records import record

CASE_CLASS = "APITestCase"
_REQUIRED = frozenset({"endpoint", "method", "get_success_response", "get_error_response"})
_VALID = frozenset({"endpoint", "method", "get_valid_response", "get_response"})
_LOGIN = frozenset({"login_as", "user"})  # an older case class: it logs in its own user
_SILO_SUFFIX = "_silo_test"


class Requests(Enum):
    """How the case class's tests send a request and assert its status."""

    SUCCESS_ERROR = "get_success_response"  # and get_error_response (Sentry 2021 on)
    VALID_RESPONSE = "get_valid_response"  # status_code=; a 404 by get_response (2019-2020)
    CLIENT = "client"  # neither: DRF's client and reverse()


@record
class CallSignature:
    """What a call of a method may pass: its parameters by name, those it requires (no default;
    `self` aside), whether it takes `**kwargs`, and the `Class.method` it hands `*args,
    **kwargs` on to (`return Factories.create_release(project=project, *args, **kwargs)`)."""

    named: frozenset[str]
    required: tuple[str, ...] = ()
    var_keyword: bool = False
    hands_on: str | None = None
    passes: frozenset[str] = frozenset()  # what the hand-on call passes by name itself
    # the classes it makes, as written (`File` of `File.objects.create(...)` or `File(...)`):
    # Sentry's `create_file` makes a File, not the ReleaseFile a `file` lookup is
    makes: frozenset[str] = frozenset()
    order: tuple[str, ...] = ()  # its positional parameters, in order
    # how many positional arguments the hand-on call passes (`Factories.create_x(trigger, ...)`
    # gives the target's first parameter): those are given, not required of the caller
    passes_positional: int = 0
    # the keywords its body passes by name, with the test case's fixtures, to the calls it
    # makes (`project_id=` of `Monitor.objects.create(project_id=self.project.id, **kwargs)`): a
    # caller giving one again is a TypeError
    sets: frozenset[str] = frozenset()
    returns: str | None = None  # the class it returns, when its last line says (`return X(...)`)
    keywords: frozenset[str] = frozenset()  # every keyword its body passes by name to a call
    status_default: int | None = None  # what a helper asserts given no status_code (`pop(.., 200)`)


@record
class TestIdiom:
    """The test case class to subclass, what its ancestry offers, and the silo decorators."""

    __test__ = False  # not a pytest test class, despite its name

    cases_module: str  # dotted module defining APITestCase, e.g. sentry.testutils.cases
    case_class: str
    members: frozenset[str]  # attributes, methods and properties over its ancestry
    requests: Requests = Requests.SUCCESS_ERROR
    silo_module: str | None = None
    silo_decorators: tuple[str, ...] = ()
    # each method's call signature (the nearest definition over the ancestry, followed through
    # a hand-on to another class's method of the utilities)
    parameters: tuple[tuple[str, CallSignature], ...] = ()

    def has(self, name: str) -> bool:
        return name in self.members

    def call(self, method: str) -> CallSignature | None:
        """How `method` (`create_release`) may be called, when the utilities define it."""
        return dict(self.parameters).get(method)

    def names_parameter(self, method: str, parameter: str) -> bool:
        """Whether `method` (`create_release`) names `parameter` (`project`) in its signature."""
        found = self.call(method)
        return found is not None and parameter in found.named

    def silo_test_for(self, endpoint_decorator: str | None) -> str | None:
        """`region_silo_endpoint` -> `region_silo_test` when the utilities define it."""
        if endpoint_decorator is None or not endpoint_decorator.endswith("_silo_endpoint"):
            return None
        wanted = endpoint_decorator.removesuffix("_silo_endpoint") + _SILO_SUFFIX
        return wanted if wanted in self.silo_decorators else None


@record
class _ClassFacts:
    bases: tuple[str, ...]
    members: frozenset[str]
    parameters: tuple[tuple[str, CallSignature], ...] = ()


def read_test_idiom(testutils_dir: Path, testutils_module: str) -> TestIdiom | None:
    """The idiom of the `*.py` modules directly in `testutils_dir` (dotted `testutils_module`);
    None when they define no APITestCase with the endpoint/method attributes and the
    success/error (or valid-response) helpers, nor one with `login_as` and a `user` fixture."""
    if not testutils_dir.is_dir():
        return None
    classes: dict[str, _ClassFacts] = {}
    defined_in: dict[str, str] = {}
    silo: tuple[str, tuple[str, ...]] | None = None
    for path in sorted(testutils_dir.glob("*.py")):
        tree = _parse(path)
        if tree is None:
            continue
        module = f"{testutils_module}.{path.stem}" if path.stem != "__init__" else testutils_module
        for node in tree.body:
            if isinstance(node, ast.ClassDef):
                facts = _ClassFacts(
                    tuple(_base_names(node)), frozenset(_members(node)), _parameters(node)
                )
                if node.name not in classes or path.stem == "cases":
                    classes[node.name] = facts
                    defined_in[node.name] = module
        decorators = names_ending(tree, _SILO_SUFFIX)
        if decorators and (silo is None or path.stem == "silo"):
            silo = (module, decorators)
    if CASE_CLASS not in classes:
        return None
    members, parameters = _ancestry_members(CASE_CLASS, classes)
    parameters = {method: _followed(call, classes) for method, call in parameters.items()}
    requests = _requests(members, parameters)
    if requests is Requests.CLIENT and not members >= _LOGIN:
        return None
    return TestIdiom(
        cases_module=defined_in[CASE_CLASS],
        case_class=CASE_CLASS,
        members=frozenset(members),
        requests=requests,
        silo_module=silo[0] if silo else None,
        silo_decorators=silo[1] if silo else (),
        parameters=tuple(sorted(parameters.items())),
    )


def _requests(members: set[str], parameters: dict[str, CallSignature]) -> Requests:
    """The helpers the case class offers: the valid-response pair only when `get_valid_response`
    takes the `status_code` to assert and `get_response` a `method` (Sentry 2019's pop both)."""
    if members >= _REQUIRED:
        return Requests.SUCCESS_ERROR
    valid, response = parameters.get("get_valid_response"), parameters.get("get_response")
    takes = valid and "status_code" in valid.named and response and "method" in response.named
    return Requests.VALID_RESPONSE if members >= _VALID and takes else Requests.CLIENT


def _parse(path: Path) -> ast.Module | None:
    try:
        return ast.parse(path.read_bytes(), filename=str(path))
    except (OSError, SyntaxError, ValueError):
        return None


def _base_names(node: ast.ClassDef) -> list[str]:
    names = []
    for base in node.bases:
        if isinstance(base, ast.Name):
            names.append(base.id)
        elif isinstance(base, ast.Attribute):
            names.append(base.attr)
    return names


def _members(node: ast.ClassDef) -> list[str]:
    names: list[str] = []
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.append(statement.name)
        elif isinstance(statement, ast.Assign):
            names.extend(t.id for t in statement.targets if isinstance(t, ast.Name))
        elif isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names.append(statement.target.id)
    return names


def _parameters(node: ast.ClassDef) -> tuple[tuple[str, CallSignature], ...]:
    """Each method's call signature (`create_release(self, project=None, ...)`)."""
    found = []
    for statement in node.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)):
            found.append((statement.name, _signature(statement)))
    return tuple(found)


def _signature(function: ast.FunctionDef | ast.AsyncFunctionDef) -> CallSignature:
    arguments = function.args
    static = any(getattr(d, "id", None) == "staticmethod" for d in function.decorator_list)
    positional = [*arguments.posonlyargs, *arguments.args][0 if static else 1 :]
    required = [a.arg for a in positional[: len(positional) - len(arguments.defaults)]]
    required += [
        a.arg
        for a, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)
        if default is None
    ]
    named = frozenset(a.arg for a in [*positional, *arguments.kwonlyargs])
    hands_on, passes, given = None, frozenset[str](), 0
    last = function.body[-1] if function.body else None
    call = last.value if isinstance(last, ast.Return) else None
    kwargs = arguments.kwarg.arg if arguments.kwarg else None
    if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute):
        owner = call.func.value
        spread = any(
            k.arg is None and getattr(k.value, "id", None) == kwargs for k in call.keywords
        )
        if isinstance(owner, ast.Name) and owner.id not in ("self", "cls") and spread and kwargs:
            hands_on = f"{owner.id}.{call.func.attr}"
            passes = frozenset(k.arg for k in call.keywords if k.arg)
            starred = [i for i, arg in enumerate(call.args) if isinstance(arg, ast.Starred)]
            given = starred[0] if starred else len(call.args)
    makes = frozenset(made for node in ast.walk(function) if (made := _made(node)))
    named |= read_from(function, kwargs)  # `kwargs.get("project", self.project)` takes it
    order = tuple(a.arg for a in positional)
    calls = [node for node in ast.walk(function) if isinstance(node, ast.Call)]
    sets = frozenset(
        k.arg for call in calls for k in call.keywords if k.arg and _of_the_case(k.value)
    )
    returned = last.value if isinstance(last, ast.Return) else None
    if isinstance(returned, ast.Name):  # `x = X.objects.create(...)` ... `return x`
        bound = [a for a in function.body if isinstance(a, ast.Assign)]
        named_so = [a.value for a in bound if ast.unparse(a.targets[0]) == returned.id]
        returned = named_so[-1] if named_so else None
    returns = _made(returned) if returned is not None else None
    signature = (named, tuple(required), kwargs is not None, hands_on, passes, makes, order)
    keywords = frozenset(k.arg for call in calls for k in call.keywords if k.arg)
    return CallSignature(*signature, given, sets, returns, keywords, status_default(function))


def _of_the_case(value: ast.expr) -> bool:
    """The value reads the test case's own fixtures (`self.project.id`)."""
    return any(getattr(n, "id", None) == "self" for n in ast.walk(value))


def _made(node: ast.AST) -> str | None:
    """`X` of a call `X(...)` or `X.objects.<method>(...)`, X capitalised."""
    func = node.func if isinstance(node, ast.Call) else None
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Attribute):
        manager = func.value
        func = manager.value if manager.attr == "objects" else None
    name = func.id if isinstance(func, ast.Name) else ""
    return name if name[:1].isupper() else None


def _followed(call: CallSignature, classes: dict[str, _ClassFacts]) -> CallSignature:
    """`call` with what its hand-on takes: a `*args, **kwargs` wrapper of
    `Factories.create_x(order, dashboard=None, ...)` requires `order` and takes `dashboard`."""
    owner, _, method = (call.hands_on or "").partition(".")
    facts = classes.get(owner)
    target = dict(facts.parameters).get(method) if facts is not None else None
    if target is None:
        return call
    given = call.named | call.passes | set(target.order[: call.passes_positional])
    return CallSignature(
        call.named | target.named,
        (*call.required, *(name for name in target.required if name not in given)),
        target.var_keyword,
        makes=call.makes | target.makes,
        sets=call.sets | target.sets,
        returns=call.returns or target.returns,
        keywords=call.keywords | target.keywords,
    )


def _ancestry_members(
    name: str, classes: dict[str, _ClassFacts]
) -> tuple[set[str], dict[str, CallSignature]]:
    """Members of `name` and of every base of it defined in the utilities (followed by name),
    and each method's parameters as its nearest definition names them."""
    seen: set[str] = set()
    members: set[str] = set()
    parameters: dict[str, CallSignature] = {}
    pending = [name]
    while pending:
        current = pending.pop()
        facts = classes.get(current)
        if current in seen or facts is None:
            continue
        seen.add(current)
        members |= facts.members
        for method, named in facts.parameters:
            parameters.setdefault(method, named)
        pending.extend(facts.bases)
    return members, parameters
