"""`module_skeleton.skeleton`: each function body but convert_args blanked, line numbers kept.
Before/after pairs for each way a def is found (or not), read from the bytes without `^`
searches since the speed change; the answers are the ones the `^` reading gave."""

from __future__ import annotations

import pytest

from scaffold.pysource.module_skeleton import skeleton

CASES = {
    "a def on the first line": (
        b"def first(a, b):\n    return a + b\nX = 1\n",
        b"def first(a, b):\n    pass\nX = 1\n",
    ),
    "an async method, the class body after it kept": (
        (
            b"class Shop:\n    async  def get(self, request):\n        await thing()\n"
            b"        return 2\n\n    owner = 'x'\n"
        ),
        b"class Shop:\n    async  def get(self, request):\n        pass\n\n\n    owner = 'x'\n",
    ),
    "a def inside a blanked body goes with it": (
        b"def outer():\n    def inner():\n        return 1\n    return inner\n\n\nafter = 2\n",
        b"def outer():\n    pass\n\n\n\n\nafter = 2\n",
    ),
    "def in a string and in a name opens nothing": (
        (
            b"undefined = 'def no(): 1'\nclass Widget:\n    def_x = 1\n"
            b"    def post(self):  # handles it\n        return 1\n"
        ),
        (
            b"undefined = 'def no(): 1'\nclass Widget:\n    def_x = 1\n"
            b"    def post(self):  # handles it\n        pass\n"
        ),
    ),
    "a one-line def is left, a signature over lines is followed": (
        b"def quick(): return 1\ndef slow(\n    a,\n) -> int:\n    # a comment\n\n    return a\n",
        b"def quick(): return 1\ndef slow(\n    a,\n) -> int:\n    pass\n\n\n",
    ),
    "convert_args is read as written, a def inside it too": (
        (
            b"class E:\n    def convert_args(self, request, *args, **kwargs):\n"
            b"        def helper():\n            return 2\n        return (args, kwargs)\n\n"
            b"    def get(self, request):\n        return 3\n"
        ),
        (
            b"class E:\n    def convert_args(self, request, *args, **kwargs):\n"
            b"        def helper():\n            return 2\n        return (args, kwargs)\n\n"
            b"    def get(self, request):\n        pass\n"
        ),
    ),
    "a body that runs to the end of the file": (
        b"class Last:\n    def delete(self, request):\n        return 4",
        b"class Last:\n    def delete(self, request):\n        pass",
    ),
    "CRLF line ends: no signature end is found, the module is left whole": (
        b"def get(self):\r\n    return 1\r\nx = 2\r\n",
        b"def get(self):\r\n    return 1\r\nx = 2\r\n",
    ),
}


@pytest.mark.parametrize(("before", "after"), CASES.values(), ids=list(CASES))
def test_skeleton(before: bytes, after: bytes) -> None:
    assert skeleton(before) == after
    assert after.count(b"\n") == before.count(b"\n")
