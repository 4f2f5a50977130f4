"""Organizations and the users who belong to them."""

from django.conf import settings
from django.db import models


class Organization(models.Model):
    """A tenant: the top-level owner of projects and dashboards."""

    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=64)

    def __str__(self) -> str:
        return self.slug


class OrganizationMember(models.Model):
    """Membership of one user in one organization."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], name="acme_organizationmember_unique_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.organization_id}"
