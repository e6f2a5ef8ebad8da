"""``parley export SAVE --format sqlite``: an analysis database for researchers.

One flat table per kind of record, as the log stands at its end: ``moves``, ``demands``,
``commitments`` with ``commitment_parties`` (givers and receivers, one row each) and
``commitment_conditions``, ``agreements``, ``rulings`` (the adjudicated moves),
``indicator_values`` (each indicator at the end of each round, round 0 the start),
``indicator_changes``, ``injects``, ``notes``, ``bookmarks``, ``submissions`` (what
teams sent from their devices, and what became of it), ``messages``, ``teams``,
``issues`` and ``events`` (the whole log, voided entries marked; join codes' and
devices' digests left out, ``redacted``). Team and issue ids have their names
beside them; every time is an ISO 8601 text (UTC) beside the event's number; booleans are
0 and 1 (SQLite's own). Texts are searchable (SQLite FTS5), and a few views answer common
questions. Made with sqlite-utils, written to a temporary file and renamed into place,
so an interrupted export never leaves half a database. ``docs/open-data.md`` shows it in
Datasette.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import msgspec

from engine.domain.events import CONTROL
from engine.errors import OutputError
from engine.session.live import Session
from engine.session.output import output_file

TEAM_FIELDS = ("team", "from_team", "to_team", "giver", "receiver")
PARTY_FIELDS = {
    "giver": "giver",
    "givers": "giver",
    "receiver": "receiver",
    "receivers": "receiver",
}

VIEWS = {
    "broken_commitments_by_team": """
        select p.team, p.team_name, count(*) as broken
        from commitment_parties p join commitments c on c.id = p.commitment
        where p.role = 'giver' and c.status = 'broken'
        group by p.team order by broken desc, p.team""",
    "surprise_demands": """
        select id, round, at, from_team_name, to_team_name, issue_name, priority, text, status
        from demands where surprise = 1 order by seq""",
    "commitment_outcomes_by_issue": """
        select issue, issue_name, status, count(*) as commitments
        from commitments group by issue, status order by issue, status""",
    "rulings_by_team": """
        select team, team_name, outcome, count(*) as rulings
        from rulings group by team, outcome order by team, outcome""",
}

FTS = {
    "moves": ["text", "reason"],
    "demands": ["text", "reason"],
    "commitments": ["text", "reason"],
    "rulings": ["reason"],
    "notes": ["text"],
    "messages": ["text"],
}
SECRET_KINDS = ("JoinCodeIssued", "DeviceJoined")  # their digests stay in the save


def redacted(kind: object, payload: object) -> str:
    """An event's payload for an output others read: a join code's or a device token's
    digest left out (a digest is as good as the code for guessing it offline)."""
    text = payload.decode() if isinstance(payload, bytes) else str(payload)
    if kind not in SECRET_KINDS:
        return text
    try:
        body = json.loads(text)
    except ValueError:
        return text
    if isinstance(body, dict):
        body.pop("digest", None)
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def iso(at: object) -> str | None:
    """An event's time (seconds since the epoch) as ISO 8601 in UTC, to the millisecond."""
    if not isinstance(at, int | float):
        return None
    return datetime.fromtimestamp(at, UTC).isoformat(timespec="milliseconds")


def _flat(value: Any) -> Any:
    """A value SQLite holds: lists of ids joined with ';', structures as JSON."""
    if isinstance(value, bool) or value is None or isinstance(value, int | float | str):
        return value
    if isinstance(value, tuple | list) and all(isinstance(v, str) for v in value):
        return ";".join(value)
    return json.dumps(msgspec.to_builtins(value), ensure_ascii=False)


class Names:
    """Names beside ids and times beside seqs, for flat rows of records (also the CSV's)."""

    def __init__(self, session: Session) -> None:
        scenario = session.scenario
        self.teams = {t.id: t.name for t in scenario.teams}
        self.issues = {i.id: i.name for i in scenario.issues}
        self.times: dict[object, object] = {row[0]: row[1] for row in session.store.raw_rows()}

    def team(self, team_id: str) -> str:
        return "Control" if team_id == CONTROL else self.teams.get(team_id, team_id)

    def row(self, record: msgspec.Struct) -> dict[str, Any]:
        row: dict[str, Any] = {}
        for field in msgspec.structs.fields(type(record)):
            value = getattr(record, field.name)
            row[field.name] = _flat(value)
            if field.name in TEAM_FIELDS and isinstance(value, str):
                row[f"{field.name}_name"] = self.teams.get(value, value)
            if field.name == "issue" and isinstance(value, str):
                row["issue_name"] = self.issues.get(value, value)
            if field.name == "seq" or field.name.endswith("_seq"):
                stem = field.name[: -len("seq")]
                row[f"{stem}at"] = iso(self.times.get(value)) if value is not None else None
        return row


def _insert(db: Any, name: str, rows: Iterable[dict[str, Any]], pk: str | None = None) -> None:
    table = db[name]
    rows = list(rows)
    if rows:
        table.insert_all(rows, pk=pk) if pk else table.insert_all(rows)


