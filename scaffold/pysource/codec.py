"""What the reader found in a module, as plain JSON values and back: for a cache of facts kept
between runs (`commands/fact_cache.py`).

JSON, not pickle: a cache file is data a checkout could plant, and decoding it must never run
code. Only the reader's own records (`modules.py`) and `ast` node classes are rebuilt; any
other tag, or a value of the wrong shape, makes the whole entry unreadable (`CodecError`), and
the module is then parsed as if there were no cache.
"""

from __future__ import annotations

import ast
from typing import Any

from scaffold.pysource import modules, route_entry, unresolved, urlmodule, walked
from scaffold.records import is_record, is_record_class, record_fields

# the records a cache may hold: what a module holds (`modules`), what a route walk finds
_RECORDS: dict[str, type] = {
    name: value
    for source in (modules, route_entry, urlmodule, unresolved, walked)
    for name, value in vars(source).items()
    if isinstance(value, type) and is_record_class(value) and value.__module__ == source.__name__
}
_FIELDS = {name: (cls, record_fields(cls)) for name, cls in _RECORDS.items()}
_AST_ATTRIBUTES = ("lineno", "col_offset", "end_lineno", "end_col_offset")


_MAX_LINE = 1_000_000  # no module has more lines: a method said to start below is not one
_PLAIN = frozenset({str, bool, int, float, type(None)})  # JSON values that decode to themselves


class CodecError(ValueError):
    """An encoded value this reader would not have written."""


