"""Crisis detection and the crisis reply: the one part of Wegwijs that must never fail.

Why it is built like this:

* It imports nothing else from ``bot``. The knowledge packs, the catalogs or the database
  can all be broken and a person who writes "I want to die" must still get 112 and 113.
* The reviewed texts and patterns live in ``bot/data/crisis.yaml`` inside the package,
  not in the staff-edited packs. If that file is missing or broken we still answer, from
  the built-in constants below (the only place where crisis text may be hard-coded), and
  still detect, with a built-in core pattern list.
* A missed crisis is the worst outcome, so matching is generous: the message is
  normalised (case, accents, invisible characters, look-alike letters, s.p.a.c.e.d or
  streeetched words) into a few "views", and every pattern of every language is tried on
  every view, because people mix languages and scripts in one message.
* ``detect`` and ``reply`` never raise, and never log the message text (a crisis message
  is special-category data).

How patterns are written (see the head of crisis.yaml): regular expressions over the
normalised text, which is lower-case, single-spaced, without apostrophes, accents or
punctuation, with ґ→г, ї→і, ё→е and runs of the same letter collapsed to one. The loader
folds each pattern's literal letters the same way, so authors can write "б'є", "ґвалт",
"життя" or "kill" naturally.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

#: Checked in this order; the first category that matches wins. Suicide comes first so
#: that its reply puts 113 right after 112; violence next so Veilig Thuis comes early.
CATEGORIES: tuple[str, ...] = ("suicide", "violence", "danger", "medical")
LANGS: tuple[str, ...] = ("uk", "ru", "nl", "en")
#: Replies: one per category, "default" (no category), and "uncertain", for a message that
#: only reads like a crisis (the semantic check): it offers help rather than assumes.
REPLY_KINDS: tuple[str, ...] = (*CATEGORIES, "default", "uncertain")
DEFAULT_LANG = "en"

#: Numbers every reply must contain, whatever the data file says.
REQUIRED_NUMBERS: tuple[str, ...] = ("112", "0800-0113", "0800-2000")
#: The key of the 112 line alone among a language's replies (`emergency_line`).
EMERGENCY_LINE = "emergency line"
FALLBACK_EMERGENCY_LINE = "📞 112"

#: Longer input is cut before matching so a pasted novel cannot stall the bot. Telegram
#: messages are at most 4096 characters, so nothing real is lost.
MAX_CHARS = 20_000

_DATA_PARTS = ("data", "crisis.yaml")
_EXAMPLES_FILE = "crisis_examples.yaml"  # for the semantic check (see `examples`)

# ---------------------------------------------------------------------------------------
# Built-in fallback. Used only when bot/data/crisis.yaml cannot be loaded or a part of it
# is invalid. Deliberately minimal and not category-specific.
# ---------------------------------------------------------------------------------------

FALLBACK_REPLIES: dict[str, str] = {
    "en": (
        "You are not alone. If a life is in danger, call 112 now (police, ambulance, fire).\n"
        "Suicidal thoughts: 113 Zelfmoordpreventie, 113 or free 0800-0113, 24/7.\n"
        "Violence at home or child abuse: Veilig Thuis, free 0800-2000, 24/7.\n"
        "Children: Kindertelefoon 0800-0432."
    ),
    "nl": (
        "Je staat er niet alleen voor. Is er levensgevaar? Bel nu 112 (politie, ambulance, brandweer).\n"
        "Gedachten aan zelfdoding: 113 Zelfmoordpreventie, 113 of gratis 0800-0113, 24/7.\n"
        "Huiselijk geweld of kindermishandeling: Veilig Thuis, gratis 0800-2000, 24/7.\n"
        "Voor kinderen: Kindertelefoon 0800-0432."
    ),
    "uk": (
        "Ви не самі. Якщо є загроза життю, телефонуйте 112 (поліція, швидка, пожежники).\n"
        "Думки про самогубство: 113 Zelfmoordpreventie, 113 або безкоштовно 0800-0113, цілодобово.\n"
        "Домашнє насильство чи кривдження дітей: Veilig Thuis, безкоштовно 0800-2000, цілодобово.\n"
        "Для дітей: Kindertelefoon 0800-0432.\n"
        "У 113 і Veilig Thuis можна говорити нідерландською або англійською."
    ),
    "ru": (
        "Вы не одни. Если есть угроза жизни, звоните 112 (полиция, скорая, пожарные).\n"
        "Мысли о самоубийстве: 113 Zelfmoordpreventie, 113 или бесплатно 0800-0113, круглосуточно.\n"
        "Домашнее насилие или жестокое обращение с детьми: Veilig Thuis, бесплатно 0800-2000, круглосуточно.\n"
        "Для детей: Kindertelefoon 0800-0432.\n"
        "В 113 и Veilig Thuis можно говорить на нидерландском или английском."
    ),
}

#: Core patterns, used for a category when the data file gives none that compile. Same
#: syntax and folding as the data file.
CORE_PATTERNS: dict[str, tuple[str, ...]] = {
    "suicide": (
        r"\bsu[iy](?:c|ts)[iy]d",
        r"\bсу[іи]цид",
        r"\bсамогуб",
        r"\bсамоуб",
        r"zelfmoord",
        r"\bzelfdoding",
        r"\bkill(?:ing)? my ?self",
        r"\bwant (?:\w+ )?to die\b",
        r"\b[ву]б\w* (?:\w+ )?(?:себе|себя)\b",
        r"\bпок[іио]нч\w* (?:\w+ ){0,2}(?:з|с|із|со) (?:собо|житт|жизн)",
        r"\bне (?:\w+ ){0,2}хоч\w* (?:\w+ ){0,2}(?:жити|жить)\b",
        r"\bwil (?:\w+ ){0,2}(?:dood|sterven|niet meer leven)\b",
    ),
    "violence": (
        r"\b(?:по|из)?б(?:'є|'ють|ьет|ьют|ив|ила|или|ил)\b",
        r"\bизбива",
        r"\bнасиль",
        r"\bhuiselijk geweld",
        r"mishandel",
        r"\bdomestic (?:violence|abuse)",
        r"\b(?:hits|beats|hit|beat) (?:me|us|my|the kids|the children)\b",
        r"\b(?:slaat|sloeg) (?:me|mij|ons|de kinderen)\b",
        r"\bverkracht",
        r"\brap(?:e|ed)\b",
    ),
    "danger": (
        r"\bпожеж(?:а|і|у)\b",
        r"\bпожар(?:а|е)?\b",
        r"\bstaat in brand\b",
        r"\bon fire\b",
        r"\b(?:kill|murder)s? (?:me|us)\b",
        r"\bvermoord",
        r"\b(?:погрож|угрож)\w* (?:\w+ ){0,2}(?:[ву]бит|[ву]бь)",
    ),
    "medical": (
        r"\bunconscious",
        r"\bnot breathing",
        r"\boverdos",
        r"\bbewusteloos",
        r"\bademt niet",
        r"\bзнеприт",
        r"\bне дихає",
        r"\bпередоз",
        r"\bбез сознани",
        r"\bне дышит",
    ),
}

# ---------------------------------------------------------------------------------------
# Normalisation
# ---------------------------------------------------------------------------------------

# Latin letters that look like Cyrillic ones, and back. Used only to repair words that
# mix the two scripts (by accident or to slip past a filter).
_LAT_TO_CYR = dict(zip("aceiopxykmthb", "асеіорхукмтнв"))
_CYR_TO_LAT = {
    **{c: l for l, c in _LAT_TO_CYR.items()},
    "ѕ": "s", "ј": "j", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    # Greek look-alikes (after casefold)
    "α": "a", "ο": "o", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "β": "b", "ı": "i",
}
_HOMOGLYPH_CYR = frozenset(_LAT_TO_CYR.values())
_HOMOGLYPH_LAT = frozenset(_LAT_TO_CYR)
_GREEK_TO_LAT = {k: v for k, v in _CYR_TO_LAT.items() if "\u0370" <= k <= "\u03ff" or k == "ı"}

# Zero-width and other format characters (category Cf covers U+200B-U+200F, U+2060,
# U+FEFF and the soft hyphen), plus variation selectors and combining marks, which are
# stripped after NFD (keeping the breve of й, restored via a placeholder).
_MARKS = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f]"
)
_Y_SHORT = "\ue000"
_APOSTROPHES = "'\u2019\u02bc\u2018`\u00b4\u02b9\u2032\u02bb\uff07"
_CHAR_MAP = str.maketrans(
    {
        "ґ": "г", "ë": "e", "ß": "ss", "š": "sh", "ž": "zh", "č": "ch", "ć": "c",
        **{a: None for a in _APOSTROPHES},
        "\u00ad": None,
    }
)
_LEET_LAT = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"})
_LEET_CYR = str.maketrans({"0": "о", "3": "з", "6": "б", "@": "а"})

_NON_WORD = re.compile(r"[\W_]+")
_REPEAT = re.compile(r"([^\W\d_])\1+")
_LETTER = re.compile(r"[^\W\d_]")
_HAS_CYR = re.compile("[\u0400-\u04ff]")
_HAS_LAT = re.compile("[a-z]")
_HAS_GREEK = re.compile("[\u0370-\u03ff\u0131]")
_TOKEN = re.compile(r"[^\W_]+")
_TOKEN_LEET = re.compile(r"[\w@$]+")
# Ordinary words that folding turns into an alarm word, removed before matching: Dutch
# "veerkracht" (resilience, as in the workshops for Ukrainians) folds into "verkracht"
# (raped). Found in the pack's own example questions (Nov 2026).
_FOLDS_INTO_ALARM = re.compile(r"\bveerkracht\w*")
# Laughing emoji carry the meaning "I am joking" ("ще одне de/het і я вистрибну з вікна 😂"),
# but every emoji is stripped with the punctuation: they are read as the word "lol" (no
# letter of it has a Cyrillic look-alike, so it survives the script fixing), so
# that the hyperbole patterns can leave jokes alone (crisis_probe16, Nov 2026).
_LAUGHING = re.compile("[\U0001f602\U0001f923\U0001f606\U0001f604\U0001f601\U0001f605\U0001f648"
                       "\U0001f61c\U0001f61d\U0001f639\U0001f92a]")
# Punctuation inside a word: "s.u.i.c.i.d.e", "zelf-moord", "k*ll".
_INNER_PUNCT = re.compile(r"(?<=[^\W\d_])[.\-_*·•~|/\\+,:;!?\"]+(?=[^\W\d_])")


def _is_cyr(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


# Format characters (Unicode category Cf): zero-width space/joiners, direction marks,
# word joiner, BOM, soft hyphen, tag characters. Listed rather than computed so import
# stays fast.
_FORMAT = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def _fold_chars(text: str) -> str:
    """Everything that can be done character by character, shared by text and patterns."""
    text = _FORMAT.sub("", unicodedata.normalize("NFKC", text))
    text = text.casefold().replace("й", _Y_SHORT)
    text = _MARKS.sub("", unicodedata.normalize("NFD", text))
    text = unicodedata.normalize("NFC", text).replace(_Y_SHORT, "й")
    return text.translate(_CHAR_MAP)


def _fix_scripts(text: str) -> str:
    """Repair words that mix Latin and Cyrillic look-alikes.

    A word is moved to the script of its "strong" letters (those without a look-alike);
    a word made only of look-alikes ("mehe", "ceбe") goes to the script that dominates the
    whole message, because swapping every letter of a word must not hide it.
    """
    if _HAS_GREEK.search(text):
        text = text.translate(str.maketrans(_GREEK_TO_LAT))
    if not (_HAS_CYR.search(text) and _HAS_LAT.search(text)):
        return text
    strong_cyr = strong_lat = 0
    for ch in text:
        if _is_cyr(ch):
            if ch not in _HOMOGLYPH_CYR:
                strong_cyr += 1
        elif "a" <= ch <= "z" and ch not in _HOMOGLYPH_LAT:
            strong_lat += 1
    dominant = "cyr" if strong_cyr > strong_lat else "lat" if strong_lat > strong_cyr else None

    def fix(m: re.Match[str]) -> str:
        word = m.group(0)
        s_cyr = s_lat = r_cyr = r_lat = 0
        for ch in word:
            if _is_cyr(ch):
                r_cyr += 1
                s_cyr += ch not in _HOMOGLYPH_CYR
            elif "a" <= ch <= "z":
                r_lat += 1
                s_lat += ch not in _HOMOGLYPH_LAT
        if s_cyr or s_lat:
            target = "cyr" if s_cyr > s_lat else "lat" if s_lat > s_cyr else None
        else:
            target = dominant
        if target is None:
            if not (r_cyr and r_lat):
                return word
            target = "cyr" if r_cyr >= r_lat else "lat"
        if target == "cyr":
            return "".join(_LAT_TO_CYR.get(ch, ch) for ch in word) if r_lat else word
        return "".join(_CYR_TO_LAT.get(ch, ch) for ch in word) if r_cyr else word

    return _TOKEN.sub(fix, text)


def _leet(match: re.Match[str]) -> str:
    word = match.group(0)
    if not _LETTER.search(word):
        return word  # "112", "0800": numbers stay numbers
    if _HAS_CYR.search(word):
        return word.translate(_LEET_CYR)
    return word.translate(_LEET_LAT)


def _join_spaced_letters(text: str) -> str:
    """Turn "s u i c i d e" back into "suicide" (runs of three or more single letters)."""
    tokens = text.split(" ")
    out: list[str] = []
    run: list[str] = []
    for tok in tokens + [""]:
        if len(tok) == 1 and not tok.isdigit():
            run.append(tok)
            continue
        if len(run) >= 3:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if tok:
            out.append(tok)
    return " ".join(out)


def normalise(text: str) -> str:
    """The plain view: what most patterns are written against."""
    return _views(text)[0]


def _views(text: str) -> tuple[str, ...]:
    """Two views of one message: plain, and aggressive (inner punctuation dropped,
    l33t digits read as letters, spaced-out letters joined). The aggressive view alone
    would glue "mama,vpala" together, so both are tried."""
    folded = _FOLDS_INTO_ALARM.sub(" ", _fold_chars(_LAUGHING.sub(" lol ", text[:MAX_CHARS])))
    plain = _REPEAT.sub(r"\1", _NON_WORD.sub(" ", _fix_scripts(folded)).strip())
    rough = _INNER_PUNCT.sub("", folded)
    rough = _TOKEN_LEET.sub(_leet, rough)
    rough = _NON_WORD.sub(" ", rough).strip()
    rough = _REPEAT.sub(r"\1", _fix_scripts(_join_spaced_letters(rough)))
    return (plain,) if rough == plain else (plain, rough)


def fold_pattern(source: str) -> str:
    """Fold a pattern's literal letters the way message text is folded.

    Escapes (\\b, \\w, \\S ...) are copied untouched; runs of the same literal letter are
    collapsed, like in the text, so "kill" and "життя" are written naturally.
    """
    out: list[str] = []
    prev_literal = ""
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\" and i + 1 < len(source):
            out.append(source[i : i + 2])
            prev_literal = ""
            i += 2
            continue
        folded = _fold_chars(ch) if ch.isalpha() or ch in _APOSTROPHES or ord(ch) > 127 else ch
        for f in folded:
            if f.isalpha() and f == prev_literal:
                continue
            out.append(f)
            prev_literal = f if f.isalpha() else ""
        i += 1
    return "".join(out)


# ---------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------


@dataclass
class _State:
    source: str  # "file" or "builtin"
    patterns: list[tuple[str, "_Patterns | _Guarded"]]
    replies: dict[str, dict[str, str]]
    problems: list[str] = field(default_factory=list)


def _compile(sources: list[str], where: str, problems: list[str]) -> _Patterns | None:
    """The sources that compile (each checked by `_compiles`), as one `_Patterns`."""
    good = [fold_pattern(src) for src in sources if _compiles(src, where, problems)]
    return _Patterns(good) if good else None


def _patterns(checked: list[str]) -> _Patterns:
    """Sources already checked one by one while the file was read: not compiled twice
    (1,280 of them overflow the `re` module's cache, so a second check is a second compile)."""
    return _Patterns([fold_pattern(src) for src in checked])


def _exclusions(raw: Any, problems: list[str]) -> dict[str, str]:
    """The file's named exclusions (`unless:`), each a regex tried at the start of the
    message. They exist so that one list ("jokes") is written once: as copies in many
    patterns, an editor who changed one copy missed the others."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append("unless: not a mapping of names to patterns")
        return {}
    return {str(name): src for name, src in raw.items() if _compiles(src, f"unless.{name}", problems)}


def _compiles(src: Any, where: str, problems: list[str]) -> bool:
    """Checked one by one, so that the problem names the pattern's own place in the file
    (`data_problems` turns that place into a line number)."""
    try:
        if not isinstance(src, str) or not src.strip():
            raise ValueError("not a non-empty string")
        re.compile(fold_pattern(src))
    except (re.error, ValueError) as exc:
        problems.append(f"{where}: bad pattern {src!r}: {exc}")
        return False
    return True


def _with_exclusions(item: Any, named: dict[str, str], where: str,
                     problems: list[str]) -> tuple[Any, tuple[str, ...]]:
    """A pattern as written in the file — a string, or {re: ..., unless: [names]} — as
    (pattern, the names of its known exclusions)."""
    if not isinstance(item, dict):
        return item, ()
    src, names = item.get("re"), item.get("unless")
    if set(item) != {"re", "unless"} or not isinstance(src, str) or not isinstance(names, list):
        problems.append(f"{where}: expected {{re: '...', unless: [names]}}, got {item!r}"
                        + ("; the pattern is used without exclusions" if isinstance(src, str) else ""))
        return (src if isinstance(src, str) else None), ()  # a crisis pattern is never lost to a typo
    missing = [n for n in names if n not in named]
    if missing:
        problems.append(f"{where}: unless: no exclusion named {', '.join(map(repr, missing))} "
                        f"(known: {', '.join(named) or 'none'}); the pattern is used without it")
    return src, tuple(sorted({n for n in names if n in named}))


class _Patterns:
    """A category's patterns as three regexes, by where a match can begin.

    - Anchored at the start ("^(?=.*a)(?=.*b)"): tried once, at the start; in one
      alternation with the rest, every one of them was tried, and failed, at every
      position of the message (17 % faster, Nov 2026). Their exclusions are tried last
      (`_required_first`).
    - Beginning at a word start ("\\bword...", maybe after lookbehinds): most of them. They
      share one "\\b" in front of their alternation, so inside a word the whole
      alternation fails at once instead of each of its 1,000 branches failing on its own
      "\\b". A lookbehind and "\\b" look at the same position, so their order does not
      change a match.
    - The rest, tried at every position.
    Same matches on 23,342 messages (every set and example); `detect` median 2.14 -> 1.38
    ms, p99 8.5 -> 5.4 ms on them, and with the exclusions last 1.20 and 4.86 ms (25 Nov
    2026, 1,431 patterns, one run each)."""

    def __init__(self, folded: list[str]):
        anchored: list[str] = []
        at_word: list[str] = []
        rest: list[str] = []
        for p in folded:
            if p.startswith("^") and not _has_top_level_or(p):
                anchored.append(_required_first(p[1:]))
            elif (tail := _after_word_start(p)) is not None:
                at_word.append(tail)
            else:
                rest.append(p)
        self.start_source = "|".join(f"(?:{p})" for p in anchored)
        self.word_source = "|".join(f"(?:{p})" for p in at_word)
        self.anywhere_source = "|".join(f"(?:{p})" for p in rest)
        self._start = re.compile(self.start_source) if anchored else None
        self._word = re.compile(rf"\b(?:{self.word_source})") if at_word else None
        self._anywhere = re.compile(self.anywhere_source) if rest else None

    def search(self, text: str) -> bool:
        return bool((self._start is not None and self._start.match(text))
                    or (self._word is not None and self._word.search(text))
                    or (self._anywhere is not None and self._anywhere.search(text)))


class _Guarded:
    """A category's patterns, grouped by the named exclusions they carry (`unless:`): each
    exclusion is tried once per message, not once inside every pattern that names it (as a
    lookahead in each of 40 patterns, "jokes" alone was read 40 times on a long message).
    Same matches: a pattern counts when none of its exclusions matches at the start of
    the message and the pattern itself does.

    Most messages match no pattern at all, so every group is first tried in one pass
    (three regexes, as in `_Patterns`, each group a named alternative); only a match whose
    own group is excluded sends the message group by group. Same matches, category for
    category, on 19,129 messages; with 62 groups (1,280 patterns) `detect` on the dev
    questions went from 1.95 to 1.57 ms median, 4.61 to 3.37 ms p99, and the lexical
    matcher's p99 per question from 5.32 to 4.37 ms (24 Nov 2026, matcher_bench, one
    host)."""

    def __init__(self, groups: list[tuple[tuple[str, ...], _Patterns]], exclusions: dict[str, re.Pattern[str]]):
        self._groups = groups
        self._exclusions = exclusions

        def one_pass(kind: str, prefix: str = "") -> re.Pattern[str] | None:
            named = [f"(?P<g{i}>{getattr(p, kind)})" for i, (_, p) in enumerate(groups) if getattr(p, kind)]
            return re.compile(prefix + "(?:" + "|".join(named) + ")") if named else None

        self._start = one_pass("start_source")
        self._word = one_pass("word_source", r"\b")
        self._anywhere = one_pass("anywhere_source")

    def search(self, text: str) -> bool:
        m = ((self._start is not None and self._start.match(text))
             or (self._word is not None and self._word.search(text))
             or (self._anywhere is not None and self._anywhere.search(text)))
        if not m:
            return False
        group = next(int(k[1:]) for k, v in m.groupdict().items() if v is not None)
        if not any(self._exclusions[n].match(text) for n in self._groups[group][0]):
            return True
        return self._each(text)

    def _each(self, text: str) -> bool:
        found: dict[str, bool] = {}
        for names, patterns in self._groups:
            if any(found.setdefault(n, bool(self._exclusions[n].match(text))) for n in names):
                continue
            if patterns.search(text):
                return True
        return False


def _token_end(pattern: str, i: int) -> int:
    """The index just past the token that starts at `pattern[i]`: an escape, a character
    class ("[]|]" and "[^]|]" hold a literal "]"), a whole group, or one character."""
    ch = pattern[i]
    if ch == "\\":
        return i + 2
    if ch == "[":
        j = i + 1
        j += pattern.startswith("^", j)
        j += pattern.startswith("]", j)
        while j < len(pattern) and pattern[j] != "]":
            j += 2 if pattern[j] == "\\" else 1
        return j + 1
    if ch == "(":
        j = i + 1
        while j < len(pattern) and pattern[j] != ")":
            j = _token_end(pattern, j)
        return j + 1
    return i + 1


def _required_first(pattern: str) -> str:
    """An anchored pattern ("^" removed) with its exclusions last: "(?!.*a|b|c...)(?=.*x)
    .*?y" becomes "(?=.*x)(?=.*?y)(?!.*a|b|c...)". All of these look from the start of the
    message, so their order does not change whether it matches (only the match's length,
    which nothing reads); but most messages fail on the short required word, and were
    first read through for every one of the long list of exclusions."""
    parts, i = [], 0
    while pattern.startswith(("(?=", "(?!"), i):
        end = _token_end(pattern, i)
        parts.append(pattern[i:end])
        i = end
    if i < len(pattern):
        parts.append(f"(?={pattern[i:]})")
    return "".join(sorted(parts, key=lambda part: part.startswith("(?!")))


def _after_word_start(pattern: str) -> str | None:
    """For a pattern that can only match where a word starts ("\\bkill", "(?<!not )\\bkill"):
    the pattern without that "\\b". None for any other."""
    if _has_top_level_or(pattern):
        return None
    i = 0
    while pattern.startswith(("(?<!", "(?<="), i):
        i = _token_end(pattern, i)
    if pattern.startswith("\\b", i) and pattern[i + 2:i + 3] not in ("?", "*", "+", "{"):
        return pattern[:i] + pattern[i + 2:]
    return None


def _has_top_level_or(pattern: str) -> bool:
    """Does the pattern have an "|" outside every group ("^a|b": only "a" is anchored)?"""
    i = 0
    while i < len(pattern):
        if pattern[i] == "|":
            return True
        i = _token_end(pattern, i)
    return False


def _core_patterns(problems: list[str]) -> list[tuple[str, _Patterns]]:
    out = []
    for cat in CATEGORIES:
        rx = _compile(list(CORE_PATTERNS[cat]), f"core.{cat}", problems)
        if rx is not None:
            out.append((cat, rx))
    return out


def _fallback_state(problems: list[str]) -> _State:
    replies = {lang: {cat: text for cat in (*CATEGORIES, "default")} | {EMERGENCY_LINE: FALLBACK_EMERGENCY_LINE}
               for lang, text in FALLBACK_REPLIES.items()}
    return _State("builtin", _core_patterns(problems), replies, problems)


_ALLOWED_IN_TEXT = re.compile(r"24/7")
_DIGITS = re.compile(r"\d[\d\-]*\d|\d")


def _check_reply(text: str, allowed: set[str]) -> str | None:
    missing = [n for n in REQUIRED_NUMBERS if n not in text]
    if missing:
        return f"missing {', '.join(missing)}"
    stray = [d for d in _DIGITS.findall(_ALLOWED_IN_TEXT.sub("", text)) if d not in allowed]
    if stray:
        return f"number(s) not in the numbers list: {', '.join(stray)}"
    return None


def _build_replies(data: dict[str, Any], problems: list[str]) -> dict[str, dict[str, str]]:
    numbers = data.get("numbers")
    allowed: set[str] = set()
    if isinstance(numbers, dict):
        for key, value in numbers.items():
            if isinstance(value, str):
                allowed.add(value.strip())
            else:
                problems.append(f"numbers.{key}: must be a quoted string, got {value!r}")
    else:
        problems.append("numbers: missing")
    order = data.get("line_order") or {}
    replies_in = data.get("replies") or {}
    replies: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        spec = replies_in.get(lang) if isinstance(replies_in, dict) else None
        if not isinstance(spec, dict):
            problems.append(f"replies.{lang}: missing; using the built-in text")
            replies[lang] = {cat: FALLBACK_REPLIES[lang] for cat in REPLY_KINDS}
            continue
        out: dict[str, str] = {}
        for cat in REPLY_KINDS:
            try:
                opening = spec["opening"][cat].strip()
                lines = spec["lines"]
                keys = order.get(cat) or order.get("default")
                if not keys or keys[0] != "emergency":
                    raise ValueError("line_order must start with emergency (112 first)")
                body = "\n".join(lines[k].strip() for k in keys)
                note = (spec.get("note") or "").strip()
                text = "\n\n".join(part for part in (opening, body, note) if part)
                bad = _check_reply(text, allowed)
                if bad:
                    raise ValueError(bad)
            except (KeyError, TypeError, AttributeError, ValueError) as exc:
                problems.append(f"replies.{lang}.{cat}: {exc!r}; using the built-in text")
                text = FALLBACK_REPLIES[lang]
            out[cat] = text
        # The 112 line alone, for a reply that is not a crisis reply (`emergency_line`).
        try:
            line = spec["lines"]["emergency"].strip()
            if "112" not in line or any(d not in allowed for d in _DIGITS.findall(line)):
                raise ValueError("must give 112 and no other number")
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            problems.append(f"replies.{lang}.lines.emergency: {exc!r}; using the built-in text")
            line = FALLBACK_EMERGENCY_LINE
        out[EMERGENCY_LINE] = line
        replies[lang] = out
    return replies


def _describe(exc: Exception) -> str:
    """An editor's reading of a load error: where PyYAML says, and what."""
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        return f"line {mark.line + 1}, column {mark.column + 1}: {getattr(exc, 'problem', None) or exc}"
    return str(exc) or type(exc).__name__


