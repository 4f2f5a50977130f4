"""Read a urls.py with `ast` (fast, C): its lists, includes, imports and writing style."""

from __future__ import annotations

import ast
import dataclasses
import re
from collections import Counter
from dataclasses import dataclass

from scaffold.errors import PatchError
from scaffold.routes import Token, regex_to_tokens

ROUTE_CALLS = ("re_path", "url", "path")
_NAME_RE = re.compile(r"""\bname\s*=\s*(?:r|u)?(["'])([^"'\n]+)\1""")
_PREFIX_RE = re.compile(r"^(.+?-api-\d+)-")


@dataclass(frozen=True)
class UrlsStyle:
    """How this urls.py writes its entries; new entries copy it."""

    call: str  # re_path or url
    segment: str  # [^/]+ or [^\/]+
    quote: str
    name_prefix: str  # e.g. sentry-api-0
    relative_imports: bool
    shape: (
        str  # "exploded" (one argument per line), "hanging" (`url(r"..",` then aligned), "one_line"
    )
    trailing_comma: bool  # exploded entries end their last argument with a comma


@dataclass(frozen=True)
class ListStatement:
    """A list of routes: a module-level `NAME = [...]` statement, or an inline `include([...])`
    list inside one, reached from the statement's list through the item indexes in `path`."""

    name: str  # key in UrlsIndex.lists: the variable, or `VARIABLE@i/j` for an inline list
    title: str  # for messages: `ORGANIZATION_URLS`, or `urlpatterns > include at ^organizations/`
    first_line: int  # 1-based, inclusive: the whole statement
    last_line: int
    starts_line: bool  # nothing precedes the statement on its first line
    includes: tuple[tuple[tuple[Token, ...], str], ...]  # (prefix tokens, included list's key)
    is_call: bool = False  # Django 1.x `patterns('', ...)`: the routes are the call's arguments
    path: tuple[int, ...] = ()


@dataclass(frozen=True)
class ImportStatement:
    """A module-level `from X import a, b` statement."""

    module: str  # absolute dotted module
    shown: str  # as written: `.endpoints.x` or `sentry.api.endpoints.x`
    names: tuple[str, ...]  # local names bound
    first_line: int
    last_line: int
    exploded: bool  # parenthesized with a magic trailing comma


def parse_urls(source: str, label: str) -> ast.Module:
    """The `ast` of a urls.py; a syntax error becomes a PatchError naming line and column."""
    try:
        return ast.parse(source)
    except SyntaxError as exc:
        raise PatchError(
            f"{label}:{exc.lineno}:{exc.offset}: cannot parse urls.py ({exc.msg}); "
            "fix the syntax first"
        ) from None


