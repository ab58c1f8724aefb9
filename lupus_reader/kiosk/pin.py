"""The staff PIN: stored only as a salted slow hash, checked in constant time, guessing locked out.

The hash is PBKDF2-HMAC-SHA256, not scrypt: ``hashlib.scrypt`` exists only when
Python has OpenSSL, and the clinic bundle leaves OpenSSL out (build.spec). PBKDF2
is OpenSSL's when there is one, else computed here from hashlib's own SHA-256
(about 2.5 times slower: under a second at the default cost). A hash made by
one build is checked by every other.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import math
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 12
ALGORITHM = "pbkdf2-sha256"
ITERATIONS = 600_000  # OWASP's 2023 advice for PBKDF2-HMAC-SHA256
MIN_ITERATIONS = 100_000  # what a settings file may hold; fewer is refused as too weak
MAX_ITERATIONS = 10_000_000  # more would freeze the PIN pad for many seconds
SALT_BYTES = 16
HASH_BYTES = 32
MAX_ATTEMPTS = 5
LOCKOUT_S = 30.0

_PIN = re.compile(rf"[0-9]{{{PIN_MIN_DIGITS},{PIN_MAX_DIGITS}}}")

try:  # OpenSSL's; Python without OpenSSL has no other since 3.12 (3.11's is deprecated)
    from _hashlib import pbkdf2_hmac as _openssl_pbkdf2_hmac
except ImportError:
    _openssl_pbkdf2_hmac = None  # type: ignore[assignment]

_HMAC_BLOCK = 64  # bytes, for SHA-256
_INNER_PAD = bytes(x ^ 0x36 for x in range(256))
_OUTER_PAD = bytes(x ^ 0x5C for x in range(256))


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be a staff PIN, or None if it can: 4 to 12 digits 0-9, nothing else."""
    if _PIN.fullmatch(pin):
        return None
    if not pin:
        return "the PIN is empty"
    if not pin.isascii() or not pin.isdigit():
        return "a PIN has only the digits 0 to 9 (no letters, spaces or signs)"
    return f"a PIN has {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits, not {len(pin)}"


@dataclass(frozen=True, slots=True)
class PinHash:
    """A stored hash, parsed: ``pbkdf2-sha256$ITERATIONS$SALT$HASH`` (salt and hash in base64)."""

    iterations: int
    salt: bytes
    digest: bytes

    def __str__(self) -> str:
        salt = base64.b64encode(self.salt).decode("ascii")
        digest = base64.b64encode(self.digest).decode("ascii")
        return f"{ALGORITHM}${self.iterations}${salt}${digest}"