def _load(path: Any) -> _State:
    problems: list[str] = []
    try:
        import yaml  # inside the guard: a broken yaml install must not break crisis replies

        raw = path.read_text(encoding="utf-8")
        data = yaml.safe_load(raw)
        if not isinstance(data, dict) or data.get("version") != 1:
            raise ValueError("expected a mapping with version: 1")
        cats = data.get("categories")
        if not isinstance(cats, dict):
            raise ValueError("categories: missing")
        named = _exclusions(data.get("unless"), problems)
        exclusions = {name: re.compile(fold_pattern(src)) for name, src in named.items()}
        patterns: list[tuple[str, _Patterns]] = []
        for cat in CATEGORIES:
            spec = cats.get(cat)
            grouped: dict[tuple[str, ...], list[str]] = {}
            per_lang = spec.get("patterns") if isinstance(spec, dict) else None
            if isinstance(per_lang, dict):
                for lang, pats in per_lang.items():
                    if isinstance(pats, list):
                        for i, item in enumerate(pats):
                            where = f"categories.{cat}.patterns.{lang}[{i}]"
                            src, names = _with_exclusions(item, named, where, problems)
                            if src is not None and _compiles(src, where, problems):
                                grouped.setdefault(names, []).append(src)
                    else:
                        problems.append(f"categories.{cat}.patterns.{lang}: not a list")
            groups = [(names, _patterns(srcs)) for names, srcs in grouped.items()]
            rx = _Guarded(groups, exclusions) if groups else None
            if rx is None:
                problems.append(f"categories.{cat}: no usable patterns; using the core list")
                rx = _compile(list(CORE_PATTERNS[cat]), f"core.{cat}", problems)
            if rx is not None:
                patterns.append((cat, rx))
        replies = _build_replies(data, problems)
        state = _State("file", patterns, replies, problems)
    except Exception as exc:  # noqa: BLE001 - any failure means: fall back, never crash
        problems.append(f"cannot load crisis data: {_describe(exc)}")
        state = _fallback_state(problems)
    for problem in problems:
        log.error("crisis data: %s", problem)
    return state


