"""Bad input gets a clear one-line error naming the file, line and field (or the flag) and saying
what to do, a non-zero exit code, no traceback, and nothing written.

Every case runs the CLI in-process on a throwaway copy of a project and checks all of that.
"""

from __future__ import annotations

import ast
import io
import os
import re
import subprocess
import sys
import textwrap
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import EXAMPLE, FIXTURES, Result, copy_project, run_cli, snapshot

BAD_INPUT, CONFLICT = 2, 1
URLS = Path("src/acme/api/urls.py")  # the example's urls.py, relative to its root
ENDPOINTS = Path("src/acme/api/endpoints")


def example_urls_at(text: str) -> str:
    """`src/acme/api/urls.py:N:` for the line of the example's urls.py that holds `text`."""
    lines = (EXAMPLE / URLS).read_text().splitlines()
    return f"{URLS}:{next(i for i, line in enumerate(lines, 1) if text in line)}:"


def run_like_a_process(capsys: pytest.CaptureFixture[str], *argv: str) -> Result:
    """`run_cli`, but an uncaught exception becomes what a real process shows: exit 1 and a
    traceback on stderr (so a crash fails the assertions below instead of erroring the test)."""
    try:
        return run_cli(capsys, *argv)
    except Exception:  # noqa: BLE001 - this is exactly what the tests must catch
        captured = capsys.readouterr()
        return Result(1, captured.out, captured.err + traceback.format_exc())


def assert_clean_error(result: Result, code: int, where: str, hint: str) -> None:
    """Exit `code`; stderr is one `error: ` line containing `where` and matching `hint`."""
    assert "Traceback" not in result.err, result.err
    assert result.code == code, result.err
    assert result.err.startswith("error: "), result.err
    assert result.err.endswith("\n") and result.err.count("\n") == 1, repr(result.err)
    assert where in result.err, f"location {where!r} missing from: {result.err}"
    assert re.search(hint, result.err, re.IGNORECASE), f"no hint /{hint}/ in: {result.err}"


# -- spec files ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SpecCase:
    """`scaffold generate spec.yaml` on a copy of the example, with an invalid spec."""

    id: str
    spec: str
    where: str  # e.g. "spec.yaml:7: resources[1].methods[0]"
    hint: str  # a regex the message must match (what to do)
    code: int = BAD_INPUT


_OK = "- name: Widgets\n  route: widgets/\n"  # a valid first resource, for index/line tests

