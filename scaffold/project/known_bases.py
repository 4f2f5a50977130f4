"""The parameters and objects of Sentry's most used bases, standing in for a chain not read."""

from __future__ import annotations

from scaffold.pysource.convert_args import KnownBase

# Used only when a known base is found but its convert_args cannot be read (e.g. it comes from a
# mixin outside the scanned modules). Alternatives cover the old `*_slug` parameter names.
KNOWN_BASES: dict[str, KnownBase] = {
    "OrganizationEndpoint": (
        (frozenset({"organization_id_or_slug", "organization_slug"}),),
        ("organization",),
    ),
    "ProjectEndpoint": (
        (
            frozenset({"organization_id_or_slug", "organization_slug"}),
            frozenset({"project_id_or_slug", "project_slug"}),
        ),
        ("project",),
    ),
    "TeamEndpoint": (
        (
            frozenset({"organization_id_or_slug", "organization_slug"}),
            frozenset({"team_id_or_slug", "team_slug"}),
        ),
        ("team",),
    ),
}
