"""A lookup filters its model by fields (`Rule.objects.get(project_id=..., id=...)`): a field the
model does not have raises FieldError, a 500 on every request. Where the model and every base
of it can be read (in the project, up to Django's `Model`), a field it provably lacks is refused:
the lookup's `field`, and the `<parent>_id` scoping it when `parent_field` is not given (one the
user gives may be a reverse relation, which this class does not declare). Anything else (a base
from an installed package, fields added from outside the class body) is taken as given.
`dotted_kinds.py` asks the same reading whether a dotted path is a model at all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scaffold.errors import SpecError, did_you_mean
from scaffold.pysource.classes import Resolver
from scaffold.pysource.model_fields import model_facts
from scaffold.records import evolve

if TYPE_CHECKING:
    from scaffold.generate.resolve import Lookup
    from scaffold.spec import ResourceSpec

_DJANGO_MODELS = frozenset({"django.db.models.Model", "django.db.models.base.Model"})
# bases from outside the project known to make no model (`class OwnerKind(Enum)`)
_NO_MODELS = frozenset(
    f"{module}.{name}"
    for module, names in (
        ("enum", ("Enum", "IntEnum", "StrEnum", "Flag", "IntFlag")),
        ("typing", ("NamedTuple", "TypedDict", "Generic", "Protocol")),
        ("abc", ("ABC",)),
    )
    for name in names
)
_ALWAYS = frozenset({"id", "pk"})
_MAX_BASES = 64


def model_fields(resolver: Resolver, dotted: str) -> frozenset[str] | None:
    """The names the model `dotted` and its bases declare (None: some part cannot be read, or
    the classes never reach Django's `Model`: then it is no model this can judge). `resolver`:
    the command's (the catalogue's), so modules read once serve every lookup."""
    found = _model(resolver, dotted)
    return found[0] if isinstance(found, tuple) else None


def never_model(resolver: Resolver, dotted: str) -> bool:
    """True when `dotted` is a class whose bases, all read, never reach Django's `Model`."""
    return _model(resolver, dotted) is False


def model_silo(resolver: Resolver, dotted: str) -> str | None:
    """The silo the model's class decorator keeps it in (`control` for `@control_silo_model`);
    None when it has none or cannot be read."""
    found = resolver.resolve(dotted)
    if found is None:
        return None
    _, module, info = found
    data = resolver.tree.data(module.module)
    facts = model_facts(data, module, info.name) if data is not None else None
    return facts.silo if facts is not None else None


def uuid_field(resolver: Resolver, dotted: str, field: str) -> bool:
    """True when the model provably stores UUIDs in `field` (a `...UUIDField`): Django raises
    ValidationError, and Sentry's own field ValueError, for a value that is no UUID."""
    found = _model(resolver, dotted)
    return isinstance(found, tuple) and field in found[3]


def numeric_field(resolver: Resolver, dotted: str, field: str) -> bool:
    """True when the model provably stores integers in `field` (`id`, an `...IntegerField`, a
    foreign key's `_id`): a URL value that is no number must then be a 404, not the ValueError
    Django raises for `get(number="abc")`."""
    if field in _ALWAYS:
        return True
    found = _model(resolver, dotted)
    return isinstance(found, tuple) and field in found[1]


# names, numeric fields, unique sets (None: unread), UUID fields
_Reading = tuple[frozenset[str], frozenset[str], tuple[frozenset[str], ...] | None, frozenset[str]]


