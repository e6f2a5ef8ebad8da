"""Hand-built records for the analytics tests: a scenario and states made from records."""

from __future__ import annotations

import msgspec

from engine.domain.events import Condition, VerificationResult
from engine.domain.state import (
    Agreement,
    Commitment,
    CommitmentStatus,
    Demand,
    Move,
    SessionState,
    Verification,
)
from engine.scenario.model import Issue, Phase, Round, Scenario, Team

TEAMS = ("usa", "dprk", "rok", "china")
KINDS = ("working", "summit", "working", "summit", "working", "summit")


def scenario(teams: tuple[str, ...] = TEAMS) -> Scenario:
    return Scenario(
        id="hand_built",
        title="Hand-built case",
        format=1,
        summary="",
        background="",
        teams=tuple(Team(t, t.upper(), "#336699", "Leader", "", "", (), ()) for t in teams),
        indicators=(),
        issues=(
            Issue("relief", "Sanctions relief", True, ""),
            Issue("yongbyon", "Dismantle Yongbyon", True, ""),
            Issue("peace", "End-of-war declaration", False, ""),
            Issue("liaison", "Liaison offices", False, ""),
            Issue("projects", "Inter-Korean projects", False, ""),
            Issue("aid", "Aid", True, ""),
            Issue("moratorium", "Test moratorium", True, ""),
            Issue("abductees", "Abductees", False, ""),
        ),
        move_types=(),
        rounds=tuple(
            Round(n, kind, f"Round {n}", 30.0, teams, (Phase("negotiate", 30.0),))  # type: ignore[arg-type]
            for n, kind in enumerate(KINDS, 1)
        ),
        injects=(),
    )


def commitment(
    seq: int,
    giver: str | tuple[str, ...] = "usa",
    receiver: str | tuple[str, ...] = "dprk",
    *,
    conditions: tuple[int | Condition, ...] = (),
    status: CommitmentStatus = "proposed",
    issue: str = "relief",
    round: int = 1,
    status_round: int | None = None,
    verified: bool | VerificationResult | None = None,
    **more: object,
) -> Commitment:
    """``conditions``: an int n is "c<n> fulfilled"; ``verified``: one verification by
    Control with that result (True confirmed, False failed)."""
    givers = (giver,) if isinstance(giver, str) else giver
    receivers = (receiver,) if isinstance(receiver, str) else receiver
    if verified is not None:
        result = {True: "confirmed", False: "failed"}.get(verified, verified)  # type: ignore[call-overload]
        more["verifications"] = (Verification(seq, round, "control", result),)
    made = Commitment(
        id=f"c{seq}",
        seq=seq,
        round=round,
        givers=givers,
        receivers=receivers,
        proposer=givers[0],
        issue=issue,
        text=f"promise {seq}",
        conditions=tuple(
            c if isinstance(c, Condition) else Condition("commitment", f"c{c}") for c in conditions
        ),
        due_round=None,
        verification=False,
        visibility=None,
        status=status,
        status_round=status_round if status_round is not None else round,
    )
    return msgspec.structs.replace(made, **more)


def demand(
    seq: int, from_team: str, to_team: str, issue: str, round: int, **more: object
) -> Demand:
    return Demand(
        id=f"d{seq}",
        seq=seq,
        round=round,
        round_kind=KINDS[round - 1],  # type: ignore[arg-type]
        from_team=from_team,
        to_team=to_team,
        issue=issue,
        priority=1,
        text=f"demand {seq}",
        visibility=None,
        **more,  # type: ignore[arg-type]
    )


def move(seq: int, team: str, round: int, tone: int, public: bool = True) -> Move:
    return Move(
        id=f"m{seq}",
        seq=seq,
        round=round,
        team=team,
        move_type="statement",
        tone=tone,
        text="",
        visibility=None if public else (team,),
        targets=(),
    )


def agreement(
    seq: int,
    round: int,
    *commitments: Commitment,
    signatories: tuple[str, ...] = (),
    **more: object,
) -> Agreement:
    teams = {t for c in commitments for t in (*c.givers, *c.receivers)} | set(signatories)
    return Agreement(
        id=f"a{seq}",
        seq=seq,
        round=round,
        title=f"agreement {seq}",
        commitments=tuple(c.id for c in commitments),
        teams=tuple(t for t in TEAMS if t in teams),
        visibility=None,
        signatories=signatories,
        **more,  # type: ignore[arg-type]
    )


def state(*records: Commitment | Demand | Move | Agreement, round: int = 1) -> SessionState:
    built = SessionState(round=round, round_open=True)
    for record in records:
        if isinstance(record, Commitment):
            built.commitments[record.id] = record
        elif isinstance(record, Demand):
            built.demands[record.id] = record
        elif isinstance(record, Move):
            built.moves[record.id] = record
        else:
            built.agreements[record.id] = record
        built.seq = max(built.seq, record.seq)
    return built
