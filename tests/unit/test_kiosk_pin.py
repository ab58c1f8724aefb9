"""The staff PIN: salted slow hashes, checked the same with or without OpenSSL; guessing locked out."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap

import pytest

from lupus_reader.kiosk import pin as pin_module
from lupus_reader.kiosk.pin import (
    ITERATIONS,
    PinGate,
    PinOutcome,
    hash_pin,
    parse_pin_hash,
    pin_problem,
    verify_pin,
)

CHEAP = 1000  # iterations for tests of logic, not of cost


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_hash_verifies_its_pin_and_no_other():
    stored = hash_pin("482916")

    assert verify_pin("482916", stored)
    assert not verify_pin("482917", stored)
    assert not verify_pin("48291", stored)
    assert not verify_pin("", stored)


def test_a_hash_is_salted_slow_and_holds_no_pin():
    first, second = hash_pin("4829161"), hash_pin("4829161")

    assert first != second  # a new salt each time
    assert first.startswith(f"pbkdf2-sha256${ITERATIONS}$")
    assert parse_pin_hash(first).salt != parse_pin_hash(second).salt
    for stored in (first, second):
        assert "4829161" not in stored
        assert verify_pin("4829161", stored)


@pytest.mark.parametrize(
    ("pin", "words"),
    [
        ("", "empty"),
        ("123", "4 to 12 digits, not 3"),
        ("1234567890123", "not 13"),
        ("12a4", "only the digits 0 to 9"),
        ("12 34", "only the digits"),
        ("١٢٣٤", "only the digits"),  # Arabic-Indic digits are digits to str.isdigit, not on the pad
        ("-1234", "only the digits"),
    ],
)
def test_a_pin_is_4_to_12_plain_digits(pin, words):
    problem = pin_problem(pin)

    assert problem is not None and words in problem
    with pytest.raises(ValueError):
        hash_pin(pin)
    assert not verify_pin(pin, hash_pin("1234", iterations=CHEAP))


@pytest.mark.parametrize("pin", ["0000", "123456789012"])
def test_the_shortest_and_longest_pins_work(pin):
    assert pin_problem(pin) is None
    assert verify_pin(pin, hash_pin(pin, iterations=CHEAP))


@pytest.mark.parametrize("stored", ["", "plain", "pbkdf2-sha256$x$y$z", "scrypt$1$2$3$4$5"])
def test_a_malformed_hash_verifies_nothing(stored):
    assert not verify_pin("1234", stored)


def test_pure_python_pbkdf2_gives_openssls_bytes():
    cases = [(b"1234", b"salt" * 4, 1000, 32), (b"x" * 100, b"s", 3, 70), (b"", b"", 1, 1)]
    for password, salt, iterations, length in cases:
        expected = hashlib.pbkdf2_hmac("sha256", password, salt, iterations, length)
        assert pin_module._pure_pbkdf2_sha256(password, salt, iterations, length) == expected


def test_rfc_7914_vector_without_openssl():
    # RFC 7914 section 11: PBKDF2-HMAC-SHA256, P="passwd", S="salt", c=1, dkLen=64.
    expected = bytes.fromhex(
        "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
        "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"
    )
    assert pin_module._pure_pbkdf2_sha256(b"passwd", b"salt", 1, 64) == expected


def test_a_hash_from_a_python_with_openssl_verifies_in_one_without():
    # The clinic bundle has no OpenSSL (build.spec): a PIN set on another machine must still open it.
    stored = hash_pin("902211")
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["_hashlib"] = None  # as in the bundle: no OpenSSL
        from lupus_reader.kiosk import pin
        assert pin._openssl_pbkdf2_hmac is None
        print(pin.verify_pin("902211", {stored!r}), pin.verify_pin("902212", {stored!r}))
        """
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", script], capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False"]


# -- the gate ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stored() -> str:
    return hash_pin("2468", iterations=CHEAP)


def test_five_wrong_pins_lock_the_pad_for_30_seconds(stored):
    clock = FakeClock()
    gate = PinGate(stored, clock)

    outcomes = [gate.try_pin("1111") for _ in range(4)]

    assert [o.attempts_left for o in outcomes] == [4, 3, 2, 1]
    assert all(o.result == "wrong" for o in outcomes)
    assert gate.try_pin("1111") == PinOutcome("locked", seconds_left=30)
    clock.now += 10.2
    assert gate.seconds_locked() == 20  # rounded up: the pad counts down whole seconds
    assert gate.try_pin("2468") == PinOutcome("locked", seconds_left=20)  # even the right PIN


def test_the_pad_opens_again_after_30_seconds(stored):
    clock = FakeClock()
    gate = PinGate(stored, clock)
    for _ in range(5):
        gate.try_pin("0000")

    clock.now += 29.9
    assert gate.try_pin("2468").result == "locked"
    clock.now += 0.1
    assert gate.seconds_locked() == 0
    assert gate.try_pin("1111") == PinOutcome("wrong", attempts_left=4)  # five fresh tries
    assert gate.try_pin("2468").ok


def test_the_right_pin_resets_the_count(stored):
    gate = PinGate(stored, FakeClock())
    for _ in range(4):
        gate.try_pin("1357")

    assert gate.try_pin("2468") == PinOutcome("ok", attempts_left=5)
    assert gate.attempts_left == 5
    assert [gate.try_pin("1357").result for _ in range(4)] == ["wrong"] * 4  # not locked after one more


def test_a_locked_gate_checks_no_pin():
    checked: list[str] = []

    def verify(pin: str, stored: str) -> bool:
        checked.append(pin)
        return False

    gate = PinGate("unused", FakeClock(), verify=verify)
    for attempt in range(8):
        gate.try_pin(f"{attempt}000")

    assert checked == ["0000", "1000", "2000", "3000", "4000"]
