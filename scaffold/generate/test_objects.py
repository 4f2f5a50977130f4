"""The objects a generated test makes for its route's arguments: the test case's fixtures,
the utilities' factories (`create_<object>`, as Sentry names them), or a model's manager with a
TODO, each under the object before it."""

from __future__ import annotations

import re

from scaffold.generate.factories import factory_for, makes
from scaffold.generate.lookup_fields import model_fields, numeric_field
from scaffold.generate.render import ImportSet
from scaffold.generate.resolve import Lookup, ResolvedEndpoint
from scaffold.naming import object_name_for
from scaffold.pysource.classes import Resolver
from scaffold.pysource.test_idiom import TestIdiom
from scaffold.records import evolve, record


@record
class RouteObject:
    """An object a route argument comes from: `self.<name>`, created in setUp when `create`."""

    name: str
    attribute: str | None  # the attribute the URL value is read from; None: a literal value
    create: str | None  # expression creating it in setUp; None: a fixture of the test case
    missing: str | None  # a URL value naming no object (404 test); None: no 404 test
    todo: str | None = None  # what the user must finish in setUp


def route_objects(
    endpoint: ResolvedEndpoint,
    idiom: TestIdiom | None,
    imports: ImportSet,
    resolver: Resolver | None = None,
) -> list[RouteObject]:
    """One per route parameter, in route order."""
    params = endpoint.spec.route.params
    consumed = {p.name for p in endpoint.base.consumed(params) or ()}
    lookups = {lookup.spec.param: lookup for lookup in endpoint.lookups}
    passthrough = {look.param for look in endpoint.spec.lookups if look.passthrough}
    objects: list[RouteObject] = []
    for param in params:
        lookup = lookups.get(param.name)
        if param.name in consumed:
            made = _base_object(param.name, endpoint, idiom, imports, objects, resolver)
            objects.append(_under_parents(made, endpoint, objects, resolver))
        elif lookup is not None:
            made = _lookup_object(lookup, endpoint, idiom, imports, resolver, objects)
            objects.append(_within(made, param.regex, lookup.spec.id_or_slug))
        elif param.name in passthrough:  # its name as the value, or one its regex takes
            fits = [
                v for v in (param.name, "1", "a", *_samples(param.regex)) if _fits(param.regex, v)
            ]
            objects.append(RouteObject(fits[0] if fits else param.name, None, None, None))
    return objects


def _fits(regex: str | None, value: str) -> bool:
    """Whether the route's own regex for a parameter (`{x:\\d+}`) takes `value`."""
    return regex is None or re.fullmatch(regex, value) is not None


def _samples(regex: str | None) -> list[str]:
    """Values the regex may take, read from it (`[0-9a-f]{32}`: 32 ones, 32 a's)."""
    if regex is None:
        return []
    from scaffold.check.regex_read import sample  # sre's parser: only for a regex of the route

    return [value for variant in (0, 1) if (value := sample(regex, variant)) is not None]


def _within(made: RouteObject, regex: str | None, id_or_slug: bool) -> RouteObject:
    """A looked-up object's test values kept inside the parameter's own regex: an id-or-slug
    one by id where it takes digits alone (`{widget_id_or_slug:\\d+}`), a missing value it
    takes, else no 404 test; a TODO where the fixture's value cannot be known to fit (reverse()
    builds no path from a value the regex refuses)."""
    if regex is None:
        return made
    attribute = (
        "id" if id_or_slug and _fits(regex, "1") and not _fits(regex, "a") else made.attribute
    )
    missing = next((f'"{v}"' for v in ("0", "nosuch", *_samples(regex)) if _fits(regex, v)), None)
    if made.missing is not None and _fits(regex, made.missing.strip('"')):
        missing = made.missing
    todo = made.todo
    if attribute != "id" and not todo:
        todo = f"give the {made.name} a {attribute} that the route's {regex} takes"
    return evolve(made, attribute=attribute, missing=missing, todo=todo)


