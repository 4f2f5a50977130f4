"""The benches' `--scaffold LABEL=COMMAND`: a command given by a relative path is made absolute
(the benches run it in other folders), and a virtualenv's interpreter stays that interpreter."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.bench_new_endpoint import parse_scaffold


def test_a_venv_python_given_by_path_is_not_swapped_for_the_one_it_links_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a virtualenv's bin/python is a symlink to the base interpreter; run through the link it
    # finds the venv's site-packages (pyvenv.cfg beside it), run as its target it does not
    real = tmp_path / "base" / "python3.11"
    real.parent.mkdir()
    real.write_text("")
    link = tmp_path / "venv" / "bin" / "python"
    link.parent.mkdir(parents=True)
    os.symlink(real, link)
    monkeypatch.chdir(tmp_path)

    scaffold = parse_scaffold("this=SCAFFOLD_NO_CACHE=1 venv/bin/python -m scaffold")

    assert scaffold.command == (str(link), "-m", "scaffold")
    assert scaffold.env == (("SCAFFOLD_NO_CACHE", "1"),)
