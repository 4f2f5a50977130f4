"""The endpoint root's own dispatch (and what it calls before the handler, `initial`, ...) is
read, not assumed to be Sentry's: one that changes the URL kwargs (a fork's `kwargs["started"]
= 1` before convert_args) hands every handler arguments the route does not capture, so no
handler is compared; a root handing them on as they came (Sentry's) keeps them judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import RULES, CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import WIDGETS, write_tree

ROOT = """
class Endpoint:
    owner = None
    publish_status = {{}}

    def convert_args(self, request, *args, **kwargs):
        return (args, kwargs)

    def initial(self, request, *args, **kwargs):
        self.started = 1
{hook}
    def dispatch(self, request, *args, **{named}):
        self.args = args
        self.kwargs = {named}
        self.initial(request, *args, **{named})
        handler = getattr(self, request.method.lower())
{change}
        (args, {named}) = self.convert_args(request, *args, **{named})
        self.kwargs = {named}
        return handler(request, *args, **{named})


def region_silo_endpoint(cls):
    return cls
"""

# the handler takes `started`, which no route captures
STARTED = WIDGETS.replace("request, organization)", "request, organization, started)")


def _check(tmp_path: Path, change: str = "", hook: str = "", named: str = "kwargs") -> CheckResult:
    base = ROOT.format(change=change, hook=hook, named=named)
    files = {"api/base.py": base, "api/endpoints/organization_widgets.py": STARTED}
    root = write_tree(tmp_path, files)
    return run_check(
        load_settings(root), load_check_config(root, {}, sorted(RULES), [], None), None
    )


@pytest.mark.parametrize(
    ("change", "named", "hook", "member"),
    [
        ('        kwargs["started"] = 1', "kwargs", "", "dispatch"),
        ("        kwargs.update(started=1)", "kwargs", "", "dispatch"),
        ('        kw.setdefault("started", 1)', "kw", "", "dispatch"),
        ('        self.kwargs["started"] = 1', "kwargs", "", "dispatch"),
        (
            "",
            "kwargs",
            '    def check_permissions(self, request):\n        self.kwargs["started"] = 1\n',
            "check_permissions",
        ),
    ],
)
def test_a_root_changing_the_url_arguments_leaves_the_handlers_unjudged(
    tmp_path: Path, change: str, named: str, hook: str, member: str
) -> None:
    result = _check(tmp_path, change, hook, named)
    assert [p.message for p in result.problems if p.rule == "param-mismatch"] == []
    (found,) = [u for u in result.unresolved if u.what == f"Endpoint.{member}"]
    assert found.relpath == "src/shop/api/base.py"
    assert f"the root's {member} changes the URL arguments" in found.why


@pytest.mark.parametrize("named", ["kwargs", "kw"])
def test_a_root_handing_the_url_arguments_on_keeps_the_handlers_judged(
    tmp_path: Path, named: str
) -> None:
    result = _check(tmp_path, named=named)
    assert [p.message for p in result.problems if p.rule == "param-mismatch"] == [
        (
            "OrganizationWidgetsEndpoint: get() requires 'started', which neither the route "
            "nor convert_args provides"
        )
    ]
    assert not [u for u in result.unresolved if u.what.startswith("Endpoint.")]
