"""bench_forward's reading of two snapshots: the entries the later one adds to lists the earlier
one has, each with the entries around it that both have (the gap its engineers chose)."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from bench.bench_fidelity import entries, list_prefixes
from bench.bench_forward import added_entries, module_to_write
from scaffold.urls.index import UrlsIndex

OLD = dedent("""\
    from django.urls import include, re_path

    ORG = [
        re_path(r"^(?P<org>[^/]+)/alpha/$", AlphaEndpoint.as_view()),
        re_path(r"^(?P<org>[^/]+)/delta/$", DeltaEndpoint.as_view()),
    ]
    urlpatterns = [re_path(r"^organizations/", include(ORG))]
    """)

# the later snapshot spells the segment `[^\\/]+`: the same entries, and two new ones, one of
# them in a list the earlier snapshot has not
NEW = dedent("""\
    from django.urls import include, re_path

    ORG = [
        re_path(r"^(?P<org>[^\\/]+)/alpha/$", AlphaEndpoint.as_view()),
        re_path(r"^(?P<org>[^\\/]+)/beta/$", BetaEndpoint.as_view()),
        re_path(r"^(?P<org>[^\\/]+)/delta/$", DeltaEndpoint.as_view()),
    ]
    TEAM = [re_path(r"^(?P<team>[^\\/]+)/$", TeamEndpoint.as_view())]
    urlpatterns = [
        re_path(r"^organizations/", include(ORG)),
        re_path(r"^teams/", include(TEAM)),
    ]
    """)


def test_the_added_entry_and_its_gap() -> None:
    index = UrlsIndex(NEW, "urls.py", "acme", "acme.api.urls")
    found, untried = added_entries(entries(OLD), entries(NEW), list_prefixes(index))
    assert [(a.entry.class_name, a.route) for a in found] == [
        ("BetaEndpoint", "organizations/{org}/beta/")
    ]
    (beta,) = found
    assert beta.before is not None and beta.before[1] == "AlphaEndpoint"
    assert beta.after is not None and beta.after[1] == "DeltaEndpoint"
    assert not beta.known_class
    assert untried == {"a list OLD does not have": 1}


def test_a_new_class_is_written_into_its_module_where_the_package_is(tmp_path: Path) -> None:
    package = tmp_path / "acme" / "pulse" / "endpoints"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "checks.py").write_text("")
    module = "acme.pulse.endpoints.check_stats"
    assert module_to_write(tmp_path, module) == module
    assert module_to_write(tmp_path, "acme.pulse.endpoints.checks") is None  # would replace it
    assert module_to_write(tmp_path, "acme.pulse.endpoints") is None  # a re-exporting package
    assert module_to_write(tmp_path, "acme.beat.endpoints.check_stats") is None  # no package
    assert module_to_write(tmp_path, None) is None
