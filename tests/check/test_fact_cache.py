"""The fact cache of `scaffold check` (scaffold/commands/fact_cache.py, tree_reading.py): a run
that takes what it can from the cache finds exactly what a plain run finds; a changed file is
read again; a damaged, foreign or hostile cache is ignored; a cache that cannot be written is
skipped; files changed in the last two seconds are not kept."""

from __future__ import annotations

import ast
import json
import os
import time
from pathlib import Path

import pytest

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import TreeReading, run_check
from scaffold.commands.cache_files import forget_older, write_json
from scaffold.commands.fact_cache import FactCache
from scaffold.commands.tree_reading import FastReading
from scaffold.project.settings import load_settings
from scaffold.pysource.codec import CodecError, decode, decode_module, encode, encode_module
from scaffold.pysource.tree import Tree
from scaffold.records import is_record, record_fields
from tests.check.trees import UNROUTED, cache_body, write_tree
from tests.helpers import EXAMPLE

FIXTURES = Path(__file__).parent.parent / "fixtures"
PROJECTS = [EXAMPLE, *sorted(p for p in FIXTURES.iterdir() if (p / "src").is_dir())]


def _age(root: Path, seconds: float = 60) -> None:
    """Every file older than the cache's two-second window for recent changes."""
    then = time.time() - seconds
    for path in root.rglob("*.py"):
        os.utime(path, (then, then))


def _check(root: Path, reading: TreeReading | None = None) -> CheckResult:
    settings = load_settings(root)
    config = load_check_config(settings.project_root, settings.check_options, None, [], None)
    return run_check(settings, config, None, reading or TreeReading())


def _roots(root: Path) -> tuple[Path, Path]:
    settings = load_settings(root)
    return settings.project_root, settings.src_root


def _fast() -> TreeReading:
    fast = FastReading()
    return TreeReading(fast.candidates, memo=fast.memo, start=fast.start, finish=fast.finish)


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("check-*.json"))


def test_a_warm_run_finds_what_a_plain_run_finds(tmp_path: Path, cache_dir: Path) -> None:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    _age(root)
    plain = _check(root)
    assert [p.symbol for p in plain.problems] == ["OrganizationAuditEndpoint"]
    assert _check(root, _fast()) == plain  # cold: reads everything, then keeps it
    kept = _cache_files(cache_dir)
    assert len(kept) == 1
    entries = cache_body(kept[0])["files"]
    assert "src/shop/api/endpoints/organization_audit.py" in entries
    before = kept[0].stat().st_mtime_ns
    assert _check(root, _fast()) == plain  # warm: from the cache
    assert kept[0].stat().st_mtime_ns == before  # nothing new to keep: not rewritten


def test_the_warm_run_parses_nothing(tmp_path: Path, cache_dir: Path) -> None:
    root = write_tree(tmp_path / "p")
    _age(root)
    _check(root, _fast())
    seen: list[Tree] = []
    fast = FastReading()
    reading = TreeReading(
        fast.candidates, memo=fast.memo, start=fast.start, finish=lambda tree: seen.append(tree)
    )
    _check(root, reading)
    assert seen and seen[0].parsed == []


def test_with_the_cache_off_no_file_is_looked_at_for_a_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SCAFFOLD_NO_CACHE: the fast reading finds what the plain one does, and stats no file for
    a cache key nothing will ask for (a cold check's every file, before the fork)."""
    monkeypatch.setenv("SCAFFOLD_NO_CACHE", "1")
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    fast = FastReading()
    reading = TreeReading(fast.candidates, memo=fast.memo, start=fast.start, finish=fast.finish)
    assert _check(root, reading) == _check(root)
    assert fast.keys == {}


def test_a_changed_file_is_read_again(tmp_path: Path, cache_dir: Path) -> None:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    _age(root)
    assert len(_check(root, _fast()).problems) == 1
    audit = root / "src/shop/api/endpoints/organization_audit.py"
    audit.write_text(UNROUTED.replace("OrganizationAuditEndpoint(OrganizationEndpoint)", "Plain"))
    then = time.time() - 30  # a new mtime, still outside the recent window
    os.utime(audit, (then, then))
    assert _check(root, _fast()).problems == []
    assert _check(root, _fast()) == _check(root)


def test_a_file_changed_just_now_is_not_kept(tmp_path: Path, cache_dir: Path) -> None:
    root = write_tree(tmp_path / "p")
    _age(root)
    audit = root / "src/shop/api/endpoints/organization_audit.py"
    audit.write_text(UNROUTED)  # mtime: now
    _check(root, _fast())
    entries = cache_body(_cache_files(cache_dir)[0])["files"]
    assert "src/shop/api/endpoints/organization_audit.py" not in entries
    assert "src/shop/api/base.py" in entries


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        '{"format": 1, "files": []}',
        '{"format": 99, "files": {}}',
        # entries of the right keys but hostile or wrong values: a record of a foreign class,
        # a syntax node that is not one, a header that is not a pair of strings
        '{"format": 5, "files": {"src/shop/api/base.py": [0, 0, [["A", 1]], [], [], null]}}',
    ],
)
@pytest.mark.parametrize("framed", [False, True], ids=["raw", "with-its-digest"])
def test_a_damaged_cache_is_ignored(
    tmp_path: Path, cache_dir: Path, text: str, framed: bool
) -> None:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    _age(root)
    _check(root, _fast())
    (path,) = _cache_files(cache_dir)
    if framed and text.startswith("{"):
        write_json(path, json.loads(text))  # well framed: the format and shapes are checked
    else:
        path.write_text(text)
    assert _check(root, _fast()) == _check(root)


