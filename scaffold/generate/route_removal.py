"""Plan `scaffold remove NAME --route ROUTE`: take one route of a class out of urls.py and leave
its module alone; the inverse of `new-endpoint NAME --route ROUTE --skip`, which registers a
second route for a class that is already served (the import goes only with its last route)."""

from __future__ import annotations

from scaffold.errors import ConflictError, PatchError, SpecError
from scaffold.generate.removal import imported_names, tests_reversing
from scaffold.generate.splices import api_routes_file, spliced_entries
from scaffold.naming import CLASS_NAME_RE, class_name_among
from scaffold.project.files import read_source
from scaffold.project.settings import Settings
from scaffold.pysource.route_uses import class_uses
from scaffold.pysource.urlsource import parse_urls
from scaffold.routes import Route
from scaffold.urls.index import UrlsIndex
from scaffold.write.plan import FileChange, Plan


def build_route_removal_plan(settings: Settings, name: str, route: Route) -> Plan:
    """The change to urls.py that unregisters `name` at `route` only."""
    if not CLASS_NAME_RE.match(name):
        raise SpecError(f"NAME: {name!r} is not a class name; give one like OrganizationWidgets")
    label = settings.relpath(settings.urls_path)
    source = read_source(settings.urls_path, label)
    class_name = class_name_among(name, imported_names(source, label, settings.api_module))
    index = UrlsIndex(source, label, settings.package, settings.module_for(settings.urls_path))
    entries = index.entries_serving(class_name, route.tokens)
    routes = api_routes_file(settings, source)  # or a feature's urls module spliced into it
    spliced = None if entries else spliced_entries(settings, index, class_name, route)
    through: dict[str, str] = {}  # `e` of `e.X.as_view()`, -> the package it names
    if spliced is not None:
        routes, entries, through = spliced
    if not entries:
        raise SpecError(_not_found(settings, source, label, class_name, route))

    def picked(line: int, pattern: str | None) -> bool:
        return any(first <= line <= last and pattern == p for first, last, p in entries)

    removal = routes.removal(settings.line_length, class_name, picked, through)
    if not removal.routes:  # the entries found and the ones taken apart must be the same
        raise PatchError(
            f"{routes.label}: the entry serving {class_name} at {route.text!r} was "
            "found but could not be taken out; nothing was written; please report this"
        )
    _refuse_reversed_names(settings, [r.url_name for r in removal.routes if r.url_name])
    plan = Plan(settings.project_root)
    plan.add(FileChange(routes.path, routes.source, removal.code, True, removal.may_drop))
    names = ", ".join(r.url_name or r.pattern or f"line {r.line}" for r in removal.routes)
    imported = removal.module and not removal.read_through
    what = f"{len(removal.routes)} route(s): {names}" + (", its import" if imported else "")
    plan.messages.append(f"update  {routes.label}  (- {class_name}: {what}; its module is kept)")
    return plan


def _not_found(settings: Settings, source: str, label: str, class_name: str, route: Route) -> str:
    """Why no entry can be taken out: none serves the class there, or the one that does is
    reached only as Django walks the file (a list code builds, `create_group_urls(...)`, often
    included from several places; a prefix with alternatives, `^(?:issues|groups)/`)."""
    from scaffold.generate.route_guard import walked_entries_serving, walked_routes

    served = walked_entries_serving(settings, source, class_name, route)
    if not served:
        return (
            f"--route: {label} has no entry serving {class_name} at {route.text!r}; "
            "`scaffold list` shows its routes"
        )
    entry = served[0]
    reach = sum(
        (r.relpath, r.line) == (entry.relpath, entry.line) for r in walked_routes(settings, source)
    )
    where = (
        f"--route: {entry.relpath}:{entry.line}: the entry serving {class_name} at {route.text!r}"
    )
    if entry.view is not None and entry.view.methods is not None:
        methods = ", ".join(m.upper() for m in entry.view.methods)
        return (
            f"{where} lets only {methods} through (method_dispatch); scaffold takes out only an "
            "entry serving the class whole: edit it by hand"
        )
    if entry.relpath == label:  # `url2(pattern, X)`: a helper given the class, not `X.as_view()`
        other = class_uses(parse_urls(source, label), source, class_name).other_use_line
        if other is not None and entry.line <= other <= entry.end_line:
            return (
                f"{where} names the class in a form scaffold does not take apart (a helper "
                "given the class); take it out by hand"
            )
    return (
        f"{where} is reached through a list code builds or a prefix with alternatives, "
        f"and answers at {reach} path(s); scaffold takes out only an entry its route names: "
        "edit it by hand, or remove the class without --route"
    )


def _refuse_reversed_names(settings: Settings, names: list[str]) -> None:
    """ConflictError (a refusal, exit 1) when a test module reverses the name of a route this
    takes out (the test scaffold wrote with the endpoint does, by its first route's name): it
    would fail with NoReverseMatch."""
    for path, used in tests_reversing(settings, names)[:1]:
        raise ConflictError(
            f"--route: {settings.relpath(path)} reverses {used!r}, the name of the route "
            "this takes out; change that test first, or remove the endpoint without --route"
        )
