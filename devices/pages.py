"""Whole pages: the frame every page shares, the team page, the board, and the short
pages that say why a request was refused.

A page is rendered with everything its viewer may see now, so a reload shows it all
without JavaScript; ``/static/parley.js`` (the one script, no inline script) only keeps
the live panels and the feed up to date from the event stream.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from devices import forms_html as f
from devices import panels, views
from engine.domain.words import Words
from engine.report.markup import esc, markdown

if TYPE_CHECKING:
    from devices.clock import Clock
    from engine.session.live import Session


def frame(
    title: str,
    body: str,
    *,
    stream: str = "",
    after: int = 0,
    csrf: str = "",
    css: str = "",
) -> str:
    data = f' data-stream="{esc(stream)}" data-after="{after}"' if stream else ""
    if csrf:
        data += f' data-csrf="{esc(csrf)}"'
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title>"
        '<link rel="icon" href="data:,"><link rel="stylesheet" href="/static/parley.css">'
        '<script src="/static/parley.js" defer></script></head>'
        f'<body class="{css}"{data}>'
        '<p id="banner" role="status" hidden></p>'
        f"{body}</body></html>"
    )


def refusal(title: str, text: str) -> str:
    """A short page that says why a request was refused (served with its 4xx status)."""
    return frame(title, f"<main><h1>{esc(title)}</h1><p>{esc(text)}</p>{JOIN_FORM}</main>")


JOIN_FORM = (
    '<form method="post" action="/join" class="join"><label>Join code '
    '<input name="code" autocomplete="off" autocapitalize="characters" maxlength="40" '
    'required></label><button type="submit">Join</button></form>'
)


def ended(reason: str) -> str:
    return frame("Session ended", f"<main><h1>Session ended</h1><p>{esc(reason)}</p></main>")


def panel(name: str, html: str, title: str = "", level: int = 2, anchor: str = "") -> str:
    heading = f"<h{level}>{esc(title)}</h{level}>" if title else ""
    where = f' id="{anchor}"' if anchor else ""
    return (
        f'<section class="panel"{where} aria-live="polite">{heading}'
        f'<div id="p-{name}">{html}</div></section>'
    )


# Where a phone's thumb goes first: the page is long (the brief alone is pages), so a row
# of links under the heading jumps to each part, with no script.
JUMPS = (
    ("answers", "Answer"), ("send", "Send"), ("indicators", "Indicators"),
    ("feed", "Feed"), ("brief", "Brief"),
)  # fmt: skip


def jump_links() -> str:
    links = "".join(f'<a href="#{anchor}">{esc(label)}</a>' for anchor, label in JUMPS)
    return f'<nav class="jumps" aria-label="Parts of this page">{links}</nav>'


def feed_html(items: list[tuple[int, str]]) -> str:
    entries = "".join(html for _, html in reversed(items))
    return f'<ol id="feed" class="feed" reversed>{entries}</ol>'


def _list(items: tuple[str, ...]) -> str:
    if not items:
        return "<p>None.</p>"
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def team_page(
    session: Session,
    team: str,
    csrf: str,
    clock: Clock,
    items: list[tuple[int, str]],
    error: str = "",
) -> str:
    scenario = session.scenario
    found = scenario.team(team)
    name = found.name if found else team
    shown = panels.render(session, team, csrf)
    after = items[-1][0] if items else 0
    say = f'<p class="error" role="alert">Not sent: {esc(error)}</p>' if error else ""
    brief = ""
    if found is not None:
        brief = (
            # open before the first round (reading time), folded once play has begun
            f"<details id='brief'{' open' if session.state.round == 0 else ''}>"
            "<summary>Brief</summary>"
            + (markdown(scenario.background) if scenario.background else "")
            + "<h3>Public brief</h3>"
            + (markdown(found.public_brief) or "<p>None.</p>")
            + "<h3>Private brief <small>(your team only)</small></h3>"
            + (markdown(found.private_brief) or "<p>None.</p>")
            + "<h3>Objectives</h3>"
            + _list(found.objectives)
            + "<h3>Red lines</h3>"
            + _list(found.red_lines)
            + "</details>"
        )
    body = (
        f"<header><h1>{esc(name)}</h1><p class='meta'>{esc(scenario.title)}</p>"
        f"{panel('status', shown['status'])}{clock.html()}{jump_links()}</header><main>{say}"
        f"{brief if session.state.round == 0 else ''}"
        f"{panel('answers', shown['answers'], 'Proposals awaiting your answer', anchor='answers')}"
        f"{panel('mine', shown['mine'], 'What you sent')}"
        "<section class='forms' id='send'><h2>Send</h2>"
        f"{f.move_form(session, team, csrf)}{f.demand_form(session, team, csrf)}"
        f"{f.proposal_form(session, team, csrf)}{f.message_form(session, team, csrf)}"
        f"</section>{panel('indicators', shown['indicators'], 'Indicators', anchor='indicators')}"
        f"<section class='panel' id='feed'><h2>What you can see</h2>{feed_html(items)}</section>"
        f"{brief if session.state.round else ''}</main>"
    )
    return frame(f"{name}: {scenario.title}", body, stream="/events", after=after, csrf=csrf)


def board_page(session: Session, stream: str, clock: Clock) -> str:
    scenario = session.scenario
    shown = panels.render(session, views.PUBLIC)
    body = (
        f"<header><h1>{esc(scenario.title)}</h1>{panel('status', shown['status'])}"
        f"{clock.html()}</header><main>"
        f"{panel('board-feed', shown['board-feed'], 'Latest from the table')}"
        f"{panel('agreements', shown['agreements'], 'Agreements')}"
        f"{panel('indicators', shown['indicators'], 'Indicators')}</main>"
    )
    return frame(scenario.title, body, stream=stream, after=session.last_seq, css="board")


def team_name(session: Session, team: str) -> str:
    return Words(session.scenario).team(team)