SPEC_CASES = [
    SpecCase(
        "invalid-yaml",
        "- name: Foo\n  route: foo/\n  methods: [get\n- name: Bar\n  route: bar/\n",
        "spec.yaml:4:7: invalid YAML",
        r"fix the syntax",
    ),
    SpecCase("top-level-scalar", "just a string\n", "spec.yaml:1:", r"must be a list of resources"),
    SpecCase(  # the module a spec names holds another endpoint: the spec's line, its field
        "module-holds-another-endpoint",
        "- name: Things\n  route: things/\n  module: acme.api.endpoints.organization_details\n",
        "spec.yaml:3: resources[0].module",
        r"organization_details.py: the module exists and defines no ThingsEndpoint; write the class there or give `module` one of its own",
        code=CONFLICT,
    ),
    SpecCase(  # a spec's advice names the spec's field, the command line's the flag
        "route-param-without-lookup",
        "- name: Things\n  route: things/{thing_id}/\n",
        "spec.yaml:2: resources[0].route",
        r"add lookups\.thing_id\.model \(a dotted model path\)",
    ),
    SpecCase(
        "top-level-unknown-key",
        "resource:\n  - name: Foo\n    route: foo/\n",
        "spec.yaml:1: resource:",
        r"did you mean 'resources'",
    ),
    SpecCase(
        "resources-not-a-list",
        "resources:\n  name: Foo\n  route: foo/\n",
        "spec.yaml:1: resources:",
        r"must be a list of resources",
    ),
    SpecCase(
        "unknown-resource-key",
        _OK + "- name: Foo\n  route: foo/\n  method: [get]\n",
        "spec.yaml:5: resources[1].method:",
        r"did you mean 'methods'",
    ),
    SpecCase(
        "unknown-lookup-key",
        "- name: Foo\n  route: foo/{foo_id}/\n  lookups:\n    foo_id:\n"
        "      model: acme.models.widget.Widget\n      feild: id\n",
        "spec.yaml:6: resources[0].lookups.foo_id.feild:",
        r"did you mean 'field'",
    ),
    SpecCase(  # the handlers get the raw value under the parameter's name: nothing renames it
        "passthrough-with-name",
        "- name: Foo\n  route: foo/{foo_key}/\n  lookups:\n    foo_key:\n"
        "      passthrough: true\n      name: key\n",
        "spec.yaml:6: resources[0].lookups.foo_key.name:",
        r"does not go with passthrough.*'foo_key'.*remove 'name'",
    ),
    SpecCase(
        "passthrough-with-model",
        "- name: Foo\n  route: foo/{foo_id}/\n  lookups:\n    foo_id:\n"
        "      model: acme.models.widget.Widget\n      passthrough: true\n",
        "spec.yaml:5: resources[0].lookups.foo_id.model:",
        r"does not go with passthrough.*remove 'model'",
    ),
    SpecCase(  # `get(id=widget.id, id=revision_id)` would not even compile
        "parent-field-is-the-objects-own-key",
        "- name: Peek\n  route: widgets/{widget_id}/peek/{revision_id}/\n  lookups:\n"
        "    widget_id: {model: acme.models.widget.Widget, parent: null}\n"
        "    revision_id: {model: acme.models.widget.WidgetRevision, parent_field: id}\n",
        "spec.yaml:5: resources[0].lookups.revision_id.parent_field:",
        r"'id' is the object's own key, not its parent's",
    ),
    SpecCase(  # a refusal about urls.py names the spec's resource that asked for it
        "route-already-in-urls",
        _OK + "- name: Again\n  route: organizations/{organization_id_or_slug}/dashboards/\n",
        "spec.yaml:4: resources[1].route: src/acme/api/urls.py:24:",
        r"already has the route .*remove it or change the route",
        code=CONFLICT,
    ),
    SpecCase(  # no field given: the default one the model lacks is no name to "check"
        "id-or-slug-on-a-model-without-slug",
        "- name: Peek\n  route: widgets/{widget_id}/peek/{revision_id_or_slug}/\n  lookups:\n"
        "    widget_id: {model: acme.models.widget.Widget, parent: null}\n"
        "    revision_id_or_slug: {model: acme.models.widget.WidgetRevision}\n",
        "spec.yaml:5: resources[0].lookups.revision_id_or_slug.field:",
        r"has no field 'slug', which revision_id_or_slug is matched against when no field is "
        r"given; add 'field', or name the parameter revision_id to look it up by id$",
    ),
    SpecCase(  # a given column the model provably lacks: Django's FieldError, every request
        "parent-field-given-misspelt",
        "- name: Peek\n  route: widgets/{widget_id}/peek/{revision_id}/\n  lookups:\n"
        "    widget_id: {model: acme.models.widget.Widget, parent: null}\n"
        "    revision_id: {model: acme.models.widget.WidgetRevision, parent_field: widgt_id}\n",
        "spec.yaml:5: resources[0].lookups.revision_id.parent_field:",
        r"has no field 'widgt_id' \(did you mean 'widget_id'\?\); check the field name",
    ),
    SpecCase(  # a renamed parent: the advice is the parent's field, never the object's key
        "parent-field-of-a-renamed-parent",
        "- name: Peek\n  route: widgets/{widget_id}/peek/{revision_id}/\n  lookups:\n"
        "    widget_id: {model: acme.models.widget.Widget, parent: null, name: w}\n"
        "    revision_id: {model: acme.models.widget.WidgetRevision}\n",
        "spec.yaml:5: resources[0].lookups.revision_id.parent_field:",
        r"no field 'w_id' \(did you mean 'widget_id'\?\)",
    ),
    SpecCase(  # a dotted path in shape, but a keyword no module can be named
        "permission-keyword",
        "- name: Foo\n  route: foo/\n  permission_classes: [not.a.Perm]\n",
        "spec.yaml:3: resources[0].permission_classes[0]:",
        r"'not' is a Python keyword",
    ),
    SpecCase(
        "module-a-file-path",
        "- name: Foo\n  route: foo/\n  module: ../../etc/foo\n",
        "spec.yaml:3: resources[0].module:",
        r"is not a dotted module path: use identifiers joined by dots",
    ),
    SpecCase(  # a status per method written as one string
        "publish-status-one-string-of-pairs",
        "- name: Foo\n  route: foo/\n  publish_status: get=public\n",
        "spec.yaml:3: resources[0].publish_status:",
        r"'get=public' is no status; give one for every method \(e\.g\. private\) or one per "
        r"method: a mapping such as \{get: public, post: private\}$",
    ),
    SpecCase(  # the file's name given: the did-you-mean once named `organization_member.py`
        "module-with-py-suffix",
        "- name: Foo\n  route: foo/\n  module: acme.api.endpoints.foo.py\n",
        "spec.yaml:3: resources[0].module:",
        r"ends in \.py.*use acme\.api\.endpoints\.foo$",
    ),
    SpecCase(  # its test module's file name is over the 255 bytes a file name may have
        "name-too-long-for-a-file",
        "- name: Foo" + "o" * 300 + "\n  route: foo/\n",
        "spec.yaml:1: resources[0].name:",
        r"255 bytes.*use a shorter name",
    ),
    SpecCase(
        "module-too-long-for-a-file",
        "- name: Foo\n  route: foo/\n  module: acme.api.endpoints.f" + "o" * 300 + "\n",
        "spec.yaml:3: resources[0].module:",
        r"255 bytes.*use a shorter name",
    ),
    SpecCase(
        "name-not-camelcase",
        _OK + "- name: foo_bar\n  route: foo/\n",
        "spec.yaml:3: resources[1].name:",
        r"CamelCase.*use e\.g\.",
    ),
    SpecCase(
        "name-keyword",
        "- name: class\n  route: foo/\n",
        "spec.yaml:1: resources[0].name:",
        r"CamelCase.*use e\.g\.",
    ),
    SpecCase(
        "name-endpoint",
        "- name: Endpoint\n  route: foo/\n",
        "spec.yaml:1: resources[0].name:",
        r"\b(use|choose|rename|pick)\b",
    ),
    SpecCase(
        "unknown-method",
        "resources:\n  - name: Foo\n    route: foo/\n  - name: Bar\n    route: bar/\n"
        "    methods:\n      - fetch\n",
        "spec.yaml:7: resources[1].methods[0]:",
        r"use any of get, post, put, patch, delete",
    ),
    SpecCase(
        "duplicate-method",
        "- name: Foo\n  route: foo/\n  methods: [get, post, get]\n",
        "spec.yaml:3: resources[0].methods",
        r"\b(remove|once|drop)\b",
    ),
    SpecCase(
        "methods-empty",
        "- name: Foo\n  route: foo/\n  methods: []\n",
        "spec.yaml:3: resources[0].methods:",
        r"must be a non-empty list of get",
    ),
    SpecCase(
        "route-double-slash",
        "- name: Foo\n  route: foo//bar/\n",
        "spec.yaml:2: resources[0].route:",
        r"remove it",
    ),
    SpecCase(
        "route-newline",
        '- name: Foo\n  route: "fo\\no/"\n',
        "spec.yaml:2: resources[0].route:",
        r"not allowed.*use letters",
    ),
    SpecCase(
        "lookup-param-not-in-route",
        "- name: Foo\n  route: foo/\n  lookups:\n    thing_id:\n"
        "      model: acme.models.widget.Widget\n",
        "spec.yaml:4: resources[0].lookups.thing_id:",
        r"\b(remove|add|use one of|did you mean)\b",
    ),
    SpecCase(
        "lookup-model-injection",
        "- name: Foo\n  route: foo/{foo_id}/\n  lookups:\n    foo_id:\n"
        "      model: __import__('os').X\n",
        "spec.yaml:5: resources[0].lookups.foo_id.model:",
        r"dotted path like pkg\.models\.Widget",
    ),
    SpecCase(
        "permission-not-dotted",  # a class's name alone: its module is what is missing
        "- name: Foo\n  route: foo/\n  permission_classes: [AllowAny]\n",
        "spec.yaml:3: resources[0].permission_classes[0]:",
        r"dotted path like .*give the module that defines it too \(pkg\.module\.AllowAny\)",
    ),
    SpecCase(
        "owner-unknown",
        _OK + "- name: Foo\n  route: foo/\n  owner: nobody\n",
        "spec.yaml:5: resources[1].owner:",
        r"use one of unowned, issues, ecosystem, telemetry",
    ),
    SpecCase(
        "publish-status-missing-method",
        "- name: Foo\n  route: foo/\n  methods: [get, post]\n  publish_status: {get: public}\n",
        "spec.yaml:4: resources[0].publish_status:",
        r"no status for post; give one per method",
    ),
    SpecCase(
        "publish-status-not-a-method",
        "- name: Foo\n  route: foo/\n  publish_status: {get: public, post: private}\n",
        "spec.yaml:3: resources[0].publish_status.post:",
        r"'post' is not one of this resource's methods \(get\); add it to methods or take it "
        r"out of publish_status",
    ),
    SpecCase(
        "defaults-publish-status-unknown-method",  # no resource's method: no such method at all
        "defaults:\n  publish_status: {get: public, fetch: private}\nresources:\n"
        "  - name: Foo\n    route: foo/\n",
        "spec.yaml:2: defaults.publish_status.fetch:",
        r"unknown method 'fetch' \(did you mean 'patch'\?\); use any of get, post, put",
    ),
    SpecCase(
        "defaults-silo-unknown",  # the bad value is in `defaults`, so that is where to point
        "defaults:\n  silo: moon\nresources:\n  - name: Foo\n    route: foo/\n",
        "spec.yaml:2: defaults.silo:",
        r"use one of control, region, all or none",
    ),
    SpecCase(
        "defaults-owner-unknown",
        "defaults:\n  owner: nobody\nresources:\n  - name: Foo\n    route: foo/\n",
        "spec.yaml:2: defaults.owner:",
        r"use one of unowned",
    ),
    SpecCase(
        "base-does-not-fit-route",
        "- name: Foo\n  route: foo/\n  base: ProjectEndpoint\n",
        "spec.yaml:3: resources[0].base:",
        r"route must give",
    ),
    SpecCase(
        "same-name-twice",
        "- name: Foo\n  route: foo/\n- name: FooEndpoint\n  route: bar/\n",
        "spec.yaml:3: resources[1].name:",
        r"must be unique",
    ),
    SpecCase(
        "same-route-twice",
        "- name: Foo\n  route: foo/\n- name: Bar\n  route: /api/0/foo/\n",
        "spec.yaml:4: resources[1].route:",
        r"must be unique",
    ),
    SpecCase(  # a URL name taken: named at the field the name came from
        "url-name-taken",
        "- name: Things\n  route: things/\n  url_name: acme-api-0-organization-details\n",
        "spec.yaml:3: resources[0].url_name: src/acme/api/urls.py:",
        r"already used; choose another with --url-name",
        code=CONFLICT,
    ),
    SpecCase(
        "url-name-quotes",
        '- name: Foo\n  route: foo/\n  url_name: "it\'s"\n',
        "spec.yaml:3: resources[0].url_name:",
        r"use e\.g\.",
    ),
]


