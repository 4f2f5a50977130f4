"""The kept whole-tree answer (scaffold/commands/answer_cache.py): a run on an unchanged tree
prints what the last run found (a file touched, its bytes the same, too:
test_restored_cache.py); an edited, added or removed file, another setting, a damaged or
hostile answer file, or a file changed in the last two seconds makes the check run again."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from scaffold.commands.answer_cache import fingerprint
from scaffold.commands.cache_files import cache_path, write_json
from scaffold.project.settings import load_settings
from tests.check.cached_runs import answer_path, report
from tests.check.trees import AUDIT, UNROUTED, cache_body, write_tree


def _age(path: Path, seconds: float = 60) -> None:
    then = time.time() - seconds
    for each in [path] if path.is_file() else path.rglob("*.py"):
        os.utime(each, (then, then))


def _run(root: Path, capsys: pytest.CaptureFixture[str], *, kept: bool = True) -> dict[str, object]:
    return report(root, capsys, cached=kept)


def _symbols(report: dict[str, object]) -> list[str]:
    return [p["symbol"] for p in report["problems"]]  # type: ignore[attr-defined]


def _doctor(root: Path, message: str) -> None:
    """Change the kept answer's message: a run that prints it took the kept answer."""
    path = answer_path(load_settings(root))
    body = cache_body(path)
    body["problems"][0][4] = message
    write_json(path, body)


def _tree(tmp_path: Path) -> Path:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    _age(root)
    return root


def test_an_unchanged_tree_gets_the_kept_answer(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(tmp_path)
    plain = _run(root, capsys, kept=False)
    assert _symbols(plain) == ["OrganizationAuditEndpoint"]
    assert _run(root, capsys) == plain  # computed, then kept
    _doctor(root, "kept")
    again = _run(root, capsys)
    assert [p["message"] for p in again["problems"]] == ["kept"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("change", ["edit", "add", "remove", "setting"])
def test_any_change_runs_the_check_again(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    root = _tree(tmp_path)
    _run(root, capsys)
    _doctor(root, "kept")
    audit = root / AUDIT
    if change == "edit":
        audit.write_text(UNROUTED.replace("def get", "def post"))
        _age(audit, 30)
    elif change == "add":
        other = root / "src/shop/api/endpoints/organization_other.py"
        other.write_text(UNROUTED.replace("Audit", "Other"))
        _age(other, 30)
    elif change == "remove":
        audit.unlink()
    else:
        pyproject = root / "pyproject.toml"
        text = pyproject.read_text() if pyproject.exists() else ""
        pyproject.write_text(text + '\n[tool.scaffold.check]\nselect = ["unknown-view"]\n')
    report = _run(root, capsys)
    assert "kept" not in json.dumps(report)
    assert report == _run(root, capsys, kept=False)


def test_a_file_changed_just_now_keeps_no_answer(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(tmp_path)
    (root / AUDIT).write_text(UNROUTED)  # mtime: now
    _run(root, capsys)
    assert not answer_path(load_settings(root)).exists()


@pytest.mark.parametrize(
    "damage",
    [
        "not json",
        "[]",
        '{"format": 99}',
        # the right key and state, wrong values: a problem with a missing field, a line as text
        "short-problem",
        "line-as-text",
    ],
)
def test_a_damaged_answer_is_ignored(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str], damage: str
) -> None:
    root = _tree(tmp_path)
    plain = _run(root, capsys)
    path = answer_path(load_settings(root))
    if damage in ("short-problem", "line-as-text"):
        body = cache_body(path)
        problem = body["problems"][0]
        body["problems"][0] = problem[:3] if damage == "short-problem" else [problem[0], "9"]
        write_json(path, body)  # well framed: the shapes are checked
    else:
        path.write_text(damage)
    assert _run(root, capsys) == plain


def test_the_fingerprint_is_the_same_in_every_process() -> None:
    """Sets are spelled sorted: a fingerprint does not depend on the hash seed."""
    first = fingerprint({"b", "a", "c"}, frozenset({"z", "y"}), {"k": Path("/x")})
    assert first == fingerprint({"c", "a", "b"}, frozenset({"y", "z"}), {"k": Path("/x")})
    assert first is not None and first.index("'a'") < first.index("'b'") < first.index("'c'")
    assert fingerprint(object()) is None  # not spelled: nothing is kept


def test_older_caches_of_the_same_root_are_deleted(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(tmp_path)
    settings = load_settings(root)
    path = cache_path(settings.project_root, settings.src_root)
    assert path is not None
    cache_dir.mkdir(parents=True)
    older = path.with_name(path.name[: -len("0123456789abcdef01.json")] + "0" * 18 + ".json")
    other_root = cache_dir / "check-ffffffffffffffffff000000000000000000.json"
    for stale in (older, older.with_suffix(".answer.json"), other_root):
        stale.write_text("{}")
    _run(root, capsys)
    assert path.exists() and not older.exists()
    assert not older.with_suffix(".answer.json").exists()
    assert other_root.exists()  # another source root's cache stays