def _base_object(
    param: str,
    endpoint: ResolvedEndpoint,
    idiom: TestIdiom | None,
    imports: ImportSet,
    before: list[RouteObject],
    resolver: Resolver | None,
) -> RouteObject:
    """An object the base class looks up: a fixture of the test case when it has one, else
    the utilities' factory (under the object before it, as a lookup's)."""
    name = _injected_name(param, endpoint, idiom)
    # the parameter's own name for one named for neither (`{uuid}`), as a lookup's field
    attribute = "id" if param.endswith("_id") else "slug" if param.endswith("_slug") else param
    by = endpoint.base.injected_fields.get(name) or endpoint.base.param_fields.get(param)
    if by and "__" not in by:  # `incident_identifier` by `identifier=` (an Incident has no slug)
        attribute = "id" if by == "pk" else by
    model = endpoint.base.injected_types.get(name)
    if idiom is not None and idiom.has(name) and makes(idiom, name, model):
        return RouteObject(name, attribute, None, None)
    parent = next((o.name for o in reversed(before) if o.attribute is not None), None)
    factory = factory_for(idiom, name, parent, model)
    if factory is not None and idiom is not None:
        return _from_factory(name, attribute, factory, parent, model, None, resolver, idiom)
    where = endpoint.spec.at("base")
    create = f"{imports.add(model, where)}.objects.create()" if model else "None"
    return RouteObject(name, attribute, create, None, f"create the {name} the route needs")


def _under_parents(
    made: RouteObject,
    endpoint: ResolvedEndpoint,
    before: list[RouteObject],
    resolver: Resolver | None,
) -> RouteObject:
    """A base's object made with `Model.objects.create()`, given the objects before it that
    its model provably declares as fields (`Dashboard.objects.create(organization=...)`)."""
    model, create = endpoint.base.injected_types.get(made.name), made.create or ""
    if model is None or not create.endswith(".objects.create()"):
        return made
    given = _declared(resolver, model, before, None)
    if not given:
        return made
    create = f"{create[: -len('()')]}({', '.join(given)})"
    return evolve(made, create=create, todo=f"set the other fields {made.name} requires")


def _declared(
    resolver: Resolver | None, model: str, before: list[RouteObject], parent: str | None
) -> list[str]:
    """The arguments giving a model's manager the objects before it (its parent aside) that
    the model provably declares as fields: the object to a relation, its id to a plain
    `<name>_id` column (Monitor's); none where the model cannot be read."""
    fields = (model_fields(resolver, model) if resolver else None) or frozenset()
    return [
        f"{o.name}=self.{o.name}" if o.name in fields else f"{o.name}_id=self.{o.name}.id"
        for o in before
        if o.attribute and o.name != parent and (o.name in fields or f"{o.name}_id" in fields)
    ]


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
    lookup: Lookup,
    endpoint: ResolvedEndpoint,
    idiom: TestIdiom | None,
    imports: ImportSet,
    resolver: Resolver | None,
    before: list[RouteObject],
) -> RouteObject:
    """An object the endpoint's convert_args looks up: made in setUp, scoped by its parent
    (and given the objects before it that its model declares, when its manager makes it)."""
    look = lookup.spec
    parent = _parent_name(lookup.parent_expr)
    attribute = look.field if not look.id_or_slug else "slug" if look.field == "id" else look.field
    numeric = look.id_or_slug or look.field == "id"
    missing = '"0"' if numeric else f'"no-such-{look.name.replace("_", "-")}"'
    factory = factory_for(idiom, look.name, parent, lookup.model)
    if factory is not None and idiom is not None:
        made = (look.name, attribute, factory, parent, lookup.model, missing)
        params = [p.name for p in endpoint.spec.route.params]  # the objects the URL names above
        above = params[: params.index(look.param)] if look.param in params else []
        scope = tuple(dict.fromkeys([*endpoint.base.injects, *map(object_name_for, above)]))
        return _from_factory(*made, resolver, idiom, scope)
    model = imports.add(lookup.model, endpoint.spec.at("lookups", look.param, "model"))
    # the parent as the scope field takes it: `project_id` its id, `organization` (a foreign
    # key) the object; `organizations` (a many-to-many) cannot be set by create(): a TODO
    field, todo = lookup.parent_field or "", "set the fields the model requires"
    hop, _, rest = field.partition("__")  # a path through relations is no keyword of create():
    if parent and rest:  # its first step, a fixture of the test case, lives under the parent
        fields = model_fields(resolver, lookup.model) if resolver and idiom else None
        argument = f"{hop}=self.{hop}" if idiom and idiom.has(hop) and hop in (fields or ()) else ""
        value = f"self.{parent}.id" if rest.endswith("_id") else f"self.{parent}"
        todo = todo if argument else f"give it a {hop} whose {rest} is {value}, then {todo}"
    else:
        argument = f"{field}=self.{parent}.id" if parent and field.endswith("_id") else ""
    if parent and not argument and "__" not in field:
        foreign = resolver is not None and numeric_field(resolver, lookup.model, f"{field}_id")
        argument = f"{field}=self.{parent}" if foreign else ""
        todo = todo if foreign else f"add self.{parent} to its {field}, then {todo}"
    arguments = [argument] if argument else []
    arguments += _declared(resolver, lookup.model, before, parent)
    create = f"{model}.objects.create({', '.join(arguments)})"
    return RouteObject(look.name, attribute, create, missing, todo)


