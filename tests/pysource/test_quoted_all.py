"""A module whose function bodies name `"__all__"` (Sentry 2019's `testutils/cases.py` reads
`response.data["errors"]["__all__"]`) keeps the exports its literal `__all__` gives: a star
import of it binds them. A body that may change `__all__` still leaves them unread."""

from __future__ import annotations

import pytest

from scaffold.pysource.modules import read_module
from scaffold.pysource.star_binding import UNREAD_ALL

HEAD = b'__all__ = ("A",)\n\n\nclass A:\n    def f(self, r):\n'


@pytest.mark.parametrize(
    ("body", "exports"),
    [
        (b'        return r["errors"]["__all__"]\n', ["A"]),  # a key of a value
        (b"        return r.data[0][ '__all__' ]\n", ["A"]),
        (
            b"        # our __all__ stays as it is\n        return r\n",
            [UNREAD_ALL],
        ),  # not told apart
        (b'        return "__all__" in r\n', [UNREAD_ALL]),
        (b'        globals()["__all__"] = ["B"]\n', [UNREAD_ALL]),
        (b'        setattr(r, "__all__", ["B"])\n', [UNREAD_ALL]),
        (b"        global __all__\n        __all__ = ['B']\n", [UNREAD_ALL]),
    ],
)
def test_a_body_naming_all(body: bytes, exports: list[str]) -> None:
    info = read_module(HEAD + body, "pkg.cases", "pkg/cases.py", False)
    assert info is not None and info.exports == exports
