"""A ResourceSpec checked against the target project: base, lookups, decorator, enum members."""

from __future__ import annotations

from pathlib import Path

from scaffold.errors import ProjectError, SpecError, did_you_mean
from scaffold.generate.dotted_kinds import require_model, require_permission
from scaffold.generate.dotted_paths import refuse_standard_library, require_in_project
from scaffold.generate.endpoint_marks import (
    base_named_silo,
    base_sets_owner,
    decorator_of,
    owner_of,
    publish_status_of,
    require_permitting,
)
from scaffold.generate.lookup_fields import model_silo, numeric_field, settled_fields, uuid_field
from scaffold.generate.module_target import (
    imported_module,
    missing_package,
    require_endpoint_target,
    require_no_misspelt_package,
)
from scaffold.generate.neighbours import neighbours_base, neighbours_silo
from scaffold.generate.reexports import reexported_from
from scaffold.naming import class_name_among, module_name_for, object_name_for, stem_of
from scaffold.project.base_names import name_words, route_words
from scaffold.project.catalog import BaseClass, Catalog
from scaffold.project.settings import Settings
from scaffold.pysource.modules import HTTP_METHODS, ClassInfo, read_module
from scaffold.records import evolve, record
from scaffold.spec import AUTO, LookupSpec, ResourceSpec


@record
class Lookup:
    """One object looked up in convert_args, scoped by its parent object when it has one."""

    spec: LookupSpec
    model: str  # dotted path
    parent_expr: str | None  # e.g. kwargs["project"] or widget
    parent_field: str | None  # e.g. project_id
    numeric: bool = False  # the field provably holds integers: other values are a 404
    uuid: bool = False  # the field provably holds UUIDs: other values are a 404
    may_repeat: bool = False  # two rows may share the field in the scope: `.get()` may raise
    unsure_parent: bool = False  # the base stores the parent from code that may give no row


@record
class HandlerParam:
    name: str
    type_path: str | None  # dotted path, "str", or None when unknown


@record
class ResolvedEndpoint:
    """Everything needed to render the module and register the route."""

    spec: ResourceSpec
    module_name: str
    module_path: Path
    base: BaseClass
    decorator: str | None
    owner: str | None
    publish_status: dict[str, str]
    lookups: tuple[Lookup, ...]
    handler_params: tuple[HandlerParam, ...]
    also_fits: tuple[str, ...] = ()  # other bases the route fits as well (base chosen for it)
    other_silos: tuple[str, ...] = ()  # lookup models kept in another silo than the endpoint
    kept: bool = False  # its module exists and is kept as it is (no --force)

    @property
    def class_name(self) -> str:
        return self.spec.class_name


