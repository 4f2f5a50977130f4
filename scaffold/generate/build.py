"""Turn validated resources into a plan: render each module, patch urls.py, decide conflicts."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from scaffold.errors import ConflictError, NameTakenError, PatchError, SpecError, located
from scaffold.generate.importers import defined_names, first_importer
from scaffold.generate.kept_check import refuse_unservable
from scaffold.generate.list_choice import moved_away
from scaffold.generate.notes import notes
from scaffold.generate.reexports import InitEdits, urls_import_module
from scaffold.generate.render import by_id_only, render_endpoint
from scaffold.generate.resolve import ResolvedEndpoint, resolve
from scaffold.generate.route_guard import (
    built_url_names,
    forget_walked_routes,
    walked_entries_serving,
)
from scaffold.generate.splices import SpliceEdits
from scaffold.generate.tests import plan_test, project_test_idiom
from scaffold.naming import url_name_for
from scaffold.project.catalog import Catalog
from scaffold.project.files import read_source
from scaffold.project.settings import Settings
from scaffold.pysource.modules import read_module
from scaffold.records import evolve
from scaffold.spec import ResourceSpec
from scaffold.urls.add import Registration, UrlsFile
from scaffold.write.plan import FileChange, Plan
from scaffold.write.record import Provenance, Record

NOT_MINE = "; scaffold did not write it in this clone"  # so --force is no advice for it


class OnExisting(Enum):
    """What to do when an endpoint's module already exists."""

    FAIL = "fail"  # refuse (new-endpoint's default)
    CONVERGE = "converge"  # leave it if it is registered, else refuse (generate's default)
    FORCE = "force"  # overwrite it with freshly rendered code
    SKIP = "skip"  # keep it as it is, but make sure it is registered


Rendered = Callable[[], list[str | None]]  # the module texts, or raises the rendering's error
StartRendering = Callable[[list[ResolvedEndpoint], Settings], Rendered]


def render_for_plan(endpoint: ResolvedEndpoint, settings: Settings) -> str | None:
    """The module's text; None for a kept module the spec could not write anew (a class named
    like the base it imports under another name: `class SentryAppDetailsEndpoint(BaseEndpoint)`)."""
    try:
        return render_endpoint(endpoint, settings)
    except SpecError:
        if endpoint.kept:
            return None
        raise


def render_when_asked(endpoints: list[ResolvedEndpoint], settings: Settings) -> Rendered:
    """Render when the texts are asked for (the core's default: no process of its own)."""
    return lambda: [render_for_plan(endpoint, settings) for endpoint in endpoints]


