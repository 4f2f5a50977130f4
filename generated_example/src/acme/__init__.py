"""acme: an example Django REST Framework project laid out like Sentry."""
