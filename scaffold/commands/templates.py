"""`scaffold templates`: which packaged templates the project overrides; copy one to start from."""

from __future__ import annotations

from importlib import resources
from typing import Annotated

import typer

from scaffold.commands._writing import PackageOption, ProjectOption, finish

HELP = (
    "List the templates (packaged, or overridden by the project's [tool.scaffold] templates "
    "folder); --copy NAME copies a packaged one into that folder to edit."
)


def packaged_templates() -> dict[str, str]:
    """Name -> text of every template shipped with scaffold."""
    folder = resources.files("scaffold") / "templates"
    return {
        item.name: item.read_text(encoding="utf-8")
        for item in sorted(folder.iterdir(), key=lambda item: item.name)
        if item.name.endswith(".j2")
    }


def templates(
    copy: Annotated[
        str | None, typer.Option(metavar="NAME", help="Copy this packaged template to edit.")
    ] = None,
    project: ProjectOption = None,
    package: PackageOption = None,
) -> None:
    from scaffold.errors import ProjectError, SpecError, did_you_mean
    from scaffold.project.settings import writing_settings
    from scaffold.write.plan import FileChange, Plan

    settings = writing_settings(project, package)
    folder = settings.templates_dir
    packaged = packaged_templates()
    if copy is None:
        for name in packaged:
            own = folder is not None and (folder / name).is_file()
            where = settings.relpath(folder / name) if own and folder else "packaged"
            print(f"{name:<18} {'overridden: ' + where if own else where}")
        if folder is None:
            print("no [tool.scaffold] templates folder: every template is the packaged one")
        return
    if copy not in packaged:
        raise SpecError(f"--copy: no template {copy!r}{did_you_mean(copy, list(packaged))}")
    if folder is None:
        raise ProjectError(
            "--copy: the project has no templates folder; set [tool.scaffold] templates = "
            '"scaffold-templates" in pyproject.toml and retry'
        )
    target = folder / copy
    if target.exists():
        raise ProjectError(
            f"{settings.relpath(target)}: exists already; edit it, or delete it first"
        )
    plan = Plan(settings.project_root)
    plan.add(FileChange(target, None, packaged[copy]))
    plan.messages.append(f"create  {settings.relpath(target)}  (copy of the packaged {copy})")
    finish(plan, dry_run=False)
