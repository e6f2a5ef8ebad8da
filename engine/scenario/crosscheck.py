"""Rules that span entries: unique ids, references, ranges, and effects.

These run on what the walk converted (see ``walk.py``), entry by entry, so a broken entry
does not hide the faults of the others. Ids for references are taken from every entry that
has a valid id, even one broken elsewhere, so one bad colour does not make every reference
to that team a fault too.
"""

from __future__ import annotations

from typing import Any

from engine.scenario.model import FORMAT_VERSION
from engine.scenario.walk import KeyPath, Report, label_of, show

Entries = list[dict[str, Any] | None]


def _entries(doc: dict[str, Any], kind: str) -> Entries:
    value = doc.get(kind)
    return value if isinstance(value, list) else []


def _ids(entries: Entries) -> list[str]:
    return [e["id"] for e in entries if e is not None and isinstance(e.get("id"), str)]


def _entry_path(kind: str, entries: Entries, index: int) -> KeyPath:
    return KeyPath().key(kind).item(index, label_of(entries[index], index))


def check_unique_ids(doc: dict[str, Any], report: Report) -> None:
    for kind in ("teams", "indicators", "issues", "move_types", "injects"):
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
            report(path.key("max"), f"max {show(high)} must be greater than min {show(low)}")
        elif "initial" in entry and not low <= entry["initial"] <= high:
            report(
                path.key("initial"),
                f"initial {show(entry['initial'])} is outside min..max ({show(low)}..{show(high)})",
            )


def check_rounds(doc: dict[str, Any], raw: dict[str, Any], teams: set[str], report: Report) -> None:
    entries = _entries(doc, "rounds")
    written_rounds = _entries(raw, "rounds")
    for index, entry in enumerate(entries):
        if entry is None:
            continue
        path = KeyPath().key("rounds").item(index, str(index + 1))
        written = written_rounds[index] if index < len(written_rounds) else None
        if isinstance(written, dict) and "minutes" not in written and "phases" not in written:
            report(path.key("minutes"), "give the round's minutes, or its phases")
        seen: set[str] = set()
        for team in entry.get("teams") or ():
            if team not in teams:
                report(path.key("teams"), f"no team '{team}' in this scenario")
            elif team in seen:
                report(path.key("teams"), f"team '{team}' is seated twice")
            seen.add(team)


def check_injects(doc: dict[str, Any], teams: set[str], report: Report) -> None:
    entries = _entries(doc, "injects")
    rounds = len(_entries(doc, "rounds"))
    for index, entry in enumerate(entries):
        if entry is None:
            continue
        path = _entry_path("injects", entries, index)
        due = entry.get("round")
        if due is not None and rounds and due > rounds:
            report(path.key("round"), f"round {due} does not exist; the plan has {rounds} rounds")
        visibility = entry.get("visibility")
        if isinstance(visibility, tuple):
            for team in visibility:
                if team not in teams:
                    report(path.key("visibility"), f"no team '{team}' in this scenario")


def check_effects(doc: dict[str, Any], teams: set[str], report: Report) -> None:
    scopes = {
        e["id"]: e["scope"]
        for e in _entries(doc, "indicators")
        if e is not None and "id" in e and "scope" in e
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
    scopes: dict[str, str],
    teams: set[str],
    report: Report,
) -> None:
    scope = scopes.get(indicator)
    if scope is None:
        report(path, f"no indicator '{indicator}' in this scenario")
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
        if team not in teams:
            report(team_path, f"no team '{team}' in this scenario")
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
            if other not in teams:
                report(other_path, f"no team '{other}' in this scenario")
            elif other == team:
                report(other_path, "a pair needs two different teams")
            elif isinstance(number, dict):
                report(other_path, "too many parts: a pair effect is indicator.team.other = N")
            else:
                _check_number(other_path, number, report)


def _check_number(path: KeyPath, value: object, report: Report) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        report(path, f"an effect is a signed number, got {show(value)}")
    elif value != value or value in (float("inf"), float("-inf")):
        report(path, f"an effect must be a finite number, got {show(value)}")


def check_all(doc: dict[str, Any], raw: dict[str, Any], report: Report) -> None:
    """Run every cross-entry rule on ``doc`` (what converted) and ``raw`` (what was written)."""
    teams = set(_ids(_entries(doc, "teams")))
    check_header(doc, report)
    check_unique_ids(doc, report)
    check_indicators(doc, report)
    check_rounds(doc, raw, teams, report)
    check_injects(doc, teams, report)
    check_effects(doc, teams, report)
