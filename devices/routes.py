"""The routes: what each address answers, for whom.

``/`` a device's page (its team's, or Control's); ``/join/<code>`` and ``POST /join``
join; ``/events`` its live stream; ``/refresh`` its feed and panels again (after an
undo); ``POST /submit/<what>`` a team's submission; ``POST /control/<action>`` Control's
inbox and rulings; ``/board/<key>`` the public board, its stream and refresh;
``/static/`` the one script and the one style sheet.
"""

from __future__ import annotations

import hmac
import json
from pathlib import Path
from typing import TYPE_CHECKING

from devices import guard
from devices.forms import FormError, payload, read_fields
from devices.owner import OwnerGone
from engine.errors import DomainError

if TYPE_CHECKING:
    from devices.handler import Handler
    from devices.server import Known

STATIC = {
    "/static/parley.js": ("parley.js", "text/javascript; charset=utf-8"),
    "/static/parley.css": ("parley.css", "text/css; charset=utf-8"),
}
CACHE = (("Cache-Control", "max-age=300"),)


STATIC_DIR = Path(__file__).resolve().parent / "static"


def _static(name: str) -> bytes:
    return (STATIC_DIR / name).read_bytes()


def get(h: Handler, path: str) -> None:
    app = h.app
    if app.ended is not None:
        from devices.pages import ended

        h.respond(503, ended(app.ended))
        return
    if path in STATIC:
        name, kind = STATIC[path]
        h.respond(200, _static(name), kind=kind, headers=CACHE)
        return
    if path.startswith("/join/"):
        join(h, path.removeprefix("/join/"))
        return
    if path.startswith("/board/"):
        board(h, path.removeprefix("/board/"))
        return
    if path not in ("/", "/events", "/refresh"):
        h.refuse(404, "Not found", "There is nothing at this address.")
        return
    known = device(h)
    if known is None:
        return
    try:
        if path == "/":
            h.respond(200, app.call(lambda s: app.page(s, known)))
        elif path == "/refresh":
            h.respond(200, app.call(lambda s: app.refresh(s, known.viewer)), kind=JSON)
        else:
            app.stream(h, known.viewer, known.device)
    except OwnerGone:
        gone(h)


JSON = "application/json"


def gone(h: Handler) -> None:
    h.refuse(503, "Session not answering", "The session is not answering: try again soon.",
             headers=(("Retry-After", "5"),))  # fmt: skip


def device(h: Handler) -> Known | None:
    """The device of the request's cookie, or None (refused: answered)."""
    app = h.app
    token = guard.token_from(h.headers.get("Cookie"))
    try:
        known = app.known(token) if token else None
    except OwnerGone:
        gone(h)
        return None
    if known is None:
        why = (
            "This browser is no longer joined: Control removed it, or its code was revoked."
            if token
            else "This browser has not joined the session: open your team's join link, or "
            "type its code."
        )
        h.refuse(403, "Not joined", why, headers=(("Set-Cookie", guard.clear_cookie()),))
        return None
    if not app.device_buckets.take(known.device):
        h.refuse(429, "Too many requests", "This device sends too fast: wait a moment.",
                 headers=(("Retry-After", "5"),))  # fmt: skip
        return None
    return known


def join(h: Handler, code: str) -> None:
    app = h.app
    if not app.wrong_codes.peek(h.address):
        h.refuse(429, "Too many wrong codes", "Too many wrong codes from here: wait a minute.",
                 headers=(("Retry-After", "60"),))  # fmt: skip
        return
    label = (h.headers.get("User-Agent") or "")[:80]
    try:
        token = app.call(lambda s: s.join(code_text=code, label=label)[1])
    except OwnerGone:
        gone(h)
        return
    except DomainError as error:
        reason = str(getattr(error, "reason", ""))
        if reason == "revoked code":
            h.refuse(403, "Code revoked", "This join code was revoked: ask Control for a new one.")
        elif reason == "lobby locked":
            h.refuse(403, "Lobby locked", "Control has locked the lobby: no device may join now.")
        else:
            app.wrong_codes.take(h.address)
            h.refuse(404, "Unknown code", "This join code is not known. Check it with Control.")
        return
    h.redirect("/", headers=(("Set-Cookie", guard.set_cookie(token)),))


def board(h: Handler, rest: str) -> None:
    app = h.app
    key, _, tail = rest.partition("/")
    if not hmac.compare_digest(key.encode(), app.board_key.encode()) or tail not in (
        "",
        "events",
        "refresh",
    ):
        h.refuse(404, "Not found", "There is nothing at this address.")
        return
    try:
        if tail == "":
            h.respond(200, app.call(app.board_page))
        elif tail == "refresh":
            h.respond(200, app.call(lambda s: app.refresh(s, "public")), kind=JSON)
        else:
            app.stream(h, "public", None)
    except OwnerGone:
        gone(h)


def post(h: Handler, path: str) -> None:
    app = h.app
    if app.ended is not None:
        from devices.pages import ended

        h.respond(503, ended(app.ended))
        return
    if not guard.origin_ok(h.headers.get("Origin"), app.hosts):
        h.refuse(403, "Refused", "This form did not come from this server's own page.")
        return
    if path == "/join":
        body = h.read_body()
        if body is not None:
            try:
                join(h, read_fields(body).get("code", [""])[0])
            except FormError as error:
                h.refuse(400, "Unreadable form", str(error))
        return
    what, _, action = path.strip("/").partition("/")
    if what not in ("submit", "control"):
        h.refuse(404, "Not found", "There is nothing at this address.")
        return
    known = device(h)
    if known is None:
        return
    body = h.read_body()
    if body is None:
        return
    token = guard.token_from(h.headers.get("Cookie")) or ""
    try:
        fields = read_fields(body)
        if not guard.csrf_ok(token, fields.get("csrf", [""])[0]):
            h.refuse(403, "Refused", "This form is out of date or not this device's: reload.")
            return
        if what == "submit":
            if known.role != "team":
                h.refuse(403, "Refused", "Only a team's device sends submissions.")
                return
            data = payload(action, fields)
            if data.get("visibility") == []:  # private, no other team ticked: only us
                data["visibility"] = [known.team]
            app.call(lambda s: s.submit(device=known.device, what=action, payload=data))
        else:
            if known.role != "control":
                h.refuse(403, "Refused", "Only a Control device works the inbox.")
                return
            app.call(lambda s: app.control(s, known.device, action, fields))
    except (FormError, DomainError) as error:
        said = str(error)
        try:
            h.respond(422, app.call(lambda s: app.page(s, known, error=said)))
        except OwnerGone:
            gone(h)
        return
    except OwnerGone:
        gone(h)
        return
    h.redirect("/")


def refresh_json(feed: str, panels: dict[str, str]) -> str:
    return json.dumps({"feed": feed, "panels": panels})
