"""`scaffold generate SPEC`: every resource of a YAML spec, converging on re-runs."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Annotated

import typer

from scaffold.commands._writing import (
    DryRunOption,
    ForceOption,
    NoTestsOption,
    PackageOption,
    ProjectOption,
    SkipOption,
    finish,
    on_existing,
)

HELP = (
    "Generate every resource in a YAML spec and register them. Resources already generated and "
    "registered are left alone, so running it again changes nothing."
)


def generate(
    spec: Annotated[
        Path,
        typer.Argument(
            metavar="SPEC",
            help="YAML spec file (or a pipe): resources, and optional defaults (see README).",
        ),
    ],
    force: ForceOption = False,
    skip: SkipOption = False,
    dry_run: DryRunOption = False,
    project: ProjectOption = None,
    package: PackageOption = None,
    no_tests: NoTestsOption = False,
) -> None:
    from scaffold.commands.speedups import start_rendering
    from scaffold.errors import SpecError
    from scaffold.generate.build import OnExisting, build_plan
    from scaffold.project.files import read_source
    from scaffold.project.settings import writing_settings
    from scaffold.spec import load_spec

    policy = on_existing(force, skip, OnExisting.CONVERGE)
    if spec.is_dir():
        raise SpecError(f"{spec}: is a folder; give the spec file in it (a .yaml file)")
    if not spec.exists():
        raise SpecError(
            f"{spec}: no such spec file; check the path (a relative one starts from the current "
            "folder, not from --project)"
        )
    if not spec.is_file() and not stat.S_ISFIFO(spec.stat().st_mode):  # `<(scaffold list ...)`
        raise SpecError(f"{spec}: is not a file (a device); give the spec file (a .yaml file)")
    resources = load_spec(read_source(spec, str(spec)), str(spec))
    settings = writing_settings(project, package)
    finish(build_plan(settings, resources, policy, start_rendering, not no_tests), dry_run)
