"""The error tree. Each message names the thing at fault and says how to fix it.

Only the CLI turns these into exit codes; the library raises them and never swallows them.
"""

from __future__ import annotations


class EventlineError(Exception):
    """Base class: everything eventline raises on purpose."""


class InputError(EventlineError):
    """An input file cannot be read as a document (the run records it as skipped and goes on)."""

    def __init__(self, path: str, problem: str, hint: str = "") -> None:
        self.path, self.problem, self.hint = path, problem, hint
        super().__init__(f"{path}: {problem}" + (f" ({hint})" if hint else ""))


class SettingsError(EventlineError):
    """A setting has a value outside what is allowed; the message lists the allowed values."""


class StoreError(EventlineError):
    """The store cannot be opened or is from an incompatible version."""


class KnowledgeBaseError(EventlineError):
    """A knowledge-base file is malformed; the message names the file, line and field."""


class LanguageDataError(EventlineError):
    """A per-language data file is missing or malformed."""


class MissingExtraError(EventlineError):
    """An optional dependency is needed for this feature."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs the '{extra}' extra: pip install 'eventline[{extra}]'")
