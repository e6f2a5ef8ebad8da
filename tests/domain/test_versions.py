"""Event versions: a payload of an older version is upcast when read, from a save or a
JSON export; one newer than the code, or with no way up, is refused with a message.

The versions here are made up: ``NoteAdded`` is pretended to be at version 2, which
keeps a note's text trimmed, where version 1 (today's, and the fixtures') kept it as
typed; its upcaster trims.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from conftest import FIXTURES
from engine.domain import events as ev
from engine.domain import versions
from engine.domain.versions import Payload, decode, from_payload
from engine.errors import SaveError
from engine.session.exchange import import_json
from engine.session.live import Session

OLD_NOTE = '{"kind":"NoteAdded","text":"  from an old save "}'  # version 1: no "v"


@pytest.fixture
def note_at_v2(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """``NoteAdded`` at version 2, with an upcaster from version 1."""

    def note_v1(payload: Payload) -> Payload:
        return {**payload, "text": payload["text"].strip()}

    monkeypatch.setattr(ev.NoteAdded, "version", 2)
    monkeypatch.setitem(versions.UPCASTERS, ("NoteAdded", 1), note_v1)
    yield


def test_a_version_1_payload_is_upcast_to_the_current_version(note_at_v2: None) -> None:
    assert decode(OLD_NOTE) == ev.NoteAdded("from an old save")
    assert decode(OLD_NOTE.encode()) == ev.NoteAdded("from an old save")


def test_the_current_version_is_written_with_v_and_read_back(note_at_v2: None) -> None:
    data = ev.encode(ev.NoteAdded("new"))
    assert json.loads(data) == {"v": 2, "kind": "NoteAdded", "text": "new"}
    assert decode(data) == ev.NoteAdded("new")
    assert decode(data.decode()) == ev.NoteAdded("new")


def test_a_kind_at_version_1_is_written_without_v() -> None:
    assert json.loads(ev.encode(ev.NoteAdded("new"))) == {"kind": "NoteAdded", "text": "new"}
    assert decode('{"v":1,"kind":"NoteAdded","text":"new"}') == ev.NoteAdded("new")


def test_a_newer_version_than_the_code_knows_is_refused() -> None:
    with pytest.raises(msgspec.ValidationError, match=r"NoteAdded version 3 is newer .* \(1\)"):
        decode('{"v":3,"kind":"NoteAdded","text":"from the future"}')


def test_a_version_with_no_upcaster_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ev.NoteAdded, "version", 2)
    with pytest.raises(msgspec.ValidationError, match="no upcaster for NoteAdded from version 1"):
        decode('{"kind":"NoteAdded","text":"stuck"}')


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ('{"kind":"NoSuchThing"}', "no event kind 'NoSuchThing'"),
        ('{"v":"2","kind":"NoteAdded","text":"x"}', "not a version number"),
        ('{"v":1,"kind":"NoteAdded","text":3}', "Expected `str`"),
        ("[1, 2]", "an event is a JSON object"),
    ],
)
def test_a_bad_payload_gets_a_message(payload: str, message: str) -> None:
    with pytest.raises(msgspec.ValidationError, match=message):
        decode(payload)


def test_upcasters_chain_from_any_old_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ev.NoteAdded, "version", 3)
    monkeypatch.setitem(versions.UPCASTERS, ("NoteAdded", 1), lambda p: {"memo": p["text"]})
    monkeypatch.setitem(versions.UPCASTERS, ("NoteAdded", 2), lambda p: {"text": p["memo"]})
    assert decode(OLD_NOTE) == ev.NoteAdded("  from an old save ")
    assert from_payload({"v": 2, "kind": "NoteAdded", "memo": "m"}) == ev.NoteAdded("m")


def test_registering_two_upcasters_for_one_step_is_refused() -> None:
    versions.upcaster("NoteAdded", 98)(lambda p: p)
    try:
        with pytest.raises(ValueError, match="two upcasters for NoteAdded from version 98"):
            versions.upcaster("NoteAdded", 98)(lambda p: p)
    finally:
        del versions.UPCASTERS[("NoteAdded", 98)]


def _with_old_note(tmp_path: Path) -> Path:
    """A copy of the format-2 fixture with one more event: a note of version 1."""
    copy = tmp_path / "old.parley"
    shutil.copy(FIXTURES / "format2-classroom.parley", copy)
    with Session.open(copy) as session:
        seq = session.last_seq + 1
        with session.store.transaction():
            session.store.insert_rows([(seq, 0.0, 4, "control", "NoteAdded", OLD_NOTE)])
    return copy


def test_a_save_with_an_old_payload_opens_upcast(tmp_path: Path, note_at_v2: None) -> None:
    path = _with_old_note(tmp_path)
    with Session.open(path, read_only=True) as session:
        assert session.envelope(session.last_seq).event == ev.NoteAdded("from an old save")
        assert session.state.notes[-1].text == "from an old save"


def test_a_json_export_with_an_old_payload_imports_upcast(tmp_path: Path, note_at_v2: None) -> None:
    doc = json.loads((FIXTURES / "format2-classroom.json").read_text(encoding="utf-8"))
    last = doc["events"][-1]
    doc["events"].append(
        {**last, "seq": last["seq"] + 1, "kind": "NoteAdded", "payload": {"text": " exported  "}}
    )
    source = tmp_path / "old.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    with import_json(source, tmp_path / "imported.parley") as session:
        assert session.state.notes[-1].text == "exported"


def test_a_json_export_from_a_newer_parley_is_refused_with_a_message(tmp_path: Path) -> None:
    doc = json.loads((FIXTURES / "format2-classroom.json").read_text(encoding="utf-8"))
    doc["events"][-1]["payload"]["v"] = 9
    source = tmp_path / "new.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(SaveError, match=r"event \d+ is not valid: .* version 9 is newer"):
        import_json(source, tmp_path / "imported.parley")
