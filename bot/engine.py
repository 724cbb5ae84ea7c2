"""The conversation core: Incoming -> [Reply]. No platform code lives here.

Order matters and is deliberate:
1. Crisis first, before the store or the knowledge are touched, so that a person in
   danger gets emergency numbers even if everything else is broken. The text of such a
   message is never stored.
2. De-duplication in the same transaction as the update's effects: a redelivered update
   changes nothing and gets no second reply.
3. Commands, button actions (untrusted: a stale or tampered action gets a kind "this
   button expired" and the menu), then free text: answer when confident, ask which one
   when two are close, otherwise say so plainly, route to a person and record a signal.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
import logging
import re
import threading
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable

from bot import crisis
from bot.content import schema as S
from bot.content.loader import Snapshot
from bot.errors import BotError, TaskFull
from bot.i18n import LANG_NAMES, TN, I18n, T
from bot.matching import Candidate, Decision, Matcher, build_matcher, semantic_cached, semantic_wanted
from bot.messages import Button, Incoming, Reply
from bot.render import Renderer

log = logging.getLogger(__name__)

_COMMANDS = {
    "start": T("Opnieuw beginnen"),
    "menu": T("Hoofdmenu"),
    "language": T("Taal kiezen"),
    "help": T("Wat kan Wegwijs?"),
    "mydata": T("Wat bewaart Wegwijs over mij?"),
    "forget": T("Wis alles over mij"),
}
#: How a topic is named to users (announcements, /mydata).
_TOPIC_NAMES = {
    "healthcare": T("zorg en gezondheid"),
    "school": T("school en kinderen"),
    "language": T("Nederlands leren"),
    "allowance": T("geld voor sport en vrije tijd"),
    "volunteering": T("vrijwilligerswerk"),
    "work_income": T("werk en inkomen"),
    "living": T("wonen op de locatie"),
    "other": T("overige vragen"),
}
_CYR_UK = re.compile(r"[іїєґ]", re.IGNORECASE)
_CYR_RU = re.compile(r"[ыэъё]", re.IGNORECASE)
_CYR = re.compile(r"[а-яё]", re.IGNORECASE)


def guess_language(text: str) -> str | None:
    """A cheap script-based guess, only used before the user has chosen a language."""
    if _CYR_UK.search(text):
        return "uk"
    if _CYR_RU.search(text):
        return "ru"
    if _CYR.search(text):
        return "uk"
    return None


@dataclass
class Knowledge:
    """A snapshot with everything derived from it; swapped whole on reload."""

    snapshot: Snapshot
    i18n: I18n
    matcher: Matcher
    render: Renderer
    #: The thread building the semantic matcher, while the lexical one answers (see `build`).
    upgrading: threading.Thread | None = field(default=None, repr=False, compare=False)

    @classmethod
    def build(cls, snapshot: Snapshot, *, background: bool = False) -> "Knowledge":
        """Index a snapshot.

        Args:
            background: when the semantic model has not read this knowledge before (an
                empty embedding cache: a new machine or a new model version), answer with
                the lexical matcher at once and swap in the semantic one when it is built
                (75-95 s for Heemstede on a busy two-core machine) — for the bot and the
                chat, so that nobody waits for the first start. Evaluation and `ask` build
                synchronously: they must measure the matcher people will get.
        """
        pack = snapshot.pack
        i18n = I18n(pack.id, list(pack.languages), pack.fallback, pack.source_language)
        render = Renderer(snapshot, i18n)
        if not (background and semantic_wanted() and not semantic_cached(snapshot, i18n)):
            return cls(snapshot, i18n, build_matcher(snapshot, i18n), render)
        knowledge = cls(snapshot, i18n, build_matcher(snapshot, i18n, semantic=False), render)
        knowledge.upgrading = threading.Thread(target=knowledge._upgrade, name="wegwijs-embed", daemon=True)
        knowledge.upgrading.start()
        return knowledge

    def _upgrade(self) -> None:
        log.info("the language model is reading the knowledge for the first time; lexical matching meanwhile")
        try:
            matcher = build_matcher(self.snapshot, self.i18n, semantic=True)
        except Exception:  # noqa: BLE001 - the lexical matcher keeps answering
            log.exception("building the semantic matcher failed; matching stays lexical")
            return
        self.matcher = matcher  # one reference swap: a turn reads `matcher` once (see Session)
        log.info("semantic matching is ready")


@dataclass
class Answer:
    """What the engine decided for one free-text question (also what `ask --json` prints)."""

    crisis: bool = False
    kind: str = "unknown"  # answer | disambiguate | unknown | crisis
    entry: str | None = None
    score: float | None = None
    alternatives: list[str] = field(default_factory=list)
    route: str | None = None
    replies: list[Reply] = field(default_factory=list)
    #: "I don't know" because the question is nearer one the pack knows it does not
    #: answer (unanswered.yaml) than to the best entry's examples: tells an editor why.
    nearer_unanswered: bool = False
    #: "I don't know" because the question asks for something the best entry does not
    #: state ("how long": `bot.matching.asks`), or None.
    asks_unstated: str | None = None
    #: The question asks what a name is that this entry alone has (for the asker:
    #: `bot.matching.names`); it is answered then even on a weak score. Tells an editor why.
    named: bool = False

    @property
    def answered(self) -> bool:
        return self.entry is not None

    @property
    def text(self) -> str:
        return "\n\n".join(r.text for r in self.replies)


class Engine:
    """One conversation core for every adapter. `handle` is safe to call concurrently."""

    def __init__(self, knowledge: Knowledge | None, store, *,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        self.knowledge = knowledge
        self.store = store
        self.clock = clock
        self._locks: dict[str, asyncio.Lock] = {}
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="wegwijs-match")

    # -- entry points ------------------------------------------------------------------
    async def handle(self, incoming: Incoming) -> list[Reply]:
        """Process one user event; events of one user are processed strictly in order."""
        lock = self._locks.setdefault(incoming.user_key, asyncio.Lock())
        await self._prefetch(incoming)
        async with lock:
            try:
                return self.handle_sync(incoming)
            finally:
                if not lock._waiters:  # type: ignore[attr-defined]  # forget idle users' locks
                    self._locks.pop(incoming.user_key, None)

    async def _prefetch(self, incoming: Incoming) -> None:
        """Match a free-text question in a worker thread before its turn (the slow part:
        the embedding model), so the event loop stays free and two cores are used."""
        text = (incoming.text or "").strip()
        if not text or text.startswith("/") or self.knowledge is None or incoming.action:
            return
        if self.knowledge.matcher.mode != "semantic":
            return  # lexical matching is quick Python code: a thread would only add overhead
        try:
            user = self.store.get_user(incoming.user_key) if self.store is not None else None
            lang = (user or {}).get("lang") or guess_language(text) or self.knowledge.i18n.negotiate(
                incoming.lang_hint) or "en"
            await asyncio.get_running_loop().run_in_executor(self._pool, self.knowledge.matcher.prefetch, text, lang)
        except Exception:  # noqa: BLE001 - only an optimisation: the turn itself will match
            log.debug("prefetch failed", exc_info=True)

    def handle_sync(self, incoming: Incoming) -> list[Reply]:
        text = (incoming.text or "").strip()
        if text and not text.startswith("/"):
            category = crisis.detect(text)
            if category:
                return [self._crisis_reply(incoming, category)] + self._answer_after_crisis(incoming, text)
        try:
            return self._handle_stored(incoming, text)
        except BotError:
            log.exception("store or knowledge failure while handling a message")
        except Exception:  # noqa: BLE001 - a user must never get silence or a trace
            log.exception("unexpected failure while handling a message")
        lang = self._fallback_lang(incoming)
        return [Reply(self._ui_safe(lang, T("Sorry, er ging iets mis aan onze kant. Probeer het zo nog eens. "
                                             "In nood: bel 112.")))]

    def commands(self, lang: str) -> list[tuple[str, str]]:
        return [(name, self._ui_safe(lang, text)) for name, text in _COMMANDS.items()]

    def reload(self, load: Callable[[], Snapshot]) -> None:
        """Build a new snapshot and its index, and swap only if that succeeded.

        Raises:
            ContentError: the new content is invalid; the old knowledge stays in service.
        """
        knowledge = Knowledge.build(load())  # raises before anything is replaced
        self.knowledge = knowledge

    # -- crisis ----------------------------------------------------------------------
    def _crisis_reply(self, incoming: Incoming, category: str) -> Reply:
        lang = self._fallback_lang(incoming)
        try:
            user = self.store.get_user(incoming.user_key)
            if user and user.get("lang"):
                lang = user["lang"]
        except Exception:  # noqa: BLE001 - crisis replies never depend on the store
            log.warning("store unavailable during a crisis reply")
        try:
            if incoming.update_id:
                with self.store.atomic():
                    self.store.claim_update(incoming.update_id)
        except Exception:  # noqa: BLE001
            pass
        return Reply(crisis.reply(lang, category))

    def _answer_after_crisis(self, incoming: Incoming, text: str) -> list[Reply]:
        """A crisis word in an ordinary question ("I'd like to volunteer at 113") must not
        cost the answer: when the matcher is sure of one for this user, it follows the help
        lines, as after the semantic crisis check. Only for a user whose language and
        situation are known (no guessing who they are); nothing of the text is kept; any
        failure leaves the help lines alone."""
        if self.knowledge is None or self.store is None:
            return []
        try:
            with self.store.atomic():
                user = self.store.get_user(incoming.user_key) or {}
                if not user.get("lang") or not user.get("audience"):
                    return []
                session = Session(self, incoming.user_key, user)
                found = session.answer_if_sure(text)
                session.save()
            return found.replies if found is not None else []
        except Exception:  # noqa: BLE001 - the help lines are already there
            log.warning("no answer after a crisis reply")
            return []

    def _fallback_lang(self, incoming: Incoming) -> str:
        guessed = guess_language(incoming.text or "")
        if guessed:
            return guessed
        hint = (incoming.lang_hint or "").split("-")[0].lower()
        return hint if hint in S.LANGS else "en"

    def _ui_safe(self, lang: str, msgid: str, **values: object) -> str:
        try:
            return self.knowledge.i18n.ui(lang, msgid, **values) if self.knowledge else msgid.format(**values)
        except Exception:  # noqa: BLE001
            return msgid.format(**values) if values else msgid

    # -- the stored part ---------------------------------------------------------------
    def _handle_stored(self, incoming: Incoming, text: str) -> list[Reply]:
        if self.knowledge is None:
            raise BotError("no knowledge loaded")
        with self.store.atomic():
            if incoming.update_id and not self.store.claim_update(incoming.update_id):
                return []
            user = self.store.get_user(incoming.user_key) or {}
            session = Session(self, incoming.user_key, user)
            if incoming.kind not in ("text", "action"):
                replies = session.unsupported(incoming.kind)
            elif incoming.action:
                replies = session.action(incoming.action)
            elif text.startswith("/"):
                replies = session.command(text, incoming.lang_hint)
            elif text:
                replies = session.free_text(text, incoming.lang_hint)
            else:
                replies = session.unsupported("other")
            session.save()
            return replies

    # -- for `ask` and `eval`: one question, no conversation state ----------------------
    def answer(self, text: str, lang: str, audience: str | None, *, log_signal: bool = False,
               user_key: str = "ask") -> Answer:
        category = crisis.detect(text)
        session = Session(self, user_key, {"lang": lang, "audience": audience})
        if category:
            lines = Reply(crisis.reply(lang, category))
            found = None
            if audience is not None:  # as in the chat: only when who is asking is known
                try:
                    found = session.answer_if_sure(text)
                except Exception:  # noqa: BLE001 - the help lines alone
                    log.warning("no answer after a crisis reply")
            if found is None:
                return Answer(crisis=True, kind="crisis", replies=[lines])
            found.crisis = True
            found.replies.insert(0, lines)
            return found
        return session.respond(text, record=log_signal)


class Session:
    """One user's turn: reads and changes their profile/state; saved by the engine."""

    def __init__(self, engine: Engine, user_key: str, user: dict):
        self.engine = engine
        self.k: Knowledge = engine.knowledge  # type: ignore[assignment]
        self.snap = self.k.snapshot
        self.user_key = user_key
        self.lang: str | None = user.get("lang")
        self.audience: str | None = user.get("audience")
        self.profile: dict = dict(user.get("profile") or {})
        self.state: dict = dict(user.get("state") or {})
        self._dirty = False
        self.now = engine.clock()

    # helpers
    @property
    def L(self) -> str:  # noqa: N802 - the user's language, never None once asked
        return self.lang or "en"

    def ui(self, msgid: str, **values: object) -> str:
        return self.k.i18n.ui(self.L, msgid, **values)

    def save(self) -> None:
        if self._dirty:
            self.engine.store.save_user(self.user_key, lang=self.lang, audience=self.audience,
                                        profile=self.profile, state=self.state)

    def _set(self, **changes: object) -> None:
        for name, value in changes.items():
            setattr(self, name, value)
        self._dirty = True

    def menu_button(self) -> Button:
        return Button("☰ " + self.ui(T("Menu")), "menu")

    def expired(self) -> list[Reply]:
        return [Reply(self.ui(T("Deze knop werkt niet meer. Hier is het menu.")))] + self.step("main")

    # commands
    def command(self, text: str, lang_hint: str | None) -> list[Reply]:
        name = text[1:].split()[0].split("@")[0].lower() if len(text) > 1 else ""
        if name == "start":
            self.state = {}
            self._dirty = True
            if not self.lang:
                self.lang = self.k.i18n.negotiate(lang_hint)
            return self.step("start")
        if not self.lang:
            self._set(lang=self.k.i18n.negotiate(lang_hint) or "en")
        if name == "menu":
            return self.step("main")
        if name == "language":
            return self.step("start")
        if name == "help":
            return [Reply(self.ui(T("Ik ben Wegwijs, een chatbot (geen mens). Kies een onderwerp in het menu "
                                    "of typ je vraag in het Oekraïens, Russisch, Nederlands of Engels. "
                                    "Weet ik het antwoord niet, dan zeg ik waar je het kunt vragen.\n\n"
                                    "/menu — onderwerpen\n/language — taal\n/mydata — wat we bewaren\n"
                                    "/forget — alles wissen\n\nIn nood: bel 112.")),
                          ((self.menu_button(),),))]
        if name == "mydata":
            return [self.mydata()]
        if name == "forget":
            lang = self.L
            counts = self.engine.store.forget(self.user_key)
            self._dirty = False  # nothing may be written back
            removed = sum(counts.values())
            done = self.k.i18n.ui_n(lang, TN("Alles wat Wegwijs over je bewaarde is gewist: {count} gegeven.",
                                             "Alles wat Wegwijs over je bewaarde is gewist: {count} gegevens."), removed)
            return [Reply(done + "\n" + self.k.i18n.ui(lang, T("Typ /start om opnieuw te beginnen.")))]
        return [Reply(self.ui(T("Dat commando ken ik niet.")))] + self.step("main")

    def mydata(self) -> Reply:
        data = self.engine.store.export_user(self.user_key)
        user = data.get("user") or {}
        lines = [self.ui(T("Dit bewaart Wegwijs over je (onder een schuilnaam, niet je telefoonnummer of naam):"))]
        lines.append(self.ui(T("Taal: {value}"), value=LANG_NAMES.get(user.get("lang") or "", "—")))
        lines.append(self.ui(T("Situatie: {value}"), value=self._audience_label(user.get("audience"))))
        for name, value in sorted((user.get("profile") or {}).items()):
            question, answer = self._profile_labels(name, value)
            lines.append(f"{question} {answer}")
        signals = data.get("signals") or []
        lines.append(self.k.i18n.ui_n(self.L, TN("{count} vraag die Wegwijs niet kon beantwoorden (zonder persoonsgegevens)",
                                                 "{count} vragen die Wegwijs niet kon beantwoorden (zonder persoonsgegevens)"),
                                      len(signals)))
        for s in signals[:5]:
            lines.append(f"  • {s.get('text', '')}")
        asked = (self.state.get("asked") or {}).get("text")
        if asked:  # kept until the next question, for "this did not help" (see `_remember_asked`)
            lines.append(self.ui(T("Je laatste vraag, tot je een nieuwe stelt (zonder persoonsgegevens): {text}"),
                                 text=asked))
        lines.append(self.k.i18n.ui_n(self.L, TN("{count} beoordeling van een antwoord",
                                                 "{count} beoordelingen van antwoorden"), len(data.get("feedback") or [])))
        lines.append(self.k.i18n.ui_n(self.L, TN("{count} aanmelding voor vrijwilligerswerk",
                                                 "{count} aanmeldingen voor vrijwilligerswerk"), len(data.get("signups") or [])))
        topics = [row["topic"] for row in data.get("subscriptions") or []]
        buttons: tuple[tuple[Button, ...], ...] = ((self.menu_button(),),)
        if topics:
            lines.append(self.ui(T("Berichten bij wijzigingen over: {topics}"),
                                 topics=", ".join(self._topic_label(t) for t in topics)))
            buttons = ((Button("🔕 " + self.ui(T("Geen berichten meer")), "unsub"),),) + buttons
        lines.append(self.ui(T("Typ /forget om dit allemaal te wissen.")))
        return Reply("\n".join(lines), buttons)

    def _profile_labels(self, field: str, value: str) -> tuple[str, str]:
        """A stored answer as the user saw it: the question's text and the chosen button."""
        for step_id, step in self.snap.steps.items():
            if isinstance(step, S.QuestionStep) and step.field == field:
                for opt in step.options:
                    if opt.value == value:
                        return (self.k.i18n.flow(self.L, step_id, step.text).text.strip(),
                                self.k.i18n.flow(self.L, step_id, opt.label).text.strip())
        return field, value

    def _audience_label(self, audience: str | None) -> str:
        step = self.snap.steps.get("who")
        if audience and isinstance(step, S.QuestionStep):
            for opt in step.options:
                if opt.value == audience:
                    return self.k.i18n.flow(self.L, "who", opt.label).text
        return "—"

    def unsupported(self, kind: str) -> list[Reply]:
        if not self.lang:
            self._set(lang="en")
        if kind == "group":
            text = T("Wegwijs werkt alleen in een privégesprek. Stuur me een persoonlijk bericht.")
            return [Reply(self.ui(text))]
        text = T("Ik kan alleen tekst en knoppen lezen, geen foto's, spraak, stickers of locaties. "
                 "Typ je vraag, of kies in het menu.")
        return [Reply(self.ui(text), ((self.menu_button(),),))]

    # flow steps
    def step(self, step_id: str) -> list[Reply]:
        step = self.snap.steps.get(step_id)
        if step is None:
            return self.expired() if step_id != "main" else [Reply(self.ui(T("Het menu is niet beschikbaar.")))]
        self.state["step"] = step_id
        self._dirty = True
        if isinstance(step, S.LanguageStep):
            langs = list(self.snap.pack.languages)
            if self.lang in langs:
                langs.remove(self.lang)
                langs.insert(0, self.lang)
            buttons = tuple((Button(LANG_NAMES[lang], f"l:{lang}"),) for lang in langs)
            greeting = "\n".join(dict.fromkeys(self.k.i18n.flow(lang, step_id, step.text).text.strip()
                                                for lang in langs))
            return [Reply(greeting, buttons)]
        if isinstance(step, S.NoticeStep):
            return [Reply(self._flow_text(step_id, step.text),
                          ((Button(self._flow_text(step_id, step.button), f"n:{step_id}"),),))]
        if isinstance(step, (S.QuestionStep, S.MenuStep)):
            buttons = []
            for i, opt in enumerate(step.options):
                if self._visible(opt):
                    buttons.append((Button(self._flow_text(step_id, opt.label), f"o:{step_id}:{i}"),))
            if isinstance(step, S.MenuStep) and step_id != "main":
                buttons.append((self.menu_button(),))
            return [Reply(self._flow_text(step_id, step.text), tuple(buttons))]
        if isinstance(step, S.BranchStep):
            for rule in step.rules:
                if self._matches(rule.when):
                    return self.step(rule.goto)
            return self.step(step.otherwise)
        if isinstance(step, S.AnswerStep):
            return self.show_entry(step.entry)
        if isinstance(step, S.RouteStep):
            return self.show_spreekuur(step.spreekuur)
        return self.expired()  # pragma: no cover - every kind is handled above

    def _flow_text(self, step_id: str, dutch: str) -> str:
        return self.k.i18n.flow(self.L, step_id, dutch).text.strip()

    def _value(self, name: str) -> str | None:
        return self.audience if name == "audience" else self.profile.get(name)

    def _matches(self, when: dict[str, list[str]]) -> bool:
        return all(self._value(name) in allowed for name, allowed in when.items())

    def _visible(self, opt: S.Option) -> bool:
        if opt.when and not self._matches(opt.when):
            return False
        if opt.goto and opt.goto in self.snap.unavailable:
            return False
        if opt.route and opt.route not in self.snap.spreekuren:
            return False
        if opt.topic:
            return bool(self._topic_entries(opt.topic))
        if opt.entry:
            return opt.entry in self.snap.entries
        return True

    def _topic_entries(self, topic: str) -> list[S.Entry]:
        today = self.now.date()
        return [e for e in self.snap.entries.values()
                if e.topic == topic and self.snap.is_active(e, today)
                and (self.audience is None or self.audience in e.audiences)]

    # actions (untrusted input)
    def action(self, action: str) -> list[Reply]:
        kind, _, rest = action.partition(":")
        if kind == "menu":
            return self.step("main")
        if not self.lang and kind != "l":
            self._set(lang="en")
        if kind == "l" and rest in self.snap.pack.languages:
            self._set(lang=rest)
            step = self.snap.steps.get("start")
            return self.step(step.next if isinstance(step, S.LanguageStep) else "main")
        if kind == "n":
            step = self.snap.steps.get(rest)
            if isinstance(step, S.NoticeStep):
                return self.step(step.next)
        if kind == "o":
            return self._option(rest)
        if kind == "e" and rest in self.snap.entries:
            return self.show_entry(rest)
        if kind == "m" and rest in self.snap.entries:
            return self.show_entry(rest, details=True)
        if kind == "c" and rest in self.snap.entries and self.snap.entries[rest].desk_card:
            return [Reply(self.k.render.desk_card(self.snap.entries[rest], self.L), ((self.menu_button(),),))]
        if kind == "r" and rest in self.snap.spreekuren:
            return self.show_spreekuur(rest)
        if kind == "t" and rest in S.TOPICS:
            return self.show_topic(rest)
        if kind == "sp":
            return self.list_spreekuren()
        if kind == "tk":
            return self.show_task(rest) if rest else self.list_tasks()
        if kind == "su":
            return self.sign_up(rest)
        if kind == "sub" and rest in S.TOPICS:
            return self.subscribe(rest)
        if kind == "unsub":
            return self.unsubscribe()
        if kind == "f":
            entry_id, _, verdict = rest.rpartition(":")
            if entry_id in self.snap.entries and verdict in ("1", "0"):
                return self.feedback(entry_id, verdict == "1")
        if kind == "w" and rest in S.AUDIENCES:
            self._set(audience=rest)
            pending = self.state.pop("pending", None)
            if pending:
                return self.respond(pending, record=True).replies
            return self.step("main")
        return self.expired()

    def _option(self, rest: str) -> list[Reply]:
        step_id, _, index = rest.rpartition(":")
        step = self.snap.steps.get(step_id)
        if not isinstance(step, (S.MenuStep, S.QuestionStep)) or not index.isdigit() \
                or int(index) >= len(step.options):
            return self.expired()
        opt = step.options[int(index)]
        if isinstance(step, S.QuestionStep):
            if step.field == "audience":
                if opt.value not in S.AUDIENCES:
                    return self.expired()
                self._set(audience=opt.value)
            else:
                self.profile[step.field] = opt.value
                self._dirty = True
        if opt.goto:
            return self.step(opt.goto)
        if opt.entry:
            return self.show_entry(opt.entry)
        if opt.route:
            return self.show_spreekuur(opt.route)
        if opt.topic:
            return self.show_topic(opt.topic)
        if opt.tasks:
            return self.list_tasks()
        return self.list_spreekuren()

    # showing knowledge
    def entry_buttons(self, entry: S.Entry, *, with_details: bool = True) -> tuple[tuple[Button, ...], ...]:
        rows: list[tuple[Button, ...]] = [(Button("👍 " + self.ui(T("Dit hielp")), f"f:{entry.id}:1"),
                                           Button("👎 " + self.ui(T("Dit hielp niet")), f"f:{entry.id}:0"))]
        extra = []
        if with_details and entry.details:
            extra.append(Button(self.ui(T("Meer uitleg")), f"m:{entry.id}"))
        if entry.desk_card:
            extra.append(Button(self.ui(T("Kaart voor de balie")), f"c:{entry.id}"))
        if extra:
            rows.append(tuple(extra))
        for sp_id in entry.spreekuren[:1]:
            if sp_id in self.snap.spreekuren:
                rows.append((Button("📅 " + self.k.render.title("spreekuur", sp_id, self.L), f"r:{sp_id}"),))
        rows.append((Button("🔔 " + self.ui(T("Bericht bij wijzigingen")), f"sub:{entry.topic}"),
                     self.menu_button()))
        return tuple(rows)

    def _topic_label(self, topic: str) -> str:
        return self.ui(_TOPIC_NAMES[topic]) if topic in _TOPIC_NAMES else topic

    def subscribe(self, topic: str) -> list[Reply]:
        """Opt in to announcements on a topic; only now may the adapter keep the chat id."""
        self.engine.store.subscribe(self.user_key, topic)
        text = self.ui(T("Je krijgt een bericht als er iets verandert over: {topic}. Daarvoor bewaren we hoe we je "
                         "kunnen bereiken. Stoppen kan altijd met /mydata of /forget."), topic=self._topic_label(topic))
        return [Reply(text, ((self.menu_button(),),), remember_chat=True)]

    def unsubscribe(self) -> list[Reply]:
        self.engine.store.unsubscribe(self.user_key)
        return [Reply(self.ui(T("Je krijgt geen berichten over wijzigingen meer.")), ((self.menu_button(),),),
                      remember_chat=False)]

    def show_entry(self, entry_id: str, *, details: bool = False) -> list[Reply]:
        entry = self.snap.entries.get(entry_id)
        if entry is None or not self.snap.is_active(entry, self.now.date()):
            return self.expired()
        self.state["last_entry"] = entry_id
        self._dirty = True
        text = self.k.render.entry(entry, self.L, self.now, details=details)
        return [Reply(text, self.entry_buttons(entry, with_details=not details))]

    def show_spreekuur(self, sp_id: str) -> list[Reply]:
        sp = self.snap.spreekuren.get(sp_id)
        if sp is None:
            return self.expired()
        return [Reply(self.k.render.spreekuur(sp, self.L, self.now), ((self.menu_button(),),))]

    def show_topic(self, topic: str) -> list[Reply]:
        entries = self._topic_entries(topic)
        if not entries:
            return [Reply(self.ui(T("Over dit onderwerp heb ik nog geen informatie voor jouw situatie.")))] \
                + self.list_spreekuren()
        buttons = tuple((Button(self.k.render.title("entry", e.id, self.L), f"e:{e.id}"),) for e in entries)
        return [Reply(self.ui(T("Kies wat je wilt weten:")), buttons + ((self.menu_button(),),))]

    def list_spreekuren(self) -> list[Reply]:
        spreekuren = [sp for sp in self.snap.spreekuren.values()
                      if self.audience is None or self.audience in sp.audiences]
        lines = [self.ui(T("Spreekuren:"))]
        buttons = []
        for sp in spreekuren:
            lines.append(self.k.render.spreekuur_short(sp, self.L, self.now))
            buttons.append((Button("📅 " + self.k.render.title("spreekuur", sp.id, self.L), f"r:{sp.id}"),))
        return [Reply("\n\n".join(lines), tuple(buttons) + ((self.menu_button(),),))]

    def list_tasks(self) -> list[Reply]:
        today = self.now.date()
        tasks = [t for t in self.snap.tasks.values() if (t.ends is None or t.ends >= today)
                 and (self.audience is None or self.audience in t.audiences)]
        if not tasks:
            return [Reply(self.ui(T("Er zijn nu geen vrijwilligerstaken voor jou.")), ((self.menu_button(),),))]
        buttons = tuple((Button(self.k.render.title("task", t.id, self.L), f"tk:{t.id}"),) for t in tasks)
        return [Reply(self.ui(T("Vrijwilligerswerk: kies een taak.")), buttons + ((self.menu_button(),),))]

    def show_task(self, task_id: str) -> list[Reply]:
        task = self.snap.tasks.get(task_id)
        if task is None:
            return self.expired()
        join = Button("🙋 " + self.ui(T("Ik wil meedoen")), f"su:{task.id}")
        return [Reply(self.k.render.task(task, self.L), ((join,), (self.menu_button(),)))]

    def sign_up(self, task_id: str) -> list[Reply]:
        """Note the user's interest (pseudonymously: no contact details) and say how to sign up."""
        task = self.snap.tasks.get(task_id)
        if task is None or (task.ends and task.ends < self.now.date()):
            return self.expired()
        try:
            self.engine.store.add_signup(user_key=self.user_key, task_id=task.id, contact=None, consent=False,
                                         ends=task.ends, capacity=task.capacity)
        except TaskFull:
            return [Reply(self.ui(T("Deze taak is al vol. Kijk of er een andere taak bij je past.")))] \
                + self.list_tasks()
        how = self.k.render.text_of("task", task.id, "signup", task.signup, self.L)
        text = self.ui(T("Genoteerd, dank je wel! De organisatie weet niet wie je bent: meld je ook zelf aan.")) \
            + "\n\n📝 " + how
        return [Reply(text, ((self.menu_button(),),))]

    def _remember_asked(self, text: str, decision: Decision, *, record: bool) -> None:
        """The question behind an answer (or behind "which one?"), masked, until the next
        question: if the person says the answer did not help, staff get the question
        (`feedback`), not only the entry. Only what may be recorded is kept (never a
        message that read like a crisis)."""
        if record and decision.kind in ("answer", "disambiguate"):
            from bot.privacy import mask

            self.state["asked"] = {"text": mask(text), "entries": [c.entry_id for c in decision.candidates[:2]]}
            self._dirty = True
        elif self.state.pop("asked", None) is not None:
            self._dirty = True

    def feedback(self, entry_id: str, helpful: bool) -> list[Reply]:
        self.engine.store.record_feedback(user_key=self.user_key, entry_id=entry_id, helpful=helpful, lang=self.L)
        asked = self.state.pop("asked", None)
        if asked is not None:
            self._dirty = True
            if not helpful and entry_id in (asked.get("entries") or ()):
                entry = self.snap.entries[entry_id]
                self.engine.store.record_signal(user_key=self.user_key, text=asked["text"], lang=self.L,
                                                audience=self.audience, best_entry=entry_id, score=None,
                                                route=self._route_for(entry.topic), topic=entry.topic,
                                                reason="not_helpful")
        if helpful:
            return [Reply(self.ui(T("Dank je! Fijn dat het hielp.")), ((self.menu_button(),),))]
        entry = self.snap.entries[entry_id]
        replies = [Reply(self.ui(T("Dank je, we gebruiken dit om Wegwijs te verbeteren. "
                                   "Een medewerker kan je verder helpen:")))]
        route = self._route_for(entry.topic)
        if route:
            replies += self.show_spreekuur(route)
        return replies

    # free text
    def free_text(self, text: str, lang_hint: str | None) -> list[Reply]:
        if not self.lang:
            self._set(lang=guess_language(text) or self.k.i18n.negotiate(lang_hint) or "en")
        if self.audience is None and isinstance(self.snap.steps.get("who"), S.QuestionStep):
            matcher = self.k.matcher  # once: the semantic one may be swapped in meanwhile
            ranked = matcher.rank(text, None, self._allowed(), lang=self.L)
            decision = matcher.decide(ranked)
            audiences = {a for c in decision.candidates[:2] for a in self.snap.entries[c.entry_id].audiences}
            if decision.kind != "unknown" and len(audiences) < len(S.AUDIENCES) \
                    and not self._reads_like_crisis(matcher, text):
                from bot.privacy import mask

                self.state["pending"] = mask(text)
                self._dirty = True
                return self._ask_audience()
        return self.respond(text, record=True).replies

    def _ask_audience(self) -> list[Reply]:
        step = self.snap.steps["who"]
        buttons = tuple((Button(self._flow_text("who", o.label), f"w:{o.value}"),)
                        for o in step.options if o.value in S.AUDIENCES)
        return [Reply(self._flow_text("who", step.text), buttons)]

    def _allowed(self) -> set[str]:
        today = self.now.date()
        return {e.id for e in self.snap.active_entries(today)}

    def _route_for(self, topic: str | None) -> str | None:
        """The spreekuur for this topic and situation, else the pack's default for the situation."""
        for sp in self.snap.spreekuren.values():
            if topic in sp.topics and (self.audience is None or self.audience in sp.audiences):
                return sp.id
        default = self.snap.pack.default_route
        if isinstance(default, dict):
            return default.get(self.audience) if self.audience else next(iter(default.values()), None)
        return default

    def respond(self, text: str, *, record: bool) -> Answer:
        matcher = self.k.matcher  # once: the semantic one may be swapped in meanwhile
        ranked = matcher.rank(text, self.audience, self._allowed(), lang=self.L)
        # Words no crisis pattern knows, but nearer crisis messages than ordinary ones: the
        # crisis lines first, then the answer as usual (a false alarm costs a paragraph, not
        # the answer; see bot/data/crisis_examples.yaml). Like any crisis message, its text
        # is not kept as a signal.
        like_crisis = self._reads_like_crisis(matcher, text)
        answer = self._respond(matcher, text, ranked, record=record and not like_crisis)
        if like_crisis:
            answer.crisis = True
            if answer.kind == "unknown":
                # No answer to keep, and nothing was passed on to staff: the crisis lines alone.
                answer.replies = []
            answer.replies.insert(0, Reply(crisis.reply(self.L, "uncertain")))
        return answer

    def answer_if_sure(self, text: str) -> Answer | None:
        """The answer when the matcher is sure of one, else None; records nothing (used
        after a crisis reply, whose text is never kept)."""
        matcher = self.k.matcher
        ranked = matcher.rank(text, self.audience, self._allowed(), lang=self.L)
        if matcher.decide(ranked).kind != "answer":
            return None
        return self._respond(matcher, text, ranked, record=False)

    def _reads_like_crisis(self, matcher, text: str) -> bool:
        threshold = matcher.crisis_threshold(text, self.L) if hasattr(matcher, "crisis_threshold") else None
        if threshold is None:  # no semantic crisis check (lexical matcher, a benchmark baseline)
            return False
        margin = matcher.crisis_margin(text, self.L)
        return margin is not None and margin >= threshold

    def _respond(self, matcher, text: str, ranked: list[Candidate], *, record: bool) -> Answer:
        decision: Decision = matcher.decide(ranked)
        top: Candidate | None = ranked[0] if ranked else None
        self._remember_asked(text, decision, record=record)
        if decision.kind == "answer":
            entry_id = decision.candidates[0].entry_id
            route = (self.snap.entries[entry_id].spreekuren or [None])[0]
            return Answer(kind="answer", entry=entry_id, score=top.score, route=route,
                          alternatives=[c.entry_id for c in decision.candidates[1:]],
                          replies=self.show_entry(entry_id), named=top.named)
        if decision.kind == "disambiguate":
            buttons = tuple((Button(self.k.render.title("entry", c.entry_id, self.L), f"e:{c.entry_id}"),)
                            for c in decision.candidates)
            reply = Reply(self.ui(T("Bedoel je een van deze?")), buttons + ((self.menu_button(),),))
            return Answer(kind="disambiguate", score=top.score,
                          alternatives=[c.entry_id for c in decision.candidates], replies=[reply])
        topic = self.snap.entries[top.entry_id].topic if top and top.score >= 0.2 else None
        route = self._route_for(topic)
        if record:
            self.engine.store.record_signal(user_key=self.user_key, text=text, lang=self.L, audience=self.audience,
                                            best_entry=top.entry_id if top else None,
                                            score=top.score if top else None, route=route, topic=topic)
        parts = [self.ui(T("Dat weet ik helaas niet zeker, en ik wil je geen verkeerd antwoord geven. "
                           "Je vraag is doorgegeven aan medewerkers van de gemeente, zodat de informatie beter wordt."))]
        buttons: tuple[tuple[Button, ...], ...] = ()
        if top and top.score >= 0.2 and self.snap.entries[top.entry_id].emergency:
            # Nearest to what to do in an emergency ("what's the ambulance number here?"
            # typed so that the matcher is not sure): a decline must not leave out 112. The
            # entry itself is one tap away.
            parts.insert(0, crisis.emergency_line(self.L))
            buttons = ((Button(self.k.render.title("entry", top.entry_id, self.L), f"e:{top.entry_id}"),),)
        if route and route in self.snap.spreekuren:
            # One message, not two: on Telegram a second message to the same chat waits
            # out the per-chat flood limit (~1 s), and the place to go is the useful part.
            parts.append(self.ui(T("Hier kun je het vragen:")) + "\n\n" +
                         self.k.render.spreekuur(self.snap.spreekuren[route], self.L, self.now))
        replies = [Reply("\n\n".join(parts), buttons + ((self.menu_button(),),))]
        return Answer(score=top.score if top else None, route=route,
                      alternatives=[c.entry_id for c in ranked[:2]], replies=replies,
                      nearer_unanswered=bool(top and top.nearer_unanswered),
                      asks_unstated=top.asks_unstated if top else None)

