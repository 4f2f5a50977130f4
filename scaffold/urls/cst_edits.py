"""libcst whitespace surgery: insert or remove one element of a list, comments staying put."""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider


def _newline(
    indent: str, first_line: cst.TrailingWhitespace | None = None
) -> cst.ParenthesizedWhitespace:
    return cst.ParenthesizedWhitespace(
        first_line=first_line or cst.TrailingWhitespace(),
        empty_lines=(),
        indent=True,
        last_line=cst.SimpleWhitespace(indent),
    )


def indent_after(ws: cst.BaseParenthesizableWhitespace, unit: str) -> str:
    """Indentation of the items after an opening bracket (one `unit` when on one line)."""
    return ws.last_line.value if isinstance(ws, cst.ParenthesizedWhitespace) else unit


def insert_element(
    lst: cst.List, position: int, element: cst.Element, unit: str = "    "
) -> cst.List:
    """`lst` with `element` at `position`. A trailing comment stays on its entry's line; comment
    lines before the next entry (section headers) stay before that entry. `unit` is one level
    of the file's indentation."""
    elements = list(lst.elements)
    indent = indent_after(lst.lbracket.whitespace_after, unit)
    multiline = isinstance(lst.lbracket.whitespace_after, cst.ParenthesizedWhitespace)
    if not elements:
        opening = lst.lbracket.whitespace_after
        if _has_comment(opening):  # `[` then comment lines only: the entry goes below them
            assert isinstance(opening, cst.ParenthesizedWhitespace)
            indent = next(
                (e.whitespace.value for e in reversed(opening.empty_lines) if e.comment),
                unit,
            )
            return lst.with_changes(
                lbracket=lst.lbracket.with_changes(
                    whitespace_after=opening.with_changes(last_line=cst.SimpleWhitespace(indent))
                ),
                elements=[element.with_changes(comma=cst.Comma())],
                rbracket=cst.RightSquareBracket(
                    whitespace_before=_newline(indent_after(lst.lbracket.whitespace_after, unit))
                ),
            )
        closing = ""  # `[]`: a module-level list
        if isinstance(opening, cst.ParenthesizedWhitespace):  # `[` and `]` on their own lines
            closing = opening.last_line.value
            indent = closing + unit
        return lst.with_changes(
            lbracket=cst.LeftSquareBracket(whitespace_after=_newline(indent)),
            elements=[element.with_changes(comma=cst.Comma())],
            rbracket=cst.RightSquareBracket(whitespace_before=_newline(closing)),
        )
    if not multiline:  # a one-line list: `[a, b]`
        space = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        if position == len(elements):
            elements[-1] = elements[-1].with_changes(comma=space)
            elements.append(element)
        else:
            elements.insert(position, element.with_changes(comma=space))
        return lst.with_changes(elements=elements)
    if position == 0:
        new = element.with_changes(comma=cst.Comma(whitespace_after=_newline(indent)))
        return lst.with_changes(elements=[new, *elements])
    prev = elements[position - 1]
    at_end = position == len(elements)
    prev_ws = prev.comma.whitespace_after if isinstance(prev.comma, cst.Comma) else None
    following = lst.rbracket.whitespace_before if at_end else prev_ws
    if not isinstance(following, cst.ParenthesizedWhitespace):
        following = _newline("" if at_end else indent)
    prev_comma = prev.comma if isinstance(prev.comma, cst.Comma) else cst.Comma()
    elements[position - 1] = prev.with_changes(
        comma=prev_comma.with_changes(whitespace_after=_newline(indent, following.first_line))
    )
    rest = following.with_changes(first_line=cst.TrailingWhitespace())
    if at_end:  # a list that ends without a trailing comma keeps ending without one
        had_trailing_comma = isinstance(prev.comma, cst.Comma)
        elements.append(element.with_changes(comma=cst.Comma()) if had_trailing_comma else element)
        return lst.with_changes(
            elements=elements, rbracket=lst.rbracket.with_changes(whitespace_before=rest)
        )
    elements.insert(position, element.with_changes(comma=cst.Comma(whitespace_after=rest)))
    return lst.with_changes(elements=elements)