def _data_path(name: str = "") -> Any:
    """A file of bot/data: crisis.yaml unless `name` says which."""
    folder, default = _DATA_PARTS
    try:
        return resources.files(__package__ or "bot").joinpath(folder).joinpath(name or default)
    except Exception:  # noqa: BLE001
        return Path(__file__).resolve().parent.joinpath(folder, name or default)


_STATE: _State = _load(_data_path())

#: "file" when bot/data/crisis.yaml loaded, "builtin" when the fallback is in use.
DATA_SOURCE: str = _STATE.source
#: What was wrong with the data file (empty when all is well); for tests and `wegwijs check`.
LOAD_PROBLEMS: tuple[str, ...] = tuple(_STATE.problems)



@dataclass(frozen=True)
class Examples:
    """Messages for the semantic crisis check (bot/data/crisis_examples.yaml): crisis ones
    and ordinary ones that share their words, each (language, text), and the cosine margin
    by which a message must be nearer the crisis side: `margin` when it asks something,
    `statement_margin` when it does not (people in crisis seldom ask; see the file)."""

    crisis: tuple[tuple[str, str], ...]
    ordinary: tuple[tuple[str, str], ...]
    margin: float
    statement_margin: float | None = None
    asks: re.Pattern[str] | None = None  # "?" or a question word starting a clause

    def threshold(self, *readings: str) -> float:
        """The margin that applies to a message, given one or more readings of it (as typed,
        and a Latin-typed one in Cyrillic: the one keeps its "?", the other its words)."""
        if self.statement_margin is None or self.asks is None or \
                any(self.asks.search(text.casefold()) for text in readings):
            return self.margin
        return self.statement_margin


