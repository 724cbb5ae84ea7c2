"""Knowledge shown to a user: entries, spreekuren and tasks as translated, formatted text.

Kept apart from the engine's decisions so the same rendering serves the chat, `ask`,
`spreekuren` and the evaluation — what an editor checks is exactly what a user reads.
"""

from __future__ import annotations

import re
from datetime import datetime

from bot.content import schema as S
from bot.content.loader import Snapshot
from bot.formatting import format_euro, format_occurrence, weekday_name
from bot.i18n import I18n, T
from bot.schedule import Slot, next_occurrences


# "€ 175", "€175", "175 euro", "175 євро", "175 евро": amounts as editors and translators
# write them, shown the way the reader's locale writes money (Babel).
_AMOUNT = re.compile(r"€\s?(?P<a>\d+(?:[.,]\d{2})?)(?!\d)|(?P<b>\d+(?:[.,]\d{2})?)\s?(?:euro|євро|евро|EUR)\b",
                     re.IGNORECASE)


def localise_amounts(text: str, lang: str) -> str:
    def fmt(match: re.Match[str]) -> str:
        amount = (match.group("a") or match.group("b")).replace(",", ".")
        shown = format_euro(float(amount) if "." in amount else int(amount), lang)
        return shown.replace("\u00a0", " ")  # plain spaces: users copy and search these
    return _AMOUNT.sub(fmt, text)


class Renderer:
    def __init__(self, snapshot: Snapshot, i18n: I18n):
        self.snapshot = snapshot
        self.i18n = i18n

    def _k(self, lang: str, item_id: str, field: str, dutch: str, notes: list[str]) -> str:
        got = self.i18n.knowledge(lang, f"{item_id}:{field}", dutch)
        if got.is_fallback(lang):
            note = self.i18n.fallback_note(lang, got.lang)
            if note not in notes:
                notes.append(note)
        return localise_amounts(got.text, got.lang)

    def source_line(self, lang: str, sources: list[S.Source]) -> str:
        cited = "; ".join(f"{s.doc}, {s.section}" for s in sources)
        return self.i18n.ui(lang, T("Bron: {sources}"), sources=cited)

    def entry(self, entry: S.Entry, lang: str, now: datetime, *, details: bool = False) -> str:
        notes: list[str] = []
        parts = [self._k(lang, entry.id, "title", entry.title, notes).upper(),
                 self._k(lang, entry.id, "text", entry.text, notes).strip()]
        if details and entry.details:
            parts.append(self._k(lang, entry.id, "details", entry.details, notes).strip())
        for sp_id in entry.spreekuren[:2]:
            sp = self.snapshot.spreekuren.get(sp_id)
            if sp:
                parts.append(self.spreekuur_short(sp, lang, now))
        parts.append(self.source_line(lang, entry.source))
        return "\n\n".join(notes + parts)

    def desk_card(self, entry: S.Entry, lang: str) -> str:
        """Two languages: the user's, and Dutch for the person at the counter."""
        head = self.i18n.ui(lang, T("Laat dit zien aan de balie:"))
        dutch = "🇳🇱 " + (entry.desk_card or "").strip()
        mine = self.i18n.knowledge(lang, f"{entry.id}:desk_card", entry.desk_card or "")
        if mine.lang == self.snapshot.pack.source_language:  # Dutch user, or no translation yet
            return f"{head}\n\n{dutch}"
        return "\n\n".join([head, mine.text.strip(), dutch])

    def when(self, sp: S.Spreekuur, lang: str, now: datetime) -> str:
        """Next date (and hours only where the source gives them); never an invented time."""
        if not sp.weekly:
            if sp.kind == "appointment":
                return self.i18n.ui(lang, T("Alleen op afspraak."))
            if sp.kind == "contact":
                return self.i18n.ui(lang, T("Geen vaste spreekuurtijden bekend."))
            return self.i18n.ui(lang, T("De dagen en tijden staan niet in onze informatie."))
        days = ", ".join(weekday_name(S.WEEKDAYS.index(s.day), lang) for s in sp.weekly)
        slots = [Slot(S.WEEKDAYS.index(s.day), _time(s.start), _time(s.end)) for s in sp.weekly]
        upcoming = next_occurrences(slots, now=now, tz=self.snapshot.pack.timezone, closed=sp.closed,
                                    open_on_holidays=sp.open_on_holidays, count=1)
        text = self.i18n.ui(lang, T("Elke week op: {days}."), days=days)
        if upcoming:
            text += " " + self.i18n.ui(lang, T("Eerstvolgende: {when}."), when=format_occurrence(upcoming[0], lang))
        if not any(s.start for s in sp.weekly):
            text += " " + self.i18n.ui(lang, T("De tijden staan niet in onze informatie."))
        return text

    def spreekuur_short(self, sp: S.Spreekuur, lang: str, now: datetime) -> str:
        notes: list[str] = []
        name = self._k(lang, sp.id, "name", sp.name, notes)
        return f"📅 {name}: {self.when(sp, lang, now)}"

    def spreekuur(self, sp: S.Spreekuur, lang: str, now: datetime) -> str:
        notes: list[str] = []
        lines = [self._k(lang, sp.id, "name", sp.name, notes).upper(),
                 self._k(lang, sp.id, "about", sp.about, notes).strip(),
                 "📅 " + self.when(sp, lang, now)]
        if sp.place:
            lines.append("📍 " + self._k(lang, sp.id, "place", sp.place, notes))
        if sp.how_to_book:
            lines.append("📝 " + self._k(lang, sp.id, "how_to_book", sp.how_to_book, notes).strip())
        if sp.contact:
            lines.append("☎ " + sp.contact)
        lines.append(self.source_line(lang, sp.source))
        return "\n\n".join(notes + lines)

    def task(self, task: S.Task, lang: str) -> str:
        notes: list[str] = []
        lines = [self._k(lang, task.id, "title", task.title, notes).upper(),
                 f"{task.organisation}",
                 self._k(lang, task.id, "text", task.text, notes).strip()]
        for field, icon in (("where", "📍"), ("when", "📅"), ("requirements", "✔")):
            value = getattr(task, field)
            if value:
                lines.append(f"{icon} " + self._k(lang, task.id, field, value, notes))
        lines.append("📝 " + self._k(lang, task.id, "signup", task.signup, notes).strip())
        lines.append(self.source_line(lang, task.source))
        return "\n\n".join(notes + lines)

    def text_of(self, kind: str, item_id: str, field: str, dutch: str, lang: str) -> str:
        """One translated field (with a fallback note if it is not translated)."""
        notes: list[str] = []
        text = self._k(lang, item_id, field, dutch, notes).strip()
        return "\n\n".join(notes + [text])

    def title(self, kind: str, item_id: str, lang: str) -> str:
        item = {"entry": self.snapshot.entries, "spreekuur": self.snapshot.spreekuren,
                "task": self.snapshot.tasks}[kind][item_id]
        dutch = item.name if kind == "spreekuur" else item.title
        field = "name" if kind == "spreekuur" else "title"
        return self.i18n.knowledge(lang, f"{item_id}:{field}", dutch).text


def _time(value: str | None):
    from datetime import time

    if not value:
        return None
    hour, minute = value.split(":")
    return time(int(hour), int(minute))
