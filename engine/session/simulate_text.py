"""Words for simulated sessions: texts that read like a table's, made from the scenario.

Each text names the teams and the issue in the scenario's own words and follows the
move's tone, so a demo session, a screenshot or a benchmark report reads as a plausible
exercise rather than as placeholders.
"""

from __future__ import annotations

import random

from engine.scenario.model import Scenario

_MOVES = {
    -3: ("{team} denounces {target} and threatens to walk away over {issue}.",
         "{team} calls the talks with {target} a sham while {issue} stays unresolved."),
    -2: ("{team} warns {target} that its patience on {issue} is running out.",
         "{team} accuses {target} of stalling on {issue}."),
    -1: ("{team} doubts that {target} is serious about {issue}.",
         "{team} says {target} has not yet earned movement on {issue}."),
    0: ("{team} restates its position on {issue}.",
        "{team} asks {target} for details on {issue} before the next round."),
    1: ("{team} says it is open to talks with {target} on {issue}.",
        "{team} welcomes {target}'s tone and hopes for progress on {issue}."),
    2: ("{team} offers {target} a first step on {issue}.",
        "{team} proposes that officials of {target} and its own meet on {issue}."),
    3: ("{team} praises {target} and proposes to settle {issue} together.",
        "{team} announces a goodwill gesture toward {target} on {issue}."),
}  # fmt: skip
_DEMANDS = (
    "{team} asks {target} to move first on {issue}.",
    "{team} wants a clear timetable from {target} on {issue}.",
    "{team} insists that {target} put {issue} on the table.",
)
_COMMITMENTS = (
    "{team} will deliver on {issue} for {target}.",
    "{team} undertakes to act on {issue}, as {target} asked.",
    "{team} commits to a first step on {issue} toward {target}.",
)


def _names(scenario: Scenario, team: str, target: str, issue: str) -> dict[str, str]:
    team_record, target_record = scenario.team(team), scenario.team(target)
    issue_record = scenario.issue(issue)
    return {
        "team": team_record.name if team_record else team,
        "target": target_record.name if target_record else target,
        "issue": issue_record.name if issue_record else issue,  # as written: proper nouns stay
    }


def move_text(
    rng: random.Random, scenario: Scenario, team: str, target: str, issue: str, tone: int
) -> str:
    template = rng.choice(_MOVES[max(-3, min(3, tone))])
    return template.format(**_names(scenario, team, target, issue))


def demand_text(rng: random.Random, scenario: Scenario, team: str, target: str, issue: str) -> str:
    return rng.choice(_DEMANDS).format(**_names(scenario, team, target, issue))


def commitment_text(
    rng: random.Random, scenario: Scenario, team: str, target: str, issue: str
) -> str:
    return rng.choice(_COMMITMENTS).format(**_names(scenario, team, target, issue))
