"""Render a resolved endpoint into module source: jinja2 template, then black."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scaffold.errors import SpecError
from scaffold.generate.resolve import Lookup, ResolvedEndpoint
from scaffold.generate.templating import render_code
from scaffold.naming import split_dotted
from scaffold.project.line_length import neighbours_quote
from scaffold.project.settings import Settings
from scaffold.pysource.project_facts import evaluates_builtin_generics, neighbours_call_bare_super
from scaffold.records import field, record
from scaffold.spec import ResourceSpec
from scaffold.urls.imports import import_name_key, natural_key

ENDPOINT_TEMPLATE = "endpoint.py.j2"
# Stub responses by method, for a collection route and for a route ending in one object.
_COLLECTION_RESPONSES = {
    "get": "Response([])",
    "put": "Response({})",
    "patch": "Response({})",
    "post": "Response({}, status=201)",
    "delete": "Response(status=204)",
}
_OBJECT_RESPONSES = {
    **_COLLECTION_RESPONSES,
    "get": 'Response({"id": str(%s.id)})',
    "put": 'Response({"id": str(%s.id)})',
    "patch": 'Response({"id": str(%s.id)})',
}


@record(frozen=False)
class ImportSet:
    """`from module import name` lines grouped and sorted isort-style; refuses name clashes."""

    first_party: set[str]
    names: dict[str, str] = field(default_factory=dict)  # local name -> module

    def add(self, dotted: str, where: str) -> str:
        """Import a dotted path; return the local name."""
        module, name = split_dotted(dotted)
        if self.names.get(name, module) != module:
            raise SpecError(
                f"{where}: {name!r} would be imported from both {self.names[name]} and {module}; "
                "rename one of them"
            )
        self.names[name] = module
        return name

    def render(self) -> str:
        sections: dict[int, dict[str, list[str]]] = {-1: {}, 0: {}, 1: {}, 2: {}}
        for name, module in self.names.items():
            sections[self._section(module)].setdefault(module, []).append(name)
        blocks = []
        for modules in sections.values():
            lines = [
                f"from {module} import {', '.join(sorted(names, key=import_name_key))}"
                for module, names in sorted(modules.items(), key=lambda item: natural_key(item[0]))
            ]
            if lines:
                blocks.append("\n".join(lines))
        return "\n\n".join(blocks)

    def _section(self, module: str) -> int:
        if module == "__future__":
            return -1
        root = module.split(".")[0]
        if root in self.first_party:
            return 2
        return 0 if root in sys.stdlib_module_names else 1


def render_endpoint(endpoint: ResolvedEndpoint, settings: Settings) -> str:
    """The endpoint module's source, formatted with black at the project's line length."""
    spec = endpoint.spec
    imports = ImportSet(first_party=first_party(settings))
    use = imports.add
    annotate = settings.annotations
    if annotate:
        use("rest_framework.request.Request", spec.at("methods"))
    use("rest_framework.response.Response", spec.at("methods"))
    if endpoint.lookups and annotate:
        use("typing.Any", spec.at("lookups"))
    future, returns = _future_and_returns(endpoint, settings)
    folder = endpoint.module_path.parent
    for name in future:
        use(f"__future__.{name}", spec.at("name"))
    for name in ("Tuple", "Dict") if returns.startswith("Tuple") else ():
        use(f"typing.{name}", spec.at("lookups"))
    context: dict[str, Any] = {
        "class_name": spec.class_name,
        "base_name": use(f"{endpoint.base.module}.{endpoint.base.name}", spec.at("base")),
        "decorator": endpoint.decorator
        and use(f"{settings.api_module}.base.{endpoint.decorator}", spec.at("silo")),
        "docstring": _docstring(spec.description) if spec.description else "",
        "path": f"/api/0/{spec.route.text}",
        "owner": "",
        "annotate": annotate,
        # Python 2 era codebases get the spellings that work there too.
        "super": "super()" if bare_super(settings, folder) else f"super({spec.class_name}, self)",
        # the digits int() takes: `isdigit` lets "²" through (int raises ValueError, a 500);
        # Python 2's URL values are unicode, which has it too (the template calls it on the
        # value itself there: `str(u"é")` raises)
        "digits": "isdecimal",
        "returns": returns,
    }
    if endpoint.owner and settings.owner_enum:
        enum = settings.owner_enum
        context["owner"] = f"{use(f'{enum.module}.{enum.name}', spec.at('owner'))}.{endpoint.owner}"
    status_enum = settings.publish_status_enum
    context["publish_status"] = (
        [
            (
                method.upper(),
                f"{use(f'{status_enum.module}.{status_enum.name}', spec.at('publish_status'))}.{status}",
            )
            for method, status in endpoint.publish_status.items()
        ]
        if status_enum
        else []
    )
    context["permission_classes"] = [
        use(path, spec.at("permission_classes")) for path in spec.permission_classes
    ]
    context["lookups"] = [_lookup_context(lookup, use, spec) for lookup in endpoint.lookups]
    # a parent the base may store as no row (a dict) is a 404 before the first lookup it
    # scopes, not the AttributeError of its `.id`
    checked: set[str | None] = {None}
    for lookup, rendered in zip(endpoint.lookups, context["lookups"], strict=True):
        parent = lookup.parent_expr if lookup.unsure_parent else None
        rendered["check_parent"] = None if parent in checked else parent
        checked.add(parent)
    if endpoint.lookups:
        context["not_found"] = use(settings.not_found_class, spec.at("lookups"))
    params = []
    for param in endpoint.handler_params:
        if not annotate:
            params.append(param.name)
        elif param.type_path is None:  # not read: bare, mypy's disallow_untyped_defs refuses it
            params.append(f"{param.name}: {use('typing.Any', spec.at('base'))}")
        elif param.type_path == "str":
            params.append(f"{param.name}: str")
        else:
            params.append(f"{param.name}: {use(param.type_path, spec.at('lookups'))}")
    context["handlers"] = [
        {"method": m, "verb": m.upper(), "params": params, "response": _response(m, endpoint)}
        for m in spec.methods
    ]
    if spec.class_name in imports.names:
        raise SpecError(
            f"{spec.at('name')}: {spec.class_name} would shadow the name imported from "
            f"{imports.names[spec.class_name]}; choose another name"
        )
    _require_free_locals(endpoint, {*imports.names, spec.class_name})
    context["imports"] = imports.render()
    neighbours = sorted(endpoint.module_path.parent.glob("*.py"))
    quote = neighbours_quote(neighbours)
    code = render_code(ENDPOINT_TEMPLATE, context, settings, quote, defines=spec.class_name)
    # Python 2 reads a module holding a byte over 127 only under a PEP 263 coding line (a
    # non-ASCII description, say): as Sentry's own modules of that era declare it
    return code if annotate or code.isascii() else f"# -*- coding: utf-8 -*-\n{code}"


def bare_super(settings: Settings, folder: Path) -> bool:
    """Whether code generated into `folder` calls `super()` without arguments: annotated code,
    or code beside modules that mostly do (Python 3 alone); else `super(Class, self)`."""
    return settings.annotations or neighbours_call_bare_super(sorted(folder.glob("*.py")))


# the builtins the template's methods call (`str(widget_id)`, `super().convert_args`)
_BUILTINS_CALLED = frozenset({"str", "super", "getattr"})


def _require_free_locals(endpoint: ResolvedEndpoint, module_names: set[str]) -> None:
    """SpecError when a parameter or local of the generated methods (a route parameter, a
    lookup's object) would hide a name those methods use: `{Response}` made `Response(...)`
    call the URL's string, `{super}` broke `super().convert_args`."""
    spec = endpoint.spec
    taken = module_names | _BUILTINS_CALLED
    named = [(p.name, spec.at("route"), "route parameter") for p in spec.route.params]
    for lookup in endpoint.lookups:
        named.append((lookup.spec.name, spec.at("lookups", lookup.spec.param), "object name"))
    for name, where, what in named:
        if name in taken:
            raise SpecError(
                f"{where}: the {what} {name!r} would hide {name} in the generated module, where "
                "its methods use it; choose another name"
                + (" (set the lookup's name)" if what == "object name" else "")
            )


def _future_and_returns(endpoint: ResolvedEndpoint, settings: Settings) -> tuple[list[str], str]:
    """The module's `__future__` names (its neighbours', else api/base.py's) and convert_args'
    return annotation. `tuple[...]` fails at import time before Python 3.9, so when it may run
    older Pythons the annotations are made lazy (3.7, 3.8), or spelled with typing (3.6, or a
    project that declares no version)."""
    future = list(settings.future_imports_in(endpoint.module_path.parent))
    returns = "tuple[tuple[Any, ...], dict[str, Any]]"
    python_min = settings.python_min
    if settings.annotations and endpoint.lookups and "annotations" not in future:
        if python_min is None and evaluates_builtin_generics(
            sorted(endpoint.module_path.parent.glob("*.py"))
        ):  # no version declared, but the neighbours' code runs on 3.9 or newer only
            python_min = (3, 9)
        if python_min is None or python_min < (3, 7):
            returns = "Tuple[Tuple[Any, ...], Dict[str, Any]]"
        elif python_min < (3, 9):
            future.append("annotations")
    return future, returns


def _response(method: str, endpoint: ResolvedEndpoint) -> str:
    """The stub's response; a route ending in an object echoes that object's id."""
    route = endpoint.spec.route
    last = endpoint.handler_params[-1] if endpoint.handler_params else None
    ends_in_object = (
        bool(route.params)
        and route.tokens[-2:-1] == (route.params[-1],)
        and last is not None
        and last.type_path != "str"
    )
    if not ends_in_object or last is None:
        return _COLLECTION_RESPONSES[method]
    template = _OBJECT_RESPONSES[method]
    return template % last.name if "%s" in template else template


def by_id_only(lookup: Lookup) -> bool:
    """The lookup answers digits alone (by `id` or an integer field, not id-or-slug): any other
    value is a 404 before the query, and an earlier `\\d+` route of its path takes them all."""
    return not lookup.spec.id_or_slug and (lookup.spec.field == "id" or lookup.numeric)


def _lookup_context(
    lookup: Lookup, use: Callable[[str, str], str], spec: ResourceSpec
) -> dict[str, Any]:
    look = lookup.spec
    scope = f"{lookup.parent_field}={lookup.parent_expr}.id, " if lookup.parent_expr else ""
    return {
        "param": look.param,
        "name": look.name,
        # an object named as its parameter goes straight into kwargs: `environment: str`
        # rebound to an Environment is a type error
        "target": look.name if look.name != look.param else f'kwargs["{look.name}"]',
        "model": use(lookup.model, spec.at("lookups", look.param, "model")),
        "field": look.field,
        "id_or_slug": look.id_or_slug,
        "by_id_only": by_id_only(lookup),
        # a value that is no UUID: Django raises ValidationError, Sentry's field ValueError
        "uuid": (
            use("uuid.UUID", spec.at("lookups", look.param))
            if lookup.uuid and not look.id_or_slug
            else None
        ),
        "scope": scope,
    }


def first_party(settings: Settings) -> set[str]:
    """Top-level packages of the target, imported in the last isort block."""
    roots = {settings.package}
    if settings.src_root.is_dir():
        roots |= {p.name for p in settings.src_root.iterdir() if (p / "__init__.py").is_file()}
    return roots


def _docstring(text: str) -> str:
    """A docstring literal for untrusted text: triple-quoted when safe (quotes inside it, not
    three in a row nor at either end), else repr()."""
    clean = text.strip()
    if (
        clean
        and all(c.isprintable() or c == "\n" for c in clean)
        and '"""' not in clean
        and not clean.startswith('"')
        and not clean.endswith('"')
        and "\\" not in clean
    ):
        return f'"""{clean}"""'
    return repr(clean)