def insert_arg(call: cst.Call, position: int, arg: cst.Arg, unit: str = "    ") -> cst.Call:
    """`call` with `arg` at `position` among its arguments (a Django 1.x `patterns('', ...)`),
    keeping comments in place and the call's trailing-comma habit."""
    args = list(call.args)
    indent = indent_after(call.whitespace_before_args, unit)
    prev = args[position - 1]
    at_end = position == len(args)
    has_comma = isinstance(prev.comma, cst.Comma)
    following = prev.comma.whitespace_after if has_comma else prev.whitespace_after_arg  # type: ignore[union-attr]
    if not isinstance(following, cst.ParenthesizedWhitespace):  # a one-line call
        space = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        args[position - 1] = prev.with_changes(
            comma=space, whitespace_after_arg=cst.SimpleWhitespace("")
        )
        new = arg.with_changes(comma=space) if not at_end or has_comma else arg
        args.insert(position, new)
        return call.with_changes(args=args)
    rest = following.with_changes(first_line=cst.TrailingWhitespace())
    comma = prev.comma if isinstance(prev.comma, cst.Comma) else cst.Comma()
    args[position - 1] = prev.with_changes(
        comma=comma.with_changes(whitespace_after=_newline(indent, following.first_line)),
        whitespace_after_arg=cst.SimpleWhitespace(""),
    )
    if at_end and not has_comma:
        new = arg.with_changes(whitespace_after_arg=rest)
    else:
        new = arg.with_changes(comma=cst.Comma(whitespace_after=rest))
    args.insert(position, new)
    return call.with_changes(args=args)


def remove_element(lst: cst.List, position: int) -> cst.List:
    """`lst` without the element at `position`: the inverse of `insert_element`, so inserting
    and then removing gives back the same text. Comment lines around the removed entry stay
    (a section header above it now heads what follows); a list left with comments only keeps
    its brackets on their lines, one left with nothing becomes `[]`."""
    elements = list(lst.elements)
    removed = elements.pop(position)
    after = _lines_of(
        removed.comma.whitespace_after if isinstance(removed.comma, cst.Comma) else None
    )
    if not elements:
        return _emptied(lst, after)
    had_comma = isinstance(removed.comma, cst.Comma)
    multiline = isinstance(lst.lbracket.whitespace_after, cst.ParenthesizedWhitespace)
    if position == 0:
        opening = lst.lbracket.whitespace_after
        if isinstance(opening, cst.ParenthesizedWhitespace) and _has_comment_line(after):
            kept = [*opening.empty_lines, *_without_leading_blanks(after)]
            lbracket = lst.lbracket.with_changes(
                whitespace_after=opening.with_changes(empty_lines=kept)
            )
            return lst.with_changes(elements=elements, lbracket=lbracket)
        return lst.with_changes(elements=elements)
    prev = elements[position - 1]
    prev_comma = prev.comma if isinstance(prev.comma, cst.Comma) else None
    at_end = position == len(elements)
    if not multiline or prev_comma is None:
        if at_end and not had_comma:
            elements[-1] = prev.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return lst.with_changes(elements=elements)
    kept_line = _first_line(prev_comma.whitespace_after)
    before = _without_trailing_blanks(_lines_of(prev_comma.whitespace_after))
    if at_end:
        following = lst.rbracket.whitespace_before
        if isinstance(following, cst.ParenthesizedWhitespace) and kept_line is not None:
            following = following.with_changes(
                first_line=kept_line, empty_lines=[*before, *following.empty_lines]
            )
        comma: cst.Comma | cst.MaybeSentinel = (
            prev_comma.with_changes(whitespace_after=cst.SimpleWhitespace(""))
            if had_comma
            else cst.MaybeSentinel.DEFAULT
        )
        elements[-1] = prev.with_changes(comma=comma)
        return lst.with_changes(
            elements=elements, rbracket=lst.rbracket.with_changes(whitespace_before=following)
        )
    assert isinstance(removed.comma, cst.Comma)
    rest = removed.comma.whitespace_after
    if isinstance(rest, cst.ParenthesizedWhitespace) and kept_line is not None:
        rest = rest.with_changes(first_line=kept_line, empty_lines=[*before, *rest.empty_lines])
    elements[position - 1] = prev.with_changes(comma=prev_comma.with_changes(whitespace_after=rest))
    return lst.with_changes(elements=elements)


def _emptied(lst: cst.List, after: list[cst.EmptyLine]) -> cst.List:
    """`lst` once its last element is gone: `[]`, or, when comment lines stand inside it,
    `[` and `]` on their own lines with those comments between them."""
    opening = lst.lbracket.whitespace_after
    closing = lst.rbracket.whitespace_before
    kept = [*_lines_of(opening), *_without_leading_blanks(after), *_lines_of(closing)]
    if not _has_comment_line(kept) and not _has_comment(opening):
        return lst.with_changes(
            lbracket=cst.LeftSquareBracket(), elements=[], rbracket=cst.RightSquareBracket()
        )
    close_indent = closing.last_line if isinstance(closing, cst.ParenthesizedWhitespace) else None
    if not isinstance(opening, cst.ParenthesizedWhitespace):
        opening = _newline("")
    whitespace = opening.with_changes(
        empty_lines=kept, last_line=close_indent or cst.SimpleWhitespace("")
    )
    return lst.with_changes(
        lbracket=lst.lbracket.with_changes(whitespace_after=whitespace),
        elements=[],
        rbracket=cst.RightSquareBracket(),
    )


