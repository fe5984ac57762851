"""merge_events: one event per happening across documents and languages; look-alikes stay apart."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from eventline.pipeline.merge import cluster_mentions, independent_sources, link_visits, merge_events, mention_key

from test_events_helpers import actor, em

HEGSETH = actor("Pete Hegseth", "US", id_="Q1")
NAKATANI = actor("Gen Nakatani", "JP", id_="Q3")
ISHIBA = actor("Shigeru Ishiba", "JP", id_="Q5")
AUSTIN = actor("Lloyd Austin", "US", id_="Q2")
HAMADA = actor("Yasukazu Hamada", "JP", id_="Q4")
KIHARA = actor("Minoru Kihara", "JP", id_="Q7")
TEODORO = actor("Gilberto Teodoro", "PH", id_="Q6")
MARLES = actor("Richard Marles", "AU", id_="Q11")
JAPAN = actor("Japan", "JP", "country", id_="country:JP")


def test_one_meeting_reported_in_two_languages_is_one_event_with_both_sources() -> None:
    zh = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="zh1", location="Tokyo", location_country="JP", lang="zh")
    ja = em("CONSULT", "2025-03-30", [NAKATANI, HEGSETH], doc_id="ja1", lang="ja")
    [ev] = merge_events([zh, ja])
    assert {s.document for s in ev.sources} == {"zh1", "ja1"}
    assert ev.independent_source_count == 2 and ev.location.name == "Tokyo"
    assert sorted(a.name for a in ev.actors) == ["Gen Nakatani", "Pete Hegseth"]


def test_planned_and_occurred_reports_merge_as_occurred() -> None:
    planned = em("CONSULT", "2025-03-22", [HEGSETH, NAKATANI], doc_id="ja1", status="planned", confidence=0.5)
    done = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="zh1")
    [ev] = merge_events([planned, done])
    assert ev.status == "occurred" and ev.date == "2025-03-30" and ev.date_alternatives == []


def test_local_date_first_other_zone_as_alternative() -> None:
    local = em("CONSULT", "2023-01-12", [HAMADA, AUSTIN], doc_id="a", alternatives=["2023-01-13"])
    tokyo = em("CONSULT", "2023-01-13", [HAMADA, AUSTIN], doc_id="b", alternatives=["2023-01-12"])
    other = em("CONSULT", "2023-01-12", [HAMADA, AUSTIN], doc_id="c")
    [ev] = merge_events([tokyo, local, other])
    assert ev.date == "2023-01-12" and ev.date_alternatives == ["2023-01-13"]


def test_same_ministers_four_months_apart_stay_apart() -> None:
    feb = em("CONSULT", "2025-02-18", [MARLES, NAKATANI], doc_id="a", location="Tokyo", location_country="JP")
    jun = em("CONSULT", "2025-06-19", [MARLES, NAKATANI], doc_id="b", location="Canberra", location_country="AU")
    month = em("CONSULT", "2025-02", [MARLES, NAKATANI], doc_id="c")
    events = merge_events([jun, feb, month])
    assert [e.date for e in events] == ["2025-02-18", "2025-06-19"]
    assert len(events[0].sources) == 2


def test_bilateral_and_trilateral_same_day_same_city_stay_apart() -> None:
    tri = em("CONSULT", "2024-06-03", [AUSTIN, KIHARA, TEODORO], doc_id="a", mode="multilateral", location="Manila",
             location_country="PH", key="defense-ministers")
    bi = em("CONSULT", "2024-06-03", [KIHARA, TEODORO], doc_id="b", location="Manila", location_country="PH")
    tri2 = em("CONSULT", "2024-06-03", [AUSTIN, KIHARA, TEODORO], doc_id="c", location="Manila", location_country="PH")
    events = merge_events([tri, bi, tri2])
    assert sorted(len(e.sources) for e in events) == [1, 2]


def test_two_plus_two_and_next_day_defence_meeting_stay_apart() -> None:
    two = em("CONSULT", "2025-06-12", [HEGSETH, NAKATANI], doc_id="a", key="2+2", alternatives=["2025-06-13"])
    dm = em("CONSULT", "2025-06-13", [HEGSETH, NAKATANI], doc_id="b", alternatives=["2025-06-14"])
    dm_tokyo_time = em("CONSULT", "2025-06-14", [HEGSETH, NAKATANI], doc_id="c", alternatives=["2025-06-13"])
    events = merge_events([two, dm, dm_tokyo_time])
    assert [(e.date, len(e.sources)) for e in events] == [("2025-06-12", 1), ("2025-06-13", 2)]


def test_visit_and_meeting_during_it_are_linked_not_fused() -> None:
    visit = em("CONSULT", "2025-03-29", [HEGSETH], doc_id="a", mode="visit", recipients=[JAPAN])
    meeting = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="b", location="Tokyo", location_country="JP")
    events = merge_events([visit, meeting])
    assert len(events) == 2
    v = next(e for e in events if e.mode == "visit")
    assert link_visits(events) == {v.id: [next(e.id for e in events if e.mode is None)]}


def test_phone_call_and_later_meeting_stay_apart() -> None:
    call = em("CONSULT", "2025-09-05", [NAKATANI, actor("Ahn Gyu-back", "KR", id_="Q12")], doc_id="a", mode="phone")
    meet = em("CONSULT", "2025-09-29", [NAKATANI, actor("Ahn Gyu-back", "KR", id_="Q12")], doc_id="b")
    assert len(merge_events([call, meet])) == 2


def test_country_only_report_joins_the_meeting_of_its_ministers() -> None:
    people = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="a")
    states = em("CONSULT", "2025-03-30", [actor("United States", "US", "country"), JAPAN], doc_id="b")
    assert len(merge_events([people, states])) == 1


def test_reposts_and_shared_citations_count_once() -> None:
    a = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="orig")
    b = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="copy")
    c = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="blog1")
    d = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="blog2")
    e = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="own")
    [ev] = merge_events([a, b, c, d, e], duplicate_of={"copy": "orig"},
                        cited_sources={"blog1": ["Kyodo (共同社)"], "blog2": ["kyodo"]})
    assert len(ev.sources) == 5 and ev.independent_source_count == 3
    assert independent_sources(["x", "y"], {}, {"x": ["https://www.jiji.com/a/"], "y": ["http://jiji.com/a"]}) == 1


def test_ids_are_deterministic_and_stable_across_runs() -> None:
    items = [em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id=f"d{i}", start=i) for i in range(4)]
    items.append(em("CONSULT", "2025-06-19", [MARLES, NAKATANI], doc_id="x"))
    first = merge_events(items)
    shuffled = items[:]
    random.Random(7).shuffle(shuffled)
    assert [e.to_json() for e in merge_events(shuffled)] == [e.to_json() for e in first]
    previous = {mention_key(m): ev.id for ev in first for m in items
                if any(s.document == m.source.document and s.start == m.source.start for s in ev.sources)}
    grown = items + [em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="new")]
    again = merge_events(grown, previous_ids=previous)
    assert {e.date: e.id for e in again} == {e.date: e.id for e in first}
    fresh = merge_events(grown)
    assert next(e.id for e in fresh if e.date == "2025-03-30") != next(e.id for e in first if e.date == "2025-03-30")


def test_events_sorted_by_date_and_undated_mentions_only_join() -> None:
    undated = em("CONSULT", None, [HEGSETH, NAKATANI], doc_id="u")
    lonely = em("CONSULT", None, [MARLES, TEODORO], doc_id="v")
    items = [em("CONSULT", "2025-06-19", [MARLES, NAKATANI], doc_id="b"),
             em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="a"), undated, lonely]
    events = merge_events(items)
    assert [e.date for e in events] == ["2025-03-30", "2025-06-19"]
    assert {s.document for s in events[0].sources} == {"a", "u"}


def test_summary_is_one_english_sentence() -> None:
    [ev] = merge_events([em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="a", location="Tokyo",
                            location_country="JP")])
    assert ev.summary == "Pete Hegseth and Gen Nakatani met in Tokyo on 30 March 2025."
    [planned] = merge_events([em("CONSULT", "2025-03", [HEGSETH], doc_id="b", mode="visit", status="planned",
                                 location="Japan", location_country="JP")])
    assert planned.summary == "Pete Hegseth is to visit Japan in March 2025."


def test_output_follows_the_contract_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = Path(__file__).resolve().parents[2] / "shared" / "contract" / "event.schema.json"
    if not schema_path.is_file():
        schema_path = Path(__file__).resolve().parent / "data" / "contract" / "event.schema.json"
    if not schema_path.is_file():
        pytest.skip("contract schema not found")
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    events = merge_events([em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="a"),
                           em("ACCUSE", "2024-10", [TEODORO], doc_id="b", recipients=[actor("China", "CN", "country")])])
    for ev in events:
        jsonschema.validate(ev.to_json(), schema)


def test_visit_and_its_meetings_name_each_other_in_related() -> None:
    visit = em("CONSULT", "2025-03-29", [HEGSETH], doc_id="a", mode="visit", recipients=[JAPAN])
    meeting = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="b", location="Tokyo", location_country="JP")
    courtesy = em("CONSULT", "2025-03-30", [HEGSETH, ISHIBA], doc_id="c", start=40)
    events = merge_events([visit, meeting, courtesy])
    v = next(e for e in events if e.mode == "visit")
    others = sorted(e.id for e in events if e.mode is None)
    assert v.related == others and v.to_json()["related"] == others
    assert all(e.related == [v.id] for e in events if e.mode is None)


def test_an_event_with_nothing_related_has_no_related_key() -> None:
    [ev] = merge_events([em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="a")])
    assert "related" not in ev.to_json()


def test_keyless_report_joins_the_meeting_of_its_people_not_a_keyed_states_only_one() -> None:
    """In one article: NHK's "会談は日本時間の13日に" (no label, Austin named) belongs with the
    defence ministers' meeting, not with "12日に行われた外務・防衛の閣僚協議" (2+2, states only)."""
    us = actor("United States", "US", "country")
    nhk = em("CONSULT", "2023-01-12", [JAPAN, AUSTIN], doc_id="d", start=10, alternatives=["2023-01-13"])
    two = em("CONSULT", "2023-01-12", [us], doc_id="d", start=50, key="2+2")
    mod = em("CONSULT", "2023-01-12", [HAMADA, AUSTIN], doc_id="d", start=90, key="defense-ministers",
             alternatives=["2023-01-13"])
    groups = cluster_mentions([nhk, two, mod], lenient=True)
    assert sorted(groups) == [[0, 2], [1]]


