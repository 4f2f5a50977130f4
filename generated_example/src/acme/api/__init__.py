"""The acme REST API, shaped like Sentry's src/sentry/api."""
