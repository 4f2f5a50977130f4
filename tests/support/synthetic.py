"""Build a synthetic, Sentry-shaped `bigco` project: a ~3,800-line urls.py and its base classes."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE = "bigco"
URL_NAME_PREFIX = "bigco-api-0"
LINE_LENGTH = 100
MIN_ROUTES = 60
# Scaffold's own tests and the bench add these resources, so the fixture never defines them.
RESERVED_NOUNS = ("widget", "gadget")


@dataclass(frozen=True)
class Style:
    """Spelling differences between the modern (2025) and legacy (2020) urls.py shapes."""

    name: str
    call: str
    segment: str
    organization: str
    project: str
    team: str
    relative_imports: bool
    annotated: bool


STYLES: dict[str, Style] = {
    "modern": Style(
        name="modern",
        call="re_path",
        segment="[^/]+",
        organization="organization_id_or_slug",
        project="project_id_or_slug",
        team="team_id_or_slug",
        relative_imports=True,
        annotated=True,
    ),
    "legacy": Style(
        name="legacy",
        call="url",
        segment=r"[^\/]+",
        organization="organization_slug",
        project="project_slug",
        team="team_slug",
        relative_imports=False,
        annotated=False,
    ),
}


@dataclass(frozen=True)
class Route:
    """One `X.as_view()` entry; `name` is an f-string body when `fstring` is set."""

    pattern: str
    view: str
    name: str
    fstring: bool = False


@dataclass(frozen=True)
class Include:
    """A `re_path(prefix, include(<target>))` entry."""

    pattern: str
    target: str


@dataclass(frozen=True)
class InlineInclude:
    """A `re_path(prefix, include([...]))` entry with its routes written in place."""

    pattern: str
    routes: tuple[Route, ...]


@dataclass(frozen=True)
class Comment:
    """A `# Section` comment line inside a list."""

    text: str


@dataclass(frozen=True)
class Spread:
    """A `*module.LIST` element."""

    expr: str


Entry = Route | Include | InlineInclude | Comment | Spread


@dataclass(frozen=True)
class Section:
    """A themed run of routes: comment label, owning app (None: bigco.api) and head noun."""

    label: str
    area: str | None
    head: str


@dataclass(frozen=True)
class Scope:
    """One family of routes: include prefix, URL parameters, sections and share of the routes."""

    key: str
    include_prefix: str
    params: tuple[str, ...]
    sections: tuple[Section, ...]
    share: float
    specials: int = 0

    @property
    def variable(self) -> str:
        return f"{self.key.upper()}_URLS"

    @property
    def name_scope(self) -> str:
        return "" if self.key == "top" else self.key

    @property
    def class_prefix(self) -> str:
        return self.name_scope.capitalize()

    @property
    def fstring_names(self) -> bool:
        return self.key == "group"


def _sections(*rows: tuple[str, str | None, str]) -> tuple[Section, ...]:
    return tuple(Section(label, area, head) for label, area, head in rows)


SUB_NOUNS = (
    "action", "activity", "alert", "archive", "asset", "attachment", "audit_log", "avatar",
    "bookmark", "bundle", "chart", "checkin", "comment", "condition", "config", "count", "digest",
    "environment", "event", "export", "file", "filter", "group", "history", "hook", "incident",
    "invite", "issue", "link", "mapping", "member", "metric", "note", "owner", "preview",
    "processor", "query", "quota", "release", "request", "rule", "sample", "schedule", "search",
    "session", "setting", "snapshot", "source", "status", "subscription", "summary", "symbol",
    "tag", "template", "threshold", "token", "transaction", "trigger", "upload", "version", "view",
)  # fmt: skip

ORGANIZATION_SECTIONS = _sections(
    ("Dashboards", None, "dashboard"),
    ("Monitors", "monitors", "monitor"),
    ("Uptime", "uptime", "uptime_check"),
    ("Alert rules", "incidents", "alert_rule"),
    ("Incidents", "incidents", "incident"),
    ("Releases", None, "release"),
    ("Discover", "discover", "saved_query"),
    ("Integrations", "integrations", "integration"),
    ("Replays", "replays", "replay"),
    ("Members", None, "member"),
    ("Workflows", "workflow_engine", "workflow"),
    ("Detectors", "workflow_engine", "detector"),
    ("Profiling", "profiling", "profile"),
    ("Feature flags", "flags", "flag"),
    ("Data exports", "exports", "export"),
    ("Relocations", "relocation", "relocation"),
    ("Saved searches", None, "saved_search"),
    ("Sessions", None, "session"),
    ("Environments", None, "environment"),
    ("Repositories", None, "repository"),
    ("Onboarding", None, "onboarding_task"),
    ("Notification actions", "notifications", "notification_action"),
    ("Traces", None, "trace"),
    ("Auth providers", None, "auth_provider"),
    ("Api keys", None, "api_key"),
    ("Access requests", None, "access_request"),
    ("Insights", "insights", "insight"),
    ("Spans", "spans", "span"),
    ("Coverage", "coverage", "coverage_report"),
    ("Sampling", "sampling", "sampling_rule"),
    ("Events", None, "event"),
    ("Tags", None, "tag"),
)
PROJECT_SECTIONS = _sections(
    ("Client keys", None, "key"),
    ("Releases", None, "release"),
    ("Monitors", "monitors", "monitor"),
    ("Debug files", None, "debug_file"),
    ("Artifact bundles", None, "artifact_bundle"),
    ("Ownership", None, "ownership_rule"),
    ("Issue rules", None, "rule"),
    ("Replays", "replays", "replay"),
    ("Tags", None, "tag"),
    ("Events", None, "event"),
    ("Inbound filters", None, "filter"),
    ("Symbol sources", None, "symbol_source"),
    ("Uptime", "uptime", "uptime_alert"),
    ("Profiling", "profiling", "profile"),
    ("Environments", None, "environment"),
    ("Code owners", None, "codeowner"),
    ("Stacktrace links", None, "stacktrace_link"),
    ("Service hooks", None, "service_hook"),
    ("Processing issues", None, "processing_issue"),
    ("Sampling", "sampling", "sampling_rule"),
)
TEAM_SECTIONS = _sections(
    ("Members", None, "member"),
    ("Projects", None, "project"),
    ("Alerts", "incidents", "alert_rule"),
    ("Release health", None, "release_count"),
    ("Settings", None, "setting"),
    ("Notification settings", None, "notification_setting"),
    ("Unresolved issues", None, "unresolved_issue"),
    ("Avatars", None, "avatar"),
)
USER_SECTIONS = _sections(
    ("Emails", None, "email"),
    ("Identities", None, "identity"),
    ("Authenticators", None, "authenticator"),
    ("Notification settings", None, "notification_setting"),
    ("Permissions", None, "permission"),
    ("Roles", None, "role"),
    ("Subscriptions", None, "subscription"),
    ("Avatars", None, "avatar"),
    ("Organizations", None, "organization"),
)
AUTH_SECTIONS = _sections(
    ("Login", None, "login"),
    ("Configuration", None, "config"),
    ("Challenges", None, "challenge"),
)
RELAY_SECTIONS = _sections(
    ("Registration", None, "registration"),
    ("Project configs", None, "project_config"),
    ("Public keys", None, "public_key"),
    ("Health", None, "health_check"),
)
INTERNAL_SECTIONS = _sections(
    ("Health", None, "health_check"),
    ("Queues", None, "queue"),
    ("Environment", None, "environment"),
    ("Features", None, "feature"),
    ("Mail", None, "mail_preview"),
    ("Integration proxy", "integrations", "integration_proxy"),
    ("Rpc", "hybrid_cloud", "rpc_service"),
    ("Warnings", None, "warning"),
)
GROUP_SECTIONS = _sections(
    ("Events", "issues", "event"),
    ("Notes", "issues", "note"),
    ("Tags", "issues", "tag"),
    ("Hashes", "issues", "hash"),
    ("Integrations", "issues", "integration"),
    ("Activities", "issues", "activity"),
    ("Attachments", "issues", "attachment"),
    ("Participants", "issues", "participant"),
    ("Similar issues", "issues", "similar_issue"),
)
TOP_SECTIONS = _sections(
    ("Api tokens", None, "api_token"),
    ("Apps", "apps", "app"),
    ("Setup wizard", None, "setup_wizard"),
    ("Shared issues", None, "shared_issue"),
    ("Invites", None, "invite_acceptance"),
    ("Assistant", None, "assistant"),
    ("Doc integrations", "integrations", "doc_integration"),
    ("Symbol sources", None, "builtin_symbol_source"),
    ("Grouping configs", None, "grouping_config"),
)

# Order matters: it is the order of the lists in the file and of the includes in urlpatterns.
SCOPES = (
    Scope("auth", "auth/", (), AUTH_SECTIONS, 0.015),
    Scope("user", "users/", ("user_id",), USER_SECTIONS, 0.064),
    Scope("team", "teams/", ("organization", "team"), TEAM_SECTIONS, 0.055),
    Scope("organization", "organizations/", ("organization",), ORGANIZATION_SECTIONS, 0.0, 2),
    Scope("project", "projects/", ("organization", "project"), PROJECT_SECTIONS, 0.227, 3),
    Scope("relay", "relays/", (), RELAY_SECTIONS, 0.015),
    Scope("internal", "internal/", (), INTERNAL_SECTIONS, 0.055),
)
GROUP_SCOPE = Scope("group", "issues/", ("issue_id",), GROUP_SECTIONS, 0.055)
TOP_SCOPE = Scope("top", "", (), TOP_SECTIONS, 0.055, 5)
ANNOTATED_LISTS = ("USER_URLS", "ORGANIZATION_URLS", "RELAY_URLS")
Spec = tuple[str, str, str, str]  # pattern, class name, module, URL name


@dataclass
class ImportTable:
    """Endpoint imports collected while routes are generated, rendered isort-style at the end."""

    style: Style
    names: dict[str, list[str]] = field(default_factory=dict)
    aliases: list[tuple[str, str, str]] = field(default_factory=list)

    def module_path(self, area: str | None, module: str) -> str:
        if area is None and self.style.relative_imports:
            return f".endpoints.{module}"
        return f"{PACKAGE}.{area or 'api'}.endpoints.{module}"

    def add(self, area: str | None, module: str, name: str) -> None:
        names = self.names.setdefault(self.module_path(area, module), [])
        if name not in names:
            names.append(name)

    def add_alias(self, module: str, name: str, alias: str) -> None:
        self.aliases.append((module, name, alias))


@dataclass
class Generator:
    """Carries the random source, style and bookkeeping shared by every scope's generation."""

    style: Style
    rng: random.Random
    imports: ImportTable
    classes: set[str] = field(default_factory=set)


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def _camel(words: Sequence[str]) -> str:
    return "".join(part.capitalize() for word in words for part in word.split("_"))


