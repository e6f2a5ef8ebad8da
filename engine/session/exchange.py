"""Export a save as JSON or CSV, and import a JSON export into a new save.

JSON (``parley_export: 1``): the save's metadata, the full scenario text, and every
event with its envelope (``seq``, ``at``, ``round``, ``actor``, ``kind``, ``payload``).
New kinds and fields (team devices' kinds, any event's ``by_device``: issue 15) are
versioned per event (``engine/domain/versions.py``), so the document keeps its version
and every export ever written imports; an older Parley names a kind it does not know.
The export is the whole log, Control's: it keeps the digests of join codes and device
tokens, which the CSV and the analysis database leave out.
Importing an export and exporting again gives the same JSON, byte for byte. Import replays
the log through the rules of the live commands (``engine/session/audit.py``) and refuses
a log whose first offending event it names.

CSV: one file per table into a folder: ``events.csv`` (payloads as JSON), and the state
at the end of the log: ``moves``, ``demands``, ``commitments``, ``agreements``,
``indicators``, ``indicator_changes``, ``injects``, ``notes``, ``bookmarks``,
``submissions``, ``messages``. Booleans
are ``true``/``false``; team and issue ids have their names beside them; each seq has its
event's time beside it (``at_iso``, ISO 8601 in UTC, and ``at_epoch``); ``bom=True``
(``--bom``) starts each file with a UTF-8 byte-order mark for spreadsheets.

Export formats are a registry (``EXPORT_FORMATS``): another module adds one with
``register_export_format("graphml", write_graphml, "the commitment graph")``; the
``export`` verb offers every registered format.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from engine.domain import events as ev
from engine.domain import reducer
from engine.domain.versions import from_payload
from engine.errors import OutputError, SaveError
from engine.scenario import ScenarioError, parse_scenario
from engine.scenario.model import Effect
from engine.session.audit import first_breach
from engine.session.live import Session
from engine.session.output import output_file, writable_folder
from engine.session.rebuild import build_save

EXPORT_VERSION = 1  # the document's shape; each event's payload has its kind's own version
NOT_COPIED = ("format_version", "state_schema", "snapshot_every", "chain_seq", "chain_tip")

Writer = Callable[..., Path | None]  # (session, out or None, **options) -> where written


@dataclass(frozen=True)
class ExportFormat:
    name: str
    write: Writer  # (session, out or None for stdout) -> where it was written
    help: str = ""
    folder: bool = False  # writes a folder of files rather than one file


EXPORT_FORMATS: dict[str, ExportFormat] = {}


def register_export_format(name: str, write: Writer, help: str = "", folder: bool = False) -> None:
    EXPORT_FORMATS[name] = ExportFormat(name, write, help, folder)


# ---------------------------------------------------------------------- JSON


def export_document(session: Session) -> dict[str, Any]:
    meta = {k: v for k, v in sorted(session.meta.items()) if k not in NOT_COPIED}
    return {
        "parley_export": EXPORT_VERSION,
        "meta": meta,
        "scenario": session.scenario.source,
        "events": [
            {
                "seq": seq,
                "at": at,
                "round": rnd,
                "actor": actor,
                "kind": kind,
                "payload": {k: v for k, v in json.loads(str(payload)).items() if k != "kind"},
            }
            for seq, at, rnd, actor, kind, payload in session.store.raw_rows()
        ],
    }


def export_json_text(session: Session) -> str:
    return json.dumps(export_document(session), indent=1, ensure_ascii=False) + "\n"


def write_json(session: Session, out: Path | None) -> Path | None:
    text = export_json_text(session)
    if out is None:
        sys.stdout.write(text)
        return None
    with output_file(out) as partial:
        partial.write_text(text, encoding="utf-8")
    return out


class _Entry(msgspec.Struct, forbid_unknown_fields=True):
    seq: int
    at: float
    round: int
    actor: str
    kind: str
    payload: dict[str, Any]


class _Document(msgspec.Struct, forbid_unknown_fields=True):
    parley_export: int
    meta: dict[str, str]
    scenario: str
    events: list[_Entry]


def import_json(source: Path, save: Path) -> Session:
    """A new save at ``save`` from a JSON export (snapshots are folded afresh).

    The log is replayed through the rules first (``engine/session/audit.py``): an export
    holding an event no command would have written is refused, naming the event and the
    rule, and no file is made."""
    try:
        doc = msgspec.json.decode(Path(source).read_bytes(), type=_Document)
    except OSError as error:
        raise SaveError(f"cannot read {source}: {error.strerror}") from None
    except (msgspec.DecodeError, RecursionError) as error:  # RecursionError: nested too deep
        raise SaveError(
            f"{source} is not a Parley JSON export: {error or 'nested too deep'}"
        ) from None
    if doc.parley_export > EXPORT_VERSION:
        raise SaveError(f"{source} is export version {doc.parley_export}, newer than this Parley")
    try:
        scenario = parse_scenario(doc.scenario, f"{source} (its scenario)")
    except ScenarioError as error:
        raise SaveError(f"{source}: its scenario is not valid: {error.faults[0]}") from None
    envelopes = []
    rows: list[tuple[object, ...]] = []
    for number, entry in enumerate(doc.events, start=1):
        try:
            event = from_payload({**entry.payload, "kind": entry.kind})
        except (msgspec.ValidationError, RecursionError) as error:
            raise SaveError(f"{source}: event {entry.seq} is not valid: {error}") from None
        if entry.seq != number:
            raise SaveError(f"{source}: event {number} is numbered {entry.seq}")
        if (number == 1) != isinstance(event, ev.SessionStarted):
            raise SaveError(f"{source}: a log starts with SessionStarted, and only there")
        if isinstance(event, ev.EventVoided) and not 1 < event.target < number:
            raise SaveError(f"{source}: event {number} voids event {event.target}")
        envelopes.append(ev.Envelope(entry.seq, entry.at, entry.round, entry.actor, event))
        # the payload is kept as written (an older version is upcast whenever it is read),
        # byte for byte as the live writer wrote it: ``"v"`` first, then ``kind``
        head = {"v": entry.payload["v"]} if "v" in entry.payload else {}
        payload = msgspec.json.encode({**head, "kind": entry.kind, **entry.payload}).decode()
        rows.append((entry.seq, entry.at, entry.round, entry.actor, entry.kind, payload))
    if not envelopes:
        raise SaveError(f"{source} holds no events")
    breach = first_breach(scenario, envelopes)  # the live commands' rules, replayed
    if breach is not None:
        raise SaveError(f"{source}: {breach}: no command would have written it")
    meta = {k: v for k, v in doc.meta.items() if k not in NOT_COPIED}
    return build_save(Path(save), scenario, envelopes, meta, rows=rows)


# ---------------------------------------------------------------------- CSV


def _cell(value: Any) -> Any:
    """A CSV cell: empty for None, true/false for booleans, lists joined with ';'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return ";".join(f"{v.key}:{v.delta:+g}" if isinstance(v, Effect) else str(v) for v in value)
    return value