def test_a_cache_edited_without_its_digest_is_not_read(tmp_path: Path, cache_dir: Path) -> None:
    """Valid JSON of the right format, but not the bytes that were written: unread as a whole
    (a memo's answer changed this way once crashed the check or invented findings)."""
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    _age(root)
    _check(root, _fast())
    (path,) = _cache_files(cache_dir)
    head, _, body = path.read_bytes().partition(b"\n")
    memos = json.loads(body)["memos"]
    assert memos
    edited = json.loads(body)
    for memo in edited["memos"].values():
        memo[1] = -1
    path.write_bytes(head + b"\n" + json.dumps(edited).encode())
    assert FactCache.open(*_roots(root)).entries == {}
    assert _check(root, _fast()) == _check(root)


def test_hostile_entries_for_the_real_keys_are_refused(tmp_path: Path, cache_dir: Path) -> None:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    _age(root)
    _check(root, _fast())
    (path,) = _cache_files(cache_dir)
    body = cache_body(path)
    for entry in body["files"].values():
        if len(entry) == 6 and entry[5] is not None:
            entry[5] = {"$": "Popen", "v": [["sh", "-c", "touch pwned"]]}
    write_json(path, body)  # well framed: the codec must refuse it
    assert _check(root, _fast()) == _check(root)
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()
    for hostile in ({"$": "Popen", "v": []}, {"#": "system"}, {"#": "AST"}, {"x": 1}, 3j):
        with pytest.raises(CodecError):
            decode(hostile)


@pytest.mark.parametrize("header", [["A", 1], "AB", 7, ["A", ["B"]]])
def test_damaged_headers_of_fresh_entries_are_read_again(
    tmp_path: Path, cache_dir: Path, header: object
) -> None:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    _age(root)
    _check(root, _fast())
    (path,) = _cache_files(cache_dir)
    body = cache_body(path)
    for entry in body["files"].values():
        if entry[2]:
            entry[2] = [header]
    write_json(path, body)
    assert _check(root, _fast()) == _check(root)
    assert _check(root, _fast()) == _check(root)  # and the cache was written afresh


def test_a_cache_that_cannot_be_written_is_skipped(tmp_path: Path, cache_dir: Path) -> None:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    _age(root)
    cache_dir.parent.mkdir(exist_ok=True)
    cache_dir.write_text("a file where the folder should be")
    assert _check(root, _fast()) == _check(root)


@pytest.mark.parametrize("root", PROJECTS, ids=lambda p: p.name)
def test_every_module_read_survives_the_round_trip(root: Path) -> None:
    settings = load_settings(root)
    tree = Tree(settings.project_root, settings.src_root)
    methods = 0
    for source in tree.files():
        info = tree.info(source.module)
        back = decode(json.loads(json.dumps(encode(info))))
        assert _same(info, back), source.relpath
        data = tree.data(source.module)
        as_text = json.dumps(encode(info, data))  # methods kept as their text
        methods += as_text.count('"#src"')
        assert _same(info, decode(json.loads(as_text))), source.relpath
        compact = json.dumps(encode_module(info, data))  # the fact cache's form
        assert _same(info, decode_module(json.loads(compact))), source.relpath
        assert '"$"' not in compact  # no tagged records: plain lists
    assert methods  # every shape has a convert_args somewhere


