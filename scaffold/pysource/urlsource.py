"""A urls.py's module-level layout read with `ast`: its imports, route lists and entry layout."""

from __future__ import annotations

import ast
import re
from collections import Counter
from collections.abc import Sequence
from enum import Enum

from scaffold.errors import PatchError
from scaffold.pysource.bound_views import bound_view_classes, served_class
from scaffold.pysource.helper_patterns import HelperPatterns
from scaffold.pysource.imports import absolute_import, import_bindings
from scaffold.pysource.routes import (
    call_name,
    include_arg,
    is_patterns_call,
    name_of,
    pattern_regex,
    route_call,
    view_parts,
)
from scaffold.records import record

_NAME_RE = re.compile(r"""\bname\s*=\s*(?:r|u)?(["'])([^"'\n]+)\1""")
_MAGIC_COMMA_RE = re.compile(r",\s*(#[^\n]*)?\)\s*$")


class EntryShape(Enum):
    """How a route call lays out its arguments."""

    EXPLODED = "exploded"  # one argument per line
    HANGING = "hanging"  # `url(r"..",` then the other arguments aligned under the first
    ONE_LINE = "one_line"


@record
class EntryLayout:
    """How one endpoint route call is written: the facts style detection counts."""

    call: str  # re_path, url or path
    shape: EntryShape
    trailing_comma: bool  # a comma follows the last argument (black's magic trailing comma)
    as_view: bool = True  # the view is given as `X.as_view(...)` (a helper may take the class)
    named: bool = True  # it gives a name (`name=...` or a fourth argument), literal or not


@record
class FromImport:
    """A module-level `from X import a, b as c` statement."""

    module: str  # absolute dotted module
    shown: str  # as written: `.endpoints.x` or `sentry.api.endpoints.x`
    aliases: tuple[tuple[str, str | None], ...]  # (name, asname) as written
    first_line: int
    last_line: int
    exploded: bool  # parenthesized over several lines with a magic trailing comma

    @property
    def names(self) -> tuple[str, ...]:
        """The local names the statement binds."""
        return tuple(asname or name for name, asname in self.aliases)


@record
class ListItem:
    """One item of a route list; `pattern` is None for an item that is not a literal route."""

    index: int  # position among the list's items (a `patterns()` call's prefix is item 0)
    pattern: str | None = None  # as a regex (`path()` patterns converted)
    is_include: bool = False
    include_name: str | None = None  # `include(NAME)`
    include_items: tuple[ListItem, ...] | None = None  # the items of an inline `include([...])`
    view_class: str | None = None  # X of `X.as_view()`, or of a name bound to it above
    url_name: str | None = None
    layout: EntryLayout | None = None  # for a route that serves a view
    line: int = 0  # 1-based line of the route call (0: not a route call)
    splice: tuple[str, str] | None = None  # (ALIAS, NAME) of `*ALIAS.NAME`
    through: tuple[str, str] | None = None  # (A, X) of `A.X.as_view()`


def entry_layouts(items: Sequence[ListItem]) -> list[EntryLayout]:
    """How a list's own endpoint entries are written: the items routing a view, not the lists
    it includes."""
    return [item.layout for item in items if item.layout is not None and not item.is_include]


@record
class RouteList:
    """A module-level `NAME = [...]`, `NAME: T = [...]` or `NAME = patterns('', ...)`."""

    name: str
    first_line: int  # 1-based, inclusive: the whole statement
    last_line: int
    starts_line: bool  # nothing precedes the statement on its first line
    is_call: bool  # `patterns('', ...)`: the routes are the call's arguments after the first
    items: tuple[ListItem, ...]


@record
class UrlSource:
    """What a urls.py holds at module level, in source order."""

    imports: tuple[FromImport, ...]
    lists: tuple[RouteList, ...]
    helpers: HelperPatterns
    aliases: dict[str, str]  # `module_aliases`


def parse_urls(source: str, label: str) -> ast.Module:
    """The `ast` of a urls.py; a syntax error becomes a PatchError naming line and column."""
    try:
        return ast.parse(source)
    except SyntaxError as exc:
        raise PatchError(
            f"{label}:{exc.lineno}:{exc.offset}: cannot parse urls.py ({exc.msg}); "
            "fix the syntax first"
        ) from None


def read_urls(source: str, label: str, package: str, module: str = "") -> UrlSource:
    """The imports and route lists of a urls.py in package `package` (module `module`), each
    entry's pattern as its route helper, if any, builds it (`helper_patterns.py`)."""
    tree = parse_urls(source, label)
    helpers = HelperPatterns(source, tree, module or f"{package}.urls")
    reader = _Reader(source, helpers, bound_view_classes(tree) if "as_view" in source else {})
    lists = []
    for stmt in tree.body:
        assigned = _list_assignment(stmt)
        if assigned is None:
            continue
        name, value = assigned
        is_call = not isinstance(value, ast.List)
        elements = value.args if isinstance(value, ast.Call) else value.elts
        lists.append(
            RouteList(
                name,
                stmt.lineno,
                stmt.end_lineno or stmt.lineno,
                stmt.col_offset == 0,
                is_call,
                reader.items(elements),
            )
        )
    imports = tuple(from_imports(tree, source, package))
    return UrlSource(imports, tuple(lists), helpers, module_aliases(tree, package))