def parse_pin_hash(stored: str) -> PinHash:
    """The parts of a stored hash; ValueError saying what is wrong (never quoting the hash)."""
    fields = stored.split("$")
    if len(fields) != 4 or fields[0] != ALGORITHM:
        raise ValueError(f"must look like '{ALGORITHM}$ITERATIONS$SALT$HASH', as kiosk-pin writes it")
    if not fields[1].isascii() or not fields[1].isdigit():
        raise ValueError("the iteration count (after the first '$') must be a whole number")
    iterations = int(fields[1])
    if not 1 <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"the iteration count must be at most {MAX_ITERATIONS:,}")
    try:
        salt = base64.b64decode(fields[2], validate=True)
        digest = base64.b64decode(fields[3], validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("the salt and the hash must be base64") from None
    if len(salt) < 8 or len(digest) != HASH_BYTES:
        raise ValueError(f"the salt must have at least 8 bytes and the hash {HASH_BYTES}")
    return PinHash(iterations, salt, digest)


def pbkdf2_sha256(password: bytes, salt: bytes, iterations: int, length: int = HASH_BYTES) -> bytes:
    """PBKDF2-HMAC-SHA256 (RFC 8018), the same bytes as ``hashlib.pbkdf2_hmac("sha256", ...)``."""
    if _openssl_pbkdf2_hmac is not None:
        return _openssl_pbkdf2_hmac("sha256", password, salt, iterations, length)
    return _pure_pbkdf2_sha256(password, salt, iterations, length)


def _pure_pbkdf2_sha256(password: bytes, salt: bytes, iterations: int, length: int) -> bytes:
    # HMAC's two keyed hash states are made once and copied for each of the many rounds.
    key = hashlib.sha256(password).digest() if len(password) > _HMAC_BLOCK else password
    key = key.ljust(_HMAC_BLOCK, b"\0")
    inner, outer = hashlib.sha256(key.translate(_INNER_PAD)), hashlib.sha256(key.translate(_OUTER_PAD))

    def hmac_sha256(message: bytes) -> bytes:
        keyed_inner, keyed_outer = inner.copy(), outer.copy()
        keyed_inner.update(message)
        keyed_outer.update(keyed_inner.digest())
        return keyed_outer.digest()

    blocks = []
    for index in range(1, -(-length // 32) + 1):
        chained = hmac_sha256(salt + index.to_bytes(4))
        total = int.from_bytes(chained)
        for _ in range(iterations - 1):
            chained = hmac_sha256(chained)
            total ^= int.from_bytes(chained)
        blocks.append(total.to_bytes(32))
    return b"".join(blocks)[:length]


def _derive(pin: str, salt: bytes, iterations: int) -> bytes:
    return pbkdf2_sha256(pin.encode("utf-8"), salt, iterations)


def hash_pin(pin: str, *, iterations: int = ITERATIONS) -> str:
    """A new salted hash of ``pin`` to store; ValueError if ``pin`` is not 4-12 digits.

    Slow on purpose (a quarter of a second with OpenSSL). Each call draws a new salt,
    so the same PIN never gives the same string twice.
    """
    problem = pin_problem(pin)
    if problem:
        raise ValueError(problem)
    if not 1 <= iterations <= MAX_ITERATIONS:
        raise ValueError(f"iterations must be from 1 to {MAX_ITERATIONS:,}")
    salt = secrets.token_bytes(SALT_BYTES)
    return str(PinHash(iterations, salt, _derive(pin, salt, iterations)))


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` is the PIN ``stored`` was made from; False for a malformed ``stored`` too.

    As slow as ``hash_pin``: the shell should show the PIN pad as busy meanwhile.
    """
    try:
        parsed = parse_pin_hash(stored)
    except ValueError:
        return False
    if pin_problem(pin):
        return False  # cannot match: every stored PIN passed pin_problem
    return hmac.compare_digest(_derive(pin, parsed.salt, parsed.iterations), parsed.digest)


@dataclass(frozen=True, slots=True)
class PinOutcome:
    """What the PIN pad shows after a try.

    ``result`` is "ok" (let staff in), "wrong" (``attempts_left`` more before the
    lockout) or "locked" (no PIN is checked for ``seconds_left`` more seconds).
    """

    result: Literal["ok", "wrong", "locked"]
    attempts_left: int = 0
    seconds_left: int = 0

    @property
    def ok(self) -> bool:
        return self.result == "ok"


class PinGate:
    """Checks PINs against one stored hash; after 5 wrong ones in a row, refuses all for 30 s.

    Pure logic: ``clock`` (seconds, monotonic) is injected so tests need not wait.
    Keep one gate for the life of the app: a new gate forgets the count.
    """

    def __init__(
        self,
        pin_hash: str,
        clock: Callable[[], float] = time.monotonic,
        *,
        max_attempts: int = MAX_ATTEMPTS,
        lockout_s: float = LOCKOUT_S,
        verify: Callable[[str, str], bool] = verify_pin,
    ) -> None:
        self._pin_hash = pin_hash
        self._clock = clock
        self._max_attempts = max_attempts
        self._lockout_s = lockout_s
        self._verify = verify
        self._failures = 0
        self._locked_until: float | None = None

    def seconds_locked(self) -> int:
        """Whole seconds (rounded up) until PINs are checked again; 0 when not locked."""
        if self._locked_until is None:
            return 0
        left = self._locked_until - self._clock()
        if left <= 0:
            self._locked_until = None
            return 0
        return math.ceil(left)

    @property
    def attempts_left(self) -> int:
        return self._max_attempts - self._failures

    def try_pin(self, pin: str) -> PinOutcome:
        """Check ``pin`` unless locked; a right PIN resets the count of wrong ones."""
        locked = self.seconds_locked()
        if locked:
            return PinOutcome("locked", seconds_left=locked)
        if self._verify(pin, self._pin_hash):
            self._failures = 0
            return PinOutcome("ok", attempts_left=self._max_attempts)
        self._failures += 1
        if self._failures >= self._max_attempts:
            self._failures = 0
            self._locked_until = self._clock() + self._lockout_s
            return PinOutcome("locked", seconds_left=math.ceil(self._lockout_s))
        return PinOutcome("wrong", attempts_left=self.attempts_left)
