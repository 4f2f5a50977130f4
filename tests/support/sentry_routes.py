"""The routing side of the Sentry-scale tree: urls.py modules and what each endpoint class serves."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from tests.support import synthetic as syn

STYLE = syn.STYLES["modern"]
PRODUCT = "billing"
PRODUCT_URLS_MODULE = f"{syn.PACKAGE}.{PRODUCT}.urls"
PLUGIN_URLS_MODULE = f"{syn.PACKAGE}.plugins.urls"
USAGE_REPORT = "OrganizationUsageReportEndpoint"
USER_REPORTS = "ProjectUserReportsEndpoint"
_GROUP = re.compile(r"\(\?P<(\w+)>")

BILLING_SCOPE = syn.Scope(
    "billing",
    "billing/",
    ("organization",),
    syn._sections(
        ("Subscriptions", PRODUCT, "subscription"),
        ("Invoices", PRODUCT, "invoice"),
        ("Payment methods", PRODUCT, "payment_method"),
        ("Plans", PRODUCT, "plan"),
        ("Credits", PRODUCT, "credit"),
        ("Spend allocations", PRODUCT, "spend_allocation"),
        ("Usage alerts", PRODUCT, "usage_alert"),
        ("Contracts", PRODUCT, "contract"),
        ("Coupons", PRODUCT, "coupon"),
        ("Reserved volumes", PRODUCT, "reserved_volume"),
        ("Tax ids", PRODUCT, "tax_id"),
        ("Billing contacts", PRODUCT, "billing_contact"),
    ),
    0.0,
)
PLUGIN_SCOPE = syn.Scope(
    "plugin",
    "",
    (),
    syn._sections(
        ("Configs", "plugins", "config"),
        ("Hooks", "plugins", "hook"),
        ("Assets", "plugins", "asset"),
    ),
    0.0,
)


@dataclass(frozen=True)
class RouteUse:
    """One way a class is served: the named groups Django hands it, through every include."""

    view: str
    groups: tuple[str, ...]
    scope_key: str
    url_name: str
    pattern: str


@dataclass(frozen=True)
class UrlsModule:
    """A URL module's dotted name and text, with every route it (and its includes) serves."""

    module: str
    text: str


@dataclass(frozen=True)
class Routing:
    """All URL modules of the tree, each class's routes, and each class's defining module."""

    modules: tuple[UrlsModule, ...]
    uses: tuple[RouteUse, ...]
    class_modules: dict[str, str]
    routes: int  # served routes: a function-built list counts once per include


def groups_of(pattern: str) -> tuple[str, ...]:
    """The named groups of a regex, in order."""
    return tuple(_GROUP.findall(pattern))


def _walk(
    entries: Sequence[syn.Entry], scope_key: str, prefix: tuple[str, ...]
) -> Iterator[RouteUse]:
    for entry in entries:
        if isinstance(entry, syn.Route):
            view = entry.view.rsplit(".", 1)[-1]
            groups = prefix + groups_of(entry.pattern)
            yield RouteUse(view, groups, scope_key, entry.name, entry.pattern)
        elif isinstance(entry, syn.InlineInclude):
            yield from _walk(entry.routes, scope_key, prefix + groups_of(entry.pattern))


def _class_modules(table: syn.ImportTable) -> dict[str, str]:
    found: dict[str, str] = {}
    for module, names in table.names.items():
        dotted = f"{syn.PACKAGE}.api{module}" if module.startswith(".") else module
        found.update({name: dotted for name in names})
    for module, name, _alias in table.aliases:
        if module.endswith(".endpoints"):
            found["ProjectTransferEndpoint"] = f"{module}.{name}"
    return found


def _render_module(
    table: syn.ImportTable, lists: Sequence[tuple[str, Sequence[syn.Entry]]], doc: str
) -> str:
    head = ["from __future__ import annotations", "", "from django.urls import re_path"]
    lines = [f'"""{doc}"""', "", *head, "", *syn._render_block(table, relative=False)]
    for variable, entries in lists:
        lines += ["", "", *syn._render_list(variable, entries, STYLE)]
    return "\n".join(lines) + "\n"