def test_two_plus_two_and_defence_meeting_of_the_next_local_day_stay_apart_across_zones() -> None:
    """The 2+2 of the 11th local (12th in Tokyo) and the meeting of the 12th local (13th in Tokyo)."""
    two = em("CONSULT", "2023-01-11", [HAMADA, AUSTIN], doc_id="a", key="2+2", alternatives=["2023-01-12"])
    two_tokyo = em("CONSULT", "2023-01-12", [actor("United States", "US", "country"), JAPAN], doc_id="b", key="2+2")
    dm = em("CONSULT", "2023-01-12", [HAMADA, AUSTIN], doc_id="c", alternatives=["2023-01-13"], key="defense-ministers")
    dm_tokyo = em("CONSULT", "2023-01-13", [HAMADA, AUSTIN], doc_id="d", alternatives=["2023-01-12"])
    events = merge_events([two, two_tokyo, dm, dm_tokyo])
    by_docs = sorted(sorted(s.document for s in e.sources) for e in events)
    assert by_docs == [["a", "b"], ["c", "d"]]


def test_trilateral_with_states_only_and_bilateral_of_two_of_them_stay_apart() -> None:
    us, ph = actor("United States", "US", "country"), actor("Philippines", "PH", "country")
    tri = em("CONSULT", "2024-06-03", [us, JAPAN, ph], doc_id="a", mode="multilateral", location="Manila",
             location_country="PH")
    bi = em("CONSULT", "2024-06-03", [JAPAN, ph], doc_id="b", location="Manila", location_country="PH")
    assert len(merge_events([tri, bi])) == 2


