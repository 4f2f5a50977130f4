"""An empty value of the wrong type (`defaults: []` where a mapping is meant) is refused as the
same value with something in it is, with the file, line, field and what to write: never read as
"nothing given"."""

from __future__ import annotations

import re

import pytest

from scaffold.errors import SpecError
from scaffold.spec import load_spec

ROUTE = "  route: things/{thing_id}/\n"
MAPPING = "must be a mapping"


def _spec(defaults: str, resource: str) -> str:
    return f"defaults: {defaults}\nresources:\n- name: Things\n{ROUTE}{resource}"


CASES = {
    # field, spec, where, what the message says
    "defaults-empty-list": (_spec("[]", ""), "spec.yaml:1: defaults:", MAPPING),
    "defaults-list": (_spec("[owner]", ""), "spec.yaml:1: defaults:", MAPPING),
    "defaults-empty-string": (_spec('""', ""), "spec.yaml:1: defaults:", MAPPING),
    "defaults-false": (_spec("false", ""), "spec.yaml:1: defaults:", MAPPING),
    "lookups-empty-list": (
        _spec("{}", "  lookups: []\n"),
        "spec.yaml:5: resources[0].lookups:",
        MAPPING,
    ),
    "lookups-list": (
        _spec("{}", "  lookups: [thing_id]\n"),
        "spec.yaml:5: resources[0].lookups:",
        MAPPING,
    ),
    "lookups-zero": (_spec("{}", "  lookups: 0\n"), "spec.yaml:5: resources[0].lookups:", MAPPING),
    "url-name-empty": (
        _spec("{}", '  url_name: ""\n'),
        "spec.yaml:5: resources[0].url_name:",
        "is empty",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_an_empty_value_of_the_wrong_type_is_refused(case: str) -> None:
    text, where, what = CASES[case]
    with pytest.raises(SpecError) as raised:
        load_spec(text, "spec.yaml")
    message = str(raised.value)
    assert message.startswith(where), message
    assert what in message and "\n" not in message, message
    assert re.search(r"e\.g\.|leave it out", message), message  # says what to write


def test_the_empty_and_the_full_list_get_one_error() -> None:
    errors = []
    for value in ("[]", "[owner]"):
        with pytest.raises(SpecError) as raised:
            load_spec(_spec(value, ""), "spec.yaml")
        errors.append(str(raised.value))
    assert errors[0] == errors[1]


@pytest.mark.parametrize("empty", ["null", "{}"])
def test_no_defaults_or_lookups_written_as_null_or_an_empty_mapping(empty: str) -> None:
    text = f"defaults: {empty}\nresources:\n- name: Things\n  route: things/\n  lookups: {empty}\n"
    (resource,) = load_spec(text, "spec.yaml")
    assert resource.lookups == ()