def build_plan(
    settings: Settings,
    resources: list[ResourceSpec],
    on_existing: OnExisting,
    start_rendering: StartRendering = render_when_asked,
    with_tests: bool = True,
) -> Plan:
    """Everything the resources need, computed in memory; nothing is written here. With
    `with_tests`, each module created (or replaced with --force) comes with its test module.
    Rendering starts before urls.py is patched and its texts are taken after, so a renderer may
    work meanwhile (`commands/speedups.py`); urls.py's errors come first either way."""
    forget_walked_routes()  # the tree as it is now: urls.py's text alone does not say it
    catalog = Catalog(settings)
    keeps = on_existing is not OnExisting.FORCE
    endpoints = [resolve(spec, settings, catalog, keeps) for spec in resources]
    _refuse_shared_modules(settings, endpoints)
    rendering = start_rendering(endpoints, settings)
    urls_label = settings.relpath(settings.urls_path)
    urls_before = read_source(settings.urls_path, urls_label)
    urls_module, length = settings.module_for(settings.urls_path), settings.line_length
    avoid: dict[str, frozenset[str]] = {}  # class -> lists whose paths would hide a route
    built_names = built_url_names(settings, urls_before)
    while True:
        urls = UrlsFile(urls_before, urls_label, settings.package, urls_module, length, built_names)
        inits = InitEdits(settings)  # packages re-exporting their endpoints from __init__.py
        splices = SpliceEdits(settings, urls)  # feature urls modules spliced into urls.py's lists
        pending = [
            (e, *_register(settings, urls, e, on_existing, inits, splices, avoid.get(e.class_name)))
            for e in endpoints
        ]
        if not moved_away(settings, catalog, endpoints, urls, avoid, splices):
            break
    plan, record = Plan(settings.project_root), Record(settings.project_root)
    idiom, kept = project_test_idiom(settings) if with_tests else None, list[Path]()
    urls_after = urls.code()  # every registration is made: once, not once a resource
    for (endpoint, existing, urls_message, url_name), text in zip(
        pending, rendering(), strict=True
    ):
        path, rel = endpoint.module_path, settings.relpath(endpoint.module_path)
        written = existing is None or (on_existing is OnExisting.FORCE and existing != text)
        if existing is not None and not written:  # served as written: checked below
            kept.append(path)
        if text is None or (existing is not None and not written and existing != text):
            mine = record.provenance(path, existing or "") is not Provenance.UNKNOWN  # edited
            told = "--skip: kept as written" if on_existing is OnExisting.SKIP else "exists"
            plan.messages.append(f"keep    {rel}  ({told}{'' if mine else NOT_MINE})")
        elif existing is None:
            plan.add(FileChange(path, None, text))
            record.note(path, endpoint.class_name, text, endpoint.class_name in inits.one_line)
            plan.messages.append(
                f"create  {rel}  ({endpoint.class_name}({endpoint.base.name}))" + notes(endpoint)
            )
        elif written:
            plan.add(FileChange(path, existing, text))
            record.note(path, endpoint.class_name, text, endpoint.class_name in inits.one_line)
            plan.messages.append(f"replace {rel}  (--force)")
        else:
            plan.messages.append(f"keep    {rel}  (unchanged)")
        plan.messages.append(urls_message)
        if with_tests and written:
            force = on_existing is OnExisting.FORCE
            test, test_message = plan_test(
                endpoint, settings, url_name, idiom, force, catalog.resolver, urls_after
            )
            if test is not None and test.after is not None:
                plan.add(test)
                record.note(test.path, endpoint.class_name, test.after)
            plan.messages.append(test_message)
    refuse_unservable(settings, urls_before, urls_after, kept, splices.changes() + inits.changes())
    plan.add(
        FileChange(
            settings.urls_path, urls_before, urls_after, keeps_lines=True, may_drop=urls.may_drop
        )
    )
    for change in splices.changes() + inits.changes():
        plan.add(change)
    plan.messages.extend(inits.messages())
    for change in record.changes():
        plan.add(change)
    return plan


def _defines(text: str, class_name: str) -> bool:
    """The module binds the class (defines, imports or assigns it); False when it does not
    parse."""
    info = read_module(text.encode("utf-8"), "", "", False)
    return info is not None and (
        class_name in info.classes or class_name in info.imports or class_name in info.names
    )


def _refuse_shared_modules(settings: Settings, endpoints: list[ResolvedEndpoint]) -> None:
    modules: dict[Path, ResourceSpec] = {}
    for endpoint in endpoints:
        spec, path = endpoint.spec, endpoint.module_path
        if path in modules:
            other = modules[path]
            raise SpecError(
                f"{spec.at('name')}: module {settings.relpath(path)} is also generated for "
                f"{other.class_name} ({other.at('name')}); rename one"
            )
        modules[path] = spec


