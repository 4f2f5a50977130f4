"""Sequences of edits after which a cached `scaffold check` once printed something else than an
uncached one (found by trying to break the caches): each now ends with the same report."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from scaffold.commands.cache_files import cache_path, digest, read_json, write_json
from scaffold.project.settings import load_settings
from scaffold.pysource.codec import CodecError, decode
from scaffold.pysource.tree import Tree
from tests.check.cached_runs import answer_path, report
from tests.check.trees import cache_body
from tests.helpers import EXAMPLE, copy_project

LONELY = """from acme.api.bases.project import ProjectEndpoint


class LonelyEndpoint(ProjectEndpoint):
    def get(self, request, project):
        return None
"""


def _report(root: Path, capsys: pytest.CaptureFixture[str], *, cached: bool) -> dict[str, object]:
    return report(root, capsys, cached=cached, explain=True)


def _same(root: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    """The cached report, asserted equal to the uncached one (twice: the second is kept)."""
    cached = _report(root, capsys, cached=True)
    assert cached == _report(root, capsys, cached=False)
    assert _report(root, capsys, cached=True) == cached
    return cached


def _age(root: Path, seconds: float = 60) -> None:
    then = time.time() - seconds
    for path in [root] if root.is_file() else root.rglob("*.py"):
        os.utime(path, (then, then))


def _project(tmp_path: Path) -> Path:
    return copy_project(EXAMPLE, tmp_path / "p")


def test_a_run_just_after_an_edit_keeps_no_candidates_of_that_edit(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The class loses its base, a check runs within the two-second window (its file is not
    kept), the base comes back: the endpoint is found again, and unregistered."""
    root = _project(tmp_path)
    lonely = root / "src/acme/api/endpoints/lonely.py"
    lonely.write_text(LONELY)
    _age(root)
    _same(root, capsys)
    lonely.write_text(LONELY.replace("(ProjectEndpoint)", "(object)"))  # mtime: now
    _report(root, capsys, cached=True)
    lonely.write_text(LONELY)
    _age(lonely, 30)
    report = _same(root, capsys)
    problems = report["problems"]
    assert [p["symbol"] for p in problems] == ["LonelyEndpoint"]  # type: ignore[attr-defined]


