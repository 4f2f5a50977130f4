"""A decorator on an endpoint class runs before Django sees the class: it may set, wrap or
replace the handlers (a loop of `setattr(cls, name, wrapper)`, a subclass of its own). The
handlers are compared only when each class decorator is proven to keep them: a function that
marks or registers the class and returns it, or a callable instance whose class returns the
class, or a subclass whose `dispatch` hands `*args, **kwargs` on as they came (Sentry's silo
limits). Anything else is named as not followed, and no param-mismatch is made from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import RULES, CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.cached_runs import report
from tests.check.trees import URLS, write_tree

# the stats route may end in `.csv`: Django then passes `suffix`, which get() does not take
SUFFIXED = URLS.replace(r"stats/$", r"stats(?:\.(?P<suffix>csv))?/$")
MISMATCH = "OrganizationStatsEndpoint: get() does not accept 'suffix' (add it or **kwargs)"

DECORATORS = """
from shop.api.registry import ENDPOINTS

LABELLED = {}


def drop_suffix(cls):
    # each handler is replaced by one that removes `suffix` first
    for name in ("get", "post"):
        if hasattr(cls, name):
            handler = getattr(cls, name)

            def without_suffix(self, request, *args, _handler=handler, **kwargs):
                kwargs.pop("suffix", None)
                return _handler(self, request, *args, **kwargs)

            setattr(cls, name, without_suffix)
    return cls


def as_csv_aware(cls):
    class Aware(cls):
        def get(self, request, organization, suffix=None):
            return None

    return Aware


def catalogued(cls):
    cls.catalogued = True
    ENDPOINTS.append(cls)
    return cls


def tagged(label):
    def mark(cls):
        LABELLED[label] = cls
        return cls

    return mark


class Gate:
    def __init__(self, *zones):
        self.zones = zones

    def __call__(self, target):
        if isinstance(target, type):
            return self.gated_class(target)
        return self.gated(target)

    def gated_class(self, cls):
        guarded = self.gated(cls.dispatch)
        made = type(cls.__name__, (cls,), {"dispatch": guarded, "silo_limit": self})
        made.__module__ = cls.__module__
        return made

    def gated(self, original):
        def call(*args, **kwargs):
            if self.open():
                return original(*args, **kwargs)
            refuse = self.refusal(original)
            return refuse(*args, **kwargs)

        return call

    def refusal(self, original):
        def refuse(view, request, *args, **kwargs):
            return None

        return refuse

    def open(self):
        return True


class RenamingGate(Gate):
    def gated(self, original):
        def call(*args, **kwargs):
            kwargs["file_suffix"] = kwargs.pop("suffix", None)
            return original(*args, **kwargs)

        return call


class PrivatelyRecordedGate(Gate):
    # Sentry's silo limits of 2022 record themselves under a private name: no class body's
    # `self.__zone_limit` reaches it (mangled), and Django reads no such name
    def gated_class(self, cls):
        guarded = self.gated(cls.dispatch)
        return type(cls.__name__, (cls,), {"dispatch": guarded, "__zone_limit": self})


class PubliclyRecordedGate(Gate):
    def gated_class(self, cls):
        guarded = self.gated(cls.dispatch)
        return type(cls.__name__, (cls,), {"dispatch": guarded, "zone_limit": self})


inner_zone = Gate("inner")
renaming_zone = RenamingGate("inner")
private_zone = PrivatelyRecordedGate("inner")
public_zone = PubliclyRecordedGate("inner")


class RoutedGate(Gate):
    def __init__(self, quiet=False, router=None):
        super().__init__("inner")
        self.router = router


# `@routed_zone` or `@routed_zone(router=...)`, as Sentry's `cell_silo_endpoint` (2026)
def routed_zone(target=None, *, router=None):
    gate = RoutedGate(quiet=False, router=router)
    if target is not None:
        return gate(target)
    return gate


def renaming_routed_zone(target=None, *, router=None):
    gate = RenamingGate("inner")
    if target is not None:
        return gate(target)
    return gate


def marking_routed_zone(target=None, *, router=None):
    gate = RoutedGate(router=router)
    if target is not None:
        target.get = None
        return gate(target)
    return gate
"""

STATS = """
from shop.api.bases.organization import OrganizationEndpoint
{imports}


{decorator}
class OrganizationStatsEndpoint(OrganizationEndpoint):
    owner = "ApiOwner.ISSUES"
    publish_status = {{"GET": "PRIVATE"}}

    def get(self, request, organization):
        return None
