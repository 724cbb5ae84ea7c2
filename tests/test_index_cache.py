"""The lexical index kept on disk: a faster start, never a different or stale answer."""

from __future__ import annotations

import dataclasses

from bot.matching import build_matcher
from bot.matching.index_cache import IndexCache, index_key
from bot.matching.matcher import Document, Matcher

UKR = frozenset({"ukrainian"})


def _docs(sport_title: str = "Geld voor sport voor kinderen") -> list[Document]:
    return [
        Document("money.sport", UKR, (("uk", "скільки грошей дають на спорт для дитини"), ("ru", "dengi na sport rebenku")),
                 (("nl", f"{sport_title}\nVoor sport van je kind is er een regeling."),), (("nl", sport_title),)),
        Document("health.gp", UKR, (("nl", "hoe vind ik een huisarts"), ("uk", "де знайти сімейного лікаря")),
                 (("nl", "Een huisarts vinden\nSchrijf je in bij een huisarts."),), (("nl", "Een huisarts vinden"),),
                 (("nl", "Bel de Huisartsenpost (HAP) buiten kantoortijd."),)),
    ]


def _ranking(m: Matcher, text: str, lang: str) -> list[tuple[str, float, bool]]:
    return [(c.entry_id, round(c.score, 6), c.named) for c in m.rank(text, "ukrainian", lang=lang)]


def test_a_second_start_reads_the_index_and_answers_the_same(tmp_path):
    cache = IndexCache(tmp_path)
    first = Matcher(_docs(), pack="p", index_cache=cache)
    assert not cache.hit and len(list(tmp_path.glob("p-*.marshal"))) == 1
    second = Matcher(_docs(), pack="p", index_cache=cache)
    assert cache.hit
    for text, lang in [("де лікар", "uk"), ("dengi na sport", "ru"), ("wat is HAP?", "nl"), ("sportclub", "nl")]:
        assert _ranking(second, text, lang) == _ranking(first, text, lang)
    assert second._built.embedded == first._built.embedded


def test_an_edited_entry_is_indexed_again_not_served_stale(tmp_path):
    cache = IndexCache(tmp_path)
    Matcher(_docs(), pack="p", index_cache=cache)
    edited = Matcher(_docs("Zwemles betalen"), pack="p", index_cache=cache)
    assert not cache.hit
    assert edited.rank("zwemles", "ukrainian", lang="nl")[0].entry_id == "money.sport"
    assert index_key(_docs(), ()) != index_key(_docs(), [["huisarts", "хаусарт"]])  # synonyms count too


def test_a_damaged_or_foreign_file_is_rebuilt_without_complaint(tmp_path):
    cache = IndexCache(tmp_path)
    Matcher(_docs(), pack="p", index_cache=cache)
    (path,) = tmp_path.glob("p-*.marshal")
    for junk in (b"", b"\x00garbage", path.read_bytes()[:100]):
        path.write_bytes(junk)
        m = Matcher(_docs(), pack="p", index_cache=cache)
        assert not cache.hit and m.rank("де лікар", "ukrainian", lang="uk")[0].entry_id == "health.gp"
    assert cache.get("p", "k", lambda: 1, lambda b: b, lambda p: p) == 1  # written again, readable
    assert cache.get("p", "k", lambda: 2, lambda b: b, lambda p: p) == 1 and cache.hit


def test_a_damaged_file_is_reported_once_not_by_every_reader(tmp_path, caplog):
    """The start check and the build both read the file: one damaged file, one warning."""
    Matcher(_docs(), pack="p", index_cache=IndexCache(tmp_path))
    (path,) = tmp_path.glob("p-*.marshal")
    path.write_bytes(b"\x00garbage")
    key = index_key(_docs(), ())
    with caplog.at_level("WARNING", logger="bot.matching.index_cache"):
        assert IndexCache(tmp_path).peek("p", key) is None
        Matcher(_docs(), pack="p", index_cache=IndexCache(tmp_path))
    assert [r.getMessage() for r in caplog.records].count(f"index cache {path} is unreadable; rebuilding it") == 1
    path.write_bytes(b"\x00other garbage")  # damaged again, later: reported again
    with caplog.at_level("WARNING", logger="bot.matching.index_cache"):
        assert IndexCache(tmp_path).peek("p", key) is None
    assert [r.getMessage() for r in caplog.records].count(f"index cache {path} is unreadable; rebuilding it") == 2


def test_the_key_does_not_depend_on_set_order_or_the_process():
    """Audiences are a frozenset, whose order changes with every process's hash seed: the
    key must not, or every start would miss."""
    docs = _docs()
    swapped = [dataclasses.replace(d, audiences=frozenset(reversed(sorted(d.audiences | {"resident"}))))
               for d in docs]
    same = [dataclasses.replace(d, audiences=frozenset(sorted(d.audiences | {"resident"}))) for d in docs]
    assert index_key(swapped, ()) == index_key(same, ())


def test_only_a_few_versions_of_a_pack_are_kept(tmp_path):
    cache = IndexCache(tmp_path)
    for n in range(6):
        Matcher(_docs(f"Sport {n}"), pack="p", index_cache=cache)
    Matcher(_docs(), pack="p-other", index_cache=cache)
    assert len(list(tmp_path.glob("p-????????????????????????????????.marshal"))) == 4
    assert len(list(tmp_path.glob("p-other-*.marshal"))) == 1


def test_the_bot_uses_it_and_a_disabled_cache_writes_nothing(snapshot, tmp_path, monkeypatch):
    monkeypatch.setenv("WEGWIJS_CACHE_DIR", str(tmp_path))
    build_matcher(snapshot, semantic=False)
    assert len(list((tmp_path / "index").glob("heemstede-*.marshal"))) == 1

    class Off:
        enabled = False

    monkeypatch.setenv("WEGWIJS_CACHE_DIR", str(tmp_path / "off"))
    build_matcher(snapshot, semantic=False, cache=Off())
    assert not (tmp_path / "off").exists()


def test_the_start_check_reads_the_models_texts_from_the_stored_index(snapshot, tmp_path, monkeypatch):
    """Before it builds, the bot asks whether the model will have to read anything
    (`semantic_cached`); with a stored index it takes the texts from there, the same texts."""
    import bot.matching as matching
    from bot.matching import matcher as matcher_module

    monkeypatch.setenv("WEGWIJS_CACHE_DIR", str(tmp_path))
    seen: list[list] = []

    class Recording:
        enabled = True

        def has_all(self, model, pack, texts):
            seen.append(list(texts))
            return False

    assert matching.semantic_cached(snapshot, cache=Recording()) is False  # nothing stored yet
    build_matcher(snapshot, semantic=False)  # stores the index

    def not_again(documents):
        raise AssertionError("the examples were read again")

    monkeypatch.setattr(matcher_module, "embedded_texts", not_again)
    monkeypatch.setattr(matching, "embedded_texts", not_again, raising=False)
    matching.semantic_cached(snapshot, cache=Recording())
    assert seen[1] == seen[0] and len(seen[0]) > 100
