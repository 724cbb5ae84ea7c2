"""A question that asks what a name is: "wat is ITK?", "ворлесекспрес це що?".

Why this exists: a school note, a neighbour or a social worker gives people a Dutch name
(a class, a programme, an organisation), and they ask what it is. Such a question has
one content word the model has rarely seen, spelled by ear in another script, and the
rest is "what is this?": every similarity signal is weak, so the calibrated score stays
under the answer threshold although the entry that names it ranks first. In unseen22
the three such questions ranked the right entry first at 0.40-0.60 and were declined.

A name is a word of an entry's title or text that is written as one (an acronym, an
inner capital as in "VoorleesExpress", a capital in the middle of a sentence), and it
names an entry when that entry is the only one, among those for the person asking, that
uses the word anywhere, texts or examples: "Heemstede", "IND" or "Nederlandse", in many
entries, say nothing about which one; "ITK" is in the class for Ukrainian children and
the one for asylum seekers' children, and a Ukrainian asking means the first. The
spellings people use are the name's sound key and those of its entry's example words that
sound like it (the editors' "хейсмеестерс" for "Huischmeesters").

The matcher uses it only when the question asks what or who something is and the entry
it names is the one it ranks first: the name then confirms the ranking, it never
chooses an entry on its own.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from rapidfuzz import fuzz

from bot.matching.normalise import romanise, sound_key, tokens

#: "What is / who is / what does … mean", four languages, Latin-typed Ukrainian and
#: Russian too. Matched on the lowercased question with single spaces.
_ASKS_WHAT = re.compile(
    r"(?:^|\b)(?:"
    r"what(?: i|')s|whats|what are|who is|who are|what does|what do they do|meaning of|what kind of thing"
    r"|wat is|wat zijn|wie is|wie zijn|wat doet|wat doen|wat betekent|wat houdt|wat voor"
    r"|що це|це що|що таке|хто це|це хто|хто такі|хто такий|хто вони|що означає|що за"
    r"|что это|это что|что такое|кто это|это кто|кто такие|кто такой|кто они|что значит"
    r"|что означает|что за"
    r"|sh?ch?o (?:tse|ce|take|za)|(?:tse|ce) sh?ch?o|k?hto (?:tse|ce|taki)|(?:tse|ce) k?hto"
    r"|(?:chto|shto|4to) (?:eto|takoe|za)|eto (?:chto|shto|4to)|kto (?:eto|takie|takoj)|eto kto"
    r")(?:\b|$)",
    re.IGNORECASE,
)
#: How a word shows it is a name where it is written.
_ACRONYM = re.compile(r"^[A-ZА-ЯІЇЄҐ][A-ZА-ЯІЇЄҐ0-9]{1,5}$")
_INNER_CAPITAL = re.compile(r"^\w*[a-zа-яіїєґ][A-ZА-ЯІЇЄҐ]\w*$")
_CAPITAL = re.compile(r"^[A-ZА-ЯІЇЄҐ][a-zа-яіїєґ]")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?:;\n•*\-–(\"“«]\s*$")
#: A word of the entry's examples is a spelling of its name from this similarity up, for
#: names of at least `SPELLED_FROM` letters (a short one is near too many short words).
SPELLING = 75
SPELLED_FROM = 6
#: A word of a question is the name from this similarity up (or with the same sound key);
#: only for keys of at least `FUZZY_FROM` letters, where one sound off is a small part.
SAME_NAME = 85
FUZZY_FROM = 8


def asks_what(text: str) -> bool:
    """Does the question ask what or who something is?"""
    return bool(_ASKS_WHAT.search(" ".join((text or "").lower().split())))


def written_names(text: str) -> set[str]:
    """Sound keys of the words of `text` written as names (see the module text)."""
    out: set[str] = set()
    for match in _WORD.finditer(text or ""):
        word = match.group()
        before = text[:match.start()]
        mid_sentence = bool(before.strip()) and not _SENTENCE_END.search(before)
        if _ACRONYM.match(word) or _INNER_CAPITAL.match(word) or (mid_sentence and _CAPITAL.match(word)):
            out.update(sound_key(romanise(t)) for t in tokens(word) if len(t) >= 3)
    return out


def _key_words(text: str) -> set[str]:
    return {sound_key(romanise(t)) for t in tokens(text)}


class Names:
    """Which entries use each name, with the spellings their examples use."""

    def __init__(self, passages: Sequence[Iterable[str]], used: Sequence[set[str]],
                 example_words: Sequence[set[str]]):
        """`passages`: per entry, its title and text in each language, as written (the case
        shows a name); `used`: per entry, the sound keys of every word of its texts and
        examples; `example_words`: per entry, those of its example questions. The matcher
        has the keys already (`bot.matching.analyse`): tokenising 5,000 examples again cost
        0.6 s of every start."""
        written: set[str] = set()
        for texts in passages:
            for text in texts:
                written |= written_names(text)
        users: dict[str, set[int]] = {k: set() for k in written}
        for i, words in enumerate(used):
            for word in words & written:
                users[word].add(i)
        #: sound key -> the entries that use it, for every name and its spellings.
        self.users: dict[str, frozenset[int]] = {k: frozenset(v) for k, v in users.items()}
        singles = [(k, next(iter(v))) for k, v in users.items() if len(v) == 1 and len(k) >= SPELLED_FROM]
        if not singles:
            return
        # A spelling must not be a word any other entry uses: who uses each example word?
        candidates = {w for _, i in singles for w in example_words[i] if len(w) >= 4 and w not in users}
        word_users: dict[str, set[int]] = {w: set() for w in candidates}
        for i, words in enumerate(used):
            for word in words & candidates:
                word_users[word].add(i)
        for key, i in singles:
            for word in example_words[i]:
                if word in word_users and word_users[word] <= {i} and word not in self.users \
                        and fuzz.ratio(word, key) >= SPELLING:
                    self.users[word] = frozenset({i})

    def to_plain(self) -> dict[str, frozenset[int]]:
        """For the index cache (`bot.matching.index_cache`)."""
        return self.users

    @classmethod
    def from_plain(cls, users: dict[str, frozenset[int]]) -> "Names":
        names = cls.__new__(cls)
        names.users = users
        return names

    @classmethod
    def from_texts(cls, passages: Sequence[Iterable[str]], examples: Sequence[Iterable[str]]) -> "Names":
        """From raw texts (tests, tools); the matcher passes the keys it has already."""
        passages = [list(t) for t in passages]
        example_words = [set().union(*(_key_words(t) for t in texts)) if texts else set()
                         for texts in (list(e) for e in examples)]
        used = [set().union(*(_key_words(t) for t in texts)) | example_words[i] if texts else set(example_words[i])
                for i, texts in enumerate(passages)]
        return cls(passages, used, example_words)

    def named(self, text: str, visible: Iterable[int] | None = None) -> int | None:
        """The one entry, among `visible` (None: all), that the question names; None when
        it names none, or more than one ("VoorleesExpress or ITK?")."""
        seen = None if visible is None else set(visible)
        found: set[int] = set()
        for word in _key_words(text):
            keys = [word] if word in self.users else \
                [k for k in self.users if len(word) >= FUZZY_FROM and len(k) >= FUZZY_FROM
                 and fuzz.ratio(word, k) >= SAME_NAME]
            for key in keys:
                entries = self.users[key] if seen is None else self.users[key] & seen
                if len(entries) > 1:
                    return None  # a name several of them use says nothing about which
                found |= entries
        return found.pop() if len(found) == 1 else None