def _kebab(words: Sequence[str]) -> str:
    return "-".join(word.replace("_", "-") for word in words)


def _snake(words: Sequence[str]) -> str:
    return "_".join(words)


def _scope_params(scope: Scope, style: Style) -> list[str]:
    return [getattr(style, p) if "_" not in p else p for p in scope.params]


def _scope_prefix(scope: Scope, style: Style) -> str:
    params = _scope_params(scope, style)
    return "^" + "".join(f"(?P<{param}>{style.segment})/" for param in params)


def _collection_path(nouns: Sequence[str], segment: str) -> str:
    """`parents/(?P<parent_id>...)/children/`: a child collection nests under its parent item."""
    *parents, last = nouns
    items = "".join(f"{_kebab([_plural(noun)])}/(?P<{noun}_id>{segment})/" for noun in parents)
    return f"{items}{_kebab([_plural(last)])}/"


def _url_name(scope: Scope, words: Sequence[str]) -> str:
    if scope.fstring_names:
        return "{name_prefix}-" + _kebab([scope.name_scope, *words])
    return _kebab([URL_NAME_PREFIX, *([scope.name_scope] if scope.name_scope else []), *words])


def _class_words(scope: Scope) -> list[str]:
    return [scope.class_prefix.lower()] if scope.class_prefix else []


