"""libcst whitespace surgery, the inverse of cst_edits' inserts: remove one element of a list
or one route of a `patterns()` call, comments staying put."""

from __future__ import annotations

import libcst as cst

from scaffold.urls.cst_edits import has_comment, has_comment_line, newline


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
        if isinstance(opening, cst.ParenthesizedWhitespace) and has_comment_line(after):
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
        before = _joined_above(prev_comma.whitespace_after, rest)
        rest = rest.with_changes(first_line=kept_line, empty_lines=[*before, *rest.empty_lines])
    elements[position - 1] = prev.with_changes(comma=prev_comma.with_changes(whitespace_after=rest))
    return lst.with_changes(elements=elements)


def _emptied(lst: cst.List, after: list[cst.EmptyLine]) -> cst.List:
    """`lst` once its last element is gone: `[]`, or, when comment lines stand inside it,
    `[` and `]` on their own lines with those comments between them."""
    opening = lst.lbracket.whitespace_after
    closing = lst.rbracket.whitespace_before
    kept = [*_lines_of(opening), *_without_leading_blanks(after), *_lines_of(closing)]
    if not has_comment_line(kept) and not has_comment(opening):
        return lst.with_changes(
            lbracket=cst.LeftSquareBracket(), elements=[], rbracket=cst.RightSquareBracket()
        )
    close_indent = closing.last_line if isinstance(closing, cst.ParenthesizedWhitespace) else None
    if not isinstance(opening, cst.ParenthesizedWhitespace):
        opening = newline("")
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


def _without_trailing_blanks(lines: list[cst.EmptyLine]) -> list[cst.EmptyLine]:
    while lines and lines[-1].comment is None:
        lines = lines[:-1]
    return lines


def _joined_above(
    above: cst.BaseParenthesizableWhitespace, below: cst.ParenthesizedWhitespace
) -> list[cst.EmptyLine]:
    """The lines between the entry before a removed one and it, to stand above what follows:
    of a blank line on each side of the removed entry one stays, and a blank line on one side
    only stays (it parts a section comment, or a group, from the entry that now follows)."""
    lines = _lines_of(above)
    if below.empty_lines and below.empty_lines[0].comment is None:
        return _without_trailing_blanks(lines)
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
        before = before if at_end else _joined_above(prev_comma.whitespace_after, rest)
        rest = rest.with_changes(first_line=kept_line, empty_lines=[*before, *rest.empty_lines])
    if at_end and not had_comma:
        args[-1] = prev.with_changes(comma=cst.MaybeSentinel.DEFAULT, whitespace_after_arg=rest)
    else:
        args[position - 1] = prev.with_changes(comma=prev_comma.with_changes(whitespace_after=rest))
    return call.with_changes(args=args)


def _first_line(ws: cst.BaseParenthesizableWhitespace) -> cst.TrailingWhitespace | None:
    return ws.first_line if isinstance(ws, cst.ParenthesizedWhitespace) else None
