"""An edit of leaf modules updates the kept answer from a PATHS-mode check of them
(scaffold/check/update.py): the report is the one a whole run gives, and the answer about the
rest of the tree is the kept one (a doctored message of another module survives the update). An
edit that could reach further (a base module, a new import, a URL marker) checks the whole tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.check.cached_runs import age, doctor, report
from tests.check.test_route_helpers import HELPER_URLS, NAMED
from tests.check.trees import AUDIT, STATS, UNROUTED, URLS, WIDGETS, write_tree

WIDGETS_PATH = "src/shop/api/endpoints/organization_widgets.py"
STATS_PATH = "src/shop/api/endpoints/organization_stats.py"
BASE_PATH = "src/shop/api/bases/organization.py"


def _tree(tmp_path: Path) -> Path:
    root = write_tree(tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED})
    age(root, 120)
    return root


def _doctor_audit(root: Path) -> None:
    """The kept unregistered-endpoint finding of the audit module says "kept"."""
    doctor(root, lambda p: p[0] == AUDIT and p[2] == "unregistered-endpoint")


def _edit(root: Path, relpath: str, old: str, new: str, seconds: float = 30) -> None:
    path = root / relpath
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))
    age(path, seconds)


def _by_path(found: dict[str, object]) -> dict[str, list[tuple[str, str]]]:
    grouped: dict[str, list[tuple[str, str]]] = {}
    for p in found["problems"]:  # type: ignore[attr-defined]
        grouped.setdefault(p["path"], []).append((p["rule"], p["message"]))
    return grouped


def _same_but_doctored(cached: dict[str, object], plain: dict[str, object]) -> None:
    """The cached report is the plain one, the audit finding's message aside (it says "kept")."""
    ours, theirs = _by_path(cached), _by_path(plain)
    ours[AUDIT].remove(("unregistered-endpoint", "kept"))
    theirs[AUDIT] = [(r, m) for r, m in theirs[AUDIT] if r != "unregistered-endpoint"]
    assert ours == theirs
    assert cached["endpoints"] == plain["endpoints"] and cached["routes"] == plain["routes"]
    assert cached.get("unresolved") == plain.get("unresolved")


