"""What the scenario fault tests share: the valid fixture, edits of it, and one case type.

Each case edits tests/fixtures/minimal.toml (a valid scenario) and checks the one fault
that follows: the file, the line, the key path, the offending value and what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from conftest import FIXTURES
from engine.scenario import Fault, ScenarioError, parse_scenario

NAME = "minimal.toml"
BASE = (FIXTURES / "minimal.toml").read_text(encoding="utf-8")


def edit(text: str, old: str, new: str, count: int = 1) -> str:
    """``text`` with ``old`` replaced; the test is wrong if ``old`` is not there."""
    assert text.count(old) >= count, f"the fixture has no {old!r}"
    return text.replace(old, new, count)


def line_of(text: str, snippet: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` occurrence of ``snippet`` in ``text``."""
    start = -1
    for _ in range(nth):
        start = text.index(snippet, start + 1)
    return text[:start].count("\n") + 1


def faults_of(text: str, name: str = NAME) -> tuple[Fault, ...]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, name)
    faults = caught.value.faults
    assert faults, "a ScenarioError must carry at least one fault"
    for fault in faults:
        assert fault.file == name
        assert "\n" not in str(fault)
    return faults


@dataclass(frozen=True)
class Case:
    """One broken rule: the edit, where the fault is, and words its message must hold."""

    id: str
    old: str
    new: str
    path: str
    line: str | None  # a snippet of the edited text on the fault's line, None: no line
    says: tuple[str, ...]
    nth: int = 1
    count: int = 1  # how many occurrences of ``old`` to replace
    extra: int = 0  # further faults that rightly follow from the same edit
    also: tuple[str, ...] = field(default=())  # words of those further faults


def check_case(case: Case) -> None:
    """Apply the case's edit and check its one fault: path, line, words, the exact text,
    and that nothing else is reported but what the case says follows from the edit."""
    text = edit(BASE, case.old, case.new, case.count)
    faults = faults_of(text)
    at_path = [f for f in faults if f.path == case.path]
    assert len(at_path) == 1, "\n".join(map(str, faults))
    fault = at_path[0]
    expected_line = None if case.line is None else line_of(text, case.line, case.nth)
    assert fault.line == expected_line, str(fault)
    for words in case.says:
        assert words in fault.message, str(fault)
    others = [f for f in faults if f is not fault]
    assert len(others) == case.extra, "\n".join(map(str, faults))
    for other in others:
        assert any(words in other.message for words in case.also), str(other)
    where = f"{NAME}:{expected_line}" if expected_line else NAME
    assert str(fault) == f"{where}: {case.path}: {fault.message}"
