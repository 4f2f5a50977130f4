"""Source text of the Sentry-scale tree's endpoint modules, product bases and handler mixins."""

from __future__ import annotations

from collections.abc import Sequence

from tests.support.pysource import Import, render_imports
from tests.support.sentry_endpoints import HANDLER_MIXIN, PKG, Base, EndpointSpec

HEAD = '"""{doc}"""\n\nfrom __future__ import annotations\n\n'

INDEX_GET = '''
    def get(self, request: Request{sig}) -> Response:
        """List the {noun} records visible to the caller, newest first, one page at a time."""
        queryset = {query}
        text = request.GET.get("query", "").strip()
        if text:
            queryset = queryset.filter(name__icontains=text)
        status = request.GET.get("status")
        if status is not None:
            queryset = queryset.filter(status=status)
        logger.info("{event}.list", extra={{"count": queryset.count()}})
        return self.paginate(
            request=request,
            queryset=queryset,
            order_by="-date_added",
            paginator_cls=OffsetPaginator,
            on_results=lambda results: serialize(results, request.user),
        )
'''
DETAILS_GET = '''
    def get(self, request: Request{sig}) -> Response:
        """Return one {noun}, or 404 when it does not exist here."""
        try:
            item = {query}.get({lookup})
        except {model}.DoesNotExist:
            raise ResourceDoesNotExist from None
        logger.info("{event}.fetched", extra={{"id": item.id}})
        return Response(serialize(item, request.user))
'''
STATS_GET = '''
    def get(self, request: Request{sig}) -> Response:
        """Counts of {noun} records per interval over the requested period."""
        start, end = get_date_range(request.GET, default_days=14)
        interval = request.GET.get("interval", "1h")
        queryset = {query}.filter(date_added__gte=start, date_added__lt=end)
        buckets: dict[str, int] = {{}}
        for row in queryset.values("date_added"):
            key = row["date_added"].strftime("%Y-%m-%dT%H:00:00")
            buckets[key] = buckets.get(key, 0) + 1
        logger.info("{event}.stats", extra={{"interval": interval}})
        return Response({{"interval": interval, "buckets": sorted(buckets.items())}})
'''
POST = '''
    def post(self, request: Request{sig}) -> Response:
        """Create a {noun} from the request body; 400 with the field errors when it is invalid."""
        serializer = {serializer}(data=request.data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=400)
        with transaction.atomic(router.db_for_write({model})):
            item = {model}.objects.create({create}**serializer.validated_data)
        logger.info("{event}.created", extra={{"id": item.id}})
        return Response(serialize(item, request.user), status=201)
'''
PUT = '''
    def put(self, request: Request{sig}) -> Response:
        """Update the fields of the {noun} given in the body; the others keep their values."""
        try:
            item = {query}.get({lookup})
        except {model}.DoesNotExist:
            raise ResourceDoesNotExist from None
        serializer = {serializer}(item, data=request.data, partial=True)
        if not serializer.is_valid():
            return Response(serializer.errors, status=400)
        for key, value in serializer.validated_data.items():
            setattr(item, key, value)
        item.save()
        logger.info("{event}.updated", extra={{"id": item.id}})
        return Response(serialize(item, request.user))
'''
DELETE = '''
    def delete(self, request: Request{sig}) -> Response:
        """Delete the {noun}; later requests for it get 404."""
        deleted, _ = {query}.filter({lookup}).delete()
        if not deleted:
            raise ResourceDoesNotExist
        logger.info("{event}.deleted", extra={{"user": request.user.id}})
        return Response(status=204)
'''
SERIALIZER = '''

class {name}(serializers.Serializer):
    """Fields a client may send to create or change a {noun}."""

    name = serializers.CharField(max_length=64)
    slug = serializers.SlugField(max_length=50, required=False)
    status = serializers.ChoiceField(choices=("active", "disabled"), default="active")

    def validate_name(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("Enter a name that is not blank.")
        return value.strip()
'''
BODIES = {"post": POST, "put": PUT, "delete": DELETE}
COMMON: tuple[Import, ...] = (
    ("logging", None),
    (f"{PKG}.api.api_owners", "ApiOwner"),
    (f"{PKG}.api.api_publish_status", "ApiPublishStatus"),
)
HANDLER_IMPORTS = (("rest_framework.request", "Request"), ("rest_framework.response", "Response"))
GET_IMPORTS: dict[str, tuple[Import, ...]] = {
    "index": ((f"{PKG}.api.paginator", "OffsetPaginator"), (f"{PKG}.api.serializers", "serialize")),
    "details": (
        (f"{PKG}.api.exceptions", "ResourceDoesNotExist"),
        (f"{PKG}.api.serializers", "serialize"),
    ),
    "stats": ((f"{PKG}.utils.dates", "get_date_range"),),
}
WRITE_IMPORTS: dict[str, tuple[Import, ...]] = {
    "post": (("django.db", "router"), ("django.db", "transaction"), ("rest_framework", "serializers"),
             (f"{PKG}.api.serializers", "serialize")),
    "put": ((f"{PKG}.api.exceptions", "ResourceDoesNotExist"), ("rest_framework", "serializers"),
            (f"{PKG}.api.serializers", "serialize")),
    "delete": ((f"{PKG}.api.exceptions", "ResourceDoesNotExist"),),
}  # fmt: skip


