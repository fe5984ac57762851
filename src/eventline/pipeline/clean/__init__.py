"""Pipeline stage: clean. Turns a scraped page into the article text every offset refers to.

`clean_text(raw)` removes page furniture (sidebars, rankings, prompts, copyright, date and
attribution lines, read-more links), repeats (a page printed twice, recurring blocks, teasers,
doubled phrases) and reads the page's title, date, author and cited sources. `CleanStage` runs
it on a Document. Language knowledge is in `lang/data/<code>/clean.yaml` and `outlets.yaml`.
"""

from eventline.pipeline.clean.core import CleanResult, clean_text
from eventline.pipeline.clean.stage import CleanStage

__all__ = ["CleanResult", "CleanStage", "clean_text"]
