"""Sentry's urls.py of late 2025 splices whole lists of other route modules into its own at
their end (`*preprod_urls.preprod_internal_urlpatterns,`): a new route goes above them, among
the file's own entries, as an engineer adds one; a route with a group crossing "/" still goes
last, after every path it could take from them."""

from __future__ import annotations

from tests.test_placement import HEADER, entry, patch, reg

SPLICES = "    *build_urls.build_internal_urlpatterns,\n    *notice_urls.internal_urlpatterns,\n"


def _internal(*entries: str) -> str:
    return (
        HEADER
        + "from acme.builds import urls as build_urls\n"
        + "from acme.notices import urls as notice_urls\n"
        + "\nINTERNAL_URLS = [\n"
        + "".join(entries)
        + SPLICES
        + "]\n\nurlpatterns = [\n"
        + '    re_path(r"^internal/", include(INTERNAL_URLS)),\n]\n'
    )


HEALTH = entry("^health/$", "HealthEndpoint", "acme-internal-health")
MAIL = entry("^mail/$", "MailEndpoint", "acme-internal-mail")


def test_a_route_sorted_last_goes_above_the_lists_spliced_in_at_the_end() -> None:
    after = patch(_internal(HEALTH, MAIL), reg("QueueDepthEndpoint", "internal/queue-depth/"))
    assert after.index("^mail/$") < after.index("^queue-depth/$") < after.index("*build_urls")
    assert SPLICES in after


def test_a_list_of_splices_alone_gets_its_first_route_above_them() -> None:
    after = patch(_internal(), reg("QueueDepthEndpoint", "internal/queue-depth/"))
    assert after.index("^queue-depth/$") < after.index("*build_urls")


def test_a_route_with_a_group_crossing_a_slash_still_goes_last() -> None:
    after = patch(_internal(HEALTH), reg("AnyInternalEndpoint", "internal/{path:.*}"))
    assert after.index("*notice_urls") < after.index("(?P<path>.*)$")


def test_a_route_with_a_group_crossing_a_slash_goes_after_splices_in_the_middle_too() -> None:
    # what a spliced list holds is not read here: the fallback takes no chance with it
    files = entry("^files/$", "FilesEndpoint", "acme-internal-files")
    source = _internal(files, "    *build_urls.build_internal_urlpatterns,\n", HEALTH)
    after = patch(source.replace(SPLICES, ""), reg("FileBlobEndpoint", "internal/files/{path:.*}"))
    assert after.index("*build_urls") < after.index("/(?P<path>.*)$")
