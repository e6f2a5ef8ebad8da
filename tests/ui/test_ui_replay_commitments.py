"""Issue 16's kinds stepped through in the replay window: progress, a condition added and
one dropped after agreement, an agreement with signatories and a shape, verification by an
outside body (confirmed, then failed), a breach, a suspension in response to it and a
resumption. At each step the header, the commitments table, the details and the graph
say it in words, and stepping back undoes what stepping forward showed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QGraphicsSimpleTextItem

from engine.session.live import Session
from ui.replay.window import ReplayWindow

SIX = ("usa", "dprk", "rok", "japan", "china", "russia")


def _negotiation(session: Session) -> dict[str, str]:
    """The log; returns the ids of the demand, the aid (many givers, an ask) and the
    freeze, and the seq of each step by name."""
    s = session
    s.start_round()
    s.table_demand(from_team="usa", to_team="dprk", issue="full_declaration", priority=1,
                   text="declare it all")  # fmt: skip
    demand = list(s.state.demands)[-1]
    s.propose_commitment(givers=("china", "japan", "russia"), receivers="dprk", proposer="rok",
                         issue="sanctions_relief", text="heavy fuel oil", verification=True,
                         conditions=[("demand", demand)])  # fmt: skip
    aid = list(s.state.commitments)[-1]
    s.propose_commitment(giver="dprk", receiver="usa", issue="yongbyon_dismantlement",
                         text="a freeze at Yongbyon", verification=True)  # fmt: skip
    freeze = list(s.state.commitments)[-1]
    s.agree_commitment(commitment=aid)
    s.agree_commitment(commitment=freeze)
    seqs: dict[str, str] = {"demand": demand, "aid": aid, "freeze": freeze}

    def step(name: str) -> None:
        seqs[name] = str(s.last_seq)

    s.record_progress(commitment=aid, percent=50, note="half the fuel oil delivered")
    step("progress")
    s.verify_commitment(commitment=freeze, result="confirmed", verifier="iaea")
    step("confirmed")
    s.add_condition(commitment=aid, condition=("verification", freeze), reason="after signing")
    step("added")
    s.drop_condition(commitment=aid, condition=("demand", demand), reason="set aside")
    step("dropped")
    s.sign_agreement(title="Step one", commitments=[aid, freeze], signatories=SIX, shape="step")
    step("signed")
    s.verify_commitment(commitment=freeze, result="failed", verifier="iaea", reason="seals cut")
    step("failed")
    s.break_commitment(commitment=freeze, reason="the reactor restarted")
    step("broken")
    s.suspend_commitment(commitment=aid, reason="in answer", in_response_to=freeze)
    step("suspended")
    s.resume_commitment(commitment=aid, reason="talks resumed")
    step("resumed")
    return seqs


def _plain(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return " ".join(document.toPlainText().split())


def _event(window: ReplayWindow) -> str:
    return _plain(window.header.event_label.toolTip())


def _row(window: ReplayWindow, number: int) -> dict[str, str]:
    model = window.tables["commitment"].model
    heads = [
        str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())
    ]
    for r in range(model.rowCount()):
        cells = [str(model.index(r, c).data() or "") for c in range(model.columnCount())]
        if cells[0] == str(number):
            return dict(zip(heads, cells, strict=True))
    raise AssertionError(f"no row for commitment {number}")


def _details(window: ReplayWindow, record: str) -> str:
    window.insight.show_details(record)
    assert window.insight.details is not None
    return " ".join(window.insight.details.toPlainText().split())


def _graph_labels(window: ReplayWindow, qtbot: Any) -> set[str]:
    window.tabs.setCurrentWidget(window.insight.graph_host)
    qtbot.waitUntil(lambda: window.insight.view is not None)
    view = window.insight.view
    view.draw(window.replay_cursor.state, None)
    return {i.text() for i in view.scene().items() if isinstance(i, QGraphicsSimpleTextItem)}


def test_the_replay_window_tells_every_step_of_issue_16(
    qtbot: Any, session: Session, isolated_settings: Path
) -> None:
    seqs = _negotiation(session)
    path, last = session.path, session.last_seq
    session.close()
    replay = ReplayWindow(Session.open(path, read_only=True), seq=0)
    qtbot.addWidget(replay)
    replay.show()
    qtbot.waitExposed(replay)
    aid, freeze = seqs["aid"], seqs["freeze"]
    told: dict[int, str] = {}
    while replay.step_forward():
        seq = replay.replay_cursor.seq
        told[seq] = _event(replay)
        if seq == int(seqs["progress"]):
            assert (
                told[seq] == f"#{seq}: Commitment 1 50 % carried out: half the fuel oil delivered"
            )
            assert _row(replay, 1)["Progress"] == "50 %"
            assert "Commitment 1 · 50%" in _graph_labels(replay, qtbot)
            assert "Progress 50 %: half the fuel oil delivered" in _details(replay, aid)
        if seq == int(seqs["confirmed"]):
            assert told[seq].startswith(
                f"#{seq}: Verification of Commitment 2 by International Atomic Energy Agency"
            )
            assert "confirmed" in told[seq]
            assert _row(replay, 2)["Verification"] == "confirmed"
            assert "International Atomic Energy Agency" in _graph_labels(replay, qtbot)
            assert "International Atomic Energy Agency confirmed" in _details(replay, freeze)
        if seq == int(seqs["added"]):
            assert "Commitment 1 now waits on verification of Commitment 2 confirmed" in told[seq]
            assert _row(replay, 1)["If"] == ("Demand 1 met, verification of Commitment 2 confirmed")
        if seq == int(seqs["dropped"]):
            assert "Commitment 1 no longer waits on Demand 1 met: set aside" in told[seq]
            assert _row(replay, 1)["If"] == "verification of Commitment 2 confirmed"
        if seq == int(seqs["signed"]):
            assert "Agreement 1 signed: Commitment 1, Commitment 2 (a step" in told[seq]
            assert _row(replay, 1)["Agreement"] == "Agreement 1"
            agreement = list(replay.replay_cursor.state.agreements)[-1]
            shown = _details(replay, agreement)
            assert "Agreement 1" in shown and "Step one" in shown
            assert "Signed by" in shown and "Russian Federation" in shown and "a step" in shown
            assert "Commitments Commitment 1, Commitment 2" in shown
        if seq == int(seqs["failed"]):
            assert "failed" in told[seq] and "International Atomic Energy Agency" in told[seq]
            assert _row(replay, 2)["Verification"] == "failed"
            shown = _details(replay, freeze)
            assert "confirmed; round 1: International Atomic Energy Agency failed" in shown
        if seq == int(seqs["broken"]):
            assert told[seq] == f"#{seq}: Commitment 2 broken: the reactor restarted"
            assert _row(replay, 2)["Status"] == "broken"
        if seq == int(seqs["suspended"]):
            assert "Commitment 1 suspended in response to the breach of Commitment 2" in (told[seq])
            assert _row(replay, 1)["Status"] == "suspended"
            assert "suspended in response to the breach of Commitment 2" in _details(replay, aid)
        if seq == int(seqs["resumed"]):
            assert told[seq] == f"#{seq}: Commitment 1 resumed: talks resumed"
            assert _row(replay, 1)["Status"] == "agreed"
    assert replay.replay_cursor.seq == last and len(told) == last
    bare = [t for t in told.values() if re.search(r"\b[mdca]\d+\b", t)]
    assert not bare, "every record reads as people say it, never as a bare id"
    replay.tabs.setCurrentWidget(replay.insight.analytics_host)
    qtbot.waitUntil(lambda: replay.insight._drawn["analytics"])
    assert replay.insight.analytics is not None
    analytics = replay.insight.analytics.toPlainText()
    assert "Agreement 1" in analytics  # signatories aligned by it, named as people say it
    assert not re.search(r"\b[ca]\d+\b", analytics)
    # stepping back undoes what stepping forward showed
    while replay.replay_cursor.seq > int(seqs["suspended"]):
        assert replay.step_back()
    assert _row(replay, 1)["Status"] == "suspended"
    while replay.replay_cursor.seq > int(seqs["progress"]) - 1:
        assert replay.step_back()
    assert _row(replay, 1)["Progress"] == "0 %" and _row(replay, 1)["If"] == "Demand 1 met"
    assert _row(replay, 2)["Verification"] == "pending"
    replay.close()  # it closes its session
