"""The on-disk knowledge-base cache: a shortcut that is rebuilt whenever it is stale, corrupt or unwritable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import eventline.kb as kbmod
from eventline.kb import KnowledgeBase
from eventline.kb.cache import cache_dir, cache_key, load_or_build
from eventline.settings import Settings

USER_KB = """\
- id: el:test-ada-marlow
  name: Ada Marlow
  type: person
  country: GB
  names:
    en: [Ada Marlow]
    ja: [エイダ・マーロウ]
"""


class Builds:
    """A build function that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("EVENTLINE_CACHE_DIR", str(folder))
    return folder


def test_cache_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTLINE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "eventline"
    monkeypatch.setenv("EVENTLINE_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


def test_second_load_comes_from_the_cache(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "people.yaml"
    data.write_text(USER_KB, encoding="utf-8")
    build = Builds({"names": ["Ada Marlow"]})
    assert load_or_build([data], build) == {"names": ["Ada Marlow"]}
    assert load_or_build([data], build) == {"names": ["Ada Marlow"]}
    assert build.calls == 1
    assert [p.name for p in cache.iterdir()] == [f"kb-{cache_key([data])}.pickle"]


def test_changed_data_file_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "people.yaml"
    data.write_text(USER_KB, encoding="utf-8")
    load_or_build([data], Builds("old"))
    data.write_text(USER_KB.replace("Ada Marlow", "Ada Marlowe"), encoding="utf-8")
    rebuilt = Builds("new")
    assert load_or_build([data], rebuilt) == "new"
    assert rebuilt.calls == 1
    assert len(list(cache.glob("kb-*.pickle"))) == 1  # the stale file is gone


@pytest.mark.parametrize("garbage", [b"", b"not a pickle at all", b"\x80\x05\x95\xff\xff"])
def test_corrupt_cache_file_is_rebuilt_without_error(cache: Path, tmp_path: Path, garbage: bytes) -> None:
    data = tmp_path / "people.yaml"
    data.write_text(USER_KB, encoding="utf-8")
    load_or_build([data], Builds("first"))
    (cached,) = cache.glob("kb-*.pickle")
    cached.write_bytes(garbage)
    rebuilt = Builds("second")
    assert load_or_build([data], rebuilt) == "second"
    assert rebuilt.calls == 1
    assert load_or_build([data], Builds("third")) == "second"  # and written again


def test_cached_object_of_the_wrong_kind_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "people.yaml"
    data.write_text(USER_KB, encoding="utf-8")
    load_or_build([data], Builds("a string"))
    assert load_or_build([data], Builds(["a list"]), kind=list) == ["a list"]


def test_unwritable_cache_dir_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("EVENTLINE_CACHE_DIR", str(blocker / "cache"))  # cannot be created
    data = tmp_path / "people.yaml"
    data.write_text(USER_KB, encoding="utf-8")
    build = Builds("value")
    assert load_or_build([data], build) == "value"
    assert load_or_build([data], build) == "value"
    assert build.calls == 2


def test_default_knowledge_base_through_the_cache(cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "user.yaml"
    user.write_text(USER_KB, encoding="utf-8")
    settings = Settings(kb_paths=str(user))
    monkeypatch.setattr(kbmod, "_DEFAULTS", {})
    built = KnowledgeBase.default(settings)
    assert [p.suffix for p in cache.iterdir()] == [".pickle"]

    monkeypatch.setattr(kbmod, "_DEFAULTS", {})
    loaded = KnowledgeBase.default(settings)
    assert loaded is not built
    assert len(loaded) == len(built)
    assert [e.name for e in loaded.search("エイダ・マーロウ")] == ["Ada Marlow"]
    assert [e.name for e in loaded.search("Hegseth")] == [e.name for e in built.search("Hegseth")]
    day = dt.date(2025, 1, 1)
    assert loaded.holder("defense_minister", "JP", day).id == built.holder("defense_minister", "JP", day).id

    # a user file that changes is read again, not served stale from the cache
    user.write_text(USER_KB.replace("エイダ・マーロウ", "エイダ・マーロウ博士"), encoding="utf-8")
    monkeypatch.setattr(kbmod, "_DEFAULTS", {})
    fresh = KnowledgeBase.default(settings)
    assert [e.name for e in fresh.search("エイダ・マーロウ博士")] == ["Ada Marlow"]
    assert fresh.search("エイダ・マーロウ") == []


def test_two_kinds_of_cache_live_side_by_side(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    data.write_text("a: 1\n", encoding="utf-8")
    kb_build, matcher_build = Builds({"kb": 1}), Builds({"matcher": 2})
    assert load_or_build([data], kb_build) == {"kb": 1}
    assert load_or_build([data], matcher_build, name="entities-matcher") == {"matcher": 2}
    # writing one kind must not prune the other
    assert load_or_build([data], kb_build) == {"kb": 1}
    assert load_or_build([data], matcher_build, name="entities-matcher") == {"matcher": 2}
    assert (kb_build.calls, matcher_build.calls) == (1, 1)
    assert sorted(p.name.split("-")[0] for p in cache.glob("*.pickle")) == ["entities", "kb"]


def test_the_default_matcher_comes_back_from_the_cache(cache: Path) -> None:
    from eventline.pipeline.entities.lexicon import Matcher, _load_or_build_matcher

    kb = KnowledgeBase.default(Settings())
    first = _load_or_build_matcher(kb)
    assert isinstance(first, Matcher) and list(cache.glob("entities-matcher-*.pickle"))
    again = _load_or_build_matcher(kb)
    assert again is not first and isinstance(again, Matcher)
    assert sorted(again.roles) == sorted(first.roles)
