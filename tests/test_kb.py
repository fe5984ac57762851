"""The knowledge base: format validation, lookups across scripts, office holders by date, import/check."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventline.errors import KnowledgeBaseError
from eventline.kb import KnowledgeBase
from eventline.kb.commands import kb as kb_cli
from eventline.kb.loader import FORMAT_VERSION, format_version, read_file
from eventline.kb.normalize import fold
from eventline.kb.translit import name_key, similarity, skeleton


def test_bundled_data_is_valid_and_versioned(kb: KnowledgeBase) -> None:
    assert format_version() == FORMAT_VERSION == 1
    assert kb.problems == []
    assert len(kb) > 1500


@pytest.mark.parametrize("name", ["Pete Hegseth", "Hegseth", "赫格塞思", "赫格塞斯", "ヘグセス", "헤그세스", "皮特·赫格塞思"])
def test_one_person_in_every_script(kb: KnowledgeBase, name: str) -> None:
    assert [e.name for e in kb.search(name)][:1] == ["Pete Hegseth"]


def test_nakatani_is_gen_not_moto(kb: KnowledgeBase) -> None:
    (ent,) = kb.search("中谷元")
    assert ent.name == "Gen Nakatani"


@pytest.mark.parametrize("day, who", [
    (dt.date(2023, 1, 12), "Yasukazu Hamada"),
    (dt.date(2024, 5, 2), "Minoru Kihara"),
    (dt.date(2025, 3, 30), "Gen Nakatani"),
])
def test_japanese_defence_minister_by_date(kb: KnowledgeBase, day: dt.date, who: str) -> None:
    assert kb.holder("defense_minister", "JP", day).name == who


def test_us_defense_secretary_by_date(kb: KnowledgeBase) -> None:
    assert kb.holder("defense_minister", "US", dt.date(2024, 7, 28)).name == "Lloyd Austin"
    assert kb.holder("defense_minister", "US", dt.date(2025, 3, 30)).name == "Pete Hegseth"
    assert kb.holder("defense_minister", "US", dt.date(1800, 1, 1)) is None


def test_countries_and_short_names(kb: KnowledgeBase) -> None:
    assert kb.country("us").name == "United States"
    assert [e.id for e in kb.search("Mỹ")] == ["country:US"]  # never Malaysia
    assert kb.search("Hoa Kỳ")[0].id == "country:US"
    assert kb.search("アメリカ合衆国")[0].id == "country:US"
    assert kb.search("Malaysia")[0].id == "country:MY"


def test_places_have_coordinates_and_cjk_names(kb: KnowledgeBase) -> None:
    iwo = kb.search("硫磺岛")[0]
    assert iwo.name == "Iwo Jima" and iwo.country == "JP" and round(iwo.lat) == 25
    assert kb.search("硫黄島")[0].id == iwo.id
    tokyo = kb.search("東京")[0]
    assert tokyo.name == "Tokyo" and tokyo.lat and tokyo.lon


def test_organisations(kb: KnowledgeBase) -> None:
    dod = {kb.search(n)[0].id for n in ("Pentagon", "国防総省", "五角大楼", "US Department of Defense")}
    assert dod == {"Q11209"}
    assert kb.search("在日米軍")[0].id == kb.search("USFJ")[0].id == kb.search("驻日美军")[0].id


def test_kb_pickles_without_derived_caches(kb: KnowledgeBase) -> None:
    kb.cached("probe", lambda _: object())
    copy = pickle.loads(pickle.dumps(kb))
    assert copy.get("country:JP").name == "Japan" and copy._cache == {}


def test_fold_preserves_length_and_unifies_scripts() -> None:
    for text in ("浜田防衛大臣", "濱田", "國防部長", "ＵＳＦＪ", "Mỹ", "ピート・ヘグセス"):
        assert len(fold(text)) == len(text)
    assert fold("濱田") == fold("浜田") == fold("滨田")
    assert fold("Mỹ") != fold("My")


def test_transliteration_keys_meet_across_scripts() -> None:
    assert name_key("董军", "zh") == name_key("Dong Jun", "en") == "dong-jun"
    assert skeleton("赫格塞思", "zh") == skeleton("ヘグセス", "ja") == skeleton("헤그세스", "ko") == skeleton("Hegseth", "en")
    assert similarity("赫格色斯", "Hegseth", "zh", "en") >= 0.8


def test_validation_names_file_line_field(tmp_path: Path) -> None:
    bad = tmp_path / "people.yaml"
    bad.write_text(
        "- name: Good Person\n  type: person\n  names: {en: [Good Person]}\n"
        "- name: Bad Person\n  type: person\n  country: NO\n"
        "  offices:\n    - {role: Minister, role_key: defense_minister, start: 2023-13-01}\n",
        encoding="utf-8",
    )
    loaded = read_file(bad)
    assert [e.name for e in loaded.entities] == ["Good Person", "Bad Person"]
    messages = [str(p) for p in loaded.problems]
    assert any(f"{bad}:4" in m and "'country'" in m and "quote" in m for m in messages)
    assert any("offices[0].start/end" in m and "YYYY-MM-DD" in m for m in messages)
    with pytest.raises(KnowledgeBaseError, match="eventline kb check"):
        KnowledgeBase.from_files([bad])


def test_same_id_merges_names(tmp_path: Path) -> None:
    extra = tmp_path / "extra.jsonl"
    extra.write_text(json.dumps({"id": "country:US", "name": "United States", "type": "country",
                                 "names": {"fr": ["les States"]}}) + "\n", encoding="utf-8")
    from eventline.kb.loader import bundled_files

    kb2 = KnowledgeBase.from_files([*bundled_files(), extra])
    assert kb2.search("les States")[0].id == "country:US"
    assert kb2.search("Hoa Kỳ")[0].id == "country:US"


def test_import_csv_and_wikidata_then_check(tmp_path: Path) -> None:
    (tmp_path / "p.csv").write_text(
        "name,type,country,names:en,names:zh-Hans,role,role_key,start,end\n"
        "Zhang Wei,person,CN,Zhang Wei|Zhang,张伟,Minister of National Defense,defense_minister,2030-01-01,\n"
        "Broken,person,CN,,,Minister,defense_minister,2030-13-01,\n",
        encoding="utf-8",
    )
    (tmp_path / "w.json").write_text(
        "[\n" + json.dumps({"id": "Q42", "labels": {"en": {"language": "en", "value": "Douglas Adams"},
                                                   "zh-hans": {"language": "zh-hans", "value": "道格拉斯·亚当斯"}},
                            "claims": {"P31": [{"mainsnak": {"snaktype": "value", "datavalue": {"value": {"id": "Q5"}}}}]}})
        + ",\nnot json\n]\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    out = tmp_path / "kbdir"
    r1 = runner.invoke(kb_cli, ["import", str(tmp_path / "p.csv"), "--out", str(out)])
    assert r1.exit_code == 0, r1.output
    assert "p.csv:3" in r1.output and "imported 1 entities" in r1.output
    r2 = runner.invoke(kb_cli, ["import", str(tmp_path / "w.json"), "--format", "wikidata", "--out", str(out)])
    assert r2.exit_code == 0 and "w.json:3" in r2.output
    r3 = runner.invoke(kb_cli, ["check", str(out)])
    assert r3.exit_code == 0 and "ok: 2 entries" in r3.output
    user = KnowledgeBase.from_files(sorted(out.iterdir()))
    assert user.search("张伟")[0].name == "Zhang Wei"
    assert user.get("Q42").type == "person" and user.get("Q42").names["zh-Hans"] == ["道格拉斯·亚当斯"]
    assert user.holder("defense_minister", "CN", dt.date(2031, 1, 1)).name == "Zhang Wei"


def test_check_reports_errors_with_nonzero_exit(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("- name: X\n  type: planet\n", encoding="utf-8")
    r = CliRunner().invoke(kb_cli, ["check", str(tmp_path)])
    assert r.exit_code != 0 and "bad.yaml:1" in r.output and "'type'" in r.output


def test_wikidata_position_held_becomes_offices(tmp_path: Path) -> None:
    """P39 claims for positions in roles.yaml become offices with their P580/P582 dates."""
    dump = Path(__file__).resolve().parent / "data" / "entities" / "wikidata_offices.json"
    out = tmp_path / "kbdir"
    r = CliRunner().invoke(kb_cli, ["import", str(dump), "--format", "wikidata", "--out", str(out)])
    assert r.exit_code == 0, r.output
    user = KnowledgeBase.from_files(sorted(out.iterdir()))
    whitcombe = user.get("Q990000001")
    assert whitcombe.country == "US" and "Hal Whitcombe" in whitcombe.names["en"]
    assert [(o.role_key, o.country, o.start, o.end) for o in whitcombe.offices] == [
        ("foreign_minister", "US", "2031-01-20", "2033-06-30"),
        ("head_of_state", "US", "2033-07-01", None),
    ]  # Q4416090 (a senator) is not a position roles.yaml lists: no office
    assert user.holder("foreign_minister", "US", dt.date(2032, 5, 1)).name == "Harold Whitcombe"
    assert user.holder("head_of_state", "US", dt.date(2034, 1, 1)).name == "Harold Whitcombe"
    morinaga = user.get("Q990000002")  # a start known only to the year: from its first day
    assert [(o.role_key, o.country, o.start) for o in morinaga.offices] == [("head_of_government", "JP", "2032-01-01")]


def test_wikidata_positions_file_adds_offices(tmp_path: Path) -> None:
    dump = Path(__file__).resolve().parent / "data" / "entities" / "wikidata_offices.json"
    mine = tmp_path / "positions.yaml"
    mine.write_text("wikidata_positions:\n  Q4416090: {role: Senator, role_key: head_of_state, country: US}\n",
                    encoding="utf-8")
    out = tmp_path / "kbdir"
    r = CliRunner().invoke(kb_cli, ["import", str(dump), "--positions", str(mine), "--out", str(out)])
    assert r.exit_code == 0, r.output
    user = KnowledgeBase.from_files(sorted(out.iterdir()))
    assert len(user.get("Q990000001").offices) == 3
