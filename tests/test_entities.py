"""The entity stage: who and where, resolved across scripts, surnames, roles by date, look-alikes."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from eventline.document import Document, Mention, TimeExpr
from eventline.kb import KnowledgeBase
from eventline.pipeline.entities import EntityStage, date_at

DATA = Path(__file__).resolve().parent / "data" / "entities"
BENCH = Path(__file__).resolve().parents[1] / "bench"


def run(stage: EntityStage, text: str, lang: str, date: str | None = None, **kw) -> Document:  # type: ignore[no-untyped-def]
    return stage(Document(id="t", path="t", raw=text, text=text, language=lang, published=date, **kw))


def who(kb: KnowledgeBase, doc: Document, text: str) -> list[str | None]:
    """The canonical names the mentions with this exact text resolve to, in order."""
    out = []
    for m in doc.mentions:
        if m.text == text:
            ent = kb.get(m.entity_id) if m.entity_id else None
            out.append(ent.name if ent else m.entity_id)
    return out


def test_mentions_quote_the_text(stage: EntityStage) -> None:
    text = "美国国防部长赫格塞思与日本防卫相中谷元在东京举行会谈。"
    doc = run(stage, text, "zh", "2025-03-30")
    assert doc.mentions and all(text[m.start:m.end] == m.text for m in doc.mentions)
    assert all(isinstance(m, Mention) for m in doc.mentions)


@pytest.mark.parametrize("text, lang, name", [
    ("美国国防部长赫格塞思抵达东京。", "zh", "赫格塞思"),
    ("美國國防部長赫格塞斯抵達東京。", "zh", "赫格塞斯"),
    ("ヘグセス米国防長官が来日した。", "ja", "ヘグセス"),
    ("헤그세스 미국 국방장관이 도쿄에 도착했다.", "ko", "헤그세스"),
    ("Bộ trưởng Quốc phòng Mỹ Hegseth đã tới Tokyo.", "vi", "Hegseth"),
])
def test_hegseth_in_every_script(kb: KnowledgeBase, stage: EntityStage, text: str, lang: str, name: str) -> None:
    doc = run(stage, text, lang, "2025-03-29")
    (m,) = [m for m in doc.mentions if m.text == name]
    assert kb.get(m.entity_id).name == "Pete Hegseth"
    assert m.role == "Secretary of Defense" and m.country == "US"


def test_surname_follows_the_full_name(kb: KnowledgeBase, stage: EntityStage) -> None:
    doc = run(stage, "中谷元防衛相は記者団に語った。その後、中谷は官邸に向かった。", "ja", "2025-03-30")
    assert who(kb, doc, "中谷元") == ["Gen Nakatani"]
    assert who(kb, doc, "中谷") == ["Gen Nakatani"]
    assert [m.kind for m in doc.mentions if m.text == "中谷"] == ["surname"]


def test_bare_common_surname_needs_context(kb: KnowledgeBase, stage: EntityStage) -> None:
    doc = run(stage, "浜田さんの店は駅前にある。", "ja", "2023-01-12")  # 浜田 + さん: a person cue
    assert who(kb, doc, "浜田") == ["Yasukazu Hamada"]
    doc = run(stage, "浜田港の近くで祭りがあった。", "ja", "2023-01-12")
    assert who(kb, doc, "浜田") == []


@pytest.mark.parametrize("date, expected", [
    ("2023-01-12", "Yasukazu Hamada"), ("2024-05-02", "Minoru Kihara"), ("2025-03-30", "Gen Nakatani"),
])
def test_role_resolves_by_date(kb: KnowledgeBase, stage: EntityStage, date: str, expected: str) -> None:
    doc = run(stage, "The Japanese defense minister said the alliance was strong.", "en", date)
    assert who(kb, doc, "Japanese defense minister") == [expected]
    (m,) = [m for m in doc.mentions if m.kind == "role"]
    assert m.country == "JP" and m.role == "Minister of Defense"


@pytest.mark.parametrize("text, lang, role", [
    ("米国防長官は会見で語った。", "ja", "米国防長官"),
    ("미국 국방장관은 회견에서 말했다.", "ko", "미국 국방장관"),
    ("Bộ trưởng Quốc phòng Mỹ phát biểu tại họp báo.", "vi", "Bộ trưởng Quốc phòng Mỹ"),
    ("The U.S. defense secretary spoke to reporters.", "en", "U.S. defense secretary"),
    ("美国国防部长在记者会上发言。", "zh", "美国国防部长"),
])
def test_us_defense_secretary_role_in_each_language(kb: KnowledgeBase, stage: EntityStage, text: str, lang: str, role: str) -> None:
    assert who(kb, run(stage, text, lang, "2024-07-28"), role) == ["Lloyd Austin"]
    assert who(kb, run(stage, text, lang, "2025-03-30"), role) == ["Pete Hegseth"]


def test_role_date_comes_from_the_clause(kb: KnowledgeBase, stage: EntityStage) -> None:
    text = "2023年1月12日、米国防長官は会談した。"
    times = [TimeExpr(text="2023年1月12日", start=0, end=10, value="2023-01-12", precision="day")]
    doc = run(stage, text, "ja", "2025-03-30", times=times)
    assert who(kb, doc, "米国防長官") == ["Lloyd Austin"]
    assert date_at(doc, 12).isoformat() == "2023-01-12"


def test_administration_means_its_leader(kb: KnowledgeBase, stage: EntityStage) -> None:
    doc = run(stage, "拜登政府宣布了计划,特朗普政府随后取消,石破茂政府表示关切。", "zh", "2025-04-09")
    assert who(kb, doc, "拜登") == ["Joe Biden"]
    assert who(kb, doc, "特朗普") == ["Donald Trump"]
    assert who(kb, doc, "石破茂") == ["Shigeru Ishiba"]


def test_austin_the_man_and_the_city(kb: KnowledgeBase, stage: EntityStage) -> None:
    doc = run(stage, "Defense Secretary Lloyd Austin met troops. Austin said morale was high.", "en", "2024-01-10")
    assert who(kb, doc, "Austin") == ["Lloyd Austin"]
    doc = run(stage, "A music festival in Austin, Texas, drew record crowds.", "en", "2024-01-10")
    assert who(kb, doc, "Austin") == ["Austin"]


def test_short_country_forms_only_in_compounds(kb: KnowledgeBase, stage: EntityStage) -> None:
    doc = run(stage, "日米同盟は重要だ。今日は日中は晴れ。", "ja", "2025-01-01")
    assert [(m.text, m.entity_id) for m in doc.mentions] == [("日", "country:JP"), ("米", "country:US")]
    doc = run(stage, "美方和日方都表示这是一个完美方案。", "zh", "2025-01-01")
    assert [(m.text, m.entity_id) for m in doc.mentions] == [("美", "country:US"), ("日", "country:JP")]


def test_my_is_the_united_states_not_malaysia(stage: EntityStage) -> None:
    doc = run(stage, "Mỹ và Malaysia ký thỏa thuận.", "vi", "2025-01-01")
    assert [(m.text, m.entity_id) for m in doc.mentions] == [("Mỹ", "country:US"), ("Malaysia", "country:MY")]


def test_places_carry_coordinates_via_the_kb(kb: KnowledgeBase, stage: EntityStage) -> None:
    doc = run(stage, "29日、日米の防衛相は硫黄島を訪れた。", "ja", "2025-03-29")
    (m,) = [m for m in doc.mentions if m.type == "place"]
    place = kb.get(m.entity_id)
    assert place.name == "Iwo Jima" and place.country == "JP" and place.lat is not None


def test_unknown_people_get_the_same_id_in_every_script(stage: EntityStage) -> None:
    zh = run(stage, "国防部长张伟表示,将加强合作。", "zh", "2040-01-01")
    en = run(stage, "Defense Minister Zhang Wei said cooperation would deepen. Later Wei spoke again.", "en", "2040-01-01")
    (a,) = zh.entities
    (b,) = en.entities
    assert a.id == b.id == "el:wei-zhang"
    assert a.names == {"zh": ["张伟"]} and b.names == {"en": ["Zhang Wei"]}
    assert [m.entity_id for m in zh.mentions if m.text == "张伟"] == ["el:wei-zhang"]


def test_unknown_katakana_name_before_a_title(stage: EntityStage) -> None:
    doc = run(stage, "ジョンソン国防相は会見で語った。", "ja", "2040-01-01")
    (ent,) = doc.entities
    assert ent.names == {"ja": ["ジョンソン"]} and ent.id.startswith("el:")


def test_bad_input_never_raises(stage: EntityStage) -> None:
    for text in ("", "\x00\ud7ff", "😀" * 10, "a" * 5000, "中" * 3000):
        run(stage, text, "zh")


def test_seed_people(kb: KnowledgeBase, stage: EntityStage, seeds_gold: dict, seed_texts: dict[str, str]) -> None:
    expected = json.loads((DATA / "seed_people.json").read_text(encoding="utf-8"))
    for d in seeds_gold["documents"]:
        doc = run(stage, seed_texts[d["file"]], d["language"], d["publication_date"])
        people = {kb.get(m.entity_id).name for m in doc.mentions
                  if m.type == "person" and m.entity_id and kb.get(m.entity_id)}
        assert people == set(expected[d["file"]]), d["file"]
        unresolved = [m.text for m in doc.mentions if m.type == "person" and m.kind != "role" and not m.entity_id]
        assert unresolved == [], d["file"]


@pytest.mark.parametrize("file, role, name", [
    ("001_9d484df4b67217fb.txt", "米国防長官", "Pete Hegseth"),
    ("003_02232067b5b04c88.txt", "米国防長官", "Lloyd Austin"),
    ("002_4cde32165780ecdc.txt", "防衛大臣", "Minoru Kihara"),
])
def test_seed_roles(kb: KnowledgeBase, stage: EntityStage, seeds_gold: dict, seed_texts: dict[str, str],
                    file: str, role: str, name: str) -> None:
    d = next(x for x in seeds_gold["documents"] if x["file"] == file)
    doc = run(stage, seed_texts[file], d["language"], d["publication_date"])
    found = [kb.get(m.entity_id).name for m in doc.mentions if m.kind == "role" and m.text == role and m.entity_id]
    assert found and set(found) == {name}


def test_seed_vietnamese_roles_attach_to_names(kb: KnowledgeBase, stage: EntityStage, seed_texts: dict[str, str]) -> None:
    doc = run(stage, seed_texts["004_c42e92ba5ae50608.txt"], "vi", None)
    roles = {kb.get(m.entity_id).name: m.role for m in doc.mentions if m.type == "person"}
    assert roles["Lloyd Austin"] == "Secretary of Defense" and roles["Antony Blinken"] == "Secretary of State"


def _evaluator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_entities", BENCH / "eval_entities.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_evaluation_floors(kb: KnowledgeBase) -> None:
    ev = _evaluator()
    rows = ev.load_rows()
    assert sum(len(r["mentions"]) for r in rows) >= 300
    assert {r["lang"] for r in rows} >= {"en", "ja", "zh", "ko", "vi"}
    scores = ev.evaluate(kb, rows)
    # floors pinned below the measured 1.00/1.00 (333 gold) so a change cannot lower them by accident
    assert scores["precision"] >= 0.98, scores
    assert scores["recall"] >= 0.98, scores


def test_heldout_floors(kb: KnowledgeBase) -> None:
    """80 mentions written after tuning and never used for it: the honest figure (0.94/0.94)."""
    ev = _evaluator()
    rows = ev.load_rows(ev.HELDOUT)
    assert sum(len(r["mentions"]) for r in rows) >= 80
    assert {r["lang"] for r in rows} >= {"en", "ja", "zh", "ko", "vi"}
    scores = ev.evaluate(kb, rows)
    assert scores["precision"] >= 0.91, scores
    assert scores["recall"] >= 0.91, scores


@pytest.mark.parametrize("text, lang, actor, place", [
    ("Tokyo and Washington were aligned. Talks were held in Tokyo.", "en", ["Tokyo", "Washington"], ["Tokyo"]),
    ("Seoul said it would respond. Flights between Tokyo and Seoul resumed.", "en", ["Seoul"], ["Tokyo", "Seoul"]),
    ("東京とワシントンは一致した。会談は東京で行われた。", "ja", ["東京", "ワシントン"], ["東京"]),
    ("北京方面表示反对。会议在北京举行。", "zh", ["北京"], ["北京"]),
    ("서울과 워싱턴은 합의했다. 회담은 서울에서 열렸다.", "ko", ["서울", "워싱턴"], ["서울"]),
    ("Hà Nội và Washington nhất trí. Hội nghị tại Hà Nội.", "vi", ["Hà Nội", "Washington"], ["Hà Nội"]),
    # more verbs of governments, and runs of capitals: actors together, or places together
    ("Pyongyang fired a missile. Moscow criticized the move. Canberra expressed concern.", "en",
     ["Pyongyang", "Moscow", "Canberra"], []),
    ("Manila protested. Hanoi said it opposed the move. Officials in Manila met.", "en", ["Manila", "Hanoi"],
     ["Manila"]),
    ("Seoul, Tokyo and Washington agreed to share data. He made trips to Seoul, Tokyo and Beijing.", "en",
     ["Seoul", "Tokyo", "Washington"], ["Seoul", "Tokyo", "Beijing"]),
    ("평양은 경고했다. 모스크바는 규탄했다. 회담은 평양에서 열렸다.", "ko", ["평양", "모스크바"], ["평양"]),
    ("北京、莫斯科和德黑兰批评了该决定。他访问了北京、莫斯科和德黑兰。", "zh", ["北京", "莫斯科", "德黑兰"],
     ["北京", "莫斯科", "德黑兰"]),
    ("ソウルは批判した。会談はソウルで行われた。", "ja", ["ソウル"], ["ソウル"]),
    ("Bình Nhưỡng cảnh báo. Canberra bày tỏ quan ngại. Hội nghị tại Canberra.", "vi", ["Bình Nhưỡng", "Canberra"],
     ["Canberra"]),
])
def test_capital_metonyms_only_as_actors(stage: EntityStage, text: str, lang: str, actor: list[str],
                                         place: list[str]) -> None:
    doc = run(stage, text, lang, "2025-04-02")
    assert [m.text for m in doc.mentions if m.kind == "metonym"] == actor
    assert [m.text for m in doc.mentions if m.type == "place"] == place
    assert all(m.entity_id and m.entity_id.startswith("country:") for m in doc.mentions if m.kind == "metonym")


@pytest.mark.parametrize("text", [
    "국방장관 헤그세스는 말했다.", "헤그세스 국방장관은 말했다.", "헤그세스 미 국방장관이 도착했다.",
    "헤그세스를 만났다.", "헤그세스와 회담했다.", "헤그세스의 발언.", "헤그세스가 도착했다.",
])
def test_korean_name_title_orders_and_particles(kb: KnowledgeBase, stage: EntityStage, text: str) -> None:
    doc = run(stage, text, "ko", "2025-04-02")
    assert who(kb, doc, "헤그세스") == ["Pete Hegseth"]


def test_korean_unknown_names_with_titles_and_honorifics(stage: EntityStage) -> None:
    doc = run(stage, "존 스미스 미 국방장관이 말했다. 김민준 씨는 웃었다. 그는 김민준 씨를 만났다.", "ko", "2040-01-01")
    assert [(m.text, m.country) for m in doc.mentions if m.text == "존 스미스"] == [("존 스미스", "US")]
    assert [m.entity_id for m in doc.mentions if m.text == "김민준"] == ["el:gimminjun", "el:gimminjun"]


@pytest.mark.parametrize("text, lang, name", [
    ("Arnel Cabrera said the patrols would continue.", "en", "Arnel Cabrera"),
    ("Nguyễn Văn Hùng cho biết cuộc tuần tra sẽ tiếp tục.", "vi", "Nguyễn Văn Hùng"),
    ("阿内尔·卡布雷拉表示，巡逻将继续。", "zh", "阿内尔·卡布雷拉"),
    ("王小明表示同意。", "zh", "王小明"),
    ("ジョン・スミスは「協力を続ける」と述べた。", "ja", "ジョン・スミス"),
])
def test_untitled_unknown_people_next_to_speech_verbs(stage: EntityStage, text: str, lang: str, name: str) -> None:
    doc = run(stage, text, lang, "2026-02-01")
    assert [m.text for m in doc.mentions if m.type == "person"] == [name]
    assert [e.names for e in doc.entities] == [{lang: [name]}]


@pytest.mark.parametrize("text, lang", [
    ("The Defense Ministry said nothing. Reuters said so. Officials in Manila said more.", "en"),
    ("Bộ Quốc phòng cho biết chưa có bình luận.", "vi"),
    ("外交部发言人表示欢迎。", "zh"),
])
def test_speech_verbs_alone_make_no_person(stage: EntityStage, text: str, lang: str) -> None:
    doc = run(stage, text, lang, "2026-02-01")
    assert doc.entities == []


@pytest.mark.parametrize("text, lang, role_text", [
    ("The South Korean defense minister met Austin.", "en", "South Korean defense minister"),
    ("Le ministre sud-coréen de la Défense a rencontré son homologue.", "fr", "ministre sud-coréen de la Défense"),
    ("Der südkoreanische Verteidigungsminister traf seinen Amtskollegen.", "de",
     "südkoreanische Verteidigungsminister"),
    ("El ministro de Defensa surcoreano se reunió con su homólogo.", "es", "ministro de Defensa surcoreano"),
    ("Южнокорейский министр обороны встретился с коллегой.", "ru", "Южнокорейский министр обороны"),
])
def test_korean_adjectives_give_the_state_of_a_title(kb: KnowledgeBase, stage: EntityStage, text: str, lang: str,
                                                      role_text: str) -> None:
    """"South Korean" in each language names the state of the title beside it (Shin Won-sik in May 2024)."""
    doc = run(stage, text, lang, "2024-05-01")
    (role,) = [m for m in doc.mentions if m.kind == "role"]
    assert (role.text, role.country) == (role_text, "KR")
    assert kb.get(role.entity_id or "").name == "Shin Won-sik"


def test_north_and_south_korean_as_actors(stage: EntityStage) -> None:
    doc = run(stage, "North Korean and South Korean officials met. A North Korean official said.", "en", "2024-05-01")
    assert [(m.text, m.entity_id) for m in doc.mentions] == [
        ("North Korean", "country:KP"), ("South Korean", "country:KR"), ("North Korean", "country:KP")]
