"""What an endpoint is marked with, from the spec checked against the project: its silo
decorator, its `ApiOwner` member and an `ApiPublishStatus` member per method."""

from __future__ import annotations

from scaffold.errors import SpecError, did_you_mean
from scaffold.project.base_names import silo_named
from scaffold.project.catalog import BaseClass, Catalog
from scaffold.project.settings import Settings
from scaffold.pysource.classes import Resolver
from scaffold.pysource.permissions import permissions_beside
from scaffold.spec import ResourceSpec

DEFAULT_OWNER = "UNOWNED"
DEFAULT_STATUS = "PRIVATE"


def decorator_of(
    spec: ResourceSpec, settings: Settings, models_silo: str | None = None
) -> str | None:
    """The silo decorator: the spec's, else the one of the silo every lookup's model is kept in
    (a control-only model is read in the control silo alone), else the project's default."""
    if spec.silo == "none":
        return None
    decorators = settings.silo_decorators
    if spec.silo is None:
        wanted = f"{models_silo}_silo_endpoint"
        return wanted if wanted in decorators else settings.default_silo
    for candidate in (spec.silo, f"{spec.silo}_silo_endpoint"):
        if candidate in decorators:
            return candidate
    if not decorators:
        raise SpecError(
            f"{spec.at('silo')}: api/base.py defines no *_silo_endpoint decorator; remove "
            f"{spec.named('silo')}"
        )
    short = [d.removesuffix("_silo_endpoint") for d in decorators]
    raise SpecError(
        f"{spec.at('silo')}: unknown silo {spec.silo!r}{did_you_mean(spec.silo, short)}; "
        f"use one of {', '.join(short)} or none"
    )


def base_named_silo(spec: ResourceSpec, catalog: Catalog) -> str | None:
    """`control` when the spec's base is named for that silo (`ControlSiloOrganizationEndpoint`,
    whose endpoints are control-silo ones), else None."""
    base = catalog.find(spec.base) if spec.base else None
    named = silo_named(base.name, {b.name for b in catalog.bases}) if base else None
    return named[0].removesuffix("Silo").lower() if named else None


def owner_of(spec: ResourceSpec, settings: Settings, inherited: bool = False) -> str | None:
    """The `ApiOwner` member to write: the spec's; else none where the base (or a class between
    it and the root) sets one, which the endpoint inherits (`GroupEndpoint`'s `ISSUES`); else
    the default."""
    enum = settings.owner_enum
    if enum is not None and spec.owner is None and inherited:
        return None
    if enum is None:
        if spec.owner:
            raise SpecError(
                f"{spec.at('owner')}: the project defines no ApiOwner; remove {spec.named('owner')}"
            )
        return None
    member = (spec.owner or DEFAULT_OWNER).upper()
    if member not in enum.members:
        raise SpecError(
            f"{spec.at('owner')}: {spec.owner!r} is not an ApiOwner member"
            f"{did_you_mean(member, enum.members)}; use one of {', '.join(enum.members).lower()}"
        )
    return member


def publish_status_of(spec: ResourceSpec, settings: Settings) -> dict[str, str]:
    enum = settings.publish_status_enum
    if enum is None:
        if spec.publish_status:
            raise SpecError(
                f"{spec.at('publish_status')}: the project defines no ApiPublishStatus; remove it"
            )
        return {}
    statuses = {m: spec.publish_status.get(m, DEFAULT_STATUS) for m in spec.methods}
    for method, status in statuses.items():
        if status not in enum.members:
            raise SpecError(
                f"{spec.at('publish_status')}: {status.lower()!r} ({method}) is not an "
                f"ApiPublishStatus member{did_you_mean(status, enum.members)}; use one of "
                f"{', '.join(enum.members).lower()}"
            )
    return statuses


def base_sets_owner(resolver: Resolver, base: str) -> bool:
    """The base `base` (a dotted path), or an ancestor of it short of the root, assigns `owner`."""
    endpoint = resolver.endpoint(base)
    return endpoint is not None and any(
        info is not None and info.owner is not None
        for dotted, info in endpoint.ancestry
        if dotted != endpoint.root
    )


def require_permitting(spec: ResourceSpec, catalog: Catalog, base: BaseClass) -> None:
    """A SpecError when a new class on `base` would answer 403 to everyone (Sentry's root
    `Endpoint` holds `NoPermission`) and the spec names no permission classes; it names the
    permission classes beside the refusing one, which the user may mean."""
    refusing = None if spec.permission_classes else catalog.refusing_permission(base)
    if refusing is None:
        return
    module, _, name = refusing.rpartition(".")
    beside = ", ".join(permissions_beside(catalog.resolver, refusing))
    raise SpecError(
        f"{spec.at('permission_classes')}: {base.name} refuses every request ({name}."
        "has_permission returns False); name the permission class this endpoint needs with "
        + spec.named("permission_classes")
        + (f" ({module}, beside {name}, defines {beside}: give {module}.NAME)" if beside else "")
    )