"""


def _tree(tmp_path: Path, decorator: str, imports: str = "") -> Path:
    files = {
        "api/registry.py": "ENDPOINTS = []\n",
        "api/class_decorators.py": DECORATORS,
        "api/endpoints/organization_stats.py": STATS.format(decorator=decorator, imports=imports),
        "api/urls.py": SUFFIXED,
    }
    return write_tree(tmp_path, files)


def _check(root: Path) -> CheckResult:
    config = load_check_config(root, {}, sorted(RULES), [], None)
    return run_check(load_settings(root), config, None)


def _mismatches(result: CheckResult) -> list[str]:
    return [p.message for p in result.problems if p.rule == "param-mismatch"]


@pytest.mark.parametrize(
    ("decorator", "name"),
    [
        ("@drop_suffix", "drop_suffix"),
        ("@as_csv_aware", "as_csv_aware"),
        ("@renaming_zone", "renaming_zone"),
        ("@class_decorators.drop_suffix", "drop_suffix"),
        ("@renaming_routed_zone", "renaming_routed_zone"),
        ("@renaming_routed_zone(router=None)", "renaming_routed_zone"),
        ("@marking_routed_zone", "marking_routed_zone"),
        ("@public_zone", "public_zone"),  # a callable under a name some code may call
    ],
)
def test_a_class_decorator_not_proven_to_keep_the_handlers_leaves_them_unjudged(
    tmp_path: Path, decorator: str, name: str
) -> None:
    """Django answers the `.csv` route with 200 in each case: `drop_suffix` pops `suffix`
    before get() runs, `as_csv_aware` serves a get() of its own, `renaming_zone` renames the
    argument in its dispatch. The check said get() does not accept 'suffix'."""
    imports = "from shop.api import class_decorators\n" + "".join(
        f"from shop.api.class_decorators import {each}\n"
        for each in (
            "drop_suffix",
            "as_csv_aware",
            "renaming_zone",
            "renaming_routed_zone",
            "marking_routed_zone",
            "public_zone",
        )
    )
    root = _tree(tmp_path, decorator, imports)
    result = _check(root)
    assert _mismatches(result) == []
    (found,) = [u for u in result.unresolved if u.what == "OrganizationStatsEndpoint"]
    assert found.relpath == "src/shop/api/endpoints/organization_stats.py"
    lines = (root / found.relpath).read_text().splitlines()
    assert lines[found.line - 1].startswith("class OrganizationStatsEndpoint")  # below `@`
    assert found.why.startswith(f"decorated by {name}, which ")
    assert found.why.endswith("its handlers are not compared")


@pytest.mark.parametrize(
    "decorator",
    [
        "@catalogued",
        '@tagged("stats")',
        "@inner_zone",
        "@region_silo_endpoint",
        "@routed_zone",
        "@routed_zone(router=None)",
        "@routed_zone()",
        "@private_zone",
    ],
)
def test_a_class_decorator_proven_to_keep_the_handlers_changes_nothing(
    tmp_path: Path, decorator: str
) -> None:
    """Marking and registering the class, or a subclass whose dispatch hands on what it gets
    (a silo limit's shape, also made by a function that applies it or returns it, as Sentry's
    `cell_silo_endpoint` of 2026 does): get() is still called with `suffix`, which it does
    not take."""
    imports = (
        "from shop.api.base import region_silo_endpoint\n"
        "from shop.api.class_decorators import catalogued, inner_zone, routed_zone, tagged\n"
        "from shop.api.class_decorators import private_zone\n"
    )
    result = _check(_tree(tmp_path, decorator, imports))
    assert _mismatches(result) == [MISMATCH]
    assert not [u for u in result.unresolved if u.what == "OrganizationStatsEndpoint"]


def test_a_base_class_decorated_so_leaves_its_subclasses_unjudged(tmp_path: Path) -> None:
    """The decorator of a base rewrites the handlers each subclass inherits from it."""
    root = _tree(tmp_path, "")
    base = tmp_path / "src/shop/api/bases/organization.py"
    text = base.read_text()
    base.write_text(
        "from shop.api.class_decorators import drop_suffix\n"
        + text.replace("class OrganizationEndpoint", "@drop_suffix\nclass OrganizationEndpoint")
    )
    result = _check(root)
    assert _mismatches(result) == []
    (found,) = [u for u in result.unresolved if u.what == "OrganizationEndpoint"]
    assert found.relpath == "src/shop/api/bases/organization.py"


@pytest.mark.parametrize(
    ("decorator", "why"),
    [
        ("@outside_marker", "decorated by outside_marker, which is defined outside the tree"),
        ("@HOOKS[0]", "decorated by ?HOOKS[0], which is not a name the reader can follow"),
    ],
)
def test_a_class_decorator_the_reader_cannot_read_leaves_the_handlers_unjudged(
    tmp_path: Path, decorator: str, why: str
) -> None:
    imports = "from outside_package.marks import outside_marker\nHOOKS = [lambda cls: cls]\n"
    result = _check(_tree(tmp_path, decorator, imports))
    assert _mismatches(result) == []
    (found,) = [u for u in result.unresolved if u.what == "OrganizationStatsEndpoint"]
    assert found.why.startswith(why)


@pytest.mark.parametrize("decorator", ["@drop_suffix", "@inner_zone", "@routed_zone"])
def test_a_cached_run_judges_class_decorators_as_a_plain_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], decorator: str
) -> None:
    """What decorates a class is kept in the fact cache's form of a module."""
    imports = "from shop.api.class_decorators import drop_suffix, inner_zone, routed_zone\n"
    root = _tree(tmp_path, decorator, imports)
    plain = report(root, capsys, cached=False, explain=True)
    assert report(root, capsys, cached=True, explain=True) == plain
    assert report(root, capsys, cached=True, explain=True) == plain
