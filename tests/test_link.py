"""Cross-document, cross-script linking of people the knowledge base lacks (a global pass).

The people here are invented: a Philippine defence official the KB does not know, written as
Arnel Cabrera (en, vi), アーネル・カブレラ (ja), 阿内尔·卡布雷拉 (zh) and 아르넬 카브레라 (ko).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from eventline.document import Document, Entity, Mention
from eventline.kb import KnowledgeBase
from eventline.pipeline.entities import EntityStage
from eventline.pipeline.entities.link import link_entities, merge_entities
from eventline.store.db import Store
from eventline.store.entities import relink

TEODORO = "el:gilberto-teodoro"  # stands for any shared neighbour (KB id or discovered)

CABRERA = {
    "en": "Arnel Cabrera",
    "ja": "アーネル・カブレラ",
    "zh": "阿内尔·卡布雷拉",
    "ko": "아르넬 카브레라",
    "vi": "Arnel Cabrera",
}


def discovered(lang: str, name: str, country: str | None = None) -> Entity:
    from eventline.kb.translit import name_key

    return Entity(id=f"el:{name_key(name, lang)}", type="person", name=name, names={lang: [name]},
                  country=country, source="discovered")


def mention(ent: Entity, role: str | None = None, country: str | None = None) -> Mention:
    name = next(iter(ent.names.values()))[0]
    return Mention(0, len(name), name, "person", "name", ent.id, role, country, 0.6)


def neighbour() -> Mention:
    return Mention(50, 57, "Teodoro", "person", "surname", TEODORO, None, "PH", 1.0)


def test_undersecretary_links_across_five_scripts_by_shared_context() -> None:
    ents = {lang: discovered(lang, name) for lang, name in CABRERA.items()}
    ents["en"].names["vi"] = ["Arnel Cabrera"]  # en and vi romanise alike: the store holds one entity
    ents["vi"] = ents["en"]
    # countries only in some documents; a shared neighbour (Teodoro) in the others
    mentions = {
        "d-en": [mention(ents["en"], "Undersecretary of National Defense", "PH"), neighbour()],
        "d-ja": [mention(ents["ja"], None, "PH")],
        "d-zh": [mention(ents["zh"]), neighbour()],
        "d-ko": [mention(ents["ko"], None, "PH")],
        "d-vi": [mention(ents["vi"]), neighbour()],
    }
    unique = list({e.id: e for e in ents.values()}.values())
    mapping = link_entities(unique, mentions)
    assert mapping == {
        "el:aaneru-kaburera": "el:arnel-cabrera",
        "el:aneier-kabuleila": "el:arnel-cabrera",
        "el:areunel-kabeurera": "el:arnel-cabrera",
    }
    (merged,) = merge_entities(unique, mapping)
    assert merged.id == "el:arnel-cabrera" and merged.name == "Arnel Cabrera"
    assert merged.names == {"en": ["Arnel Cabrera"], "ja": ["アーネル・カブレラ"], "zh": ["阿内尔·卡布雷拉"],
                            "ko": ["아르넬 카브레라"], "vi": ["Arnel Cabrera"]}


def test_alike_names_without_shared_context_stay_apart() -> None:
    en, ja = discovered("en", "Arnel Cabrera"), discovered("ja", "アーネル・カブレラ")
    assert link_entities([en, ja], {"a": [mention(en)], "b": [mention(ja)]}) == {}


def test_different_countries_never_link() -> None:
    en, ja = discovered("en", "Arnel Cabrera", "PH"), discovered("ja", "アーネル・カブレラ")
    mentions = {"a": [mention(en), neighbour()], "b": [mention(ja, None, "MX"), neighbour()]}
    assert link_entities([en, ja], mentions) == {}


def test_different_roles_at_the_same_time_never_link() -> None:
    en, ko = discovered("en", "Arnel Cabrera"), discovered("ko", "아르넬 카브레라")
    mentions = {"a": [mention(en, "Defense Minister", "PH")], "b": [mention(ko, "Foreign Minister", "PH")]}
    dates = {"a": "2026-03-01", "b": "2026-05-01"}
    assert link_entities([en, ko], mentions, dates) == {}
    dates = {"a": "2020-03-01", "b": "2026-05-01"}  # years apart: he may have changed posts
    assert link_entities([en, ko], mentions, dates) == {"el:areunel-kabeurera": "el:arnel-cabrera"}


def test_a_cluster_never_gathers_a_conflict() -> None:
    """ja (no country) sounds like both; en is Philippine, ko Mexican: ja joins one of them only."""
    en, ja, ko = (discovered("en", "Arnel Cabrera"), discovered("ja", "アーネル・カブレラ"),
                  discovered("ko", "아르넬 카브레라"))
    mentions = {"a": [mention(en, None, "PH"), neighbour()], "b": [mention(ja), neighbour()],
                "c": [mention(ko, None, "MX"), neighbour()]}
    mapping = link_entities([en, ja, ko], mentions)
    canon = {e.id: mapping.get(e.id, e.id) for e in (en, ja, ko)}
    assert canon[en.id] != canon[ko.id]
    assert len(mapping) == 1  # ja joined one of them


def test_same_script_look_alikes_stay_apart() -> None:
    """Two Korean officials whose names differ by one syllable are two people."""
    a, b = discovered("en", "Kim Min-jun"), discovered("en", "Kim Min-jae")
    mentions = {"a": [mention(a, "Defense Minister", "KR")], "b": [mention(b, "Defense Minister", "KR")]}
    assert link_entities([a, b], mentions) == {}
    c, d = discovered("ko", "김민준"), discovered("ko", "김민재")
    mentions = {"a": [mention(c, None, "KR")], "b": [mention(d, None, "KR")]}
    assert link_entities([c, d], mentions) == {}


def test_surname_alone_is_not_linked_on_sound() -> None:
    full, short = discovered("en", "Arnel Cabrera"), discovered("ja", "カブレラ")
    mentions = {"a": [mention(full, None, "PH")], "b": [mention(short, None, "PH")]}
    assert link_entities([full, short], mentions) == {}


def test_linking_is_deterministic_whatever_the_order() -> None:
    ents = [discovered(lang, name) for lang, name in CABRERA.items() if lang != "vi"]
    mentions = {f"d{i}": [mention(e, None, "PH")] for i, e in enumerate(ents)}
    first = link_entities(ents, mentions)
    for seed in range(5):
        shuffled = ents[:]
        random.Random(seed).shuffle(shuffled)
        items = list(mentions.items())
        random.Random(seed).shuffle(items)
        assert link_entities(shuffled, dict(items)) == first
    assert len(first) == 3


# -- blocking: only names that share a transliteration block are compared ---------------------------

_SYLLABLES = [("ka", "カ", "카"), ("ri", "リ", "리"), ("na", "ナ", "나"), ("so", "ソ", "소"), ("to", "ト", "토"),
              ("mi", "ミ", "미"), ("ra", "ラ", "라"), ("be", "ベ", "베"), ("go", "ゴ", "고"), ("pe", "ペ", "페")]


def _crowd(n: int, seed: int = 3) -> tuple[list[Entity], dict[str, list[Mention]]]:
    """n invented people, each written in Latin letters (spelt with l, v and ou, as some writers
    hear them), katakana and Hangul, with a country."""
    rnd = random.Random(seed)
    by_id: dict[str, Entity] = {}
    mentions: dict[str, list[Mention]] = {}
    for p in range(n):
        parts = [[rnd.choice(_SYLLABLES) for _ in range(rnd.randint(2, 3))] for _ in range(2)]
        country = rnd.choice(["PH", "ID", "MY"])
        for i, (lang, sep) in enumerate((("en", " "), ("ja", "・"), ("ko", " "))):
            words = ["".join(s[i] for s in part) for part in parts]
            if lang == "en":
                words = [w.replace("r", "l").replace("b", "v").replace("o", "ou").capitalize() for w in words]
            name = sep.join(words)
            ent = discovered(lang, name, country)
            ent = by_id.setdefault(ent.id, ent)
            ent.names.setdefault(lang, [])
            if name not in ent.names[lang]:
                ent.names[lang].append(name)
            mentions[f"d{p}-{lang}"] = [mention(ent, None, country)]
    return list(by_id.values()), mentions


def test_blocks_hold_every_pair_that_could_link() -> None:
    from eventline.pipeline.entities.link import _candidate_pairs, _names, _similarity

    ents, _ = _crowd(120)
    names = {e.id: _names(e) for e in ents}
    ids = sorted(names)
    scoring = {(a, b) for i, a in enumerate(ids) for b in ids[i + 1:] if _similarity(names[a], names[b]) > 0}
    assert len(scoring) > 100
    assert scoring <= _candidate_pairs(names)
    assert len(_candidate_pairs(names)) < len(ids) * (len(ids) - 1) // 2 // 4  # far fewer than all pairs


def test_large_blocks_link_as_small_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocks pruned in bulk with rapidfuzz's cdist give the same links as blocks compared pair by pair."""
    from eventline.pipeline.entities import link

    ents, mentions = _crowd(150)
    monkeypatch.setattr(link, "CDIST_MIN_BLOCK", 10**9)
    pairwise = link_entities(ents, mentions)
    monkeypatch.setattr(link, "CDIST_MIN_BLOCK", 0)
    assert link_entities(ents, mentions) == pairwise
    assert len(pairwise) > 100


