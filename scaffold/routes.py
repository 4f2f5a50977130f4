"""Routes as token sequences: parsed from the spec's `a/{param}/` form or from a URL regex."""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping

from scaffold.naming import is_identifier
from scaffold.records import record

_LITERAL_CHARS_RE = re.compile(r"[A-Za-z0-9_.~\-/]")
_API_ROOT_RE = re.compile(r"^/?(api/\d+/)?")
_SEGMENT_CLASSES = ("[^/]+", "[^\\/]+")
_REGEX_LITERAL_ESCAPES = {"\\/": "/", "\\.": ".", "\\-": "-", "\\~": "~"}
_CONVERTERS = {"str": "{%s}", "int": "{%s:[0-9]+}", "path": "{%s:.+}"}  # Django's, as ours
_CONVERTERS["slug"] = "{%s:[-a-zA-Z0-9_]+}"
_CONVERTERS["uuid"] = "{%s:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}"


@record
class Param:
    """A named URL parameter; `regex` is set only when the spec gave one."""

    name: str
    regex: str | None = None


Token = str | Param  # a literal character, or a parameter


@record
class Route:
    """A public path below the API root, e.g. `projects/{organization_id_or_slug}/...`."""

    tokens: tuple[Token, ...]

    @property
    def params(self) -> tuple[Param, ...]:
        return tuple(t for t in self.tokens if isinstance(t, Param))

    @property
    def text(self) -> str:
        return "".join(
            (
                t
                if isinstance(t, str)
                else "{%s}" % (t.name if t.regex is None else f"{t.name}:{t.regex}")
            )
            for t in self.tokens
        )


class RouteSyntaxError(ValueError):
    """The route text is malformed; the message says how."""


def parse_route(text: str) -> Route:
    """Parse `organizations/{organization_id_or_slug}/widgets/`; `/api/0/` is accepted. A route
    written without a final slash keeps that form (SCIM's `scim/v2/Users`)."""
    body = _API_ROOT_RE.sub("", text.strip(), count=1)
    shift = len(text) - len(text.lstrip()) + len(text.strip()) - len(body)  # columns as typed
    if not body:
        raise RouteSyntaxError("the route is empty; give the path below /api/0/, e.g. 'widgets/'")
    tokens: list[Token] = []
    seen: set[str] = set()
    i = 0
    while i < len(body):
        char = body[i]
        if char == "{":
            param, i = _read_param(body, i, shift)
            if param.name in seen:
                raise RouteSyntaxError(f"parameter {{{param.name}}} appears twice; rename one")
            seen.add(param.name)
            tokens.append(param)
            continue
        if char == "<" and (end := body.find(">", i)) > i:  # Django's `<name>` / `<int:name>`
            converter, _, name = body[i + 1 : end].rpartition(":")
            raise RouteSyntaxError(
                f"'{body[i : end + 1]}' is Django's path syntax; write parameters as "
                + _CONVERTERS.get(converter, "{%s}") % name
            )
        if char == "}":
            word = re.search(r"\w*$", body[:i])
            raise RouteSyntaxError(
                f"'}}' at column {i + 1 + shift} closes no '{{'; open the parameter with '{{'"
                f"{_example(word.group() if word else '')} or remove the '}}'"
            )
        if not _LITERAL_CHARS_RE.fullmatch(char):
            raise RouteSyntaxError(
                f"character {char!r} is not allowed in a route; use letters, digits, '-', '_', "
                "'.', '~', '/' and {parameters}"
            )
        tokens.append(char)
        i += 1
    literal = "".join(t if isinstance(t, str) else "x" for t in tokens)
    if "//" in literal or literal.startswith("/"):
        raise RouteSyntaxError("the route has an empty path segment ('//'); remove it")
    if any(segment in (".", "..") for segment in literal.split("/")):
        raise RouteSyntaxError(
            "the route has a '.' or '..' segment, which clients resolve away before sending: "
            "remove it"
        )
    return Route(tuple(tokens))


def _example(name: str) -> str:
    """` (e.g. {name})` for a name the user seems to have meant, else nothing."""
    return f" (e.g. {{{name}}})" if name else ""


