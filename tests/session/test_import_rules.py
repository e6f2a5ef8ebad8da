"""Import replays the log through the rules of the live commands (``engine/session/audit.py``):
a JSON export edited to break a rule is refused, naming the first offending event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sessions import new_session

from engine.errors import SaveError
from engine.session.exchange import export_json_text, import_json


def exported(tmp_path: Path) -> dict:  # type: ignore[type-arg]
    with new_session(tmp_path) as s:
        s.start_round()
        s.propose_commitment(givers="north", receivers="south", issue="relief", text="freeze")
        s.agree_commitment(commitment="c3")
        s.record_progress(commitment="c3", percent=40, note="part")
        s.undo()
        return json.loads(export_json_text(s))  # type: ignore[no-any-return]


def refused(tmp_path: Path, doc: dict, words: str) -> None:  # type: ignore[type-arg]
    source = tmp_path / "edited.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SaveError) as raised:
        import_json(source, tmp_path / "i.parley")
    assert words in str(raised.value)
    assert not (tmp_path / "i.parley").exists()


def test_an_untouched_export_imports(tmp_path: Path) -> None:
    doc = exported(tmp_path)
    source = tmp_path / "ok.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    with import_json(source, tmp_path / "ok.parley") as imported:
        assert imported.state.commitments["c3"].progress == 0  # the progress was undone


def test_an_event_that_breaks_a_rule_is_named(tmp_path: Path) -> None:
    doc = exported(tmp_path)
    doc["events"][3]["kind"] = "CommitmentFulfilled"  # fulfilled before it was agreed
    doc["events"][3]["payload"] = {"commitment": "c3"}
    refused(tmp_path, doc, "event 4 (CommitmentFulfilled): commitment c3 is")


def test_a_payload_its_command_would_not_write_is_named(tmp_path: Path) -> None:
    doc = exported(tmp_path)
    doc["events"][4]["payload"]["percent"] = 140  # progress beyond 100 %
    refused(tmp_path, doc, "event 5 (CommitmentProgressed): progress 140")


def test_a_multi_party_commitment_to_itself_is_refused(tmp_path: Path) -> None:
    doc = exported(tmp_path)
    doc["events"][2]["payload"]["receivers"] = ["south", "north"]
    refused(tmp_path, doc, "event 3 (CommitmentProposed): ")