_shipped_examples: list[Examples | None] = []  # the shipped file, read once per process
#: Why the shipped examples were not used (empty when they were); for `wegwijs check`.
EXAMPLES_PROBLEMS: list[str] = []


def examples(path: Any = None) -> Examples | None:
    """The examples, or None (logged) when the file is missing or malformed: the patterns
    still work without them. The shipped file is read once (a start asks twice: is the
    cache complete, then build)."""
    if path is None:
        if not _shipped_examples:
            _shipped_examples.append(_read_examples(_data_path(_EXAMPLES_FILE), EXAMPLES_PROBLEMS))
        return _shipped_examples[0]
    return _read_examples(path)


def data_problems() -> list[tuple[str, int, str]]:
    """(file name, line or 1, what is wrong) for crisis.yaml and crisis_examples.yaml: both
    are read with fallbacks so the bot never stops, which is why an editor must be told."""
    examples()
    found = [(_DATA_PARTS[1], p) for p in LOAD_PROBLEMS] + [(_EXAMPLES_FILE, p) for p in EXAMPLES_PROBLEMS]
    out = []
    for name, problem in found:
        line = re.search(r"\bline (\d+)", problem)  # where PyYAML's message says
        out.append((name, int(line.group(1)) if line else _line_of(name, problem.split(":", 1)[0]), problem))
    return out


