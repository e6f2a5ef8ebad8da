"""Sessions for the report tests: one full of hostile markup, one full of planted secrets."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypdf import PdfReader

from engine.scenario import parse_scenario
from engine.session.live import Session

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PAYLOAD = f"{SCRIPT} {IMG}"

HOSTILE_SCENARIO = f"""
[scenario]
id = "hostile"
title = "Title {PAYLOAD}"
format = 1
summary = "Summary {PAYLOAD}"
background = "# Heading {PAYLOAD}\\n\\nBackground {PAYLOAD} [link](javascript:alert(1))"

[[teams]]
id = "north"
name = "North {PAYLOAD}"
color = "#c0392b"
leader = "Leader {PAYLOAD}"
public_brief = "Public brief {PAYLOAD}"
private_brief = "Private brief {PAYLOAD}"
objectives = ["Objective {PAYLOAD}"]
red_lines = ["Red line {PAYLOAD}"]

[[teams]]
id = "south"
name = "South {PAYLOAD}"

[[indicators]]
id = "tension"
name = "Tension {PAYLOAD}"
description = "Description {PAYLOAD}"
min = 0
max = 100
initial = 50
scope = "global"

[[indicators]]
id = "trust"
name = "Trust {PAYLOAD}"
min = 0
max = 100
initial = 40
scope = "pair"

[[issues]]
id = "relief"
name = "Relief {PAYLOAD}"
tangible = true

[[move_types]]
id = "statement"
name = "Statement {PAYLOAD}"
effects.tension = 5

[[rounds]]
kind = "working"
title = "Round title {PAYLOAD}"
minutes = 20

[[rounds]]
kind = "summit"
minutes = 10

[[injects]]
id = "leak"
title = "Inject {PAYLOAD}"
text = "Inject text {PAYLOAD}"
visibility = "public"
"""


def hostile_session(tmp_path: Path) -> Session:
    """Every text field a person can type holds the payloads."""
    s = Session.create(parse_scenario(HOSTILE_SCENARIO, "hostile.toml"), tmp_path / "h.parley")
    s.start_round()
    s.record_move(team="north", move_type="statement", tone=-2, text=f"Move {PAYLOAD}")
    move = list(s.state.moves)[-1]
    s.adjudicate(move=move, outcome="success", method="judgement", reason=f"Ruling {PAYLOAD}")
    s.record_move(
        team="south", move_type="statement", tone=1, text=f"Private {PAYLOAD}", visibility=["south"]
    )
    s.table_demand(from_team="north", to_team="south", issue="relief", priority=1,
                   text=f"Demand {PAYLOAD}")  # fmt: skip
    s.table_demand(from_team="south", to_team="north", issue="relief", priority=2,
                   text=f"Open demand {PAYLOAD}")  # fmt: skip
    s.set_demand_status(demand=next(iter(s.state.demands)), status="refused",
                        reason=f"Refusal {PAYLOAD}")  # fmt: skip
    s.propose_commitment(giver="north", receiver="south", issue="relief", text=f"Promise {PAYLOAD}")
    first = list(s.state.commitments)[-1]
    s.propose_commitment(giver="south", receiver="north", issue="relief",
                         text=f"Other promise {PAYLOAD}", conditions=[first])  # fmt: skip
    second = list(s.state.commitments)[-1]
    s.add_condition(commitment=first, condition=second)
    s.agree_commitment(commitment=first, reason=f"Agreed {PAYLOAD}")
    s.agree_commitment(commitment=second)
    s.sign_agreement(title=f"Agreement {PAYLOAD}", commitments=[first, second])
    s.adjust_indicator(key="tension", delta=3, reason=f"Adjustment {PAYLOAD}")
    s.adjust_indicator(key="trust.north.south", delta=-7, reason=f"Trust {PAYLOAD}")
    s.fire_inject(inject="leak")
    s.add_note(text=f"Note {PAYLOAD}")
    s.set_bookmark(label=f"Bookmark {PAYLOAD}")
    s.record_move(team="north", move_type="statement", tone=0, text=f"Undone {PAYLOAD}")
    s.undo()
    s.end_round()
    return s


SECRET = {
    "north_brief": "MARK-NORTH-BRIEF-71c",
    "north_objective": "MARK-NORTH-OBJECTIVE-0ad",
    "north_red_line": "MARK-NORTH-REDLINE-5e2",
    "east_brief": "MARK-EAST-BRIEF-93b",
    "north_move": "MARK-NORTH-PRIVATE-MOVE-1f4",
    "north_ruling": "MARK-NORTH-RULING-REASON-8c1",
    "east_demand": "MARK-EAST-DEMAND-2b7",
    "east_commitment": "MARK-EAST-COMMITMENT-6d0",
    "east_agreement": "MARK-EAST-AGREEMENT-4aa",
    "east_inject": "MARK-EAST-INJECT-9f9",
    "note": "MARK-NOTE-c3e",
    "bookmark": "MARK-BOOKMARK-d41",
    "adjustment": "MARK-ADJUSTMENT-e77",
    "undone": "MARK-UNDONE-MOVE-a02",
}
SOUTH_OWN = {
    "south_brief": "MARK-SOUTH-BRIEF-b55",
    "south_ruling": "MARK-SOUTH-RULING-REASON-0c0",
}

SECRETS_SCENARIO = f"""
[scenario]
id = "secrets"
title = "Three tables"
format = 1

