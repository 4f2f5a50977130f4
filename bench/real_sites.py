"""What the planting needs to know about an untouched tree: its routes in Django's order, each
located in its module's text, the endpoint classes, and the findings `scaffold check` reports.
Read through scaffold's own reader (`scaffold.pysource`), in this process."""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bench.real_plant import Call, route_calls
from scaffold.project.settings import Settings, load_settings
from scaffold.pysource.candidates import candidate_modules
from scaffold.pysource.classes import EndpointClass, Resolver, find_endpoints
from scaffold.pysource.tree import Tree
from scaffold.pysource.urlconf import RouteEntry, RoutingReader

# bases outside the tree that provably give a class no `as_view`
_NO_AS_VIEW_OUTSIDE = frozenset(
    {"django.db.models.Model", "django.db.models.base.Model", "enum.Enum", "enum.IntEnum"}
)


@dataclass(frozen=True)
class Finding:
    """One problem of `scaffold check --format json`."""

    rule: str
    path: str
    line: int
    symbol: str
    message: str

    def where(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Route:
    """A walked route entry, its call in the module text, and the endpoint it serves."""

    entry: RouteEntry
    call: Call | None  # None: not found as a lone route call in the text
    served: str | None  # dotted definition of the endpoint class it serves, if any
    walked: int  # how often the walk meets this entry (a function-built list: several)

    @property
    def plantable(self) -> bool:
        """Met once by the walk and alone on its lines: a text edit touches this route only."""
        return self.walked == 1 and self.call is not None and self.call.whole_lines


@dataclass
class Facts:
    """The untouched tree, as the kinds of planted fault need it."""

    root: Path
    settings: Settings
    resolver: Resolver
    routes: list[Route]
    texts: dict[str, str]  # relpath -> text of every walked URL module
    endpoints: dict[str, EndpointClass]  # concrete endpoints (no endpoint subclasses them)
    elsewhere: str  # the text of `*urls.py` modules outside the walk
    baseline: list[Finding] = field(default_factory=list)

    def flagged(self, rule: str, path: str, line: int) -> bool:
        return any((f.rule, f.path, f.line) == (rule, path, line) for f in self.baseline)

    def module_of(self, relpath: str) -> str:
        return self.settings.module_for(self.root / relpath)

    @property
    def urls_relpath(self) -> str:
        return self.settings.urls_path.relative_to(self.root).as_posix()


def read_facts(root: Path, baseline: list[Finding]) -> Facts:
    """Walk the routes and find the endpoints of the tree at `root` (read, never written)."""
    settings = load_settings(root)
    root = settings.project_root
    tree = Tree(root, settings.src_root)
    resolver = Resolver(tree, settings.endpoint_root)  # the root the check judges by
    reader = RoutingReader(tree)
    reader.walk_root(settings.module_for(settings.urls_path))
    texts = {e.relpath: (root / e.relpath).read_text(encoding="utf-8") for e in reader.routes}
    calls = {relpath: route_calls(text) for relpath, text in texts.items()}
    seen = Counter((e.relpath, e.line) for e in reader.routes)
    routes = []
    for entry in reader.routes:
        served = None
        if entry.view is not None and entry.view.dotted is not None:
            found = resolver.endpoint(entry.view.dotted)
            served = found.dotted if found is not None else None
        call = calls[entry.relpath].get(entry.line)
        routes.append(Route(entry, call, served, seen[(entry.relpath, entry.line)]))
    files = tree.files()
    every = find_endpoints(resolver, candidate_modules(tree, files))
    subclassed = {a for e in every for a in e.endpoint_ancestors}
    endpoints = {e.dotted: e for e in every if e.dotted not in subclassed and e.handles_itself()}
    elsewhere = [
        (root / s.relpath).read_text(encoding="utf-8", errors="replace")
        for s in files
        if s.relpath.removesuffix(".py").endswith("urls") and s.relpath not in texts
    ]
    return Facts(root, settings, resolver, routes, texts, endpoints, "\n".join(elsewhere), baseline)


class PlainClasses:
    """Classes of the tree that provably have no `as_view`: no bases (or `object`), Django
    models and enums, or in-tree classes whose every base is such a class; no metaclass."""

    def __init__(self, facts: Facts):
        self.facts = facts
        self._parsed: dict[str, dict[str, ast.ClassDef]] = {}
        self._verdict: dict[str, bool] = {}

    def classes_of(self, module: str) -> dict[str, ast.ClassDef]:
        if module not in self._parsed:
            path = self.facts.settings.path_for(module)
            found: dict[str, ast.ClassDef] = {}
            if path is not None:
                try:
                    body = ast.parse(path.read_bytes()).body
                except (SyntaxError, ValueError):
                    body = []
                found = {n.name: n for n in body if isinstance(n, ast.ClassDef)}
            self._parsed[module] = found
        return self._parsed[module]

    def has_no_as_view(self, dotted: str, depth: int = 0) -> bool:
        if dotted in _NO_AS_VIEW_OUTSIDE:
            return True
        if dotted not in self._verdict:
            self._verdict[dotted] = False  # a cycle proves nothing
            self._verdict[dotted] = depth < 20 and self._judge(dotted, depth)
        return self._verdict[dotted]

    def _judge(self, dotted: str, depth: int) -> bool:
        found = self.facts.resolver.resolve(dotted)
        if found is None:
            return False
        defined, info, _ = found
        node = self.classes_of(info.module).get(defined.rpartition(".")[2])
        if node is None or node.keywords or node.decorator_list:
            return False
        bound = {
            n.name for n in node.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        bound |= {t.id for n in node.body if isinstance(n, ast.Assign) for t in n.targets
                  if isinstance(t, ast.Name)}  # fmt: skip
        if "as_view" in bound:
            return False
        for base in node.bases:
            if isinstance(base, ast.Name) and base.id == "object":
                continue
            target = _dotted(base, info.module, info.imports, set(info.classes))
            if target is None or not self.has_no_as_view(target, depth + 1):
                return False
        return True


def _dotted(expr: ast.expr, module: str, imports: dict[str, str], local: set[str]) -> str | None:
    if isinstance(expr, ast.Name):
        return f"{module}.{expr.id}" if expr.id in local else imports.get(expr.id)
    if isinstance(expr, ast.Attribute):
        head = _dotted(expr.value, module, imports, local)
        return f"{head}.{expr.attr}" if head else None
    return None


def own_groups(literal: str) -> list[str]:
    """Named groups written in a pattern literal (`(?P<x>` or path()'s `<conv:x>`)."""
    return [a or b for a, b in re.findall(r"\(\?P<(\w+)>|<(?:\w+:)?(\w+)>", literal)]