def _line_of(name: str, where: str) -> int:
    """The line of a place such as "categories.medical.patterns.en[3]" or "unless.jokes"
    in a data file (1 when it cannot be found): PyYAML's node tree keeps every node's
    position, which the loaded dict has lost."""
    keys = [k for part in where.split(".") for k in re.findall(r"[^\[\]]+|\[\d+\]", part)]
    try:
        import yaml

        node = yaml.compose(_data_path(name).read_text(encoding="utf-8"))
        for key in keys:
            if key.startswith("["):
                node = node.value[int(key[1:-1])]
            else:
                node = next(v for k, v in node.value if k.value == key)
        return node.start_mark.line + 1
    except Exception:  # noqa: BLE001 - the problem is still reported, only without its line
        return 1


def _read_examples(path: Any, problems: list[str] | None = None) -> Examples | None:
    try:
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser: ~10x faster
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
        if not isinstance(data, dict) or data.get("version") != 1:
            raise ValueError("expected a mapping with version: 1")
        margin = float(data["margin"])
        sides = []
        for side in ("crisis", "ordinary"):
            per_lang = data.get(side)
            if not isinstance(per_lang, dict) or not per_lang:
                raise ValueError(f"{side}: expected a mapping of language -> list of messages")
            items = []
            for lang, texts in per_lang.items():
                if lang not in LANGS or not isinstance(texts, list) or not all(isinstance(t, str) and t.strip() for t in texts):
                    raise ValueError(f"{side}.{lang}: expected one of {sorted(LANGS)} with a list of messages")
                items += [(lang, t) for t in texts]
            sides.append(tuple(items))
        statement_margin = data.get("statement_margin")
        asks = None
        if statement_margin is not None:
            statement_margin = float(statement_margin)
            words = data.get("question_words")
            if not isinstance(words, dict) or not all(
                    lang in LANGS and isinstance(ws, list) and ws and all(isinstance(w, str) and w.strip() for w in ws)
                    for lang, ws in words.items()):
                raise ValueError("question_words: expected a mapping of language -> list of words "
                                 "(needed with statement_margin)")
            alternatives = sorted({re.escape(w.strip().casefold()) for ws in words.values() for w in ws}, key=len,
                                  reverse=True)
            # "please" before the question word ("пожалуйста скажите где …") still asks
            openers = data.get("question_openers") or {}
            if not isinstance(openers, dict) or not all(
                    isinstance(ws, list) and all(isinstance(w, str) and w.strip() for w in ws) for ws in openers.values()):
                raise ValueError("question_openers: expected a mapping of language -> list of words")
            polite = sorted({re.escape(w.strip().casefold()) for ws in openers.values() for w in ws}, key=len,
                            reverse=True)
            before = f"(?:(?:{'|'.join(polite)}),? )?" if polite else ""
            asks = re.compile(r"\?|(?:^|[.,!\n]\s*)" + before + "(?:" + "|".join(alternatives) + r")\b")
        return Examples(sides[0], sides[1], margin, statement_margin, asks)
    except Exception as exc:  # noqa: BLE001 - the patterns still work without the examples
        log.error("crisis examples %s not used: %s", path, _describe(exc))
        if problems is not None:
            problems.append(f"not used: {_describe(exc)}")
        return None