def test_what_a_handler_takes_by_position_survives_the_fact_cache() -> None:
    """The fact cache's compact form kept a handler's parameters but not that some are given
    by position only, nor its `*args`: a cached run judged them otherwise than an uncached."""
    from scaffold.pysource.modules import read_module

    data = b"class X:\n    def get(self, request, a, /, b, *args):\n        pass\n"
    info = read_module(data, "m", "m.py", False)
    assert info is not None
    signature = info.classes["X"].methods["get"]
    assert (signature.positional_only, signature.var_positional) == (1, True)
    back = decode_module(json.loads(json.dumps(encode_module(info, data))))
    assert back is not None and _same(info, back)


@pytest.mark.parametrize(
    "damaged",
    [{"$": "ModuleInfo", "v": []}, ["m", "m.py", [], [], [], []], ["m", "m.py", {}, [7], [], []]],
)
def test_module_facts_of_other_shapes_are_refused(damaged: object) -> None:
    with pytest.raises((CodecError, TypeError, ValueError)):
        decode_module(damaged)


def _same(a: object, b: object) -> bool:
    if isinstance(a, ast.AST):
        return isinstance(b, ast.AST) and ast.dump(a, include_attributes=True) == ast.dump(
            b, include_attributes=True
        )
    if is_record(a):
        return type(a) is type(b) and all(
            _same(getattr(a, name), getattr(b, name)) for name in record_fields(a)
        )
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    return type(a) is type(b) and a == b


def test_the_cache_is_kept_outside_the_project(tmp_path: Path, cache_dir: Path) -> None:
    root = write_tree(tmp_path / "p")
    _age(root)
    _check(root, _fast())
    assert _cache_files(cache_dir)
    assert not [p for p in root.rglob("*") if "cache" in p.name]
    assert FactCache.open(*_roots(root)).entries


AUDIT_URLS = """
from django.urls import re_path

from shop.api.endpoints.organization_audit import OrganizationAuditEndpoint

urlpatterns = [
    re_path(r"^audit/$", OrganizationAuditEndpoint.as_view(), name="audit"),
]
"""


def _touch(path: Path, text: str, seconds_ago: float = 30) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    then = time.time() - seconds_ago
    os.utime(path, (then, then))


def test_kept_walks_follow_the_modules_they_read(tmp_path: Path, cache_dir: Path) -> None:
    """The route walk and the scan of other urlconfs are kept with the modules they read: a
    change to an included module, a new urlconf, or a urlconf gone is seen."""
    audit_urls = "src/shop/api/audit_urls.py"
    root = write_tree(
        tmp_path / "p",
        {
            "api/endpoints/organization_audit.py": UNROUTED,
            "api/audit_urls.py": AUDIT_URLS,
            "api/urls.py": URLS_INCLUDING_AUDIT,
        },
    )
    _age(root)
    assert _check(root, _fast()) == _check(root)
    assert _check(root, _fast()).problems == []  # warm, from the kept walk
    # the included module changes: the audit route goes, the class is unrouted again
    _touch(root / audit_urls, AUDIT_URLS.replace('    re_path(r"^audit/$", ', "    # "))
    assert [p.symbol for p in _check(root, _fast()).problems] == ["OrganizationAuditEndpoint"]
    assert _check(root, _fast()) == _check(root)
    # a urlconf of its own appears elsewhere (a test urlconf): the class is served again
    _touch(root / "src/shop/testutils/urlconf.py", AUDIT_URLS)
    assert _check(root, _fast()).problems == []
    assert _check(root, _fast()) == _check(root)
    # and goes
    (root / "src/shop/testutils/urlconf.py").unlink()
    assert [p.symbol for p in _check(root, _fast()).problems] == ["OrganizationAuditEndpoint"]


URLS_INCLUDING_AUDIT = """
from django.urls import include, re_path

from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint
from shop.api.endpoints.organization_widgets import OrganizationWidgetsEndpoint

urlpatterns = [
    re_path(
        r"^organizations/(?P<organization_id_or_slug>[^/]+)/widgets/$",
        OrganizationWidgetsEndpoint.as_view(),
        name="shop-api-0-organization-widgets",
    ),
    re_path(
        r"^organizations/(?P<organization_id_or_slug>[^/]+)/stats/$",
        OrganizationStatsEndpoint.as_view(),
        name="shop-api-0-organization-stats",
    ),
    re_path(r"^organizations/(?P<organization_id_or_slug>[^/]+)/", include("shop.api.audit_urls")),
]
"""


