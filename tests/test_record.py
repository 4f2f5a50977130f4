"""The generation record: what it says of a module's text (scaffold's own, edited, unknown)."""

from __future__ import annotations

from pathlib import Path

from scaffold.write.record import Provenance, Record


def test_provenance_of_a_module(tmp_path: Path) -> None:
    record = Record(tmp_path)
    module = tmp_path / "src/acme/api/endpoints/widgets.py"
    assert record.provenance(module, "x = 1\n") is Provenance.UNKNOWN
    record.note(module, "WidgetsEndpoint", "x = 1\n")
    assert record.provenance(module, "x = 1\n") is Provenance.UNCHANGED
    assert record.provenance(module, "x = 2\n") is Provenance.EDITED
    record.forget(module)
    assert record.provenance(module, "x = 1\n") is Provenance.UNKNOWN
