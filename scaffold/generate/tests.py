"""The test module written with each endpoint, in the project's own test idiom.

With a Sentry-style `APITestCase` in the test utilities (see `pysource/test_idiom.py`) the
module subclasses it, names the route by `endpoint = "<url name>"`, logs in, creates the objects
the route needs from the utilities' fixtures, asserts each method's success status, and a 404
for each lookup given an object that does not exist. Where the case class asserts with
`get_valid_response(status_code=...)` instead (Sentry 2019-2020), the 404 is asked of
`get_response` and asserted, as that era's tests do. An older tree's `APITestCase`, with
`login_as` and fixtures but no such helpers, is subclassed with DRF's client and `reverse()`.
Otherwise it falls back to DRF's `APITestCase` and `reverse()`, with TODOs where the project's
fixtures are unknown.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from scaffold.check.reverse_names import never_reversed
from scaffold.generate.render import ImportSet, bare_super, first_party
from scaffold.generate.resolve import ResolvedEndpoint
from scaffold.generate.route_guard import walked_routes
from scaffold.generate.templating import render_code
from scaffold.generate.test_neighbours import case_class_path, neighbour_tests
from scaffold.generate.test_objects import argument, route_objects
from scaffold.naming import stem_of
from scaffold.project.files import read_source
from scaffold.project.line_length import neighbours_quote
from scaffold.project.settings import Settings
from scaffold.pysource.classes import Resolver
from scaffold.pysource.django_era import urls_before_django_1_10
from scaffold.pysource.test_idiom import Requests, TestIdiom, read_test_idiom
from scaffold.write.plan import FileChange

SENTRY_TEMPLATE = "test.py.j2"
DRF_TEMPLATE = "drf_test.py.j2"
_DRF_CASE = "rest_framework.test.APITestCase"
_SUCCESS = {"get": 200, "put": 200, "patch": 200, "post": 201, "delete": 204}


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
    url_name: str | None,
    idiom: TestIdiom | None,
    resolver: Resolver | None = None,
    urls_text: str | None = None,
) -> str:
    """The test module's source, formatted with black like the endpoint module. `resolver`
    (the command's): reads the models, so an object the base looks up is created under the
    objects before it that its model names (`organization=self.organization`)."""
    imports = ImportSet(first_party=first_party(settings))
    where = endpoint.spec.at("name")
    for name in settings.future_imports_in(endpoint.module_path.parent):  # as the module has
        imports.add(f"__future__.{name}", where)
    objects = route_objects(endpoint, idiom, imports, resolver)
    args = [argument(obj) for obj in objects]
    context: dict[str, Any] = {
        "class_name": f"{stem_of(endpoint.class_name)}Test",
        "url_name": url_name or "",  # "": the route has none
        "annotate": settings.annotations,
        "decorator": "",
        "login": idiom is None or idiom.has("login_as"),
        "objects": [
            {"name": o.name, "create": o.create, "todo": o.todo} for o in objects if o.create
        ],
        "super": (
            "super()"
            if bare_super(settings, endpoint.module_path.parent)
            else f"super({stem_of(endpoint.class_name)}Test, self)"
        ),
        "args": args,
        "methods": _methods(endpoint.spec.methods, args, None),
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
    if idiom is not None and idiom.requests is not Requests.CLIENT:
        context["success_helper"] = idiom.requests.value
        pair = idiom.requests is Requests.SUCCESS_ERROR  # else a 404 is asked of get_response
        context["error_helper"] = "get_error_response" if pair else ""
        tests_root = settings.tests_dir or settings.project_root / "tests"
        folder = test_module_path(endpoint.module_path, settings).parent
        neighbours = neighbour_tests(folder, tests_root, idiom)
        context["case_class"] = imports.add(case_class_path(idiom, neighbours, resolver), where)
        call = idiom.call(idiom.requests.value)
        default = call.status_default if call and neighbours.mostly_leave_out() else None
        context["methods"] = _methods(endpoint.spec.methods, args, default)
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
    flags = endpoint.base.features if idiom is not None and idiom.has("feature") else ()
    context["features"] = _feature_names(flags)
    context["path_format"] = _path_format(endpoint, settings, url_name, urls_text)
    context["permission_todo"] = _permission_todo(endpoint)
    context["imports"] = imports.render()
    folder = test_module_path(endpoint.module_path, settings).parent
    return render_code(template, context, settings, neighbours_quote(sorted(folder.glob("*.py"))))


def _methods(
    methods: tuple[str, ...], args: list[str], default: int | None
) -> list[dict[str, Any]]:
    """Each method's test: its success status, and what its helper call is given (the route's
    objects, `method=` for all but the first, and the status unless it is the helper's
    `default` that the project's tests leave out)."""
    found = []
    for index, method in enumerate(methods):
        status = _SUCCESS[method]
        call = [*args, *([f'method="{method}"'] if index else [])]
        call += [f"status_code={status}"] if status != default else []
        found.append({"method": method, "status": status, "first": not index, "call": call})
    return found


def _feature_names(flags: tuple[str, ...]) -> str:
    """What `self.feature(...)` is given: one flag, or a list of them, as literals."""
    literals = [json.dumps(flag) for flag in flags]
    return literals[0] if len(literals) == 1 else f"[{', '.join(literals)}]" if literals else ""


_PERMITTING = frozenset(  # what the logged-in user of the test passes as it is
    {"rest_framework.permissions.AllowAny", "rest_framework.permissions.IsAuthenticated"}
)


def _permission_todo(endpoint: ResolvedEndpoint) -> str:
    """A TODO for permission classes given in the spec that the test's user may not pass
    (`IsAdminUser`: a 403 on every request); "" for none, AllowAny or IsAuthenticated."""
    asked = [p for p in endpoint.spec.permission_classes if p not in _PERMITTING]
    if not asked:
        return ""
    names = ", ".join(p.rpartition(".")[2] for p in asked)
    return f"give self.user what {names} requires (else every request is a 403)"


def _path_format(
    endpoint: ResolvedEndpoint, settings: Settings, url_name: str | None, urls_text: str | None
) -> str | None:
    """The request path as a literal to `.format(*args)` (`"/api/0/issues/{}/widgets/"`) when
    Django's reverse() can never build `url_name` in urls.py's text `urls_text` (a list
    included under `^(?:issues|groups)/`) or the route has no name (None); None when it can."""
    if url_name is not None:
        if urls_text is None:
            return None
        routes = [r for r in walked_routes(settings, urls_text) if r.name == url_name]
        if not routes or not all(never_reversed(route) for route in routes):
            return None
    tokens = endpoint.spec.route.tokens
    return '"/api/0/' + "".join(t if isinstance(t, str) else "{}" for t in tokens) + '"'


def _reverse_path(settings: Settings) -> str:
    """`reverse` where the project's Django has it: a urls.py proving Django 1.9 or older
    (`django_era`, as `check` reads it) has no `django.urls` (`django.core.urlresolvers`
    instead); so does a list-style one (Django 1.8 on) whose API modules import from there
    and never from `django.urls` (Sentry 2020)."""
    try:
        urls = settings.urls_path.read_bytes()
    except OSError:
        urls = b""
    module = settings.module_for(settings.urls_path)
    old = urls_before_django_1_10(urls, module, str(settings.urls_path))
    old = old or _urlresolvers_only(settings.urls_path.parent)
    return "django.core.urlresolvers.reverse" if old else "django.urls.reverse"


@lru_cache(maxsize=4)  # one folder, asked once per resource of a spec
def _urlresolvers_only(api: Path) -> bool:
    """True when modules of the API package import from `django.core.urlresolvers` and none
    from `django.urls`."""
    old = False
    for path in api.rglob("*.py"):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if re.search(rb"\bfrom django\.urls import", data):
            return False
        old = old or re.search(rb"\bfrom django\.core\.urlresolvers import", data) is not None
    return old


def plan_test(
    endpoint: ResolvedEndpoint,
    settings: Settings,
    url_name: str | None,
    idiom: TestIdiom | None,
    replace: bool,
    resolver: Resolver | None = None,
    urls_text: str | None = None,
) -> tuple[FileChange | None, str]:
    """The test module's change (None: keep what is there) and the line saying so. An existing
    test module is kept unless `replace` (--force); scaffold never edits a test in place."""
    path = test_module_path(endpoint.module_path, settings)
    rel = settings.relpath(path)
    existing = read_source(path, rel) if path.exists() else None
    if existing is not None and not replace:
        return None, f"keep    {rel}  (exists)"
    text = render_test(endpoint, settings, url_name, idiom, resolver, urls_text)
    if existing == text:
        return None, f"keep    {rel}  (unchanged)"
    verb = "create " if existing is None else "replace"
    return FileChange(path, existing, text), f"{verb} {rel}  (tests of {endpoint.class_name})"
