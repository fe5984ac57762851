"""Language knowledge as data: `lang/data/<code>/<topic>.yaml`, hand-edited, loaded lazily.

Adding a language means adding its folder of data files and test rows, not touching the engine.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from eventline.errors import LanguageDataError

#: libyaml's loader reads the same data about ten times faster than the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Languages with bundled data. A stage asked for another language falls back to "en" cues where
#: that is meaningful (Latin-script patterns) and otherwise does nothing for it.
DATA_ROOT = resources.files("eventline.lang") / "data"


def languages(topic: str) -> list[str]:
    """Codes of the languages that have a data file for `topic`."""
    out = []
    for entry in DATA_ROOT.iterdir():
        if entry.is_dir() and (entry / f"{topic}.yaml").is_file():
            out.append(entry.name)
    return sorted(out)


@lru_cache(maxsize=None)
def load(lang: str, topic: str) -> dict[str, Any]:
    """The data for one language and topic, or {} when that language has none for it."""
    path = DATA_ROOT / lang / f"{topic}.yaml"
    if not path.is_file():
        return {}
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}
    except yaml.YAMLError as exc:
        raise LanguageDataError(
            f"lang/data/{lang}/{topic}.yaml is not valid YAML: {exc}; fix the file's syntax"
        ) from exc
    if not isinstance(data, dict):
        raise LanguageDataError(
            f"lang/data/{lang}/{topic}.yaml must hold a mapping at the top level, not {type(data).__name__}"
        )
    return data