[[teams]]
id = "north"
name = "Northland"
private_brief = "{SECRET["north_brief"]}"
objectives = ["{SECRET["north_objective"]}"]
red_lines = ["{SECRET["north_red_line"]}"]

[[teams]]
id = "south"
name = "Southland"
private_brief = "{SOUTH_OWN["south_brief"]}"

[[teams]]
id = "east"
name = "Eastland"
private_brief = "{SECRET["east_brief"]}"

[[indicators]]
id = "tension"
name = "Tension"
min = 0
max = 100
initial = 50
scope = "global"

[[issues]]
id = "relief"
name = "Relief"
tangible = true

[[move_types]]
id = "statement"
name = "Statement"

[[rounds]]
kind = "working"
minutes = 20

[[injects]]
id = "whisper"
title = "{SECRET["east_inject"]}"
text = "{SECRET["east_inject"]} text"
visibility = ["east"]
"""


def secrets_session(tmp_path: Path) -> Session:
    """North and East keep secrets from South; Control keeps its own from everyone."""
    s = Session.create(parse_scenario(SECRETS_SCENARIO, "secrets.toml"), tmp_path / "s.parley")
    s.start_round()
    s.record_move(team="north", move_type="statement", tone=1, text="Public words")
    s.adjudicate(move=list(s.state.moves)[-1], outcome="success", method="judgement",
                 reason=SECRET["north_ruling"])  # fmt: skip
    s.record_move(team="south", move_type="statement", tone=-1, text="South speaks")
    s.adjudicate(move=list(s.state.moves)[-1], outcome="failure", method="judgement",
                 reason=SOUTH_OWN["south_ruling"])  # fmt: skip
    s.record_move(team="north", move_type="statement", tone=-3, text=SECRET["north_move"],
                  visibility=["north"])  # fmt: skip
    s.table_demand(from_team="east", to_team="north", issue="relief", priority=1,
                   text=SECRET["east_demand"], visibility=["east"])  # fmt: skip
    s.propose_commitment(giver="east", receiver="north", issue="relief",
                         text=SECRET["east_commitment"], visibility=["east", "north"])  # fmt: skip
    hidden = list(s.state.commitments)[-1]
    s.agree_commitment(commitment=hidden)
    s.sign_agreement(title=SECRET["east_agreement"], commitments=[hidden],
                     visibility=["east", "north"])  # fmt: skip
    s.propose_commitment(giver="north", receiver="south", issue="relief", text="An open promise")
    s.fire_inject(inject="whisper")
    s.add_note(text=SECRET["note"])
    s.set_bookmark(label=SECRET["bookmark"])
    s.adjust_indicator(key="tension", delta=4, reason=SECRET["adjustment"])
    s.record_move(team="south", move_type="statement", tone=0, text=SECRET["undone"])
    s.undo()
    return s


def pdf_text(path: Path) -> str:
    """A PDF's text with ligatures unfolded and whitespace (tabs, no-break spaces) collapsed."""
    raw = " ".join((page.extract_text() or "") for page in PdfReader(path).pages)
    return " ".join(unicodedata.normalize("NFKC", raw).split())