def build_analysis_db(session: Session, path: Path) -> None:
    """Write the analysis database of ``session`` to ``path`` (a new file)."""
    import sqlite_utils

    state, names = session.state, Names(session)
    db = sqlite_utils.Database(path)
    try:
        _insert(db, "teams", ({"id": i, "name": n} for i, n in names.teams.items()), "id")
        _insert(db, "issues", (
            {"id": i.id, "name": i.name, "tangible": i.tangible} for i in session.scenario.issues
        ), "id")  # fmt: skip
        _insert(db, "moves", (names.row(m) for m in state.moves.values()), "id")
        _insert(db, "demands", (names.row(d) for d in state.demands.values()), "id")
        _insert(db, "commitments", (names.row(c) for c in state.commitments.values()), "id")
        parties, conditions = [], []
        for c in state.commitments.values():
            for field, role in PARTY_FIELDS.items():
                value = getattr(c, field, None)
                for team in (value,) if isinstance(value, str) else value or ():
                    parties.append({"commitment": c.id, "role": role, "team": team,
                                    "team_name": names.teams.get(team, team)})  # fmt: skip
            for condition in getattr(c, "conditions", ()) or ():
                conditions.append({"commitment": c.id, "condition": _flat(condition)})
        _insert(db, "commitment_parties", parties)
        _insert(db, "commitment_conditions", conditions)
        _insert(db, "agreements", (names.row(a) for a in state.agreements.values()), "id")
        _insert(db, "rulings", (
            {"move": m.id, "round": m.round, "team": m.team,
             "team_name": names.teams.get(m.team, m.team), "outcome": m.outcome,
             "method": m.method, "reason": m.reason, "roll": m.roll,
             "effects": _flat(m.effects), "seq": m.adjudicated_seq,
             "at": iso(names.times.get(m.adjudicated_seq or -1))}
            for m in state.moves.values() if m.outcome is not None
        ))  # fmt: skip
        _insert(db, "indicator_changes", (names.row(c) for c in state.indicator_log))
        _insert(db, "indicator_values", _indicator_values(session))
        _insert(db, "injects", (names.row(i) for i in state.injects))
        _insert(db, "notes", (names.row(n) for n in state.notes))
        _insert(db, "bookmarks", (names.row(b) for b in state.bookmarks))
        _insert(db, "submissions", (
            {**names.row(sub), "at": iso(sub.at)} for sub in state.submissions.values()
        ), "id")  # fmt: skip
        _insert(db, "messages", (
            {"id": m.id, "seq": m.seq, "round": m.round, "at": iso(m.at), "sender": m.sender,
             "sender_name": names.team(m.sender), "recipients": _flat(m.to),
             "recipient_names": ";".join(names.team(t) for t in m.to), "text": m.text,
             "submission": m.submission}
            for m in state.messages.values()
        ), "id")  # fmt: skip
        voided = state.voided
        _insert(db, "events", (
            {"seq": seq, "at": iso(at), "at_epoch": at, "round": rnd, "actor": actor,
             "kind": kind, "payload": redacted(kind, payload), "voided": seq in voided}
            for seq, at, rnd, actor, kind, payload in session.store.raw_rows()
        ), "seq")  # fmt: skip
        for table, columns in FTS.items():
            if table in db.table_names():
                db.table(table).enable_fts(columns, create_triggers=False)
        for name, sql in VIEWS.items():
            needs = ("commitment_parties", "demands", "commitments", "rulings")
            if all(db[t].exists() for t in needs if t in sql):
                db.create_view(name, " ".join(sql.split()))
    finally:
        db.close()


def _indicator_values(session: Session) -> list[dict[str, Any]]:
    """Each indicator's value at the start (round 0) and at the end of every round played."""
    from engine.domain import reducer

    keys = reducer.indicator_index(session.scenario)
    state = session.state
    value = {key: keys[key].initial for key in keys}
    last_round = max([state.round, *(c.round for c in state.indicator_log)], default=0)
    by_round: dict[int, list[Any]] = {}
    for change in state.indicator_log:
        by_round.setdefault(change.round, []).append(change)
    rows = []
    for rnd in range(last_round + 1):
        for change in by_round.get(rnd, ()):
            value[change.key] = change.after
        for key, current in value.items():
            rows.append({"round": rnd, "key": key, "indicator": keys[key].id, "value": current})
    return rows


def write_sqlite(session: Session, out: Path | None) -> Path:
    """The analysis database at ``out`` (default: beside the save, ``NAME-analysis.db``),
    built in a temporary file of the same folder and renamed over it when complete; an
    output that cannot be written (no folder, read-only, a full disk) is an
    ``OutputError`` naming it, never taken for damage to the save."""
    target = out or session.path.with_name(session.path.stem + "-analysis.db")
    with output_file(target) as partial:
        try:
            build_analysis_db(session, partial)  # sqlite-utils takes the empty file
        except sqlite3.OperationalError as error:
            if "full" not in str(error):
                raise
            raise OutputError(f"cannot write {target}: the disk is full") from None
        finally:
            Path(f"{partial}-journal").unlink(missing_ok=True)
    return target
