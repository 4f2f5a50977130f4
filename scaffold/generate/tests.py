"""The test module written with each endpoint, in the project's own test idiom.

With a Sentry-style `APITestCase` in the test utilities (see `pysource/test_idiom.py`) the
module subclasses it, names the route by `endpoint = "<url name>"`, logs in, creates the objects
the route needs from the utilities' fixtures, asserts each method's success status, and a 404
for each lookup given an object that does not exist. An older tree's `APITestCase`, with
`login_as` and fixtures but no such helpers, is subclassed with DRF's client and `reverse()`.
Otherwise it falls back to DRF's `APITestCase` and `reverse()`, with TODOs where the project's
fixtures are unknown.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scaffold.generate.lookup_fields import model_fields
from scaffold.generate.render import ImportSet, first_party
from scaffold.generate.resolve import Lookup, ResolvedEndpoint
from scaffold.generate.templating import render_code
from scaffold.naming import module_name_for, object_name_for, stem_of
from scaffold.project.files import read_source
from scaffold.project.settings import Settings
from scaffold.pysource.classes import Resolver
from scaffold.pysource.test_idiom import TestIdiom, read_test_idiom
from scaffold.records import evolve, record
from scaffold.write.plan import FileChange

SENTRY_TEMPLATE = "test.py.j2"
DRF_TEMPLATE = "drf_test.py.j2"
_DRF_CASE = "rest_framework.test.APITestCase"
_SUCCESS = {"get": 200, "put": 200, "patch": 200, "post": 201, "delete": 204}


@record
class _RouteObject:
    """An object a route argument comes from: `self.<name>`, created in setUp when `create`."""

    name: str
    attribute: str | None  # the attribute the URL value is read from; None: a literal value
    create: str | None  # expression creating it in setUp; None: a fixture of the test case
    missing: str | None  # a URL value naming no object (404 test); None: no 404 test
    todo: str | None = None  # what the user must finish in setUp


def test_module_path(module_path: Path, settings: Settings) -> Path:
    """`<tests>/<package path of the module>/test_<module>.py`, mirroring the module path."""
    relative = module_path.relative_to(settings.src_root)
    tests_dir = settings.tests_dir or settings.project_root / "tests"
    return tests_dir / relative.parent / f"test_{relative.stem}.py"


def project_test_idiom(settings: Settings) -> TestIdiom | None:
    """The target's Sentry-style test idiom, when its test utilities have one."""
    testutils = settings.testutils_dir
    if testutils is None or not testutils.is_dir():
        return None
    try:
        module = settings.module_for(testutils / "__init__.py")
    except ValueError:  # test utilities outside the source root cannot be imported by name
        return None
    return read_test_idiom(testutils, module)


def render_test(
    endpoint: ResolvedEndpoint,
    settings: Settings,
    url_name: str,
    idiom: TestIdiom | None,
    resolver: Resolver | None = None,
) -> str:
    """The test module's source, formatted with black like the endpoint module. `resolver`
    (the command's): reads the models, so an object the base looks up is created under the
    objects before it that its model names (`organization=self.organization`)."""
    imports = ImportSet(first_party=first_party(settings))
    where = endpoint.spec.at("name")
    objects = _route_objects(endpoint, idiom, imports, resolver)
    args = [_argument(obj) for obj in objects]
    context: dict[str, Any] = {
        "class_name": f"{stem_of(endpoint.class_name)}Test",
        "url_name": url_name,
        "annotate": settings.annotations,
        "decorator": "",
        "login": idiom is None or idiom.has("login_as"),
        "objects": [
            {"name": o.name, "create": o.create, "todo": o.todo} for o in objects if o.create
        ],
        "super": (
            "super()"
            if settings.annotations
            else f"super({stem_of(endpoint.class_name)}Test, self)"
        ),
        "args": args,
        "methods": [
            {"method": method, "status": _SUCCESS[method], "first": index == 0}
            for index, method in enumerate(endpoint.spec.methods)
        ],
        "first_method": endpoint.spec.methods[0],
        "missing": [
            {
                "name": obj.name,
                "args": [
                    obj.missing if o is obj else arg for o, arg in zip(objects, args, strict=True)
                ],
            }
            for obj in objects
            if obj.missing is not None
        ],
    }
    if idiom is not None and idiom.helpers:
        context["case_class"] = imports.add(f"{idiom.cases_module}.{idiom.case_class}", where)
        silo = idiom.silo_test_for(endpoint.decorator)
        if silo and idiom.silo_module:
            context["decorator"] = imports.add(f"{idiom.silo_module}.{silo}", where)
        template = SENTRY_TEMPLATE
    else:  # DRF's client: the project's case class and its login when it has them
        case_class = f"{idiom.cases_module}.{idiom.case_class}" if idiom else _DRF_CASE
        context["case_class"] = imports.add(case_class, where)
        context["reverse"] = imports.add(_reverse_path(settings), where)
        get_user_model = "django.contrib.auth.get_user_model"
        context["user_model"] = "" if idiom else imports.add(get_user_model, where)
        template = DRF_TEMPLATE
    context["imports"] = imports.render()
    return render_code(template, context, settings)


