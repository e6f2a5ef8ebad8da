"""The event kinds of team devices (issue 15): join codes, devices, the lobby, the inbox
of submissions, and messages between teams. Kinds like any other:
``engine/domain/events.py`` puts them in ``AnyEvent``, and ``reducer.py`` has one
handler each (``engine/domain/device_reducer.py``).

Accepting a submission is no kind of its own: it is the domain event the submission
becomes (``MoveRecorded``, ``DemandTabled``, ``CommitmentProposed``, ``CommitmentAgreed``,
``CommitmentRefused`` or ``MessageSent``) carrying ``submission``, so that one Undo takes
the accept back and the submission is pending again.

Who sees them: codes, devices and the lobby are Control's alone (a code's or a token's
digest never reaches a team); a submission, its hold and its rejection its team's and
Control's; a message its sender's, its recipients' and Control's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from engine.domain.event_base import (
    CONTROL_ONLY,
    Audience,
    Event,
    Reading,
    _Controls,
)

if TYPE_CHECKING:
    from engine.domain.state import SessionState
    from engine.domain.words import Words
    from engine.scenario.model import Scenario

DeviceRole = Literal["team", "control"]
SubmissionKind = Literal["move", "demand", "proposal", "answer", "message"]
DEVICE_ROLES: tuple[DeviceRole, ...] = ("team", "control")
SUBMISSION_KINDS: tuple[SubmissionKind, ...] = ("move", "demand", "proposal", "answer", "message")


# ---------------------------------------------------------------------- codes and devices


class JoinCodeIssued(_Controls, frozen=True):
    """A join code for one team's devices (or Control's): the save keeps its salted hash
    only (``engine/domain/device_codes.py``); the text is shown once, when issued."""

    role: DeviceRole
    team: str | None
    digest: str

    flags = ("devices",)
    subject = "device"
    creates = "codes"

    def as_command(self, seq: int) -> str:
        return f"issue join code j{seq} ({self.team or 'control'})"

    def reads(self, seq: int, words: Words) -> Reading:
        whose = "Control" if self.role == "control" else words.team(self.team or "")
        return Reading(f"Join code j{seq} issued for {whose}'s devices")


class JoinCodeRevoked(_Controls, frozen=True):
    """A code no longer admits devices (those it admitted stay, until revoked)."""

    code: str

    flags = ("devices",)
    subject = "device"
    refers = (("codes", "code"),)

    def as_command(self, seq: int) -> str:
        return f"revoke join code {self.code}"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading(f"Join code {self.code} revoked")


class DeviceJoined(_Controls, frozen=True):
    """A device joined with a code: its role and team are the code's; the save keeps its
    token's SHA-256 only."""

    code: str
    role: DeviceRole
    team: str | None
    digest: str
    label: str = ""

    flags = ("devices",)
    subject = "device"
    creates = "devices"
    undoable = False  # the device's doing: revoke it instead
    refers = (("codes", "code"),)

    def as_command(self, seq: int) -> str:
        return f"admit device v{seq} ({self.team or 'control'})"

    def reads(self, seq: int, words: Words) -> Reading:
        whose = "Control" if self.role == "control" else words.team(self.team or "")
        label = f" ({self.label})" if self.label else ""
        return Reading(f"Device v{seq}{label} joined for {whose} with code {self.code}")


class DeviceRevoked(_Controls, frozen=True):
    device: str

    flags = ("devices",)
    subject = "device"
    refers = (("devices", "device"),)

    def as_command(self, seq: int) -> str:
        return f"revoke device {self.device}"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading(f"{words.device(self.device)} revoked")


class LobbyLocked(_Controls, frozen=True):
    """No device joins while the lobby is locked (those joined stay)."""

    locked: bool

    flags = ("devices",)
    subject = "device"

    def as_command(self, seq: int) -> str:
        return "lock the lobby" if self.locked else "unlock the lobby"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading("Lobby locked" if self.locked else "Lobby unlocked")


# ---------------------------------------------------------------------- the inbox


class SubmissionReceived(Event, frozen=True):
    """A team's device sent something for Control's inbox: ``payload`` holds the keyword
    arguments of the command it becomes (``docs/devices.md``, "Submission payloads"), as
    the rules read them when it arrived."""

    device: str
    team: str
    what: SubmissionKind
    payload: dict[str, Any]

    flags = ("submissions",)
    subject = "submission"
    creates = "submissions"
    undoable = False  # the team's doing: Control rejects it instead
    refers = (("devices", "device"),)

    def as_command(self, seq: int) -> str:
        return f"receive {self.what} s{seq} from {self.team}'s device"

    def reads(self, seq: int, words: Words) -> Reading:
        text = self.payload.get("text")
        device = words.device(self.device)
        what = f"{words.team(self.team)} submitted {_a(self.what)} (s{seq}) from d{device[1:]}"
        return Reading(what, text=text if isinstance(text, str) else "")

    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        return Audience((self.team,))


class _AboutSubmission(Event, frozen=True):
    """Control's answer to a submission short of accepting it: its team sees it."""

    subject = "submission"
    refers = (("submissions", "submission"),)

    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        found = state.submissions.get(getattr(self, "submission"))  # noqa: B009
        return CONTROL_ONLY if found is None else Audience((found.team,))


class SubmissionHeld(_AboutSubmission, frozen=True):
    submission: str
    note: str = ""

    flags = ("submissions",)

    def as_command(self, seq: int) -> str:
        return f"hold submission {self.submission}"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading(f"{words.submission(self.submission)} held", reason=self.note)


class SubmissionRejected(_AboutSubmission, frozen=True):
    """Turned down; the team sees the reason."""

    submission: str
    reason: str

    flags = ("submissions",)

    def as_command(self, seq: int) -> str:
        return f"reject submission {self.submission}"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading(f"{words.submission(self.submission)} rejected", reason=self.reason)


# ---------------------------------------------------------------------- messages


class MessageSent(Event, frozen=True):
    """A message from a team (or Control) to teams (or Control); Control always sees it."""

    sender: str
    to: tuple[str, ...]
    text: str
    submission: str | None = None

    flags = ("messages",)
    accepts = True
    subject = "message"
    creates = "messages"
    refers = (("submissions", "submission"),)

    def as_command(self, seq: int) -> str:
        return f"send message x{seq} ({self.sender} to {'+'.join(self.to)})"

    def reads(self, seq: int, words: Words) -> Reading:
        what = f"Message from {words.team(self.sender)} to {words.parties(self.to)}"
        return Reading(what, text=self.text)

    def audience(self, seq: int, state: SessionState, scenario: Scenario) -> Audience:
        return Audience(self.to, (self.sender,))


def _a(what: str) -> str:
    return {"answer": "an answer", "message": "a message"}.get(what, f"a {what}")