def test_a_module_turned_into_a_package_is_read_again(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`extra_urls.py` moved to `extra_urls/__init__.py` keeps its bytes, size and mtime, but
    its relative import now means another module."""
    root = _project(tmp_path)
    api = root / "src/acme/api"
    (api / "more_urls.py").write_text(
        "from django.urls import re_path\n\n"
        "from acme.api.endpoints.project_widgets import ProjectWidgetsEndpoint\n\n"
        'MORE_URLS = [\n    re_path(r"^more/$", ProjectWidgetsEndpoint.as_view(), '
        'name="acme-api-0-more"),\n]\n'
    )
    (api / "extra_urls.py").write_text(
        "from django.urls import include, re_path\n\nfrom .more_urls import MORE_URLS\n\n"
        'urlpatterns = [\n    re_path(r"^extra/", include(MORE_URLS)),\n]\n'
    )
    urls = api / "urls.py"
    text = urls.read_text()
    assert "urlpatterns = [\n" in text
    urls.write_text(
        text.replace(
            "urlpatterns = [\n",
            'urlpatterns = [\n    re_path(r"^x/", include("acme.api.extra_urls")),\n',
            1,
        )
    )
    _age(root)
    before = _same(root, capsys)
    (api / "extra_urls").mkdir()
    os.rename(api / "extra_urls.py", api / "extra_urls" / "__init__.py")
    after = _same(root, capsys)
    assert after != before  # the include of MORE_URLS is no longer followed


def test_another_urlconf_sees_a_changed_list_of_the_api_urls(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`other_urls.py` includes a list of the API urls.py that urlpatterns does not: a change
    to that list reaches the scan of other urlconfs."""
    root = _project(tmp_path)
    urls = root / "src/acme/api/urls.py"
    text = urls.read_text()
    entry = next(
        block + "    ),\n"
        for block in text.split("    ),\n")
        if "ProjectWidgetsEndpoint.as_view()" in block
    )
    entry = entry[entry.index("    re_path(") :]
    text = text.replace(entry, "").replace(
        "urlpatterns = [\n", "EXTRA_URLS = [\n" + entry + "]\n\nurlpatterns = [\n", 1
    )
    urls.write_text(text)
    (root / "src/acme/other_urls.py").write_text(
        "from django.urls import include, re_path\n\nfrom acme.api.urls import EXTRA_URLS\n\n"
        'urlpatterns = [\n    re_path(r"^other/", include(EXTRA_URLS)),\n]\n'
    )
    _age(root)
    assert _same(root, capsys)["problems"] == []
    urls.write_text(
        text.replace(
            "        ProjectWidgetsEndpoint.as_view(),",
            "        ProjectWidgetDetailsEndpoint.as_view(),",
            1,
        )
    )
    _age(urls, 30)
    problems = _same(root, capsys)["problems"]
    assert [p["symbol"] for p in problems] == ["ProjectWidgetsEndpoint"]  # type: ignore[attr-defined]


def test_runs_from_two_project_roots_keep_their_own_paths(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same source root checked as `--project ROOT` and `--project ROOT/src`: findings are
    relative to each project root, and ignore comments are found in both."""
    root = _project(tmp_path)
    urls = root / "src/acme/api/urls.py"
    text = urls.read_text()
    urls.write_text(
        text.replace('name="acme-api-0-project-details"', 'name="acme-api-0-dup"', 1).replace(
            'name="acme-api-0-project-widgets"', 'name="acme-api-0-dup"', 1
        )  # the same arguments (organization, project): reverse() tells them apart by no means
    )
    _age(root)
    outer = _same(root, capsys)
    inner = _same(root / "src", capsys)
    paths = {p["path"] for p in inner["problems"]}  # type: ignore[attr-defined]
    assert outer["problems"] and paths == {"acme/api/urls.py"}


@pytest.mark.parametrize(
    "value", [-1, None, [1], {"t": [1, 2]}, {"$": "Walked", "v": [1, 2, 3, 4, 5]}]
)
def test_a_re_framed_cache_of_foreign_shapes_is_dropped(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str], value: object
) -> None:
    """A cache rewritten by hand with a valid digest, every memo's answer replaced by a value
    the check never wrote: the run falls back to no cache (no traceback) and drops it; the next
    run writes it afresh."""
    root = _project(tmp_path)
    _age(root)
    expected = _same(root, capsys)
    settings = load_settings(root)
    main = cache_path(settings.project_root, settings.src_root)
    assert main is not None
    body = cache_body(main)
    assert body["memos"]
    for memo in body["memos"].values():
        memo[1] = value
    write_json(main, body)
    answer_path(settings).unlink()
    assert _report(root, capsys, cached=True) == expected
    assert not main.exists()  # dropped as a whole
    assert _report(root, capsys, cached=True) == expected
    assert cache_body(main)["memos"] != body["memos"]  # and written afresh by the next run


def test_a_module_beside_a_package_of_its_name_is_read_from_its_own_file(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`foo.py` and `foo/__init__.py` side by side (the package is the module, as Python imports
    it): the other file's bytes, read anew, are never taken for the module's."""
    root = _project(tmp_path)
    api = root / "src/acme/api"
    (api / "bases/mine.py").write_text("class Mine(object):\n    pass\n")
    (api / "endpoints/foo").mkdir()
    (api / "endpoints/foo/__init__.py").write_text(
        "from acme.api.bases.mine import Mine\n\n\nclass FooEndpoint(Mine):\n"
        "    def get(self, request, project):\n        return None\n"
    )
    (api / "endpoints/foo.py").write_text("class Other(object):\n    pass\n")
    _age(root)
    _same(root, capsys)
    (api / "bases/mine.py").write_text(
        "from acme.api.bases.project import ProjectEndpoint\n\n\n"
        "class Mine(ProjectEndpoint):\n    pass\n"
    )
    (api / "endpoints/foo.py").write_text("class Other(object):\n    x = 1\n")
    _age(api / "bases/mine.py", 30)
    _age(api / "endpoints/foo.py", 30)
    problems = _same(root, capsys)["problems"]
    assert [p["symbol"] for p in problems] == ["FooEndpoint"]  # type: ignore[attr-defined]
    assert problems[0]["path"] == "src/acme/api/endpoints/foo/__init__.py"  # type: ignore[index]


def test_a_package_is_the_module_beside_a_file_of_its_name(tmp_path: Path) -> None:
    """As Python imports them: `x/__init__.py` before `x.py`, after a walk and on disk."""
    src = tmp_path / "src"
    (src / "pkg/x").mkdir(parents=True)
    (src / "pkg/__init__.py").write_text("")
    (src / "pkg/x.py").write_text("A = 1\n")
    (src / "pkg/x/__init__.py").write_text("B = 1\n")
    on_disk = Tree(tmp_path, src).file_for("pkg.x")
    walked = Tree(tmp_path, src)
    walked.files()
    for found in (on_disk, walked.file_for("pkg.x")):
        assert found is not None and found.relpath == "src/pkg/x/__init__.py"


def test_entries_kept_without_the_candidates_leave_no_candidates_behind(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One run reads an edit older than two seconds (its entry is kept) and one made just now
    (so the candidates are not): the next run finds the candidates again."""
    root = _project(tmp_path)
    lonely = root / "src/acme/api/endpoints/lonely.py"
    lonely.write_text(LONELY.replace("(ProjectEndpoint)", "(object)"))
    _age(root)
    _same(root, capsys)
    lonely.write_text(LONELY)
    _age(lonely, 30)
    widget = root / "src/acme/models/widget.py"
    widget.write_text(widget.read_text() + "# touched\n")  # mtime: now
    _report(root, capsys, cached=True)
    _age(widget, 30)
    problems = _same(root, capsys)["problems"]
    assert [p["symbol"] for p in problems] == ["LonelyEndpoint"]  # type: ignore[attr-defined]


def test_re_framed_values_too_deep_or_too_far_are_refused(tmp_path: Path) -> None:
    """A body nested deeper than JSON's parser recurses is unread; a method said to start past
    any real module's last line is refused before its text is built."""
    deep = tmp_path / "deep.json"
    write_json(deep, {"format": 1, "x": []})
    text = deep.read_bytes().replace(b'"x":[]', b'"x":' + b"[" * 200_000 + b"]" * 200_000)
    body = text.partition(b"\n")[2]
    deep.write_bytes(b"scaffold " + digest(body).encode() + b"\n" + body)
    assert read_json(deep, 1) is None
    with pytest.raises(CodecError):
        decode({"#src": "def convert_args(self):\n    pass", "at": 10**10})