@pytest.mark.parametrize("case", SPEC_CASES, ids=lambda case: case.id)
def test_bad_spec_file(case: SpecCase, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    spec = tmp_path / "spec.yaml"
    spec.write_text(case.spec, encoding="utf-8")
    before = snapshot(project)

    result = run_like_a_process(capsys, "generate", str(spec), "--project", str(project))

    assert_clean_error(result, case.code, case.where, case.hint)
    assert snapshot(project) == before


# -- command-line flags --------------------------------------------------------------------


@dataclass(frozen=True)
class FlagCase:
    """`scaffold new-endpoint ARGS` on a copy of a project, with one bad flag value."""

    id: str
    args: tuple[str, ...]
    where: str  # the flag (or NAME) the message must name
    hint: str
    code: int = BAD_INPUT
    project: Path = EXAMPLE


_NO_RESOURCE = r"'Endpoint' names no resource \(Endpoint is appended to the name\); use e\.g\."
# the column as typed (the /api/0/ prefix included) and the parameter the user seems to mean
_UNCLOSED = r"unclosed '\{' at column 10; close the parameter with '\}' \(e\.g\. \{x_id\}\)"
_NEVER_OPENED = (
    r"'\}' at column 7 closes no '\{'; open the parameter with '\{' \(e\.g\. \{x_id\}\) or "
    r"remove the '\}'"
)
_DOUBLED = r"'\{\{' at column 3: a parameter is written \{name\}; remove one '\{'"

FLAG_CASES = [
    FlagCase(  # no client ever sends it: the route could never be reached
        "route-with-dot-dot-segment",
        ("Things", "--route", "../../things/"),
        "--route",
        r"'\.' or '\.\.' segment",
    ),
    FlagCase(  # Django's path() syntax, copied from another project
        "route-in-django-path-syntax",
        ("Things", "--route", "organizations/<int:org_id>/things/"),
        "--route",
        r"'<int:org_id>' is Django's path syntax; write parameters as \{org_id:\[0-9\]\+\}",
    ),
    FlagCase(  # a path converter's name after ':' is a regex matching that word alone
        "route-with-converter-name",
        ("Things", "--route", "things/{thing_id:int}/", "--lookup", "thing_id=-"),
        "--route",
        (
            r"\{thing_id:int\} would match the word 'int' alone: what follows ':' is a regex, "
            r"not a converter; write \{thing_id:\[0-9\]\+\}"
        ),
    ),
    FlagCase(
        "route-with-str-converter-name",
        ("Things", "--route", "things/{name:str}/", "--lookup", "name=-"),
        "--route",
        r"\{name:str\} would match the word 'str' alone: .*; write \{name\}$",
    ),
    FlagCase("name-keyword", ("class", "--route", "things/"), "NAME", r"use e\.g\."),
    FlagCase("name-snake-case", ("my_things", "--route", "things/"), "NAME", r"use e\.g\."),
    FlagCase("name-endpoint", ("Endpoint", "--route", "things/"), "NAME", _NO_RESOURCE),
    FlagCase("unclosed-brace", ("Things", "--route", "/api/0/x/{x_id/"), "--route", _UNCLOSED),
    FlagCase("brace-never-opened", ("Things", "--route", "x/x_id}/"), "--route", _NEVER_OPENED),
    FlagCase("brace-doubled", ("Things", "--route", "x/{{x_id}/"), "--route", _DOUBLED),
    FlagCase(
        "unknown-method",
        ("Things", "--route", "things/", "--methods", "get,fetch"),
        "--methods",
        r"use any of get, post",
    ),
    FlagCase(
        "misspelled-method",
        ("Things", "--route", "things/", "--methods", "get,gett"),
        "--methods",
        r"unknown method 'gett' \(did you mean 'get'\?\); use any of get, post",
    ),
    FlagCase(
        "duplicate-method",
        ("Things", "--route", "things/", "--methods", "get,GET"),
        "--methods",
        r"\b(remove|once|drop)\b",
    ),
    FlagCase(
        "methods-empty",
        ("Things", "--route", "things/", "--methods", ""),
        "--methods",
        r"\buse any of\b|non-empty",
    ),
    FlagCase(
        "route-double-quote",
        ("Things", "--route", 'thi"ngs/'),
        "--route",
        r"not allowed.*use letters",
    ),
    FlagCase(
        "route-newline",
        ("Things", "--route", "thi\nngs/"),
        "--route",
        r"not allowed.*use letters",
    ),
    FlagCase(
        "route-space",
        ("Things", "--route", "thi ngs/"),
        "--route",
        r"not allowed.*use letters",
    ),
    FlagCase(
        "route-double-slash",
        ("Things", "--route", "things//parts/"),
        "--route",
        r"remove it",
    ),
    FlagCase(
        "route-duplicate-param",
        ("Things", "--route", "things/{thing_id}/{thing_id}/"),
        "--route",
        r"\b(rename|remove)\b",
    ),
    FlagCase(
        "route-invalid-regex",
        ("Things", "--route", "things/{x:[}/"),
        "--route",
        r"\b(fix|use|escape|close)\b",
    ),
    FlagCase(
        "route-param-without-lookup",
        ("Things", "--route", "things/{thing_id}/"),
        "--route",
        r"pass --lookup thing_id=<dotted model path>",
    ),
    FlagCase(
        "lookup-param-not-in-route",
        ("Things", "--route", "things/", "--lookup", "thing_id=acme.models.widget.Widget"),
        "--lookup",
        r"\b(remove|add|use one of|did you mean)\b",
    ),
    FlagCase(
        "lookup-without-model",
        ("Things", "--route", "things/{thing_id}/", "--lookup", "thing_id"),
        "--lookup",
        r"expected PARAM=MODEL",
    ),
    FlagCase(
        "lookup-model-call",
        ("Things", "--route", "things/{thing_id}/", "--lookup", 'thing_id=os.system("x")'),
        "--lookup",
        r"dotted path like",
    ),
    FlagCase(
        "lookup-model-statement",
        ("Things", "--route", "things/{thing_id}/", "--lookup", "thing_id=a.b; import os"),
        "--lookup",
        r"dotted path like",
    ),
    FlagCase(
        "lookup-model-dunder-import",
        ("Things", "--route", "things/{thing_id}/", "--lookup", "thing_id=__import__('os').X"),
        "--lookup",
        r"dotted path like",
    ),
    FlagCase(  # a typo would be written into the module's imports: urls.py would not load
        "lookup-model-misspelt",
        ("Things", "--route", "things/{thing_id}/", "--lookup", "thing_id=acme.models.Widgte"),
        "--lookup",
        r"acme.models defines no Widgte \(did you mean 'Widget'\?\)",
    ),
    FlagCase(
        "lookup-model-module-missing",
        ("Things", "--route", "things/{thing_id}/", "--lookup", "thing_id=acme.models.gizmo.Gizmo"),
        "--lookup",
        r"acme.models.gizmo is no module of the project \(no src/acme/models/gizmo.py\)",
    ),
    FlagCase(
        "permission-module-missing",
        ("Things", "--route", "things/", "--permission", "acme.api.permissions.Nope"),
        "--permission",
        r"acme.api.permissions is no module of the project",
    ),
    FlagCase(
        "lookup-field-not-identifier",
        ("Things", "--route", "things/{thing_id}/", "--lookup", "thing_id=acme.models.W:a=b"),
        "--lookup",
        r"not an identifier",
    ),
    FlagCase(
        "lookup-param-given-twice",  # the first one must not be dropped silently
        (
            "Things",
            "--route",
            "things/{thing_id}/",
            "--lookup",
            "thing_id=acme.models.widget.Widget",
            "--lookup",
            "thing_id=acme.models.dashboard.Dashboard",
        ),
        "--lookup",
        r"thing_id",
    ),
    FlagCase(
        "lookup-model-shadows-endpoint-class",  # `class ThingsEndpoint` would hide the model
        (
            "Things",
            "--route",
            "things/{thing_id}/",
            "--lookup",
            "thing_id=thingslib.models.ThingsEndpoint",
        ),
        "NAME",
        r"\b(rename|choose|use)\b",
    ),
    FlagCase(
        "permission-not-dotted",
        ("Things", "--route", "things/", "--permission", "AllowAny"),
        "--permission",
        r"dotted path like",
    ),
    FlagCase(
        "permission-clashes-with-request",
        ("Things", "--route", "things/", "--permission", "permlib.permissions.Request"),
        "--permission",
        r"rename",
    ),
    FlagCase(
        "owner-unknown",
        ("Things", "--route", "things/", "--owner", "nobody"),
        "--owner",
        r"use one of unowned, issues",
    ),
    FlagCase(
        "owner-in-project-without-apiowner",
        (
            "OrganizationThings",
            "--route",
            "organizations/{organization_slug}/things/",
            "--owner",
            "issues",
        ),
        "--owner",
        r"remove --owner",
        project=FIXTURES / "legacy",
    ),
    FlagCase(
        "publish-status-unknown",
        ("Things", "--route", "things/", "--publish-status", "bogus"),
        "--publish-status",
        r"use one of unknown, public, private, experimental",
    ),
    FlagCase(
        "publish-status-missing-method",
        ("Things", "--route", "things/", "--methods", "get,post", "--publish-status", "get=public"),
        "--publish-status",
        r"give one per method",
    ),
    FlagCase(
        "publish-status-not-a-method",
        ("Things", "--route", "things/", "--publish-status", "get=public,put=private"),
        "--publish-status",
        r"'put' is not one of this resource's methods \(get\); add it to --methods or take it "
        r"out of --publish-status",
    ),
    FlagCase(
        "publish-status-method-twice",  # the first one must not be dropped silently
        ("Things", "--route", "things/", "--publish-status", "get=public,get=private"),
        "--publish-status",
        r"get",
    ),
    FlagCase(
        "silo-unknown",
        ("Things", "--route", "things/", "--silo", "moon"),
        "--silo",
        r"use one of control, region, all or none",
    ),
    FlagCase(
        "base-unknown",
        ("Things", "--route", "things/", "--base", "OrganizationEndpont"),
        "--base",
        r"did you mean 'OrganizationEndpoint'",
    ),
    FlagCase(  # a typo in a dotted path: the dotted path meant
        "base-dotted-typo",
        (
            "Things",
            "--route",
            "things/",
            "--base",
            "acme.api.bases.organization.OrganizationEndpont",
        ),
        "--base",
        r"did you mean 'acme\.api\.bases\.organization\.OrganizationEndpoint'",
    ),
    FlagCase(  # a dotted path given, of a model: no advice to give a dotted path
        "base-a-model",
        ("Things", "--route", "things/", "--base", "acme.models.widget.Widget"),
        "--base",
        r"no endpoint class 'acme\.models\.widget\.Widget' deriving from Endpoint",
    ),
    FlagCase(
        "base-not-dotted",
        ("Things", "--route", "things/", "--base", "a.b; import os"),
        "--base",
        r"not a class name or dotted path",
    ),
    FlagCase(
        "base-does-not-fit-route",
        ("Things", "--route", "things/", "--base", "ProjectEndpoint"),
        "--base",
        r"route must give those parameters",
    ),
    FlagCase(
        "base-does-not-fit-route-one-parameter",
        ("Things", "--route", "things/", "--base", "OrganizationEndpoint"),
        "--base",
        r"needs organization_id_or_slug, so the route must give that parameter",
    ),
    FlagCase(
        "url-name-double-quote",
        ("Things", "--route", "things/", "--url-name", 'acme-"things'),
        "--url-name",
        r"use e\.g\.",
    ),
    FlagCase(
        "url-name-single-quote",
        ("Things", "--route", "things/", "--url-name", "acme-'things"),
        "--url-name",
        r"use e\.g\.",
    ),
    FlagCase(
        "url-name-already-used",
        ("Things", "--route", "things/", "--url-name", "acme-api-0-index"),
        example_urls_at('name="acme-api-0-index"'),
        r"choose another with --url-name",
        code=CONFLICT,
    ),
    FlagCase(  # no field given: the default one the model lacks is no name to "check"
        "id-or-slug-on-a-model-without-slug",
        (
            "Peek",
            "--route",
            "widgets/{widget_id}/peek/{revision_slug}/",
            "--lookup",
            "widget_id=acme.models.widget.Widget",
            "--lookup",
            "revision_slug=acme.models.widget.WidgetRevision",
        ),
        "--lookup",
        r"has no field 'slug', which revision_slug is matched against when no field is given; "
        r"write --lookup revision_slug=acme\.models\.widget\.WidgetRevision:FIELD, or name the "
        r"parameter revision_id to look it up by id$",
    ),
    FlagCase(  # once "'get:public' is not an identifier; use e.g. private"
        "publish-status-with-a-colon",
        ("Things", "--route", "things/", "--publish-status", "get:public"),
        "--publish-status",
        r"'get:public' is no status; give one for every method \(e\.g\. private\) or one per "
        r"method: get=public,post=private$",
    ),
    FlagCase(  # once "did you mean 'post'?", which drops the get
        "methods-separated-by-spaces",
        ("Things", "--route", "things/", "--methods", "get post"),
        "--methods",
        r"'get post' holds 2 methods; separate them with commas: get,post$",
    ),
    FlagCase(
        "methods-with-a-comma-too-many",
        ("Things", "--route", "things/", "--methods", "get,"),
        "--methods",
        r"an empty method \(a comma too many\?\); use any of get, post",
    ),
    FlagCase(  # a module's file name, as a shell completes it
        "module-with-py-suffix",
        ("Things", "--route", "things/", "--module", "acme.api.endpoints.things.py"),
        "--module",
        r"ends in \.py.*use acme\.api\.endpoints\.things$",
    ),
    FlagCase(  # once an OSError's traceback: "File name too long"
        "name-too-long-for-a-file",
        ("Things" + "s" * 300, "--route", "things/"),
        "NAME",
        r"255 bytes.*use a shorter name",
    ),
    FlagCase(
        "force-and-skip",
        ("Things", "--route", "things/", "--force", "--skip"),
        "--force and --skip",
        r"pass one",
    ),
    FlagCase(
        "module-exists-and-registered",
        (
            "BroadcastDetails",
            "--route",
            "broadcasts/{broadcast_id}/",
            "--lookup",
            "broadcast_id=acme.models.broadcast.Broadcast",
        ),
        "src/acme/api/endpoints/broadcast_details.py",
        r"pass --force to overwrite it or --skip to keep it",
        code=CONFLICT,
    ),
    FlagCase(
        "route-already-in-urls",  # a ConflictError per scaffold/errors.py: exit 1
        (
            "Broadcasts",
            "--route",
            "broadcasts/{broadcast_id}/",
            "--lookup",
            "broadcast_id=acme.models.broadcast.Broadcast",
        ),
        example_urls_at(r'r"^broadcasts/(?P<broadcast_id>[^/]+)/$"'),
        r"change the route",
        code=CONFLICT,
    ),
]


@pytest.mark.parametrize("case", FLAG_CASES, ids=lambda case: case.id)
def test_bad_flag(case: FlagCase, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(case.project, tmp_path / "project")
    before = snapshot(project)

    result = run_like_a_process(capsys, "new-endpoint", *case.args, "--project", str(project))

    assert_clean_error(result, case.code, case.where, case.hint)
    assert snapshot(project) == before


def test_generate_force_and_skip_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    before = snapshot(project)

    result = run_like_a_process(
        capsys,
        "generate",
        str(project / "spec.yaml"),
        "--force",
        "--skip",
        "--project",
        str(project),
    )

    assert_clean_error(result, BAD_INPUT, "--force and --skip", r"pass one")
    assert snapshot(project) == before


def test_generate_force_on_a_module_others_import_from_names_the_spec_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        "- name: Things\n  route: things/\n  module: acme.api.bases.organization\n",
        encoding="utf-8",
    )
    before = snapshot(project)

    result = run_like_a_process(capsys, "generate", str(spec), "--force", "--project", str(project))

    assert_clean_error(
        result,
        CONFLICT,
        f"{spec}:3: resources[0].module: src/acme/api/bases/organization.py: ",
        r"which --force would delete; .* or give `module` one of its own$",
    )
    assert snapshot(project) == before


class _FakeTerminal(io.StringIO):
    """A stdin that claims to be a terminal, so only CI=true can stop the prompt."""

    def isatty(self) -> bool:
        return True


def test_ci_without_route_names_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    before = snapshot(project)
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(sys, "stdin", _FakeTerminal("things/\n"))

    result = run_like_a_process(capsys, "new-endpoint", "Things", "--project", str(project))

    assert_clean_error(result, BAD_INPUT, "--route", r"pass --route")
    assert snapshot(project) == before


def test_bad_route_in_a_real_process(tmp_path: Path) -> None:
    """The installed entry point behaves the same as the in-process runs above."""
    project = copy_project(EXAMPLE, tmp_path / "project")
    before = snapshot(project)

    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "scaffold",
            "new-endpoint",
            "Things",
            "--route",
            "a b/",
            "--project",
            str(project),
        ],
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
    )

    assert completed.returncode == BAD_INPUT
    assert completed.stderr.count("\n") == 1 and completed.stderr.startswith("error: --route: ")
    assert snapshot(project) == before