class _Table:
    """One CSV file: the record's fields, with team and issue names beside their ids and,
    beside each seq, the event's time in ISO 8601 (UTC) and as seconds since the epoch."""

    def __init__(self, session: Session) -> None:
        from engine.session.analysis_db import Names

        self.names = Names(session)

    def write(self, path: Path, records: Iterable[msgspec.Struct], kind: type, bom: bool) -> None:
        from engine.session.analysis_db import TEAM_FIELDS, iso

        fields = [f.name for f in msgspec.structs.fields(kind)]
        header: list[str] = []
        for name in fields:
            header.append(name)
            if name in TEAM_FIELDS or name == "issue":
                header.append(f"{name}_name")
            if name == "seq" or name.endswith("_seq"):
                header += [f"{name[: -len('seq')]}at_iso", f"{name[: -len('seq')]}at_epoch"]
        teams, issues, times = self.names.teams, self.names.issues, self.names.times
        encoding = "utf-8-sig" if bom else "utf-8"
        with (
            output_file(path) as partial,
            partial.open("w", newline="", encoding=encoding) as handle,
        ):
            writer = csv.writer(handle)
            writer.writerow(header)
            for record in records:
                row: list[Any] = []
                for name in fields:
                    value = getattr(record, name)
                    row.append(_cell(value))
                    if name in TEAM_FIELDS:
                        row.append(teams.get(value, value) if isinstance(value, str) else "")
                    if name == "issue":
                        row.append(issues.get(value, value) if isinstance(value, str) else "")
                    if name == "seq" or name.endswith("_seq"):
                        at = times.get(value)
                        row += [iso(at) or "", _cell(at)]
                writer.writerow(row)


