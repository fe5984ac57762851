"""Format and fact checks for the bundled people knowledge base (kb/data/people/*.yaml).

Works over the YAML directly (PyYAML), independently of the loader in eventline.kb, so that the
data can be checked on its own. Format: docs/KB_FORMAT.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml")

PEOPLE_DIR = Path(__file__).resolve().parents[1] / "src" / "eventline" / "kb" / "data" / "people"
ROLE_KEYS = {"head_of_state", "head_of_government", "foreign_minister", "defense_minister", "secretary_general"}
REQUIRED_KEYS = {"name", "type", "country", "names", "offices", "sources"}
OPTIONAL_KEYS = {"id"}
OFFICE_KEYS = {"role", "role_key", "country", "start", "end"}
LANGS = {"en", "ja", "zh-Hans", "zh-Hant", "ko", "vi"}
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$")
QID = re.compile(r"^Q[1-9][0-9]*$")
FAR_FUTURE = dt.date(9999, 12, 31)


def _files() -> list[Path]:
    return sorted(PEOPLE_DIR.glob("*.yaml"))


def _load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def entries() -> list[tuple[str, dict]]:
    out = []
    for path in _files():
        data = _load(path)
        assert isinstance(data, list), f"{path.name}: top level must be a list"
        out.extend((path.name, e) for e in data)
    return out


def _as_date(value) -> dt.date | None:
    """YAML dates load as datetime.date; also accept ISO strings. None = open end."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        raise AssertionError(f"date with time: {value!r}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value)
    raise AssertionError(f"not an ISO date: {value!r}")


def _valid_country(code) -> bool:
    import pycountry

    return isinstance(code, str) and len(code) == 2 and pycountry.countries.get(alpha_2=code) is not None


def _by_name(entries) -> dict[str, dict]:
    return {e["name"]: e for _, e in entries}


def holders(entries, country: str | None, role_key: str, on: str | dt.date, role: str | None = None) -> list[str]:
    """Canonical names of everyone holding (country, role_key) on the date; start/end inclusive."""
    day = _as_date(on)
    found = []
    for _, e in entries:
        for o in e["offices"]:
            if o["country"] != country or o["role_key"] != role_key:
                continue
            if role is not None and o["role"] != role:
                continue
            start, end = _as_date(o["start"]), _as_date(o["end"]) or FAR_FUTURE
            if start <= day <= end:
                found.append(e["name"])
    return sorted(set(found))


# ---------------------------------------------------------------------------------------------
# Format
# ---------------------------------------------------------------------------------------------


def test_people_files_exist():
    names = {p.name for p in _files()}
    assert {"us.yaml", "jp.yaml"} <= names


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_file_is_list_of_entries(path: Path):
    data = _load(path)
    assert isinstance(data, list) and data, f"{path.name}: expected a non-empty list"
    for e in data:
        assert isinstance(e, dict), f"{path.name}: entry is not a mapping: {e!r}"


def test_entry_keys_and_types(entries):
    for fname, e in entries:
        where = f"{fname}: {e.get('name')!r}"
        keys = set(e)
        assert REQUIRED_KEYS <= keys, f"{where}: missing {REQUIRED_KEYS - keys}"
        assert keys <= REQUIRED_KEYS | OPTIONAL_KEYS, f"{where}: unknown keys {keys - REQUIRED_KEYS - OPTIONAL_KEYS}"
        assert e["type"] == "person", where
        assert isinstance(e["name"], str) and e["name"].strip() == e["name"] and e["name"], where
        if "id" in e:
            assert isinstance(e["id"], str) and QID.match(e["id"]), f"{where}: bad QID {e['id']!r}"
        assert e["country"] is None or _valid_country(e["country"]), f"{where}: bad country {e['country']!r}"
        assert isinstance(e["sources"], list) and e["sources"], f"{where}: sources must be a non-empty list"
        assert all(isinstance(s, str) and s for s in e["sources"]), where


def test_names_per_language(entries):
    for fname, e in entries:
        where = f"{fname}: {e['name']!r}"
        names = e["names"]
        assert isinstance(names, dict) and names, where
        assert "en" in names, f"{where}: no English names"
        assert e["name"] in names["en"], f"{where}: canonical name missing from names.en"
        for lang, forms in names.items():
            assert lang in LANGS or BCP47.match(lang), f"{where}: bad language key {lang!r}"
            assert isinstance(forms, list) and forms, f"{where}: names.{lang} must be a non-empty list"
            for n in forms:
                assert isinstance(n, str) and n and n.strip() == n, f"{where}: bad name {n!r} in {lang}"
                assert "  " not in n, f"{where}: double space in {n!r}"
            assert len(forms) == len(set(forms)), f"{where}: duplicate names in {lang}: {forms}"


