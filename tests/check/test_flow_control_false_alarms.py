"""param-mismatch through the control flow of a convert_args body: exceptions a `with`
swallows, `finally` blocks on returns, loops run more than once, in-place `|=`."""

from __future__ import annotations

from pathlib import Path

from tests.check.test_flow_false_alarms import DETAILS, INDEX, check, run

SUPPRESSED = """
import contextlib
from contextlib import suppress


class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, *args, **kwargs):
        with suppress(KeyError):
            del kwargs["thing_id"]
        return super().convert_args(request, *args, **kwargs)

    def get(self, request, organization):
        return None
"""


def test_a_key_error_a_with_suppresses_proves_nothing(tmp_path: Path) -> None:
    assert check(tmp_path, SUPPRESSED, [INDEX, DETAILS]) == []
    things = SUPPRESSED.replace("with suppress(", "with contextlib.suppress(")
    assert check(tmp_path, things, [INDEX, DETAILS]) == []


def test_a_key_error_in_a_with_that_swallows_nothing_is_still_found(tmp_path: Path) -> None:
    # Django's transaction.atomic() lets every exception through (a manager the reader does
    # not know may swallow one: tests/check/test_swallowing_managers.py)
    things = SUPPRESSED.replace(
        "with suppress(KeyError):", "with transaction.atomic(using=None):"
    ).replace("import contextlib\n", "import contextlib\n\nfrom django.db import transaction\n")
    assert check(tmp_path, things, [INDEX, DETAILS]) == [
        "r0: convert_args needs thing_id, which the route does not capture"
    ]


FINALLY = """
class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, *args, **kwargs):
        args, kwargs = super().convert_args(request, *args, **kwargs)
        try:
            return (args, kwargs)
        finally:
            kwargs.pop("thing_id", None)

    def get(self, request, organization):
        return None
"""


def test_a_finally_block_runs_on_the_return_out_of_its_try(tmp_path: Path) -> None:
    assert check(tmp_path, FINALLY, [INDEX, DETAILS]) == []
    things = FINALLY.replace('kwargs.pop("thing_id", None)', 'kwargs["thing"] = thing_id')
    assert check(tmp_path, things, [INDEX]) == [
        "r0: get() does not accept 'thing' (add it or **kwargs)"
    ]


LOOP = """
class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, *args, **kwargs):
        args, kwargs = super().convert_args(request, *args, **kwargs)
        seen = None
        for _ in range(2):
            if seen is not None:
                kwargs.pop("thing_id")
            seen = True
        return (args, kwargs)

    def get(self, request, organization):
        return None
"""


def test_a_loop_is_run_for_more_than_one_round(tmp_path: Path) -> None:
    assert check(tmp_path, LOOP, [DETAILS]) == []


def test_a_loop_changing_kwargs_every_round_is_not_followed(tmp_path: Path) -> None:
    things = LOOP.replace("seen = None", "seen = kwargs").replace(
        "seen = True", "seen = {'inner': seen}"
    )
    found, unresolved = run(tmp_path, things, [DETAILS])
    assert found == []
    assert [u.why for u in unresolved] == [
        "runs a loop whose rounds keep changing kwargs (line 11)"
    ]


MERGED = """
class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, *args, **kwargs):
        args, kwargs = super().convert_args(request, *args, **kwargs)
        result = kwargs
        kwargs |= {"thing": lookup()}
        return (args, result)

    def get(self, request, organization, thing):
        return None
"""


def test_or_equals_stores_its_keys_in_the_dict_for_every_name(tmp_path: Path) -> None:
    assert check(tmp_path, MERGED, [INDEX]) == []
    things = MERGED.replace(", thing):", "):")
    assert check(tmp_path, things, [INDEX]) == [
        "r0: get() does not accept 'thing' (add it or **kwargs)"
    ]
    found, unresolved = run(tmp_path, things.replace('{"thing": lookup()}', "lookup()"), [INDEX])
    assert found == []
    assert [u.why for u in unresolved] == [
        "merges into kwargs with |= a dict not known here (line 11)"
    ]


FLAGGED = """
class ThingEndpoint(OrganizationEndpoint):
    def convert_args(self, request, *args, **kwargs):
        if kwargs.pop("detailed"):
            kwargs["details"] = "all"
        return super().convert_args(request, *args, **kwargs)

    def get(self, request, organization):
        return None
"""


def flagged_urls(value: str) -> str:
    return (
        "from django.urls import re_path\n\n"
        "from shop.api.endpoints.things import ThingEndpoint\n\n"
        f'urlpatterns = [re_path(r"{INDEX[0]}", ThingEndpoint.as_view(), {{"detailed": {value}}}, name="r0")]\n'
    )


def test_an_extra_keyword_argument_carries_its_literal_value(tmp_path: Path) -> None:
    for value in ("False", "0", '""', "None"):
        urls = {"api/urls.py": flagged_urls(value)}
        assert run(tmp_path, FLAGGED, [INDEX], urls) == ([], []), value
    found, _ = run(tmp_path, FLAGGED, [INDEX], {"api/urls.py": flagged_urls("True")})
    assert [message for message, _ in found] == [
        "r0: get() does not accept 'details' (add it or **kwargs)"
    ]
    found, _ = run(tmp_path, FLAGGED, [INDEX], {"api/urls.py": flagged_urls("settings.FLAG")})
    assert found == []


QUIET = """
from shop.api.bases.organization import OrganizationEndpoint as _OrganizationEndpoint


class OrganizationEndpoint(_OrganizationEndpoint):
    def convert_args(self, request, *args, **kwargs):
        kwargs.pop("thing_id", None)
        return super().convert_args(request, *args, **kwargs)
"""
SKIPPING = """
from shop.api.bases import quiet


class ThingEndpoint(quiet.OrganizationEndpoint):
    def convert_args(self, request, *args, **kwargs):
        return OrganizationEndpoint.convert_args(self, request, *args, **kwargs)

    def get(self, request, organization, thing_id):
        return None
"""


def test_a_parent_named_as_more_than_one_class_of_the_mro_is_the_one_the_module_binds(
    tmp_path: Path,
) -> None:
    """things.py binds OrganizationEndpoint to organization.py's (not quiet.py's, which pops
    thing_id): the call runs organization.py's, and the handler gets thing_id."""
    others = {"api/bases/quiet.py": QUIET}
    assert run(tmp_path, SKIPPING, [DETAILS], others) == ([], [])
    without = SKIPPING.replace("organization, thing_id):", "organization):")
    found, _ = run(tmp_path, without, [DETAILS], others)
    assert [message for message, _ in found] == [
        "r0: get() does not accept 'thing_id' (add it or **kwargs)"
    ]
