"""Masking, the secret file and user keys.

Examples pin the behaviour people will read about; the Hypothesis properties guard the
promise the store relies on: a valid BSN, IBAN, e-mail or phone embedded anywhere never
survives masking.
"""

from __future__ import annotations

import os
import stat
import string

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from bot.errors import StoreError
from bot.privacy import (
    elfproef,
    is_valid_iban,
    load_or_create_secret,
    mask,
    user_key,
)

# ---------------------------------------------------------------------------
# Examples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bel me op 06-12345678 aub", "Bel me op [telefoon] aub"),
        ("0612345678", "[telefoon]"),
        ("06 1234 5678", "[telefoon]"),
        ("06 12 34 56 78", "[telefoon]"),
        ("+31 6 1234 5678", "[telefoon]"),
        ("+31612345678", "[telefoon]"),
        ("+31 (0)6 12345678", "[telefoon]"),
        ("0031 6 12345678", "[telefoon]"),
        ("31612345678", "[telefoon]"),
        ("huisarts 023-1234567", "huisarts [telefoon]"),
        ("(023) 123 45 67", "[telefoon]"),
        ("020 123 4567", "[telefoon]"),
        ("Veilig Thuis 0800-2000", "Veilig Thuis [telefoon]"),
        ("0900-1234567", "[telefoon]"),
        ("мій номер +380 67 123 45 67, дзвоніть", "мій номер [telefoon], дзвоніть"),
        ("+380671234567", "[telefoon]"),
        ("380671234567", "[telefoon]"),
        ("067 123 45 67", "[telefoon]"),
        ("+49 30 12345678", "[telefoon]"),
        ("+48.123.456.789", "[telefoon]"),
        ("тел.0612345678", "тел.[telefoon]"),
        ("😀0612345678😀", "😀[telefoon]😀"),
    ],
)
def test_phones(text, expected):
    assert mask(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail anna.de-vries+bot@example.org.", "mail [e-mail]."),
        ("пишіть на ivan_petrenko@ukr.net, дякую", "пишіть на [e-mail], дякую"),
        ("Олена@пошта.укр", "[e-mail]"),
        ("0612345678@sms.example.com", "[e-mail]"),
        ("<a.b@c.co.uk>", "<[e-mail]>"),
    ],
)
def test_emails(text, expected):
    assert mask(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IBAN NL91 ABNA 0417 1643 00 graag", "IBAN [iban] graag"),
        ("NL91ABNA0417164300", "[iban]"),
        ("nl91abna0417164300", "[iban]"),
        ("рахунок UA21 3223 1300 0002 6007 2335 6600 1.", "рахунок [iban]."),
        ("DE89 3704 0044 0532 0130 00", "[iban]"),
        ("BE68539007547034", "[iban]"),
        ("GB82 WEST 1234 5698 7654 32 ok", "[iban] ok"),
    ],
)
def test_ibans(text, expected):
    assert mask(text) == expected


def test_iban_with_bad_checksum_is_not_an_iban_but_a_phone_like_run_is_still_masked():
    assert not is_valid_iban("NL91ABNA0417164301")
    assert mask("NL91ABNA0417164301") == "NL91ABNA[telefoon]"
    assert mask("NL12 ABCD") == "NL12 ABCD"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mijn BSN is 111222333", "mijn BSN is [bsn]"),
        ("BSN: 1112.22.333", "BSN: [bsn]"),
        ("BSN 111 222 333.", "BSN [bsn]."),
        ("номер BSN 123456782 — що робити?", "номер BSN [bsn] — що робити?"),
        ("BSN 12345672 (zonder nul)", "BSN [bsn] (zonder nul)"),
    ],
)
def test_bsns(text, expected):
    assert mask(text) == expected


def test_elfproef():
    assert elfproef("111222333")
    assert elfproef("123456782")
    assert elfproef("012345672")
    assert not elfproef("123456789")
    assert not elfproef("12345678")


def test_nine_digits_failing_the_elfproef_are_kept():
    # A case or order number: staff need it, and no BSN fails the 11-test.
    assert mask("zaaknummer 123456789") == "zaaknummer 123456789"


@pytest.mark.parametrize(
    "text",
    [
        "Krijg ik €175 per maand?",
        "Ik woon hier 2,5 jaar",
        "Мені 6 років, а сину 3 роки",
        "Садок для 3-летки?",
        "In 2025 kwam ik, in 2024-2025 was ik in Polen",
        "Herenweg 55, 2101 AB Heemstede",
        "afspraak 12-05-2025 om 10:30",
        "op 01-05-2025 10 uur",
        "12.05.2025 of 12/05/2025",
        "€ 1.500,00 of 1.000.000",
        "bel 112 of 113",
        "Кімната 4, поверх 2 🙂",
        "",
    ],
)
def test_ordinary_numbers_are_kept(text):
    assert mask(text) == text


def test_several_kinds_in_one_message():
    text = "Ik ben Olena, 0612345678, olena@example.nl, BSN 111222333, NL91ABNA0417164300."
    assert mask(text) == "Ik ben Olena, [telefoon], [e-mail], BSN [bsn], [iban]."


# ---------------------------------------------------------------------------
# Properties

_any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@st.composite
def bsns(draw):
    first = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    check = sum(w * d for w, d in zip(range(9, 1, -1), first)) % 11
    assume(check < 10)
    return "".join(map(str, first)) + str(check)


_BBANS = {
    "NL": [(string.ascii_uppercase, 4), (string.digits, 10)],
    "DE": [(string.digits, 18)],
    "BE": [(string.digits, 12)],
    "UA": [(string.digits, 6), (string.digits + string.ascii_uppercase, 19)],
}


