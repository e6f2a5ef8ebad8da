"""Compare two saves: where their logs part, and how their sessions differ at the end.

Two events are the same when their kind, payload, round and actor are (wall times are
not compared). The end states are compared on what a debrief asks about: indicator
values, commitments and their status, and agreements.

Records are named after the seq of the event that made them (``c17``), so the same name
in two saves that parted before event 17 may be two different commitments. A record is
therefore matched by its name *and* what it is (giver, receiver, issue, text; an
agreement's title and teams); those left over are matched by what they are alone, and
the rest are "only in A" or "only in B".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import msgspec

from engine.domain import events as ev
from engine.domain.state import Agreement, Commitment, SessionState
from engine.domain.versions import decode
from engine.domain.words import Words
from engine.errors import DomainError
from engine.session.live import Session

CHUNK = 5000
TEXT_WIDTH = 100  # of what a person typed, quoted after the event


@dataclass(frozen=True)
class SaveInfo:
    path: str
    events: int
    scenario: str
    parent: str = ""  # the parent save named in the metadata of a branch
    parent_seq: int | None = None


@dataclass(frozen=True)
class EventLine:
    seq: int
    round: int
    actor: str
    kind: str
    payload: str
    who: str = ""  # the actor's name, and the event as the log reads it (``reads``)
    said: str = ""


@dataclass(frozen=True)
class Parting:
    """The first seq where the logs differ; a side is None where its log has ended."""

    seq: int
    a: EventLine | None
    b: EventLine | None


@dataclass(frozen=True)
class IndicatorDiff:
    key: str
    a: float | None
    b: float | None
    name: str = ""  # "Trust (USA in DPRK)", as the log names it


@dataclass(frozen=True)
class CommitmentLine:
    id: str
    giver: str
    receiver: str
    issue: str
    text: str
    status: str
    said: str = ""  # "Commitment 3: United States to Japan, Sanctions relief"


@dataclass(frozen=True)
class StatusDiff:
    a: CommitmentLine
    b: CommitmentLine


@dataclass(frozen=True)
class AgreementLine:
    id: str
    round: int
    title: str
    teams: tuple[str, ...]
    commitments: tuple[str, ...]
    said: str = ""  # "Agreement 1 (United States, Japan: Commitment 2, Commitment 3)"


@dataclass(frozen=True)
class SaveDiff:
    a: SaveInfo
    b: SaveInfo
    relation: str  # "B branches from A after event 57", or ""
    parting: Parting | None  # None: the same events
    indicators: tuple[IndicatorDiff, ...] = ()
    commitments_only_a: tuple[CommitmentLine, ...] = ()
    commitments_only_b: tuple[CommitmentLine, ...] = ()
    commitment_status: tuple[StatusDiff, ...] = ()
    agreements_only_a: tuple[AgreementLine, ...] = ()
    agreements_only_b: tuple[AgreementLine, ...] = ()
    same_scenario: bool = field(default=True)

    @property
    def identical(self) -> bool:
        return self.parting is None

    def to_json(self) -> dict[str, Any]:
        return {"identical": self.identical, **asdict(self)}


# ---------------------------------------------------------------------- comparing


def diff_saves(a_path: str | Path, b_path: str | Path) -> SaveDiff:
    """Open both saves read-only (a live session may be writing them) and compare."""
    with Session.open(a_path, read_only=True) as a, Session.open(b_path, read_only=True) as b:
        return diff_sessions(a, b)


def diff_sessions(a: Session, b: Session) -> SaveDiff:
    info_a, info_b = _info(a), _info(b)
    parting = first_parting(a, b)
    words_a, words_b = _words(a), _words(b)
    if parting is not None:
        parting = Parting(parting.seq, _said(words_a, parting.a), _said(words_b, parting.b))
    found = SaveDiff(
        a=info_a,
        b=info_b,
        relation=_relation(a, b, info_a, info_b),
        parting=parting,
        same_scenario=a.scenario.id == b.scenario.id and a.scenario.source == b.scenario.source,
    )
    if found.parting is None:
        return found
    only_a, only_b, status = _commitments(a.state, b.state)
    only_a = tuple(_commitment_said(words_a, c) for c in only_a)
    only_b = tuple(_commitment_said(words_b, c) for c in only_b)
    status = tuple(
        StatusDiff(_commitment_said(words_a, d.a), _commitment_said(words_b, d.b)) for d in status
    )
    agreements_a, agreements_b = _agreements(a.state, b.state)
    agreements_a = tuple(_agreement_said(words_a, g) for g in agreements_a)
    agreements_b = tuple(_agreement_said(words_b, g) for g in agreements_b)
    return replace(
        found,
        indicators=tuple(
            replace(i, name=words_a.indicator(i.key)) for i in _indicators(a.state, b.state)
        ),
        commitments_only_a=only_a,
        commitments_only_b=only_b,
        commitment_status=status,
        agreements_only_a=agreements_a,
        agreements_only_b=agreements_b,
    )


def _words(session: Session) -> Words:
    """Names for one save's ids and records (its end state holds every record)."""

    def lookup(seq: int) -> ev.Event | None:
        try:
            return session.envelope(seq).event
        except DomainError:
            return None

    return Words(session.scenario, session.state, lookup)