def _register(
    settings: Settings,
    urls: UrlsFile,
    endpoint: ResolvedEndpoint,
    on_existing: OnExisting,
    inits: InitEdits,
    splices: SpliceEdits,
    avoid: frozenset[str] | None = None,
) -> tuple[str | None, str, str | None]:
    """Refuse an existing module unless allowed, and register the route. Returns the module's
    current text (None when absent), a line saying what urls.py got, and the route's URL name
    (None: it has none)."""
    spec, path = endpoint.spec, endpoint.module_path
    rel, urls_label = settings.relpath(path), urls.label
    existing = read_source(path, rel) if path.exists() else None
    serving = walked_entries_serving(settings, urls.index.source, spec.class_name, spec.route)
    walked = bool(serving)
    registered = urls.is_registered(spec.class_name) or walked  # or through a route helper
    allowed = on_existing in (OnExisting.FORCE, OnExisting.SKIP) or (
        on_existing is OnExisting.CONVERGE and registered
    )
    defines = existing is not None and _defines(existing, spec.class_name)
    module = settings.module_for(path)
    others = [name for name in urls.imported_from(module) if name != spec.class_name]
    flags = spec.locator.is_flags  # a spec's `module:` is named where the spec gives it
    how = "give --module for a module of its own" if flags else "give `module` one of its own"
    where = rel if flags or not spec.module else f"{spec.at('module')}: {rel}"
    if existing is not None and not defines and on_existing is not OnExisting.FORCE:
        forced = not others and not first_importer(  # else --force is refused: not advised
            settings, path, module, defined_names(existing, spec.class_name)
        )
        raise ConflictError(  # registering it would make urls.py import what is not there
            f"{where}: the module exists and defines no {spec.class_name}; write the class there "
            + ("or pass --force to replace the module, or" if forced else "or")
            + f" {how}"
        )
    if existing is not None and not allowed:
        raise ConflictError(
            f"{rel}: {spec.class_name} already exists"
            + (" and is registered" if registered else "")
            + "; pass --force to overwrite it or --skip to keep it"
        )
    if existing is not None and on_existing is OnExisting.FORCE and others:
        raise ConflictError(
            f"{rel}: also holds {', '.join(others)}, still registered in {urls_label}; --force "
            "would replace that code: remove those first (scaffold remove) or give --module"
        )
    if existing is not None and on_existing is OnExisting.FORCE:
        user = first_importer(settings, path, module, defined_names(existing, spec.class_name))
        if user is not None:
            raise ConflictError(
                f"{where}: {user[0]} imports {user[1]} from it, which --force would delete; move "
                f"{user[1]} out first, or {how}"
            )
    imported = {name: s.module for s in urls.index.imports for name in s.names}
    shown_module = urls_import_module(settings, imported, module, spec.class_name)
    if walked or (registered and urls.serves(spec.class_name, spec.route)):  # by this class
        urls.refuse_shadowing(spec.class_name, shown_module)
        prefix = settings.url_name_prefix or urls.index.style.name_prefix
        kept_in = serving[0].relpath if serving else urls_label  # or a module urls.py splices
        return (  # the name it has (a test of a module made anew uses it; None: it has none)
            existing,
            f"keep    {kept_in}  ({spec.class_name} already registered)",
            spec.url_name
            or (serving[0].name if serving else url_name_for(spec.class_name, prefix)),
        )
    digits = frozenset(look.spec.param for look in endpoint.lookups if by_id_only(look))
    registration = Registration(
        spec.class_name,
        shown_module,
        spec.route,
        spec.url_name,
        avoid or frozenset(),
        digits,
        settings.url_name_prefix,
    )
    try:
        spliced = splices.add(evolve(registration, module=module))  # imported from its module
        added = urls.add(registration) if spliced is None else spliced[0]
    except (ConflictError, PatchError) as exc:  # a spec's resource is named at its route
        taken = isinstance(exc, NameTakenError)  # or the field its URL name came from
        field = ("url_name" if spec.url_name else "name") if taken else "route"
        raise located(exc, None if spec.locator.is_flags else spec.at(field)) from None
    if spliced is not None or (
        shown_module != module and imported.get(spec.class_name) != shown_module
    ):  # not re-exported yet; a feature's package re-exporting its endpoints lists it too
        inits.add(module, spec.class_name)
    also = "another route for " if registered else ""  # a class served under two routes
    patched = urls_label if spliced is None else spliced[1]
    said = f"update  {patched}  (+ {also}{spec.class_name} in {added.list_name}, "
    named = (
        "no name, as the list's entries" if added.url_name is None else f'name="{added.url_name}"'
    )
    said += f"{named})" + (
        urls.index.kept_elsewhere(spec.route.tokens, added.list_key) if spliced is None else ""
    )
    return existing, said, added.url_name
