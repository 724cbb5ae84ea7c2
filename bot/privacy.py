"""Masking personal data before it is stored, and pseudonymous user keys.

Free text from newcomers often contains a phone number, an e-mail address, an IBAN or a
BSN ("my BSN is … can you check my allowance?"). Staff need the question, not those
numbers, so :func:`mask` replaces them before anything reaches the database; the store
calls it on every text it keeps, so it is the last line of defence, not the only one.

The platform's user id is personal data too. :func:`user_key` turns it into a keyed hash
with a secret that lives only on the server, so a leaked database cannot be joined back
to Telegram accounts without also leaking the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

from bot.errors import StoreError

PHONE_TOKEN = "[telefoon]"
EMAIL_TOKEN = "[e-mail]"
IBAN_TOKEN = "[iban]"
BSN_TOKEN = "[bsn]"

SECRET_BYTES = 32

# ---------------------------------------------------------------------------
# E-mail

# Unicode \w so Cyrillic local parts and IDN domains are caught too; the TLD must be
# letters so "v1.2@3.4" style version strings are not taken for addresses.
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")

# ---------------------------------------------------------------------------
# IBAN (ISO 13616). Only registered country codes count, each with its exact length:
# with optional spaces a candidate can run on into the next words, and a bare mod-97
# test passes 1 in 97 random strings, so the length is what keeps ordinary text safe.

_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
    "BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24,
    "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
    "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
    "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
    "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
    "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
    "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
    "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
    "YE": 30,
}  # fmt: skip

_IBAN_CANDIDATE_RE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ \u00a0]?[A-Za-z0-9]){11,30}"
)

# ---------------------------------------------------------------------------
# Numbers: phones and BSNs. A "run" is digit groups joined by short separators
# (space, dot, dash, slash, parentheses), optionally after a "+". Which groups form a
# phone or a BSN is decided per window of groups, so "Herenweg 55 0612345678" masks
# only the phone and "1990 12 05" is left alone.

_GROUP = r"\(?\d+\)?"
_SEPARATOR = r"(?:[ \u00a0./\-]{1,3}|(?<=\))|(?=\())"
_RUN_RE = re.compile(rf"(?:\+[ \u00a0]?|(?<!\d)){_GROUP}(?:{_SEPARATOR}{_GROUP})*")
_GROUP_RE = re.compile(_GROUP)
_MAX_WINDOW = 8  # "+31 (0)6 12 34 56 78" is 7 groups; more is never one number
_SERVICE_PREFIXES = frozenset({"0800", "0900", "0906", "0909"})
_BSN_SHAPES = frozenset({(9,), (4, 2, 3), (3, 3, 3)})  # as typed, on letters, on passes


def mask(text: str) -> str:
    """Replace phone numbers, e-mail addresses, IBANs and BSNs by placeholder tokens.

    E-mail goes first (an address may contain digits), then IBANs (an IBAN contains
    digit runs that could look like a phone), then phone numbers and BSNs. Tokens
    contain no digits or "@", so masking twice changes nothing.

    A 9-digit number that fails the 11-test and is not a phone is kept. Every issued
    BSN passes the 11-test by construction, so a failing number is most likely
    something else people need to quote to get help — a case number (zaaknummer),
    a customer or order number, an amount — and erasing it would make the question
    useless to staff. The cost is a known gap: a BSN with one mistyped digit (which
    the test is designed to catch) or a Ukrainian ID-card number (also 9 digits) is
    stored. Numbers in the shapes people write BSNs in (123456782, 1234.56.782,
    123 456 782) that pass the test are masked even if they were something else:
    over-masking costs a little context, under-masking leaks an identity number.

    Args:
        text: Free text as the user typed it, in any script.

    Returns:
        The text with each finding replaced by ``[telefoon]``, ``[e-mail]``,
        ``[iban]`` or ``[bsn]``; everything else (Cyrillic, emoji, prices, years,
        house numbers) untouched.
    """
    if "@" in text:
        text = _EMAIL_RE.sub(EMAIL_TOKEN, text)
    text = _mask_ibans(text)
    return _mask_numbers(text)


def _mask_ibans(text: str) -> str:
    parts: list[str] = []
    position = 0
    while match := _IBAN_CANDIDATE_RE.search(text, position):
        end = _iban_end(text, match.start(), match.end())
        if end is None:
            parts.append(text[position : match.start() + 1])
            position = match.start() + 1
            continue
        parts.append(text[position : match.start()])
        parts.append(IBAN_TOKEN)
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _iban_end(text: str, start: int, stop: int) -> int | None:
    """Where the IBAN starting at ``start`` ends, or None if it is not one.

    The candidate may have swallowed the start of the next word; the country's length
    says how many characters belong to the IBAN, and the character after them must not
    continue a word.
    """
    length = _IBAN_LENGTHS.get(text[start : start + 2].upper())
    if length is None:
        return None
    chars = [i for i in range(start, stop) if text[i].isascii() and text[i].isalnum()]
    if len(chars) < length:
        return None
    end = chars[length - 1] + 1
    if end < len(text) and text[end].isalnum():
        return None
    compact = "".join(text[i] for i in chars[:length]).upper()
    return end if is_valid_iban(compact) else None


def is_valid_iban(compact: str) -> bool:
    """ISO 13616 check: registered country, its exact length, and mod-97 == 1.

    Args:
        compact: The IBAN without spaces, upper case.
    """
    if _IBAN_LENGTHS.get(compact[:2]) != len(compact) or not compact[2:4].isdigit():
        return False
    if not compact.isascii() or not compact.isalnum():
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _mask_numbers(text: str) -> str:
    parts: list[str] = []
    position = 0
    for run in _RUN_RE.finditer(text):
        for start, end, token in _findings_in_run(run):
            parts.append(text[position:start])
            parts.append(token)
            position = end
    parts.append(text[position:])
    return "".join(parts)


def _findings_in_run(run: re.Match[str]) -> list[tuple[int, int, str]]:
    """Leftmost-longest windows of digit groups that are a phone or a BSN."""
    groups = list(_GROUP_RE.finditer(run.group()))
    plus = run.group().startswith("+")
    findings = []
    i = 0
    while i < len(groups):
        for j in range(min(len(groups), i + _MAX_WINDOW), i, -1):
            read = _read_window([g.group() for g in groups[i:j]], plus=plus and i == 0)
            if read:
                token, with_plus = read
                start = run.start() if with_plus else run.start() + groups[i].start()
                findings.append((start, run.start() + groups[j - 1].end(), token))
                i = j
                break
        else:
            i += 1
    return findings


def _read_window(groups: list[str], *, plus: bool) -> tuple[str, bool] | None:
    """The window's token, and whether the "+" before it is part of it. After a "+" the
    window is an international phone, or else it is read as if the "+" were not there:
    "+ 123456782" is a BSN after a stray plus, and was kept when only the phone reading
    was tried."""
    if plus and (token := _classify(groups, plus=True)):
        return token, True
    token = _classify(groups, plus=False)
    return (token, False) if token else None


def _classify(groups: list[str], *, plus: bool) -> str | None:
    bare = [g.strip("()") for g in groups]
    digits = "".join(str(int(c)) for c in "".join(bare))  # any script's digits -> ASCII
    if plus:
        return PHONE_TOKEN if _is_international(digits) else None
    if digits.startswith("00") and _is_international(digits[2:]):
        return PHONE_TOKEN
    if _is_national_phone(bare, digits) or _is_phone_without_plus(digits):
        return PHONE_TOKEN
    if all(g == b for g, b in zip(groups, bare)) and _is_bsn(bare, digits):
        return BSN_TOKEN
    return None


def _is_international(digits: str) -> bool:
    """Digits after "+" or "00": exact lengths for NL and UA, E.164 bounds otherwise."""
    if digits.startswith("310"):  # "+31 (0)6 …": the trunk zero people keep
        digits = "31" + digits[3:]
    if digits.startswith("31"):
        return len(digits) == 11
    if digits.startswith("380"):
        return len(digits) == 12
    return 8 <= len(digits) <= 15


def _is_national_phone(groups: list[str], digits: str) -> bool:
    """Dutch (and Ukrainian domestic) numbers: 0 + 9 digits, or 0800/0900 numbers.

    The first group must look like an area code ("06", "020", "0251") or be the whole
    number, so a date followed by a number ("01-05-2025 10") is not taken for one.
    """
    if not digits.startswith("0") or digits.startswith("00"):
        return False
    first = groups[0]
    if digits[:4] in _SERVICE_PREFIXES:
        return len(digits) in (8, 11) and (len(groups) == 1 or first == digits[:4])
    if len(digits) != 10:
        return False
    return len(groups) == 1 or first == "06" or (len(first) in (3, 4) and first[1] != "0")


def _is_phone_without_plus(digits: str) -> bool:
    """People paste "31612345678" or "380671234567" from contact cards."""
    return (digits.startswith("316") and len(digits) == 11) or (
        digits.startswith("380") and len(digits) == 12
    )


def _is_bsn(groups: list[str], digits: str) -> bool:
    shape = tuple(len(g) for g in groups)
    if shape == (8,):  # a leading zero lost in a spreadsheet
        return elfproef("0" + digits)
    return shape in _BSN_SHAPES and elfproef(digits)


def elfproef(digits: str) -> bool:
    """The Dutch 11-test for BSNs: 9*d1 + 8*d2 + … + 2*d8 - 1*d9 ≡ 0 (mod 11).

    Args:
        digits: Exactly nine ASCII digits.
    """
    if len(digits) != 9 or not digits.isdigit():
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(w * int(d) for w, d in zip(weights, digits)) % 11 == 0


# ---------------------------------------------------------------------------
# Pseudonymous user keys


def load_or_create_secret(path: Path) -> bytes:
    """Return the server's hashing secret, creating it on first use.

    Losing or changing this secret unlinks every stored row from its user (their
    /mydata and /forget stop finding anything), so a damaged file is an error for a
    human to look at, never silently replaced.

    Args:
        path: Where the secret lives; parent directories are created (mode 0o700).

    Raises:
        StoreError: The file exists but does not hold exactly 32 bytes, or cannot be
            read or written. The message names the path, never the contents.
    """
    path = Path(path)
    try:
        if not path.exists():
            _create_secret(path)
        data = path.read_bytes()
    except OSError as exc:
        raise StoreError(f"cannot read or create the secret file {path}: {exc.strerror}") from exc
    if len(data) != SECRET_BYTES:
        raise StoreError(
            f"the secret file {path} is damaged: it holds {len(data)} bytes, expected "
            f"{SECRET_BYTES}; restore it from a backup (a new secret would unlink all "
            "stored data from its users)"
        )
    return data


def _create_secret(path: Path) -> None:
    """Write the secret to a private temporary file, then link it into place.

    Linking fails if another process won the race, and a crash mid-write leaves only
    the temporary file, so the real path is either absent or complete.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)  # the umask may have removed bits, never added any
        os.write(fd, secrets.token_bytes(SECRET_BYTES))
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()


def user_key(secret: bytes, platform: str, platform_id: str | int) -> str:
    """A stable pseudonym for a user on a platform: "u_" + 32 hex chars of HMAC-SHA256.

    Keyed, not a plain hash: Telegram ids are small integers, so an unkeyed hash could
    be reversed by trying them all.

    Raises:
        ValueError: The secret is shorter than 16 bytes (a mistake, not a secret).
    """
    if len(secret) < 16:
        raise ValueError(f"the secret must be at least 16 bytes, got {len(secret)}")
    message = f"{platform}:{platform_id}".encode()
    return "u_" + hmac.new(secret, message, hashlib.sha256).hexdigest()[:32]
