"""One record (or team) described in full for Control: the graph's and tables' details.

Records go by the numbers people say aloud (Commitment 3), the stable id beside the
heading only; teams, verifiers and indicators by their names."""

from __future__ import annotations

from html import escape

from engine.domain.events import SHAPE_WORDS, condition_words
from engine.domain.state import SessionState
from engine.domain.words import Words
from engine.scenario.model import Scenario
from ui import theme


def _team(scenario: Scenario, team_id: str) -> str:
    team = scenario.team(team_id)
    if team is None:
        return escape(team_id)
    return f"<span style='color:{team.color}'>&#9632;</span> {escape(team.name)}"


def _rows(rows: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<tr><td style='color:{theme.MUTED}; padding-right:10px' valign='top'>{k}</td>"
        f"<td>{v}</td></tr>"
        for k, v in rows
        if v
    )
    return f"<table cellpadding='2'>{body}</table>"


def _visibility(words: Words, vis: tuple[str, ...] | None) -> str:
    return "public" if vis is None else "private: " + escape(", ".join(map(words.team, vis)))


def _heading(words: Words, record_id: str, title: str = "") -> str:
    said = words.record(record_id)
    stable = f" <small style='color:{theme.MUTED}'>({escape(record_id)})</small>"
    return f"<h3>{escape(said)}{': ' + escape(title) if title else ''}{stable}</h3>"


def record_html(scenario: Scenario, state: SessionState, record_id: str) -> str:
    """Everything Control knows about a move, demand, commitment, agreement or team."""
    if record_id.startswith("team:"):
        return team_html(scenario, state, record_id.removeprefix("team:"))
    words = Words(scenario, state)
    if (m := state.moves.get(record_id)) is not None:
        kind = scenario.move_type(m.move_type)
        return _heading(words, m.id) + _rows([
            ("Team", _team(scenario, m.team)),
            ("Type", escape(kind.name if kind else m.move_type)),
            ("Tone", f"{m.tone:+d}"),
            ("Round", str(m.round)),
            ("Visibility", _visibility(words, m.visibility)),
            ("Text", escape(m.text)),
            ("Outcome", escape(m.outcome or "pending")
             + (f" (rolled {m.roll})" if m.roll is not None else "")),
            ("Method", escape(m.method or "")),
            ("Reason", escape(m.reason)),
            ("Effects", escape(words.effects(m.effects))),
        ])  # fmt: skip
    if (d := state.demands.get(record_id)) is not None:
        issue = scenario.issue(d.issue)
        return _heading(words, d.id) + _rows([
            ("From", _team(scenario, d.from_team)),
            ("To", _team(scenario, d.to_team)),
            ("Issue", escape(issue.name if issue else d.issue)),
            ("Priority", str(d.priority)),
            ("Round", f"{d.round} ({d.round_kind or 'between rounds'})"),
            ("Status", escape(d.status) + (" · surprise demand" if d.surprise else "")),
            ("Visibility", _visibility(words, d.visibility)),
            ("Text", escape(d.text)),
            ("Reason", escape(d.reason)),
        ])  # fmt: skip
    if (c := state.commitments.get(record_id)) is not None:
        issue = scenario.issue(c.issue)
        color = theme.COMMITMENT_COLORS.get(c.status, theme.INK)
        checks = (
            "; ".join(
                f"round {v.round}: {escape(words.verifier(v.verifier))} {v.result}"
                for v in c.verifications
            )
            or "pending"
        )
        return _heading(words, c.id) + _rows([
            ("Givers", ", ".join(_team(scenario, t) for t in c.givers)),
            ("Receivers", ", ".join(_team(scenario, t) for t in c.receivers)),
            ("Tabled by", _team(scenario, c.proposer) + (" (an ask)" if c.ask else "")),
            ("Issue", escape(issue.name if issue else c.issue)
             + (" (tangible)" if issue and issue.tangible else " (intangible)" if issue else "")),
            ("What", escape(c.text)),
            ("Status", f"<b style='color:{color}'>{escape(c.status)}</b>"
             + (f" in response to the breach of {escape(words.record(c.in_response_to))}"
                if c.in_response_to else "")),
            ("Progress", f"{c.progress} %" + (f": {escape(c.progress_note)}"
                                              if c.progress_note else "")),
            ("On condition of",
             escape(", ".join(condition_words(k, words.record) for k in c.conditions))
             or "nothing"),
            ("Due", f"round {c.due_round}" if c.due_round else "no deadline"),
            ("Verification", checks if c.verification else "not required"),
            ("Agreement", escape(words.record(c.agreement) if c.agreement else "")),
            ("Proposed", f"round {c.round}"),
            ("Visibility", _visibility(words, c.visibility)),
            ("Reason", escape(c.reason)),
        ])  # fmt: skip
    if (a := state.agreements.get(record_id)) is not None:
        return _heading(words, a.id, a.title) + _rows([
            ("Round", str(a.round)),
            ("Teams", ", ".join(_team(scenario, t) for t in a.teams)),
            ("Signed by", ", ".join(_team(scenario, t) for t in a.signatories) or "its parties"),
            ("Shape", escape(SHAPE_WORDS.get(a.shape or "", "not named"))
             + (f", after {escape(words.record(a.follows))}" if a.follows else "")),
            ("Commitments", escape(words.records(a.commitments))),
            ("Visibility", _visibility(words, a.visibility)),
        ])  # fmt: skip
    return f"<p>No record {escape(record_id)} in this session (undone?).</p>"


def team_html(scenario: Scenario, state: SessionState, team_id: str) -> str:
    team = scenario.team(team_id)
    if team is None:
        return f"<p>No team {escape(team_id)}.</p>"
    given = [c for c in state.commitments.values() if team_id in c.givers]
    received = [c for c in state.commitments.values() if team_id in c.receivers]

    def count(items: list, status: str) -> int:
        return sum(1 for c in items if c.status == status)

    return f"<h3>{_team(scenario, team_id)}</h3>" + _rows([
        ("Leader", escape(team.leader)),
        ("Gives", f"{len(given)} commitments: {count(given, 'fulfilled')} fulfilled, "
                  f"{count(given, 'broken')} broken"),
        ("Receives", f"{len(received)} commitments"),
    ])  # fmt: skip