def _route(gen: Generator, scope: Scope, area: str | None, spec: Spec) -> Route:
    pattern, class_name, module, name = spec
    gen.imports.add(area, module, class_name)
    gen.classes.add(class_name)
    return Route(pattern, class_name, name, scope.fstring_names)


def _resource_specs(gen: Generator, scope: Scope, nouns: tuple[str, ...]) -> list[Spec]:
    """Index route, then maybe a details route and a stats route, for one resource."""
    seg, prefix, words = gen.style.segment, _scope_prefix(scope, gen.style), _class_words(scope)
    listed = (*nouns[:-1], _plural(nouns[-1]))
    path = _collection_path(nouns, seg)
    index_class = scope.class_prefix + _camel(listed) + "Endpoint"
    if index_class in gen.classes:
        return []
    index_module = _snake([*words, *listed])
    specs = [(f"{prefix}{path}$", index_class, index_module, _url_name(scope, listed))]
    if gen.rng.random() < 0.62:
        shared = gen.rng.random() < 0.36
        details_module = index_module if shared else _snake([*words, *nouns, "details"])
        item = f"{path}(?P<{nouns[-1]}_id>{seg})/"
        details = scope.class_prefix + _camel(nouns) + "DetailsEndpoint"
        name = _url_name(scope, [*nouns, "details"])
        specs.append((f"{prefix}{item}$", details, details_module, name))
        if gen.rng.random() < 0.12:
            stats = scope.class_prefix + _camel(nouns) + "StatsEndpoint"
            name = _url_name(scope, [*nouns, "stats"])
            specs.append((f"{prefix}{item}stats/$", stats, details_module, name))
    return specs