# ---------------------------------------------------------------------------------------
# API
# ---------------------------------------------------------------------------------------


def _raw_core_match(text: str) -> str | None:
    """Last resort if normalisation itself failed: core patterns on the casefolded text."""
    try:
        low = text[:MAX_CHARS].casefold()
        for cat, rx in _core_patterns([]):
            if rx.search(low):
                return cat
    except Exception:  # noqa: BLE001
        pass
    return None


def detect(text: str) -> str | None:
    """Return the crisis category of a message, or None.

    Generous on purpose: a crisis reply to an ordinary question costs a moment of
    confusion, a missed crisis can cost a life.
    """
    if not isinstance(text, str) or not text:
        return None
    try:
        views = _views(text)
        for cat, rx in _STATE.patterns:
            for view in views:
                if rx.search(view):
                    return cat
        return None
    except Exception:  # noqa: BLE001
        log.error("crisis detection failed; trying the core patterns", exc_info=True)
        return _raw_core_match(text)


def _lang_key(lang: Any) -> str:
    try:
        key = str(lang or "").strip().lower().replace("_", "-").split("-")[0]
    except Exception:  # noqa: BLE001
        return DEFAULT_LANG
    if key == "ua":  # a common mistake for Ukrainian
        key = "uk"
    return key


def emergency_line(lang: str) -> str:
    """The 112 line of the crisis replies in `lang` ("📞 112 — emergency: police, ambulance,
    fire brigade."), for a reply that must not leave out the emergency number though it is
    no crisis reply: the bot's "I don't know" to a question nearest the emergency-care
    entry (see `bot.engine`)."""
    try:
        texts = _STATE.replies.get(_lang_key(lang)) or _STATE.replies.get(DEFAULT_LANG) or {}
        return texts.get(EMERGENCY_LINE) or FALLBACK_EMERGENCY_LINE
    except Exception:  # noqa: BLE001
        return FALLBACK_EMERGENCY_LINE


def reply(lang: str, category: str | None = None) -> str:
    """The crisis reply in `lang` (English when we have no text for it).

    Always contains 112, 113 / 0800-0113 and Veilig Thuis 0800-2000; the line that fits
    `category` comes right after 112.
    """
    try:
        key = _lang_key(lang)
        texts = _STATE.replies.get(key) or _STATE.replies.get(DEFAULT_LANG)
        if texts is None:
            return FALLBACK_REPLIES.get(key, FALLBACK_REPLIES[DEFAULT_LANG])
        return texts.get(category or "default") or texts["default"]
    except Exception:  # noqa: BLE001
        return FALLBACK_REPLIES[DEFAULT_LANG]


__all__ = ["CATEGORIES", "DATA_SOURCE", "LANGS", "LOAD_PROBLEMS", "REPLY_KINDS", "Examples", "detect", "examples", "normalise", "reply"]
