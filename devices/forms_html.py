"""The forms of a team's page, as HTML that posts without JavaScript.

Every form carries the device's CSRF token (``csrf``) and posts to ``/submit/<what>``;
the server answers 303 back to the page (or the page again with the reason, 422). The
choices offered come from the scenario and from what the team may see; the server
checks everything again (the team comes from the device, never from a form).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.domain.visibility import commitment_visible, demand_visible
from engine.domain.words import Words
from engine.report.markup import esc

if TYPE_CHECKING:
    from engine.session.live import Session

TONES: tuple[tuple[int, str], ...] = (
    (-3, "-3 hostile"),
    (-2, "-2"),
    (-1, "-1"),
    (0, "0 neutral"),
    (1, "+1"),
    (2, "+2"),
    (3, "+3 conciliatory"),
)


def hidden(csrf: str) -> str:
    return f'<input type="hidden" name="csrf" value="{esc(csrf)}">'


def _options(pairs: list[tuple[str, str]], selected: str = "") -> str:
    return "".join(
        f'<option value="{esc(v)}"{" selected" if v == selected else ""}>{esc(label)}</option>'
        for v, label in pairs
    )


def _teams(session: Session, team: str, name: str, legend: str) -> str:
    """Checkboxes for the other teams."""
    boxes = "".join(
        f'<label class="check"><input type="checkbox" name="{name}" value="{esc(t.id)}"> '
        f"{esc(t.name)}</label>"
        for t in session.scenario.teams
        if t.id != team
    )
    return f"<fieldset><legend>{legend}</legend>{boxes}</fieldset>"


def _visibility(session: Session, team: str) -> str:
    return (
        "<fieldset><legend>Who sees it</legend>"
        '<label class="check"><input type="radio" name="visibility" value="public" checked> '
        "Everyone (public)</label>"
        '<label class="check"><input type="radio" name="visibility" value="private"> '
        "Only us, Control and the teams ticked below</label></fieldset>"
        + _teams(session, team, "to", "Private to")
    )


def _form(what: str, title: str, csrf: str, body: str, button: str) -> str:
    return (
        f'<form method="post" action="/submit/{what}" class="submit" id="form-{what}">'
        f"<h3>{title}</h3>{hidden(csrf)}{body}"
        f'<button type="submit">{button}</button></form>'
    )


def move_form(session: Session, team: str, csrf: str) -> str:
    types = [(m.id, m.name) for m in session.scenario.move_types]
    body = (
        f'<label>Type <select name="move_type" required>{_options(types)}</select></label>'
        f'<label>Tone <select name="tone">{_options([(str(v), t) for v, t in TONES], "0")}'
        "</select></label>"
        '<label>What you do or say <textarea name="text" rows="3" maxlength="4000" '
        "required></textarea></label>" + _visibility(session, team)
    )
    return _form("move", "A move", csrf, body, "Send the move")


def demand_form(session: Session, team: str, csrf: str) -> str:
    scenario = session.scenario
    others = [(t.id, t.name) for t in scenario.teams if t.id != team]
    issues = [(i.id, i.name) for i in scenario.issues]
    priorities = [("1", "1 high"), ("2", "2"), ("3", "3 low")]
    body = (
        f'<label>To <select name="to_team" required>{_options(others)}</select></label>'
        f'<label>Issue <select name="issue" required>{_options(issues)}</select></label>'
        f'<label>Priority <select name="priority">{_options(priorities, "2")}</select></label>'
        '<label>The demand <textarea name="text" rows="2" maxlength="4000" required>'
        "</textarea></label>" + _visibility(session, team)
    )
    return _form("demand", "A demand", csrf, body, "Send the demand")


def condition_choices(session: Session, team: str) -> list[tuple[str, str]]:
    """What a proposal may wait on, among the records the team may see."""
    state = session.state
    words = Words(session.scenario, state)
    found = []
    for c in state.commitments.values():
        if c.open and commitment_visible(team, c):
            label = f"{words.record(c.id)}: {c.text[:60]}"
            found.append((f"commitment:{c.id}", f"{label} fulfilled"))
            if c.verification:
                found.append((f"verification:{c.id}", f"{label}, verification confirmed"))
    for d in state.demands.values():
        if d.status == "open" and demand_visible(team, d):
            found.append((f"demand:{d.id}", f"{words.record(d.id)} met: {d.text[:60]}"))
    return found


def proposal_form(session: Session, team: str, csrf: str) -> str:
    scenario = session.scenario
    issues = [(i.id, i.name) for i in scenario.issues]
    teams = "".join(
        f"<tr><th scope='row'>{esc(t.name)}</th>"
        f'<td><input type="checkbox" name="givers" value="{esc(t.id)}"'
        f'{" checked" if t.id == team else ""} aria-label="{esc(t.name)} gives"></td>'
        f'<td><input type="checkbox" name="receivers" value="{esc(t.id)}"'
        f' aria-label="{esc(t.name)} receives"></td></tr>'
        for t in scenario.teams
    )
    conditions = condition_choices(session, team)
    waits = (
        f'<label>On condition of (hold Ctrl for several) <select name="conditions" multiple '
        f'size="4">{_options(conditions)}</select></label>'
        if conditions
        else "<p class='hint'>No open commitment or demand to make it wait on.</p>"
    )
    rounds = [("", "no due round")] + [(str(r.number), r.title) for r in scenario.rounds]
    body = (
        "<table class='sides'><tr><th>Team</th><th>gives</th><th>receives</th></tr>"
        f"{teams}</table>"
        "<p class='hint'>Tick yourselves among the givers to offer; leave yourselves out to "
        "ask the givers for it.</p>"
        f'<label>Issue <select name="issue" required>{_options(issues)}</select></label>'
        '<label>What is promised <textarea name="text" rows="2" maxlength="4000" required>'
        f"</textarea></label>{waits}"
        f'<label>Due by <select name="due_round">{_options(rounds)}</select></label>'
        '<label class="check"><input type="checkbox" name="verification" value="1"> '
        "with verification</label>" + _visibility(session, team)
    )
    return _form("proposal", "A proposal (a commitment)", csrf, body, "Send the proposal")


def message_form(session: Session, team: str, csrf: str) -> str:
    body = (
        _teams(session, team, "to", "To")
        + '<label>Message <textarea name="text" rows="3" maxlength="4000" required>'
        "</textarea></label><p class='hint'>Control always gets a copy.</p>"
    )
    return _form("message", "A message to other teams", csrf, body, "Send the message")


def answer_form(commitment: str, csrf: str) -> str:
    return (
        f'<form method="post" action="/submit/answer" class="answer">{hidden(csrf)}'
        f'<input type="hidden" name="commitment" value="{esc(commitment)}">'
        '<label>Why (optional) <input name="reason" maxlength="2000"></label>'
        '<button type="submit" name="answer" value="agree">Agree</button> '
        '<button type="submit" name="answer" value="refuse">Refuse</button></form>'
    )
