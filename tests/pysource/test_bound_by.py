"""`top_bindings.bound_by`, the one reading of which names a statement binds (the resolver, the
class-body handlers and the class decorators' question all ask it), judged by Python itself:
each statement is run, and the module-level names it leaves changed are the ones it binds."""

from __future__ import annotations

import ast

import pytest

from scaffold.pysource.top_bindings import bound_by

STATEMENTS = [
    "import os.path as p, json",
    "x, (y, *z) = 1, (2, 3, 4)",
    "try:\n    raise KeyError\nexcept KeyError as caught:\n    seen = caught",
    "[loop for loop in range(2)]",
    "[(kept := n) for n in range(2)]",
    "{k: v for k, v in {}.items()}",
    'match {"a": 1, "b": 2}:\n    case {"a": first, **others}:\n        pass',
    "match [1, 2, 3]:\n    case [head, *tail]:\n        pass",
    "def made():\n    inner = 1",
    "class Made:\n    attr = 1",
    "for each in range(2):\n    total = each",
    "with open(__file__) as handle:\n    pass",
    "(walrus := 3)",
    "handler = lambda request: request",
    "(d, [e, *f]), g = (1, [2, 3, 4]), {5: dict(h=6)}[5]",
    "if True:\n    from os import path as joined\n    other = [x for x in ()]",
]


@pytest.mark.parametrize("source", STATEMENTS)
def test_the_names_a_statement_binds_are_the_ones_python_changes(source: str) -> None:
    before: dict[str, object] = {"__file__": __file__, "deleted": 0}
    after = dict(before)
    exec(compile(source, "<statement>", "exec"), after)  # noqa: S102 - our own statements
    changed = {
        name
        for name in set(before) | set(after)
        if name != "__builtins__" and (name not in before or after.get(name) is not before[name])
    }
    (statement,) = ast.parse(source).body
    # `except ... as caught` binds the name and deletes it when the handler ends: it changes
    # what the module holds under that name either way
    deleted = {"caught"} if "as caught" in source else set()
    assert bound_by(statement) == changed | deleted
    if ":=" not in source:  # told there is no walrus, it skips what is only read: same names
        assert bound_by(statement, walrus=False) == changed | deleted


def test_del_unbinds_a_name() -> None:
    (statement,) = ast.parse("del deleted").body
    assert bound_by(statement) == {"deleted"}
