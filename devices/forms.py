"""A posted form, read into a submission's payload (``docs/devices.md``, "Submission
payloads"): the keyword arguments of the command it becomes, minus the team.

Only the shape is checked here (a number where a number goes, a known field); the rules
(a seated team, a known issue, a legal move) are the engine's, when it receives the
submission. The team is never read from a form: it comes from the device.
"""

from __future__ import annotations

from urllib.parse import parse_qs

WHATS = ("move", "demand", "proposal", "answer", "message")
MAX_FIELDS = 200
MAX_TEXT = 4000


class FormError(ValueError):
    """A form that cannot be read; the message names the field."""


Fields = dict[str, list[str]]


def read_fields(body: bytes) -> Fields:
    try:
        text = body.decode("utf-8")
        return parse_qs(text, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError) as error:
        raise FormError(f"the form could not be read: {error}") from None


def one(fields: Fields, name: str, default: str | None = None) -> str:
    values = fields.get(name)
    if not values:
        if default is None:
            raise FormError(f"the form has no {name!r}")
        return default
    value = values[0].strip()
    if len(value) > MAX_TEXT:
        raise FormError(f"{name!r} is longer than {MAX_TEXT} characters")
    return value


def _number(fields: Fields, name: str, default: str | None = None) -> int:
    value = one(fields, name, default)
    try:
        return int(value)
    except ValueError:
        raise FormError(f"{name!r} must be a whole number, not {value!r}") from None


def _visibility(fields: Fields) -> list[str] | None:
    if one(fields, "visibility", "public") == "public":
        return None
    return fields.get("to", [])


def payload(what: str, fields: Fields) -> dict[str, object]:
    """The payload of a submission of kind ``what`` from a form's fields."""
    if what == "move":
        return {
            "move_type": one(fields, "move_type"),
            "tone": _number(fields, "tone", "0"),
            "text": one(fields, "text"),
            "visibility": _visibility(fields),
        }
    if what == "demand":
        return {
            "to_team": one(fields, "to_team"),
            "issue": one(fields, "issue"),
            "priority": _number(fields, "priority", "2"),
            "text": one(fields, "text"),
            "visibility": _visibility(fields),
        }
    if what == "proposal":
        due = one(fields, "due_round", "")
        conditions = []
        for value in fields.get("conditions", []):
            kind, _, ref = value.partition(":")
            if not ref:
                raise FormError(f"condition {value!r} is not kind:record")
            conditions.append([kind, ref])
        return {
            "givers": fields.get("givers", []),
            "receivers": fields.get("receivers", []),
            "issue": one(fields, "issue"),
            "text": one(fields, "text"),
            "conditions": conditions,
            "due_round": _number(fields, "due_round") if due else None,
            "verification": one(fields, "verification", "") == "1",
            "visibility": _visibility(fields),
        }
    if what == "answer":
        answer = one(fields, "answer")
        if answer not in ("agree", "refuse"):
            raise FormError(f"an answer is agree or refuse, not {answer!r}")
        return {
            "commitment": one(fields, "commitment"),
            "answer": answer,
            "reason": one(fields, "reason", ""),
        }
    if what == "message":
        return {"to": fields.get("to", []), "text": one(fields, "text")}
    raise FormError(f"no such submission: {what!r} (one of {', '.join(WHATS)})")
