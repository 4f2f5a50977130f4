"""Routes with a group that crosses "/" (`{path:.*}`): which entries of a list such a route
shares a path with, found on their sample paths with their parameters given our words too."""

from __future__ import annotations

import re
from itertools import islice, product

from scaffold.route_comparison import sample_paths
from scaffold.routes import Param, Token

_MOST_PATHS = 256  # an entry with many parameters: its first paths are enough to judge


def crosses_slash(tokens: tuple[Token, ...]) -> bool:
    """Whether a parameter of the route answers text holding "/" (`.*`, `.+`): the route then
    answers every path below its literal start."""
    return any(isinstance(t, Param) and t.regex and _fits(t.regex, "a/b") for t in tokens)


def shares_a_path(
    ours: re.Pattern[str],
    our_tokens: tuple[Token, ...],
    theirs: re.Pattern[str],
    their_tokens: tuple[Token, ...],
) -> bool:
    """Whether a path `theirs` matches (spelled `their_tokens`) is matched by `ours` too: their
    parameters take their plain sample values and each literal word of our route (`files` of
    `{org}/files/{path:.*}` against `{org}/{kind}/{item_id}/`, which both answer `a/files/1/`)."""
    words = _words(our_tokens)
    choices = [
        (_plain(t), *(w for w in words if _fits(t.regex or "[^/]+", w)))
        for t in their_tokens
        if isinstance(t, Param)
    ]
    paths = list(sample_paths(their_tokens))
    for values in islice(product(*choices), _MOST_PATHS):
        given = iter(values)
        paths.append("".join(t if isinstance(t, str) else next(given) for t in their_tokens))
    return any(theirs.search(path) and ours.search(path) for path in paths)


def _words(tokens: tuple[Token, ...]) -> tuple[str, ...]:
    """The literal runs of a route between its slashes and parameters."""
    runs, run = [], ""
    for token in (*tokens, "/"):
        if isinstance(token, str) and token != "/":
            run += token
            continue
        if run:
            runs.append(run)
        run = ""
    return tuple(dict.fromkeys(runs))


def _plain(param: Param) -> str:
    """The parameter's plain sample value (the one `sample_paths` gives first)."""
    return sample_paths((param,))[0]


def _fits(regex: str, text: str) -> bool:
    try:
        return re.fullmatch(regex, text) is not None
    except re.error:
        return False
