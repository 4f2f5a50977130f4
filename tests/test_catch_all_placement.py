"""A route whose group crosses "/" (`{path:.*}`) answers every path below its prefix: placed
before an entry that answers some of those paths, it would take them from that entry, which
`check` cannot see (the entry still answers others). scaffold places it after every entry of
its list it shares a path with, so no path an existing route answers changes hands (one below
an entry answering all of the new route's paths has none to lose)."""

from __future__ import annotations

from tests.test_placement import HEADER, ORG, entry, patch, reg

FILES = "organizations/{organization_id_or_slug}/files/{path:.*}"


def _org_list(*entries: str) -> str:
    return (
        HEADER
        + "\nORGANIZATION_URLS = [\n"
        + "".join(entries)
        + "]\n\nurlpatterns = [\n"
        + '    re_path(r"^organizations/", include(ORGANIZATION_URLS)),\n]\n'
    )


ITEM = entry(f"^{ORG}/(?P<kind>[^/]+)/(?P<item_id>\\d+)/$", "OrgItemEndpoint", "acme-org-item")
ALERTS = entry(f"^{ORG}/alerts/$", "OrgAlertsEndpoint", "acme-org-alerts")
ZEBRA = entry(f"^{ORG}/zebra/$", "OrgZebraEndpoint", "acme-org-zebra")


def test_a_catch_all_group_goes_after_an_entry_it_would_take_some_paths_from() -> None:
    # organizations/acme/files/12/ is OrgItemEndpoint's today; above it, the new route takes it
    after = patch(_org_list(ALERTS, ITEM, ZEBRA), reg("OrgFileBlobEndpoint", FILES))
    assert after.index("(?P<item_id>") < after.index("/files/(?P<path>.*)$")


def test_a_catch_all_group_sharing_no_path_keeps_its_place() -> None:
    # zebra/ is not below files/: the new route stays in alphabetical order, above it
    after = patch(_org_list(ALERTS, ZEBRA), reg("OrgFileBlobEndpoint", FILES))
    assert after.index("/alerts/$") < after.index("/files/(?P<path>.*)$") < after.index("zebra")


def test_a_route_without_a_catch_all_group_still_goes_above_the_wider_entry() -> None:
    route = "organizations/{organization_id_or_slug}/files/recent/"
    after = patch(_org_list(ALERTS, ITEM, ZEBRA), reg("OrgFileRecentEndpoint", route))
    assert after.index("/files/recent/$") < after.index("(?P<item_id>")


def test_an_entry_below_one_answering_all_of_it_keeps_nothing_it_could_lose() -> None:
    # the wider entry answers organizations/acme/files/12/ before the item entry can: the new
    # route goes above the wider one (as any narrower route does), and the item loses nothing
    wide = entry(f"^{ORG}/(?P<section>[a-z]+)/(?P<rest>.*)$", "OrgSectionEndpoint", "acme-sec")
    after = patch(_org_list(ALERTS, wide, ITEM), reg("OrgFileBlobEndpoint", FILES))
    assert after.index("/alerts/$") < after.index("/files/(?P<path>.*)$")
    assert after.index("/files/(?P<path>.*)$") < after.index("(?P<rest>.*)$")
