"""The [tool.scaffold] table of pyproject.toml: its keys, their types, the line each is set
on, and the refusal of a value that names nothing (every error names file:line and the key)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scaffold.errors import ProjectError, did_you_mean

CONFIG_KEYS = {
    "package": "the top-level package, e.g. 'sentry'",
    "urls": "path of the API urls.py, relative to the project root",
    "endpoints": "folder that holds endpoint modules, relative to the project root",
    "line-length": "line length for generated code",
    "url-name-prefix": "prefix of URL names, e.g. 'sentry-api-0'",
    "silo-decorator": "decorator used when a resource names no silo",
    "base-modules": "extra modules (dotted) that define endpoint base classes",
    "endpoint-root": "dotted path of the class every endpoint inherits, e.g. "
    "'sentry.api.base.Endpoint' (default: found through the endpoints' imports)",
    "annotations": "write type annotations (default: when api/base.py or api/bases/ use them)",
    "check": "options of `scaffold check` (the [tool.scaffold.check] table)",
    "tests": "root of the test tree generated tests go into (mirroring the module path)",
    "testutils": "folder of the test utilities whose APITestCase generated tests use",
    "templates": "folder of templates (endpoint.py.j2, test.py.j2) that replace the packaged ones",
}
_TYPES: dict[str, type] = {
    "line-length": int,
    "base-modules": list,
    "annotations": bool,
    "check": dict,
}
_KINDS = {int: "an integer", list: "a list", bool: "true or false", dict: "a table"}
_DOTTED = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)*")


def config_error(root: Path, key: str, message: str, table: str = "tool.scaffold") -> ProjectError:
    """`<root>/pyproject.toml:<line>: [table] key<message>`: `message` goes on from the key
    (` must be ...`, ` = 'x': ...`); the line is the key's, else its table's, when found."""
    path = root / "pyproject.toml"
    line = key_line(path, [*table.split("."), key])
    return ProjectError(f"{path}{f':{line}' if line else ''}: [{table}] {key}{message}")


def scaffold_table(root: Path, pyproject: dict[str, Any]) -> dict[str, Any]:
    """The [tool.scaffold] table, every key known, of the right type and naming something."""
    table = pyproject.get("tool", {}).get("scaffold", {})
    if not isinstance(table, dict):
        raise ProjectError(f"{root / 'pyproject.toml'}: [tool.scaffold] must be a table")
    for key, value in table.items():
        if key not in CONFIG_KEYS:
            known = f"{did_you_mean(key, CONFIG_KEYS)}; known keys: {', '.join(CONFIG_KEYS)}"
            raise config_error(root, key, f": unknown key{known}")
        expected = _TYPES.get(key, str)
        kind = _KINDS.get(expected, "a string")
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise config_error(root, key, f" must be {kind} ({CONFIG_KEYS[key]})")
        _check_value(root, key, value)
    return table


def _check_value(root: Path, key: str, value: Any) -> None:
    """Refuse a value of the right type that names nothing: empty, not positive, not dotted."""
    if isinstance(value, str) and not value.strip():
        raise config_error(
            root, key, f" is empty ({CONFIG_KEYS[key]}); set a value or delete the key"
        )
    if key == "line-length" and value <= 0:
        raise config_error(root, key, f" = {value}: give a positive integer, e.g. 100")
    for index, module in enumerate(value if key == "base-modules" else ()):
        if not isinstance(module, str) or not _DOTTED.fullmatch(module):
            raise config_error(
                root,
                key,
                f"[{index}] = {module!r}: not a dotted module path; write e.g. "
                "'sentry.monitors.endpoints.base'",
            )


def existing_base_modules(root: Path, src_root: Path, config: dict[str, Any]) -> tuple[str, ...]:
    """[tool.scaffold] base-modules, each a module of the project (a typo would silently give
    no base)."""
    modules: list[str] = config.get("base-modules") or []
    for module in modules:
        parts = module.split(".")
        base = src_root.joinpath(*parts)
        if (base / "__init__.py").is_file() or base.with_suffix(".py").is_file():
            continue
        folder = base.parent
        if not folder.is_dir() or not folder.is_relative_to(src_root / parts[0]):
            packages = sorted(p.name for p in src_root.iterdir() if p.is_dir())
            why = f"{parts[0]} is no package of the project{did_you_mean(parts[0], packages)}"
        else:
            near = sorted(
                ".".join([*parts[:-1], p.stem])
                for p in folder.iterdir()
                if p.suffix == ".py" or (p / "__init__.py").is_file()
            )
            why = f"no module {module} in the project{did_you_mean(module, near)}"
        raise config_error(
            root,
            "base-modules",
            f" = {module!r}: {why}; give the dotted path of a module defining endpoint bases, "
            "or take it out of the list",
        )
    return tuple(modules)


def configured_folder(root: Path, config: dict[str, Any], key: str) -> Path | None:
    """The folder [tool.scaffold] `key` names (None when unset): inside the root, existing."""
    value = config.get(key)
    if value is None:
        return None
    path = (root / str(value)).resolve()
    if not path.is_relative_to(root):
        raise config_error(
            root, key, f" = {value!r} points outside the project; give a path inside it"
        )
    if path.exists() and not path.is_dir():
        raise config_error(root, key, f" = {value!r}: not a folder; give the {CONFIG_KEYS[key]}")
    return path


def existing_folder(root: Path, config: dict[str, Any], key: str) -> Path | None:
    """`configured_folder`, which must exist: a mistyped folder names nothing."""
    path = configured_folder(root, config, key)
    if path is not None and not path.is_dir():
        raise config_error(
            root, key, f" = {config[key]!r}: no such folder; create it or fix the path"
        )
    return path


def key_line(path: Path, key: list[str]) -> int | None:
    """The line of pyproject.toml setting the dotted `key` (`tool.scaffold.urls` under
    `[tool.scaffold]`, or as `scaffold.urls` under `[tool]`), else of the table holding it
    (a value inside an inline table), else None."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    found: dict[tuple[str, ...], int] = {}
    table: list[str] = []
    for number, text in enumerate(lines, 1):
        if header := _HEADER.match(text):
            table = _parts(header.group(1))
            found.setdefault(tuple(table), number)
        elif assigned := _ASSIGNED.match(text):
            found.setdefault((*table, *_parts(assigned.group(1))), number)
    for end in range(len(key), 0, -1):
        if tuple(key[:end]) in found:
            return found[tuple(key[:end])]
    return None


_PART = r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
_HEADER = re.compile(rf"^\s*\[\[?\s*({_PART}(?:\s*\.\s*{_PART})*)\s*\]\]?\s*(?:#.*)?$")
_ASSIGNED = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")


def _parts(dotted: str) -> list[str]:
    return ["".join(found) for found in re.findall(r'"([^"]*)"|\'([^\']*)\'|([\w-]+)', dotted)]
