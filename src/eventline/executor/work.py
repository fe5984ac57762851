"""The unit of work every executor runs: decode one raw input and pass it through the stages."""

from __future__ import annotations

from dataclasses import dataclass

from eventline.document import Document, RawDocument, Skip
from eventline.pipeline.base import Pipeline, StageFailure
from eventline.settings import Settings
from eventline.store.codec import DocumentRecord


#: One line per language, each with a title next to a name the knowledge base does not know, so
#: that the analysers for unknown names (jieba, fugashi) load their dictionaries too.
_WARM_UP = (
    "2024年5月3日\n国防部长张三丰在北京会见了来访的外交部长李四光。\n",
    "2024年5月3日\n防衛大臣の山田太郎氏は東京で会談した。\n",
    "May 3, 2024\nDefense Minister John Examplename met Foreign Minister Jane Sample in Hanoi.\n",
    "2024년 5월 3일\n홍길동 국방장관은 서울에서 회담했다.\n",
    "Ngày 3 tháng 5 năm 2024\nBộ trưởng Quốc phòng Nguyễn Văn Mẫu đã hội đàm tại Hà Nội.\n",
)


@dataclass(slots=True)
class Known:
    """An input whose document is already in the store: nothing to redo."""

    path: str
    doc_id: str


class Worker:
    """Holds the stages (built once per process) and processes inputs one by one."""

    def __init__(self, settings: Settings, known_ids: frozenset[str] = frozenset()) -> None:
        from eventline.pipeline import build_pipeline

        self.settings = settings
        self.known_ids = known_ids
        self.pipeline: Pipeline = build_pipeline(settings)
        self._warm_up()

    def _warm_up(self) -> None:
        """Run one small document per language through the stages, so that lazily built
        resources (automata, tokenizer dictionaries) exist before an executor forks workers."""
        from eventline.document import content_id

        for text in _WARM_UP:
            self.pipeline(Document(id=content_id(text), path="<warm-up>", raw=text))

    def __call__(self, raw: RawDocument) -> DocumentRecord | Skip | Known:
        """The document ready for the store (see DocumentRecord), or why there is none."""
        doc = self.process(raw)
        return DocumentRecord.of(doc) if isinstance(doc, Document) else doc

    def process(self, raw: RawDocument) -> Document | Skip | Known:
        from eventline.pipeline.read import decode

        decoded = decode(raw, self.settings)
        if isinstance(decoded, Skip):
            return decoded
        if decoded.id in self.known_ids:
            return Known(raw.path, decoded.id)
        try:
            return self.pipeline(decoded)
        except StageFailure as exc:
            return Skip(raw.path, str(exc))

    def batch(self, raws: list[RawDocument]) -> list[DocumentRecord | Skip | Known]:
        return [self(raw) for raw in raws]
