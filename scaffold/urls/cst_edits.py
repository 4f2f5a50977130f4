"""libcst whitespace surgery: insert one element of a list, comments staying put."""

from __future__ import annotations

from collections.abc import Callable

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider


def newline(
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
        if has_comment(opening):  # `[` then comment lines only: the entry goes below them
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
                    whitespace_before=newline(indent_after(lst.lbracket.whitespace_after, unit))
                ),
            )
        closing = ""  # `[]`: a module-level list
        if isinstance(opening, cst.ParenthesizedWhitespace):  # `[` and `]` on their own lines
            closing = opening.last_line.value
            indent = closing + unit
        return lst.with_changes(
            lbracket=cst.LeftSquareBracket(whitespace_after=newline(indent)),
            elements=[element.with_changes(comma=cst.Comma())],
            rbracket=cst.RightSquareBracket(whitespace_before=newline(closing)),
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
        new = element.with_changes(comma=cst.Comma(whitespace_after=newline(indent)))
        return lst.with_changes(elements=[new, *elements])
    prev = elements[position - 1]
    at_end = position == len(elements)
    prev_ws = prev.comma.whitespace_after if isinstance(prev.comma, cst.Comma) else None
    following = lst.rbracket.whitespace_before if at_end else prev_ws
    if not isinstance(following, cst.ParenthesizedWhitespace):
        following = newline("" if at_end else indent)
    prev_comma = prev.comma if isinstance(prev.comma, cst.Comma) else cst.Comma()
    elements[position - 1] = prev.with_changes(
        comma=prev_comma.with_changes(whitespace_after=newline(indent, following.first_line))
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
        comma=comma.with_changes(whitespace_after=newline(indent, following.first_line)),
        whitespace_after_arg=cst.SimpleWhitespace(""),
    )
    if at_end and not has_comma:
        new = arg.with_changes(whitespace_after_arg=rest)
    else:
        new = arg.with_changes(comma=cst.Comma(whitespace_after=rest))
    args.insert(position, new)
    return call.with_changes(args=args)


def has_comment_line(lines: list[cst.EmptyLine]) -> bool:
    return any(line.comment is not None for line in lines)


def has_comment(ws: cst.BaseParenthesizableWhitespace) -> bool:
    """A comment after the bracket on its line, or on a line of its own after it."""
    return isinstance(ws, cst.ParenthesizedWhitespace) and (
        ws.first_line.comment is not None or has_comment_line(list(ws.empty_lines))
    )


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
