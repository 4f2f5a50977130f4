"""Which URL keyword arguments an endpoint's convert_args chain and handlers accept."""

from __future__ import annotations

from scaffold.pysource.classes import EndpointClass
from scaffold.pysource.route_flow import route_flow
from scaffold.pysource.unresolved import Unresolved


def mismatches(endpoint: EndpointClass, groups: tuple[str, ...]) -> list[str] | Unresolved:
    """What provably does not fit between a route's named groups and the endpoint (empty: it
    fits, or nothing is certain); an Unresolved where its convert_args chain cannot be followed."""
    flow = route_flow(endpoint, groups)
    if isinstance(flow, Unresolved):
        return flow
    found = [
        f"convert_args needs {' or '.join(sorted(names))}, which the route does not capture"
        for names in dict.fromkeys(flow.missing)
    ]
    if not flow.reached:
        return found
    for method, (_, info) in sorted(endpoint.handlers().items()):
        signature = info.methods[method]
        if not signature.var_keyword:
            extra = sorted(flow.passed - set(signature.names))
            found += [f"{method}() does not accept {name!r} (add it or **kwargs)" for name in extra]
        if flow.positional is None:  # any positional parameter may be filled
            filled = set(signature.names[: signature.positional])
        else:
            filled = set(signature.names[: min(flow.positional, signature.positional)])
        provided = filled | flow.passed | flow.maybe
        missing = [name for name in signature.required if name not in provided]
        found += [
            f"{method}() requires {name!r}, which neither the route nor convert_args provides"
            for name in sorted(missing)
        ]
    return found