@st.composite
def ibans(draw):
    country = draw(st.sampled_from(sorted(_BBANS)))
    bban = "".join(
        draw(st.text(alphabet, min_size=size, max_size=size))
        for alphabet, size in _BBANS[country]
    )
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    compact = f"{country}{98 - int(numeric) % 97:02d}{bban}"
    assert is_valid_iban(compact)
    spaced = " ".join(compact[i : i + 4] for i in range(0, len(compact), 4))
    text = draw(st.sampled_from([compact, spaced]))
    return draw(st.sampled_from([text, text.lower()]))


_label = st.text(string.ascii_lowercase + string.digits, min_size=1, max_size=10)
emails = st.builds(
    lambda local, domain, tld: f"{local}@{domain}.{tld}",
    st.text(string.ascii_letters + string.digits + "._+-", min_size=1, max_size=15),
    _label,
    st.text(string.ascii_lowercase, min_size=2, max_size=6),
)


@st.composite
def phones(draw):
    mobile = draw(st.text(string.digits, min_size=8, max_size=8))
    area = draw(st.sampled_from(["20", "23", "70", "251", "10"]))
    local = draw(st.text(string.digits, min_size=9 - len(area), max_size=9 - len(area)))
    ua = draw(st.text(string.digits, min_size=9, max_size=9))
    return draw(
        st.sampled_from(
            [
                f"06{mobile}",
                f"06-{mobile}",
                f"06 {mobile[:4]} {mobile[4:]}",
                f"+31 6 {mobile[:4]} {mobile[4:]}",
                f"+316{mobile}",
                f"0031 6 {mobile}",
                f"+31 (0)6 {mobile}",
                f"0{area}-{local}",
                f"(0{area}) {local}",
                f"+380{ua}",
                f"+380 {ua[:2]} {ua[2:5]} {ua[5:7]} {ua[7:]}",
            ]
        )
    )


def _embedded(value_strategy):
    return st.tuples(_any_text, value_strategy, _any_text)


@given(_embedded(bsns()))
@example(("+", "310000002", ""))  # a stray "+" before a BSN was read as a phone that failed, and kept
def test_a_valid_bsn_never_survives(parts):
    prefix, bsn, suffix = parts
    assert bsn not in mask(f"{prefix} {bsn} {suffix}")


@given(_embedded(ibans()))
def test_a_valid_iban_never_survives(parts):
    prefix, iban, suffix = parts
    masked = mask(f"{prefix} {iban} {suffix}")
    assert iban not in masked
    assert iban.replace(" ", "") not in masked.replace(" ", "")


@given(_embedded(emails))
def test_an_email_never_survives(parts):
    prefix, email, suffix = parts
    assert email not in mask(f"{prefix} {email} {suffix}")


@given(_embedded(phones()))
def test_a_phone_never_survives(parts):
    prefix, phone, suffix = parts
    masked = mask(f"{prefix} {phone} {suffix}")
    assert phone not in masked
    assert "[telefoon]" in masked or "[iban]" in masked


_mixed = st.lists(
    st.one_of(_any_text, bsns(), ibans(), emails, phones(), st.integers(0, 10**12).map(str)),
    max_size=8,
).map(" ".join)


@given(st.one_of(_any_text, _mixed))
def test_mask_is_idempotent(text):
    once = mask(text)
    assert mask(once) == once


_word = st.text(
    st.characters(
        blacklist_categories=("Cs", "Nd", "Zs", "Cc"), blacklist_characters="@+"
    ),
    min_size=1,
    max_size=12,
)
_ordinary_number = st.one_of(
    st.integers(0, 99_999).map(str),
    st.integers(1, 9_999).map(lambda n: f"€{n}"),
    st.tuples(st.integers(0, 99), st.integers(0, 9)).map(lambda t: f"{t[0]},{t[1]}"),
)


@given(st.lists(st.tuples(_word, _ordinary_number), max_size=8), _word)
def test_text_without_personal_data_is_unchanged(pairs, last):
    text = " ".join(f"{word} {number}" for word, number in pairs) + " " + last
    assert mask(text) == text


# ---------------------------------------------------------------------------
# Secret and keys


def test_secret_is_created_private_and_read_back(tmp_path):
    path = tmp_path / "deep" / "er" / "secret.key"
    first = load_or_create_secret(path)
    assert len(first) == 32
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_or_create_secret(path) == first
    assert [p.name for p in path.parent.iterdir()] == ["secret.key"]


def test_secrets_differ_between_installations(tmp_path):
    assert load_or_create_secret(tmp_path / "a") != load_or_create_secret(tmp_path / "b")


def test_a_short_secret_file_is_an_error_naming_the_path_not_the_contents(tmp_path):
    path = tmp_path / "secret.key"
    path.write_bytes(b"tooshort-SENSITIVE")
    with pytest.raises(StoreError) as caught:
        load_or_create_secret(path)
    message = str(caught.value)
    assert str(path) in message
    assert "18 bytes, expected 32" in message
    assert "SENSITIVE" not in message
    assert path.read_bytes() == b"tooshort-SENSITIVE"  # never replaced silently


def test_user_key_is_stable_and_keyed():
    secret, other = b"s" * 32, b"t" * 32
    key = user_key(secret, "telegram", 12345)
    assert key == user_key(secret, "telegram", "12345")
    assert key.startswith("u_") and len(key) == 34
    assert all(c in string.hexdigits for c in key[2:])
    assert user_key(other, "telegram", 12345) != key
    assert user_key(secret, "console", 12345) != key
    assert user_key(secret, "telegram", 12346) != key


def test_user_key_refuses_a_toy_secret():
    with pytest.raises(ValueError, match="at least 16 bytes"):
        user_key(b"", "telegram", 1)