def test_a_handler_edit_updates_the_answer_and_keeps_the_rest(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(tmp_path)
    assert report(root, capsys, cached=True) == report(root, capsys, cached=False)
    _doctor_audit(root)
    _edit(root, WIDGETS_PATH, "def get(self, request, organization):", "def get(self, request):")
    cached, plain = report(root, capsys, cached=True), report(root, capsys, cached=False)
    assert [rule for rule, _ in _by_path(plain)["src/shop/api/urls.py"]] == ["param-mismatch"]
    _same_but_doctored(cached, plain)
    _edit(root, WIDGETS_PATH, "def get(self, request):", "def get(self, request, organization):")
    cached, plain = report(root, capsys, cached=True), report(root, capsys, cached=False)
    assert "src/shop/api/urls.py" not in _by_path(plain)
    _same_but_doctored(cached, plain)


def test_two_leaves_edited_at_once_and_an_endpoint_no_longer_concrete(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(tmp_path)
    before = report(root, capsys, cached=True)
    _doctor_audit(root)
    _edit(root, WIDGETS_PATH, "    def get(self, request, organization):", "    def _get(self):")
    _edit(root, STATS_PATH, '"GET": "PRIVATE"', '"GET": "PUBLIC"')
    cached, plain = report(root, capsys, cached=True), report(root, capsys, cached=False)
    assert plain["endpoints"] == before["endpoints"] - 1  # type: ignore[operator]
    _same_but_doctored(cached, plain)


@pytest.mark.parametrize(
    ("relpath", "old", "new"),
    [
        (BASE_PATH, "def convert_args(self, request,", "def convert_args(self, request, extra,"),
        (WIDGETS_PATH, "from shop.api", "import os\nfrom shop.api"),  # its shape: imports
        (WIDGETS_PATH, "return None", "return None  # as_view"),  # a URL marker
        (WIDGETS_PATH, "return None", "return None\n\n\nclass Extra:\n    pass"),  # a class
    ],
    ids=["base-module", "new-import", "url-marker", "new-class"],
)
def test_an_edit_that_may_reach_further_checks_the_whole_tree(
    tmp_path: Path,
    cache_dir: Path,
    capsys: pytest.CaptureFixture[str],
    relpath: str,
    old: str,
    new: str,
) -> None:
    root = _tree(tmp_path)
    report(root, capsys, cached=True)
    _doctor_audit(root)
    _edit(root, relpath, old, new)
    cached, plain = report(root, capsys, cached=True), report(root, capsys, cached=False)
    assert cached == plain  # the doctored message is gone: the whole tree was checked


def test_an_edit_of_a_module_with_an_unrouted_endpoint_checks_the_whole_tree(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(tmp_path)
    report(root, capsys, cached=True)
    _doctor_audit(root)
    _edit(root, AUDIT, "def get(self, request, organization):", "def get(self, request, org):")
    cached, plain = report(root, capsys, cached=True), report(root, capsys, cached=False)
    assert cached == plain


def test_a_sequence_of_edits_always_reports_as_a_whole_run(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_tree(tmp_path / "p")
    age(root, 300)
    report(root, capsys, cached=True)
    texts = [
        (WIDGETS_PATH, WIDGETS.replace("organization):", "organization, extra):")),
        (STATS_PATH, STATS.replace("(self, request, organization)", "(self, request, **kw)")),
        (WIDGETS_PATH, "\n\n" + WIDGETS),
        (STATS_PATH, STATS.replace("def get", "def post")),
        (WIDGETS_PATH, WIDGETS.replace('owner = "ApiOwner.ISSUES"', "owner = None")),
        (STATS_PATH, STATS),
        (WIDGETS_PATH, WIDGETS),
    ]
    for step, (relpath, text) in enumerate(texts):
        path = root / relpath
        path.write_text(text.lstrip() if not text.startswith("\n\n") else text)
        age(path, 200 - step)
        assert report(root, capsys, cached=True) == report(root, capsys, cached=False)


def test_findings_in_the_edited_module_move_with_its_lines(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """missing-owner is reported at the class: the edit moves it, the kept one must go."""
    root = _tree(tmp_path)
    pyproject = root / "pyproject.toml"
    text = pyproject.read_text() if pyproject.exists() else ""
    pyproject.write_text(text + '\n[tool.scaffold.check]\nextend-select = ["missing-owner"]\n')
    age(root, 120)
    age(pyproject, 120)
    report(root, capsys, cached=True)
    _doctor_audit(root)
    _edit(root, WIDGETS_PATH, '    owner = "ApiOwner.ISSUES"\n', "")
    cached, plain = report(root, capsys, cached=True), report(root, capsys, cached=False)
    assert [rule for rule, _ in _by_path(plain)[WIDGETS_PATH]] == ["missing-owner"]
    _same_but_doctored(cached, plain)
    _edit(root, WIDGETS_PATH, "from shop", "\n\nfrom shop")
    cached, plain = report(root, capsys, cached=True), report(root, capsys, cached=False)
    _same_but_doctored(cached, plain)
    lines = [p["line"] for p in cached["problems"] if p["path"] == WIDGETS_PATH]  # type: ignore[attr-defined]
    assert lines == [p["line"] for p in plain["problems"] if p["path"] == WIDGETS_PATH]  # type: ignore[attr-defined]


UTIL = """
def shout(text):
    return text.upper()
"""


def test_an_edit_of_a_file_no_run_read_keeps_the_answer(
    tmp_path: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A module no check asks about (no endpoint, imported by none of them) is read for its
    class headers only: while they stay the same, the answer stays."""
    root = write_tree(
        tmp_path / "p", {"api/endpoints/organization_audit.py": UNROUTED, "utils.py": UTIL}
    )
    age(root, 120)
    report(root, capsys, cached=True)
    _doctor_audit(root)
    _edit(root, "src/shop/utils.py", "return text.upper()", "return text.upper() + '!'")
    cached, plain = report(root, capsys, cached=True), report(root, capsys, cached=False)
    _same_but_doctored(cached, plain)
    _edit(
        root,
        "src/shop/utils.py",
        "def shout",
        "\n\ndef whisper(text):\n    return text\n\n\ndef shout",
    )
    _same_but_doctored(report(root, capsys, cached=True), report(root, capsys, cached=False))


@pytest.mark.parametrize(
    ("relpath", "old", "new"),
    [
        (
            "src/shop/utils.py",
            "def shout",
            "class Shout(OrganizationEndpoint):\n    pass\n\n\ndef shout",
        ),
        ("src/shop/utils.py", "return text.upper()", "return text.as_view()"),
        ("src/shop/api/bases/__init__.py", "", "# re-exported: read by every check\n"),
    ],
    ids=["class-header", "url-marker", "asked-about"],
)
def test_an_edit_a_run_may_read_checks_the_whole_tree(
    tmp_path: Path,
    cache_dir: Path,
    capsys: pytest.CaptureFixture[str],
    relpath: str,
    old: str,
    new: str,
) -> None:
    reexported = UNROUTED.replace("shop.api.bases.organization import", "shop.api.bases import")
    root = write_tree(
        tmp_path / "p",
        {
            "api/endpoints/organization_audit.py": reexported,
            "api/bases/__init__.py": "from .organization import OrganizationEndpoint\n",
            "utils.py": UTIL,
        },
    )
    age(root, 120)
    report(root, capsys, cached=True)
    _doctor_audit(root)
    path = root / relpath
    path.write_text(new + path.read_text() if not old else path.read_text().replace(old, new))
    age(path, 30)
    assert report(root, capsys, cached=True) == report(root, capsys, cached=False)


# Edits a first version of the update got wrong (found by trying to break it): each ends with
# the report of a whole run.
def _one_line(urls: str) -> str:
    """`urls` with the organization list's entries joined on one line, the stats route taking a
    group its endpoint does not (a param-mismatch finding on that line)."""
    head, _, rest = urls.partition("ORGANIZATION_URLS = [\n")
    body, _, tail = rest.partition("\n]\n")
    joined = " ".join(line.strip() for line in body.splitlines())
    joined = joined.replace("/stats/$", "/stats/(?P<extra>[^/]+)/$")
    return f"{head}ORGANIZATION_URLS = [\n    {joined}\n]\n{tail}"


ONE_LINE = _one_line(URLS)
ALIASED = URLS.replace(
    "from shop.api.endpoints.organization_widgets import",
    "from shop.api.endpoints.organization_stats import OrganizationStatsEndpoint as Stats\n"
    "from shop.api.endpoints.organization_widgets import",
).replace(
    "\n]\n\nurlpatterns",
    """
    re_path(
        r"^(?P<organization_id_or_slug>[^/]+)/stats/(?P<extra>[^/]+)/$",
        Stats.as_view(),
        name="shop-api-0-organization-stats-extra",
    ),
]

urlpatterns""",
    1,
)
HIDDEN_BASE = """
from shop.api.bases.organization import OrganizationEndpoint


class OrganizationThingEndpoint(
    OrganizationEndpoint  # see (docs)
):
    def get(self, request, organization):
        return None
"""
STATS_CLASS = "class OrganizationStatsEndpoint(OrganizationEndpoint):"


@pytest.mark.parametrize(
    ("files", "relpath", "old", "new"),
    [
        ({"api/urls.py": ONE_LINE}, WIDGETS_PATH, "return None", "return 1"),
        (
            {"api/endpoints/gadgets.py": NAMED, "api/urls.py": HELPER_URLS},
            "src/shop/api/endpoints/gadgets.py",
            '"shop-api-0-gadget-base"',
            '"shop-api-0-organization-widgets"',
        ),
        (
            {"api/urls.py": ALIASED},
            STATS_PATH,
            "def get(self, request, organization)",
            "def get(self, request, organization, **kwargs)",
        ),
        (
            {},
            STATS_PATH,
            STATS_CLASS,
            "class OrganizationStatsEndpoint(\n    OrganizationEndpoint  # stats (see docs)\n):",
        ),
        (
            {"api/endpoints/thing.py": HIDDEN_BASE},
            WIDGETS_PATH,
            "from shop",
            "# OrganizationEndpoint as docs\nfrom shop",
        ),
    ],
    ids=[
        "two-routes-on-one-line",
        "a-helper-reads-the-class-name",
        "a-route-names-an-alias",
        "a-header-the-prefilter-reads-otherwise",
        "text-the-alias-prefilter-reads",
    ],
)
def test_edits_the_update_cannot_vouch_for_report_as_a_whole_run(
    tmp_path: Path,
    cache_dir: Path,
    capsys: pytest.CaptureFixture[str],
    files: dict[str, str],
    relpath: str,
    old: str,
    new: str,
) -> None:
    root = write_tree(tmp_path / "p", files)
    age(root, 120)
    assert report(root, capsys, cached=True) == report(root, capsys, cached=False)
    _edit(root, relpath, old, new)
    assert report(root, capsys, cached=True) == report(root, capsys, cached=False)
