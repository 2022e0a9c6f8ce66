"""The three stages composed in one process: what ``strikewire extract`` and the benchmark ceiling run.

The Faust agents run the very same stage objects, one stage per agent; this module exists so that the
service's output can be produced (and scored) without Kafka, and so that the in-process ceiling and
the streamed path provably share code.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from schemas import ArticleReport, CleanArticle, DeadLetter, RawArticle
from streams.clean import clean
from streams.detect import detect
from streams.errors import StageError, reason_of
from streams.nlp import EntityStage
from streams.settings import Settings


@dataclass
class Extractor:
    """Clean, entities and detect over batches of raw articles, in-process."""

    settings: Settings
    entity_stage: EntityStage

    @classmethod
    def build(cls, settings: Settings) -> Extractor:
        """Load the NLP pipeline once (raises ModelNotInstalledError when the model is missing)."""
        return cls(settings=settings, entity_stage=EntityStage.build(settings))

    def clean_one(self, raw: RawArticle) -> CleanArticle | DeadLetter:
        try:
            return clean(
                raw, max_text_bytes=self.settings.max_text_bytes, min_text_chars=self.settings.min_text_chars
            )
        except StageError as exc:
            return DeadLetter(
                stage="clean",
                reason=reason_of(exc),
                error_type=type(exc).__name__,
                message=str(exc),
                article_id=raw.id,
            )

    def run_batch(self, raws: Sequence[RawArticle]) -> list[ArticleReport | DeadLetter]:
        """One result per input, in input order: a report, or a dead letter saying why not."""
        cleaned = [self.clean_one(r) for r in raws]
        ok = [c for c in cleaned if isinstance(c, CleanArticle)]
        reports = iter(detect(self.entity_stage(ok)))
        return [next(reports) if isinstance(c, CleanArticle) else c for c in cleaned]

    def run(self, raws: Iterable[RawArticle], batch_size: int | None = None) -> Iterator[ArticleReport | DeadLetter]:
        size = batch_size or self.settings.batch_size
        batch: list[RawArticle] = []
        for raw in raws:
            batch.append(raw)
            if len(batch) >= size:
                yield from self.run_batch(batch)
                batch = []
        if batch:
            yield from self.run_batch(batch)
