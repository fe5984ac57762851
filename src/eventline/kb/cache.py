"""An on-disk cache of the parsed knowledge base, so that a run does not re-read seconds of YAML.

The cache file is a pickle of the `KnowledgeBase` in the user's cache folder
(`$EVENTLINE_CACHE_DIR`, else `$XDG_CACHE_HOME/eventline`, else `~/.cache/eventline`; never inside
the installed package). Its name carries a hash of everything the parsed result depends on: the
bytes of every data file read (bundled and the user's), the source of the `kb` package and the data
model, the versions of eventline, Python and the libraries that parse or fold names. A changed
file therefore names another cache file, and a stale one is never read.

The cache is only ever a shortcut: a missing, unreadable or corrupt file is rebuilt from the data,
and a folder that cannot be written is left alone (the knowledge base is then built every run).
Files are written to a temporary name and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

#: bump when the layout of the cache file changes
CACHE_FORMAT = 1
#: libraries whose behaviour shapes the parsed knowledge base (YAML parsing, name folding, codes)
_LIBRARIES = ("PyYAML", "OpenCC", "pycountry", "Unidecode")
_PREFIX = "kb-"

T = TypeVar("T")


def cache_dir() -> Path:
    """Where eventline keeps its caches: EVENTLINE_CACHE_DIR, XDG_CACHE_HOME/eventline, ~/.cache/eventline."""
    explicit = os.environ.get("EVENTLINE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "eventline"


def _code_files() -> list[Path]:
    """The source files whose code decides what a parsed knowledge base holds."""
    import eventline

    package = Path(eventline.__file__).resolve().parent
    return sorted((package / "kb").glob("*.py")) + [package / "document.py"]


def _library_versions() -> str:
    from importlib import metadata

    out = []
    for name in _LIBRARIES:
        try:
            out.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}=-")
    return ";".join(out)


def cache_key(data_files: Iterable[str | Path]) -> str:
    """A hash of the data files (names and bytes), the kb code and the versions around it."""
    import eventline

    h = hashlib.sha256()
    h.update(f"format={CACHE_FORMAT};eventline={eventline.__version__};python={sys.version};".encode())
    h.update(_library_versions().encode())
    for group in (_code_files(), [Path(p) for p in data_files]):
        for path in group:
            h.update(b"\0" + str(path).encode("utf-8", "surrogateescape") + b"\0")
            h.update(path.read_bytes())
    return h.hexdigest()[:32]


def kb_data_files(user_paths: Iterable[str]) -> list[Path]:
    """Every file the default knowledge base is read from: all of kb/data (entities, roles, meta)
    and the user's files (settings.kb_paths, ./eventline-kb/)."""
    from eventline.kb.loader import DATA_ROOT, user_files

    root = Path(str(DATA_ROOT))
    return sorted(p for p in root.rglob("*") if p.is_file()) + list(user_files(user_paths))


def load_or_build(data_files: Iterable[str | Path], build: Callable[[], T], kind: type | None = None,
                  name: str = "kb") -> T:
    """The object `build()` returns for these data files, read from the cache when it is there.

    `kind`, when given, is the type the cached object must have (anything else counts as corrupt).
    Any failure to read or write the cache falls back to `build()`; errors of `build()` itself
    (a broken data file) propagate as they would without a cache.
    """
    try:
        folder = cache_dir()
        prefix = _PREFIX if name == "kb" else f"{name}-"
        path = folder / f"{prefix}{cache_key(data_files)}.pickle"
    except (OSError, RuntimeError):  # a data file vanished, or no home folder: no cache
        return build()
    cached = _read(path, kind)
    if cached is not None:
        return cached
    value = build()
    _write(folder, path, value, prefix)
    return value


def _read(path: Path, kind: type | None) -> object | None:
    enabled = gc.isenabled()
    gc.disable()  # a few hundred thousand small objects: collections during the load only cost time
    try:
        with open(path, "rb") as fh:
            value = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # truncated, corrupt or written by an incompatible version: rebuild it
        _remove(path)
        return None
    finally:
        if enabled:
            gc.enable()
    if kind is not None and not isinstance(value, kind):
        _remove(path)
        return None
    return value


def _write(folder: Path, path: Path, value: object, prefix: str = _PREFIX) -> None:
    """Write atomically (temporary file, then rename); give up silently when the folder is not writable."""
    tmp: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".pickle", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
    except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
        return
    finally:
        if tmp is not None:
            _remove(Path(tmp))
    for old in folder.glob(f"{prefix}*.pickle"):  # caches of earlier data or versions, same kind
        if old != path:
            _remove(old)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
