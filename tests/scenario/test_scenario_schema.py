"""The published JSON Schema: valid draft 2020-12, true to the format, strict on keys."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tomllib
from typing import Any

import jsonschema
import pytest

from conftest import FIXTURES, ROOT
from engine.scenario.model import json_schema


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    """The schema exactly as ``python main.py schema`` prints it."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "schema"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    printed: dict[str, Any] = json.loads(result.stdout)
    assert printed == json.loads(json.dumps(json_schema()))
    return printed


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture
def minimal() -> dict[str, Any]:
    with open(FIXTURES / "minimal.toml", "rb") as handle:
        return tomllib.load(handle)


def errors(validator: jsonschema.Draft202012Validator, doc: dict[str, Any]) -> list[str]:
    return [
        "/".join(map(str, e.absolute_path)) + ": " + e.message for e in validator.iter_errors(doc)
    ]


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$ref"] == "#/$defs/ScenarioFile"


def test_minimal_fixture_is_valid(
    validator: jsonschema.Draft202012Validator, minimal: dict
) -> None:
    assert errors(validator, minimal) == []


def test_every_table_refuses_unknown_keys(schema: dict[str, Any]) -> None:
    for name, definition in schema["$defs"].items():
        assert definition["additionalProperties"] is False, name


def test_no_key_offers_null(schema: dict[str, Any]) -> None:
    """TOML has no null: an optional key is left out, never written as nothing."""
    assert '"null"' not in json.dumps(schema)


@pytest.mark.parametrize(
    ("where", "key", "value"),
    [
        ((), "team", [{"id": "x", "name": "X"}]),
        (("scenario",), "version", 1),
        (("teams", 0), "privat_brief", "secret"),
        (("rounds", 1, "phases", 0), "mins", 3),
        (("injects", 0), "when", 2),
    ],
)
def test_an_unknown_key_fails(
    validator: jsonschema.Draft202012Validator,
    minimal: dict[str, Any],
    where: tuple[str | int, ...],
    key: str,
    value: object,
) -> None:
    doc = copy.deepcopy(minimal)
    target: Any = doc
    for part in where:
        target = target[part]
    target[key] = value
    found = errors(validator, doc)
    assert len(found) == 1
    assert "Additional properties are not allowed" in found[0]
    assert repr(key) in found[0]


def _set(doc: dict[str, Any], where: tuple[str | int, ...], value: object) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    target: Any = doc
    for part in where[:-1]:
        target = target[part]
    if value is _DELETE:
        del target[where[-1]]
    else:
        target[where[-1]] = value
    return doc


_DELETE = object()

BAD = [
    (("scenario", "format"), 2),
    (("scenario", "id"), "Bad-Id"),
    (("teams",), [{"id": "solo", "name": "Solo"}]),
    (("teams", 0, "color"), "red"),
    (("teams", 0, "color"), "#c00f"),
    (("teams", 0, "objectives"), "peace"),
    (("teams", 1, "name"), _DELETE),
    (("indicators", 0, "scope"), "world"),
    (("indicators", 0, "min"), "low"),
    (("issues", 0, "tangible"), "yes"),
    (("rounds",), []),
    (("rounds", 0, "kind"), "work"),
    (("rounds", 0, "minutes"), 0),
    (("rounds", 0, "minutes"), _DELETE),
    (("rounds", 1, "teams"), []),
    (("rounds", 1, "teams"), ["north", "north"]),
    (("rounds", 1, "phases"), []),
    (("rounds", 1, "phases", 0, "minutes"), -1),
    (("injects", 0, "round"), 0),
    (("injects", 0, "visibility"), "private"),
    (("injects", 0, "visibility"), []),
    (("injects", 0, "visibility"), ["North"]),
    (("injects", 0, "effects"), 3),
    (("injects", 0, "effects", "support"), "up"),
    (("injects", 0, "effects", "support"), True),
    (("move_types", 1, "effects", "trust", "south", "north"), {"x": 1}),
    (("move_types", 1, "effects", "Tension"), 1),
]


@pytest.mark.parametrize(("where", "value"), BAD, ids=[f"{w}={v!r}" for w, v in BAD])
def test_what_the_schema_can_say_it_refuses(
    validator: jsonschema.Draft202012Validator,
    minimal: dict[str, Any],
    where: tuple[str | int, ...],
    value: object,
) -> None:
    assert errors(validator, _set(minimal, where, value)) != []


GOOD = [
    (("teams", 0, "color"), "#1f77b4"),
    (("teams", 0, "color"), _DELETE),
    (("rounds", 0, "minutes"), 12.5),
    (("injects", 0, "visibility"), "public"),
    (("injects", 0, "round"), _DELETE),
    (("move_types", 0, "effects"), {"tension": -2.5, "support": 1}),
]


@pytest.mark.parametrize(("where", "value"), GOOD, ids=[f"{w}={v!r}" for w, v in GOOD])
def test_what_the_format_allows_the_schema_allows(
    validator: jsonschema.Draft202012Validator,
    minimal: dict[str, Any],
    where: tuple[str | int, ...],
    value: object,
) -> None:
    assert errors(validator, _set(minimal, where, value)) == []


def test_keys_carry_descriptions_for_editors(schema: dict[str, Any]) -> None:
    team = schema["$defs"]["TeamEntry"]["properties"]
    assert "summits" in team["leader"]["description"]
    visibility = schema["$defs"]["InjectEntry"]["properties"]["visibility"]
    assert "public" in visibility["description"]
