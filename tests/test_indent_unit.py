"""A urls.py indented with tabs or two spaces gets new lines indented the same way, and
`remove` gives the file back byte for byte."""

from __future__ import annotations

import re

import pytest

from scaffold.routes import parse_route
from scaffold.urls.add import Registration, UrlsFile
from scaffold.urls.remove import remove_registration
from scaffold.urls.style import indent_unit

HEADER = "from django.urls import re_path\n\n"


def _exploded(unit: str) -> str:
    return HEADER + (
        "from .endpoints.a import AEndpoint\n\n"
        "urlpatterns = [\n"
        f"{unit}re_path(\n"
        f'{unit * 2}r"^a/$",\n'
        f"{unit * 2}AEndpoint.as_view(),\n"
        f'{unit * 2}name="acme-api-0-a",\n'
        f"{unit}),\n"
        "]\n"
    )


def _add(source: str, class_name: str, route: str, line_length: int = 100) -> str:
    urls = UrlsFile(source, "urls.py", "acme", "acme.api.urls", line_length)
    urls.add(
        Registration(
            class_name, f"acme.api.endpoints.{class_name.lower()}", parse_route(route), None
        )
    )
    return urls.code()


def _leading(text: str) -> set[str]:
    return {m.group(1) for m in re.finditer(r"^([ \t]+)\S", text, re.MULTILINE)}


@pytest.mark.parametrize("unit", ["\t", "  ", "    "])
def test_a_new_entry_is_indented_with_the_files_own_unit(unit: str) -> None:
    before = _exploded(unit)
    after = _add(before, "BEndpoint", "b/")
    compile(after, "urls.py", "exec")
    assert _leading(after) == {unit, unit * 2}
    assert f'{unit}re_path(\n{unit * 2}r"^b/$",\n{unit * 2}BEndpoint.as_view(),\n' in after
    removal = remove_registration(after, "urls.py", "acme.api", "BEndpoint", 100)
    assert removal.code == before


def test_a_tab_file_gets_its_empty_list_and_long_import_in_tabs() -> None:
    before = HEADER + "def helper():\n\treturn []\n\n\nurlpatterns = []\n"
    after = _add(before, "AVeryLongNameForAnEndpointEndpoint", "long/", line_length=40)
    compile(after, "urls.py", "exec")
    assert _leading(after) == {"\t", "\t\t"}
    assert "import (\n\tAVeryLongNameForAnEndpointEndpoint,\n)" in after


@pytest.mark.parametrize(
    ("source", "unit"),
    [
        ("x = [\n\t1,\n]\n", "\t"),
        ("def f():\n  return [\n    1,\n  ]\n", "  "),
        ("x = 1\n", "    "),
        ("def f(a,\n       b):\n        pass\n", "    "),
    ],
)
def test_the_unit_is_read_from_the_file(source: str, unit: str) -> None:
    assert indent_unit(source) == unit
