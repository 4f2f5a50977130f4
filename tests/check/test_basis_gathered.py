"""A whole-tree run gathers its basis (what a kept answer is updated by after an edit) only
when its answer is kept: with no answer file (`SCAFFOLD_NO_CACHE`, in-process runs) nothing
would read it, and it cost a cold check ~10 ms of CPU on s2023 (commands/run_check.py)."""

from __future__ import annotations

from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.commands.answer_cache import KeptAnswer
from scaffold.commands.run_check import _result
from scaffold.commands.speedups import check_reading
from scaffold.project.settings import load_settings
from tests.check.cached_runs import age, answer_path
from tests.check.trees import UNROUTED, write_tree


def _whole_run(root: Path, keep: bool) -> CheckResult:
    settings = load_settings(root)
    config = load_check_config(settings.project_root, settings.check_options, None, [], None)
    kept = KeptAnswer(answer_path(settings) if keep else None)
    return _result(settings, config, None, lambda _: check_reading(True), lambda _: kept)


def test_a_run_whose_answer_is_not_kept_gathers_no_basis(tmp_path: Path, cache_dir: Path) -> None:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    age(root, 60)
    unkept = _whole_run(root, keep=False)
    kept = _whole_run(root, keep=True)
    assert unkept.basis is None
    assert kept.basis is not None and kept.basis.leaves  # what an update after an edit needs
    assert (unkept.problems, unkept.unresolved) == (kept.problems, kept.unresolved)
    assert [p.symbol for p in kept.problems] == ["OrganizationAuditEndpoint"]
