"""A lookup filters its model by fields (`Rule.objects.get(project_id=..., id=...)`): a field the
model does not have raises FieldError, a 500 on every request. Where the model and every base
of it can be read (in the project, up to Django's `Model`), a field it provably lacks is refused:
the lookup's `field`, and the `<parent>_id` scoping it when `parent_field` is not given (one the
user gives may be a reverse relation, which this class does not declare). Anything else (a base
from an installed package, fields added from outside the class body) is taken as given."""

from __future__ import annotations

from scaffold.errors import SpecError, did_you_mean
from scaffold.pysource.classes import Resolver
from scaffold.pysource.model_fields import model_facts

_DJANGO_MODELS = frozenset({"django.db.models.Model", "django.db.models.base.Model"})
_ALWAYS = frozenset({"id", "pk"})
_MAX_BASES = 64


def model_fields(resolver: Resolver, dotted: str) -> frozenset[str] | None:
    """The names the model `dotted` and its bases declare (None: some part cannot be read, or
    the classes never reach Django's `Model`: then it is no model this can judge). `resolver`:
    the command's (the catalogue's), so modules read once serve every lookup."""
    found = _model(resolver, dotted)
    return found[0] if isinstance(found, tuple) else None


def require_model(resolver: Resolver, dotted: str, where: str) -> None:
    """SpecError when `dotted` provably names no Django model: a function or value of the
    project, or an endpoint class (the lookup's `.objects.get(...)` would raise
    AttributeError, a 500 on every request). A class of the project whose bases never reach
    `Model` is taken as given: projects keep stand-ins for models in tests and fixtures."""
    module, _, name = dotted.rpartition(".")
    info = resolver.tree.info(module) if module else None
    is_value = (
        info is not None
        and name in info.names
        and name not in info.classes
        and name not in info.imports  # `Widget = NewWidget`: another name for a class
    )
    if is_value or resolver.is_endpoint(dotted):
        raise SpecError(
            f"{where}: {dotted} is no Django model (a function, a value or an endpoint of "
            "the project); name the model the parameter looks up"
        )


def numeric_field(resolver: Resolver, dotted: str, field: str) -> bool:
    """True when the model provably stores integers in `field` (`id`, an `...IntegerField`, a
    foreign key's `_id`): a URL value that is no number must then be a 404, not the ValueError
    Django raises for `get(number="abc")`."""
    if field in _ALWAYS:
        return True
    found = _model(resolver, dotted)
    return isinstance(found, tuple) and field in found[1]


def _model(resolver: Resolver, dotted: str) -> tuple[frozenset[str], frozenset[str]] | bool | None:
    """(the names, the numeric fields) the model and its bases declare, as `model_fields`;
    False when every class was read and none reaches Django's `Model`."""
    tree = resolver.tree
    fields: set[str] = set(_ALWAYS)
    numeric: set[str] = set()
    pending: list[str | None] = [dotted]
    seen: set[str] = set()
    django = False
    while pending:
        current = pending.pop()
        if current is None or len(seen) > _MAX_BASES:
            return None
        django = django or current in _DJANGO_MODELS
        if current in seen or current in _DJANGO_MODELS:
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
        pending.extend(facts.bases)
    return (frozenset(fields), frozenset(numeric)) if django else False


def require_fields(resolver: Resolver, model: str, wanted: list[tuple[str, str, str]]) -> None:
    """SpecError for the first `(field, where, what to do)` the model provably lacks. A path
    through relations (`projectteam__project_id`) is taken as given: a reverse relation is
    named by the model that points here, not declared in this class."""
    fields = None
    for field, where, advice in wanted:
        own = field
        if own in _ALWAYS or "__" in own:
            continue
        fields = fields if fields is not None else model_fields(resolver, model)
        if fields is None:
            return
        if own not in fields:
            known = sorted(f for f in fields if not f.startswith("_") and f != "objects")
            raise SpecError(
                f"{where}: {model} has no field {own!r}{did_you_mean(own, known)}; {advice}"
            )
