"""Languages added as data only (fr, de, es, ru, id): the real engines on text written for these tests.

Each language has its rows in the shared tables (tests/data/time/cases_<lang>.txt,
tests/data/events/gold_<lang>.jsonl, tests/data/entities/eval_<lang>.jsonl,
tests/data/clean/pages/news_<lang>.txt); this file checks one brief end to end per language and
pins floors on the per-language evaluations (measured values in comments; raise, never lower).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from eventline import lang as langdata
from eventline.pipeline.events import code_text

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"


def _bench(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


def _summary(events) -> list[tuple]:
    return sorted((e.type, e.mode or "", e.date, e.status, tuple(sorted(a.name for a in e.actors)),
                   tuple(sorted(r.name for r in e.recipients))) for e in events)


BRIEFS = {
    "fr": ("2025-03-31", "Le ministre japonais de la Défense Gen Nakatani a rencontré le secrétaire américain à la "
                         "Défense Pete Hegseth le 30 mars 2025 à Tokyo. Les deux ministres ont évoqué le "
                         "renforcement du commandement des forces américaines au Japon."),
    "de": ("2025-03-31", "Der japanische Verteidigungsminister Gen Nakatani traf am 30. März 2025 in Tokio "
                         "US-Verteidigungsminister Pete Hegseth. Beide sprachen über die Aufwertung der "
                         "US-Streitkräfte in Japan."),
    "es": ("2025-03-31", "El ministro de Defensa japonés, Gen Nakatani, se reunió el 30 de marzo de 2025 en Tokio "
                         "con el secretario de Defensa, Pete Hegseth. Ambos abordaron el refuerzo del mando de las "
                         "fuerzas estadounidenses en Japón."),
    # Russian inflects the title and the name together: "с главой Пентагона Питом Хегсетом"
    "ru": ("2025-03-31", "Министр обороны Японии Гэн Накатани 30 марта 2025 года провёл в Токио переговоры с главой "
                         "Пентагона Питом Хегсетом. Министры обсудили укрепление командования американских войск "
                         "в Японии."),
    "id": ("2025-03-31", "Menteri Pertahanan Jepang Gen Nakatani bertemu dengan Menteri Pertahanan AS Pete Hegseth di "
                         "Tokyo pada Minggu (30/3/2025). Kedua menteri membahas penguatan komando pasukan AS di Jepang."),
}


@pytest.mark.parametrize("lang", sorted(BRIEFS))
def test_meeting_brief_is_coded_natively(lang: str) -> None:
    published, text = BRIEFS[lang]
    events = code_text(text, lang=lang, published=published)
    assert _summary(events) == [("CONSULT", "", "2025-03-30", "occurred", ("Gen Nakatani", "Pete Hegseth"), ())]


def test_phone_call_and_planned_visit_fr() -> None:
    events = code_text("Le secrétaire d'État Marco Rubio a eu un entretien téléphonique vendredi avec le ministre "
                       "japonais des Affaires étrangères Takeshi Iwaya.", lang="fr", published="2025-06-14")
    assert _summary(events) == [("CONSULT", "phone", "2025-06-13", "occurred", ("Marco Rubio", "Takeshi Iwaya"), ())]


def test_cancelled_visit_es() -> None:
    events = code_text("La visita de Gen Nakatani a Seúl, prevista para el 15 de mayo, fue cancelada.",
                       lang="es", published="2025-05-12")
    assert _summary(events) == [("CONSULT", "visit", "2025-05-15", "cancelled", ("Gen Nakatani",), ())]


def test_cancelled_visit_ru_inflected_forms() -> None:
    events = code_text("Визит Гэна Накатани в Сеул, запланированный на 15 мая, отменён. Об этом сообщило "
                       "министерство обороны Японии.", lang="ru", published="2025-05-12")
    assert _summary(events) == [("CONSULT", "visit", "2025-05-15", "cancelled", ("Gen Nakatani",), ())]


def test_negated_meeting_ru_and_planned_meeting_id() -> None:
    assert code_text("Пит Хегсет так и не встретился с Гэном Накатани в Токио. Если бы переговоры состоялись, "
                     "министры обсудили бы ракеты.", lang="ru", published="2025-04-09") == []
    events = code_text("Menhan AS Pete Hegseth dijadwalkan bertemu Menhan Jepang Gen Nakatani pekan depan, kata "
                       "Pentagon pada Rabu.", lang="id", published="2025-04-09")
    assert _summary(events) == [("CONSULT", "", "2025-04", "planned", ("Gen Nakatani", "Pete Hegseth"), ())]  # a week: its month


def test_cyrillic_name_after_a_title_is_read_and_linked() -> None:
    """A Cyrillic name the KB lacks in Russian, next to a title, is found (names.py reads capitalised
    Cyrillic words) and linked to the office holder whose name sounds alike."""
    from eventline.document import Document
    from eventline.kb import KnowledgeBase
    from eventline.pipeline.entities import EntityStage
    from eventline.pipeline.entities.names import name_after

    text = "Министр обороны Индонезии Шафри Шамсуддин прибыл в Манилу."
    assert name_after("ru", text, text.index("Шафри")) == (text.index("Шафри"), text.index(" прибыл"))
    doc = Document(id="1", path="t", raw=text, text=text, language="ru", published="2025-04-08")
    EntityStage(KnowledgeBase.default())(doc)
    people = [(m.text, m.entity_id, m.country) for m in doc.mentions if m.type == "person"]
    assert people == [("Шафри Шамсуддин", KnowledgeBase.default().search("Sjafrie Sjamsoeddin")[0].id, "ID")]


@pytest.mark.parametrize("lang", ["fr", "de", "es", "ru", "id"])
def test_each_language_has_its_data_and_date_rows(lang: str) -> None:
    for topic in ("clean", "time"):
        assert langdata.load(lang, topic), (lang, topic)
    rows = [line for line in (DATA / "time" / f"cases_{lang}.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert len(rows) >= 20


#: strict F1 (type + date + participants) on gold_<lang>.jsonl; measured fr 0.900, de 0.667, es 0.947,
#: ru 0.947, id 0.947 (each misses the AGREE that consolidation folds into its meeting)
EVENT_FLOORS = {"fr": 0.85, "de": 0.6, "es": 0.9, "ru": 0.9, "id": 0.9}


@pytest.mark.parametrize("lang", sorted(EVENT_FLOORS))
def test_event_gold_floor(lang: str) -> None:
    rows = [json.loads(line) for line in (DATA / "events" / f"gold_{lang}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert len(rows) >= 10
    result = _bench("eval_events").evaluate(rows)
    assert result.strict.f1 >= EVENT_FLOORS[lang], result.strict.line(lang)
    assert result.status_right == result.status_total


#: (precision, recall) on eval_<lang>.jsonl; measured 1.0/1.0 for fr, de, es, ru, id (de/es "Tokio"
#: and the Russian case forms of cities are names in kb/data/sites.yaml)
ENTITY_FLOORS = {"fr": (1.0, 1.0), "de": (1.0, 1.0), "es": (1.0, 1.0), "ru": (1.0, 1.0), "id": (1.0, 1.0)}


@pytest.mark.parametrize("lang", sorted(ENTITY_FLOORS))
def test_entity_eval_floor(lang: str) -> None:
    from eventline.kb import KnowledgeBase

    ev = _bench("eval_entities")
    rows = ev.load_rows(DATA / "entities" / f"eval_{lang}.jsonl")
    assert len(rows) >= 10
    scores = ev.evaluate(KnowledgeBase.default(), rows)
    p, r = ENTITY_FLOORS[lang]
    assert scores["precision"] >= p and scores["recall"] >= r, scores


@pytest.mark.parametrize("lang", ["fr", "de", "es", "ru", "id"])
def test_cleaner_on_furniture_pages(lang: str) -> None:
    ev = _bench("eval_clean")
    pages = [p for p in ev.load_pages() if p.lang == lang]
    assert len(pages) >= 3
    s = ev.evaluate(pages)[lang]  # measured 1.0 / 1.0 / 1.0 for every added language
    assert s.precision >= 0.97 and s.recall >= 0.98 and s.drop_recall >= 0.96, s.misses
