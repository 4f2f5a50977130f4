"""Validators of single spec fields: each returns the clean value or raises a SpecError that
names the place."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scaffold.errors import SpecError, did_you_mean
from scaffold.naming import URL_NAME_RE, is_dotted_path, is_identifier, why_not_dotted
from scaffold.spec.model import METHODS, Locator


def check_keys(
    raw: dict[Any, Any], allowed: Mapping[str, str], locator: Locator, path: tuple[str | int, ...]
) -> None:
    for key in raw:
        if key not in allowed:
            raise SpecError(
                f"{locator.at(path + (str(key),))}: unknown key {key!r}"
                f"{did_you_mean(str(key), allowed)}; allowed: {', '.join(allowed)}"
            )


def fail(locator: Locator, path: tuple[str | int, ...], message: str) -> SpecError:
    return SpecError(f"{locator.at(path)}: {message}")


def read_string(
    value: Any, locator: Locator, path: tuple[str | int, ...], *, required: bool = False
) -> str:
    if value is None or value == "":
        if required:
            raise fail(locator, path, "is required")
        return ""
    if not isinstance(value, str):
        raise fail(locator, path, f"must be a string, not {type(value).__name__}")
    return value


def _refuse_empty(value: Any, locator: Locator, path: tuple[str | int, ...]) -> None:
    """A name given as `''` (`--owner ''`) is a slip, not a wish for the default."""
    if isinstance(value, str) and not value.strip():
        raise fail(locator, path, "is empty; give a name or leave it out for the default")


def read_identifier(
    value: Any, locator: Locator, path: tuple[str | int, ...], example: str = "widget"
) -> str | None:
    text = read_string(value, locator, path)
    _refuse_empty(value, locator, path)
    if text and not is_identifier(text):
        raise fail(locator, path, f"{text!r} is not an identifier; use e.g. {example}")
    return text or None


def read_dotted_or_name(value: Any, locator: Locator, path: tuple[str | int, ...]) -> str | None:
    text = read_string(value, locator, path)
    _refuse_empty(value, locator, path)
    if text and not (is_identifier(text) or is_dotted_path(text)):
        what = "a dotted module path" if path[-1:] == ("module",) else "a class name or dotted path"
        raise fail(locator, path, f"{text!r} is not {what}: {why_not_dotted(text)}")
    if text and path[-1:] == ("module",):
        for part in text.split("."):
            refuse_long_file_name(part, locator, path)
        if text.endswith(".py"):
            # the file's name, as a shell completes it: `py` would be read as a module's name
            raise fail(
                locator,
                path,
                f"{text!r} ends in .py, which a dotted module path does not; use {text[:-3]}",
            )
    return text or None


# the longest file name Linux, macOS and Windows file systems take, in bytes
NAME_MAX = 255


def refuse_long_file_name(stem: str, locator: Locator, path: tuple[str | int, ...]) -> None:
    """Refuse a module stem whose test module's file name (`test_<stem>.py`, the longer of
    the two files written) is over NAME_MAX: writing it was an OSError's traceback."""
    if len(f"test_{stem}.py".encode()) > NAME_MAX:
        raise fail(
            locator,
            path,
            f"gives a module name of {len(stem)} characters, and a file name may have "
            f"{NAME_MAX} bytes (test_<module>.py); use a shorter name",
        )


def read_methods(value: Any, locator: Locator, path: tuple[str | int, ...]) -> tuple[str, ...]:
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise fail(locator, path, f"must be a non-empty list of {', '.join(METHODS)}")
    seen: list[str] = []
    for i, item in enumerate(items):
        method = item.strip().lower() if isinstance(item, str) else item
        words = method.replace(";", " ").split() if isinstance(method, str) else []
        if method not in METHODS:
            if len(words) > 1 and all(word in METHODS for word in words):
                why = f"{item!r} holds {len(words)} methods; separate them with commas: "
                why += ",".join(words)
            elif method == "":
                why = f"an empty method (a comma too many?); use any of {', '.join(METHODS)}"
            else:
                why = f"unknown method {item!r}{did_you_mean(str(method), METHODS)}; use any of "
                why += ", ".join(METHODS)
            raise fail(locator, path if isinstance(value, str) else path + (i,), why)
        if method in seen:
            raise fail(locator, path, f"method {method!r} is listed twice; list it once")
        seen.append(method)
    return tuple(m for m in METHODS if m in seen)


def read_publish_status(
    value: Any, methods: tuple[str, ...], locator: Locator, at: Any
) -> dict[str, str]:
    path = at("publish_status")
    if value is None:
        return {}
    if isinstance(value, str):
        if value.strip() and not is_identifier(value.strip()):  # `get:public`, `get=public`
            pairs = (
                "get=public,post=private"
                if locator.is_flags
                else "a mapping such as {get: public, post: private}"
            )
            raise fail(
                locator,
                path,
                f"{value!r} is no status; give one for every method (e.g. private) or one per "
                f"method: {pairs}",
            )
        status = read_identifier(value, locator, path, "private")
        return {m: str(status).upper() for m in methods}
    if not isinstance(value, dict):
        raise fail(locator, path, "must be a status (e.g. private) or a mapping method -> status")
    result: dict[str, str] = {}
    shared = path[:1] == ("defaults",)  # every resource's: each takes its own methods' statuses
    for method, status in value.items():
        key = str(method).lower()
        status_path = path + (str(method),)
        status_text = str(read_identifier(status, locator, status_path, "private")).upper()
        if key not in METHODS:
            raise fail(
                locator,
                status_path,
                f"unknown method {method!r}{did_you_mean(key, METHODS)}; use any of "
                f"{', '.join(METHODS)}",
            )
        if key not in methods and not shared:
            flags = locator.is_flags  # what to do, in the words of the flags or of the spec
            listed, field = (
                ("--methods", "--publish-status") if flags else ("methods", "publish_status")
            )
            raise fail(
                locator,
                status_path,
                f"{method!r} is not one of this resource's methods ({', '.join(methods)}); add "
                f"it to {listed} or take it out of {field}",
            )
        if key in methods:
            result[key] = status_text
    missing = [m for m in methods if m not in result]
    if missing and not shared:  # a method the defaults do not name gets the default status
        raise fail(locator, path, f"no status for {', '.join(missing)}; give one per method")
    return result


def read_permissions(value: Any, locator: Locator, path: tuple[str | int, ...]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise fail(locator, path, "must be a list of dotted paths")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not is_dotted_path(item):
            raise fail(
                locator,
                path + (i,),
                f"{item!r} is not a dotted path like pkg.module.Permission"
                + (f": {why_not_dotted(item)}" if isinstance(item, str) else ""),
            )
        if item in value[:i]:
            raise fail(locator, path + (i,), f"{item!r} is listed twice; list it once")
    return tuple(value)


def read_silo(merged: dict[str, Any], locator: Locator, path: tuple[str | int, ...]) -> str | None:
    if "silo" in merged and merged["silo"] is None:
        return "none"
    return read_identifier(merged.get("silo"), locator, path, "region")


def read_url_name(value: Any, locator: Locator, path: tuple[str | int, ...]) -> str | None:
    text = read_string(value, locator, path)
    _refuse_empty(value, locator, path)
    if text and not URL_NAME_RE.match(text):
        raise fail(
            locator, path, f"{text!r} is not a valid URL name; use e.g. sentry-api-0-widgets"
        )
    return text or None


def read_bool(value: Any, locator: Locator, path: tuple[str | int, ...]) -> bool:
    if not isinstance(value, bool):
        raise fail(locator, path, "must be true or false")
    return value