def test_a_warm_run_parses_no_url_module(
    tmp_path: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scaffold.pysource import urlreading

    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    _age(root)
    cold = _check(root, _fast())
    parsed: list[str] = []
    original = getattr(urlreading, "parse_url_module")  # noqa: B009 - imported there

    def counting(data: bytes, module: str, relpath: str, is_package: bool) -> object:
        parsed.append(module)
        return original(data, module, relpath, is_package)

    monkeypatch.setattr(urlreading, "parse_url_module", counting)
    assert _check(root, _fast()) == cold
    assert parsed == []
    assert _check(root) == cold and parsed  # the plain reading does parse them


def test_a_file_gone_is_seen(tmp_path: Path, cache_dir: Path) -> None:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    _age(root)
    assert len(_check(root, _fast()).problems) == 1
    assert len(_check(root, _fast()).problems) == 1  # warm: the kept candidates
    (root / "src/shop/api/endpoints/organization_audit.py").unlink()
    assert _check(root, _fast()).problems == []
    assert _check(root, _fast()) == _check(root)


def test_kept_parameter_answers_follow_the_ancestry(tmp_path: Path, cache_dir: Path) -> None:
    """param-mismatch is kept with the modules defining each endpoint's ancestry: a handler or
    a base's convert_args changed is seen."""
    root = write_tree(tmp_path / "p")
    _age(root)
    assert _check(root, _fast()).problems == []
    assert _check(root, _fast()).problems == []  # warm
    widgets = root / "src/shop/api/endpoints/organization_widgets.py"
    _touch(
        widgets,
        widgets.read_text().replace(
            "def get(self, request, organization)", "def get(self, request)"
        ),
    )
    assert [p.rule for p in _check(root, _fast()).problems] == ["param-mismatch"]
    assert _check(root, _fast()) == _check(root)
    base = root / "src/shop/api/bases/organization.py"
    _touch(base, base.read_text().replace('kwargs["organization"] = organization_id_or_slug\n', ""))
    assert _check(root, _fast()) == _check(root)
    # nothing injected now: widgets' get(request) fits, stats' get(request, organization) not
    problems = _check(root, _fast()).problems
    assert [p.symbol for p in problems] == ["shop-api-0-organization-stats"]


def test_kept_routing_answers_follow_the_routes(tmp_path: Path, cache_dir: Path) -> None:
    """unreachable-route and dead-pattern are a function of the routes: kept under a key made of
    them, so a route moved or mended is seen."""
    shadowed = URLS_INCLUDING_AUDIT.replace(
        "urlpatterns = [\n",
        'urlpatterns = [\n    re_path(r"^organizations/(?P<organization_id_or_slug>[^/]+)/'
        'widgets/$", OrganizationStatsEndpoint.as_view(), name="first"),\n',
    )
    root = write_tree(
        tmp_path / "p",
        {"api/endpoints/organization_audit.py": UNROUTED, "api/audit_urls.py": AUDIT_URLS},
    )
    urls = root / "src/shop/api/urls.py"
    _touch(urls, shadowed)
    _age(root)
    rules = [p.rule for p in _check(root, _fast()).problems]
    assert rules == [p.rule for p in _check(root, _fast()).problems] == ["unreachable-route"]
    _touch(urls, shadowed.replace("widgets/$", "dead/$x"))
    assert [p.rule for p in _check(root, _fast()).problems] == ["dead-pattern"] * 2
    assert _check(root, _fast()) == _check(root)


def test_the_cache_keeps_the_source_roots_used_most_recently(tmp_path: Path) -> None:
    """A checkout copied for each CI run or benchmark leaves a root never checked again: past
    `keep` roots, the files of those used least recently go (the one written never)."""
    folder = tmp_path / "cache"
    folder.mkdir()
    roots = [f"check-{i:02x}{'0' * 16}" for i in range(5)]
    for age, root in enumerate(roots):
        for name in (f"{root}{'1' * 18}.json", f"{root}{'1' * 18}.answer.json"):
            (folder / name).write_text("{}")
            os.utime(folder / name, (1_000_000 + age, 1_000_000 + age))
    forget_older(folder / f"{roots[0]}{'1' * 18}.json", keep=3)
    left = sorted({p.name[: len(roots[0])] for p in folder.glob("*.json")})
    assert left == sorted([roots[0], roots[3], roots[4]])  # the oldest, being written, stays