def resolve(
    spec: ResourceSpec, settings: Settings, catalog: Catalog, keeps: bool = False
) -> ResolvedEndpoint:
    """Check `spec` against the project and fill in every default."""
    spec, existing = _as_written(spec, settings)
    own = set[str]()  # what the class `keeps` as written takes needs no lookup
    if keeps and existing is not None:
        module = settings.module_for(_module_path(spec, settings))
        own = catalog.taken_by(module, spec.class_name, spec.route.params)
    kept_in = {x.model: model_silo(catalog.resolver, x.model) for x in spec.lookups if x.model}
    silos = set(kept_in.values())
    silo = silos.pop() if len(silos) == 1 else None
    if spec.silo is None and silo is None:  # `--base ControlSiloOrganizationEndpoint`'s own
        silo = base_named_silo(spec, catalog)
    if spec.silo is None and silo is None:  # the one of the routes beside it
        near = neighbours_silo(settings, catalog.resolver, spec.route, spec.class_name)
        silo = near.removesuffix("_silo_endpoint") if near else None
    decorator = decorator_of(spec, settings, silo)
    chosen = decorator.removesuffix("_silo_endpoint") if decorator else "all"
    elsewhere = tuple(  # models kept in another silo than the endpoint's (given by the user)
        f"{model.rpartition('.')[2]} is a {kept}-silo model"
        for model, kept in kept_in.items()
        if kept is not None and chosen not in ("all", "monolith", kept)
    )
    base = _base(spec, settings, catalog, decorator)
    params = spec.route.params
    taken = base.consumed(params) or ()
    lookups_by_param = {lookup.param: lookup for lookup in spec.lookups}
    for param in taken:
        if param.name in lookups_by_param:
            raise SpecError(
                f"{spec.at('lookups', param.name)}: {param.name!r} is consumed by {base.name}; "
                "remove this lookup"
            )
    injected = catalog.injected_for(base, params)  # on this route: not `checkin` without checkin_id
    objects: list[str] = list(injected)
    types: dict[str, str | None] = {obj: base.injected_types.get(obj) for obj in injected}
    # Django hands the handlers every URL kwarg convert_args leaves in place.
    passed = [p.name for p in taken if p.name in base.passes_on]
    types.update((name, "str") for name in passed)
    lookups: list[Lookup] = []
    for param in (p for p in params if p not in taken):
        lookup = lookups_by_param.get(param.name)
        if lookup is None and (param.name in own or _handlers_take(existing, param.name)):
            types[param.name] = "str"  # the existing class takes it (convert_args or handlers)
            objects.append(param.name)
            continue
        if lookup is None:
            known = {name for b in catalog.bases for names in b.consumes for name in names}
            # a misspelling only (`organisation_slug`): `rule_id` is no `user_id` mistyped
            hint = did_you_mean(param.name, known, cutoff=0.8)
            raise SpecError(
                f"{spec.at('route')}: route parameter {param.name!r} is not consumed by "
                f"{base.name} and has no lookup{hint}; "
                + (
                    f"pass --lookup {param.name}=<dotted model path>"
                    if spec.locator.is_flags
                    else f"add lookups.{param.name}.model (a dotted model path)"
                )
                + " or use a base that consumes it"
            )
        if lookup.name in (*objects, *passed, "request", "self", "args", "kwargs"):
            raise SpecError(
                f"{spec.at('lookups', param.name)}: the object name {lookup.name!r} is already "
                "taken; set a different 'name'"
            )
        if lookup.passthrough:
            if catalog.drops(base, params, param.name):
                raise SpecError(
                    f"{spec.at('lookups', param.name)}: {base.name}'s convert_args does not "
                    f"hand {param.name!r} on to the handlers (it builds their keyword "
                    "arguments anew), so the handlers would never get it; give a model to look "
                    "it up by, or another base"
                )
            types[lookup.name] = "str"
        else:
            assert lookup.model is not None  # enforced by the spec for non-passthrough lookups
            where = spec.at("lookups", param.name, "model")
            require_in_project(settings, lookup.model, where, "model")
            require_model(catalog.resolver, lookup.model, spec.at("lookups", param.name, "model"))
            resolved = settled_fields(
                catalog.resolver, spec, _lookup(spec, lookup, objects, lookups)
            )
            numeric = numeric_field(catalog.resolver, lookup.model, lookup.field)
            uuid = uuid_field(catalog.resolver, lookup.model, lookup.field)
            parent = (resolved.parent_expr or "").removeprefix('kwargs["').removesuffix('"]')
            unsure = parent in injected and catalog.may_store_no_row(base, parent)  # a dict
            resolved = evolve(resolved, numeric=numeric, uuid=uuid, unsure_parent=unsure)
            lookups.append(resolved)
            types[lookup.name] = lookup.model
        objects.append(lookup.name)
    for i, permission in enumerate(spec.permission_classes):
        where = spec.at("permission_classes", i)
        require_in_project(settings, permission, where, "permission class")
        require_permission(catalog.resolver, permission, spec.at("permission_classes"))
    # after the route's own errors: a parameter no base takes reads better than this
    if existing is None:
        require_permitting(spec, catalog, base)
    target = _module_path(spec, settings)  # a new class's name is checked against the tree's
    module_path = require_endpoint_target(spec, settings, target, None if existing else catalog)
    return ResolvedEndpoint(
        spec=spec,
        module_name=module_path.stem,
        module_path=module_path,
        base=base,
        decorator=decorator,
        owner=owner_of(
            spec, settings, base_sets_owner(catalog.resolver, f"{base.module}.{base.name}")
        ),
        publish_status=publish_status_of(spec, settings),
        lookups=tuple(lookups),
        handler_params=tuple(
            HandlerParam(name, types.get(name))
            for name in (*injected, *passed, *objects[len(injected) :])
        ),
        also_fits=() if spec.base else _closest_first(catalog.also_fitting(base, params), spec),
        kept=keeps and existing is not None,
        other_silos=elsewhere,
    )


def _as_written(spec: ResourceSpec, settings: Settings) -> tuple[ResourceSpec, ClassInfo | None]:
    """The spec naming the class as its existing module defines it (`SetupWizard` and
    `StatsEndpointV2` stay as they are when the module has them and not `...Endpoint`), and
    that class (None: no module yet, or no such class in it)."""
    if spec.module is None:  # a class urls.py imports already: where it imports it from
        spec = evolve(spec, module=imported_module(settings, spec.class_name))
    path = _module_path(spec, settings)
    package = spec.module and settings.src_root.joinpath(*spec.module.split(".")).is_dir()
    if not path.is_file() and spec.module is not None and package:
        for name in (spec.class_name, stem_of(spec.class_name)):  # a package re-exporting it
            submodule = reexported_from(settings, spec.module, name)
            if submodule is not None:
                spec = evolve(spec, module=submodule)
                path = _module_path(spec, settings)
                break
    if not path.is_file():
        return spec, None
    try:
        info = read_module(path.read_bytes(), settings.module_for(path), path.name, False)
    except OSError:
        return spec, None  # the module's own errors are reported where it is read
    names = set(info.classes) if info else set()
    spec = evolve(spec, class_name=class_name_among(stem_of(spec.class_name), names))
    return spec, info.classes.get(spec.class_name) if info else None


