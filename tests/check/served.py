"""Real requests through Django's test client to a small `shop` tree whose Endpoint is a DRF
APIView calling convert_args as Sentry's does: what Django answers judges what check says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from scaffold.check.config import load_check_config
from scaffold.check.problems import CheckResult
from scaffold.check.run import run_check
from scaffold.project.settings import load_settings
from tests.check.trees import write_tree

SERVED_BASE = """
from rest_framework.response import Response
from rest_framework.views import APIView


class Endpoint(APIView):
    owner = None
    publish_status = {}
    authentication_classes = ()
    permission_classes = ()

    def convert_args(self, request, *args, **kwargs):
        return (args, kwargs)

    def dispatch(self, request, *args, **kwargs):
        request = self.initialize_request(request, *args, **kwargs)
        self.request = request
        self.headers = self.default_response_headers
        self.initial(request, *args, **kwargs)
        handler = getattr(self, request.method.lower(), self.http_method_not_allowed)
        args, kwargs = self.convert_args(request, *args, **kwargs)
        response = handler(request, *args, **kwargs)
        self.response = self.finalize_response(request, response, *args, **kwargs)
        return self.response


def answer():
    return Response({})
"""

_GET = """
import sys

import django
from django.conf import settings

settings.configure(
    ROOT_URLCONF="shop.api.urls",
    ALLOWED_HOSTS=["*"],
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"],
    DATABASES={},
)
django.setup()
from django.test import Client

print(Client(raise_request_exception=False).get(sys.argv[1]).status_code)
"""


def served_tree(root: Path, files: dict[str, str]) -> Path:
    """write_tree with the served Endpoint (`files` relative to src/shop/)."""
    return write_tree(root, {"api/base.py": SERVED_BASE, **files})


def status_of(root: Path, path: str) -> int:
    """The status Django answers a GET of `path` with, the tree's src/ on sys.path."""
    done = subprocess.run(
        [sys.executable, "-c", _GET, path],
        cwd=root / "src",
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.split()[-1])


def check_tree(root: Path) -> CheckResult:
    """scaffold check on the tree, param-mismatch alone."""
    config = load_check_config(root, {}, ["param-mismatch"], [], None)
    return run_check(load_settings(root), config, None)
