"""Which URL keyword arguments an endpoint's convert_args chain and handlers accept."""

from __future__ import annotations

from scaffold.pysource.classes import EndpointClass
from scaffold.pysource.convert_args import args_flow


def mismatches(endpoint: EndpointClass, groups: tuple[str, ...]) -> list[str]:
    """What does not fit between a route's named groups and the endpoint (empty: it fits)."""
    flow = args_flow(endpoint)
    if flow is None:
        return []
    given = set(groups)
    found = [
        f"convert_args needs {' or '.join(sorted(names))}, which the route does not capture"
        for names in flow.required
        if not names & given
    ]
    passed = (given - flow.consumed) | flow.injected
    for method, (_, info) in sorted(endpoint.handlers().items()):
        signature = info.methods[method]
        if not signature.var_keyword:
            extra = sorted(passed - set(signature.names))
            found += [f"{method}() does not accept {name!r} (add it or **kwargs)" for name in extra]
        missing = sorted(set(signature.required) - passed)
        found += [
            f"{method}() requires {name!r}, which neither the route nor convert_args provides"
            for name in missing
        ]
    return found