def _from_factory(
    name: str,
    attribute: str,
    factory: str,
    parent: str | None,
    model: str | None,
    missing: str | None,
    resolver: Resolver | None,
    idiom: TestIdiom,
    scope: tuple[str, ...] = (),
) -> RouteObject:
    """`self.create_<factory>(<parent>=self.<parent>)`: the parent given where the factory's
    signature names it (`create_release(self, project=None, ...)`, followed through a hand-on
    to `Factories`), or takes `**kwargs` the model may take it from (it declares that field,
    or cannot be read); bare where neither does (Sentry's `create_monitor(**kwargs)` hands it
    to Monitor, which holds `organization_id` only: a TypeError). A parameter the factory
    requires is given from the test case's fixture of that name (`create_repo(self,
    project)`: `project=self.project`); a TODO names any other."""
    method = f"create_{factory}"
    call = idiom.call(method)
    fields = model_fields(resolver, model) if parent and resolver and model else None
    takes = call is None or call.var_keyword
    # one it names (`create_widget(self, project=None)`, `kwargs.get("project")`) is taken from
    # the caller, whatever its body falls back to (`project or self.project`)
    names_it = idiom.names_parameter(method, parent or "")
    itself = not names_it and call is not None and bool({parent, f"{parent}_id"} & call.sets)
    given = (
        bool(parent)
        and not itself
        and (names_it or (takes and (fields is None or parent in fields)))
    )
    arguments = [f"{parent}=self.{parent}"] if given else []
    passed = parent if given else None
    # or as the factory names it: `release_id=self.release.id`, `teams=[self.team]`
    for shape, value in (("{}_id", "self.{}.id"), ("{}s", "[self.{}]")):
        named = shape.format(parent)
        # or into `**kwargs` for a model holding it as a plain column (OrgAuthToken's)
        column = takes and not itself and shape == "{}_id" and named in (fields or ())
        if parent and not passed and (idiom.names_parameter(method, named) or column):
            arguments, passed, given = [f"{named}={value.format(parent)}"], named, True
    # the objects above it the model relates to, into the `**kwargs` the factory hands the
    # model (Sentry's `create_member(teams=None, **kwargs)`: a member needs its organization)
    hands = call is not None and call.var_keyword and (model or "").rpartition(".")[2] in call.makes
    arguments += [
        f"{o}=self.{o}"
        for o in scope
        if hands
        and o not in (parent, passed)
        and o in (fields or ())
        and idiom.has(o)
        and o not in call.keywords  # type: ignore[union-attr]
    ]
    required = [p for p in (call.required if call else ()) if p != passed]
    # a parameter naming the parent in short: `create_commit(project, repo)` under a repository
    abbreviated = [
        p for p in required if parent and not passed and len(p) > 2 and parent.startswith(p)
    ]
    arguments += [f"{p}=self.{parent}" for p in abbreviated]
    required, given = [p for p in required if p not in abbreviated], given or bool(abbreviated)
    arguments += [f"{p}=self.{p}" for p in required if idiom.has(p)]
    left = [p for p in required if not idiom.has(p)]
    create = f"self.{method}({', '.join(arguments)})"
    if left:
        todo = f"give {', '.join(left)}: {method} requires {'it' if len(left) == 1 else 'them'}"
        return RouteObject(name, attribute, create, missing, todo)
    # the test case's fixtures live under one another: `create_repo(project=self.project)` is
    # under `self.organization`; anything else may not be
    under = itself or idiom.has(parent or "") and any(idiom.has(p) for p in required)
    if parent and not given and not under:
        short = (model or "").rpartition(".")[2]
        why = (
            f"{method} takes no {parent}"
            if call and not takes
            else f"{short} has no {parent} field to pass"
        )
        return RouteObject(name, attribute, create, missing, f"put it under self.{parent} ({why})")
    return RouteObject(name, attribute, create, missing)


def _parent_name(parent_expr: str | None) -> str | None:
    """`kwargs["project"]` -> project; `widget` -> widget."""
    if parent_expr is None:
        return None
    if parent_expr.startswith('kwargs["'):
        return parent_expr[len('kwargs["') : -len('"]')]
    return parent_expr


def argument(obj: RouteObject) -> str:
    if obj.attribute is None:
        return f'"{obj.name}"'
    return f"self.{obj.name}.{obj.attribute}"
