#!/usr/bin/env python
"""Django's command-line utility for the acme example project."""

import os
import sys
from pathlib import Path


def main() -> None:
    """Put src/ on the import path and run a Django management command."""
    sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "acme.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