def test_offices(entries):
    for fname, e in entries:
        where = f"{fname}: {e['name']!r}"
        offices = e["offices"]
        assert isinstance(offices, list) and offices, f"{where}: needs at least one office"
        for o in offices:
            assert set(o) == OFFICE_KEYS, f"{where}: office keys {sorted(o)}"
            assert isinstance(o["role"], str) and o["role"], where
            assert o["role_key"] in ROLE_KEYS, f"{where}: role_key {o['role_key']!r}"
            # organisation offices (UN, NATO, EU) have country null; state offices an ISO code
            if o["role_key"] == "secretary_general":
                assert o["country"] is None, f"{where}: organisation office must have country null"
            else:
                assert o["country"] is None or _valid_country(o["country"]), f"{where}: bad office country {o['country']!r}"
            start, end = _as_date(o["start"]), _as_date(o["end"])
            assert start is not None, f"{where}: office without start"
            assert start >= dt.date(1900, 1, 1), f"{where}: implausible start {start}"
            if end is not None:
                assert start <= end, f"{where}: start {start} after end {end}"
                assert end <= dt.date(2027, 12, 31), f"{where}: end in the future {end}"
        # same office twice in one entry must not overlap
        by_office = defaultdict(list)
        for o in offices:
            by_office[(o["country"], o["role_key"], o["role"])].append(o)
        for key, group in by_office.items():
            spans = sorted((_as_date(o["start"]), _as_date(o["end"]) or FAR_FUTURE) for o in group)
            for (s1, e1), (s2, _) in zip(spans, spans[1:]):
                assert e1 <= s2, f"{where}: overlapping terms in {key}"


def test_unique_canonical_names(entries):
    seen: dict[str, str] = {}
    for fname, e in entries:
        assert e["name"] not in seen, f"{e['name']!r} in both {seen[e['name']]} and {fname}"
        seen[e["name"]] = fname


def test_unique_ids(entries):
    seen: dict[str, str] = {}
    for _, e in entries:
        if "id" in e:
            assert e["id"] not in seen, f"{e['id']} used for {seen[e['id']]!r} and {e['name']!r}"
            seen[e["id"]] = e["name"]


def _spans(e) -> list[tuple[dt.date, dt.date]]:
    return [(_as_date(o["start"]), _as_date(o["end"]) or FAR_FUTURE) for o in e["offices"]]


def _overlap(a, b) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def test_no_shared_alias_between_contemporaries(entries):
    """Two people in office at the same time must not share a name form in the same language."""
    index = defaultdict(list)  # (lang, casefolded name) -> entries
    for _, e in entries:
        for lang, forms in e["names"].items():
            for n in forms:
                index[(lang, n.casefold())].append(e)
    clashes = []
    for (lang, n), group in index.items():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a is not b and _overlap(_spans(a), _spans(b)):
                    clashes.append(f"{lang}:{n!r} shared by {a['name']!r} and {b['name']!r}")
    assert not clashes, "\n".join(clashes)


def test_one_holder_at_a_time(entries):
    """Within one office, terms of different people may touch (handover day) but not overlap.

    Acting holders (role starting with "Acting") may overlap a suspended or absent incumbent."""
    by_office = defaultdict(list)
    for _, e in entries:
        for o in e["offices"]:
            key = (o["country"], o["role_key"], o["role"] if o["country"] is None else None)
            by_office[key].append((_as_date(o["start"]), _as_date(o["end"]) or FAR_FUTURE, e["name"], o["role"]))
    problems = []
    for key, terms in by_office.items():
        terms.sort()
        for i, (s1, e1, n1, r1) in enumerate(terms):
            for s2, e2, n2, r2 in terms[i + 1 :]:
                if s2 >= e1:
                    break
                if n1 == n2 or r1.startswith("Acting") or r2.startswith("Acting"):
                    continue
                problems.append(f"{key}: {n1} ({s1}..{e1}) overlaps {n2} ({s2}..{e2})")
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------------
# Facts
# ---------------------------------------------------------------------------------------------

