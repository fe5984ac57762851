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


@pytest.mark.parametrize("lang", ["fr", "de", "es", "ru", "id"])
def test_each_language_has_its_data_and_date_rows(lang: str) -> None:
    for topic in ("clean", "time"):
        assert langdata.load(lang, topic), (lang, topic)
    rows = [line for line in (DATA / "time" / f"cases_{lang}.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert len(rows) >= 20


#: strict F1 (type + date + participants) on gold_<lang>.jsonl; measured fr 0.900, de 0.667, es 0.947
EVENT_FLOORS = {"fr": 0.85, "de": 0.6, "es": 0.9}


@pytest.mark.parametrize("lang", sorted(EVENT_FLOORS))
def test_event_gold_floor(lang: str) -> None:
    rows = [json.loads(line) for line in (DATA / "events" / f"gold_{lang}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    assert len(rows) >= 10
    result = _bench("eval_events").evaluate(rows)
    assert result.strict.f1 >= EVENT_FLOORS[lang], result.strict.line(lang)
    assert result.status_right == result.status_total


#: (precision, recall) on eval_<lang>.jsonl; measured fr 1.0/1.0, de 1.0/0.889, es 1.0/0.889
#: (de/es miss "Tokio": the KB has no German or Spanish name for Tokyo)
ENTITY_FLOORS = {"fr": (1.0, 1.0), "de": (1.0, 0.88), "es": (1.0, 0.88)}


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
