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
from ui.i18n import translate


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
            (translate("ui.details", "Team"), _team(scenario, m.team)),
            (translate("ui.details", "Type"), escape(kind.name if kind else m.move_type)),
            (translate("ui.details", "Tone"), f"{m.tone:+d}"),
            (translate("ui.details", "Round"), str(m.round)),
            (translate("ui.details", "Visibility"), _visibility(words, m.visibility)),
            (translate("ui.details", "Text"), escape(m.text)),
            (translate("ui.details", "Outcome"), escape(m.outcome or "pending")
             + (f" (rolled {m.roll})" if m.roll is not None else "")),
            (translate("ui.details", "Method"), escape(m.method or "")),
            (translate("ui.details", "Reason"), escape(m.reason)),
            (translate("ui.details", "Effects"), escape(words.effects(m.effects))),
        ])  # fmt: skip
    if (d := state.demands.get(record_id)) is not None:
        issue = scenario.issue(d.issue)
        return _heading(words, d.id) + _rows(
            [
                (translate("ui.details", "From"), _team(scenario, d.from_team)),
                (translate("ui.details", "To"), _team(scenario, d.to_team)),
                (translate("ui.details", "Issue"), escape(issue.name if issue else d.issue)),
                (translate("ui.details", "Priority"), str(d.priority)),
                (
                    translate("ui.details", "Round"),
                    "{} ({})".format(
                        d.round, d.round_kind or translate("ui.details", "between rounds")
                    ),
                ),
                (
                    translate("ui.details", "Status"),
                    escape(d.status)
                    + (translate("ui.details", " · surprise demand") if d.surprise else ""),
                ),
                (translate("ui.details", "Visibility"), _visibility(words, d.visibility)),
                (translate("ui.details", "Text"), escape(d.text)),
                (translate("ui.details", "Reason"), escape(d.reason)),
            ]
        )
    if (c := state.commitments.get(record_id)) is not None:
        issue = scenario.issue(c.issue)
        color = theme.COMMITMENT_COLORS.get(c.status, theme.INK)
        checks = "; ".join(
            f"round {v.round}: {escape(words.verifier(v.verifier))} {v.result}"
            for v in c.verifications
        ) or translate("ui.details", "pending")
        return _heading(words, c.id) + _rows(
            [
                (
                    translate("ui.details", "Givers"),
                    ", ".join(_team(scenario, t) for t in c.givers),
                ),
                (
                    translate("ui.details", "Receivers"),
                    ", ".join(_team(scenario, t) for t in c.receivers),
                ),
                (
                    translate("ui.details", "Tabled by"),
                    _team(scenario, c.proposer)
                    + (translate("ui.details", " (an ask)") if c.ask else ""),
                ),
                (
                    translate("ui.details", "Issue"),
                    escape(issue.name if issue else c.issue)
                    + (
                        " (tangible)"
                        if issue and issue.tangible
                        else " (intangible)"
                        if issue
                        else ""
                    ),
                ),
                (translate("ui.details", "What"), escape(c.text)),
                (
                    translate("ui.details", "Status"),
                    f"<b style='color:{color}'>{escape(c.status)}</b>"
                    + (
                        translate("ui.details", " in response to the breach of {0}").format(
                            escape(words.record(c.in_response_to))
                        )
                        if c.in_response_to
                        else ""
                    ),
                ),
                (
                    translate("ui.details", "Progress"),
                    f"{c.progress} %" + (f": {escape(c.progress_note)}" if c.progress_note else ""),
                ),
                (
                    translate("ui.details", "On condition of"),
                    escape(", ".join(condition_words(k, words.record) for k in c.conditions))
                    or "nothing",
                ),
                (
                    translate("ui.details", "Due"),
                    f"round {c.due_round}" if c.due_round else "no deadline",
                ),
                (
                    translate("ui.details", "Verification"),
                    checks if c.verification else translate("ui.details", "not required"),
                ),
                (
                    translate("ui.details", "Agreement"),
                    escape(words.record(c.agreement) if c.agreement else ""),
                ),
                (translate("ui.details", "Proposed"), f"round {c.round}"),
                (translate("ui.details", "Visibility"), _visibility(words, c.visibility)),
                (translate("ui.details", "Reason"), escape(c.reason)),
            ]
        )
    if (a := state.agreements.get(record_id)) is not None:
        return _heading(words, a.id, a.title) + _rows(
            [
                (translate("ui.details", "Round"), str(a.round)),
                (translate("ui.details", "Teams"), ", ".join(_team(scenario, t) for t in a.teams)),
                (
                    translate("ui.details", "Signed by"),
                    ", ".join(_team(scenario, t) for t in a.signatories)
                    or translate("ui.details", "its parties"),
                ),
                (
                    translate("ui.details", "Shape"),
                    escape(SHAPE_WORDS.get(a.shape or "", translate("ui.details", "not named")))
                    + (f", after {escape(words.record(a.follows))}" if a.follows else ""),
                ),
                (translate("ui.details", "Commitments"), escape(words.records(a.commitments))),
                (translate("ui.details", "Visibility"), _visibility(words, a.visibility)),
            ]
        )
    return translate("ui.details", "<p>No record {0} in this session (undone?).</p>").format(
        escape(record_id)
    )


def team_html(scenario: Scenario, state: SessionState, team_id: str) -> str:
    team = scenario.team(team_id)
    if team is None:
        return translate("ui.details", "<p>No team {0}.</p>").format(escape(team_id))
    given = [c for c in state.commitments.values() if team_id in c.givers]
    received = [c for c in state.commitments.values() if team_id in c.receivers]

    def count(items: list, status: str) -> int:
        return sum(1 for c in items if c.status == status)

    return f"<h3>{_team(scenario, team_id)}</h3>" + _rows(
        [
            (translate("ui.details", "Leader"), escape(team.leader)),
            (
                translate("ui.details", "Gives"),
                translate("ui.details", "{0} commitments: {1} fulfilled, {2} broken").format(
                    len(given), count(given, "fulfilled"), count(given, "broken")
                ),
            ),
            (
                translate("ui.details", "Receives"),
                translate("ui.details", "{0} commitments").format(len(received)),
            ),
        ]
    )
