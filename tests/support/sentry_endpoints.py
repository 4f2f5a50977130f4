"""Endpoint classes of the Sentry-scale tree: which base each routed class needs, and its module."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass

from tests.support import synthetic as syn
from tests.support.pysource import camel
from tests.support.sentry_routes import RouteUse, Routing

PKG = syn.PACKAGE
OWNERS = ("ALERTS", "CRONS", "DASHBOARDS", "ENTERPRISE", "INTEGRATIONS", "ISSUES", "TELEMETRY")
STATUSES = ("PUBLIC", "PRIVATE", "PRIVATE", "EXPERIMENTAL")
HANDLER_MIXIN = ("StatsQueryMixin", f"{PKG}.api.helpers.mixins")
FALLBACK_MODEL = ("AuditLogEntry", f"{PKG}.models.auditlogentry")


@dataclass(frozen=True)
class Base:
    """An endpoint base: the URL kwargs its convert_args chain consumes and the objects it injects."""

    name: str
    module: str
    consumes: tuple[str, ...]
    injects: tuple[tuple[str, str, str], ...]  # (kwarg, model class, model module)
    parent: Base | None = None


def _core(name: str, module: str, consumes: tuple[str, ...], model: str) -> Base:
    inject = (model, camel(model), f"{PKG}.models.{model}")
    return Base(name, f"{PKG}.api.bases.{module}", consumes, (inject,))


ENDPOINT = Base("Endpoint", f"{PKG}.api.base", (), ())
ORG = "organization_id_or_slug"
SCOPE_BASES = {
    "organization": _core("OrganizationEndpoint", "organization", (ORG,), "organization"),
    "project": _core("ProjectEndpoint", "project", (ORG, "project_id_or_slug"), "project"),
    "team": _core("TeamEndpoint", "team", (ORG, "team_id_or_slug"), "team"),
    "user": _core("UserEndpoint", "user", ("user_id",), "user"),
    "group": _core("GroupEndpoint", "group", ("issue_id", ORG), "group"),
}
SCOPE_BASES["billing"] = SCOPE_BASES["organization"]
SILOS = {"user": "control_silo_endpoint", "auth": "control_silo_endpoint"}


@dataclass(frozen=True)
class EndpointSpec:
    """One concrete endpoint class and everything its module needs to define it."""

    name: str
    module: str
    base: Base
    params: tuple[str, ...]  # URL kwargs the handlers take (those the base does not consume)
    methods: tuple[str, ...]
    kind: str  # index, details or stats
    model: tuple[str, str]  # (class, module) of the resource
    mixin: bool
    silo: str
    owner: str
    statuses: tuple[str, ...]


def _heads() -> dict[str, str]:
    """`alert-rules` -> `alert_rule` for every section head of every scope."""
    from tests.support.sentry_routes import BILLING_SCOPE, PLUGIN_SCOPE

    scopes = (*syn.SCOPES, syn.GROUP_SCOPE, syn.TOP_SCOPE, BILLING_SCOPE, PLUGIN_SCOPE)
    return {syn._kebab([syn._plural(s.head)]): s.head for scope in scopes for s in scope.sections}


def _area(module: str) -> str | None:
    part = module.split(".")[1]
    return None if part == "api" else part


def _model_for(use: RouteUse, base: Base, module: str, heads: dict[str, str]) -> tuple[str, str]:
    """The model of the route's first literal segment's section, else the base's last object."""
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "", use.pattern).strip("^$")
    literals = [segment for segment in path.split("/") if segment]
    head = heads.get(literals[0]) if literals else None
    if head is None:
        return (base.injects[-1][1], base.injects[-1][2]) if base.injects else FALLBACK_MODEL
    area = _area(module)
    return camel(head), f"{PKG}.{area}.models.{head}" if area else f"{PKG}.models.{head}"


class BaseRegistry:
    """Product bases (`ProjectMonitorEndpoint(ProjectEndpoint)`) created as routes need them."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)
        self.product: dict[str, Base] = {}

    def choose(self, use: RouteUse, module: str) -> Base:
        base = SCOPE_BASES.get(use.scope_key, ENDPOINT)
        extra = [g for g in use.groups if g not in base.consumes]
        area = _area(module)
        if base is ENDPOINT or area is None or not extra or use.scope_key == "group":
            return base
        head = extra[0].removesuffix("_id")
        name = base.name.removesuffix("Endpoint") + camel(head) + "Endpoint"
        if name in self.taken and name not in self.product:
            return base
        if name not in self.product:
            inject = (head, camel(head), f"{PKG}.{area}.models.{head}")
            consumes = (*base.consumes, extra[0])
            module_name = f"{PKG}.{area}.endpoints.bases"
            self.product[name] = Base(name, module_name, consumes, (*base.injects, inject), base)
        return self.product[name]


def _methods(kind: str, rng: random.Random) -> tuple[str, ...]:
    if kind == "stats":
        return ("get",)
    if kind == "details":
        return ("get", *(m for m in ("put", "delete") if rng.random() < 0.7))
    return ("get", "post") if rng.random() < 0.5 else ("get",)


def endpoint_specs(routing: Routing, seed: int = 0) -> tuple[list[EndpointSpec], BaseRegistry]:
    """Every routed class as a spec (first route decides), in a stable order."""
    rng = random.Random(seed + 3)
    heads = _heads()
    registry = BaseRegistry(routing.class_modules)
    specs: dict[str, EndpointSpec] = {}
    for use in routing.uses:
        if use.view in specs:
            continue
        module = routing.class_modules[use.view]
        base = registry.choose(use, module)
        params = tuple(g for g in use.groups if g not in base.consumes)
        kind = next((k for k in ("details", "stats") if use.url_name.endswith(k)), "index")
        methods = _methods(kind, rng)
        mixin = methods == ("get",) and kind == "index" and rng.random() < 0.15
        specs[use.view] = EndpointSpec(
            name=use.view,
            module=module,
            base=base,
            params=params,
            methods=methods,
            kind=kind,
            model=_model_for(use, base, module, heads),
            mixin=mixin,
            silo=SILOS.get(
                use.scope_key,
                "all_silo_endpoint" if rng.random() < 0.05 else "region_silo_endpoint",
            ),
            owner=rng.choice(OWNERS),
            statuses=tuple(rng.choice(STATUSES) for _ in methods),
        )
    return list(specs.values()), registry
