"""Names derived from a resource name: class, module, URL name, object names."""

from __future__ import annotations

import keyword
import re
from collections.abc import Collection

CLASS_NAME_RE = re.compile(r"^[A-Z][A-Za-z0-9]*$")
IDENTIFIER_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
DOTTED_PATH_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")
# `:` is Django's namespace separator: `reverse("a:b")` looks for `b` in namespace `a`
URL_NAME_RE = re.compile(r"^[A-Za-z0-9]+([-_.][A-Za-z0-9]+)*$")
# a plural acronym (`IPs` before a capital or the end) stays one word: UserIPs -> user, ips;
# an acronym ends before a capitalised word only when two letters long or more: APIKeys -> api,
# keys, but AssociateDSymFiles -> associate, dsym, files (Sentry's spelling) and IPv6 -> ipv6
_WORD_BOUNDARY_RE = re.compile(
    r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z][A-Z])(?=[A-Z][a-z])(?![A-Z]s(?:[A-Z]|$))"
)
_PARAM_SUFFIXES = ("_id_or_slug", "_slug", "_id")
SUFFIX = "Endpoint"


def is_identifier(value: str) -> bool:
    """True for a Python identifier that is not a keyword."""
    return bool(IDENTIFIER_RE.match(value)) and not keyword.iskeyword(value)


def is_dotted_path(value: str) -> bool:
    """True for `a.b.C`: two or more identifiers joined by dots, none a keyword."""
    return bool(DOTTED_PATH_RE.match(value)) and all(
        not keyword.iskeyword(part) for part in value.split(".")
    )


def why_not_dotted(value: str) -> str:
    """Why `value` is no dotted path, for a message: the keyword among its parts, or the shape."""
    word = next((part for part in value.split(".") if keyword.iskeyword(part)), None)
    if word is not None:
        return f"{word!r} is a Python keyword, which no module or class can be named"
    if value.isidentifier():  # a class's name alone
        return f"give the module that defines it too (pkg.module.{value})"
    return "use identifiers joined by dots"


def class_name_for(name: str) -> str:
    """`OrganizationWidgets` and `OrganizationWidgetsEndpoint` both give the latter."""
    return name if name.endswith(SUFFIX) and name != SUFFIX else name + SUFFIX


def class_name_among(name: str, known: Collection[str]) -> str:
    """The class `name` means where `known` names are defined: `class_name_for(name)`, unless
    only `name` as written is known (`RelayHealthCheck`, which Sentry named without the suffix)."""
    full = class_name_for(name)
    return name if full not in known and name in known else full


def stem_of(class_name: str) -> str:
    """`OrganizationWidgetsEndpoint` -> `OrganizationWidgets`."""
    return class_name.removesuffix(SUFFIX)


def words_of(class_name: str) -> list[str]:
    """Lower-case words of a CamelCase name, acronyms kept whole: `APIKeys` -> api, keys."""
    return [w.lower() for w in _WORD_BOUNDARY_RE.split(stem_of(class_name)) if w]


def module_name_for(class_name: str) -> str:
    """`OrganizationWidgetsEndpoint` -> `organization_widgets`."""
    return "_".join(words_of(class_name))


def url_name_for(class_name: str, prefix: str) -> str:
    """`OrganizationWidgetsEndpoint`, `sentry-api-0` -> `sentry-api-0-organization-widgets`."""
    return f"{prefix}-{'-'.join(words_of(class_name))}"


def object_name_for(param: str, field: str | None = None) -> str:
    """`widget_id_or_slug` -> `widget`; `invite_token` with field `token` -> `invite`; a name
    with no known suffix is kept as is."""
    for suffix in (*_PARAM_SUFFIXES, f"_{field}" if field else ""):
        if suffix and param.endswith(suffix) and len(param) > len(suffix):
            return param[: -len(suffix)]
    return param


def split_dotted(path: str) -> tuple[str, str]:
    """`acme.models.widget.Widget` -> (`acme.models.widget`, `Widget`)."""
    module, _, name = path.rpartition(".")
    return module, name
