"""A cache restored onto a fresh checkout (every file a new mtime, the same bytes) still holds:
files keep the key the caches know them by while their bytes are the same
(scaffold/commands/file_keys.py); other bytes, even of the same size, are read again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scaffold.commands.answer_cache import tree_state
from scaffold.commands.cache_files import write_json
from scaffold.commands.file_keys import FileKeys
from scaffold.project.settings import load_settings
from scaffold.pysource.tree import Tree
from tests.check.cached_runs import age, answer_path, doctor, report
from tests.check.trees import AUDIT, UNROUTED, write_tree


def _symbols(found: dict[str, object]) -> list[str]:
    return [p["symbol"] for p in found["problems"]]  # type: ignore[attr-defined]


def _messages(found: dict[str, object]) -> list[str]:
    return [p["message"] for p in found["problems"]]  # type: ignore[attr-defined]


def _tree(tmp_path: Path) -> Path:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    age(root, 120)
    return root


def _after_edit(
    root: Path, capsys: pytest.CaptureFixture[str], old: str, new: str
) -> dict[str, object]:
    """The cached report once `old` became `new` in the audit module and every mtime moved (a
    restored checkout with an edit), asserted to be what an uncached run reports."""
    module = root / AUDIT
    module.write_text(module.read_text().replace(old, new))
    age(root, 30)
    found = report(root, capsys, cached=True)
    assert found == report(root, capsys, cached=False)
    return found


def test_a_restored_checkout_gets_the_kept_answer(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(tmp_path)
    assert report(root, capsys, cached=True) == report(root, capsys, cached=False)
    doctor(root)
    age(root, 30)  # a fresh clone: every mtime new, every byte the same
    assert _messages(report(root, capsys, cached=True)) == ["kept"]
    assert _messages(report(root, capsys, cached=True)) == ["kept"]  # noted: nothing read now


def test_other_bytes_of_the_same_size_are_checked_again(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(tmp_path)
    report(root, capsys, cached=True)
    doctor(root)
    old, new = "OrganizationAuditEndpoint", "OrganizationAudxtEndpoint"
    assert len(new) == len(old) and old in (root / AUDIT).read_text()
    assert _symbols(_after_edit(root, capsys, old, new)) == [new]


def test_a_restored_checkout_with_an_edit_reports_as_an_uncached_run(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(tmp_path)
    report(root, capsys, cached=True)
    assert _symbols(_after_edit(root, capsys, "(OrganizationEndpoint)", "(object)")) == []


def test_a_file_changed_just_now_is_not_trusted_to_its_digest(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(tmp_path)
    report(root, capsys, cached=True)
    doctor(root)
    module = root / AUDIT
    os.utime(module)  # same bytes, mtime now: a second write may follow within the tick
    assert _messages(report(root, capsys, cached=True)) != ["kept"]


def test_file_keys_follow_bytes_not_mtimes(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    settings = load_settings(root)
    files = Tree(settings.project_root, settings.src_root).files()
    table = tmp_path / "keys.json"
    first = tree_state(files, FileKeys(table))
    assert first is not None
    FileKeys(table).save(set())  # nothing changed: nothing written
    assert not table.exists()
    keys = FileKeys(table)
    tree_state(files, keys)
    keys.save({f.relpath for f in files})
    age(root, 30)
    again = tree_state(files, FileKeys(table))
    assert again is not None and again[0] == first[0] and again[2] == first[2]
    module = next(f for f in files if f.relpath.endswith("organization_audit.py"))
    with open(module.path, "a") as handle:
        handle.write("\n")
    age(Path(module.path), 10)
    changed = tree_state(files, FileKeys(table))
    assert changed is not None and changed[2][module.relpath] != first[2][module.relpath]
    gone = FileKeys(table)
    gone.save({module.relpath})
    assert set(FileKeys(table).table) == {module.relpath}


@pytest.mark.parametrize(
    "lines",
    ["no tab here", "src/shop/api/urls.py\tx\ty\tz\tw", "src/shop/api/urls.py\t1\t2", ""],
    ids=["no-tab", "not-numbers", "too-few", "empty"],
)
def test_a_damaged_key_table_is_read_as_unknown_files(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str], lines: str
) -> None:
    root = _tree(tmp_path)
    first = report(root, capsys, cached=True)
    path = answer_path(load_settings(root)).with_suffix(".keys.json")
    write_json(path, {"format": 2, "lines": lines})
    age(root, 30)
    assert report(root, capsys, cached=True) == first == report(root, capsys, cached=False)
