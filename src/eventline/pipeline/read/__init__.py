"""Pipeline stage: read. Find inputs and decode them into Documents.

`iter_inputs` walks files, folders and stdin and yields one RawDocument per document found (or a
Skip with the reason it cannot be one); `decode` turns a RawDocument into a Document whose `raw`
is the text as written (for HTML, the extracted main text).
"""

from eventline.pipeline.read.decode import decode, normalise
from eventline.pipeline.read.inputs import iter_inputs

__all__ = ["decode", "iter_inputs", "normalise"]