# -- the target project and its urls.py ----------------------------------------------------


def _edit(relative: Path | str, change: Callable[[str], str]) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        path = root / relative
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    return apply


def _delete(relative: Path | str) -> Callable[[Path], None]:
    return lambda root: (root / relative).unlink()


def _write(relative: Path | str, text: str) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        (root / relative).write_text(text, encoding="utf-8")

    return write


def _append_bytes(relative: Path | str, data: bytes) -> Callable[[Path], None]:
    def apply(root: Path) -> None:
        with (root / relative).open("ab") as handle:
            handle.write(data)

    return apply


def _pyproject_table(body: str) -> Callable[[Path], None]:
    return _edit("pyproject.toml", lambda text: text + "\n[tool.scaffold]\n" + body + "\n")


def _import_line(line: str) -> Callable[[Path], None]:
    anchor = "from .endpoints.index import IndexEndpoint\n"
    return _edit(URLS, lambda text: text.replace(anchor, anchor + line + "\n", 1))


@dataclass(frozen=True)
class ProjectCase:
    """`scaffold new-endpoint Things --route things/` on a copy of the example after `setup`."""

    id: str
    setup: Callable[[Path], None]
    where: str
    hint: str
    code: int = BAD_INPUT
    args: tuple[str, ...] = ("Things", "--route", "things/")


