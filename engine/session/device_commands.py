"""The commands of team devices (issue 15): codes, devices, the lobby, the inbox, messages.

Mixed into ``Session`` (and the audit's rehearsal) beside ``SessionCommands``; like every
command they take keyword-only arguments, check the rules first (a ``DomainError`` with
nothing written) and append one event. They run on the thread that owns the session.

A submission is checked when it arrives by the very command it becomes, run dry (it
hands back the event it would write, and writes nothing): an illegal move is refused
from the device at once. Accepting runs that command for real, with the submission's
payload (and Control's edits over it); the event it writes carries ``submission``, so
one Undo takes the accept back. ``acting_device`` records the Control device that takes
the events committed inside it (their ``by_device``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from msgspec.structs import replace

from engine.domain import device_codes as codes
from engine.domain import events as ev
from engine.domain.device_payloads import ANSWERS, PAYLOAD_KEYS, payload_of
from engine.domain.events import CONTROL, DEVICE_ROLES, SUBMISSION_KINDS
from engine.domain.rules import Rules
from engine.domain.state import (
    Changes,
    Device,
    JoinCode,
    SessionState,
    Submission,
    code_id,
    device_id,
)
from engine.errors import (
    IllegalTransitionError,
    InvalidCommandError,
    JoinRefusedError,
    UnknownRecordError,
)
from engine.scenario.model import Scenario

MAX_LABEL = 80  # a device's label (its browser's name, say)
MAX_TEXT = 4000  # a message's text


class _Dry(Exception):
    """What a command would append, run dry (raised by ``_prepared``, never written)."""

    def __init__(self, event: ev.AnyEvent, actor: str) -> None:
        super().__init__(type(event).__name__)
        self.event = event
        self.actor = actor


class DeviceCommands:
    """Mixed into ``Session``; see ``engine/session/live.py`` for the log and the store."""

    scenario: Scenario
    rules: Rules
    state: SessionState
    secrets: codes.Secrets = codes.SystemSecrets()
    _dry: bool = False  # run a command dry: ``_prepared`` raises ``_Dry``
    _accepting: str | None = None  # the submission the command's event accepts
    _acting: str | None = None  # the Control device taking the events (``acting_device``)

    def _commit(self, event: ev.AnyEvent, actor: str) -> Changes:
        raise NotImplementedError

    def _prepared(self, event: ev.AnyEvent, actor: str) -> ev.AnyEvent:
        """The event as it is written (every ``_commit`` calls this first): marked with
        the submission it accepts and the device that took it; run dry, it goes no
        further."""
        if self._dry:
            raise _Dry(event, actor)
        if self._accepting is not None:
            if "submission" not in type(event).__struct_fields__:  # pragma: no cover
                raise AssertionError(f"{type(event).__name__} cannot accept a submission")
            event = replace(event, submission=self._accepting)
            self._accepting = None
        if self._acting is not None:
            event = replace(event, by_device=self._acting)
        return event

    # ------------------------------------------------------------------ codes

    def issue_code(self, *, role: str, team: str | None = None) -> tuple[str, str]:
        """A new join code for ``team``'s devices (role "team") or Control's (role
        "control", no team): ``(code id, code text)``, the text shown ``ABCD-EFGH-JKLM``.
        The text is told once: the save keeps only its salted hash."""
        text = self.secrets.code()
        digest = codes.code_digest(text, self.secrets.salt())
        changes = self._issue_code(role=role, team=team, digest=digest)
        return code_id(changes.seq), codes.shown(text)

    def _issue_code(self, *, role: str, team: str | None, digest: str) -> Changes:
        if role not in DEVICE_ROLES:
            raise InvalidCommandError(
                f"a join code is for {' or '.join(DEVICE_ROLES)}, not {role!r}"
            )
        if role == "team":
            if team is None:
                raise InvalidCommandError("a team's join code names its team")
            self.rules.team(team)
        elif team is not None:
            raise InvalidCommandError("a Control join code names no team")
        if not codes.well_formed_code_digest(digest):
            raise InvalidCommandError("a join code's digest is not one Parley writes")
        event = ev.JoinCodeIssued(role, team, digest)
        return self._commit(event, CONTROL)

    def code(self, code: str) -> JoinCode:
        found = self.state.codes.get(code) if isinstance(code, str) else None
        if found is None:
            raise UnknownRecordError(f"no join code {code!r} in this session ({self.scenario.id})")
        return found

    def revoke_code(self, *, code: str) -> Changes:
        """The code admits no more devices (those it admitted stay until revoked)."""
        found = self.code(code)
        if not found.active:
            raise IllegalTransitionError(f"join code {code} is already revoked")
        return self._commit(ev.JoinCodeRevoked(code), CONTROL)

    # ------------------------------------------------------------------ devices

    def join(self, *, code_text: str, label: str = "") -> tuple[str, str]:
        """Admit a device with a join code: ``(device id, token)``. The token is told
        once (the device keeps it in a cookie); the save keeps only its SHA-256. A
        ``JoinRefusedError`` says why not: "wrong code", "revoked code", "lobby locked"."""
        if self.state.lobby_locked:
            raise JoinRefusedError("the lobby is locked: no device joins", reason="lobby locked")
        typed = codes.normalized(code_text)
        found = self._matching(typed) if typed is not None else None
        if found is None:
            raise JoinRefusedError("that is not a join code of this session", reason="wrong code")
        if not found.active:
            raise JoinRefusedError(f"join code {found.id} was revoked", reason="revoked code")
        token = self.secrets.token()
        digest = codes.token_digest(token)
        changes = self._join(code=found.id, digest=digest, label=_label(label))
        return device_id(changes.seq), token

    def _matching(self, typed: str) -> JoinCode | None:
        """The code ``typed`` is: the active codes are tried first, then the revoked."""
        ordered = sorted(self.state.codes.values(), key=lambda c: (not c.active, c.seq))
        return next((c for c in ordered if codes.code_matches(typed, c.digest)), None)

    def _join(self, *, code: str, digest: str, label: str = "") -> Changes:
        found = self.code(code)
        if self.state.lobby_locked:
            raise JoinRefusedError("the lobby is locked: no device joins", reason="lobby locked")
        if not found.active:
            raise JoinRefusedError(f"join code {code} was revoked", reason="revoked code")
        if not codes.well_formed_token_digest(digest):
            raise InvalidCommandError("a device token's digest is not one Parley writes")
        if not isinstance(label, str) or len(label) > MAX_LABEL or label != _label(label):
            raise InvalidCommandError(
                f"a device's label is one line of at most {MAX_LABEL} characters"
            )
        event = ev.DeviceJoined(found.id, found.role, found.team, digest, label)
        return self._commit(event, CONTROL)

    def device(self, device: str) -> Device:
        found = self.state.devices.get(device) if isinstance(device, str) else None
        if found is None:
            raise UnknownRecordError(f"no device {device!r} in this session ({self.scenario.id})")
        return found

    def device_of(self, token: str) -> Device | None:
        """The active device whose token this is (None: no device, or a revoked one)."""
        if not isinstance(token, str) or not token:
            return None
        digest = codes.token_digest(token)
        return next(
            (d for d in self.state.devices.values() if d.active and d.digest == digest), None
        )

    def active_device(self, device: str) -> Device:
        found = self.device(device)
        if not found.active:
            raise IllegalTransitionError(f"device {device} was revoked")
        return found

    def revoke_device(self, *, device: str) -> Changes:
        """The device is shut out: its token opens nothing any more."""
        found = self.device(device)
        if not found.active:
            raise IllegalTransitionError(f"device {device} is already revoked")
        return self._commit(ev.DeviceRevoked(device), CONTROL)

    def lock_lobby(self, *, locked: bool) -> Changes:
        """Locked, no device joins (those joined stay); unlocked, codes admit again."""
        if not isinstance(locked, bool):
            raise InvalidCommandError(f"locked is true or false, not {locked!r}")
        if locked == self.state.lobby_locked:
            raise IllegalTransitionError(
                f"the lobby is already {'locked' if locked else 'unlocked'}"
            )
        return self._commit(ev.LobbyLocked(locked), CONTROL)

    @contextmanager
    def acting_device(self, device: str | None) -> Iterator[None]:
        """Events committed inside are recorded as taken by this Control device (its
        ``by_device``); ``None`` takes them at the window, as outside."""
        if device is not None:
            found = self.active_device(device)
            if found.role != "control":
                raise InvalidCommandError(
                    f"device {device} is {found.team}'s: only a Control device acts "
                    "directly (a team's device submits)"
                )
        before = self._acting
        self._acting = device
        try:
            yield
        finally:
            self._acting = before

    # ------------------------------------------------------------------ the inbox

    def submit(self, *, device: str, what: str, payload: dict[str, Any]) -> Changes:
        """A team's device sends something for Control's inbox. Its team is the device's;
        the payload is checked by the rules of the command it becomes, and kept as they
        read it (``engine/domain/device_payloads.py``)."""
        found = self.active_device(device)
        if found.role != "team" or found.team is None:
            raise InvalidCommandError(
                f"device {device} is Control's: it acts directly rather than submitting"
            )
        if what not in SUBMISSION_KINDS:
            raise InvalidCommandError(
                f"a device submits {', '.join(SUBMISSION_KINDS)}, not {what!r}"
            )
        event = self._rehearsed(found.team, what, payload)
        read = payload_of(event)
        assert read is not None
        return self._commit(ev.SubmissionReceived(device, found.team, what, read[1]), found.team)

    def submission(self, submission: str) -> Submission:
        found = self.state.submissions.get(submission) if isinstance(submission, str) else None
        if found is None:
            raise UnknownRecordError(
                f"no submission {submission!r} in this session ({self.scenario.id})"
            )
        return found

    def _open(self, submission: str, verb: str) -> Submission:
        found = self.submission(submission)
        if not found.open:
            raise IllegalTransitionError(
                f"submission {submission} is {found.status}: only a pending or held one is {verb}"
            )
        return found

    def accept(self, *, submission: str, edits: dict[str, Any] | None = None) -> Changes:
        """Accept a pending or held submission, optionally edited (``edits`` over its
        payload): the command it becomes runs, and its event says which submission it
        accepts (Undo takes both back at once)."""
        found = self._open(submission, "accepted")
        payload = dict(found.payload)
        if edits:
            if not isinstance(edits, dict):
                raise InvalidCommandError("edits are a mapping of payload keys to values")
            unknown = sorted(set(edits) - set(PAYLOAD_KEYS[found.what]), key=str)
            if unknown:
                raise InvalidCommandError(
                    f"{found.what} has no {unknown[0]!r} to edit (it has "
                    f"{', '.join(PAYLOAD_KEYS[found.what])})"
                )
            payload.update(edits)
        self._accepting = submission
        try:
            return self._become(found.team, found.what, payload)
        finally:
            self._accepting = None

    def hold(self, *, submission: str, note: str = "") -> Changes:
        """Keep a submission waiting, with a note (its team sees it, as it sees why a
        submission was rejected)."""
        self._open(submission, "held")
        if not isinstance(note, str):
            raise InvalidCommandError("a hold's note is text")
        return self._commit(ev.SubmissionHeld(submission, note), CONTROL)

    def reject(self, *, submission: str, reason: str) -> Changes:
        """Turn a submission down; its team sees the reason."""
        self._open(submission, "rejected")
        reason = self.rules.text(reason, "the reason for rejecting a submission")
        return self._commit(ev.SubmissionRejected(submission, reason), CONTROL)

    # ------------------------------------------------------------------ messages

    def send_message(self, *, sender: str, to: Iterable[str] | str, text: str) -> Changes:
        """A message from a team (or Control) to teams (or Control); Control always sees
        it. It is the sender's to send: a team's device submits it instead."""
        if sender != CONTROL:
            self.rules.team(sender)
        if isinstance(to, str):
            to = (to,)
        recipients = tuple(dict.fromkeys(t if t == CONTROL else self.rules.team(t) for t in to))
        if not recipients:
            raise InvalidCommandError("a message is sent to at least one team (or Control)")
        if sender in recipients:
            raise InvalidCommandError(f"{sender!r} cannot send a message to itself")
        text = self.rules.text(text, "a message")
        if len(text) > MAX_TEXT:
            raise InvalidCommandError(f"a message is at most {MAX_TEXT} characters")
        return self._commit(ev.MessageSent(sender, recipients, text), sender)

    # ------------------------------------------------------------------ payloads

    def _rehearsed(self, team: str, what: str, payload: dict[str, Any]) -> ev.AnyEvent:
        """The event ``payload`` would become for ``team`` now (nothing is written)."""
        self._dry = True
        try:
            self._become(team, what, payload)
        except _Dry as made:
            return made.event
        finally:
            self._dry = False
        raise AssertionError(f"the command for a {what} wrote nothing")  # pragma: no cover

    def _become(self, team: str, what: str, payload: dict[str, Any]) -> Changes:
        """Run the command a submission becomes, its team the device's."""
        if not isinstance(payload, dict):
            raise InvalidCommandError(f"a {what}'s payload is a mapping of its fields")
        keys = PAYLOAD_KEYS[what]
        unknown = sorted(set(payload) - set(keys), key=str)
        if unknown:
            raise InvalidCommandError(
                f"a {what} has no field {unknown[0]!r} (its fields: {', '.join(keys)})"
            )
        missing = [k for k, default in keys.items() if default is ... and k not in payload]
        if missing:
            raise InvalidCommandError(f"a {what} needs {', '.join(missing)}")
        args = {k: payload.get(k, default) for k, default in keys.items()}
        for key, value in args.items():
            _typed(what, key, value)
        commands: Any = self
        if what == "move":
            return commands.record_move(team=team, **args)
        if what == "demand":
            return commands.table_demand(from_team=team, **args)
        if what == "proposal":
            args["conditions"] = [_condition(c) for c in _listed(args["conditions"], "conditions")]
            if not isinstance(args["verification"], bool):
                raise InvalidCommandError("a proposal's verification is true or false")
            return commands.propose_commitment(proposer=team, **args)
        if what == "answer":
            return self._answer(team, **args)
        return self.send_message(sender=team, to=args["to"], text=args["text"])

    def _answer(self, team: str, *, commitment: str, answer: str, reason: str) -> Changes:
        if answer not in ANSWERS:
            raise InvalidCommandError(f"an answer is {' or '.join(ANSWERS)}, not {answer!r}")
        found = self.rules.commitment(self.state, commitment)
        side = found.givers if found.ask else found.receivers
        if team not in side:
            raise InvalidCommandError(
                f"commitment {commitment} is not addressed to {team!r}: "
                f"{', '.join(side)} answer{'s' if len(side) == 1 else ''} it"
            )
        commands: Any = self
        if answer == "agree":
            return commands.agree_commitment(commitment=commitment, reason=reason)
        return commands.refuse_commitment(commitment=commitment, reason=reason)


