"""Join codes and device tokens: how they are made, written and matched.

A join code is 12 symbols of an alphabet of 32 that a person cannot misread (no 0, 1, I
or O): 60 bits, shown ``ABCD-EFGH-JKLM``. Matching ignores case, spaces and dashes. The
save keeps only a salted hash of it (PBKDF2-SHA256, a modest cost: the owner thread
checks every code of the session on a join, so a join stays within milliseconds). A
device's token is ``secrets.token_urlsafe(32)`` and the save keeps its SHA-256.

``hashlib`` and ``secrets`` are imported when first used: the facilitator window's start
does not pay for OpenSSL (``engine/digest.py``).
"""

from __future__ import annotations

import random
from typing import Protocol

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols: 5 bits each
LENGTH = 12  # 60 bits
GROUP = 4
SCHEME = "pbkdf2_sha256"
ITERATIONS = 2000  # about 1 ms a code on this machine
SALT_BYTES = 16


def normalized(text: str) -> str | None:
    """A typed code as its 12 symbols (upper case, no spaces or dashes); None when it
    cannot be a code (wrong length, or a symbol outside the alphabet)."""
    if not isinstance(text, str):
        return None
    code = "".join(text.split()).replace("-", "").upper()
    if len(code) != LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def shown(code: str) -> str:
    """``ABCDEFGHJKLM`` as people read it: ``ABCD-EFGH-JKLM``."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def code_digest(code: str, salt: bytes) -> str:
    """The stored form of a code: ``pbkdf2_sha256$2000$<salt hex>$<hash hex>``."""
    import hashlib

    derived = hashlib.pbkdf2_hmac("sha256", code.encode(), salt, ITERATIONS)
    return f"{SCHEME}${ITERATIONS}${salt.hex()}${derived.hex()}"


def code_matches(code: str, digest: str) -> bool:
    """Whether the normalized ``code`` is the one ``digest`` was made from."""
    import hashlib
    import hmac

    parts = digest.split("$")
    if len(parts) != 4 or parts[0] != SCHEME or not parts[1].isdigit():
        return False
    try:
        salt = bytes.fromhex(parts[2])
    except ValueError:
        return False
    derived = hashlib.pbkdf2_hmac("sha256", code.encode(), salt, int(parts[1]))
    return hmac.compare_digest(derived.hex(), parts[3])


def well_formed_code_digest(digest: object) -> bool:
    """A stored code digest of the shape ``code_digest`` writes (for the audit)."""
    if not isinstance(digest, str):
        return False
    parts = digest.split("$")
    return (
        len(parts) == 4
        and parts[0] == SCHEME
        and parts[1].isdigit()
        and 1 <= int(parts[1]) <= 10**7
        and _hex(parts[2], SALT_BYTES * 2)
        and _hex(parts[3], 64)
    )


def token_digest(token: str) -> str:
    """The stored form of a device token: its SHA-256, in hex."""
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()


def well_formed_token_digest(digest: object) -> bool:
    return isinstance(digest, str) and _hex(digest, 64)


def _hex(text: str, length: int) -> bool:
    return len(text) == length and all(c in "0123456789abcdef" for c in text)


class Secrets(Protocol):
    """Where codes, salts and tokens come from (``SystemSecrets``; a seeded one for the
    simulator, whose logs must repeat)."""

    def code(self) -> str: ...

    def salt(self) -> bytes: ...

    def token(self) -> str: ...


class SystemSecrets:
    """The operating system's randomness, through ``secrets``."""

    def code(self) -> str:
        import secrets

        return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))

    def salt(self) -> bytes:
        import secrets

        return secrets.token_bytes(SALT_BYTES)

    def token(self) -> str:
        import secrets

        return secrets.token_urlsafe(32)


class SeededSecrets:
    """Repeatable values from ``random.Random(seed)``: for simulated sessions and tests,
    never for a room (they can be guessed from the seed)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def code(self) -> str:
        return "".join(self.rng.choice(ALPHABET) for _ in range(LENGTH))

    def salt(self) -> bytes:
        return self.rng.randbytes(SALT_BYTES)

    def token(self) -> str:
        return self.rng.randbytes(32).hex()