PROJECT_CASES = [
    ProjectCase(
        "urls-missing", _delete(URLS), "src/<package>/api/urls.py", r"pass --project|set \[tool"
    ),
    ProjectCase(
        "urls-not-utf8",
        _append_bytes(URLS, b"# caf\xe9\n"),
        "src/acme/api/urls.py:",
        r"urls\.py:\d+:6: not valid UTF-8 \(byte \d+\); re-save the file as UTF-8",
    ),
    ProjectCase(
        "urls-no-urlpatterns",
        _edit(URLS, lambda text: text.replace("\nurlpatterns = [", "\napi_patterns = [", 1)),
        "src/acme/api/urls.py",
        r"\b(add|define|set)\b",
    ),
    ProjectCase(
        "urls-no-re-path-import",
        _edit(URLS, lambda text: text.replace("include, re_path", "include, path", 1)),
        "src/acme/api/urls.py",
        r"import the one your Django has \(`from django\.urls import re_path`",
    ),
    ProjectCase(
        "pyproject-unknown-key",
        _pyproject_table('packag = "acme"'),
        "pyproject.toml:9: [tool.scaffold] packag: unknown key",
        r"did you mean 'package'",
    ),
    ProjectCase(
        "pyproject-urls-outside",
        _pyproject_table('urls = "../outside.py"'),
        "pyproject.toml:9: [tool.scaffold] urls = '../outside.py' points outside the project",
        r"give a path inside it",
    ),
    ProjectCase(
        "pyproject-invalid-toml",
        _edit("pyproject.toml", lambda text: text + "\n[tool.scaffold\n"),
        "pyproject.toml: invalid TOML",
        r"fix the file",
    ),
    ProjectCase(
        "pyproject-wrong-type",
        _pyproject_table('line-length = "100"'),
        "pyproject.toml:9: [tool.scaffold] line-length must be an integer",
        r"line length",
    ),
    ProjectCase(
        "class-imported-from-other-module",
        _import_line("from acme.legacy import ThingsEndpoint"),
        "src/acme/api/urls.py:8:",
        r"choose another name",
    ),
    ProjectCase(
        "class-imported-under-alias",
        _import_line("from .endpoints.old import OldEndpoint as ThingsEndpoint"),
        "src/acme/api/urls.py:8:",
        r"choose another name",
    ),
    ProjectCase(
        "module-exists-unregistered",
        _write(ENDPOINTS / "things.py", "# hand-written, not registered\n"),
        "src/acme/api/endpoints/things.py",
        r"defines no ThingsEndpoint; .*--force to replace the module.*--module",
        code=CONFLICT,
    ),
    ProjectCase(  # --force is refused for a module holding a registered endpoint: not advised
        "module-holds-a-registered-endpoint",
        lambda root: None,
        "src/acme/api/endpoints/organization_details.py",
        r"defines no ThingsEndpoint; write the class there or give --module(?!.*--force)",
        code=CONFLICT,
        args=(
            "Things",
            "--route",
            "things/",
            "--module",
            "acme.api.endpoints.organization_details",
        ),
    ),
    ProjectCase(  # --force is refused for a module other code imports from: not advised
        "module-other-code-imports-from",
        lambda root: None,
        "src/acme/api/bases/organization.py",
        r"defines no ThingsEndpoint; write the class there or give --module(?!.*--force)",
        code=CONFLICT,
        args=("Things", "--route", "things/", "--module", "acme.api.bases.organization"),
    ),
]


