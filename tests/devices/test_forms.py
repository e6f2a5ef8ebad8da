"""A posted form becomes a submission's payload; a form that cannot be read is named."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from devices.forms import FormError, payload, read_fields


def fields(*pairs: tuple[str, str]) -> dict[str, list[str]]:
    return read_fields(urlencode(pairs).encode())


def test_a_public_move() -> None:
    got = payload("move", fields(("move_type", "statement"), ("tone", "-2"), ("text", " We talk ")))
    assert got == {"move_type": "statement", "tone": -2, "text": "We talk", "visibility": None}


def test_a_private_move_names_its_teams() -> None:
    got = payload(
        "move",
        fields(("move_type", "statement"), ("text", "x"), ("visibility", "private"),
               ("to", "dprk"), ("to", "rok")),
    )  # fmt: skip
    assert got["visibility"] == ["dprk", "rok"]


def test_a_proposal_with_conditions_and_a_due_round() -> None:
    got = payload(
        "proposal",
        fields(("givers", "usa"), ("receivers", "dprk"), ("issue", "relief"), ("text", "t"),
               ("conditions", "commitment:c5"), ("conditions", "demand:d3"),
               ("due_round", "2"), ("verification", "1")),
    )  # fmt: skip
    assert got["conditions"] == [["commitment", "c5"], ["demand", "d3"]]
    assert got["due_round"] == 2 and got["verification"] is True
    assert got["givers"] == ["usa"] and got["receivers"] == ["dprk"]


def test_an_answer_is_agree_or_refuse() -> None:
    got = payload("answer", fields(("commitment", "c4"), ("answer", "agree")))
    assert got == {"commitment": "c4", "answer": "agree", "reason": ""}
    with pytest.raises(FormError, match="agree or refuse, not 'maybe'"):
        payload("answer", fields(("commitment", "c4"), ("answer", "maybe")))


def test_a_message() -> None:
    got = payload("message", fields(("to", "rok"), ("text", "hello")))
    assert got == {"to": ["rok"], "text": "hello"}


@pytest.mark.parametrize(
    ("what", "pairs", "message"),
    [
        ("move", [("text", "x")], "no 'move_type'"),
        ("move", [("move_type", "s"), ("text", "x"), ("tone", "loud")], "'tone' must be a whole"),
        ("proposal", [("issue", "r"), ("text", "t"), ("conditions", "c5")], "kind:record"),
        ("bribe", [], "no such submission: 'bribe'"),
        ("message", [("text", "x" * 5000)], "longer than 4000"),
    ],
)
def test_a_form_that_cannot_be_read_says_which_field(
    what: str, pairs: list[tuple[str, str]], message: str
) -> None:
    with pytest.raises(FormError, match=message):
        payload(what, fields(*pairs))


def test_a_team_field_is_never_read() -> None:
    got = payload("move", fields(("move_type", "s"), ("text", "x"), ("team", "dprk")))
    assert "team" not in got