def _handlers_take(existing: ClassInfo | None, param: str) -> bool:
    """True when the existing class's own handlers take the URL parameter `param`."""
    handlers = [existing.methods[m] for m in HTTP_METHODS if existing and m in existing.methods]
    return any(handler.accepts(param) for handler in handlers)


def _module_path(spec: ResourceSpec, settings: Settings) -> Path:
    """Where the class goes: `module` (a module, or a package and the file named from the
    class), else the configured endpoints folder."""
    file_name = f"{module_name_for(spec.class_name)}.py"
    if spec.module is None:
        return settings.endpoints_dir / file_name
    folder = settings.src_root.joinpath(*spec.module.split("."))
    if folder.is_dir():
        if not (folder / "__init__.py").is_file() and not folder.name.isidentifier():
            raise SpecError(f"{spec.at('module')}: {spec.module} is not a Python package")
        return folder / file_name
    if not folder.parent.is_dir() and spec.module.partition(".")[0] == settings.package:
        raise missing_package(spec, settings)
    return require_no_misspelt_package(spec, folder.with_suffix(".py"), settings)


def _closest_first(names: list[str], spec: ResourceSpec) -> tuple[str, ...]:
    """Bases named for more of the route's words first (`OrganizationReleasesBaseEndpoint`
    before `IntegrationEndpoint` under `releases/`), then alphabetically."""
    words = route_words([part for part in spec.route.text.split("/") if "{" not in part])
    return tuple(sorted(names, key=lambda name: (-len(words & name_words(name)), name)))


def _base(
    spec: ResourceSpec, settings: Settings, catalog: Catalog, decorator: str | None
) -> BaseClass:
    if catalog.root is None:
        raise ProjectError(
            "no `class Endpoint` found in api/base.py; scaffold needs the root endpoint class there"
        )
    params = spec.route.params
    if spec.base is None:
        literal = [part for part in spec.route.text.split("/") if "{" not in part]
        chosen = catalog.choose(params, decorator, route_words(literal))
        if chosen is None:
            return catalog.root
        return neighbours_base(settings, catalog, spec.route, spec.class_name, chosen)
    instead = "give the dotted path of a class deriving from the project's Endpoint"
    refuse_standard_library(settings, spec.base, spec.at("base"), "base class", instead)
    base = catalog.find(spec.base)
    if base is None:
        raise SpecError(f"{spec.at('base')}: {catalog.no_such_base(spec.base)}")
    if not base.leads(params):
        needed = base.consumes[: base.required]  # the optional ones after them aside
        wanted = ", ".join("|".join(sorted(names)) for names in needed)
        raise SpecError(
            f"{spec.at('base')}: {base.name} needs {wanted}, so the route must give "
            + ("those parameters" if len(needed) > 1 else "that parameter")
        )
    return base


def _lookup(
    spec: ResourceSpec, lookup: LookupSpec, objects: list[str], earlier: list[Lookup]
) -> Lookup:
    parent = lookup.parent
    if parent == AUTO:  # the object of the parameter just before it when there is one
        # (Sentry's monitor base stores the monitor, then its project: a check-in under
        # `monitors/{monitor_id}/` is the monitor's), else the last object stored
        params = [p.name for p in spec.route.params]
        at = params.index(lookup.param) if lookup.param in params else 0
        named = object_name_for(params[at - 1]) if at else None
        parent = named if named in objects else objects[-1] if objects else None
    elif parent is not None and parent not in objects:
        raise SpecError(
            f"{spec.at('lookups', lookup.param, 'parent')}: {parent!r} is not an object available "
            f"before this lookup; use "
            + (f"one of {', '.join(objects)}, or null (unscoped)" if objects else "null (unscoped)")
        )
    local = {item.spec.name for item in earlier if item.spec.name != item.spec.param}
    parent_expr = None if parent is None else parent if parent in local else f'kwargs["{parent}"]'
    parent_field = (
        None if parent is None else lookup.parent_field or f"{object_name_for(parent)}_id"
    )
    assert lookup.model is not None  # enforced by the spec for non-passthrough lookups
    return Lookup(lookup, lookup.model, parent_expr, parent_field)
