"""The timeline section: one table per round, every entry marked public, private or Control's.

Voided (undone) entries appear only in Control's report, struck through and marked.
Rows are written by hand rather than with ``html_parts.table``: a long session has tens
of thousands of them, and this is the report's hot loop.
"""

from __future__ import annotations

from engine.report.data import ReportData
from engine.report.html_parts import Names, clock, private_badge, zone_name
from engine.report.markup import badge, esc
from engine.report.timeline import Entry, RoundSection

_HEAD = (
    '<table class="timeline" cellspacing="0" cellpadding="3" width="100%"><thead><tr>'
    '<th class="num" width="6%">#</th><th width="8%">Time</th><th width="10%">Who</th>'
    '<th width="63%">What</th><th width="13%">Seen by</th>'
    "</tr></thead><tbody>"
)


def _seen(entry: Entry) -> str:
    if entry.audience == "control":
        return badge("Control", "b-control")
    if entry.audience == "public":
        return badge("public", "b-public")
    return private_badge(entry.teams)


def _row(entry: Entry, names: Names, seen_cache: dict[object, str]) -> str:
    what = esc(entry.what)
    if entry.tone is not None:
        css = "tone-neg" if entry.tone < 0 else "tone-pos" if entry.tone > 0 else "tone-zero"
        what += f' <span class="{css}">tone {entry.tone:+d}</span>'
    if entry.text:
        what += f'<br><span class="quote">“{esc(entry.text)}”</span>'
    if entry.reason:
        what += f'<br><span class="muted">Reason: {esc(entry.reason)}</span>'
    # Cached by audience, or by the teams named: no new object per row (the tuple exists).
    key = entry.teams if entry.audience == "private" else entry.audience
    seen = seen_cache.get(key) or seen_cache.setdefault(key, _seen(entry))
    if entry.voided:
        seen += " " + badge("undone", "b-undone")
        what = f"<s>{what}</s>"
    css = f"kind-{entry.kind}" + (" voided" if entry.voided else "")
    return (
        f'<tr class="{css}"><td class="num">{entry.seq}</td><td class="nowrap">'
        f'{clock(entry.at)}</td><td class="nowrap">{names.tag(entry.actor)}</td>'
        f'<td class="what">{what}</td><td>{seen}</td></tr>'
    )


def _round(section: RoundSection, names: Names, seen: dict[object, str]) -> str:
    if section.number == 0:
        head = f"<h3>{esc(section.title)}</h3>"
    else:
        seated = names.teams_list(section.seated)
        head = (
            f'<div class="round-head"><h3>Round {section.number}: {esc(section.title)}</h3>'
            f'<span class="muted small">{esc(section.kind)} round · seated: {seated} · '
            f"{len(section.entries)} entries</span></div>"
        )
    rows = "".join(_row(e, names, seen) for e in section.entries)
    return f"{head}{_HEAD}{rows}</tbody></table>"


def render(data: ReportData, names: Names) -> str:
    if not data.timeline:
        return '<p class="muted">The log is empty.</p>'
    legend = (
        '<p class="muted small">Every entry of the log'
        + (", undone ones struck through" if data.for_control else " this team could see")
        + f". {badge('public', 'b-public')} seen by every team; "
        f"{badge('private', 'b-private')} seen by the teams named"
        + (f"; {badge('Control', 'b-control')} Control's own" if data.for_control else "")
        + f". Times are local: {esc(zone_name(data.timeline[0].entries[0].at))}.</p>"
    )
    seen: dict[object, str] = {}
    return legend + "\n".join(_round(s, names, seen) for s in data.timeline)
