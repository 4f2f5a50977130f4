"""Templates filled and formatted: the project's own (`[tool.scaffold] templates`) or the
packaged ones, then black; a fault of a project's template is a ProjectError naming it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaffold.errors import ProjectError
from scaffold.project.config_table import config_error
from scaffold.project.settings import Settings
from scaffold.pysource.modules import read_module

if TYPE_CHECKING:
    import jinja2


def render_template(name: str, context: dict[str, Any], settings: Settings) -> str:
    """Fill template `name`: the project's own (`[tool.scaffold] templates`) when it has one,
    else the packaged one. A variable the template uses but the context lacks is a
    ProjectError naming the template file, its line and the variable."""
    import jinja2

    folder = settings.templates_dir
    if folder is not None and not folder.is_dir():  # `scaffold templates --copy` makes it
        raise config_error(
            settings.project_root,
            "templates",
            f" = {settings.relpath(folder)!r}: no such folder; create it (`scaffold templates "
            "--copy NAME` does) or fix the path",
        )
    try:
        template = _environment(settings.templates_dir).get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        where = settings.relpath(Path(exc.filename or name))
        reason = (exc.message or "").rstrip(".")
        raise ProjectError(f"{where}:{exc.lineno}: {reason}; fix the template") from None
    try:
        return template.render(context)
    except jinja2.UndefinedError as exc:
        raise ProjectError(
            f"{_template_line(exc, template, settings)}: {exc.message}; the variables a "
            "template can use are listed in README.md (Project templates)"
        ) from None


def _template_line(exc: BaseException, template: jinja2.Template, settings: Settings) -> str:
    """`file:line` of the template line that raised, from the traceback jinja2 rewrites; the
    file named from the project root, as other messages name the project's files."""
    line, traceback = None, exc.__traceback__
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == template.filename:
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    where = settings.relpath(Path(template.filename or template.name or ""))
    return f"{where}:{line}" if line else where


@lru_cache(maxsize=8)
def _environment(templates_dir: Path | None) -> jinja2.Environment:
    import jinja2

    packaged = jinja2.PackageLoader("scaffold", "templates")
    loader: jinja2.BaseLoader = (
        packaged
        if templates_dir is None
        else jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(templates_dir)), packaged])
    )
    return jinja2.Environment(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        auto_reload=False,
    )


def render_code(
    name: str,
    context: dict[str, Any],
    settings: Settings,
    quote: str = '"',
    defines: str | None = None,
) -> str:
    """Template `name` rendered and formatted with black, its one-line strings quoted with
    `quote` (the neighbours': black leaves them so with string normalization off). A project's
    own template that renders what black cannot parse, or no class `defines` (which urls.py
    will import), is the project's error, named; scaffold's own is scaffold's bug."""
    source = render_template(name, context, settings)
    own = settings.templates_dir / name if settings.templates_dir else None
    try:
        formatted = format_code(source, settings)
    except ValueError as exc:  # black's InvalidInput
        if own is None or not own.is_file():
            raise
        reason = next(iter(str(exc).splitlines()), type(exc).__name__)
        raise ProjectError(
            f"{settings.relpath(own)}: renders code black cannot parse ({reason}); fix the "
            "template (README.md: Project templates)"
        ) from None
    if defines and own is not None and own.is_file():
        info = read_module(formatted.encode("utf-8"), "", "", False)
        if info is None or defines not in info.classes:
            raise ProjectError(
                f"{settings.relpath(own)}: renders no class {defines}, which urls.py would "
                "import; the template must define `class {{ class_name }}(...)` (README.md: "
                "Project templates)"
            )
    return requoted(formatted) if quote == "'" else formatted


def format_code(source: str, settings: Settings) -> str:
    """Format with black as the project configures it; a failure here is a bug in scaffold, so
    it is not caught."""
    import black

    mode = black.Mode(
        line_length=settings.line_length,
        string_normalization=not settings.black_options.get("skip-string-normalization", False),
        magic_trailing_comma=not settings.black_options.get("skip-magic-trailing-comma", False),
    )
    return black.format_str(source, mode=mode)


def requoted(source: str) -> str:
    """`source` with each one-line `"..."` string holding no `'` or backslash written `'...'`
    (same length, so every position stays); docstrings and other triple-quoted strings keep
    theirs."""
    import io
    import tokenize

    lines = source.splitlines(keepends=True)
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        text = token.string
        body = text.lstrip("rRbBuU")
        if token.type != tokenize.STRING or token.start[0] != token.end[0]:
            continue
        if body.startswith('"""') or not body.startswith('"') or "'" in body or "\\" in body:
            continue
        row, start = token.start[0] - 1, token.start[1] + len(text) - len(body)
        end = token.end[1] - 1
        line = lines[row]
        lines[row] = line[:start] + "'" + line[start + 1 : end] + "'" + line[end + 1 :]
    return "".join(lines)
