"""Add endpoint registrations to a Sentry-style urls.py with libcst, in the file's own style.

Only the statements that change are rebuilt (one list, one import); every other byte of the file
comes back from libcst unchanged. No visitor and no metadata pass: the work stays close to one
parse and one regeneration of the module.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import libcst as cst

from scaffold.errors import PatchError
from scaffold.render import import_name_key, natural_key
from scaffold.naming import url_name_for
from scaffold.routes import (
    Route,
    Token,
    regex_to_tokens,
    sample_path,
    strip_prefix,
    tokens_to_regex,
)

_ROUTE_CALLS = ("re_path", "url", "path")
_NAME_RE = re.compile(r"""\bname\s*=\s*(?:r|u)?(["'])([^"'\n]+)\1""")
_PREFIX_RE = re.compile(r"^(.+?-api-\d+)-")
_INDENT = "    "


@dataclass(frozen=True)
class Registration:
    """One endpoint to register: its class, the module that holds it, and its route."""

    class_name: str
    module: str  # absolute dotted module of the endpoint
    route: Route
    url_name: str | None  # None: derived from the class name and the file's prefix


@dataclass(frozen=True)
class UrlsStyle:
    """How this urls.py writes its entries; new entries copy it."""

    call: str
    segment: str
    quote: str
    name_prefix: str
    relative_imports: bool


@dataclass(frozen=True)
class Added:
    """What `UrlsFile.add` did: the list it used and the URL name it gave."""

    list_name: str
    url_name: str
    pattern: str


@dataclass
class _Entry:
    index: int
    pattern: str | None
    tokens: tuple[Token, ...] | None
    include: str | None  # name of an included module-level list
    regex: re.Pattern[str] | None


class UrlsFile:
    """A parsed urls.py that registrations can be added to; `code` is the patched text."""

    def __init__(self, source: str, label: str, package: str, urls_module: str, line_length: int):
        self.source = source
        self.label = label
        self.line_length = line_length
        self._urls_package = urls_module.rpartition(".")[0]
        try:
            self._module = cst.parse_module(source)
        except cst.ParserSyntaxError as exc:
            raise PatchError(
                f"{label}:{exc.raw_line}:{exc.raw_column + 1}: cannot parse urls.py "
                f"({exc.message}); fix the syntax first"
            ) from None
        self._body = list(self._module.body)
        self._names = Counter(match.group(2) for match in _NAME_RE.finditer(source))
        self.style = self._detect_style(package)
        self._exploded_entries = self._entries_are_exploded()

    def code(self) -> str:
        return self._module.with_changes(body=self._body).code

    def is_registered(self, class_name: str) -> bool:
        """True when some route in the file serves `class_name` (`X.as_view()`)."""
        pattern = re.compile(rf"(?<![\w.]){re.escape(class_name)}\.as_view\(")
        return any(
            not line.lstrip().startswith("#") and pattern.search(line)
            for line in self.source.splitlines()
            if class_name in line
        )

    def add(self, registration: Registration) -> Added:
        """Add the import and the route entry for `registration`."""
        for absolute, _, node in self._imports().values():
            names = [] if isinstance(node.names, cst.ImportStar) else node.names
            if absolute != registration.module and any(
                (a.asname.name.value if a.asname and isinstance(a.asname.name, cst.Name) else
                 _alias_name(a)) == registration.class_name
                for a in names
            ):
                raise PatchError(
                    f"{self.label}:{self._line_of(registration.class_name)}: "
                    f"{registration.class_name} is already imported from {absolute}; a new "
                    "endpoint of that name would shadow it: choose another name"
                )
        list_name, tokens = self._target(registration.route.tokens)
        pattern = tokens_to_regex(tokens, self.style.segment)
        url_name = registration.url_name or _default_url_name(registration, self.style)
        if self._names[url_name]:
            raise PatchError(
                f"{self.label}:{self._line_of(url_name)}: URL name {url_name!r} is already used; "
                "choose another with --url-name (url_name in a spec)"
            )
        index, lst = self._find_list(list_name)
        entries = self._entries(lst)
        position = self._position(entries, tokens, pattern, list_name)
        element = self._element(registration.class_name, pattern, url_name, lst)
        self._body[index] = _replace_list(self._body[index], _insert(lst, position, element))
        self._add_import(registration)
        self._names[url_name] += 1
        return Added(list_name, url_name, pattern)

    # -- reading ---------------------------------------------------------------------------

    def _detect_style(self, package: str) -> UrlsStyle:
        source = self.source
        calls = Counter(
            {c: len(re.findall(rf"(?<![\w.]){c}\(\s*r?[\"']", source)) for c in _ROUTE_CALLS}
        )
        imported = {c for c in _ROUTE_CALLS if re.search(rf"import[^\n]*\b{c}\b", source)}
        usable = [c for c, _ in calls.most_common() if c in imported and c != "path"]
        if not usable:
            raise PatchError(
                f"{self.label}: neither re_path nor url is imported; add "
                "`from django.urls import re_path` and retry"
            )
        segment = "[^\\/]+" if source.count("[^\\/]+") > source.count("[^/]+") else "[^/]+"
        quote = "'" if len(re.findall(r"\br'", source)) > len(re.findall(r'\br"', source)) else '"'
        prefixes = Counter(
            m.group(1) for name in self._names.elements() if (m := _PREFIX_RE.match(name))
        )
        prefix = prefixes.most_common(1)[0][0] if prefixes else f"{package}-api-0"
        relative = bool(re.search(r"^from \.", source, re.MULTILINE))
        return UrlsStyle(usable[0], segment, quote, prefix, relative)

    def _entries_are_exploded(self) -> bool:
        """True when most endpoint entries of the file (includes aside) put each argument on its
        own line, as black does with a magic trailing comma; True for a file with none."""
        calls = [
            element.value
            for _, lst in self._lists().values()
            for element in lst.elements
            if isinstance(element.value, cst.Call)
            and _call_name(element.value) in _ROUTE_CALLS
            and len(element.value.args) > 1
            and not _is_include(element.value.args[1].value)
        ]
        exploded = sum(
            isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace) for call in calls
        )
        return exploded * 2 >= len(calls)

    def _lists(self) -> dict[str, tuple[int, cst.List]]:
        found: dict[str, tuple[int, cst.List]] = {}
        for index, stmt in enumerate(self._body):
            if not isinstance(stmt, cst.SimpleStatementLine) or len(stmt.body) != 1:
                continue
            small = stmt.body[0]
            if isinstance(small, cst.Assign) and len(small.targets) == 1:
                target = small.targets[0].target
            elif isinstance(small, cst.AnnAssign):
                target = small.target
            else:
                continue
            if isinstance(target, cst.Name) and isinstance(small.value, cst.List):
                found[target.value] = (index, small.value)
        return found

    def _find_list(self, name: str) -> tuple[int, cst.List]:
        lists = self._lists()
        if name not in lists:
            raise PatchError(
                f"{self.label}: no module-level list {name!r} to add the route to; "
                "add `urlpatterns = [...]` or set the route under an included prefix"
            )
        return lists[name]

    def _entries(self, lst: cst.List) -> list[_Entry]:
        entries = []
        for index, element in enumerate(lst.elements):
            value = element.value
            pattern = include = None
            if isinstance(value, cst.Call) and _call_name(value) in _ROUTE_CALLS and value.args:
                first = value.args[0].value
                if isinstance(first, (cst.SimpleString, cst.ConcatenatedString)):
                    evaluated = first.evaluated_value
                    pattern = evaluated if isinstance(evaluated, str) else None
                if len(value.args) > 1:
                    include = _included_list(value.args[1].value)
                    if include is None and _is_include(value.args[1].value):
                        include = ""
            regex = _compile(pattern) if pattern is not None else None
            tokens = regex_to_tokens(pattern) if pattern is not None else None
            entries.append(_Entry(index, pattern, tokens, include, regex))
        return entries

    def _target(self, tokens: tuple[Token, ...]) -> tuple[str, tuple[Token, ...]]:
        """The list whose include prefix matches most of the route, and the rest of it."""
        lists = self._lists()
        if "urlpatterns" not in lists:
            raise PatchError(f"{self.label}: no module-level `urlpatterns = [...]` list found")
        best = ("urlpatterns", tokens)

        def descend(name: str, rest: tuple[Token, ...], seen: frozenset[str]) -> None:
            nonlocal best
            for entry in self._entries(lists[name][1]):
                if not entry.include or entry.include in seen or entry.include not in lists:
                    continue
                if entry.tokens is None:
                    continue
                remainder = strip_prefix(rest, entry.tokens)
                if remainder and len(remainder) < len(best[1]):
                    best = (entry.include, remainder)
                if remainder:
                    descend(entry.include, remainder, seen | {entry.include})

        descend("urlpatterns", tokens, frozenset({"urlpatterns"}))
        return best

    def _position(
        self, entries: list[_Entry], tokens: tuple[Token, ...], pattern: str, list_name: str
    ) -> int:
        """Next to the entry sharing the longest prefix, but never where the new route would be
        unreachable (after a pattern matching it, e.g. a catch-all) or would hide another."""
        ours = re.compile(pattern)
        our_sample = sample_path(tokens)
        low, high = 0, len(entries)
        for entry in entries:
            if entry.pattern == pattern:
                raise PatchError(
                    f"{self.label}:{self._line_of(pattern)}: {list_name} already has the route "
                    f"{pattern!r}; remove it or change the route"
                )
            if entry.include is not None or entry.regex is None:
                continue
            if entry.regex.search(our_sample):
                high = min(high, entry.index)
            if entry.tokens is not None and ours.search(sample_path(entry.tokens)):
                low = max(low, entry.index + 1)
        if low > high:
            raise PatchError(
                f"{self.label}: the route {pattern!r} would hide or be hidden by another route in "
                f"{list_name}; change the route"
            )
        best_index, best_score = len(entries), 0
        for entry in entries:
            if entry.include is None and entry.tokens is not None:
                score = _common_prefix(tokens, entry.tokens)
                if score and score >= best_score:
                    best_index, best_score = entry.index + 1, score
        return min(max(best_index, low), high)

    def _line_of(self, text: str) -> int:
        offset = self.source.find(text)
        return self.source.count("\n", 0, offset) + 1 if offset >= 0 else 1

    # -- writing ---------------------------------------------------------------------------

    def _element(self, class_name: str, pattern: str, url_name: str, lst: cst.List) -> cst.Element:
        indent = _element_indent(lst)
        quote = self.style.quote
        args = [f"r{quote}{pattern}{quote}", f"{class_name}.as_view()", f"name={quote}{url_name}{quote}"]
        one_line = f"{self.style.call}({', '.join(args)})"
        if not self._exploded_entries and len(indent) + len(one_line) + 1 <= self.line_length:
            return cst.Element(cst.parse_expression(one_line))
        inner = indent + _INDENT
        text = f"{self.style.call}(\n" + "".join(f"{inner}{a},\n" for a in args) + f"{indent})"
        return cst.Element(cst.parse_expression(text))

    def _add_import(self, registration: Registration) -> None:
        module = registration.module
        relative = self.style.relative_imports and module.startswith(self._urls_package + ".")
        shown = "." + module[len(self._urls_package) + 1 :] if relative else module
        imports = self._imports()
        for index, (absolute, stmt, node) in imports.items():
            if absolute == module and not isinstance(node.names, cst.ImportStar):
                names = [_alias_name(a) for a in node.names]
                if registration.class_name not in names:
                    merged = sorted({*names, registration.class_name}, key=import_name_key)
                    new = self._import_stmt(shown, merged, _exploded_import(node))
                    self._body[index] = new.with_changes(leading_lines=stmt.leading_lines)
                return
        new = self._import_stmt(shown, [registration.class_name], False)
        key = natural_key(shown.replace(".", "._", 1) if relative else shown)
        root = module.split(".")[0]
        kin = [
            (index, natural_key(_shown(node).replace(".", "._", 1) if relative else _shown(node)))
            for index, (absolute, _, node) in imports.items()
            if bool(len(node.relative)) == relative
            and (relative or absolute.split(".")[0] == root)
        ]
        after = [index for index, other in kin if other > key]
        if after:
            at = after[0]
            before = self._body[at]
            self._body[at] = before.with_changes(leading_lines=())
            self._body.insert(at, new.with_changes(leading_lines=before.leading_lines))
        elif kin:
            self._body.insert(kin[-1][0] + 1, new)
        else:
            last = max(imports, default=-1)
            blank = (cst.EmptyLine(),) if last >= 0 else ()
            self._body.insert(last + 1, new.with_changes(leading_lines=blank))

    def _imports(self) -> dict[int, tuple[str, cst.SimpleStatementLine, cst.ImportFrom]]:
        found = {}
        for index, stmt in enumerate(self._body):
            if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
                node = stmt.body[0]
                if isinstance(node, cst.ImportFrom):
                    found[index] = (self._absolute(node), stmt, node)
        return found

    def _absolute(self, node: cst.ImportFrom) -> str:
        module = _dotted(node.module) if node.module else ""
        level = len(node.relative)
        if not level:
            return module
        parts = self._urls_package.split(".")
        base = parts[: len(parts) - (level - 1)] if level > 1 else parts
        return ".".join(base + ([module] if module else []))

    def _import_stmt(self, module: str, names: list[str], exploded: bool) -> cst.SimpleStatementLine:
        one_line = f"from {module} import {', '.join(names)}"
        if exploded or len(one_line) > self.line_length:
            text = f"from {module} import (\n" + "".join(f"{_INDENT}{n},\n" for n in names) + ")\n"
        else:
            text = one_line + "\n"
        stmt = cst.parse_statement(text)
        assert isinstance(stmt, cst.SimpleStatementLine)
        return stmt


def _default_url_name(registration: Registration, style: UrlsStyle) -> str:
    return url_name_for(registration.class_name, style.name_prefix)


def _call_name(call: cst.Call) -> str | None:
    func = call.func
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute):
        return func.attr.value
    return None


