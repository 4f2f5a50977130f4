"""scaffold: generate Sentry-style DRF endpoints and register them in urls.py."""

__version__ = "0.1.0"
