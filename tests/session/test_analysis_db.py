"""``parley export SAVE --format sqlite``: an analysis database, one flat table per kind."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import pytest
import sqlite_utils

from conftest import ROOT
from engine.session.analysis_db import write_sqlite
from engine.session.exchange import EXPORT_FORMATS
from engine.session.simulate import simulate_session


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    from conftest import DEFAULT_SCENARIO
    from engine.scenario import load_scenario

    folder = tmp_path_factory.mktemp("analysis")
    session = simulate_session(load_scenario(DEFAULT_SCENARIO), folder / "s.parley", 6, 1)
    db_path = write_sqlite(session, folder / "out.db")
    yield session, sqlite_utils.Database(db_path)
    session.close()


def test_one_table_per_kind_of_record_with_every_record(played) -> None:
    session, db = played
    state = session.state
    for table in ("moves", "demands", "commitments", "commitment_parties",
                  "commitment_conditions", "agreements", "rulings", "indicator_values",
                  "indicator_changes", "events", "teams", "issues"):  # fmt: skip
        assert table in db.table_names(), table
    assert db["moves"].count == len(state.moves)
    assert db["demands"].count == len(state.demands)
    assert db["commitments"].count == len(state.commitments)
    assert db["events"].count == session.last_seq
    assert db["rulings"].count == sum(m.outcome is not None for m in state.moves.values())
    conditions = sum(len(c.conditions) for c in state.commitments.values())
    assert db["commitment_conditions"].count == conditions


def test_ids_have_names_and_seqs_have_iso_times(played) -> None:
    session, db = played
    row = next(db.query("select * from demands order by seq limit 1"))
    names = {t.id: t.name for t in session.scenario.teams}
    assert row["from_team_name"] == names[row["from_team"]]
    assert row["issue_name"] == {i.id: i.name for i in session.scenario.issues}[row["issue"]]
    event = next(db.query("select at, at_epoch from events where seq = ?", [row["seq"]]))
    assert datetime.fromisoformat(row["at"]).timestamp() == pytest.approx(event["at_epoch"], 1e-3)
    assert row["at"].endswith("+00:00")


def test_indicator_values_per_round_end_where_the_log_ends(played) -> None:
    session, db = played
    last = max(r["round"] for r in db.query("select round from indicator_values"))
    assert last == session.state.round
    for key, value in session.state.indicators.items():
        row = next(db.query("select value from indicator_values where round=? and key=?",
                            [last, key]))  # fmt: skip
        assert row["value"] == pytest.approx(value)
    starts = {r["key"] for r in db.query("select key from indicator_values where round = 0")}
    assert starts == set(session.state.indicators)


def test_texts_are_searchable_and_the_views_answer(played) -> None:
    session, db = played
    word = next(iter(session.state.moves.values())).text.split()[-1].strip(".")
    assert list(db["moves"].search(word, limit=1))
    broken = {r["team"]: r["broken"] for r in db.query("select * from broken_commitments_by_team")}
    expected: dict[str, int] = {}
    for c in session.state.commitments.values():
        if c.status == "broken":
            for giver in c.givers:  # a commitment of several givers is broken by each
                expected[giver] = expected.get(giver, 0) + 1
    assert broken == expected
    surprise = [r["id"] for r in db.query("select id from surprise_demands")]
    assert surprise == [d.id for d in session.state.demands.values() if d.surprise]


def test_the_export_verb_writes_it_and_replaces_an_old_one(played, tmp_path) -> None:
    session, _ = played
    assert "sqlite" in EXPORT_FORMATS
    out = tmp_path / "analysis.db"
    out.write_text("an old file")
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "export", str(session.path),
         "--format", "sqlite", "-o", str(out)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert sqlite_utils.Database(out)["moves"].count == len(session.state.moves)
    assert [p.name for p in tmp_path.iterdir()] == ["analysis.db"]  # no temporary left
