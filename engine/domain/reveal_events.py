"""Control's "Reveal all": at the end of a session, the room is shown everything the teams
were shown. A kind like any other: ``engine/domain/events.py`` puts it in ``AnyEvent``,
``reducer.py`` has its handler (it sets ``SessionState.revealed``), and
``engine.domain.visibility`` reads that: from then on the public viewer (the projector,
the public report, "as seen by" the room) sees every move, demand, commitment, agreement,
inject and indicator value that at least one team could see. What was Control's alone
(notes, bookmarks, the reasons of adjustments) stays Control's. Undo hides it all again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.domain.event_base import Reading, _Controls, _Public

if TYPE_CHECKING:
    from engine.domain.words import Words

REVEALED_WORDS = (
    "private moves, demands, commitments, agreements, injects, messages and indicator values"
)


class EverythingRevealed(_Public, frozen=True):
    """Control reveals everything the teams saw to the room (once a session)."""

    flags = ("moves", "demands", "commitments", "agreements", "indicators", "injects")
    subject = "round"  # a moment of the session, filed with its rounds

    def as_command(self, seq: int, words: Words) -> str:
        return "reveal everything to the room"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading(f"Control revealed everything to the room: {REVEALED_WORDS} are now public")


class IndicatorShownToRoom(_Controls, frozen=True):
    """Control hides a public indicator from the projector, or shows it again: a private
    inject need not give itself away by a meter the room watches move. The teams it
    concerns still see its values on their own pages; the log keeps the values."""

    indicator: str
    shown: bool

    flags = ("indicators",)
    subject = "indicator"

    def as_command(self, seq: int, words: Words) -> str:
        name = words.indicator(self.indicator)
        return f"{'show' if self.shown else 'hide'} {name} on the projector"

    def reads(self, seq: int, words: Words) -> Reading:
        name = words.indicator(self.indicator)
        if self.shown:
            return Reading(f"Control showed {name} on the projector again")
        return Reading(f"Control hid {name} from the projector")