def module_aliases(tree: ast.Module, package: str) -> dict[str, str]:
    """Local name -> dotted path of each name a module-level import binds, and nothing else
    at module level binds (`from P import urls as ALIAS` and `import P.urls as ALIAS`: `P.urls`)."""
    bound: Counter[str] = Counter()
    found: dict[str, str] = {}
    for stmt in tree.body:
        if isinstance(stmt, (ast.Import, ast.ImportFrom)):
            for name, dotted in import_bindings(stmt, package):
                bound[name] += 1
                found[name] = dotted
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound[stmt.name] += 1
        elif not isinstance(stmt, ast.Expr):  # an assignment, or a block binding names
            parts: list[ast.AST] = [stmt.target] if isinstance(stmt, ast.AnnAssign) else [stmt]
            parts = list(stmt.targets) if isinstance(stmt, ast.Assign) else parts
            names = (n for part in parts for n in ast.walk(part) if isinstance(n, ast.Name))
            bound.update(n.id for n in names if not isinstance(n.ctx, ast.Load))
    return {name: dotted for name, dotted in found.items() if bound[name] == 1}


def from_imports(tree: ast.Module, source: str, package: str) -> list[FromImport]:
    """The module-level `from ... import` statements of a module in package `package`."""
    lines = source.splitlines()
    found = []
    for stmt in tree.body:
        if not isinstance(stmt, ast.ImportFrom):
            continue
        last = stmt.end_lineno or stmt.lineno
        text = "".join(lines[stmt.lineno - 1 : last])
        found.append(
            FromImport(
                module=absolute_import(package, stmt.module, stmt.level),
                shown="." * stmt.level + (stmt.module or ""),
                aliases=tuple((alias.name, alias.asname) for alias in stmt.names),
                first_line=stmt.lineno,
                last_line=last,
                exploded=last > stmt.lineno and bool(_MAGIC_COMMA_RE.search(text)),
            )
        )
    return found


def read_from_imports(source: str, label: str, package: str) -> list[FromImport]:
    """`from_imports` of a module's source."""
    return from_imports(parse_urls(source, label), source, package)


def url_names(source: str) -> Counter[str]:
    """Every `name="..."` in the text, comments included: a name taken anywhere is taken."""
    return Counter(match.group(2) for match in _NAME_RE.finditer(source))


def serves_somewhere(source: str, class_name: str) -> bool:
    """True when `class_name.as_view(` appears on a line that is not a comment."""
    pattern = re.compile(rf"(?<![\w.]){re.escape(class_name)}\.as_view\(")
    return any(
        not line.lstrip().startswith("#") and pattern.search(line)
        for line in source.splitlines()
        if class_name in line
    )


class _Reader:
    """Reads route list items, with the source lines at hand for layout facts."""

    def __init__(
        self, source: str, helpers: HelperPatterns, views: dict[str, tuple[int, str]]
    ) -> None:
        self.lines = source.splitlines()
        self.helpers = helpers
        self.views = views  # `bound_view_classes`

    def items(self, elements: list[ast.expr]) -> tuple[ListItem, ...]:
        return tuple(self._item(index, element) for index, element in enumerate(elements))

    def _item(self, index: int, element: ast.expr) -> ListItem:
        spliced = element.value if isinstance(element, ast.Starred) else None
        if isinstance(spliced, ast.Attribute) and isinstance(spliced.value, ast.Name):
            return ListItem(index, splice=(spliced.value.id, spliced.attr))
        call = route_call(element)
        if call is None:
            return ListItem(index)
        pattern = self.helpers.built(call, pattern_regex(call, {}))
        target = include_arg(call)
        if target is not None or call_name(call.args[1]) == "include":
            return ListItem(
                index,
                pattern,
                is_include=True,
                include_name=target.id if isinstance(target, ast.Name) else None,
                include_items=self.items(target.elts) if isinstance(target, ast.List) else None,
            )
        layout = EntryLayout(
            call_name(call) or "",
            _shape(call),
            self._trailing_comma(call),
            view_parts(call.args[1]) is not None,
            len(call.args) > 3 or any(keyword.arg == "name" for keyword in call.keywords),
        )
        parts = view_parts(call.args[1])
        return ListItem(
            index,
            pattern,
            view_class=served_class(call, self.views),
            url_name=name_of(call, {}),
            layout=layout,
            line=call.lineno,
            through=(parts[0], parts[1]) if parts is not None and len(parts) == 2 else None,
        )

    def _trailing_comma(self, call: ast.Call) -> bool:
        """True when a comma follows the call's last argument (black's magic trailing comma)."""
        last = call.keywords[-1].value if call.keywords else call.args[-1]
        start_line, start_col = last.end_lineno or 1, last.end_col_offset or 0
        end_line, end_col = call.end_lineno or 1, (call.end_col_offset or 1) - 1
        # ast columns count UTF-8 bytes: encode just the lines between the two positions
        lines = [line.encode() for line in self.lines[start_line - 1 : end_line]]
        lines[-1] = lines[-1][:end_col]
        lines[0] = lines[0][start_col:]
        between = b"\n".join(lines)
        return b"," in re.sub(rb"#[^\n]*", b"", between)


def _list_assignment(stmt: ast.stmt) -> tuple[str, ast.List | ast.Call] | None:
    """(NAME, value) of `NAME = [...]`, `NAME: T = [...]` or `NAME = patterns("", ...)`."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        target = stmt.target
    else:
        return None
    value = stmt.value
    if not isinstance(target, ast.Name):
        return None
    if isinstance(value, ast.List) or is_patterns_call(value):
        return target.id, value
    return None


def _shape(call: ast.Call) -> EntryShape:
    items = [*call.args, *(keyword.value for keyword in call.keywords)]
    if items[0].lineno > call.lineno:
        return EntryShape.EXPLODED
    if len(items) > 1 and items[1].lineno > call.lineno:
        return EntryShape.HANGING
    return EntryShape.ONE_LINE