def _model(resolver: Resolver, dotted: str) -> _Reading | bool | None:
    """(the names, the numeric fields, the unique sets or None) the model and its bases
    declare, as `model_fields`; False when every class was read, none reaches Django's `Model`
    and none declares `objects`. A base's unique sets count as the model's (an abstract base's Meta is inherited
    unless the model writes its own: counted anyway, which only ever hides a note)."""
    tree = resolver.tree
    fields: set[str] = set(_ALWAYS)
    numeric: set[str] = set()
    uuid: set[str] = set()
    unique: list[frozenset[str]] | None = []
    pending: list[str | None] = [dotted]
    seen: set[str] = set()
    django = False
    while pending:
        current = pending.pop()
        if current is None or len(seen) > _MAX_BASES:
            return None
        django = django or current in _DJANGO_MODELS
        if current in seen or current in _DJANGO_MODELS or current in _NO_MODELS:
            continue
        seen.add(current)
        found = resolver.resolve(current)
        if found is None:
            return None  # outside the project (or not found): its fields are unknown
        _, module, info = found
        data = tree.data(module.module)
        facts = model_facts(data, module, info.name) if data is not None else None
        if facts is None:
            return None
        fields |= facts.names
        numeric |= facts.numeric
        uuid |= facts.uuid
        unique = None if unique is None or facts.unique is None else [*unique, *facts.unique]
        pending.extend(facts.bases)
    if not django:
        return None if "objects" in fields else False  # a stand-in with a manager of its own
    kept = None if unique is None else tuple(unique)
    return frozenset(fields), frozenset(numeric), kept, frozenset(uuid)


def settled_fields(resolver: Resolver, spec: ResourceSpec, lookup: Lookup) -> Lookup:
    """The lookup with its scope settled (`scoped_through_relation`), once every field it
    filters on is one its model may have (`require_fields`)."""
    lookup = scoped_through_relation(resolver, lookup)
    look = lookup.spec
    if lookup.parent_field is not None and lookup.parent_field in (look.field, "pk"):
        raise SpecError(  # `get(id=widget.id, id=revision_id)` does not even compile
            f"{spec.at('lookups', look.param, 'parent_field')}: {lookup.parent_field!r} is the "
            "object's own key, not its parent's: give the field holding the parent's id, or "
            "parent: null"
        )
    require_fields(resolver, spec, lookup)
    may_repeat = repeats(resolver, lookup.model, look.field, lookup.parent_field)
    return evolve(lookup, may_repeat=may_repeat)


def repeats(resolver: Resolver, dotted: str, field: str, scope: str | None) -> bool:
    """True when the model provably lets two rows share `field` (within `scope`, the column
    holding the parent's id): nothing it declares unique lies within the two, so `.get()` may
    raise MultipleObjectsReturned. False wherever that is not proved: the key itself, a path
    through relations, a scope that is no column (`projects`, many-to-many), a model or a
    Meta not read."""
    filtered = {field} | ({scope} if scope else set())
    if field in _ALWAYS or any("__" in name for name in filtered):
        return False
    found = _model(resolver, dotted)
    if not isinstance(found, tuple):
        return False
    fields, numeric, unique, _ = found
    if (
        unique is None
        or not filtered <= fields
        or (scope and scope not in numeric and f"{scope}_id" not in numeric)
    ):
        return False

    def column(name: str) -> str:  # `project_id` and `project` name one column
        return name[:-3] if name.endswith("_id") and name[:-3] in fields else name

    columns = {column(name) for name in filtered}
    return not any({column(name) for name in group} <= columns for group in unique)


def scoped_through_relation(resolver: Resolver, lookup: Lookup) -> Lookup:
    """The lookup scoped by `<parent>s` instead of the derived `<parent>_id` where the model
    provably holds `<parent>_id` as a column of its own (no `<parent>` relation) and declares
    `<parent>s`: Sentry's Release keeps a legacy, nullable `project_id` and links its projects
    through `projects`, so `project_id=` finds none of the releases `create_release()` makes."""
    parent = (lookup.parent_field or "").removesuffix("_id")
    if lookup.spec.parent_field is not None or not parent or parent == lookup.parent_field:
        return lookup  # given in the spec, unscoped, or not a derived `<parent>_id`
    found = _model(resolver, lookup.model)
    if not isinstance(found, tuple):
        return lookup
    fields = found[0]
    if parent in fields or f"{parent}s" not in fields:
        return lookup
    return evolve(lookup, parent_field=f"{parent}s")


