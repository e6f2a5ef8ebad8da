"""Small HTML pieces the report is built from: tables, team chips, badges, numbers.

Every function that takes user text escapes it (``esc``); a ``Cell`` holds markup that
is already safe (built by these functions), so a table never escapes twice and never
forgets to. Team colours come from the scenario, which the validator checked are
``#rgb`` or ``#rrggbb``; they are escaped all the same.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from engine.domain.state import SessionState, record_label
from engine.report.markup import badge, esc
from engine.scenario.model import Scenario


@dataclass(frozen=True)
class Cell:
    """Markup known to be safe, and an optional class name chosen by the report."""

    html: str
    css: str = ""


Figure = Callable[[str], str]  # an <svg> in, the markup that shows it out
Row = TypeVar("Row")


def inline_figure(svg: str) -> str:
    """The default figure: the SVG itself, inline."""
    return svg


def text(value: object, css: str = "") -> Cell:
    return Cell(esc(value), css)


def num(value: float | int | None, fmt: str = "{:g}") -> Cell:
    return Cell("–" if value is None else esc(fmt.format(value)), "num")


def pct(value: float | None) -> Cell:
    return Cell("–" if value is None else f"{value:.0%}", "num")


def number(record: object) -> Cell:
    """A record's running number ("3" of Commitment 3), its stable id (``c21``) beside it
    as a tooltip: the number people say aloud."""
    record_id, count = str(getattr(record, "id", "")), int(getattr(record, "number", 0) or 0)
    if not count:
        return text(record_id)
    return Cell(f'<span title="{esc(record_id)}">{count}</span>', "num")


def record_name(state: SessionState, record_id: str) -> str:
    """ "Commitment 3" for ``c21`` when ``state`` holds it; else the id (escaped)."""
    for records in (state.moves, state.demands, state.commitments, state.agreements):
        found = records.get(record_id)
        if found is not None:
            return esc(record_label(record_id, found.number))
    return esc(record_id)


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    css: str = "",
    widths: Sequence[int] = (),
) -> str:
    """A table; ``headers`` are the report's own words (escaped all the same); ``widths``
    are column widths in percent (Qt's page layout needs them for wide tables)."""
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="{c.css}">{c.html}</td>' if c.css else f"<td>{c.html}</td>" for c in row
        )
        body.append(f"<tr>{cells}</tr>")
    if not body:
        return '<p class="muted">None.</p>'
    head = "".join(
        f'<th width="{w}%">{esc(h)}</th>' if w else f"<th>{esc(h)}</th>"
        for h, w in zip(headers, [*widths, *[0] * (len(headers) - len(widths))], strict=True)
    )
    klass = f' class="{css}"' if css else ""
    return (
        f'<table{klass} border="0" cellspacing="0" cellpadding="4" width="100%">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


class Names:
    """Team and issue names, with colour chips, for one scenario."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.teams = {t.id: t for t in scenario.teams}
        self.issues = {i.id: i for i in scenario.issues}
        self._tags: dict[str, str] = {}  # a long timeline asks for the same few again and again
        self._issues: dict[str, str] = {}

    def team_name(self, team_id: str) -> str:
        if team_id == "control":
            return "Control"
        found = self.teams.get(team_id)
        return found.name if found else team_id

    def color(self, team_id: str) -> str:
        found = self.teams.get(team_id)
        return found.color if found else "#7f7f7f"

    def team(self, team_id: str) -> str:
        """A team's name after a square in its colour (Control in grey)."""
        if team_id == "control":
            return '<span class="chip" style="color:#7d5ba6">■</span>&nbsp;Control'
        return (
            f'<span class="chip" style="color:{esc(self.color(team_id))}">■</span>&nbsp;'
            f"{esc(self.team_name(team_id))}"
        )

    def tags(self, team_ids: tuple[str, ...]) -> str:
        """Several teams' tags joined with + (a multi-party commitment's side)."""
        return " + ".join(self.tag(t) for t in team_ids)

    def tag(self, team_id: str) -> str:
        """A team's id in capitals after a square in its colour: for dense tables."""
        found = self._tags.get(team_id)
        if found is None:
            found = (
                '<span class="chip" style="color:#7d5ba6">■</span>&nbsp;Control'
                if team_id == "control"
                else f'<span class="chip" style="color:{esc(self.color(team_id))}">■</span>'
                f"&nbsp;{esc(team_id.upper())}"
            )
            self._tags[team_id] = found
        return found

    def teams_list(self, team_ids: Iterable[str]) -> str:
        return ", ".join(self.team(t) for t in team_ids) or '<span class="muted">–</span>'

    def issue(self, issue_id: str) -> str:
        shown = self._issues.get(issue_id)
        if shown is None:
            found = self.issues.get(issue_id)
            name = found.name if found else issue_id
            tag = "" if found is None else (" (tangible)" if found.tangible else " (intangible)")
            shown = self._issues[issue_id] = f'{esc(name)}<span class="muted">{esc(tag)}</span>'
        return shown


def status(value: str) -> str:
    """A commitment or demand status, or a ruling's outcome, as a coloured badge."""
    return badge(value, f"s-{value}" if value.isidentifier() else "s-other")


def visibility_badge(visibility: tuple[str, ...] | None) -> str:
    if visibility is None:
        return badge("public", "b-public")
    return private_badge(visibility)


def private_badge(teams: Iterable[str]) -> str:
    """The word "private", and below it the ids of the teams that could see it."""
    listed = ", ".join(t.upper() for t in teams)
    return badge("private", "b-private") + f'<br><span class="small muted">{esc(listed)}</span>'


def tone(value: int | None) -> Cell:
    if value is None:
        return Cell("")
    css = "tone-neg" if value < 0 else "tone-pos" if value > 0 else "tone-zero"
    return Cell(f'<span class="{css}">{value:+d}</span>', "num")


def clock(at: float) -> str:
    """Wall time of an entry, as hours and minutes in local time (the zone is named once,
    in the timeline's legend: ``zone_name``)."""
    return _dt.datetime.fromtimestamp(at).strftime("%H:%M")


def zone_name(at: float | None = None) -> str:
    """The local time zone, as people read it: "CET (UTC+01:00)"."""
    moment = _dt.datetime.fromtimestamp(at) if at is not None else _dt.datetime.now()
    local = moment.astimezone()
    offset = local.strftime("%z")
    utc = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    name = local.tzname() or ""
    return utc if not name or name in ("UTC", utc) else f"{name} ({utc})"


def local_time(iso: str) -> str:
    """An ISO time (as saves and reports keep them, in UTC) in local time, zone named:
    "2026-12-02 06:58 CET (UTC+01:00)"; a text that is not a time is shown as it is."""
    if not iso:
        return ""
    try:
        moment = _dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso.replace("T", " ")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.UTC)
    local = moment.astimezone()
    return f"{local.strftime('%Y-%m-%d %H:%M')} {zone_name(local.timestamp())}"


def section(anchor: str, title: str, body: str, css: str = "") -> str:
    klass = f' class="{css}"' if css else ""
    return f'<section id="{esc(anchor)}"{klass}><h2>{esc(title)}</h2>\n{body}\n</section>'


LISTED = 120  # rows of a long list shown in a report without ``--timeline``


def shortened(rows: list[Row], full: bool, what: str) -> tuple[list[Row], str]:
    """``rows``, or (a long list, not ``full``) the first ``LISTED`` of them and a line
    saying how many were left out and how to get them all."""
    if full or len(rows) <= LISTED:
        return rows, ""
    note = (
        f'<p class="muted small">The first {LISTED} of {len(rows):,} {esc(what)}; '
        "the report made with --timeline lists them all.</p>"
    )
    return rows[:LISTED], note
