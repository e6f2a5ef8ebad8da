"""Saves and JSON exports written before issue 16 (one giver and one receiver, conditions
as bare commitment ids, ``verified: bool``) still open, import and give the same analytics.

The fixtures in tests/fixtures/commit/ were made by the code before the change:
``parley simulate --scenario scenarios/after-hanoi-2019.toml --rounds 6 --seed 5``, its
``export --format json`` and its ``analyze --json``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES
from engine.domain import events as ev
from engine.domain.versions import decode, from_payload
from engine.graph.report import analyze
from engine.session.check import check_save
from engine.session.exchange import export_json_text, import_json
from engine.session.live import Session

OLD = FIXTURES / "commit"


def same_where_old(old: Any, new: Any, where: str = "") -> None:
    """Every value the old analytics gave is given again (new keys may be added)."""
    if isinstance(old, dict):
        for key, value in old.items():
            assert key in new, f"{where}.{key} is gone"
            same_where_old(value, new[key], f"{where}.{key}")
    elif isinstance(old, list):
        assert len(old) == len(new), f"{where}: {len(old)} entries before, {len(new)} now"
        for i, (a, b) in enumerate(zip(old, new, strict=True)):
            same_where_old(a, b, f"{where}[{i}]")
    else:
        assert old == new, f"{where}: {old!r} before, {new!r} now"


@pytest.fixture
def old_save(tmp_path: Path) -> Path:
    path = tmp_path / "old.parley"
    shutil.copy(OLD / "before-issue16.parley", path)
    return path


def recorded() -> Any:
    return json.loads((OLD / "before-issue16.analyze.json").read_text(encoding="utf-8"))


def test_an_old_save_opens_and_gives_the_same_analytics(old_save: Path) -> None:
    with Session.open(old_save) as session:  # writable: its snapshots are folded afresh
        report = analyze(session.scenario, session.state).to_dict()
        c18 = session.state.commitments["c18"]
        assert (len(c18.givers), len(c18.receivers)) == (1, 1)
    same_where_old(recorded(), report)
    assert check_save(old_save) == []


def test_an_old_json_export_imports_exports_the_same_and_agrees_with_the_save(
    old_save: Path, tmp_path: Path
) -> None:
    source = OLD / "before-issue16.json"
    with import_json(source, tmp_path / "i.parley") as imported, Session.open(old_save) as save:
        assert imported.state == save.state
        assert export_json_text(imported) == source.read_text(encoding="utf-8")
        same_where_old(recorded(), analyze(imported.scenario, imported.state).to_dict())


def test_old_commitment_payloads_are_read_in_todays_shape() -> None:
    proposed = decode(
        b'{"kind":"CommitmentProposed","giver":"usa","receiver":"dprk","issue":"relief",'
        b'"text":"t","conditions":["c3"]}'
    )
    assert isinstance(proposed, ev.CommitmentProposed)
    assert (proposed.givers, proposed.receivers) == (("usa",), ("dprk",))
    assert proposed.conditions == (ev.Condition("commitment", "c3"),)
    added = from_payload({"kind": "ConditionAdded", "commitment": "c4", "condition": "c3"})
    assert added == ev.ConditionAdded("c4", ev.Condition("commitment", "c3"))
    checked = decode(b'{"kind":"CommitmentVerified","commitment":"c4","verified":false}')
    assert checked == ev.CommitmentVerified("c4", "failed", "control")
