"""Control's "Reveal all": one event, after which the room (the public viewer) sees what the
teams saw; before it nothing private is public, and undoing it hides everything again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine.domain import events as ev
from engine.domain.events import CONTROL
from engine.domain.visibility import PUBLIC, event_visible, view_state, visible_events
from engine.domain.words import Words
from engine.errors import IllegalTransitionError
from engine.scenario import parse_scenario
from engine.session.audit import first_breach
from engine.session.live import Session


@pytest.fixture
def session(tmp_path: Path, minimal_text: str) -> Any:
    text = minimal_text.replace(
        'initial = 60\nscope = "team"', 'initial = 60\nscope = "team"\npublic = false'
    )
    made = Session.create(parse_scenario(text, "reveal.toml"), tmp_path / "reveal.parley")
    s = made
    s.start_round()
    s.record_move(team="north", move_type="statement", tone=1, text="in public")
    s.record_move(team="north", move_type="test", tone=-2, text="SECRET-MOVE",
                  visibility=("north",))  # fmt: skip
    s.adjudicate(move="m3", outcome="success", method="judgement", reason="SECRET-REASON")
    s.table_demand(from_team="north", to_team="south", issue="relief", priority=1,
                   text="SECRET-DEMAND", visibility=("north",))  # fmt: skip
    s.propose_commitment(givers="south", receivers="north", issue="relief",
                         text="SECRET-COMMITMENT", visibility=("south",))  # fmt: skip
    s.add_note(text="CONTROL-NOTE")
    s.adjust_indicator(key="tension", delta=5, reason="CONTROL-REASON")
    yield made
    made.close()


def private_things(state: Any) -> dict[str, bool]:
    return {
        "move": any(m.text == "SECRET-MOVE" for m in state.moves.values()),
        "reason": any(m.reason == "SECRET-REASON" for m in state.moves.values()),
        "demand": any(d.text == "SECRET-DEMAND" for d in state.demands.values()),
        "commitment": any(c.text == "SECRET-COMMITMENT" for c in state.commitments.values()),
        "private indicator": "support.north" in state.indicators,
    }


def test_before_the_reveal_nothing_private_is_public_after_it_everything(session: Any) -> None:
    before = view_state(session.state, PUBLIC, session.scenario)
    assert not any(private_things(before).values()), private_things(before)
    hidden = [e.seq for e in session.events()
              if not event_visible(PUBLIC, e, session.state, session.scenario)]  # fmt: skip
    assert hidden, "private entries exist before the reveal"

    session.reveal_everything()
    after = view_state(session.state, PUBLIC, session.scenario)
    assert all(private_things(after).values()), private_things(after)
    shown = list(visible_events(PUBLIC, session.events(), session.state, session.scenario))
    kinds = {e.kind for e in shown}
    assert {"MoveRecorded", "DemandTabled", "CommitmentProposed", "EverythingRevealed"} <= kinds


def test_what_was_control_s_alone_stays_control_s(session: Any) -> None:
    session.reveal_everything()
    after = view_state(session.state, PUBLIC, session.scenario)
    assert not after.notes and not after.bookmarks
    assert [c.source for c in after.indicator_log if c.key == "tension"][-1] == ""
    envelopes = list(session.events())
    shown = {e.kind for e in visible_events(PUBLIC, envelopes, session.state, session.scenario)}
    assert "NoteAdded" not in shown and "IndicatorAdjusted" not in shown
    assert view_state(session.state, CONTROL, session.scenario) is session.state


def test_undoing_the_reveal_hides_it_all_again(session: Any) -> None:
    changes = session.reveal_everything()
    assert changes.moves and changes.commitments and changes.indicators
    assert session.state.revealed == changes.seq
    session.undo()
    assert session.state.revealed == 0
    again = view_state(session.state, PUBLIC, session.scenario)
    assert not any(private_things(again).values())
    session.redo()
    assert all(private_things(view_state(session.state, PUBLIC, session.scenario)).values())


def test_the_reveal_is_recorded_once_and_named_in_words(session: Any) -> None:
    changes = session.reveal_everything()
    (envelope,) = changes.envelopes
    assert isinstance(envelope.event, ev.EverythingRevealed) and envelope.actor == CONTROL
    with pytest.raises(IllegalTransitionError, match="already revealed"):
        session.reveal_everything()
    reading = envelope.event.reads(envelope.seq, Words(session.scenario, session.state))
    assert reading.what.startswith("Control revealed everything to the room")
    words = Words(session.scenario, session.state)
    assert envelope.event.as_command(envelope.seq, words) == "reveal everything to the room"
    assert event_visible(PUBLIC, envelope, session.state, session.scenario)


def test_the_state_before_the_reveal_stays_private(session: Any) -> None:
    seq = session.reveal_everything().seq
    earlier = session.state_at(seq - 1)
    assert not any(private_things(view_state(earlier, PUBLIC, session.scenario)).values())


def test_a_reveal_survives_reopening_and_passes_the_rules(session: Any, tmp_path: Path) -> None:
    session.reveal_everything()
    path = session.path
    envelopes = list(session.events())
    assert first_breach(session.scenario, envelopes) is None
    twice = [*envelopes, envelopes[-1].__class__(
        seq=envelopes[-1].seq + 1, at=envelopes[-1].at, round=envelopes[-1].round,
        actor=CONTROL, event=ev.EverythingRevealed(),
    )]  # fmt: skip
    breach = first_breach(session.scenario, twice)
    assert breach is not None and "already revealed" in breach.rule
    session.close()
    with Session.open(path, read_only=True) as reopened:
        assert reopened.state.revealed
        seen = view_state(reopened.state, PUBLIC, reopened.scenario)
        assert all(private_things(seen).values())


def test_the_room_s_replay_follows_the_reveal_step_by_step(session: Any) -> None:
    from engine.session.replay import ReplayCursor

    seq = session.reveal_everything().seq
    session.propose_commitment(givers="north", receivers="south", issue="relief",
                               text="LATER-SECRET", visibility=("north",))  # fmt: skip
    cursor = ReplayCursor(session, viewer=PUBLIC, seq=seq - 1)
    assert not any(private_things(cursor.view).values())
    cursor.step_forward()
    assert all(private_things(cursor.view).values())
    cursor.step_forward()  # a private record after the reveal is the room's too
    assert "LATER-SECRET" in {c.text for c in cursor.view.commitments.values()}
    assert cursor.view == view_state(cursor.state, PUBLIC, session.scenario)
    cursor.step_back()
    cursor.step_back()
    assert not any(private_things(cursor.view).values())


def test_the_public_report_follows_the_reveal(session: Any) -> None:
    from engine.report.data import build_report
    from engine.report.html import render_html

    before = render_html(build_report(session, viewer=PUBLIC), timeline=True)
    assert "SECRET-MOVE" not in before and "SECRET-COMMITMENT" not in before
    session.reveal_everything()
    after = render_html(build_report(session, viewer=PUBLIC), timeline=True)
    assert "SECRET-MOVE" in after and "SECRET-COMMITMENT" in after
    assert "CONTROL-NOTE" not in after and "CONTROL-REASON" not in after