@pytest.mark.parametrize("case", PROJECT_CASES, ids=lambda case: case.id)
def test_bad_project(case: ProjectCase, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    (tmp_path / "outside.py").write_text("urlpatterns = []\n", encoding="utf-8")
    case.setup(project)
    before = snapshot(project)

    result = run_like_a_process(capsys, "new-endpoint", *case.args, "--project", str(project))

    assert_clean_error(result, case.code, case.where, case.hint)
    assert snapshot(project) == before


def test_unparseable_urls_names_file_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    urls = project / URLS
    lines = urls.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(1, "x = = 1\n")  # line 2, right after the module docstring
    urls.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SyntaxError) as python_says:
        ast.parse(urls.read_bytes())
    before = snapshot(project)

    result = run_like_a_process(
        capsys, "new-endpoint", "Things", "--route", "things/", "--project", str(project)
    )

    assert_clean_error(result, BAD_INPUT, "src/acme/api/urls.py:", r"fix the syntax")
    location = re.search(r"urls\.py:(\d+):(\d+):", result.err)
    assert location, f"no file:line:col in: {result.err}"
    assert int(location.group(1)) == python_says.value.lineno == 2, result.err
    assert snapshot(project) == before


@pytest.mark.parametrize("target", ["manage.py", "no-such-dir"])
def test_project_not_a_directory(
    target: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    before = snapshot(project)

    result = run_like_a_process(
        capsys, "new-endpoint", "Things", "--route", "things/", "--project", str(project / target)
    )

    assert_clean_error(result, BAD_INPUT, f"{target}: not a directory", r"pass --project")
    assert snapshot(project) == before


def test_missing_spec_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    before = snapshot(project)

    result = run_like_a_process(
        capsys, "generate", str(tmp_path / "nope.yaml"), "--project", str(project)
    )

    assert_clean_error(result, BAD_INPUT, "nope.yaml: no such spec file", r"check the path")
    assert snapshot(project) == before


# -- hostile text that is not an error --------------------------------------------------------

HOSTILE_DESCRIPTION = 'Lists "things".\nEnds a docstring early: """ and \'\'\' and a \\ too.'


def _docstring_of(module: Path, class_name: str) -> str | None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    classes = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name]
    assert len(classes) == 1
    return ast.get_docstring(classes[0], clean=False)