def test_reposts_translations_and_copies_of_one_original_count_once() -> None:
    orig = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="orig", lang="en")
    repost = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="repost", lang="en")
    translation = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="vi", lang="vi")
    other = em("CONSULT", "2025-03-30", [HEGSETH, NAKATANI], doc_id="kyodo", lang="ja")
    [ev] = merge_events([orig, repost, translation, other], duplicate_of={"repost": "orig"},
                        cited_sources={"vi": ["Reuters"], "orig": ["Reuters"]})
    assert ev.independent_source_count == 2


def test_labelled_meeting_and_unlabelled_one_on_its_other_zone_day_stay_apart() -> None:
    """A 2+2 dated 12 (13 in Tokyo) and an unlabelled meeting dated 13 with no other-zone day: the
    ministers' talks the day after the 2+2, not the 2+2 in Tokyo time. Two unlabelled (or two
    labelled) reports stay one moment in two zones."""
    two = em("CONSULT", "2025-06-12", [HEGSETH, NAKATANI], doc_id="a", key="2+2", alternatives=["2025-06-13"])
    talks = em("CONSULT", "2025-06-13", [HEGSETH, NAKATANI], doc_id="b", location="Washington", location_country="US")
    assert sorted(len(e.sources) for e in merge_events([two, talks])) == [1, 1]
    two_tokyo = em("CONSULT", "2025-06-13", [HEGSETH, NAKATANI], doc_id="c", key="2+2")
    [ev] = merge_events([two, two_tokyo])
    assert len(ev.sources) == 2
    local = em("CONSULT", "2023-01-12", [HAMADA, AUSTIN], doc_id="a", alternatives=["2023-01-13"])
    tokyo = em("CONSULT", "2023-01-13", [HAMADA, AUSTIN], doc_id="b")
    [ev] = merge_events([local, tokyo])
    assert len(ev.sources) == 2


