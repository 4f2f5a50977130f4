"""Projects, scoped to an organization."""

from django.db import models

from acme.models.organization import Organization


class Project(models.Model):
    """A project; its slug is unique within its organization."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE)
    slug = models.SlugField(max_length=50)
    name = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "slug"], name="acme_project_unique_slug"
            ),
        ]

    def __str__(self) -> str:
        return self.slug