def test_description_with_quotes_is_kept_as_docstring_from_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")

    result = run_cli(
        capsys,
        "new-endpoint",
        "Things",
        "--route",
        "things/",
        "--description",
        HOSTILE_DESCRIPTION,
        "--project",
        str(project),
    )

    assert result.code == 0, result.err
    assert _docstring_of(project / ENDPOINTS / "things.py", "ThingsEndpoint") == HOSTILE_DESCRIPTION


@pytest.mark.parametrize(
    ("description", "written"),
    [
        ('Preview a "widget".', '    """Preview a "widget"."""\n'),
        ('Say "hi"', "    'Say \"hi\"'\n"),  # a quote at the end would close it early
        ('Say """hi', '    \'Say """hi\'\n'),
    ],
)
def test_a_description_with_quotes_inside_keeps_the_triple_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], description: str, written: str
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    argv = ("new-endpoint", "Things", "--route", "things/", "--description", description)
    result = run_cli(capsys, *argv, "--project", str(project))
    assert result.code == 0, result.err
    module = project / ENDPOINTS / "things.py"
    assert written in module.read_text()
    assert _docstring_of(module, "ThingsEndpoint") == description


def test_description_with_quotes_is_kept_as_docstring_from_spec(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "project")
    spec = tmp_path / "spec.yaml"
    escaped = HOSTILE_DESCRIPTION.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    spec.write_text(
        textwrap.dedent(f"""\
            - name: Things
              route: things/
              description: "{escaped}"
            """),
        encoding="utf-8",
    )

    result = run_cli(capsys, "generate", str(spec), "--project", str(project))

    assert result.code == 0, result.err
    assert _docstring_of(project / ENDPOINTS / "things.py", "ThingsEndpoint") == HOSTILE_DESCRIPTION