def _is_include(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Call) and _call_name(node) == "include"


def _included_list(node: cst.BaseExpression) -> str | None:
    if _is_include(node) and isinstance(node, cst.Call) and node.args:
        first = node.args[0].value
        if isinstance(first, cst.Name):
            return first.value
    return None


def _compile(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:
        return None


def _common_prefix(ours: tuple[Token, ...], theirs: tuple[Token, ...]) -> int:
    count = 0
    for a, b in zip(ours, theirs):
        if a != b:
            break
        count += 1
    return count


def _element_indent(lst: cst.List) -> str:
    ws = lst.lbracket.whitespace_after
    if isinstance(ws, cst.ParenthesizedWhitespace):
        return ws.last_line.value
    return _INDENT




def _newline(indent: str, first_line: cst.TrailingWhitespace | None = None) -> cst.ParenthesizedWhitespace:
    return cst.ParenthesizedWhitespace(
        first_line=first_line or cst.TrailingWhitespace(),
        empty_lines=(),
        indent=True,
        last_line=cst.SimpleWhitespace(indent),
    )


def _insert(lst: cst.List, position: int, element: cst.Element) -> cst.List:
    """`lst` with `element` at `position`, keeping comments where they were."""
    elements = list(lst.elements)
    indent = _element_indent(lst)
    multiline = isinstance(lst.lbracket.whitespace_after, cst.ParenthesizedWhitespace) or not elements
    if not multiline:  # a one-line list: `[a, b]`
        new = element.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        if position == len(elements) and elements:
            last = elements[-1]
            elements[-1] = last.with_changes(
                comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
            )
            new = element
        elements.insert(position, new)
        return lst.with_changes(elements=elements)
    if not elements:
        return lst.with_changes(
            lbracket=cst.LeftSquareBracket(whitespace_after=_newline(indent)),
            elements=[element.with_changes(comma=cst.Comma())],
            rbracket=cst.RightSquareBracket(whitespace_before=_newline("")),
        )
    if position == 0:
        new = element.with_changes(comma=cst.Comma(whitespace_after=_newline(indent)))
        return lst.with_changes(elements=[new, *elements])
    prev = elements[position - 1]
    at_end = position == len(elements)
    following = lst.rbracket.whitespace_before if at_end else _comma_ws(prev)
    if not isinstance(following, cst.ParenthesizedWhitespace):
        following = _newline("" if at_end else indent)
    prev_comma = prev.comma if isinstance(prev.comma, cst.Comma) else cst.Comma()
    elements[position - 1] = prev.with_changes(
        comma=prev_comma.with_changes(whitespace_after=_newline(indent, following.first_line))
    )
    rest = following.with_changes(first_line=cst.TrailingWhitespace())
    if at_end:
        elements.append(element.with_changes(comma=cst.Comma()))
        return lst.with_changes(
            elements=elements, rbracket=lst.rbracket.with_changes(whitespace_before=rest)
        )
    elements.insert(position, element.with_changes(comma=cst.Comma(whitespace_after=rest)))
    return lst.with_changes(elements=elements)


def _comma_ws(element: cst.Element) -> cst.BaseParenthesizableWhitespace | None:
    return element.comma.whitespace_after if isinstance(element.comma, cst.Comma) else None


def _replace_list(stmt: cst.BaseStatement, lst: cst.List) -> cst.BaseStatement:
    assert isinstance(stmt, cst.SimpleStatementLine)
    small = stmt.body[0]
    assert isinstance(small, (cst.Assign, cst.AnnAssign))
    return stmt.with_changes(body=[small.with_changes(value=lst)])


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""


def _shown(node: cst.ImportFrom) -> str:
    return "." * len(node.relative) + (_dotted(node.module) if node.module else "")


def _alias_name(alias: cst.ImportAlias) -> str:
    return _dotted(alias.name)


def _exploded_import(node: cst.ImportFrom) -> bool:
    if node.lpar is None or isinstance(node.names, cst.ImportStar) or not node.names:
        return False
    last = node.names[-1]
    return isinstance(last.comma, cst.Comma)