def require_fields(resolver: Resolver, spec: ResourceSpec, lookup: Lookup) -> None:
    """SpecError for the first field the lookup filters on that its model provably lacks. A
    path through relations (`projectteam__project_id`) is taken as given: a reverse relation
    is named by the model that points here, not declared in this class."""
    found: _Reading | bool | None = None
    model = lookup.model
    if lookup.spec.field_guessed:  # the parameter's name, where the model provably has it
        _require_guessed(resolver, spec, lookup)
    for field, where, advice in _fields_used(spec, lookup):
        own = field
        if own in _ALWAYS or "__" in own:
            continue
        found = found if found is not None else _model(resolver, model)
        if not isinstance(found, tuple):
            return
        fields, numeric, _, _ = found
        if own not in fields:
            known = _suggestible(fields, numeric)
            if own == lookup.parent_field:  # the parent's field: never the object's own key
                known = [name for name in known if name not in ("id", "pk", lookup.spec.field)]
            why = (
                f", which {lookup.spec.param} is matched against when no field is given"
                if own == lookup.spec.field and lookup.spec.field_defaulted
                else ""
            )
            raise SpecError(
                f"{where}: {model} has no field {own!r}{did_you_mean(own, known)}{why}; {advice}"
            )


def _require_guessed(resolver: Resolver, spec: ResourceSpec, lookup: Lookup) -> None:
    param, model = lookup.spec.param, lookup.model
    found = _model(resolver, model)
    how = f"write --lookup {param}={model}:FIELD" if spec.locator.is_flags else "add 'field'"
    if not isinstance(found, tuple):
        why = f"{model}'s fields cannot be read"
    elif param not in found[0]:
        known = _suggestible(found[0], found[1])
        why = f"{model} has no field {param!r}{did_you_mean(param, known)}"
    else:
        return
    raise SpecError(
        f"{spec.at('lookups', param)}: say which model field {param!r} matches: {why}; {how}"
    )


def _suggestible(fields: frozenset[str], numeric: frozenset[str]) -> list[str]:
    """The names worth suggesting: not private, not the manager, and an `_id` form only where
    it is a foreign key's column (the others are accepted only because a call's kind was not
    read: `objects = Manager()` gives an `objects_id` no filter takes)."""
    return sorted(
        name
        for name in fields
        if not name.startswith("_")
        and name != "objects"
        and not (name.endswith("_id") and name[:-3] in fields and name not in numeric)
    )


def _fields_used(spec: ResourceSpec, lookup: Lookup) -> list[tuple[str, str, str]]:
    """The model fields a lookup filters on, where each was given, and what to do if absent."""
    look = lookup.spec
    advice = "check the field name"
    if look.field_defaulted:  # the user named no field: say which one was meant and why
        stem = look.param.removesuffix("_slug").removesuffix("_id_or")
        how = (
            f"write --lookup {look.param}={lookup.model}:FIELD"
            if spec.locator.is_flags
            else "add 'field'"
        )
        advice = f"{how}, or name the parameter {stem}_id to look it up by id"
    used = [(look.field, spec.at("lookups", look.param, "field"), advice)]
    if lookup.parent_field is not None and look.parent_field is None:  # the derived one
        expr = lookup.parent_expr or ""
        parent = expr.removeprefix('kwargs["').removesuffix('"]')
        where = spec.at("lookups", look.param, "parent_field")
        advice = f"set parent_field to the field holding the {parent}'s id, or parent to null"
        if spec.locator.is_flags:  # --lookup has no such parts: a spec does
            advice = (
                f"write the resource in a spec (scaffold generate) with lookups.{look.param}."
                f"parent_field naming the field holding the {parent}'s id, or parent: null"
            )
        used.append((lookup.parent_field, where, advice))
    elif (lookup.parent_field or "").endswith("_id"):  # given: a column, no reverse relation
        where = spec.at("lookups", look.param, "parent_field")
        used.append((lookup.parent_field or "", where, "check the field name"))
    return used