def _lines_of(ws: cst.BaseParenthesizableWhitespace | None) -> list[cst.EmptyLine]:
    return list(ws.empty_lines) if isinstance(ws, cst.ParenthesizedWhitespace) else []


def _has_comment_line(lines: list[cst.EmptyLine]) -> bool:
    return any(line.comment is not None for line in lines)


def _has_comment(ws: cst.BaseParenthesizableWhitespace) -> bool:
    """A comment after the bracket on its line, or on a line of its own after it."""
    return isinstance(ws, cst.ParenthesizedWhitespace) and (
        ws.first_line.comment is not None or _has_comment_line(list(ws.empty_lines))
    )


def _without_trailing_blanks(lines: list[cst.EmptyLine]) -> list[cst.EmptyLine]:
    while lines and lines[-1].comment is None:
        lines = lines[:-1]
    return lines


def _without_leading_blanks(lines: list[cst.EmptyLine]) -> list[cst.EmptyLine]:
    while lines and lines[0].comment is None:
        lines = lines[1:]
    return lines


def remove_arg(call: cst.Call, position: int) -> cst.Call:
    """`call` without its argument at `position` (a route in `patterns('', ...)`): the inverse
    of `insert_arg`; comment lines above the removed route stay."""
    args = list(call.args)
    removed = args.pop(position)
    prev = args[position - 1]
    had_comma = isinstance(removed.comma, cst.Comma)
    at_end = position == len(args)
    prev_comma = prev.comma if isinstance(prev.comma, cst.Comma) else None
    if prev_comma is None:
        return call.with_changes(args=args)
    kept_line = _first_line(prev_comma.whitespace_after)
    before = _without_trailing_blanks(_lines_of(prev_comma.whitespace_after))
    rest = removed.comma.whitespace_after if had_comma else removed.whitespace_after_arg  # type: ignore[union-attr]
    if isinstance(rest, cst.ParenthesizedWhitespace) and kept_line is not None:
        rest = rest.with_changes(first_line=kept_line, empty_lines=[*before, *rest.empty_lines])
    if at_end and not had_comma:
        args[-1] = prev.with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=rest)
    else:
        args[position - 1] = prev.with_changes(comma=prev_comma.with_changes(whitespace_after=rest))
    return call.with_changes(args=args)


def _first_line(ws: cst.BaseParenthesizableWhitespace) -> cst.TrailingWhitespace | None:
    return ws.first_line if isinstance(ws, cst.ParenthesizedWhitespace) else None


def replace_at(
    node: cst.BaseExpression,
    path: tuple[int, ...],
    change: Callable[[cst.BaseExpression], cst.BaseExpression],
) -> cst.BaseExpression:
    """`node` with `change` applied to the inline include([...]) list that `path` leads to: each
    index picks an item `re_path(prefix, include([...]))` of the current list."""
    if not path:
        return change(node)
    index, rest = path[0], path[1:]
    items = list(node.elements if isinstance(node, cst.List) else node.args)  # type: ignore[attr-defined]
    item = items[index]
    route = item.value
    assert isinstance(route, cst.Call)
    include_arg = route.args[1]
    include = include_arg.value
    assert isinstance(include, cst.Call)
    inner = include.args[0]
    include = include.with_changes(
        args=[inner.with_changes(value=replace_at(inner.value, rest, change)), *include.args[1:]]
    )
    route = route.with_changes(
        args=[route.args[0], include_arg.with_changes(value=include), *route.args[2:]]
    )
    items[index] = item.with_changes(value=route)
    if isinstance(node, cst.List):
        return node.with_changes(elements=items)
    return node.with_changes(args=items)


def closed_list_line(statement_text: str, path: tuple[int, ...]) -> int | None:
    """The 1-based line, within `statement_text`, of the list `path` leads to (see
    `replace_at`) when it is written `[]`: inserting into it rewrites that line."""
    wrapper = MetadataWrapper(cst.parse_module(statement_text))
    line = wrapper.module.body[0]
    assert isinstance(line, cst.SimpleStatementLine)
    small = line.body[0]
    assert isinstance(small, cst.Assign | cst.AnnAssign) and small.value is not None
    node: cst.BaseExpression = small.value
    for index in path:  # item `re_path(prefix, include([...]))` -> its inline list
        items = node.elements if isinstance(node, cst.List) else node.args  # type: ignore[attr-defined]
        route = items[index].value
        assert isinstance(route, cst.Call)
        include = route.args[1].value
        assert isinstance(include, cst.Call)
        node = include.args[0].value
    if not isinstance(node, cst.List) or node.elements:
        return None
    if isinstance(node.lbracket.whitespace_after, cst.ParenthesizedWhitespace):
        return None
    return wrapper.resolve(PositionProvider)[node].start.line