def encode(value: object, source: bytes | None = None) -> Any:
    """A record of `modules.py`, an `ast` node, or plain values, as JSON-able values. With
    the `source` the nodes were parsed from, a method is kept as its own text (parsed again,
    where and as it was, when decoded: a tenth of the size, and faster to rebuild)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if source is not None and isinstance(value, ast.FunctionDef):
        text = _method_text(value, source)
        if text is not None:
            return text
    if isinstance(value, ast.AST):
        node: dict[str, Any] = {"#": type(value).__name__}
        for name in (*value._fields, *_AST_ATTRIBUTES):
            if hasattr(value, name):
                node[name] = encode(getattr(value, name), source)
        return node
    if is_record(value):
        values = [encode(getattr(value, name), source) for name in record_fields(value)]
        return {"$": type(value).__name__, "v": values}
    if isinstance(value, list):
        return [encode(item, source) for item in value]
    if isinstance(value, bytes):  # ast.Constant values: b"...", ..., 1j
        return {"b": value.decode("latin-1")}
    if value is Ellipsis:
        return {"e": 0}
    if isinstance(value, complex):
        return {"c": [value.real, value.imag]}
    if isinstance(value, tuple):
        return {"t": [encode(item, source) for item in value]}
    if isinstance(value, (set, frozenset)):
        tag = "s" if isinstance(value, set) else "fs"
        return {tag: sorted((encode(item) for item in value), key=repr)}
    if isinstance(value, dict):
        if all(type(k) is str for k in value):
            return {"o": {k: encode(v, source) for k, v in value.items()}}
        return {"d": [[encode(k), encode(v)] for k, v in value.items()]}
    raise CodecError(f"cannot encode a {type(value).__name__}")


def decode(value: Any) -> Any:
    """The inverse of `encode`; CodecError for anything `encode` does not write."""
    kind = type(value)
    if kind is str or value is None or kind is bool or kind is int or kind is float:
        return value
    if kind is list:
        return [item if type(item) in _PLAIN else decode(item) for item in value]
    if kind is not dict:
        raise CodecError(f"unexpected {kind.__name__}")
    if "$" in value:
        return _record(value)
    if len(value) == 1:  # a tagged value: dispatch on its one key
        ((tag, inner),) = value.items()
        if tag == "o" and type(inner) is dict:
            return {k: v if type(v) in _PLAIN else decode(v) for k, v in inner.items()}
        if tag == "t":
            return tuple([i if type(i) in _PLAIN else decode(i) for i in _list(inner)])
        if tag == "s":
            return {i if type(i) in _PLAIN else decode(i) for i in _list(inner)}
        if tag == "fs":
            return frozenset([decode(item) for item in _list(inner)])
        if tag == "b" and isinstance(inner, str):
            return inner.encode("latin-1")
        if tag == "e":
            return Ellipsis
        if tag == "c" and isinstance(inner, list) and len(inner) == 2:
            return complex(*inner)
        if tag == "d":
            pairs = _list(inner)
            if not all(isinstance(pair, list) and len(pair) == 2 for pair in pairs):
                raise CodecError("a mapping entry is not a pair")
            return {decode(k): decode(v) for k, v in pairs}
    if "#" in value:
        return _node(value)
    if "#src" in value:
        return _method(value)
    raise CodecError("unknown value")


def encode_module(info: modules.ModuleInfo | None, source: bytes | None = None) -> Any:
    """A module's facts in the fact cache's compact form: records as plain lists in field
    order (no tags, no small dicts: JSON reads lists about three times faster), methods as
    their text when `source` is given; `decode_module` is its inverse."""
    if info is None:
        return None
    classes = [
        [
            c.name,
            c.line,
            c.first_line,
            c.base_paths,
            {
                name: [
                    list(s.names),
                    list(s.required),
                    s.var_keyword,
                    s.positional,
                    list(s.decorators),
                    s.opaque,
                    s.positional_only,
                    s.var_positional,
                    s.returns,
                ]
                for name, s in c.methods.items()
            },
            encode(c.convert_args, source),
            c.owner,
            c.owns_ps,
            None if c.publish_status is None else sorted(c.publish_status),
            None if c.http_methods is None else list(c.http_methods),
            list(c.decorators),
        ]
        for c in info.classes.values()
    ]
    return [
        info.module,
        info.path_relpath,
        info.imports,
        classes,
        info.star_imports,
        sorted(info.names),
        info.star_lines,
        info.bound_lines,
        info.exports,
    ]


def decode_module(value: Any) -> modules.ModuleInfo | None:
    """The inverse of `encode_module`: CodecError (or the TypeError or ValueError of a value
    of the wrong shape) for anything it does not write."""
    if value is None:
        return None
    if type(value) is not list:
        raise CodecError("a module's facts are not a list")
    module, relpath, imports, classes, stars, names, star_lines, bound_lines, exports = value
    if not (type(imports) is dict and type(classes) is list and type(stars) is list):
        raise CodecError("a module's facts are not of their shapes")
    if not (type(star_lines) is list and type(bound_lines) is dict):
        raise CodecError("a module's star imports are not of their shapes")
    if exports is not None and type(exports) is not list:
        raise CodecError("a module's __all__ is not a list")
    found: dict[str, modules.ClassInfo] = {}
    new = object.__new__
    for facts in classes:
        name, line, first, bases, methods, convert, owner, owns_ps, published, allowed, marks = (
            facts
        )
        if type(bases) is not list or type(methods) is not dict or type(marks) is not list:
            raise CodecError("a class's facts are not of their shapes")
        signatures = {}
        for method, fields in methods.items():
            (
                names_,
                required,
                var_keyword,
                positional,
                decorators,
                opaque,
                only,
                varargs,
                returns,
            ) = fields
            signature = new(modules.Signature)
            signature.__dict__.update(
                names=tuple(names_),
                required=tuple(required),
                var_keyword=var_keyword,
                positional=positional,
                decorators=tuple(decorators),
                opaque=opaque,
                positional_only=only,
                var_positional=varargs,
                returns=returns,
            )
            signatures[method] = signature
        node = None if convert is None else decode(convert)
        if node is not None and not isinstance(node, ast.FunctionDef):
            raise CodecError("convert_args is not a method")
        status = None if published is None else set(published)
        allowed = None if allowed is None else tuple(allowed)
        found[name] = modules.ClassInfo(
            name,
            line,
            first,
            bases,
            signatures,
            node,
            owner,
            owns_ps,
            status,
            allowed,
            tuple(marks),
        )
    return modules.ModuleInfo(
        module, relpath, imports, found, stars, set(names), star_lines, bound_lines, exports
    )


def _record(value: dict[str, Any]) -> object:
    found = _FIELDS.get(value["$"]) if type(value["$"]) is str else None
    values = value.get("v")
    if found is None or type(values) is not list:
        raise CodecError(f"unknown record {value['$']!r}")
    cls, names = found
    if len(values) != len(names):
        raise CodecError(f"{value['$']}: fields differ from this version's")
    record: object = object.__new__(cls)
    fields = record.__dict__  # records have no slots: frozen ones too
    for name, item in zip(names, values, strict=True):
        fields[name] = item if type(item) in _PLAIN else decode(item)
    return record


def _method_text(node: ast.FunctionDef, source: bytes) -> dict[str, Any] | None:
    """{"#src": the lines of a method, "at": its first line}, when parsing them again gives the
    very same node (positions included); None otherwise."""
    first = min([d.lineno for d in node.decorator_list] + [node.lineno])
    if first < 2 or node.end_lineno is None:
        return None
    lines = source.split(b"\n")[first - 1 : node.end_lineno]
    try:
        text = b"\n".join(lines).decode("utf-8")
        again = _method({"#src": text, "at": first})
    except (UnicodeDecodeError, CodecError):
        return None
    same = ast.dump(again, include_attributes=True) == ast.dump(node, include_attributes=True)
    return {"#src": text, "at": first} if same else None


def _method(value: dict[str, Any]) -> ast.FunctionDef:
    text, first = value.get("#src"), value.get("at")
    if not isinstance(text, str) or type(first) is not int or not 2 <= first <= _MAX_LINE:
        raise CodecError("not a method's text")
    try:  # a class header on the line above: the method keeps its lines and columns
        module = ast.parse("\n" * (first - 2) + "class _:\n" + text)
    except (SyntaxError, ValueError):
        raise CodecError("a method's text that does not parse") from None
    found = module.body[0].body[0] if module.body else None  # type: ignore[attr-defined]
    if not isinstance(found, ast.FunctionDef):
        raise CodecError("not a method's text")
    return found


def _node(value: dict[str, Any]) -> ast.AST:
    cls = getattr(ast, str(value["#"]), None)
    if not (isinstance(cls, type) and issubclass(cls, ast.AST)) or cls is ast.AST:
        raise CodecError(f"unknown syntax node {value['#']!r}")
    node = cls()
    for name, item in value.items():
        if name == "#":
            continue
        if name not in cls._fields and name not in _AST_ATTRIBUTES:
            raise CodecError(f"{cls.__name__} has no {name!r}")
        setattr(node, name, decode(item))
    return node


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise CodecError("expected a list")
    return value
