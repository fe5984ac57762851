"""eventline: multilingual news text to a sourced timeline of PLOVER events."""

__version__ = "0.1.0"
