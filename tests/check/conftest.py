"""Fixtures shared by the check tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fact cache's folder for this test alone (the cache on, whatever the environment)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("SCAFFOLD_CACHE_DIR", str(folder))
    monkeypatch.delenv("SCAFFOLD_NO_CACHE", raising=False)
    return folder