def _side_module(
    scope: syn.Scope, quota: int, seed: int, classes: set[str]
) -> tuple[syn.ImportTable, list[syn.Entry]]:
    gen = syn.Generator(STYLE, random.Random(seed), syn.ImportTable(STYLE), classes)
    groups = syn._scope_entries(gen, scope, quota)
    return gen.imports, [entry for group in groups for entry in group]


def _unique_usage_names(entries: list[syn.Entry]) -> list[syn.Entry]:
    """The seed file names two usage routes alike (as Sentry does once); the clean tree does not."""
    return [
        (
            replace(e, name=e.name + "-report")
            if isinstance(e, syn.Route) and e.view == USAGE_REPORT
            else e
        )
        for e in entries
    ]


def _suppress_second_view(text: str) -> str:
    """Sentry serves the user-reports class twice on purpose; say so where `duplicate-view` looks."""
    second = (
        f'{USER_REPORTS}.as_view(),\n        name="{syn.URL_NAME_PREFIX}-project-user-feedback"'
    )
    assert second in text
    marked = second.replace(".as_view(),", ".as_view(),  # scaffold: ignore[duplicate-view]")
    return text.replace(second, marked)


def build_routing(*, seed: int = 0, n_routes: int = 550, product_routes: int = 110) -> Routing:
    """The tree's URL modules: the main urls.py, the product's urls.py and the plugins' list."""
    gen = syn.Generator(STYLE, random.Random(seed), syn.ImportTable(STYLE))
    quotas = syn._quotas(n_routes)
    group_routes = syn._with_specials(syn._scope_entries(gen, syn.GROUP_SCOPE, quotas["group"]), [])
    lists = [(s, syn._scope_list(gen, s, quotas[s.key])) for s in syn.SCOPES]
    top = syn._urlpatterns(gen, quotas["top"])
    spread_at = top.index(syn.Comment("Plugin routes"))
    product: list[syn.Entry] = [
        syn.Comment("Billing"),
        syn.Include(f"^{PRODUCT}/", f'"{PRODUCT_URLS_MODULE}"'),
    ]
    top[spread_at:spread_at] = product
    lists = [(s, _unique_usage_names(e) if s.key == "organization" else e) for s, e in lists]

    main = syn._render_imports(gen.imports, STYLE)
    main += ["", "", *syn._render_group_function(group_routes, STYLE)]
    for scope, entries in lists:
        main += ["", "", *syn._render_list(scope.variable, entries, STYLE)]
    main += ["", "", *syn._render_list("urlpatterns", top, STYLE)]

    billing_table, billing = _side_module(BILLING_SCOPE, product_routes, seed + 1, gen.classes)
    plugin_table, plugins = _side_module(PLUGIN_SCOPE, 16, seed + 2, gen.classes)
    uses = [use for scope, entries in lists for use in _walk(entries, scope.key, ())]
    uses += _walk(top, "top", ())
    uses += _walk(billing, "billing", ())
    uses += _walk(plugins, "plugin", ())
    for prefix in ((), (STYLE.organization,)):
        uses += _walk(group_routes, "group", prefix)
    class_modules = _class_modules(gen.imports)
    class_modules |= _class_modules(billing_table) | _class_modules(plugin_table)
    modules = (
        UrlsModule(f"{syn.PACKAGE}.api.urls", _suppress_second_view("\n".join(main) + "\n")),
        UrlsModule(
            PRODUCT_URLS_MODULE,
            _render_module(billing_table, [("urlpatterns", billing)], "Billing API routes."),
        ),
        UrlsModule(
            PLUGIN_URLS_MODULE,
            _render_module(plugin_table, [("PLUGIN_URLS", plugins)], "Routes of bundled plugins."),
        ),
    )
    return Routing(modules, tuple(uses), class_modules, len(uses))
