"""Widgets, scoped to a project, and their revisions."""

from django.db import models

from acme.models.project import Project


class Widget(models.Model):
    """A project widget; its slug is unique within its project."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    slug = models.SlugField(max_length=50)
    title = models.CharField(max_length=128)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "slug"], name="acme_widget_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.slug


class WidgetRevision(models.Model):
    """One saved version of a widget's body."""

    widget = models.ForeignKey(Widget, on_delete=models.CASCADE)
    number = models.IntegerField()
    body = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.widget_id}#{self.number}"
