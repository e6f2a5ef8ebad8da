"""Control keeps a public indicator off the projector for a while (issue 12, item 3): one
event each way, refused for an unknown, a private or an unchanged indicator, undone like
any other, kept in snapshots, and checked by the audit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from engine.domain import events as ev
from engine.domain.words import Words
from engine.errors import IllegalTransitionError, InvalidCommandError, UnknownRecordError
from engine.scenario import parse_scenario
from engine.session.audit import first_breach
from engine.session.live import Session


@pytest.fixture
def session(tmp_path: Path, minimal_text: str) -> Any:
    text = minimal_text.replace(
        'initial = 60\nscope = "team"', 'initial = 60\nscope = "team"\npublic = false'
    )
    made = Session.create(parse_scenario(text, "room.toml"), tmp_path / "room.parley")
    made.start_round()
    yield made
    made.close()


def test_hiding_and_showing_an_indicator_is_one_event_each_named_in_words(session: Any) -> None:
    changes = session.show_indicator_to_room(indicator="tension", shown=False)
    assert changes.indicators and session.state.room_hidden == ("tension",)
    (env,) = changes.envelopes
    assert isinstance(env.event, ev.IndicatorShownToRoom)
    words = Words(session.scenario, session.state)
    assert env.event.reads(env.seq, words).what == "Control hid Tension from the projector"
    assert env.event.as_command(env.seq, words) == "hide Tension on the projector"
    session.show_indicator_to_room(indicator="tension", shown=True)
    assert session.state.room_hidden == ()


def test_refusals_name_the_indicator_and_write_nothing(session: Any) -> None:
    last = session.last_seq
    with pytest.raises(UnknownRecordError, match="no indicator 'calm'"):
        session.show_indicator_to_room(indicator="calm", shown=False)
    with pytest.raises(InvalidCommandError, match="private: the projector never shows it"):
        session.show_indicator_to_room(indicator="support", shown=False)
    with pytest.raises(IllegalTransitionError, match="already on the projector"):
        session.show_indicator_to_room(indicator="tension", shown=True)
    assert session.last_seq == last


def test_undo_shows_it_again_and_a_reopened_save_keeps_it_hidden(
    session: Any, tmp_path: Path
) -> None:
    session.show_indicator_to_room(indicator="tension", shown=False)
    session.undo()
    assert session.state.room_hidden == ()
    session.redo()
    assert session.state.room_hidden == ("tension",)
    for _ in range(60):  # past a snapshot, so the hidden list is read back from one
        session.add_note(text="n")
    path = session.path
    session.close()
    with Session.open(path, read_only=True) as again:
        assert again.state.room_hidden == ("tension",)
        assert first_breach(again.scenario, again.events()) is None
