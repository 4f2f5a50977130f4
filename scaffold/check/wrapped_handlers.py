"""Handlers a class's `@method_decorator(x, name="get")` wraps where the class inherits them:
Django's method_decorator wraps the attribute the class inherits and sets the wrapper on the
class, so Django calls the inherited handler through x."""

from __future__ import annotations

from scaffold.pysource.classes import EndpointClass
from scaffold.pysource.method_decorators import WRAPPED_INHERITED
from scaffold.pysource.modules import ClassInfo, Signature
from scaffold.records import evolve

Handler = tuple[str, ClassInfo, Signature]  # the class defining it, its info, what Django meets


def handler_signatures(endpoint: EndpointClass) -> dict[str, Handler]:
    """HTTP method -> the handler Django calls, first in the MRO; one a class wraps with
    `method_decorator(x, name=method)` and inherits is the inherited one, its decorators
    followed by x (as the wrapper's are judged), where the class it inherits from is certain
    (its own ancestors before it are read); else it stays as the class reads it (not
    followed)."""
    found: dict[str, Handler] = {}
    for method, (dotted, info) in endpoint.handlers().items():
        signature = info.methods[method]
        inherited = _inherited(endpoint, dotted, method) if _wraps(signature, method) else None
        while inherited is not None:
            dotted, info = inherited
            own = info.methods[method]
            signature = evolve(own, decorators=(*own.decorators, *signature.decorators))
            inherited = _inherited(endpoint, dotted, method) if _wraps(own, method) else None
        found[method] = (dotted, info, signature)
    return found


def _wraps(signature: Signature, method: str) -> bool:
    return signature.opaque == f"{method} is {WRAPPED_INHERITED}"


def _inherited(endpoint: EndpointClass, wrapping: str, method: str) -> tuple[str, ClassInfo] | None:
    """The class whose `method` the class `wrapping` of the endpoint's MRO inherits: the next
    of its own ancestors defining it in the endpoint's MRO (C3 keeps the wrapping class's own
    MRO in that order, other classes between), where each of them up to it is read; None
    where that is not certain."""
    ancestry = endpoint.ancestry
    start = next((i for i, (d, _) in enumerate(ancestry) if d == wrapping), None)
    if start is None or start >= endpoint.framework_end:
        return None
    own = _ancestors(endpoint, wrapping)
    for dotted, info in ancestry[start + 1 : endpoint.framework_end]:
        if dotted not in own:
            continue  # a class the endpoint adds after the wrapping one: not what it wraps
        if info is None:
            return None  # outside the tree: it may define the method
        if method in info.methods:
            return dotted, info
    return None  # the framework's, or none: Django refuses the class


def _ancestors(endpoint: EndpointClass, start: str) -> set[str]:
    """The classes of the endpoint's ancestry `start` derives from, itself included."""
    infos = dict(endpoint.ancestry)
    defined_as = endpoint.defined_as
    found, todo = set(), [start]
    while todo:
        dotted = todo.pop()
        info = infos.get(dotted)
        if dotted not in found and info is not None and defined_as is not None:
            todo += [defined_as(base) or base for base in info.base_paths]
        found.add(dotted)
    return found


def decorating(endpoint: EndpointClass, method: str, decorator: str) -> tuple[str, ClassInfo]:
    """The class whose `method` `decorator` decorates, of those `handler_signatures` followed
    (the first handler of the MRO where none of them names it)."""
    first = dotted, info = endpoint.handlers()[method]
    while decorator not in info.methods[method].decorators:
        inherited = _inherited(endpoint, dotted, method)
        if inherited is None or not _wraps(info.methods[method], method):
            return first
        dotted, info = inherited
    return dotted, info