def _said(words: Words, line: EventLine | None) -> EventLine | None:
    """The line with its event read as the log reads it (its payload, if it cannot be)."""
    if line is None:
        return None
    try:
        event = decode(line.payload)
    except msgspec.ValidationError:
        return line
    reading = event.reads(line.seq, words)
    said = reading.what
    if reading.text:
        text = " ".join(reading.text.split())
        said += f': "{text if len(text) <= TEXT_WIDTH else text[: TEXT_WIDTH - 1] + "…"}"'
    if reading.reason:
        said += f" (reason: {reading.reason})"
    return replace(line, who=words.team(line.actor), said=said)


def _commitment_said(words: Words, c: CommitmentLine) -> CommitmentLine:
    said = (
        f"{words.record(c.id)}: {words.team(c.giver)} to {words.team(c.receiver)}, "
        f"{words.issue(c.issue)}"
    )
    return replace(c, said=said)


def _agreement_said(words: Words, g: AgreementLine) -> AgreementLine:
    teams = ", ".join(words.team(t) for t in g.teams)
    return replace(g, said=f"{words.record(g.id)} ({teams}: {words.records(g.commitments)})")


def first_parting(a: Session, b: Session) -> Parting | None:
    """The first event where the logs differ (kind, payload, round, actor), or None."""
    for line_a, line_b in _pairs(a, b):
        if line_a is None or line_b is None or _key(line_a) != _key(line_b):
            seq = (line_a or line_b).seq  # type: ignore[union-attr]
            return Parting(seq, line_a, line_b)
    return None


def _pairs(a: Session, b: Session) -> Iterator[tuple[EventLine | None, EventLine | None]]:
    last = max(a.last_seq, b.last_seq)
    for start in range(1, last + 1, CHUNK):
        rows_a = _lines(a, start, min(start + CHUNK, a.last_seq + 1))
        rows_b = _lines(b, start, min(start + CHUNK, b.last_seq + 1))
        for i in range(max(len(rows_a), len(rows_b))):
            yield (rows_a[i] if i < len(rows_a) else None, rows_b[i] if i < len(rows_b) else None)


def _lines(session: Session, start: int, stop: int) -> list[EventLine]:
    if start >= stop:
        return []
    return [
        EventLine(int(seq), int(rnd), str(actor), str(kind), str(payload))  # type: ignore[call-overload]
        for seq, _at, rnd, actor, kind, payload in session.store.raw_rows(start, stop)
    ]


def _key(line: EventLine) -> tuple[int, str, str, str]:
    return (line.round, line.actor, line.kind, line.payload)


