"""Rules that span entries: unique ids, references, ranges, and effects.

These run on what the walk converted (see ``walk.py``), entry by entry, so a broken entry
does not hide the faults of the others. Ids for references are taken from every entry that
has a valid id, even one broken elsewhere, so one bad colour does not make every reference
to that team a fault too.
"""

from __future__ import annotations

import math
from typing import Any

from engine.scenario.model import FORMAT_VERSION, NUMBER_LIMIT
from engine.scenario.walk import KeyPath, Report, label_of, nearest, show, show_number

Entries = list[dict[str, Any] | None]


def _entries(doc: dict[str, Any], kind: str) -> Entries:
    value = doc.get(kind)
    return value if isinstance(value, list) else []


def _ids(entries: Entries) -> list[str]:
    return [e["id"] for e in entries if e is not None and isinstance(e.get("id"), str)]


class Teams:
    """The team ids that references may name, and how to word a reference to no team.

    When the file has no usable team at all, that fault is reported where the teams are,
    and references to teams are not checked (each would only repeat it).
    """

    def __init__(self, doc: dict[str, Any]) -> None:
        self.order = list(dict.fromkeys(_ids(_entries(doc, "teams"))))
        self.ids = set(self.order)
        self.checkable = bool(self.ids)

    def unknown(self, team: str) -> str | None:
        """The fault for a reference to ``team``, or None when it is fine to name it."""
        if not self.checkable or team in self.ids:
            return None
        return f"no team '{team}' in this scenario; {_known('teams', team, self.order)}"


def _known(noun: str, name: str, known: list[str]) -> str:
    near = nearest(name, known, cutoff=0.7)
    if near:
        return f"did you mean '{near[0]}'?"
    if not known:
        return f"it has no {noun}"
    listed = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
    return f"its {noun}: {listed}"


def _entry_path(kind: str, entries: Entries, index: int) -> KeyPath:
    return KeyPath().key(kind).item(index, label_of(entries[index], index))


def check_unique_ids(doc: dict[str, Any], report: Report) -> None:
    for kind in ("teams", "indicators", "issues", "move_types", "injects", "observers"):
        entries = _entries(doc, kind)
        first: dict[str, int] = {}
        for index, entry in enumerate(entries):
            ident = entry.get("id") if entry else None
            if not isinstance(ident, str):
                continue
            if ident in first:
                path = KeyPath().key(kind).item(index, str(index + 1)).key("id")
                report(path, f"id '{ident}' is already used by {kind}[{first[ident] + 1}]")
            else:
                first[ident] = index


def check_header(doc: dict[str, Any], report: Report) -> None:
    header = doc.get("scenario")
    if isinstance(header, dict) and "format" in header and header["format"] != FORMAT_VERSION:
        report(
            KeyPath().key("scenario").key("format"),
            f"format {show(header['format'])} is not supported; "
            f"this version of Parley reads format {FORMAT_VERSION}",
        )


def check_indicators(doc: dict[str, Any], report: Report) -> None:
    entries = _entries(doc, "indicators")
    for index, entry in enumerate(entries):
        if not entry or not all(k in entry for k in ("min", "max")):
            continue
        path = _entry_path("indicators", entries, index)
        low, high = entry["min"], entry["max"]
        if low >= high:
            report(
                path.key("max"),
                f"max {show_number(high)} must be greater than min {show_number(low)}",
            )
        elif "initial" in entry and not low <= entry["initial"] <= high:
            report(
                path.key("initial"),
                f"initial {show_number(entry['initial'])} is outside min..max "
                f"({show_number(low)} to {show_number(high)})",
            )


def check_rounds(doc: dict[str, Any], raw: dict[str, Any], teams: Teams, report: Report) -> None:
    entries = _entries(doc, "rounds")
    written_rounds = _entries(raw, "rounds")
    for index, entry in enumerate(entries):
        if entry is None:
            continue
        path = KeyPath().key("rounds").item(index, str(index + 1))
        written = written_rounds[index] if index < len(written_rounds) else None
        if isinstance(written, dict) and "minutes" not in written and "phases" not in written:
            report(
                path.key("minutes"),
                "missing: give the round's minutes, or its phases (the minutes are then their sum)",
            )
        seen: set[str] = set()
        for team in entry.get("teams") or ():
            if fault := teams.unknown(team):
                report(path.key("teams"), fault)
            elif team in seen:
                report(path.key("teams"), f"team '{team}' is seated twice")
            seen.add(team)


def check_injects(doc: dict[str, Any], teams: Teams, report: Report) -> None:
    entries = _entries(doc, "injects")
    rounds = len(_entries(doc, "rounds"))
    for index, entry in enumerate(entries):
        if entry is None:
            continue
        path = _entry_path("injects", entries, index)
        due = entry.get("round")
        if due is not None and rounds and due > rounds:
            plan = "1 round" if rounds == 1 else f"{rounds} rounds"
            report(path.key("round"), f"round {due} does not exist; the plan has {plan}")
        visibility = entry.get("visibility")
        if isinstance(visibility, tuple):
            for team in visibility:
                if fault := teams.unknown(team):
                    report(path.key("visibility"), fault)