def _class_text(spec: EndpointSpec) -> tuple[str, set[Import]]:
    imports: set[Import] = {(spec.base.module, spec.base.name), (f"{PKG}.api.base", spec.silo)}
    sig = "".join(f", {kwarg}: {cls}" for kwarg, cls, _ in spec.base.injects)
    sig += "".join(f", {param}: str" for param in spec.params)
    model, noun = spec.model[0], spec.model[0].lower()
    scope = spec.base.injects[-1][0] if spec.base.injects else None
    query = f"{model}.objects.filter({scope}_id={scope}.id)" if scope else f"{model}.objects.all()"
    lookup = f"id={spec.params[-1]}" if spec.params else 'id=request.GET.get("id")'
    stem = spec.name.removesuffix("Endpoint")
    fields = {
        "sig": sig, "noun": noun, "query": query, "lookup": lookup, "model": model,
        "event": stem.lower(), "serializer": f"{stem}Serializer",
        "create": f"{scope}_id={scope}.id, " if scope else "",
    }  # fmt: skip
    parents = f"{HANDLER_MIXIN[0]}, {spec.base.name}" if spec.mixin else spec.base.name
    status = "".join(
        f'        "{m.upper()}": ApiPublishStatus.{s},\n'
        for m, s in zip(spec.methods, spec.statuses, strict=True)
    )
    text = (
        f"\n\n@{spec.silo}\nclass {spec.name}({parents}):\n"
        f'    """{spec.kind.capitalize()} route for {noun} records."""\n\n'
        f"    owner = ApiOwner.{spec.owner}\n    publish_status = {{\n{status}    }}\n"
    )
    if spec.mixin:
        imports.add((HANDLER_MIXIN[1], HANDLER_MIXIN[0]))
        return text, imports
    imports |= {(spec.model[1], spec.model[0]), *HANDLER_IMPORTS}
    imports.update((module, cls) for _, cls, module in spec.base.injects)
    get = {"index": INDEX_GET, "details": DETAILS_GET, "stats": STATS_GET}[spec.kind]
    text += get.format(**fields)
    imports.update(GET_IMPORTS[spec.kind])
    for method in spec.methods[1:]:
        text += BODIES[method].format(**fields)
        imports.update(WRITE_IMPORTS[method])
    if {"post", "put"} & set(spec.methods):
        text += SERIALIZER.format(name=f"{stem}Serializer", noun=noun)
    return text, imports


def endpoint_module(specs: Sequence[EndpointSpec]) -> str:
    """One endpoint module defining `specs` (classes that share a module, in route order)."""
    imports: set[Import] = set(COMMON)
    bodies = []
    for spec in specs:
        text, needed = _class_text(spec)
        bodies.append(text)
        imports |= needed
    doc = f"API endpoints: {', '.join(spec.name for spec in specs)}."
    if len(doc) > 96:
        doc = f"API endpoints for {specs[0].model[0].lower()} records."
    logger = "\nlogger = logging.getLogger(__name__)\n"
    return HEAD.format(doc=doc) + render_imports(imports) + logger + "".join(bodies)


PRODUCT_BASE = '''

class {name}({parent}):
    """Resolves the {noun} in the URL within its {scope}, and passes it on as `{kwarg}`."""

    def convert_args(self, request, {param}, *args, **kwargs):
        args, kwargs = super().convert_args(request, *args, **kwargs)
        try:
            kwargs["{kwarg}"] = {model}.objects.get(
                id={param}, {scope}_id=kwargs["{scope}"].id
            )
        except {model}.DoesNotExist:
            raise ResourceDoesNotExist from None
        return (args, kwargs)
'''


def product_bases_module(bases: Sequence[Base]) -> str:
    """`<product>/endpoints/bases.py`: bases adding one nested lookup to a core base each."""
    imports: set[Import] = {(f"{PKG}.api.exceptions", "ResourceDoesNotExist")}
    bodies = []
    for base in bases:
        assert base.parent is not None
        kwarg, model, module = base.injects[-1]
        imports |= {(base.parent.module, base.parent.name), (module, model)}
        scope = base.parent.injects[-1][0]
        bodies.append(
            PRODUCT_BASE.format(
                name=base.name, parent=base.parent.name, noun=kwarg.replace("_", " "),
                scope=scope, kwarg=kwarg, param=base.consumes[-1], model=model,
            )
        )  # fmt: skip
    head = HEAD.format(doc="Endpoint bases that resolve this product's objects from the URL.")
    return head + render_imports(imports) + "".join(bodies)


MIXINS = '''"""Mixins that give endpoints ready-made handlers and helpers."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.response import Response

from bigco.utils.dates import get_date_range


class StatsQueryMixin:
    """Answers GET with the number of matching rows per day; mix it in before the base class."""

    stats_days = 14

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        start, end = get_date_range(request.GET, default_days=self.stats_days)
        scope = {key: getattr(value, "id", value) for key, value in kwargs.items()}
        return Response({"start": start.isoformat(), "end": end.isoformat(), "scope": scope})


class EnvironmentMixin:
    """Reads the `environment` query parameters; handlers call it, it handles nothing itself."""

    def get_environment_names(self, request: Request) -> list[str]:
        return [name for name in request.GET.getlist("environment") if name]
'''
