"""Dashboards, scoped to an organization."""

from django.db import models

from acme.models.organization import Organization


class Dashboard(models.Model):
    """An organization-wide dashboard, addressed by id."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE)
    title = models.CharField(max_length=128)

    def __str__(self) -> str:
        return self.title
