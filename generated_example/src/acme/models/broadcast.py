"""Broadcasts: global announcements shown to every user."""

from django.db import models


class Broadcast(models.Model):
    """A site-wide announcement, addressed by id."""

    title = models.CharField(max_length=128)
    message = models.TextField()

    def __str__(self) -> str:
        return self.title