def test_two_plus_two_named_by_its_offices_and_next_day_talks_stay_apart_real_stages() -> None:
    """Invented reports: a Korean one of a US-Japan 2+2 ("외교·국방장관(2+2) 회의": the offices name the
    meeting, they are not South Korea's minister) and an English one of the talks the day after."""
    from eventline.pipeline.events import process_text

    ko = ("미일 양국은 현지시간 12일 오후 워싱턴 국무부에서 외교·국방장관(2+2) 회의를 개최했다. 한국시간으로는 "
          "13일 오전이다. 루비오 국무장관과 헤그세스 국방장관, 이와야 다케시 외무상, 나카타니 겐 방위상이 참석해 "
          "주일미군 지휘체계 개편 방안 등을 협의했다.")
    en = ("WASHINGTON - U.S. Defense Secretary Pete Hegseth held talks with Japanese Defense Minister Gen Nakatani "
          "at the Pentagon on Friday, June 13, a day after the two countries' 2+2 meeting.")
    a, b = process_text(ko, "ko", "2025-06-13"), process_text(en, "en", "2025-06-14")
    events = merge_events([*a.events, *b.events])
    assert [(e.date, {s.document for s in e.sources}) for e in events] == [
        ("2025-06-12", {a.id}), ("2025-06-13", {b.id})]
    assert all(x.country in ("US", "JP") for x in events[0].actors)


def test_day_buckets_propose_every_compatible_cluster_that_month_buckets_do() -> None:
    """The pass looks candidates up by exact day (and by the days a soft date's window reaches);
    on a random mix of firm, coarse, soft, planned, undated and other-zone dates it must group
    exactly as the wider month-level lookup does."""
    import eventline.pipeline.merge as merge

    rng = random.Random(11)
    people = [HEGSETH, NAKATANI, AUSTIN, HAMADA, KIHARA, TEODORO, MARLES, JAPAN]
    items = []
    for i in range(400):
        day = f"2025-{rng.randint(3, 5):02d}-{rng.randint(1, 28):02d}"
        date = rng.choice([day, day, day, day[:7], day[:4], None])
        alternatives = [f"{day[:8]}{int(day[8:]) + 1:02d}"] if date == day and rng.random() < 0.2 else []
        items.append(em(rng.choice(["CONSULT", "CONSULT", "ACCUSE"]), date, rng.sample(people, rng.randint(1, 3)),
                        doc_id=f"d{i}", status=rng.choice(["occurred", "occurred", "planned"]),
                        confidence=rng.choice([1.0, 1.0, 0.9, 0.5, 0.3]), alternatives=alternatives,
                        key=rng.choice(["", "", "2+2"]),
                        location_country=rng.choice([None, "JP", "US"]), location="somewhere"))
    items.sort(key=mention_key)
    fine = cluster_mentions(items)
    original = merge._buckets
    try:
        merge._buckets = lambda em_, p, fine=True: original(em_, p, fine=False)
        wide = cluster_mentions(items)
    finally:
        merge._buckets = original
    assert fine == wide
    assert len(fine) < len(items)  # the mix does merge: the comparison is not vacuous