def test_alike_words_meet_in_a_block() -> None:
    """Skeleton words one letter apart (hgs/hks) share a block; unrelated names do not."""
    from eventline.pipeline.entities.link import _block_keys, _names

    hegseth, = _names(discovered("en", "Pete Hegseth"))
    heksess, = _names(discovered("ko", "피트 헥세스"))
    assert hegseth.words == ("hgs", "pt") and heksess.words == ("hks", "pt")
    assert _block_keys(hegseth) & _block_keys(heksess) == {"pt", "hs"}
    other, = _names(discovered("en", "Arnel Cabrera"))
    assert not _block_keys(hegseth) & _block_keys(other)


# -- end to end: the entity stage on real-looking text, a real SQLite store, relink ------------------

PAGES = [
    ("en", "Philippine Defense Minister Arnel Cabrera met Pete Hegseth in Manila on Monday. "
           "Cabrera said the alliance was strong."),
    ("ja", "フィリピンの国防相アーネル・カブレラ氏は2日、マニラでヘグセス米国防長官と会談した。"),
    ("zh", "菲律宾国防部长阿内尔·卡布雷拉表示，将与美国国防部长赫格塞思加强合作。"),
    ("ko", "아르넬 카브레라 필리핀 국방장관은 헤그세스 미 국방장관과 회담했다."),
    ("vi", "Bộ trưởng Quốc phòng Philippines Arnel Cabrera cho biết đã gặp ông Hegseth."),
    # a namesake-sounding Mexican official: must stay a different person
    ("en", "Mexican Foreign Minister Arnel Cabrero said talks with Washington would resume."),
]


