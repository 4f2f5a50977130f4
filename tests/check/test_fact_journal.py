"""The fact cache's journal and its kept candidates (scaffold/commands/fact_cache.py,
tree_reading.py): a run that changed a few entries writes them to a small journal, not the whole
cache; the next run reads them back; a journal of another main file is never read; past its
limit the main file is written whole. A touched file whose class headers did not change keeps
the candidate modules; one whose headers changed finds them again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import TreeReading, run_check
from scaffold.commands import cache_files, fact_cache, tree_reading
from scaffold.project.settings import load_settings
from scaffold.pysource.candidates import reachable_modules
from scaffold.pysource.tree import Tree
from tests.check.trees import AUDIT, UNROUTED, cache_body, write_tree


def _set_mtime(path: Path, seconds_ago: float) -> None:
    then = time.time() - seconds_ago
    os.utime(path, (then, then))


def _tree(tmp_path: Path) -> Path:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    for path in root.rglob("*.py"):
        _set_mtime(path, 60)
    return root


def _check(root: Path, fast: bool = True) -> tuple[CheckResult, list[str]]:
    """The result, and the modules this run parsed (not taken from the cache)."""
    settings = load_settings(root)
    config = load_check_config(settings.project_root, settings.check_options, None, [], None)
    if not fast:
        return run_check(settings, config, None), []
    reader = tree_reading.FastReading()
    seen: list[Tree] = []

    def finish(tree: Tree) -> None:
        seen.append(tree)
        reader.finish(tree)

    reading = TreeReading(reader.candidates, memo=reader.memo, start=reader.start, finish=finish)
    result = run_check(settings, config, None, reading)
    return result, list(seen[0].parsed)


def _paths(root: Path) -> tuple[Path, Path]:
    settings = load_settings(root)
    main = cache_files.cache_path(settings.project_root, settings.src_root)
    assert main is not None
    return main, main.with_suffix(".journal.json")


def test_a_touched_file_goes_to_the_journal(tmp_path: Path, cache_dir: Path) -> None:
    root = _tree(tmp_path)
    _check(root)
    main, journal = _paths(root)
    written = main.read_bytes()
    assert not journal.exists()
    (root / AUDIT).write_text(UNROUTED.replace("def get", "def post"))
    _set_mtime(root / AUDIT, 30)
    result, parsed = _check(root)
    assert parsed == ["shop.api.endpoints.organization_audit"]
    assert main.read_bytes() == written  # the main file is not rewritten
    assert AUDIT in cache_body(journal)["files"]
    again, parsed = _check(root)  # the journal is read back: nothing to parse
    assert parsed == [] and again == result == _check(root, fast=False)[0]


def test_a_journal_of_another_main_file_is_not_read(tmp_path: Path, cache_dir: Path) -> None:
    root = _tree(tmp_path)
    _check(root)
    _main, journal = _paths(root)
    (root / AUDIT).write_text(UNROUTED.replace("def get", "def post"))
    _set_mtime(root / AUDIT, 30)
    _check(root)
    body = cache_body(journal)
    body["base"] = "another"
    cache_files.write_json(journal, body)
    result, parsed = _check(root)
    assert parsed == ["shop.api.endpoints.organization_audit"]  # its entry was not taken
    assert result == _check(root, fast=False)[0]


def test_past_its_limit_the_main_file_is_written_whole(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _tree(tmp_path)
    _check(root)
    main, journal = _paths(root)
    token = cache_body(main)["token"]
    monkeypatch.setattr(fact_cache, "_JOURNAL_LIMIT", 0)
    _set_mtime(root / AUDIT, 30)
    _check(root)
    body = cache_body(main)
    assert not journal.exists() and body["token"] != token
    assert body["files"][AUDIT][0] == (root / AUDIT).stat().st_mtime_ns


@pytest.mark.parametrize("edit", ["touch", "body", "header"])
def test_candidates_are_found_again_only_when_headers_change(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, edit: str
) -> None:
    root = _tree(tmp_path)
    _check(root)
    calls: list[int] = []

    def counted(*args: object, **kwargs: object) -> list[str]:
        calls.append(1)
        return reachable_modules(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(tree_reading, "reachable_modules", counted)
    audit = root / AUDIT
    if edit == "body":
        audit.write_text(UNROUTED.replace("return None", "return []"))
    elif edit == "header":  # a second endpoint class: another candidate may follow
        audit.write_text(UNROUTED + UNROUTED.replace("AuditEndpoint", "AuditLogEndpoint"))
    _set_mtime(audit, 30)
    result, _ = _check(root)
    assert len(calls) == (1 if edit == "header" else 0)
    assert result == _check(root, fast=False)[0]
    expected = ["OrganizationAuditEndpoint"]
    if edit == "header":
        expected.append("OrganizationAuditLogEndpoint")
    assert sorted(p.symbol for p in result.problems) == expected
