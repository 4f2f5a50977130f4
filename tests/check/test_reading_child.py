"""The forked child of a whole-tree read (scaffold/commands/reading_child.py): it walks the routes,
reads the other urlconfs and reads the routes for the routing rules, so the parent does none of
it; what the check finds is what a plain read finds, with the cache on or off, and when the
child fails at any step."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scaffold.check import elsewhere, rules
from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.route_walk import RouteWalk
from scaffold.check.routing import Routing, routing_of
from scaffold.check.run import TreeReading, run_check
from scaffold.commands.cache_files import write_json
from scaffold.commands.tree_reading import FastReading
from scaffold.project.settings import load_settings
from scaffold.pysource.urlconf import RoutingReader
from tests.check.trees import UNROUTED, cache_body, write_tree

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or (os.cpu_count() or 1) < 2, reason="the child needs fork and 2 CPUs"
)

# served by a urlconf of its own only, outside the API urls.py
PLUGIN_ENDPOINT = """
from shop.api.bases.organization import OrganizationEndpoint


class PluginHooksEndpoint(OrganizationEndpoint):
    def get(self, request, organization):
        return None
"""
PLUGIN_URLS = """
from django.urls import re_path

from shop.plugins.hooks import PluginHooksEndpoint

urlpatterns = [
    re_path(r"^(?P<organization_id_or_slug>[^/]+)/hooks/$", PluginHooksEndpoint.as_view()),
]
"""


def _project(root: Path) -> Path:
    """A tree with enough files for the child (300 small modules), an endpoint only another
    urlconf serves and one no route serves."""
    fillers = {f"util/part_{i}.py": f"VALUE_{i} = {i}\n" for i in range(300)}
    return write_tree(
        root,
        {
            **fillers,
            "util/__init__.py": "",
            "plugins/__init__.py": "",
            "plugins/hooks.py": PLUGIN_ENDPOINT,
            "plugins/urls.py": PLUGIN_URLS,
            "api/endpoints/organization_audit.py": UNROUTED,
        },
    )


def _check(root: Path, reading: TreeReading | None = None) -> CheckResult:
    settings = load_settings(root)
    config = load_check_config(settings.project_root, settings.check_options, None, [], None)
    return run_check(settings, config, None, reading or TreeReading())


def _fast() -> tuple[FastReading, TreeReading]:
    fast = FastReading()
    reading = TreeReading(
        fast.candidates,
        None,
        fast.memo,
        fast.start,
        fast.finish,
        True,
        fast.urlconf_names,
        fast.routing,
    )
    return fast, reading


def _parent_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What this process walks or reads of the routes and urlconfs from now on (the child's
    calls happen in its own process and are not seen)."""
    calls: list[str] = []
    walk_root, named = RoutingReader.walk_root, elsewhere.named_in_urlconfs

    def walking(reader: RoutingReader, module: str) -> None:
        calls.append(f"walk {module}")
        walk_root(reader, module)

    def naming(*args: Any) -> elsewhere.Named:
        calls.append("other urlconfs")
        return named(*args)

    def reading(routes: list[Any]) -> Routing:
        calls.append("routing")
        return routing_of(routes)

    monkeypatch.setattr(RoutingReader, "walk_root", walking)
    monkeypatch.setattr(rules, "routing_of", reading)
    monkeypatch.setattr(elsewhere, "named_in_urlconfs", naming)
    return calls


@pytest.mark.parametrize("cache", ["off", "on"])
def test_the_child_walks_and_reads_the_other_urlconfs(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, cache: str
) -> None:
    root = _project(tmp_path)
    if cache == "off":
        monkeypatch.setenv("SCAFFOLD_NO_CACHE", "1")
    plain = _check(root)
    assert [p.symbol for p in plain.problems] == ["OrganizationAuditEndpoint"]
    calls = _parent_calls(monkeypatch)
    fast, reading = _fast()
    assert _check(root, reading) == plain
    assert fast.child is not None and fast.child.walks
    assert calls == []


def _walk_fails(walk: RouteWalk) -> None:
    raise RuntimeError("a walk that fails in the child")


@pytest.mark.parametrize(
    ("step", "failing", "left_here"),
    [
        ("found", _walk_fails, ["walk shop.api.urls", "other urlconfs", "routing"]),
        ("others", lambda walk, sources: os._exit(3), ["other urlconfs", "routing"]),
        ("routing", lambda walk: os._exit(3), ["routing"]),
    ],
    ids=["fails-to-walk", "gone-before-the-other-urlconfs", "gone-before-the-routing"],
)
def test_what_a_failed_child_did_not_send_is_done_here(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    step: str,
    failing: Callable[..., Any],
    left_here: list[str],
) -> None:
    root = _project(tmp_path)
    monkeypatch.setenv("SCAFFOLD_NO_CACHE", "1")
    plain = _check(root)
    monkeypatch.setattr(RouteWalk, step, failing)
    calls = _parent_calls(monkeypatch)
    assert _check(root, _fast()[1]) == plain
    assert calls == left_here


def test_a_damaged_cache_leaves_the_walk_here(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The child walks with the facts the cache lends, as forked: when the cache turns out
    damaged, its walk is not taken."""
    root = _project(tmp_path)
    then = time.time() - 60
    for path in root.rglob("*.py"):
        os.utime(path, (then, then))
    plain = _check(root)
    _check(root, _fast()[1])
    (path,) = sorted(cache_dir.glob("check-*.json"))
    body = cache_body(path)
    for entry in body["files"].values():
        if entry[2]:  # the markers of each file with classes: not texts
            entry[4] = [7]
    write_json(path, body)
    for path in [*root.rglob("part_*.py"), *root.rglob("urls.py")]:  # read anew, in two
        os.utime(path, (then + 1, then + 1))  # processes (no walk kept); the rest known
    calls = _parent_calls(monkeypatch)
    fast, reading = _fast()
    assert _check(root, reading) == plain
    assert fast.child is not None and fast.child.walks and not fast.child.trusted
    assert calls == ["walk shop.api.urls", "other urlconfs", "routing"]
