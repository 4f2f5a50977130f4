"""Names and paths that once got through (a helper tried each on the example and on a 2023
Sentry tree): each is now one clean line, exit 2, and nothing written.

- `--module` at the API urls.py (with --force it was replaced by an endpoint), at a package's
  `__init__.py`, at a module outside the project's package (`--module json` wrote `src/json.py`)
  or at a Python keyword;
- a class whose module name would be a keyword (`Import` -> `import.py`);
- route parameters and lookup names that hide what the generated methods use (`{Response}`,
  `{super}`, a lookup named after its model);
- a regex flag inside a parameter's regex (a traceback once), a model class named `Endpoint` (a
  module that did not parse), a URL name with Django's namespace `:`, a private lookup field,
  a permission listed twice;
- a spec key given twice (YAML keeps the last one silently), and one URL name for two resources.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from scaffold.spec import load_spec
from tests.helpers import EXAMPLE, copy_project, snapshot
from tests.test_bad_input import assert_clean_error, run_like_a_process

ALLOW = ("--permission", "rest_framework.permissions.AllowAny")
WIDGET = "acme.models.widget.Widget"


@pytest.mark.parametrize(
    ("argv", "where", "hint"),
    [
        (
            ["FooBar", "--route", "xyz/", *ALLOW, "--module", "acme.api.urls", "--force"],
            "--module",
            "not an endpoint module",
        ),
        (
            ["FooBar", "--route", "xyz/", *ALLOW, "--module", "acme.api.endpoints.__init__"],
            "--module",
            "not an endpoint module",
        ),
        (
            ["FooBar", "--route", "xyz/", *ALLOW, "--module", "json"],
            "--module",
            "outside the project's package acme",
        ),
        (
            ["FooBar", "--route", "xyz/", *ALLOW, "--module", "os.path"],
            "--module",
            "os.path is outside the project's package acme",
        ),
        (
            ["FooBar", "--route", "xyz/", *ALLOW, "--module", "acme.nosuch.things"],
            "--module",
            "no package acme.nosuch under src",
        ),
        (  # a typo of a package there: the one meant
            ["FooBar", "--route", "xyz/", *ALLOW, "--module", "acme.testutil.things"],
            "--module",
            (
                r"no package acme.testutil under src \(did you mean 'acme.testutils.things'\?\); "
                "create it or give an existing one"
            ),
        ),
        (  # a module file on the way: "create it" would put a package beside base.py
            ["FooBar", "--route", "xyz/", *ALLOW, "--module", "acme.api.base.things"],
            "--module",
            (
                r"acme.api.base is a module \(src/acme/api/base.py\), not a package: no module "
                "goes inside it; give a package, such as acme.api"
            ),
        ),
        (  # a typo of a package module's folder, the file named from the class
            ["FooBar", "--route", "xyz/", *ALLOW, "--module", "acme.apl.endpoints"],
            "--module",
            r"\(did you mean 'acme.api.endpoints'\?\)",
        ),
        (  # a typo of the package itself: a new module beside it (acme/api/endpoitns.py) once
            ["FooBar", "--route", "xyz/", *ALLOW, "--module", "acme.api.endpoitns"],
            "--module",
            (
                r"acme.api.endpoitns would be a new module beside the package acme.api.endpoints "
                r"\(did you mean 'acme.api.endpoints'\?\); give the package, or a module name "
                "not this close to it; for a new package of that name, create "
                r"src/acme/api/endpoitns/__init__\.py first"
            ),
        ),
        (["Import", "--route", "xyz/", *ALLOW], "name", "keyword"),
        (
            ["FooBar", "--route", "xyz/{Response}/", *ALLOW, "--lookup", "Response=-"],
            "--route",
            "would hide Response",
        ),
        (
            ["FooBar", "--route", "xyz/{super}/", *ALLOW, "--lookup", f"super={WIDGET}:id"],
            "--route",
            "would hide super",
        ),
        (
            ["FooBar", "--route", "xyz/{Widget}/", *ALLOW, "--lookup", f"Widget={WIDGET}:id"],
            "--route",
            "would hide Widget",
        ),
        (
            ["FooBar", "--route", "xyz/{x:(?i)a}/", *ALLOW, "--lookup", "x=-"],
            "--route",
            "invalid inside a route",
        ),
        (["FooBar", "--route", "xyz/", *ALLOW, "--url-name", "x:y"], "--url-name", "valid URL"),
        (
            ["FooBar", "--route", "xyz/{w}/", *ALLOW, "--lookup", f"w={WIDGET}:__class__"],
            "--lookup",
            "no model field",
        ),
        (["FooBar", "--route", "xyz/", *ALLOW, *ALLOW], "--permission", "listed twice"),
        (
            ["FooBar", "--route", "xyz/", "--permission", "acme.models.organization.Organization"],
            "--permission",
            "is no permission class",
        ),
        (
            ["FooBar", "--route", "xyz/", "--permission", "acme.api.base.Endpoint"],
            "--permission",
            "is no permission class",
        ),
        (["FooBar", "--route", "xyz/", *ALLOW, "--owner", ""], "--owner", "is empty"),
        (["FooBar", "--route", "xyz/", *ALLOW, "--base", " "], "--base", "is empty"),
        (["FooBar", "--route", "", *ALLOW], "--route", "the route is empty; give the path"),
        (
            ["FooBar", "--route", "xyz/{format}/", *ALLOW, "--lookup", "format=-"],
            "--route",
            "DRF reads `format` as the response format",
        ),
        (
            ["FooBar", "--route", "xyz/{request}/", *ALLOW, "--lookup", "request=-"],
            "--route",
            r"\(every handler takes `request` itself\); rename it",
        ),
        (
            ["FooBar", "--route", "xyz/{kwargs}/", *ALLOW, "--lookup", "kwargs=-"],
            "--route",
            r"convert_args and the handlers take `\*args` and `\*\*kwargs` themselves",
        ),
        (
            ["FooBar", "--route", "xyz/{wïdget_id}/", *ALLOW, "--lookup", "wïdget_id=-"],
            "--route",
            r"\{wïdget_id\} is not a name of ASCII letters, digits and _",
        ),
        (
            ["FooBar", "--route", "xyz/{class}/", *ALLOW, "--lookup", "class=-"],
            "--route",
            r"\{class\} is a Python keyword, which no parameter can be named; rename it",
        ),
    ],
)
def test_a_name_or_path_that_would_break_the_project_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], where: str, hint: str
) -> None:
    root = copy_project(EXAMPLE, tmp_path / "p")
    before = snapshot(root)
    result = run_like_a_process(capsys, "new-endpoint", *argv, "--project", str(root))
    assert_clean_error(result, 2, where, hint)
    assert snapshot(root) == before


def test_a_model_named_endpoint_gives_its_object_the_parameters_name() -> None:
    """`module_name_for` strips `Endpoint`: a model class of that name gave an empty name."""
    spec = "- name: Foo\n  route: foo/{w}/\n  lookups: {w: {model: acme.Endpoint, field: id}}\n"
    (resource,) = load_spec(spec, "spec.yaml")
    assert resource.lookups[0].name == "w"


def test_a_lookup_on_what_is_no_model_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`Endpoint.objects.get(...)` raised AttributeError on every request."""
    root = copy_project(EXAMPLE, tmp_path / "p")
    before = snapshot(root)
    for model in ("acme.api.base.Endpoint", "acme.api.bases.organization.id_or_slug_filter"):
        argv = ["FooBar", "--route", "xyz/{w}/", *ALLOW, "--lookup", f"w={model}:id"]
        result = run_like_a_process(capsys, "new-endpoint", *argv, "--project", str(root))
        assert_clean_error(result, 2, "--lookup", "is no Django model")
    # a package or module (`models.objects.get(...)` was written, an AttributeError)
    for model in ("acme.models", "acme.models.widget"):
        argv = ["FooBar", "--route", "xyz/{w}/", *ALLOW, "--lookup", f"w={model}:id"]
        result = run_like_a_process(capsys, "new-endpoint", *argv, "--project", str(root))
        assert_clean_error(
            result, 2, "--lookup", f"{model} is a module of the project, no Django model; name "
        )
    # and as a permission class
    argv = ["FooBar", "--route", "xyz/", "--permission", "acme.api.bases"]
    result = run_like_a_process(capsys, "new-endpoint", *argv, "--project", str(root))
    assert_clean_error(result, 2, "--permission", "acme.api.bases is a module of the project")
    assert snapshot(root) == before


