"""Plant one known problem per `scaffold check` rule in the Sentry-scale tree."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tests.support.sentry_endpoints import ENDPOINT, SCOPE_BASES, EndpointSpec
from tests.support.sentry_render import endpoint_module
from tests.support.sentry_tree import URLS, Finding, Tree, module_path

PREFIX = "bigco-api-0"
DEFAULT_RULES = (
    "unregistered-endpoint",
    "unknown-view",
    "duplicate-route-name",
    "unreachable-route",
    "dead-pattern",
    "param-mismatch",
)
OPT_IN_RULES = ("missing-publish-status", "missing-owner", "duplicate-view")
ORG_PROJECT = r"^(?P<organization_id_or_slug>[^/]+)/(?P<project_id_or_slug>[^/]+)/"
ORG_TEAM = r"^(?P<organization_id_or_slug>[^/]+)/(?P<team_id_or_slug>[^/]+)/"


@dataclass(frozen=True)
class Planted:
    """The planted tree's files and every finding `scaffold check` must report on it."""

    files: dict[str, str]
    findings: tuple[Finding, ...]
    orphan_path: str  # the module of the unregistered endpoint, for the one-file check

    def expected(self, rules: tuple[str, ...] = DEFAULT_RULES) -> set[Finding]:
        return {finding for finding in self.findings if finding.rule in rules}


def _entry(pattern: str, view: str, name: str, indent: int = 4) -> str:
    pad = " " * indent
    return (
        f'{pad}re_path(\n{pad}    r"{pattern}",\n{pad}    {view}.as_view(),\n'
        f'{pad}    name="{name}",\n{pad}),\n'
    )


def _new_spec(name: str, scope: str | None, methods: tuple[str, ...]) -> EndpointSpec:
    base = SCOPE_BASES[scope] if scope else ENDPOINT
    model = (
        base.injects[-1][1:] if base.injects else ("AuditLogEntry", "bigco.models.auditlogentry")
    )
    return EndpointSpec(
        name=name, module=f"bigco.api.endpoints.{_snake(name)}", base=base, params=(),
        methods=methods, kind="index", model=model, mixin=False, silo="region_silo_endpoint",
        owner="ISSUES", statuses=tuple("PRIVATE" for _ in methods),
    )  # fmt: skip


def _snake(class_name: str) -> str:
    stem = class_name.removesuffix("Endpoint")
    return re.sub(r"(?<!^)(?=[A-Z])", "_", stem).lower()


def _insert_after(text: str, anchor: str, addition: str) -> str:
    index = text.index(anchor) + len(anchor)
    return text[:index] + addition + text[index:]


def _edit_class(text: str, name: str, old: re.Pattern[str], new: str) -> str:
    """Replace the first match of `old` inside the class `name` of a module's text."""
    start = text.index(f"class {name}(")
    end = text.find("\n\n\n", start)
    end = len(text) if end == -1 else end
    body, count = old.subn(new, text[start:end], count=1)
    assert count == 1, f"{name}: nothing to plant on"
    return text[:start] + body + text[end:]


def plant_problems(tree: Tree) -> Planted:
    """The tree with one problem per rule (opt-in rules included) and the findings to expect."""
    files = dict(tree.files)
    urls = files[URLS]
    new = [
        _new_spec("OrganizationOrphanReportsEndpoint", "organization", ("get",)),
        _new_spec("LegacyStatusEndpoint", None, ("get",)),
        _new_spec("ProjectCrashReportDetailsEndpoint", "project", ("get",)),
        _new_spec("ProjectStaleNotesEndpoint", "project", ("get",)),
    ]
    orphan, legacy, crash, stale = new
    for spec in new:
        files[module_path(spec.module)] = endpoint_module([spec])
    imports = "".join(f"from .endpoints.{_snake(s.name)} import {s.name}\n" for s in new[1:])
    urls = _insert_after(
        urls, "from django.urls import URLPattern, URLResolver, include, re_path\n", imports
    )
    # unknown-view (never imported) and param-mismatch (the class takes no report_id)
    ghost, crash_name = "ProjectGhostReportsEndpoint", f"{PREFIX}-project-crash-report-details"
    project_entries = _entry(
        f"{ORG_PROJECT}ghost-reports/$", ghost, f"{PREFIX}-project-ghost-reports"
    )
    crash_pattern = f"{ORG_PROJECT}crash-reports/(?P<report_id>[^/]+)/$"
    project_entries += _entry(crash_pattern, crash.name, crash_name)
    # dead-pattern: `$` ends the path before more pattern follows
    stale_name = f"{PREFIX}-project-stale-notes"
    project_entries += _entry(f"{ORG_PROJECT}stale-notes/$archive/", stale.name, stale_name)
    urls = _insert_after(urls, "PROJECT_URLS = [\n", project_entries)
    # duplicate-view: a team endpoint served a second time
    team = next(s for s in tree.specs if s.base is SCOPE_BASES["team"] and not s.params)
    team_entry = _entry(f"{ORG_TEAM}legacy-view/$", team.name, f"{PREFIX}-team-legacy-view")
    urls = _insert_after(urls, "TEAM_URLS = [\n", team_entry)
    # duplicate-route-name: the usage report takes the usage route's name again
    usage = f'name="{PREFIX}-organization-usage'
    urls = urls.replace(f'{usage}-report",', f'{usage}",', 1)
    # unreachable-route: a route after the catch-all
    legacy_name = f"{PREFIX}-legacy-status"
    urls = _insert_after(
        urls,
        'name="bigco-api-catchall",\n    ),\n',
        _entry("^legacy-status/$", legacy.name, legacy_name),
    )
    files[URLS] = urls
    # missing-owner and missing-publish-status on two existing endpoints
    plain = [s for s in tree.specs if not s.mixin]
    unowned = plain[0]
    path = module_path(unowned.module)
    files[path] = _edit_class(
        files[path], unowned.name, re.compile(r"ApiOwner\.\w+"), "ApiOwner.UNOWNED"
    )
    unpublished = next(s for s in plain if "post" in s.methods and s.module != unowned.module)
    path2 = module_path(unpublished.module)
    files[path2] = _edit_class(
        files[path2], unpublished.name, re.compile(r' +"POST": ApiPublishStatus\.\w+,\n'), ""
    )
    findings = (
        Finding("unregistered-endpoint", module_path(orphan.module), orphan.name),
        Finding("unknown-view", URLS, ghost),
        Finding("param-mismatch", URLS, crash_name),
        Finding("duplicate-route-name", URLS, f"{PREFIX}-organization-usage"),
        Finding("unreachable-route", URLS, legacy_name),
        Finding("dead-pattern", URLS, stale_name),
        Finding("duplicate-view", URLS, team.name),
        Finding("missing-owner", path, unowned.name),
        Finding("missing-publish-status", path2, unpublished.name),
    )
    return Planted(files, findings, module_path(orphan.module))