@pytest.fixture(scope="module")
def stage() -> EntityStage:
    return EntityStage(KnowledgeBase.bundled())


def test_relink_rewrites_the_store(stage: EntityStage, tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        run_id = store.start_run()
        for i, (lang, text) in enumerate(PAGES):
            doc = stage(Document(id=f"d{i}", path=f"p{i}", raw=text, text=text, language=lang,
                                 published="2026-09-01", status="processed"))
            store.add_document(doc, doc.path, run_id)
        before = store.discovered_entities()
        assert len(before) == 5  # en and vi share el:arnel-cabrera already
        store.set_meta("merge_pending", "0")
        mapping = relink(store)
        assert set(mapping.values()) == {"el:arnel-cabrera"}
        assert len(mapping) == 3
        after = store.discovered_entities()
        assert sorted(after) == ["el:arnel-cabrero", "el:arnel-cabrera"] or sorted(after) == sorted(
            ["el:arnel-cabrera", "el:arnel-cabrero"])
        names = after["el:arnel-cabrera"].names
        assert names["ja"] == ["アーネル・カブレラ"] and names["zh"] == ["阿内尔·卡布雷拉"]
        assert names["ko"] == ["아르넬 카브레라"] and names["en"] == ["Arnel Cabrera"]
        rows = store.db.execute(
            "SELECT doc_id, text FROM mentions WHERE entity_id='el:arnel-cabrera' ORDER BY doc_id").fetchall()
        assert {r["doc_id"] for r in rows} == {"d0", "d1", "d2", "d3", "d4"}
        assert store.db.execute("SELECT count(*) FROM mentions WHERE entity_id IN "
                                "('el:aaneru-kaburera','el:aneier-kabuleila','el:areunel-kabeurera')").fetchone()[0] == 0
        assert store.merge_pending()
        assert relink(store) == {}  # idempotent


def test_relink_on_an_empty_store() -> None:
    with Store(":memory:") as store:
        assert relink(store) == {}
