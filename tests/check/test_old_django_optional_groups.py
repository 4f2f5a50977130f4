"""A route whose module imports `patterns` from `django.conf.urls` runs on Django 1.9 or older
(1.10 removed it), which passes None for a named group the path leaves out: a handler requiring
such a group is sound there, and the route's other arguments are compared as on any route (on
Sentry's tree of 2015 the legacy project redirect was named unresolved and not compared)."""

from __future__ import annotations

from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import write_tree

OLD_URLS = """from django.conf.urls import patterns, url

from shop.api.endpoints.things import ThingEndpoint

urlpatterns = patterns(
    "",
    url(r"^things/(?P<thing_id>\\d+)/(?P<rest>(?:notes|tags)/.+)?", ThingEndpoint.as_view()),
)
"""
# the same route in a list: nothing says which Django runs it
NEW_URLS = """from django.urls import re_path

from shop.api.endpoints.things import ThingEndpoint

urlpatterns = [
    re_path(r"^things/(?P<thing_id>\\d+)/(?P<rest>(?:notes|tags)/.+)?", ThingEndpoint.as_view()),
]
"""


def run(tmp_path: Path, urls: str, handler: str) -> tuple[list[str], list[str]]:
    things = f"""from shop.api.base import Endpoint


class ThingEndpoint(Endpoint):
    def get(self, request, {handler}):
        return None
"""
    root = write_tree(tmp_path, {"api/endpoints/things.py": things, "api/urls.py": urls})
    config = load_check_config(root, {}, ["param-mismatch"], [], None)
    result = run_check(load_settings(root), config, None)
    found = [p.message.partition(": ")[2] for p in result.problems]
    return found, [u.why.split(",")[0] for u in result.unresolved]


def test_a_required_optional_group_is_sound_where_django_passes_none(tmp_path: Path) -> None:
    assert run(tmp_path, OLD_URLS, "thing_id, rest") == ([], [])


def test_the_other_arguments_are_still_compared(tmp_path: Path) -> None:
    assert run(tmp_path, OLD_URLS, "rest") == (
        ["get() does not accept 'thing_id' (add it or **kwargs)"],
        [],
    )


def test_a_list_style_urls_leaves_it_unresolved(tmp_path: Path) -> None:
    assert run(tmp_path, NEW_URLS, "rest") == ([], ["get() requires rest"])
