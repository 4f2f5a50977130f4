"""What a dotted path the user gave provably is not: a lookup `model` that is a module, a
function, a value, an endpoint or a class never reaching Django's `Model`, or a permission class
that is a module, a function, a value, an endpoint or a model. Each would fail on every request
(`models.objects.get(...)`, `has_permission` on a model), so each is refused before writing."""

from __future__ import annotations

import os
from pathlib import Path

from scaffold.errors import SpecError
from scaffold.generate.lookup_fields import model_fields, never_model
from scaffold.pysource.classes import Resolver


def require_model(resolver: Resolver, dotted: str, where: str) -> None:
    """SpecError when `dotted` provably names no Django model: a function or value of the
    project, or an endpoint class (the lookup's `.objects.get(...)` would raise
    AttributeError, a 500 on every request), or a class whose bases, all read, never reach
    `Model` (a plain class, an Enum). One that declares `objects` is taken as given: projects
    keep stand-ins for models in tests and fixtures."""
    if _is_module(resolver, dotted):
        raise SpecError(
            f"{where}: {dotted} is a module of the project, no Django model; name the model "
            "class in it"
        )
    if _is_value(resolver, dotted) or resolver.is_endpoint(dotted) or never_model(resolver, dotted):
        raise SpecError(
            f"{where}: {dotted} is no Django model (a function, a value or an endpoint of "
            "the project); name the model the parameter looks up"
        )


def require_permission(resolver: Resolver, dotted: str, where: str) -> None:
    """SpecError when `dotted` provably names no permission class: a function or value, an
    endpoint or a Django model of the project (DRF calls `has_permission` on an instance of
    each permission class: every request would be a 500)."""
    if _is_module(resolver, dotted):
        raise SpecError(
            f"{where}: {dotted} is a module of the project, no permission class; name the class "
            "in it"
        )
    if (
        _is_value(resolver, dotted)
        or resolver.is_endpoint(dotted)
        or model_fields(resolver, dotted)
    ):
        raise SpecError(
            f"{where}: {dotted} is no permission class (a function, a value, an endpoint or a "
            "model of the project); name a class with has_permission, e.g. a BasePermission"
        )


def _is_module(resolver: Resolver, dotted: str) -> bool:
    """A module or package of the project (`sentry.models`: `models.objects.get(...)` would
    raise AttributeError) that its parent binds as no class."""
    module, _, name = dotted.rpartition(".")
    found = resolver.tree.file_for(dotted)
    if found is None:
        return False
    folder = Path(found.path).parent.parent if found.is_package else Path(found.path).parent
    try:  # as spelled there: a filesystem blind to case finds project.py for `Project`
        if name not in {entry.removesuffix(".py") for entry in os.listdir(folder)}:
            return False
    except OSError:
        return False
    parent = resolver.tree.info(module) if module else None
    return parent is None or (
        name not in parent.classes and parent.imports.get(name, dotted) == dotted
    )


def _is_value(resolver: Resolver, dotted: str) -> bool:
    """The module binds the name, but not as a class or another name for one."""
    module, _, name = dotted.rpartition(".")
    info = resolver.tree.info(module) if module else None
    return (
        info is not None
        and name in info.names
        and name not in info.classes
        and name not in info.imports  # `Widget = NewWidget`: another name for a class
    )