def _reverse_path(settings: Settings) -> str:
    """`reverse` where the project's Django has it: a urls.py built with `patterns()` runs on
    Django 1.9 or older, which has no `django.urls` (`django.core.urlresolvers` instead)."""
    try:
        urls = settings.urls_path.read_bytes()
    except OSError:
        urls = b""
    old = re.search(rb"\bpatterns\(", urls) is not None
    return "django.core.urlresolvers.reverse" if old else "django.urls.reverse"


def _route_objects(
    endpoint: ResolvedEndpoint,
    idiom: TestIdiom | None,
    imports: ImportSet,
    resolver: Resolver | None = None,
) -> list[_RouteObject]:
    """One per route parameter, in route order."""
    params = endpoint.spec.route.params
    consumed = {p.name for p in endpoint.base.consumed(params) or ()}
    lookups = {lookup.spec.param: lookup for lookup in endpoint.lookups}
    passthrough = {look.param for look in endpoint.spec.lookups if look.passthrough}
    objects: list[_RouteObject] = []
    for param in params:
        lookup = lookups.get(param.name)
        if param.name in consumed:
            made = _base_object(param.name, endpoint, idiom, imports, objects)
            objects.append(_under_parents(made, endpoint, objects, resolver))
        elif lookup is not None:
            objects.append(_lookup_object(lookup, endpoint, idiom, imports))
        elif param.name in passthrough:
            objects.append(_RouteObject(param.name, None, None, None))
    return objects


def _base_object(
    param: str,
    endpoint: ResolvedEndpoint,
    idiom: TestIdiom | None,
    imports: ImportSet,
    before: list[_RouteObject],
) -> _RouteObject:
    """An object the base class looks up: a fixture of the test case when it has one, else
    the utilities' factory (under the object before it, as a lookup's)."""
    name = _injected_name(param, endpoint, idiom)
    attribute = "id" if param.endswith("_id") else "slug"
    if idiom is not None and idiom.has(name):
        return _RouteObject(name, attribute, None, None)
    model = endpoint.base.injected_types.get(name)
    parent = next((o.name for o in reversed(before) if o.attribute is not None), None)
    factory = _factory(idiom, name, parent, model)
    if factory is not None:
        argument = f"{parent}=self.{parent}" if parent else ""
        return _RouteObject(name, attribute, f"self.create_{factory}({argument})", None)
    where = endpoint.spec.at("base")
    create = f"{imports.add(model, where)}.objects.create()" if model else "None"
    return _RouteObject(name, attribute, create, None, f"create the {name} the route needs")


def _under_parents(
    made: _RouteObject,
    endpoint: ResolvedEndpoint,
    before: list[_RouteObject],
    resolver: Resolver | None,
) -> _RouteObject:
    """A base's object made with `Model.objects.create()`, given the objects before it that
    its model provably declares as fields (`Dashboard.objects.create(organization=...)`)."""
    model, create = endpoint.base.injected_types.get(made.name), made.create or ""
    if resolver is None or model is None or not create.endswith(".objects.create()"):
        return made
    fields = model_fields(resolver, model) or frozenset()
    given = [f"{o.name}=self.{o.name}" for o in before if o.attribute and o.name in fields]
    if not given:
        return made
    create = f"{create[: -len('()')]}({', '.join(given)})"
    return evolve(made, create=create, todo=f"set the other fields {made.name} requires")