def _read_param(body: str, start: int, shift: int = 0) -> tuple[Param, int]:
    """Read `{name}` or `{name:regex}` (braces inside the regex must balance)."""
    if body.startswith("{{", start):  # a name comes first: `{{` opens no parameter
        raise RouteSyntaxError(
            f"'{{{{' at column {start + 1 + shift}: a parameter is written {{name}}; remove one '{{'"
        )
    depth, i = 0, start
    while i < len(body):
        if body[i] == "{":
            depth += 1
        elif body[i] == "}":
            depth -= 1
            if depth == 0:
                break
        i += 1
    else:
        word = re.match(r"\w*", body[start + 1 :])
        raise RouteSyntaxError(
            f"unclosed '{{' at column {start + 1 + shift}; close the parameter with '}}'"
            f"{_example(word.group() if word else '')}"
        )
    inner = body[start + 1 : i]
    name, sep, regex = inner.partition(":")
    if keyword.iskeyword(name):
        raise RouteSyntaxError(
            f"parameter {{{inner}}} is a Python keyword, which no parameter can be named; rename it"
        )
    if not is_identifier(name):
        raise RouteSyntaxError(
            f"parameter {{{inner}}} is not a name of ASCII letters, digits and _ (not starting "
            "with a digit); rename it"
        )
    if sep:
        _check_param_regex(name, regex)
    return Param(name, regex if sep else None), i + 1


def _check_param_regex(name: str, regex: str) -> None:
    if regex in _CONVERTERS:  # `{id:int}`, meant as Django's `<int:id>`
        raise RouteSyntaxError(
            f"{{{name}:{regex}}} would match the word {regex!r} alone: what follows ':' is a "
            f"regex, not a converter; write {_CONVERTERS[regex] % name}"
        )
    if not regex or any(c in regex for c in "\"'\n\r\t") or regex.endswith("\\"):
        raise RouteSyntaxError(
            f"the regex of {{{name}}} must be non-empty, hold no quotes or line breaks and not end "
            "in a backslash"
        )
    try:  # as it will stand: inside a named group, after the route's literal text
        compiled = re.compile(f"x(?P<{name}>{regex})")
    except re.error as exc:
        raise RouteSyntaxError(
            f"the regex of {{{name}}} is invalid inside a route ({exc}); fix the regex"
        ) from None
    if compiled.groups > 1:
        raise RouteSyntaxError(
            f"the regex of {{{name}}} has a capturing group; use (?:...) instead"
        )


def tokens_to_regex(
    tokens: tuple[Token, ...], segment: str, by_name: Mapping[str, str] | None = None
) -> str:
    """`^` + tokens as a Django regex + `$`, each parameter a named group of `segment`, or of
    the class `by_name` gives for that parameter's name."""
    parts = []
    for token in tokens:
        if isinstance(token, Param):
            spelled = token.regex or (by_name or {}).get(token.name, segment)
            parts.append(f"(?P<{token.name}>{spelled})")
        else:
            parts.append("\\." if token == "." else token)
    return "^" + "".join(parts) + "$"


def regex_to_tokens(pattern: str) -> tuple[Token, ...] | None:
    """Read a Django URL regex back into tokens: literals, named groups (`(?P<x>[^/]+)`,
    `(?P<id>\\d+)`: any content) and `(?:issues|groups)` (read as its first alternative).

    Returns None for patterns with other regex syntax; `^` and `$` are dropped.
    """
    body = pattern.removeprefix("^")
    body = body[:-1] if body.endswith("$") and not body.endswith("\\$") else body
    tokens: list[Token] = []
    i = 0
    while i < len(body):
        if body.startswith("(?P<", i) or body.startswith("(?:", i):
            end = _group_end(body, i)
            if end is None:
                return None
            if body[i + 2] == "P":
                name, _, inner = body[i + 4 : end].partition(">")
                tokens.append(Param(name, None if inner in _SEGMENT_CLASSES else inner))
            else:
                first = body[i + 3 : end].split("|")[0]
                literal = regex_to_tokens(first)
                if literal is None or any(isinstance(t, Param) for t in literal):
                    return None
                tokens.extend(literal)
            i = end + 1
            continue
        pair = body[i : i + 2]
        if pair in _REGEX_LITERAL_ESCAPES:
            tokens.append(_REGEX_LITERAL_ESCAPES[pair])
            i += 2
            continue
        if not _LITERAL_CHARS_RE.fullmatch(body[i]) or body[i] == ".":
            return None
        tokens.append(body[i])
        i += 1
    return tuple(tokens)


def _group_end(body: str, start: int) -> int | None:
    """Index of the `)` closing the group opened at `start` (escapes and classes respected)."""
    depth, i, in_class = 0, start, False
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None