def test_a_folder_given_as_the_spec_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "example")
    (tmp_path / "specs").mkdir()
    result = run_like_a_process(
        capsys, "generate", str(tmp_path / "specs"), "--project", str(project)
    )
    assert_clean_error(
        result, BAD_INPUT, str(tmp_path / "specs"), r"is a folder; give the spec file"
    )


def test_a_device_given_as_the_spec_says_it_is_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`/dev/null` is there: "no such spec file" sent the user looking for a typo."""
    project = copy_project(EXAMPLE, tmp_path / "example")
    result = run_like_a_process(capsys, "generate", os.devnull, "--project", str(project))
    assert_clean_error(result, BAD_INPUT, os.devnull, r"is not a file \(a device\); give the spec")


def test_a_spec_read_from_a_pipe_is_generated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`scaffold generate <(scaffold list --format spec)`: the shell passes a pipe's path."""
    project = copy_project(EXAMPLE, tmp_path / "example")
    pipe = tmp_path / "spec-pipe"
    os.mkfifo(pipe)
    spec = "- name: Things\n  route: things/\n"

    def write() -> None:
        with open(pipe, "w", encoding="utf-8") as end:
            end.write(spec)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        result = run_like_a_process(capsys, "generate", str(pipe), "--project", str(project))
    finally:
        if writer.is_alive():  # not opened: open it to free the writer
            open(pipe, encoding="utf-8").close()
        writer.join()
    assert result.code == 0, result.err
    assert (project / ENDPOINTS / "things.py").is_file()


def test_a_baseline_without_its_key_names_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = copy_project(EXAMPLE, tmp_path / "example")
    baseline = tmp_path / "baseline.json"
    baseline.write_text('{"foo": 1}')
    argv = ("check", "--project", str(project), "--baseline", str(baseline))
    result = run_like_a_process(capsys, *argv)
    assert_clean_error(result, BAD_INPUT, str(baseline), r"\(no 'problems' key\); rewrite it")