class UrlsIndex:
    """What scaffold needs to know about a urls.py, read without libcst."""

    def __init__(self, source: str, label: str, package: str, urls_module: str):
        self.source = source
        self.label = label
        self.urls_package = urls_module.rpartition(".")[0]
        tree = parse_urls(source, label)
        self._source_lines = source.splitlines()
        self.lists: dict[str, ListStatement] = {}
        self.imports: list[ImportStatement] = []
        endpoint_calls: list[ast.Call] = []
        for stmt in tree.body:
            if isinstance(stmt, ast.ImportFrom):
                self.imports.append(self._import(stmt))
            target = _list_target(stmt)
            if target is None:
                continue
            value = getattr(stmt, "value", None)
            is_call = not isinstance(value, ast.List)
            items = list(enumerate(value.args))[1:] if is_call else list(enumerate(value.elts))  # type: ignore[union-attr]
            template = ListStatement(
                target,
                target,
                stmt.lineno,
                stmt.end_lineno or stmt.lineno,
                stmt.col_offset == 0,
                (),
                is_call=is_call,
            )
            self._read_list(template, items, endpoint_calls)
        self.url_names = Counter(m.group(2) for m in _NAME_RE.finditer(source))
        self.style = self._style(package, endpoint_calls)

    def _read_list(
        self,
        statement: ListStatement,
        items: list[tuple[int, ast.expr]],
        endpoint_calls: list[ast.Call],
    ) -> None:
        """Record a list of routes and, recursively, the inline include([...]) lists in it."""
        includes = []
        for index, element in items:
            call = _route_call(element)
            if call is None or len(call.args) < 2:
                continue
            if _call_name(call.args[1]) != "include":
                endpoint_calls.append(call)
                continue
            tokens = _pattern_tokens(call)
            target = call.args[1].args[0] if call.args[1].args else None  # type: ignore[attr-defined]
            if tokens is None or target is None:
                continue
            if isinstance(target, ast.Name):
                includes.append((tokens, target.id))
            elif isinstance(target, ast.List):
                path = (*statement.path, index)
                root = statement.name.partition("@")[0]
                key = f"{root}@{'/'.join(map(str, path))}"
                prefix = call.args[0].value  # type: ignore[attr-defined]
                inline = dataclasses.replace(
                    statement,
                    name=key,
                    title=f"{statement.title} > include at {prefix}",
                    includes=(),
                    is_call=False,
                    path=path,
                )
                self._read_list(inline, list(enumerate(target.elts)), endpoint_calls)
                includes.append((tokens, key))
        self.lists[statement.name] = dataclasses.replace(statement, includes=tuple(includes))

    def registered(self, class_name: str) -> bool:
        """True when some route serves `class_name` (`X.as_view(` outside comments)."""
        pattern = re.compile(rf"(?<![\w.]){re.escape(class_name)}\.as_view\(")
        return any(
            not line.lstrip().startswith("#") and pattern.search(line)
            for line in self.source.splitlines()
            if class_name in line
        )

    def line_of(self, text: str) -> int:
        offset = self.source.find(text)
        return self.source.count("\n", 0, offset) + 1 if offset >= 0 else 1

    def _import(self, stmt: ast.ImportFrom) -> ImportStatement:
        module = stmt.module or ""
        if stmt.level:
            parts = self.urls_package.split(".")
            base = parts[: len(parts) - (stmt.level - 1)] if stmt.level > 1 else parts
            absolute = ".".join(base + ([module] if module else []))
        else:
            absolute = module
        last = stmt.end_lineno or stmt.lineno
        text = "".join(self._source_lines[stmt.lineno - 1 : last])
        return ImportStatement(
            module=absolute,
            shown="." * stmt.level + module,
            names=tuple(alias.asname or alias.name for alias in stmt.names),
            first_line=stmt.lineno,
            last_line=last,
            exploded=last > stmt.lineno and bool(re.search(r",\s*(#[^\n]*)?\)\s*$", text)),
        )

    def _style(self, package: str, endpoint_calls: list[ast.Call]) -> UrlsStyle:
        source = self.source
        names = Counter(_call_name(call) for call in endpoint_calls)
        imported = {c for c in ROUTE_CALLS if re.search(rf"import[^\n(]*\b{c}\b", source)}
        imported |= {
            name for statement in self.imports for name in statement.names if name in ROUTE_CALLS
        }
        usable = [c for c, _ in names.most_common() if c in imported and c != "path"]
        usable += [c for c in ("re_path", "url") if c in imported]
        if not usable:
            raise PatchError(
                f"{self.label}: neither re_path nor url is imported; add "
                "`from django.urls import re_path` and retry"
            )
        segment = "[^\\/]+" if source.count("[^\\/]+") > source.count("[^/]+") else "[^/]+"
        quote = "'" if len(re.findall(r"\br'", source)) > len(re.findall(r'\br"', source)) else '"'
        prefixes = Counter(
            m.group(1) for name in self.url_names.elements() if (m := _PREFIX_RE.match(name))
        )
        shapes = Counter(_shape(call) for call in endpoint_calls)
        shape = shapes.most_common(1)[0][0] if shapes else "exploded"
        exploded = [call for call in endpoint_calls if _shape(call) == "exploded"]
        with_comma = sum(self._trailing_comma(call) for call in exploded)
        return UrlsStyle(
            call=usable[0],
            segment=segment,
            quote=quote,
            name_prefix=prefixes.most_common(1)[0][0] if prefixes else f"{package}-api-0",
            relative_imports=any(statement.shown.startswith(".") for statement in self.imports),
            shape=shape,
            trailing_comma=with_comma * 2 >= len(exploded),
        )

    def _trailing_comma(self, call: ast.Call) -> bool:
        """True when a comma follows the call's last argument (black's magic trailing comma)."""
        last = call.keywords[-1].value if call.keywords else call.args[-1]
        start_line, start_col = last.end_lineno or 1, last.end_col_offset or 0
        end_line, end_col = call.end_lineno or 1, (call.end_col_offset or 1) - 1
        # ast columns count UTF-8 bytes: encode just the lines between the two positions
        lines = [line.encode() for line in self._source_lines[start_line - 1 : end_line]]
        lines[-1] = lines[-1][:end_col]
        lines[0] = lines[0][start_col:]
        between = b"\n".join(lines)
        return b"," in re.sub(rb"#[^\n]*", b"", between)


def _list_target(stmt: ast.stmt) -> str | None:
    """`NAME` of `NAME = [...]`, `NAME: T = [...]` or the Django 1.x `NAME = patterns("", ...)`."""
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        target = stmt.targets[0]
    elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
        target = stmt.target
    else:
        return None
    value = stmt.value
    is_patterns = isinstance(value, ast.Call) and _call_name(value) == "patterns" and value.args
    if isinstance(target, ast.Name) and (isinstance(value, ast.List) or is_patterns):
        return target.id
    return None


def _shape(call: ast.Call) -> str:
    """How an entry is laid out: "exploded", "hanging" or "one_line"."""
    items = [*call.args, *(keyword.value for keyword in call.keywords)]
    if items[0].lineno > call.lineno:
        return "exploded"
    return "hanging" if len(items) > 1 and items[1].lineno > call.lineno else "one_line"


def _call_name(node: ast.expr) -> str | None:
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _route_call(node: ast.expr) -> ast.Call | None:
    if isinstance(node, ast.Call) and _call_name(node) in ROUTE_CALLS and node.args:
        return node
    return None


def _pattern_tokens(call: ast.Call) -> tuple[Token, ...] | None:
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return regex_to_tokens(first.value)
    return None