def _listed(value: object, what: str) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise InvalidCommandError(f"a proposal's {what} are a list")
    return list(value)


def _condition(value: object) -> object:
    """A condition as a payload gives it: ``{"kind": ..., "ref": ...}``, a pair, or a
    commitment id."""
    if isinstance(value, dict):
        if set(value) != {"kind", "ref"}:
            raise InvalidCommandError("a condition has a kind and a ref")
        value = (value["kind"], value["ref"])
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, str) for v in value)
    ):
        return tuple(value)
    if isinstance(value, str):
        return value
    raise InvalidCommandError(f"{_short(value)} is not a condition (a kind and a ref)")


_TEXT = (str,)
_TEAMS = (list, tuple)
_VISIBILITY = (str, list, tuple, type(None))
# The JSON types of each payload key (the rules then check the values themselves).
_TYPES: dict[str, tuple[type, ...]] = {
    "move_type": _TEXT, "tone": (int,), "text": _TEXT, "visibility": _VISIBILITY,
    "targets": _TEAMS, "to_team": _TEXT, "issue": _TEXT, "priority": (int,),
    "givers": (str, list, tuple), "receivers": (str, list, tuple), "conditions": _TEAMS,
    "due_round": (int, type(None)), "verification": (bool,), "commitment": _TEXT,
    "answer": _TEXT, "reason": _TEXT, "to": (str, list, tuple),
}  # fmt: skip


def _typed(what: str, key: str, value: object) -> None:
    """A payload value of the JSON type its key takes (a tone is a whole number, a text
    is text, a list of teams is a list of ids): else a message naming the field."""
    kinds = _TYPES[key]
    ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
    if ok and isinstance(value, list | tuple) and key != "conditions":
        ok = all(isinstance(item, str) for item in value)
    if not ok:
        raise InvalidCommandError(f"a {what}'s {key} cannot be {_short(value)}")


def _short(value: object) -> str:
    """A value as a message quotes it: a long one cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _label(label: object) -> str:
    """A device's label as kept: one line of printable text, at most ``MAX_LABEL``
    characters (a browser's name may be anything: it is cut, never refused)."""
    if not isinstance(label, str):
        return ""
    line = " ".join("".join(c if c.isprintable() else " " for c in label).split())
    return line[:MAX_LABEL].rstrip()
