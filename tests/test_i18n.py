"""Translations: fuzzy on a changed source, fallback with a note, plural forms, formats."""

from __future__ import annotations

from babel.messages.pofile import read_po, write_po

from bot.content.catalogs import Message, check, po_path, update
from bot.i18n import I18n

FALLBACK = {"uk": ["en", "nl"], "ru": ["uk", "en", "nl"], "en": ["nl"]}


def _translate(locales, lang, domain, msgid, text):
    path = po_path(lang, domain, locales)
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    catalog.get(msgid, context="e.x:text").string = text
    with path.open("wb") as fh:
        write_po(fh, catalog)


def test_a_changed_dutch_source_marks_its_translation_fuzzy_and_users_get_the_fallback(tmp_path):
    domain = "pack-t"
    update(domain, [Message("e.x:text", "Je krijgt 175 euro.", "k.yaml:1")], ["uk", "en"], tmp_path)
    _translate(tmp_path, "uk", domain, "Je krijgt 175 euro.", "Ви отримуєте 175 євро.")
    _translate(tmp_path, "en", domain, "Je krijgt 175 euro.", "You get 175 euro.")
    i18n = I18n("t", ["uk", "ru", "nl", "en"], FALLBACK, locales_dir=tmp_path)
    assert i18n.knowledge("uk", "e.x:text", "Je krijgt 175 euro.").text == "Ви отримуєте 175 євро."

    report = update(domain, [Message("e.x:text", "Je krijgt 175 euro per jaar.", "k.yaml:1")], ["uk"], tmp_path)
    assert report["uk"] == {"current": 0, "fuzzy": 1, "missing": 0}
    with po_path("uk", domain, tmp_path).open("rb") as fh:
        msg = read_po(fh).get("Je krijgt 175 euro per jaar.", context="e.x:text")
    assert msg.fuzzy and msg.string == "Ви отримуєте 175 євро."
    # translators' tools show what changed: the previous Dutch is kept as "#| msgid"
    assert '#| msgid "Je krijgt 175 euro."' in po_path("uk", domain, tmp_path).read_text(encoding="utf-8")

    i18n = I18n("t", ["uk", "ru", "nl", "en"], FALLBACK, locales_dir=tmp_path)
    shown = i18n.knowledge("uk", "e.x:text", "Je krijgt 175 euro per jaar.")
    assert shown.lang == "nl" and shown.text == "Je krijgt 175 euro per jaar."  # en was not updated either
    assert "нідерландською" in i18n.fallback_note("uk", shown.lang)
    problems = check(domain, [Message("e.x:text", "Je krijgt 175 euro per jaar.", "k.yaml:1")], ["uk"], tmp_path)
    assert [p.severity for p in problems] == ["warning"] and "fuzzy uk translation" in problems[0].message


def test_a_translation_that_changes_a_figure_is_an_error(tmp_path):
    domain = "pack-t"
    messages = [Message("e.x:text", "Je krijgt 175 euro.", "k.yaml:1")]
    update(domain, messages, ["ru"], tmp_path)
    _translate(tmp_path, "ru", domain, "Je krijgt 175 euro.", "Вы получаете 157 евро.")
    problems = check(domain, messages, ["ru"], tmp_path)
    assert problems[0].severity == "error" and "157" in problems[0].message


def test_ukrainian_and_russian_plural_forms_come_from_the_catalog(knowledge):
    forms = ("{count} aanmelding voor vrijwilligerswerk", "{count} aanmeldingen voor vrijwilligerswerk")
    uk = [knowledge.i18n.ui_n("uk", forms, n).split()[1] for n in (1, 2, 5, 21)]
    ru = [knowledge.i18n.ui_n("ru", forms, n).split()[1] for n in (1, 3, 11, 22)]
    nl = [knowledge.i18n.ui_n("nl", forms, n).split()[1] for n in (1, 2)]
    assert len(set(uk[:3])) == 3 and uk[0] == uk[3]  # one / few / many, 21 is "one"
    assert len(set(ru[:3])) == 3 and ru[1] == ru[3]
    assert nl == ["aanmelding", "aanmeldingen"]


def test_euro_amounts_and_weekdays_are_shown_in_the_readers_locale(knowledge):
    from datetime import datetime, timezone

    entry = knowledge.snapshot.entries["allowance.swimming"]
    now = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
    assert "€ 255" in knowledge.render.entry(entry, "nl", now)
    assert "255 €" in knowledge.render.entry(entry, "uk", now)
    iasz = knowledge.snapshot.spreekuren["iasz"]
    assert "вівторок, 24 листопада" in knowledge.render.when(iasz, "uk", now)
    assert "вторник, 24 ноября" in knowledge.render.when(iasz, "ru", now)
