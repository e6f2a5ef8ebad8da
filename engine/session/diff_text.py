"""A ``SaveDiff`` in plain words: what ``python main.py diff`` prints and the app shows."""

from __future__ import annotations

import json

from engine.session.diff import AgreementLine, CommitmentLine, EventLine, SaveDiff

PAYLOAD_WIDTH = 160
LIST_LIMIT = 40  # lines per list; the rest is counted


def diff_text(d: SaveDiff) -> str:
    lines = [
        f"A: {d.a.path} ({d.a.events} events, scenario {d.a.scenario})",
        f"B: {d.b.path} ({d.b.events} events, scenario {d.b.scenario})",
    ]
    if d.relation:
        lines.append(d.relation + ".")
    if not d.same_scenario:
        lines.append("The saves were started from different scenario texts.")
    if d.parting is None:
        lines.append(f"Identical: the same {d.a.events} events (kinds, payloads, rounds, actors).")
        return "\n".join(lines) + "\n"
    p = d.parting
    lines += ["", f"The logs part at event {p.seq}:"]
    lines.append(f"  A: {_event(p.a, d.a.events)}")
    lines.append(f"  B: {_event(p.b, d.b.events)}")
    lines += ["", "At the end:"]
    lines += _section(
        "Indicators",
        [f"{i.name or i.key:<28} {_num(i.a):>8} vs {_num(i.b):<8}" for i in d.indicators],
        "the same values",
    )
    lines += _section(
        "Commitments only in A", [_commitment(c) for c in d.commitments_only_a], "none"
    )
    lines += _section(
        "Commitments only in B", [_commitment(c) for c in d.commitments_only_b], "none"
    )
    lines += _section(
        "Commitments with another status",
        [
            f"{_named(s.a)} {_quote(s.a.text)}: {s.a.status} in A, {s.b.status} in B"
            for s in d.commitment_status
        ],
        "none",
    )
    lines += _section("Agreements only in A", [_agreement(g) for g in d.agreements_only_a], "none")
    lines += _section("Agreements only in B", [_agreement(g) for g in d.agreements_only_b], "none")
    return "\n".join(lines) + "\n"


def diff_json(d: SaveDiff) -> str:
    return json.dumps(d.to_json(), indent=2, ensure_ascii=False) + "\n"


def _event(line: EventLine | None, events: int) -> str:
    if line is None:
        return f"(its log ends at event {events})"
    if line.said:
        return f"#{line.seq}, round {line.round}, {line.who}: {line.said}"
    try:
        fields = {k: v for k, v in json.loads(line.payload).items() if k != "kind"}
        payload = json.dumps(fields, ensure_ascii=False)
    except (ValueError, AttributeError):
        payload = line.payload
    if len(payload) > PAYLOAD_WIDTH:
        payload = payload[: PAYLOAD_WIDTH - 1] + "…"
    return f"#{line.seq} round {line.round} by {line.actor}: {line.kind} {payload}"


def _section(title: str, items: list[str], empty: str) -> list[str]:
    if not items:
        return [f"  {title}: {empty}"]
    out = [f"  {title} ({len(items)}):"]
    out += [f"    {item}" for item in items[:LIST_LIMIT]]
    if len(items) > LIST_LIMIT:
        out.append(f"    … and {len(items) - LIST_LIMIT} more")
    return out


def _named(c: CommitmentLine) -> str:
    return c.said or f"{c.id} {c.giver} → {c.receiver} {c.issue}"


def _commitment(c: CommitmentLine) -> str:
    return f"{_named(c)} {_quote(c.text)} ({c.status})"


def _agreement(g: AgreementLine) -> str:
    if g.said:
        return f"{g.said}, round {g.round}: {_quote(g.title)}"
    teams, commitments = ", ".join(g.teams), ", ".join(g.commitments)
    return f"{g.id} round {g.round} {_quote(g.title)} ({teams}: {commitments})"


def _quote(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return f'"{text if len(text) <= width else text[: width - 1] + "…"}"'


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}"