def check_outcome_tables(doc: dict[str, Any], report: Report) -> None:
    """An outcome table's rows run from roll 1 up, in order, without gap or overlap."""
    entries = _entries(doc, "move_types")
    for index, entry in enumerate(entries):
        rows = entry.get("outcome_table") if entry else None
        if not isinstance(rows, list | tuple):
            continue
        path = _entry_path("move_types", entries, index).key("outcome_table")
        expected = 1
        for number, row in enumerate(rows):
            if not isinstance(row, dict) or not all(k in row for k in ("min", "max")):
                break  # the row's own fault is reported already
            row_path = path.item(number, str(number + 1))
            low, high = row["min"], row["max"]
            if high < low:
                report(row_path.key("max"), f"max {high} is below min {low}")
                break
            if low != expected:
                gap = "leaves a gap" if low > expected else "overlaps the row before"
                report(
                    row_path.key("min"),
                    f"min {low} {gap}: rows run from roll 1 up, so this one starts at {expected}",
                )
                break
            expected = high + 1


def check_observers(doc: dict[str, Any], teams: Teams, report: Report) -> None:
    """An observer's id is not a team's (verifiers are named by either); it sees real teams."""
    entries = _entries(doc, "observers")
    for index, entry in enumerate(entries):
        if entry is None:
            continue
        path = _entry_path("observers", entries, index)
        ident = entry.get("id")
        if isinstance(ident, str) and ident in teams.ids:
            report(path.key("id"), f"id '{ident}' is already a team's: an observer is not a team")
        sees = entry.get("sees")
        if isinstance(sees, tuple):
            for team in sees:
                if fault := teams.unknown(team):
                    report(path.key("sees"), fault)


def check_effects(doc: dict[str, Any], teams: Teams, report: Report) -> None:
    # An indicator whose scope is broken is already a fault: its effects are not checked.
    scopes: dict[str, str | None] = {
        e["id"]: e.get("scope") for e in _entries(doc, "indicators") if e is not None and "id" in e
    }
    for kind in ("move_types", "injects"):
        entries = _entries(doc, kind)
        for index, entry in enumerate(entries):
            if entry is None or not isinstance(entry.get("effects"), dict):
                continue
            path = _entry_path(kind, entries, index).key("effects")
            for indicator, value in entry["effects"].items():
                _check_effect(path.key(indicator), indicator, value, scopes, teams, report)


def _check_effect(
    path: KeyPath,
    indicator: str,
    value: object,
    scopes: dict[str, str | None],
    teams: Teams,
    report: Report,
) -> None:
    if indicator not in scopes:
        fault = f"no indicator '{indicator}' in this scenario"
        report(path, f"{fault}; {_known('indicators', indicator, list(scopes))}")
        return
    scope = scopes[indicator]
    if scope is None:
        return
    if not isinstance(value, dict):
        if scope == "pair":
            report(path, f"'{indicator}' is a pair indicator: write {indicator}.TEAM.OTHER = N")
        else:
            _check_number(path, value, report)
        return
    if scope == "global":
        report(path, f"'{indicator}' is a global indicator: write {indicator} = N")
        return
    for team, inner in value.items():
        team_path = path.key(team)
        if unknown := teams.unknown(team):
            report(team_path, unknown)
            continue
        if scope == "team":
            if isinstance(inner, dict):
                report(team_path, f"'{indicator}' is a team indicator: write {indicator}.TEAM = N")
            else:
                _check_number(team_path, inner, report)
            continue
        if not isinstance(inner, dict):
            report(
                team_path, f"'{indicator}' is a pair indicator: write {indicator}.TEAM.OTHER = N"
            )
            continue
        for other, number in inner.items():
            other_path = team_path.key(other)
            if unknown := teams.unknown(other):
                report(other_path, unknown)
            elif other == team:
                report(other_path, "a pair needs two different teams")
            elif isinstance(number, dict):
                report(other_path, "too many parts: a pair effect is indicator.team.other = N")
            else:
                _check_number(other_path, number, report)


def _check_number(path: KeyPath, value: object, report: Report) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        report(path, f"an effect is a signed number, got {show(value)}")
    elif isinstance(value, int) and abs(value) > 1e300:
        report(path, f"{show(value)} is too large a number")
    elif not math.isfinite(value):
        report(path, f"an effect must be a finite number, got {show(value)}")
    elif abs(value) > NUMBER_LIMIT:
        report(path, f"{show(value)} is not allowed: a scenario's numbers are within ±1e9")


def check_all(doc: dict[str, Any], raw: dict[str, Any], report: Report) -> None:
    """Run every cross-entry rule on ``doc`` (what converted) and ``raw`` (what was written)."""
    teams = Teams(doc)
    check_header(doc, report)
    check_unique_ids(doc, report)
    check_indicators(doc, report)
    check_rounds(doc, raw, teams, report)
    check_injects(doc, teams, report)
    check_outcome_tables(doc, report)
    check_observers(doc, teams, report)
    check_effects(doc, teams, report)
