"""The suggestion a refusal offers: the one name the typed one abbreviates word by word, else
the closest name, else none."""

from __future__ import annotations

import pytest

from scaffold.errors import did_you_mean

PERMISSIONS = ["SentryPermission", "OrganizationPermission", "OrganizationUserPermission"]


@pytest.mark.parametrize(
    ("typed", "choices", "suggested"),
    [
        ("OrgPermission", PERMISSIONS, "OrganizationPermission"),  # difflib alone: Sentry...
        ("org_id", ["organization_id", "project_id"], "organization_id"),
        ("titel", ["title", "slug"], "title"),  # no abbreviation: the closest
        ("OrgUserPerm", PERMISSIONS, "OrganizationUserPermission"),
    ],
)
def test_a_suggestion(typed: str, choices: list[str], suggested: str) -> None:
    assert did_you_mean(typed, choices) == f" (did you mean {suggested!r}?)"


def test_two_names_abbreviated_alike_fall_back_to_the_closest() -> None:
    choices = ["OrganizationPermission", "OrgaPermission"]
    assert did_you_mean("OrgPermission", choices) == " (did you mean 'OrgaPermission'?)"


def test_nothing_close_suggests_nothing() -> None:
    assert did_you_mean("Nope", ["GroupNotesEndpoint", "ProjectKeysEndpoint"]) == ""


def test_a_higher_cutoff_keeps_misspellings_and_abbreviations_only() -> None:
    names = ["user_id", "organization_slug"]
    assert did_you_mean("rule_id", names) == " (did you mean 'user_id'?)"
    assert did_you_mean("rule_id", names, cutoff=0.8) == ""
    assert did_you_mean("organisation_slug", names, cutoff=0.8) == (
        " (did you mean 'organization_slug'?)"
    )
    assert did_you_mean("org_slug", names, cutoff=0.8) == " (did you mean 'organization_slug'?)"


def test_the_endpoint_suffix_is_no_likeness() -> None:
    """`scaffold remove Gadgetz` offered `IndexEndpoint`: two names alike only in the suffix
    every endpoint class has are not close; a misspelt stem still is."""
    urls_names = ["IndexEndpoint", "re_path", "OrganizationDetailsEndpoint"]
    assert did_you_mean("GadgetzEndpoint", urls_names) == ""
    assert did_you_mean("OrganizationDetailEndpoint", urls_names) == (
        " (did you mean 'OrganizationDetailsEndpoint'?)"
    )