def write_csv(session: Session, out: Path | None, *, bom: bool = False) -> Path:
    """One CSV file per table into a folder; ``bom``: a UTF-8 byte-order mark first, for
    spreadsheets that otherwise read UTF-8 as another encoding. A failed export leaves no
    folder it made."""
    folder = out or session.path.with_name(session.path.stem + "-csv")
    made = not folder.is_dir()
    if made:  # made here, in a folder that exists; each file whole
        writable_folder(folder.absolute().parent, folder)
        try:
            folder.mkdir()
        except OSError as error:
            raise OutputError(f"cannot make the folder {folder}: {error.strerror}") from None
    try:
        _write_tables(session, folder, bom)
    except BaseException:
        if made:  # a folder made for a failed export goes with it (each file is whole)
            for written in folder.iterdir():
                written.unlink(missing_ok=True)
            folder.rmdir()
        raise
    return folder


def _write_tables(session: Session, folder: Path, bom: bool) -> None:
    from engine.domain import state as st
    from engine.session.analysis_db import iso, redacted

    encoding = "utf-8-sig" if bom else "utf-8"
    events = output_file(folder / "events.csv")
    with events as partial, partial.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle)
        writer.writerow(["seq", "at", "at_iso", "round", "actor", "kind", "payload", "voided"])
        voided = session.state.voided
        for seq, at, rnd, actor, kind, payload in session.store.raw_rows():
            shown = redacted(kind, payload)
            writer.writerow([seq, at, iso(at), rnd, actor, kind, shown, _cell(seq in voided)])
    state, table = session.state, _Table(session)
    table.write(folder / "moves.csv", state.moves.values(), st.Move, bom)
    table.write(folder / "demands.csv", state.demands.values(), st.Demand, bom)
    table.write(folder / "commitments.csv", state.commitments.values(), st.Commitment, bom)
    table.write(folder / "agreements.csv", state.agreements.values(), st.Agreement, bom)
    table.write(folder / "indicator_changes.csv", state.indicator_log, st.IndicatorChange, bom)
    table.write(folder / "injects.csv", state.injects, st.FiredInject, bom)
    table.write(folder / "notes.csv", state.notes, st.Note, bom)
    table.write(folder / "bookmarks.csv", state.bookmarks, st.Bookmark, bom)
    table.write(folder / "submissions.csv", state.submissions.values(), st.Submission, bom)
    table.write(folder / "messages.csv", state.messages.values(), st.Message, bom)
    keys = reducer.indicator_index(session.scenario)
    indicators = output_file(folder / "indicators.csv")
    with indicators as partial, partial.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle)
        writer.writerow(["key", "indicator", "value", "min", "max", "initial"])
        for key, value in state.indicators.items():
            ind = keys[key]
            writer.writerow([key, ind.id, value, ind.min, ind.max, ind.initial])


register_export_format("json", write_json, "metadata, scenario text and every event")
register_export_format("csv", write_csv, "one CSV file per table, into a folder", folder=True)


def _write_sqlite(session: Session, out: Path | None) -> Path | None:
    from engine.session.analysis_db import write_sqlite

    return write_sqlite(session, out)


register_export_format("sqlite", _write_sqlite, "an analysis database (SQLite, for Datasette)")
