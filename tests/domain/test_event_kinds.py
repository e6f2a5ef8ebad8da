"""A new event kind is a one-place change: its class and one reducer handler.

Every kind in ``EVENT_TYPES`` (derived from the ``AnyEvent`` union) must say everything
the rest of the code asks of it, and mypy must name a kind the reducer forgets.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import msgspec
import pytest

from conftest import FIXTURES, ROOT
from engine.domain import events as ev
from engine.domain import reducer
from engine.domain.event_table import documented, event_table
from engine.domain.events import EVENT_TYPES, KINDS, Audience, Envelope, Reading
from engine.domain.state import FLAGS, Changes, SessionState
from engine.domain.words import Words
from engine.scenario import Scenario
from engine.session.live import Session

SUBJECTS = {"round", "phase", "move", "ruling", "demand", "commitment", "agreement",
            "indicator", "inject", "note", "bookmark", "undo", "device", "submission",
            "message"}  # fmt: skip


def sample_value(kind: Any) -> Any:
    """A plain value of a payload field's type (the first of a union or a literal)."""
    info = msgspec.inspect.type_info(kind)
    match info:
        case msgspec.inspect.StrType():
            return "x"
        case msgspec.inspect.BoolType():
            return True
        case msgspec.inspect.IntType():
            return 1
        case msgspec.inspect.FloatType():
            return 1.0
        case msgspec.inspect.LiteralType():
            return info.values[0]
        case msgspec.inspect.VarTupleType() | msgspec.inspect.TupleType():
            return ()
        case msgspec.inspect.DictType():
            return {}
        case msgspec.inspect.UnionType():
            return sample_value(typing.get_args(kind)[0])
        case msgspec.inspect.StructType():  # a Condition, say: its required fields filled in
            fields = msgspec.structs.fields(kind)
            return kind(**{f.name: sample_value(f.type) for f in fields if f.required})
    raise AssertionError(f"no sample for a field of type {kind!r}: teach sample_value")


def sample(kind: type[ev.AnyEvent]) -> ev.AnyEvent:
    """An instance of ``kind`` with every required field filled in."""
    values = {f.name: sample_value(f.type) for f in msgspec.structs.fields(kind) if f.required}
    return kind(**values)


@pytest.fixture(scope="module")
def played(tmp_path_factory: pytest.TempPathFactory) -> tuple[Scenario, SessionState]:
    """A session that holds records of every collection (the format-2 fixture's)."""
    copy = tmp_path_factory.mktemp("played") / "played.parley"
    shutil.copy(FIXTURES / "format2-classroom.parley", copy)
    with Session.open(copy, read_only=True) as session:
        return session.scenario, session.state


def test_the_kinds_are_the_union_and_nothing_else() -> None:
    assert set(KINDS) == {t.__name__ for t in EVENT_TYPES}
    concrete = {c for c in _subclasses(ev.Event) if not c.__name__.startswith("_")}
    assert concrete == set(EVENT_TYPES), "an event class is missing from AnyEvent"


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(_subclasses(c) for c in found))


@pytest.mark.parametrize("kind", EVENT_TYPES, ids=lambda k: k.__name__)
def test_every_kind_says_everything_about_itself(
    kind: type[ev.AnyEvent], played: tuple[Scenario, SessionState]
) -> None:
    scenario, state = played
    event = sample(kind)
    seq = state.seq + 1
    assert isinstance(kind.version, int) and kind.version >= 1
    assert set(kind.flags) <= set(FLAGS), "flags must be Changes flags"
    assert kind.subject in SUBJECTS
    assert kind.creates is None or kind.creates in {"moves", "demands", "commitments",
                                                     "agreements", "codes", "devices",
                                                     "submissions", "messages"}  # fmt: skip
    for collection, name in kind.refers:
        assert hasattr(state, collection) and name in kind.__struct_fields__
    assert event.as_command(seq)  # Undo's label
    reading = event.reads(seq, Words(scenario, state))
    assert isinstance(reading, Reading) and reading.what
    audience = event.audience(seq, state, scenario)
    assert isinstance(audience, Audience)
    folded = reducer.copy_state(state)
    reducer.apply(folded, Envelope(seq, 0.0, state.round, ev.CONTROL, event), scenario)
    assert folded.seq == seq  # a handler ran (the match raises for a kind it lacks)


def test_changes_flags_are_its_bool_fields_and_merge_by_or() -> None:
    assert set(FLAGS) == {
        name for name, kind in typing.get_type_hints(Changes).items() if kind is bool
    }
    for flag in FLAGS:
        merged = Changes(log=False, seq=2) | Changes(**{"log": False, flag: True}, seq=5)
        assert getattr(merged, flag) is True and merged.seq == 5
        assert [f for f in FLAGS if getattr(merged, f)] == [flag]


def test_a_flag_no_changes_has_is_refused_when_a_kind_names_it() -> None:
    from engine.domain import state as st

    class Misspelt(ev._Controls, frozen=True):  # not in the union: checked alone
        flags = ("moves", "movse")

    original = st.EVENT_TYPES
    try:
        st.EVENT_TYPES = (*original, Misspelt)  # type: ignore[assignment]
        with pytest.raises(TypeError, match=r"Misspelt\.flags names no Changes flag.*movse"):
            st._check_flags()
    finally:
        st.EVENT_TYPES = original


def test_the_save_formats_event_table_is_the_codes() -> None:
    doc = (ROOT / "docs" / "save-format.md").read_text(encoding="utf-8")
    assert documented(doc) == event_table(), (
        "docs/save-format.md's event table is out of date: "
        "python -m engine.domain.event_table prints the table to paste between its markers"
    )
    for kind in EVENT_TYPES:
        assert f"| `{kind.__name__}` |" in doc


THROWAWAY = """

class ThrowawayHappened(_Controls, frozen=True):
    note: str

    flags = ("notes",)
    subject = "note"

    def as_command(self, seq: int) -> str:
        return "throw away"

    def reads(self, seq: int, words: Words) -> Reading:
        return Reading("Thrown away", text=self.note)

"""


@pytest.mark.slow
def test_mypy_names_a_kind_the_reducer_forgets(tmp_path: Path) -> None:
    """A copy of the engine with one more kind in the union and no handler for it: mypy
    reports exactly that (so the copy is otherwise clean, and so is the engine)."""
    shutil.copytree(
        ROOT / "engine", tmp_path / "engine", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    events = tmp_path / "engine" / "domain" / "events.py"
    text = events.read_text(encoding="utf-8")
    marker = "# ---------------------------------------------------------------------- every kind"
    union = re.search(r"\nAnyEvent = \(.*?\n\)", text, re.S)
    assert marker in text and union is not None
    text = text.replace(union[0], union[0][:-2] + "\n    | ThrowawayHappened\n)")
    events.write_text(text.replace(marker, THROWAWAY.strip("\n") + "\n\n\n" + marker))
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "engine"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, done.stdout + done.stderr
    assert errors[0].startswith("engine/domain/reducer.py:")
    assert "assert_never" in errors[0] and "ThrowawayHappened" in errors[0]
