"""Property tests: however a valid scenario is broken, the validator answers in words.

Random mutations of valid files (the minimal fixture and the bundled scenarios) must give a
``Scenario`` or a ``ScenarioError`` whose faults each fit on one line, never any other
exception. Mutations work on the text (truncate, flip bytes, delete lines, replace values,
insert keys, duplicate tables) and on the decoded document (delete a key, change a value
to another type, insert a key, duplicate an entry), which is written back as TOML.
"""

from __future__ import annotations

import datetime
import json
import math
import re
import tomllib
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SCENARIOS
from engine.scenario import Scenario, ScenarioError, parse_scenario
from engine.scenario.model import json_schema

SOURCES = [FIXTURES / "minimal.toml", *sorted(SCENARIOS.glob("*.toml"))]
TEXTS = [path.read_text(encoding="utf-8") for path in SOURCES]
VALIDATOR = jsonschema.Draft202012Validator(json.loads(json.dumps(json_schema())))
SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ------------------------------------------------------------------ writing TOML back


def toml_value(value: Any) -> str:
    """``value`` as an inline TOML value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"{toml_key(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + ", ".join(items) + " }"
    raise TypeError(type(value))


def toml_key(key: str) -> str:
    return json.dumps(key, ensure_ascii=False)


def toml_document(doc: dict[str, Any]) -> str:
    return "".join(f"{toml_key(k)} = {toml_value(v)}\n" for k, v in doc.items())


# ------------------------------------------------------------------ random values

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
KEYS = st.one_of(
    st.sampled_from(["id", "name", "teams", "minutes", "effects", "color", "round", "scope"]),
    st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True),
    TEXT,
)
SCALARS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    TEXT,
    st.sampled_from(["public", "working", "summit", "global", "team", "pair", "#abc", "north"]),
    st.sampled_from([10**400, -(10**400), 2**63, 1e308, -0.0, 5e-324]),
    st.dates(),
    st.datetimes(),
    st.times(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(KEYS, inner, max_size=4),
    ),
    max_leaves=8,
)


def _kind(value: Any) -> type:
    return type(value) if not isinstance(value, datetime.date) else datetime.date


# ------------------------------------------------------------------ the property


def check(data: bytes | str) -> Scenario | None:
    """The property itself: a Scenario, or a ScenarioError that explains itself."""
    try:
        scenario = parse_scenario(data, "mutant.toml")
    except ScenarioError as error:
        assert error.faults
        for fault in error.faults:
            assert fault.file == "mutant.toml"
            assert fault.message
            assert "\n" not in str(fault)
            assert fault.line is None or fault.line >= 1
        return None
    assert isinstance(scenario, Scenario)
    return scenario


# ------------------------------------------------------------------ text mutations


def _lines(text: str) -> list[str]:
    return text.split("\n")


@st.composite
def text_mutants(draw: st.DrawFn) -> bytes | str:
    text = draw(st.sampled_from(TEXTS))
    lines = _lines(text)
    how = draw(
        st.sampled_from(
            ["truncate", "flip", "delete", "replace", "digits", "insert", "duplicate", "several"]
        )
    )
    rounds = draw(st.integers(2, 5)) if how == "several" else 1
    for _ in range(rounds):
        step = how if how != "several" else draw(st.sampled_from(["delete", "replace", "insert"]))
        if step == "digits":  # more digits than Python reads into an int
            step, value = "replace", "1" + "0" * draw(st.integers(4300, 5000))
        else:
            value = toml_value(draw(VALUES))
        if step == "truncate":
            cut = draw(st.integers(0, len(text)))
            return text[:cut]
        if step == "flip":
            data = bytearray(text.encode("utf-8"))
            for _ in range(draw(st.integers(1, 8))):
                at = draw(st.integers(0, len(data) - 1))
                data[at] ^= draw(st.integers(1, 255))
            return bytes(data)
        if step == "delete":
            del lines[draw(st.integers(0, len(lines) - 1))]
        elif step == "replace":
            keyed = [i for i, line in enumerate(lines) if re.match(r"^[\w.\"' -]+=", line)]
            at = draw(st.sampled_from(keyed))
            key = lines[at].split("=", 1)[0]
            lines[at] = f"{key}= {value}"
        elif step == "insert":
            at = draw(st.integers(0, len(lines)))
            lines.insert(at, f"{toml_key(draw(KEYS))} = {value}")
        elif step == "duplicate":
            headers = [i for i, line in enumerate(lines) if line.startswith("[")]
            start = draw(st.sampled_from(headers))
            end = next((i for i in headers if i > start), len(lines))
            to = draw(st.sampled_from([*headers, len(lines)]))
            lines[to:to] = lines[start:end]
        text = "\n".join(lines)
    return text


@SETTINGS
@given(text_mutants())
def test_text_mutations_never_raise_anything_else(data: bytes | str) -> None:
    check(data)


# ------------------------------------------------------------------ document mutations


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside a decoded document."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found.extend(_paths(inner, (*prefix, key)))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            found.extend(_paths(inner, (*prefix, index)))
    return found


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        doc = doc[part]
    return doc


@st.composite
def document_mutants(draw: st.DrawFn) -> dict[str, Any]:
    doc = tomllib.loads(draw(st.sampled_from(TEXTS)))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(doc)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(doc, path)
        how = draw(st.sampled_from(["delete", "retype", "insert", "duplicate"]))
        if how == "delete":
            del parent[path[-1]]
        elif how == "retype":
            old = parent[path[-1]]
            parent[path[-1]] = draw(VALUES.filter(lambda v, old=old: _kind(v) is not _kind(old)))
        elif how == "insert":
            target = parent[path[-1]]
            if isinstance(target, dict):
                target[draw(KEYS)] = draw(VALUES)
            elif isinstance(target, list):
                target.insert(draw(st.integers(0, len(target))), draw(VALUES))
            else:
                parent[path[-1]] = draw(VALUES)
        elif isinstance(parent, list):
            parent.insert(path[-1], json.loads(json.dumps(parent[path[-1]], default=str)))
    return doc


@SETTINGS
@given(document_mutants())
def test_document_mutations_never_raise_anything_else(doc: dict[str, Any]) -> None:
    scenario = check(toml_document(doc))
    if scenario is not None:
        # What the validator accepts, the published schema (which says less) accepts too.
        assert list(VALIDATOR.iter_errors(doc)) == []


def test_the_serializer_round_trips_every_source() -> None:
    """The document mutations mean something only if unmutated documents survive."""
    for text in TEXTS:
        doc = tomllib.loads(text)
        assert tomllib.loads(toml_document(doc)) == doc
        assert check(toml_document(doc)) is not None