FACTS = [
    # (country, role_key, date, expected holders)
    ("JP", "defense_minister", "2023-01-12", ["Yasukazu Hamada"]),
    ("JP", "defense_minister", "2024-05-02", ["Minoru Kihara"]),
    ("JP", "defense_minister", "2025-03-30", ["Gen Nakatani"]),
    ("JP", "defense_minister", "2015-06-01", ["Gen Nakatani"]),
    ("JP", "defense_minister", "2017-01-15", ["Tomomi Inada"]),
    ("JP", "defense_minister", "2021-06-01", ["Nobuo Kishi"]),
    ("JP", "foreign_minister", "2024-07-28", ["Yoko Kamikawa"]),
    ("JP", "foreign_minister", "2022-06-01", ["Yoshimasa Hayashi"]),
    ("JP", "head_of_government", "2025-03-30", ["Shigeru Ishiba"]),
    ("JP", "head_of_government", "2024-04-10", ["Fumio Kishida"]),
    ("JP", "head_of_government", "2019-06-01", ["Shinzo Abe"]),
    ("JP", "head_of_state", "2018-01-01", ["Akihito"]),
    ("JP", "head_of_state", "2020-01-01", ["Naruhito"]),
    ("US", "defense_minister", "2025-03-30", ["Pete Hegseth"]),
    ("US", "defense_minister", "2023-01-12", ["Lloyd Austin"]),
    ("US", "defense_minister", "2024-05-02", ["Lloyd Austin"]),
    ("US", "defense_minister", "2018-06-01", ["Jim Mattis"]),
    ("US", "defense_minister", "2019-03-01", ["Patrick Shanahan"]),
    ("US", "defense_minister", "2020-12-01", ["Christopher C. Miller"]),
    ("US", "foreign_minister", "2024-07-28", ["Antony Blinken"]),
    ("US", "foreign_minister", "2019-01-01", ["Mike Pompeo"]),
    ("US", "foreign_minister", "2025-03-30", ["Marco Rubio"]),
    ("US", "head_of_state", "2016-06-01", ["Barack Obama"]),
    ("US", "head_of_state", "2019-06-01", ["Donald Trump"]),
    ("US", "head_of_state", "2023-01-12", ["Joe Biden"]),
    ("US", "head_of_state", "2025-03-30", ["Donald Trump"]),
    ("US", "head_of_government", "2025-03-30", ["Donald Trump"]),
]

# Facts about files written after us.yaml / jp.yaml; checked when the holder's file is present.
LATER_FACTS = [
    ("KR", "head_of_state", "2023-01-12", ["Yoon Suk Yeol"]),
    ("KR", "head_of_state", "2019-06-30", ["Moon Jae-in"]),
    ("KP", "head_of_state", "2019-06-30", ["Kim Jong Un"]),
    ("CN", "head_of_state", "2024-01-01", ["Xi Jinping"]),
    ("CN", "head_of_government", "2022-01-01", ["Li Keqiang"]),
    ("CN", "head_of_government", "2024-01-01", ["Li Qiang"]),
    ("CN", "defense_minister", "2025-03-30", ["Dong Jun"]),
    ("CN", "foreign_minister", "2023-07-01", ["Qin Gang"]),
    ("CN", "foreign_minister", "2024-01-01", ["Wang Yi"]),
    ("TW", "head_of_state", "2020-01-01", ["Tsai Ing-wen"]),
    ("TW", "head_of_state", "2025-01-01", ["Lai Ching-te"]),
    ("PH", "head_of_state", "2025-03-28", ["Bongbong Marcos"]),
    ("PH", "defense_minister", "2025-03-28", ["Gilberto Teodoro"]),
    ("AU", "head_of_government", "2023-01-12", ["Anthony Albanese"]),
    ("GB", "head_of_government", "2020-01-01", ["Boris Johnson"]),
    ("RU", "head_of_state", "2023-01-12", ["Vladimir Putin"]),
    ("UA", "head_of_state", "2023-01-12", ["Volodymyr Zelenskyy"]),
    ("IN", "head_of_government", "2023-01-12", ["Narendra Modi"]),
    ("DE", "head_of_government", "2023-01-12", ["Olaf Scholz"]),
    ("FR", "head_of_state", "2023-01-12", ["Emmanuel Macron"]),
    (None, "secretary_general", "2020-01-01", ["António Guterres", "Jens Stoltenberg"]),
    (None, "secretary_general", "2016-06-01", ["Ban Ki-moon", "Jens Stoltenberg"]),
    (None, "secretary_general", "2025-03-30", ["António Guterres", "Mark Rutte"]),
    ("JP", "head_of_government", "2026-03-01", ["Sanae Takaichi"]),
    ("JP", "defense_minister", "2026-03-01", ["Shinjiro Koizumi"]),
    ("KR", "head_of_state", "2025-07-01", ["Lee Jae-myung"]),
    ("KR", "defense_minister", "2025-08-01", ["Ahn Gyu-back"]),
    ("VN", "head_of_state", "2025-01-01", ["Lương Cường"]),
    ("VN", "foreign_minister", "2025-11-01", ["Lê Hoài Trung"]),
    ("IR", "head_of_state", "2025-06-01", ["Ali Khamenei"]),
    ("UA", "defense_minister", "2026-02-01", ["Mykhailo Fedorov"]),
    ("PH", "foreign_minister", "2025-08-01", ["Theresa Lazaro"]),
    ("IL", "head_of_government", "2022-09-01", ["Yair Lapid"]),
]


