"""A `dispatch` wrapped by decorators: `@method_decorator(x, name="dispatch")` on a class that
inherits dispatch, and the decorators on the root's own."""

from __future__ import annotations

from scaffold.pysource.classes import EndpointClass
from scaffold.pysource.decorators import changes_arguments
from scaffold.pysource.method_decorators import WRAPPED_INHERITED
from scaffold.pysource.modules import Signature
from scaffold.pysource.tree import Tree

_INHERITED = f"dispatch is {WRAPPED_INHERITED}"  # what modules.py says of such a dispatch


def inherited_as_is(tree: Tree, dispatch: Signature) -> bool:
    """The class wraps the dispatch it inherits (`@method_decorator(csrf_exempt,
    name="dispatch")`) with decorators each proven to pass the URL arguments on as they came,
    as a handler's are judged (`changes_arguments`): Django calls the inherited one with them."""
    inherited = dispatch.opaque == _INHERITED
    return inherited and all(changes_arguments(tree, d) is None for d in dispatch.decorators)


def dispatch_wrapped(endpoint: EndpointClass) -> bool:
    """The dispatch Django calls is decorated by more than `csrf_exempt`, on the root or by a
    class's `method_decorator(x, name="dispatch")`: the wrapper may answer a method itself
    (Sentry's `allow_cors_options` answers OPTIONS without calling dispatch)."""
    for dotted, info in endpoint.ancestry:
        dispatch = info.methods.get("dispatch") if info is not None else None
        root = dotted == endpoint.root
        wrapped = dispatch is not None and (root or dispatch.opaque == _INHERITED)
        decorators = dispatch.decorators if dispatch is not None and wrapped else ()
        if any(d.rpartition(".")[2] != "csrf_exempt" for d in decorators):
            return True
        if root:
            break
    return False