KINDS = """\
import enum


class DisplayTypes:
    LINE = 0


class OwnerKind(enum.Enum):
    TEAM = "team"


class FakeManager:
    def get(self, **filters):
        return None


class StandIn:
    objects = FakeManager()
"""


def test_a_lookup_on_a_class_that_provably_is_no_model_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plain class or an Enum has no `.objects`: every request would be a 500. A class that
    declares `objects` (a stand-in for a model) is taken as given."""
    root = copy_project(EXAMPLE, tmp_path / "p")
    (root / "src/acme/kinds.py").write_text(KINDS, encoding="utf-8")
    before = snapshot(root)
    for model in ("acme.kinds.DisplayTypes", "acme.kinds.OwnerKind"):
        argv = ["FooBar", "--route", "xyz/{w}/", *ALLOW, "--lookup", f"w={model}:id"]
        result = run_like_a_process(capsys, "new-endpoint", *argv, "--project", str(root))
        assert_clean_error(result, 2, "--lookup", "is no Django model")
    assert snapshot(root) == before
    argv = ["FooBar", "--route", "xyz/{w}/", *ALLOW, "--lookup", "w=acme.kinds.StandIn:id"]
    result = run_like_a_process(capsys, "new-endpoint", *argv, "--dry-run", "--project", str(root))
    assert result.code == 0, result.err


@pytest.mark.parametrize(
    ("spec", "where", "hint"),
    [
        (
            (
                "resources:\n  - name: Foo\n    route: foo/\n"
                "resources:\n  - name: Bar\n    route: bar/\n"
            ),
            "spec.yaml:4:1",
            "'resources' is given twice",
        ),
        (
            "resources:\n  - name: Foo\n    name: Other\n    route: foo/\n",
            "spec.yaml:3:5",
            "'name' is given twice",
        ),
        (
            (
                "resources:\n  - name: Foo\n    route: foo/{w}/\n    lookups:\n      w:\n"
                "        model: acme.models.widget.Widget\n        field: id\n"
                "        parent: null\n        parent_field: project_id\n"
            ),
            "parent_field",
            "no parent to match",
        ),
        (
            (
                "resources:\n  - name: Foo\n    route: foo/\n    url_name: x\n"
                "  - name: Bar\n    route: bar/\n    url_name: x\n"
            ),
            "spec.yaml:7: resources[1].url_name",
            r"the same url_name as \S*spec.yaml:4",
        ),
    ],
)
def test_a_spec_saying_one_thing_twice_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spec: str, where: str, hint: str
) -> None:
    root = copy_project(EXAMPLE, tmp_path / "p")
    (tmp_path / "spec.yaml").write_text(spec)
    before = snapshot(root)
    result = run_like_a_process(
        capsys, "generate", str(tmp_path / "spec.yaml"), "--project", str(root)
    )
    assert_clean_error(result, 2, where, hint)
    assert snapshot(root) == before


@pytest.mark.parametrize("marker", ["__init__.py", "details.py"])
def test_a_module_beside_a_package_of_its_name_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], marker: str
) -> None:
    """`new-endpoint OrganizationMember` on a tree whose endpoints folder holds a package
    `organization_member/` wrote `organization_member.py` beside it: Python imports the package
    (or, for a folder without `__init__.py`, the module hides the folder's modules), so urls.py
    could not import the class (`check`: unknown-view) and `remove` named the wrong module."""
    root = copy_project(EXAMPLE, tmp_path / "p")
    package = root / "src/acme/api/endpoints/gadget_boxes"
    package.mkdir()
    (package / marker).write_text('"""Gadget boxes, split over modules."""\n')
    hint = r"src/acme/api/endpoints/gadget_boxes/ is a package of that name: Python cannot import"
    _refused_by_name(capsys, root, "GadgetBoxes", hint)


def _refused_by_name(capsys: pytest.CaptureFixture[str], root: Path, name: str, hint: str) -> None:
    """`new-endpoint NAME` on `root` is one line naming NAME and matching `hint`, exit 2, and
    writes nothing."""
    before = snapshot(root)
    result = run_like_a_process(
        capsys, "new-endpoint", name, "--route", "xyz/", *ALLOW, "--project", str(root)
    )
    assert_clean_error(result, 2, "NAME", hint)
    assert snapshot(root) == before


@pytest.mark.parametrize(
    "body",
    [
        # a base kept in a domain package
        (
            "    def convert_args(self, request, *args, **kwargs):\n"
            "        return super().convert_args(request, *args, **kwargs)\n"
        ),
        # an endpoint no route serves yet
        "    def get(self, request, project):\n        return None\n",
    ],
)
def test_a_class_name_another_endpoint_class_has_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], body: str
) -> None:
    """`new-endpoint ProjectAlertRule` on a tree defining `ProjectAlertRuleEndpoint` as a base in
    another package wrote a second class of that name: `remove` then refused to undo it (the
    other class's users were taken for its own) and `--base` became ambiguous."""
    root = copy_project(EXAMPLE, tmp_path / "p")
    package = root / "src/acme/gadgets"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "bases.py").write_text(
        "from acme.api.bases.project import ProjectEndpoint\n\n\n"
        f"class GadgetBoxEndpoint(ProjectEndpoint):\n{body}"
    )
    hint = r"GadgetBoxEndpoint is already an endpoint class of the project \(acme\.gadgets\.bases"
    _refused_by_name(capsys, root, "GadgetBox", hint)