@pytest.mark.parametrize("country,role_key,day,expected", FACTS, ids=lambda v: str(v))
def test_holder_on_date(entries, country, role_key, day, expected):
    assert holders(entries, country, role_key, day) == expected


@pytest.mark.parametrize("country,role_key,day,expected", LATER_FACTS, ids=lambda v: str(v))
def test_holder_on_date_other_groups(entries, country, role_key, day, expected):
    names = _by_name(entries)
    missing = [n for n in expected if n not in names]
    if missing:
        pytest.skip(f"not in the knowledge base yet: {missing}")
    assert holders(entries, country, role_key, day) == expected


@pytest.mark.parametrize(
    "person,lang,form",
    [
        ("Gen Nakatani", "ja", "中谷元"),
        ("Gen Nakatani", "zh-Hans", "中谷元"),
        ("Gen Nakatani", "en", "Gen Nakatani"),
        ("Pete Hegseth", "ja", "ヘグセス"),
        ("Pete Hegseth", "zh-Hans", "赫格塞思"),
        ("Pete Hegseth", "zh-Hant", "赫格塞斯"),
        ("Pete Hegseth", "ko", "헤그세스"),
        ("Yasukazu Hamada", "ja", "浜田靖一"),
        ("Yasukazu Hamada", "zh-Hans", "滨田靖一"),
        ("Yasukazu Hamada", "zh-Hant", "濱田靖一"),
        ("Minoru Kihara", "ja", "木原稔"),
        ("Lloyd Austin", "ja", "オースティン"),
        ("Lloyd Austin", "vi", "Lloyd Austin"),
        ("Yoko Kamikawa", "vi", "Yoko Kamikawa"),
        ("Shigeru Ishiba", "zh-Hans", "石破茂"),
        ("Antony Blinken", "zh-Hans", "布林肯"),
    ],
)
def test_name_forms(entries, person, lang, form):
    names = _by_name(entries)
    assert form in names[person]["names"][lang]


def test_two_terms_on_one_entity(entries):
    names = _by_name(entries)
    nakatani = [o for o in names["Gen Nakatani"]["offices"] if o["role_key"] == "defense_minister"]
    assert [str(o["start"]) for o in nakatani] == ["2014-12-24", "2024-10-01"]
    trump = [o for o in names["Donald Trump"]["offices"] if o["role_key"] == "head_of_state"]
    assert [str(o["start"]) for o in trump] == ["2017-01-20", "2025-01-20"]
    assert names["Donald Trump"]["id"] == "Q22686"


def test_gold_participants_are_known(entries, seeds_gold):
    """Every participant of the hand-annotated seed events is a person in the knowledge base."""
    names = _by_name(entries)
    participants = {p for ev in seeds_gold["events"] for p in ev["participants"]}
    assert participants and not sorted(participants - set(names))


CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def test_no_single_character_cjk_alias(entries):
    """One-character CJK/hangul aliases (菅, 林, 尹) would match ordinary text."""
    bad = [
        (e["name"], lang, n)
        for _, e in entries
        for lang, forms in e["names"].items()
        for n in forms
        if len(n) == 1 and CJK.match(n)
    ]
    assert not bad, bad