def _injected_name(param: str, endpoint: ResolvedEndpoint, idiom: TestIdiom | None) -> str:
    """The object the base injects for a parameter: `organization` for `organization_slug`;
    for `issue_id`, which `GroupEndpoint` turns into `group`, the one injected name no
    parameter is named after, when that parameter is the one left with neither an injected
    object nor a fixture of its own name (`organization_slug`, which GroupEndpoint only checks
    the group against, takes the utilities' `self.organization`)."""
    name = object_name_for(param)
    injects = endpoint.base.injects
    if name in injects or (idiom is not None and idiom.has(name)):
        return name
    taken = [
        object_name_for(p.name) for p in endpoint.base.consumed(endpoint.spec.route.params) or ()
    ]
    unmatched = [injected for injected in injects if injected not in taken]
    left = [n for n in taken if n not in injects and not (idiom is not None and idiom.has(n))]
    return unmatched[0] if len(unmatched) == 1 and left == [name] else name


def _lookup_object(
    lookup: Lookup, endpoint: ResolvedEndpoint, idiom: TestIdiom | None, imports: ImportSet
) -> _RouteObject:
    """An object the endpoint's convert_args looks up: made in setUp, scoped by its parent."""
    look = lookup.spec
    parent = _parent_name(lookup.parent_expr)
    attribute = look.field if not look.id_or_slug else "slug" if look.field == "id" else look.field
    numeric = look.id_or_slug or look.field == "id"
    missing = '"0"' if numeric else f'"no-such-{look.name.replace("_", "-")}"'
    factory = _factory(idiom, look.name, parent, lookup.model)
    if factory is not None:
        argument = f"{parent}=self.{parent}" if parent else ""
        return _RouteObject(look.name, attribute, f"self.create_{factory}({argument})", missing)
    model = imports.add(lookup.model, endpoint.spec.at("lookups", look.param, "model"))
    argument = f"{lookup.parent_field}=self.{parent}.id" if parent else ""
    create = f"{model}.objects.create({argument})"
    return _RouteObject(look.name, attribute, create, missing, "set the fields the model requires")


def _factory(
    idiom: TestIdiom | None, name: str, parent: str | None, model: str | None
) -> str | None:
    """The utilities' factory for an object, without its `create_`: `create_rule`, or as
    Sentry's name it, `create_project_rule` (parent and object, or parent and model: a `gizmo`
    looked up as a Rule) or `create_project_key` (the model, for ProjectKey)."""
    if idiom is None:
        return None
    model_name = module_name_for(model.rpartition(".")[2]) if model else ""
    names = [
        name,
        f"{parent}_{name}" if parent else "",
        model_name,
        f"{parent}_{model_name}" if parent and model_name else "",
    ]
    return next((n for n in names if n and idiom.has(f"create_{n}")), None)


def _parent_name(parent_expr: str | None) -> str | None:
    """`kwargs["project"]` -> project; `widget` -> widget."""
    if parent_expr is None:
        return None
    if parent_expr.startswith('kwargs["'):
        return parent_expr[len('kwargs["') : -len('"]')]
    return parent_expr


def _argument(obj: _RouteObject) -> str:
    if obj.attribute is None:
        return f'"{obj.name}"'
    return f"self.{obj.name}.{obj.attribute}"


def plan_test(
    endpoint: ResolvedEndpoint,
    settings: Settings,
    url_name: str,
    idiom: TestIdiom | None,
    replace: bool,
    resolver: Resolver | None = None,
) -> tuple[FileChange | None, str]:
    """The test module's change (None: keep what is there) and the line saying so. An existing
    test module is kept unless `replace` (--force); scaffold never edits a test in place."""
    path = test_module_path(endpoint.module_path, settings)
    rel = settings.relpath(path)
    existing = read_source(path, rel) if path.exists() else None
    if existing is not None and not replace:
        return None, f"keep    {rel}  (exists)"
    text = render_test(endpoint, settings, url_name, idiom, resolver)
    if existing == text:
        return None, f"keep    {rel}  (unchanged)"
    verb = "create " if existing is None else "replace"
    return FileChange(path, existing, text), f"{verb} {rel}  (tests of {endpoint.class_name})"