def _section_routes(gen: Generator, scope: Scope, section: Section, size: int) -> list[Route]:
    taken = {*section.head.split("_"), *_scope_params(scope, gen.style)}
    subs = [noun for noun in SUB_NOUNS if noun not in taken and f"{noun}_id" not in taken]
    gen.rng.shuffle(subs)
    resources = [(section.head,), *((section.head, sub) for sub in subs)]
    specs: list[Spec] = []
    for nouns in resources:
        if len(specs) >= size:
            break
        specs.extend(_resource_specs(gen, scope, nouns))
    return [_route(gen, scope, section.area, spec) for spec in specs[:size]]


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    sizes = [total // parts + (1 if i < total % parts else 0) for i in range(parts)]
    for _ in range(parts):
        give, take = rng.randrange(parts), rng.randrange(parts)
        amount = rng.randint(0, max(0, sizes[give] // 3))
        if sizes[give] - amount >= 1:
            sizes[give] -= amount
            sizes[take] += amount
    return sizes


def _scope_entries(gen: Generator, scope: Scope, quota: int) -> list[list[Entry]]:
    """Generic routes for a scope, grouped per section (each group starts with its comment)."""
    count = min(len(scope.sections), max(1, quota // 7))
    sections = gen.rng.sample(scope.sections, count)
    groups: list[list[Entry]] = []
    for section, size in zip(sections, _split(quota, count, gen.rng), strict=True):
        groups.append([Comment(section.label), *_section_routes(gen, scope, section, size)])
    return groups


def _quotas(n_routes: int) -> dict[str, int]:
    """`.as_view()` entries per scope, summing to n_routes; the organization list takes the rest."""
    quotas = {
        scope.key: max(scope.specials + 1, round(scope.share * n_routes))
        for scope in (*SCOPES, GROUP_SCOPE, TOP_SCOPE)
        if scope.key != "organization"
    }
    quotas["organization"] = n_routes - sum(quotas.values())
    return quotas


def _organization_specials(gen: Generator, scope: Scope) -> list[list[Entry]]:
    prefix, name = _scope_prefix(scope, gen.style), f"{URL_NAME_PREFIX}-organization-usage"
    target = f'create_group_urls("{URL_NAME_PREFIX}-organizations")'
    group_include = Include(f"{prefix}issues/", target)
    usage = [
        (f"{prefix}usage/$", "OrganizationUsageEndpoint", "organization_usage", name),
        (f"{prefix}usage-report/$", "OrganizationUsageReportEndpoint", "organization_usage", name),
    ]
    routes = [_route(gen, scope, None, spec) for spec in usage]
    return [[Comment("Issues"), group_include], [Comment("Usage"), *routes]]


def _project_specials(gen: Generator, scope: Scope) -> list[list[Entry]]:
    prefix = _scope_prefix(scope, gen.style)
    view, module = "ProjectUserReportsEndpoint", "project_user_reports"
    twice = [
        (f"{prefix}user-reports/$", view, module, f"{URL_NAME_PREFIX}-project-user-reports"),
        (f"{prefix}user-feedback/$", view, module, f"{URL_NAME_PREFIX}-project-user-feedback"),
    ]
    routes = [_route(gen, scope, None, spec) for spec in twice]
    gen.imports.add_alias(f"{PACKAGE}.api.endpoints", "project_transfer", "transfer")
    transfer = Route(
        f"{prefix}transfer/$",
        "transfer.ProjectTransferEndpoint",
        f"{URL_NAME_PREFIX}-project-transfer",
    )
    return [[Comment("User reports"), *routes], [Comment("Transfers"), transfer]]


def _broadcasts(gen: Generator) -> InlineInclude:
    item, name = f"^(?P<broadcast_id>{gen.style.segment})/", f"{URL_NAME_PREFIX}-broadcast"
    specs = [
        ("^$", "BroadcastIndexEndpoint", "broadcast", f"{name}-index"),
        (f"{item}$", "BroadcastDetailsEndpoint", "broadcast", f"{name}-details"),
        (f"{item}seen/$", "BroadcastSeenEndpoint", "broadcast", f"{name}-seen"),
    ]
    return InlineInclude("^broadcasts/", tuple(_route(gen, TOP_SCOPE, None, s) for s in specs))


def _with_specials(groups: list[list[Entry]], specials: list[list[Entry]]) -> list[Entry]:
    """Interleave special groups after the 2nd, 4th, ... generic section, then flatten."""
    merged: list[list[Entry]] = []
    pending = list(specials)
    for index, group in enumerate(groups):
        merged.append(group)
        if index % 2 == 1 and pending:
            merged.append(pending.pop(0))
    merged.extend(pending)
    return [entry for group in merged for entry in group]


def _urlpatterns(gen: Generator, quota: int) -> list[Entry]:
    entries: list[Entry] = [e for group in _scope_entries(gen, TOP_SCOPE, quota - 5) for e in group]
    entries += [Comment("Broadcasts"), _broadcasts(gen), Comment("Scoped routes")]
    entries += [Include(f"^{scope.include_prefix}", scope.variable) for scope in SCOPES]
    group_target = f'create_group_urls("{URL_NAME_PREFIX}")'
    entries += [Include(f"^{GROUP_SCOPE.include_prefix}", group_target)]
    gen.imports.add_alias(f"{PACKAGE}.plugins", "urls", "plugin_urls")
    entries += [Comment("Plugin routes"), Spread("plugin_urls.PLUGIN_URLS")]
    index = _route(gen, TOP_SCOPE, None, ("^$", "IndexEndpoint", "index", "bigco-api-index"))
    catchall = ("^", "CatchallEndpoint", "catchall", "bigco-api-catchall")
    entries += [Comment("Index"), index, Comment("Catch-all: keep this last")]
    return entries + [_route(gen, TOP_SCOPE, None, catchall)]


def _render_entry(entry: Entry, style: Style, indent: int) -> list[str]:
    pad, inner = " " * indent, " " * (indent + 4)
    if isinstance(entry, Comment):
        return [f"{pad}# {entry.text}"]
    if isinstance(entry, Spread):
        return [f"{pad}*{entry.expr},"]
    if isinstance(entry, Route):
        name = f'name=f"{entry.name}"' if entry.fstring else f'name="{entry.name}"'
        body = [f'r"{entry.pattern}",', f"{entry.view}.as_view(),", f"{name},"]
    elif isinstance(entry, Include):
        body = [f'r"{entry.pattern}",', f"include({entry.target}),"]
    else:
        routes = [line for r in entry.routes for line in _render_entry(r, style, indent + 12)]
        nested = ["include(", "    [", *(line[indent + 4 :] for line in routes), "    ]", "),"]
        body = [f'r"{entry.pattern}",', *nested]
    return [f"{pad}{style.call}(", *(f"{inner}{line}" for line in body), f"{pad}),"]


def _render_list(variable: str, entries: Sequence[Entry], style: Style) -> list[str]:
    annotated = style.annotated and variable in ANNOTATED_LISTS
    head = f"{variable}: list[URLPattern | URLResolver] = [" if annotated else f"{variable} = ["
    body = [line for entry in entries for line in _render_entry(entry, style, 4)]
    return [head, *body, "]"]


def _render_group_function(entries: Sequence[Entry], style: Style) -> list[str]:
    if style.annotated:
        head = "def create_group_urls(name_prefix: str) -> list[URLPattern | URLResolver]:"
    else:
        head = "def create_group_urls(name_prefix):"
    body = [line for entry in entries for line in _render_entry(entry, style, 8)]
    return [head, "    return [", *body, "    ]"]


def _import_lines(module: str, names: Sequence[str]) -> list[str]:
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= LINE_LENGTH:
        return [line]
    return [f"from {module} import (", *(f"    {name}," for name in names), ")"]


def _render_block(table: ImportTable, relative: bool) -> list[str]:
    rows = [
        (m, _import_lines(m, sorted(n, key=lambda s: (s.lower(), s))))
        for m, n in table.names.items()
    ]
    rows += [(m, [f"from {m} import {n} as {a}"]) for m, n, a in table.aliases]
    chosen = sorted(
        (r for r in rows if r[0].startswith(".") == relative), key=lambda r: r[0].lower()
    )
    return [line for _, lines in chosen for line in lines]


def _render_imports(table: ImportTable, style: Style) -> list[str]:
    if style.annotated:
        head = ["from __future__ import annotations", ""]
        head.append("from django.urls import URLPattern, URLResolver, include, re_path")
    else:
        head = ["from django.conf.urls import include, url"]
    blocks = [head, _render_block(table, relative=False), _render_block(table, relative=True)]
    lines: list[str] = []
    for block in (b for b in blocks if b):
        lines += [*([""] if lines else []), *block]
    return lines


def _scope_list(gen: Generator, scope: Scope, quota: int) -> list[Entry]:
    groups = _scope_entries(gen, scope, quota - scope.specials)
    if scope.key == "organization":
        return _with_specials(groups, _organization_specials(gen, scope))
    if scope.key == "project":
        return _with_specials(groups, _project_specials(gen, scope))
    return _with_specials(groups, [])


def build_urls_source(*, style: str = "modern", n_routes: int = 550, seed: int = 0) -> str:
    """Return a synthetic Sentry-shaped urls.py holding exactly `n_routes` `X.as_view()` entries."""
    if style not in STYLES:
        raise ValueError(f"unknown style {style!r}; expected one of {sorted(STYLES)}")
    if n_routes < MIN_ROUTES:
        raise ValueError(f"n_routes must be at least {MIN_ROUTES}, got {n_routes}")
    spelling = STYLES[style]
    gen = Generator(spelling, random.Random(seed), ImportTable(spelling))
    quotas = _quotas(n_routes)
    group_routes = _with_specials(_scope_entries(gen, GROUP_SCOPE, quotas["group"]), [])
    lists = [(s.variable, _scope_list(gen, s, quotas[s.key])) for s in SCOPES]
    lists.append(("urlpatterns", _urlpatterns(gen, quotas["top"])))
    lines = _render_imports(gen.imports, spelling)
    lines += ["", "", *_render_group_function(group_routes, spelling)]
    for variable, entries in lists:
        lines += ["", "", *_render_list(variable, entries, spelling)]
    return "\n".join(lines) + "\n"


PYPROJECT = """\
[project]
name = "bigco"
version = "0.0.0"
requires-python = ">=3.11"

[tool.black]
line-length = 100
target-version = ["py311"]

[tool.isort]
profile = "black"
line_length = 100
known_first_party = ["bigco"]
"""

MODEL_BASE = '''\
"""Tiny in-memory stand-ins for ORM models: enough for the lookups the base endpoints do."""

from __future__ import annotations

from itertools import count
from typing import Any, ClassVar


class Manager:
    """Holds the instances of one model and finds them by attribute equality."""

    def __init__(self, model: type[Model]) -> None:
        self.model = model
        self.rows: list[Model] = []
        self.ids = count(1)

    def create(self, **fields: Any) -> Any:
        row = self.model(id=next(self.ids), **fields)
        self.rows.append(row)
        return row

    def get(self, **filters: Any) -> Any:
        for row in self.rows:
            if all(getattr(row, key, None) == value for key, value in filters.items()):
                return row
        raise self.model.DoesNotExist(f"{self.model.__name__} matching {filters!r}")


class Model:
    """Attribute bag with a per-class `objects` manager and `DoesNotExist` exception."""

    objects: ClassVar[Manager]
    DoesNotExist: ClassVar[type[Exception]]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.objects = Manager(cls)
        cls.DoesNotExist = type("DoesNotExist", (LookupError,), {"__module__": cls.__module__})

    def __init__(self, **fields: Any) -> None:
        for key, value in fields.items():
            setattr(self, key, value)
'''


def _model_module(name: str, doc: str, fields: Sequence[str]) -> str:
    attributes = "".join(f"    {field}: Any\n" for field in fields)
    return (
        f'"""{doc}"""\n\nfrom __future__ import annotations\n\nfrom typing import Any\n\n'
        f"from {PACKAGE}.models.base import Model\n\n\nclass {name}(Model):\n"
        f'    """{doc}"""\n\n{attributes}'
    )


CHILD_FIELDS = ("id", "slug", "organization_id")
MODELS = {
    "organization": _model_module("Organization", "An organization.", ("id", "slug", "name")),
    "project": _model_module("Project", "A project inside an organization.", CHILD_FIELDS),
    "team": _model_module("Team", "A team inside an organization.", CHILD_FIELDS),
}

API_OWNERS = '''\
"""Teams that own API endpoints."""

from __future__ import annotations

from enum import Enum


class ApiOwner(Enum):
    """The team answerable for an endpoint; UNOWNED until someone claims it."""

    UNOWNED = "unowned"
    ALERTS = "alerts"
    CRONS = "crons"
    DASHBOARDS = "dashboards"
    ENTERPRISE = "enterprise"
    INTEGRATIONS = "integrations"
    ISSUES = "issues"
    TELEMETRY = "telemetry"
'''

API_PUBLISH_STATUS = '''\
"""How far an endpoint is published in the public API documentation."""

from __future__ import annotations

from enum import Enum


class ApiPublishStatus(Enum):
    """Documentation status of one HTTP method of an endpoint."""

    UNKNOWN = "unknown"
    PUBLIC = "public"
    PRIVATE = "private"
    EXPERIMENTAL = "experimental"
'''

EXCEPTIONS = '''\
"""Exceptions that endpoints raise to produce error responses."""

from __future__ import annotations


class ResourceDoesNotExist(Exception):
    """An object named in the URL does not exist; answered with HTTP 404."""

    status_code = 404
'''

BASE_HEAD = '''\
"""Endpoint base class{extra} of the synthetic bigco API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
{imports}'''

SILO = '''

class EndpointSiloLimit:
    """Decorator recording which silo modes may serve an endpoint class."""

    def __init__(self, *modes: str) -> None:
        self.modes = modes

    def __call__(self, cls: type[Endpoint]) -> type[Endpoint]:
        cls.silo_modes = self.modes
        return cls


region_silo_endpoint = EndpointSiloLimit("region")
control_silo_endpoint = EndpointSiloLimit("control")
all_silo_endpoint = EndpointSiloLimit("region", "control")
'''

ENDPOINT = '''

class MethodNotAllowed(Exception):
    """The endpoint has no handler for the request's HTTP method."""

    status_code = 405


class Endpoint:
    """Dispatches a request to its handler once `convert_args` has resolved the URL kwargs."""
{attributes}
    permission_classes: tuple[type, ...] = ()

    @classmethod
    def as_view(cls) -> Callable[..., Any]:
        def view(request: Any, *args: Any, **kwargs: Any) -> Any:
            return cls().dispatch(request, *args, **kwargs)

        return view

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        handler = getattr(self, request.method.lower(), None)
        if handler is None:
            raise MethodNotAllowed(request.method)
        args, kwargs = self.convert_args(request, *args, **kwargs)
        return handler(request, *args, **kwargs)

    def convert_args(self, request, *args, **kwargs):
        return (args, kwargs)
'''

MODERN_ATTRIBUTES = """
    owner: ApiOwner = ApiOwner.UNOWNED
    publish_status: dict[str, ApiPublishStatus] = {}
    silo_modes: tuple[str, ...] = ()"""

LOOKUP = '''

def lookup_{model}(value: Any, **scope: Any) -> {cls}:
    """Find the {model} by id when `value` is all digits, else by slug."""
    if str(value).isdecimal():
        return {cls}.objects.get(id=int(value), **scope)
    return {cls}.objects.get(slug=value, **scope)
'''

BASES_HEAD = '''\
"""Base class for endpoints addressed {where}."""

from __future__ import annotations

from typing import Any

{imports}'''

POP = (
    '        {name}_id_or_slug = kwargs.pop("{name}_id_or_slug", None) or kwargs.pop("{name}_slug")'
)


def _pop_line(name: str) -> str:
    """The fallback pop of `name`'s URL kwarg, wrapped the way black wraps it when too long."""
    line = POP.format(name=name)
    if len(line) <= LINE_LENGTH:
        return f"{line}\n"
    head, tail = line.rsplit("(", 1)
    return f"{head}(\n            {tail[:-1]}\n        )\n"


ORGANIZATION_BASE = '''

class OrganizationEndpoint(Endpoint):
    """Resolves the organization in the URL and passes it to handlers as `organization`."""

    def convert_args(self, request, {params}*args, **kwargs):
{pops}        try:
            organization = lookup_organization({org})
        except Organization.DoesNotExist:
            raise ResourceDoesNotExist from None
        kwargs["organization"] = organization
        return (args, kwargs)
'''

CHILD_BASE = '''

class {cls}Endpoint(Endpoint):
    """Resolves the {model} in the URL and passes it to handlers as `{model}`."""

    def convert_args(self, request, {params}*args, **kwargs):
{pops}        try:
            organization = lookup_organization({org})
            {model} = lookup_{model}({child}, organization_id=organization.id)
        except (Organization.DoesNotExist, {cls}.DoesNotExist):
            raise ResourceDoesNotExist from None
        kwargs["{model}"] = {model}
        return (args, kwargs)
'''


def _base_module(style: Style) -> str:
    if not style.annotated:
        head = BASE_HEAD.format(extra="", imports="")
        return head + ENDPOINT.format(attributes="")
    imports = (
        f"\nfrom {PACKAGE}.api.api_owners import ApiOwner\n"
        f"from {PACKAGE}.api.api_publish_status import ApiPublishStatus\n"
    )
    head = BASE_HEAD.format(extra=" and silo decorators", imports=imports)
    return head + SILO + ENDPOINT.format(attributes=MODERN_ATTRIBUTES)


def _convert_params(style: Style, names: Sequence[str]) -> tuple[str, str, list[str]]:
    """Signature prefix, pop statements, and the variables holding each looked-up value."""
    if style.annotated:
        pops = "".join(_pop_line(name) for name in names)
        return "", pops, [f"{name}_id_or_slug" for name in names]
    slugs = [f"{name}_slug" for name in names]
    return "".join(f"{slug}, " for slug in slugs), "", slugs


def _import_block(*lines: str) -> str:
    common = [f"from {PACKAGE}.api.base import Endpoint"]
    common.append(f"from {PACKAGE}.api.exceptions import ResourceDoesNotExist")
    return "".join(f"{line}\n" for line in sorted([*common, *lines]))


def _organization_module(style: Style) -> str:
    imports = _import_block(f"from {PACKAGE}.models.organization import Organization")
    head = BASES_HEAD.format(where="under an organization", imports=imports)
    params, pops, values = _convert_params(style, ["organization"])
    lookup = LOOKUP.format(model="organization", cls="Organization")
    body = ORGANIZATION_BASE.format(params=params, pops=pops, org=values[0])
    return head + lookup + body


def _child_module(style: Style, model: str) -> str:
    cls = model.capitalize()
    imports = _import_block(
        f"from {PACKAGE}.api.bases.organization import lookup_organization",
        f"from {PACKAGE}.models.organization import Organization",
        f"from {PACKAGE}.models.{model} import {cls}",
    )
    head = BASES_HEAD.format(where=f"under a {model}", imports=imports)
    params, pops, values = _convert_params(style, ["organization", model])
    lookup = LOOKUP.format(model=model, cls=cls)
    body = CHILD_BASE.format(
        cls=cls, model=model, params=params, pops=pops, org=values[0], child=values[1]
    )
    return head + lookup + body


BASES_INIT = '''\
"""Base classes that resolve URL parameters into objects for endpoint handlers."""

from __future__ import annotations

from bigco.api.bases.organization import OrganizationEndpoint
from bigco.api.bases.project import ProjectEndpoint
from bigco.api.bases.team import TeamEndpoint

__all__ = ("OrganizationEndpoint", "ProjectEndpoint", "TeamEndpoint")
'''


def _docstring(text: str) -> str:
    return f'"""{text}"""\n'


def sentry_tree_files(
    *, style: str = "modern", n_routes: int = 550, seed: int = 0
) -> dict[str, str]:
    """Relative path -> text of every file `write_sentry_tree` writes."""
    spelling = STYLES[style]
    api = f"src/{PACKAGE}/api"
    files = {
        "pyproject.toml": PYPROJECT,
        f"src/{PACKAGE}/__init__.py": _docstring("Synthetic Sentry-shaped package for scaffold."),
        f"{api}/__init__.py": _docstring("HTTP API of the synthetic bigco package."),
        f"{api}/base.py": _base_module(spelling),
        f"{api}/exceptions.py": EXCEPTIONS,
        f"{api}/bases/__init__.py": BASES_INIT,
        f"{api}/bases/organization.py": _organization_module(spelling),
        f"{api}/bases/project.py": _child_module(spelling, "project"),
        f"{api}/bases/team.py": _child_module(spelling, "team"),
        f"{api}/endpoints/__init__.py": _docstring("Endpoint modules, one per resource."),
        f"{api}/urls.py": build_urls_source(style=style, n_routes=n_routes, seed=seed),
        f"src/{PACKAGE}/models/__init__.py": _docstring("Placeholder models."),
        f"src/{PACKAGE}/models/base.py": MODEL_BASE,
    }
    files.update({f"src/{PACKAGE}/models/{name}.py": text for name, text in MODELS.items()})
    if spelling.annotated:
        files[f"{api}/api_owners.py"] = API_OWNERS
        files[f"{api}/api_publish_status.py"] = API_PUBLISH_STATUS
    return files


def write_sentry_tree(
    root: Path, *, style: str = "modern", n_routes: int = 550, seed: int = 0
) -> Path:
    """Write a minimal Sentry-shaped `bigco` project under `root` and return `root`."""
    for relative, text in sentry_tree_files(style=style, n_routes=n_routes, seed=seed).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
