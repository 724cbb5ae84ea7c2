"""Translations at run time: gettext catalogs read with Babel, with a stated fallback order.

The bot's own interface (domain "wegwijs", which also holds the shared flows) and each
knowledge pack (domain "pack-<id>") are translated from Dutch, the language the
municipality writes in. A message that is missing or fuzzy (its Dutch source changed since
it was translated) is not shown as if it were current: we fall back along the pack's
language order and tell the user, in their own language, that the text is not yet
translated. The catalogs are read straight from the .po files so that no compiled .mo
files need to be built or kept in git.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

LOCALES_DIR = Path(__file__).resolve().parents[1] / "locales"
UI_DOMAIN = "wegwijs"
LANG_NAMES = {"uk": "Українська", "ru": "Русский", "nl": "Nederlands", "en": "English"}
#: How "not yet translated, shown in X" names the language shown, in the reader's language.
_LANG_IN = {
    "uk": {"en": "англійською", "nl": "нідерландською", "ru": "російською", "uk": "українською"},
    "ru": {"en": "на английском", "nl": "на нидерландском", "uk": "на украинском", "ru": "на русском"},
    "en": {"en": "in English", "nl": "in Dutch", "uk": "in Ukrainian", "ru": "in Russian"},
    "nl": {"en": "in het Engels", "nl": "in het Nederlands", "uk": "in het Oekraïens", "ru": "in het Russisch"},
}
_NOT_TRANSLATED = {
    "uk": "Цей текст ще не перекладено українською, показуємо його {lang}.",
    "ru": "Этот текст ещё не переведён на русский, показываем его {lang}.",
    "en": "This text is not translated into English yet; shown {lang}.",
    "nl": "Deze tekst is nog niet in het Nederlands beschikbaar; hieronder {lang}.",
}


def T(msgid: str) -> str:  # noqa: N802 - the extraction keyword
    """Mark an interface string for extraction; the engine translates it per user."""
    return msgid


def TN(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - the extraction keyword
    """Mark a string with plural forms (Ukrainian and Russian have three) for extraction."""
    return singular, plural


@dataclass(frozen=True)
class Translated:
    text: str
    lang: str  # the language actually shown

    def is_fallback(self, wanted: str) -> bool:
        return self.lang != wanted


Messages = Mapping[tuple[str | None, str], "str | tuple[str, ...]"]


def read_messages(path: Path) -> dict[tuple[str | None, str], "str | tuple[str, ...]"]:
    """Current (non-fuzzy, complete) translations of one .po file, keyed by (context, msgid).

    A plural message is keyed by its singular msgid and holds all its forms.
    """
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        catalog = read_po(fh)
    out: dict[tuple[str | None, str], str | tuple[str, ...]] = {}
    for msg in catalog:
        if not msg.id or msg.fuzzy or not msg.string:
            continue
        if isinstance(msg.id, tuple):
            if all(msg.string):
                out[(msg.context, msg.id[0])] = tuple(msg.string)
            continue
        out[(msg.context, msg.id)] = msg.string
    return out


def _plural_rule(lang: str) -> Callable[[int], int]:
    """gettext's plural-form index for `lang`, from Babel's CLDR-derived table."""
    return gettext.c2py(get_plural(lang).plural_expr)


class I18n:
    """Looks up translations for one pack: the interface domain plus the pack's own domain."""

    def __init__(self, pack_id: str, languages: list[str], fallback: Mapping[str, list[str]],
                 source_language: str = "nl", locales_dir: Path = LOCALES_DIR):
        self.languages = list(languages)
        self.source = source_language
        self.fallback = {k: list(v) for k, v in fallback.items()}
        self.pack_domain = f"pack-{pack_id}"
        self._catalogs: dict[tuple[str, str], Messages] = {}
        for lang in self.languages:
            if lang == source_language:
                continue
            for domain in (UI_DOMAIN, self.pack_domain):
                self._catalogs[(domain, lang)] = read_messages(locales_dir / lang / "LC_MESSAGES" / f"{domain}.po")

    def negotiate(self, hint: str | None) -> str | None:
        """Map a platform language code ("uk-UA", "ru", "be") to a supported language, or None."""
        if not hint:
            return None
        base = hint.replace("_", "-").split("-")[0].lower()
        return base if base in self.languages else None

    def lookup(self, domain: str, lang: str, context: str | None, msgid: str) -> Translated:
        """The text in `lang`, or in the first fallback language that has a current translation."""
        for candidate in [lang] + self.fallback.get(lang, []) + [self.source]:
            if candidate == self.source:
                return Translated(msgid, candidate)
            found = self._catalogs.get((domain, candidate), {}).get((context, msgid))
            if found:
                return Translated(found, candidate)
        return Translated(msgid, self.source)  # pragma: no cover - source is always last

    def ui(self, lang: str, msgid: str, context: str | None = None, **values: object) -> str:
        """An interface string in the user's language (falling back silently: ours are complete)."""
        text = self.lookup(UI_DOMAIN, lang, context, msgid).text
        return text.format(**values) if values else text

    def ui_n(self, lang: str, forms: tuple[str, str], n: int, **values: object) -> str:
        """A counted interface string: "1 gegeven" / "2 gegevens"; "1 запис" / "2 записи" / "5 записів"."""
        singular, plural = forms
        for candidate in [lang] + self.fallback.get(lang, []) + [self.source]:
            if candidate == self.source:
                text = singular if n == 1 else plural
                break
            found = self._catalogs.get((UI_DOMAIN, candidate), {}).get((None, singular))
            if isinstance(found, tuple):
                index = _plural_rule(candidate)(n)
                text = found[min(index, len(found) - 1)]
                break
        return text.format(count=n, **values)

    def knowledge(self, lang: str, context: str, msgid: str) -> Translated:
        return self.lookup(self.pack_domain, lang, context, msgid)

    def flow(self, lang: str, step_id: str, msgid: str) -> Translated:
        return self.lookup(UI_DOMAIN, lang, f"flow:{step_id}", msgid)

    @staticmethod
    def fallback_note(wanted: str, shown: str) -> str:
        """Tell the reader, in their language, that what follows is in another language."""
        template = _NOT_TRANSLATED.get(wanted, _NOT_TRANSLATED["en"])
        return template.format(lang=_LANG_IN.get(wanted, _LANG_IN["en"]).get(shown, shown))