def _info(session: Session) -> SaveInfo:
    meta = session.meta
    seq = meta.get("parent_seq")
    return SaveInfo(
        path=str(session.path),
        events=session.last_seq,
        scenario=session.scenario.id,
        parent=meta.get("parent_path", ""),
        parent_seq=int(seq) if seq and seq.isdigit() else None,
    )


def _relation(a: Session, b: Session, info_a: SaveInfo, info_b: SaveInfo) -> str:
    for child, parent, name, other in ((b, a, "B", "A"), (a, b, "A", "B")):
        info = info_b if child is b else info_a
        if not info.parent or info.parent_seq is None:
            continue
        if Path(info.parent).resolve() != parent.path.resolve():
            continue
        seq = info.parent_seq
        expected = child.meta.get("parent_log_hash", "")
        if seq <= parent.last_seq and parent.log_hash(seq) == expected:
            return f"{name} branches from {other} after event {seq}"
        return f"{name} names {other} as its parent, but {other}'s log up to {seq} has changed"
    return ""


def _indicators(a: SessionState, b: SessionState) -> tuple[IndicatorDiff, ...]:
    keys = list(dict.fromkeys([*a.indicators, *b.indicators]))
    out = []
    for key in keys:
        va, vb = a.indicators.get(key), b.indicators.get(key)
        if va is None or vb is None or abs(va - vb) > 1e-9:
            out.append(IndicatorDiff(key, va, vb))
    return tuple(out)


def _commitment_key(c: Commitment) -> tuple[str, str, str, str]:
    return (",".join(c.givers), ",".join(c.receivers), c.issue, c.text)


def _line(c: Commitment) -> CommitmentLine:
    return CommitmentLine(
        c.id, ",".join(c.givers), ",".join(c.receivers), c.issue, c.text, c.status
    )


def _commitments(
    a: SessionState, b: SessionState
) -> tuple[tuple[CommitmentLine, ...], tuple[CommitmentLine, ...], tuple[StatusDiff, ...]]:
    pairs, only_a, only_b = _match(dict(a.commitments.items()), dict(b.commitments.items()),
                                   _commitment_key)  # fmt: skip
    status = tuple(StatusDiff(_line(x), _line(y)) for x, y in pairs if x.status != y.status)
    return tuple(map(_line, only_a)), tuple(map(_line, only_b)), status


def _agreement_key(g: Agreement) -> tuple[str, tuple[str, ...]]:
    return (g.title, g.teams)


def _agreement_line(g: Agreement) -> AgreementLine:
    return AgreementLine(g.id, g.round, g.title, g.teams, g.commitments)


def _agreements(
    a: SessionState, b: SessionState
) -> tuple[tuple[AgreementLine, ...], tuple[AgreementLine, ...]]:
    _, only_a, only_b = _match(dict(a.agreements.items()), dict(b.agreements.items()),
                               _agreement_key)  # fmt: skip
    return tuple(map(_agreement_line, only_a)), tuple(map(_agreement_line, only_b))


def _match(
    a: dict[str, Any], b: dict[str, Any], key: Any
) -> tuple[list[Any], list[Any], list[Any]]:
    """(pairs, only in a, only in b): by id and key first, then by key alone, in order."""
    pairs = [(x, b[i]) for i, x in a.items() if i in b and key(x) == key(b[i])]
    paired = {x.id for x, _ in pairs}
    rest_a = [x for i, x in a.items() if i not in paired]
    rest_b = [y for i, y in b.items() if i not in paired]
    waiting: dict[Any, list[Any]] = {}
    for y in rest_b:
        waiting.setdefault(key(y), []).append(y)
    only_a = []
    for x in rest_a:
        candidates = waiting.get(key(x))
        if candidates:
            pairs.append((x, candidates.pop(0)))
        else:
            only_a.append(x)
    only_b = [y for ys in waiting.values() for y in ys]
    only_b.sort(key=lambda y: y.seq)
    return pairs, only_a, only_b
