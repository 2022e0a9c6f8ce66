"""Input checks a command runs before it touches Kafka: one clear line with the fix, exit code 2.

A newcomer's first mistakes are a mistyped file name, a folder they cannot read, a topic name from
another project and a broker that is not running. Left to the clients, each of these surfaces late (the
missing file after a broker error) or as an aiokafka traceback; checked here, each is one line that says
what is wrong and what to do, and ``agents.cli.main`` turns :class:`InputError` into exit code 2.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from pathlib import Path

from streams.settings import Settings

#: Seconds a command waits for the bootstrap broker to accept a connection before it gives up.
BROKER_CHECK_S = 5.0


class InputError(Exception):
    """A command's input is wrong; the message is one line that includes the fix."""


def check_paths(paths: Sequence[str]) -> None:
    """Every named file exists and is readable; every folder can be listed and holds at least one file."""
    for raw in paths:
        if raw == "-":
            continue
        path = Path(raw)
        if not path.exists():
            hint = f" (did you mean {path.with_suffix('.jsonl')}?)" if path.with_suffix(".jsonl").exists() else ""
            raise InputError(f"no such file or folder: {raw}{hint}; check the path, or use '-' to read stdin")
        if path.is_dir():
            if not os.access(path, os.R_OK | os.X_OK):
                raise InputError(f"cannot read folder {raw}: permission denied; fix its permissions "
                                 f"(chmod u+rx {raw}) or run as its owner")
            try:
                has_file = any(p.is_file() and not p.name.startswith(".") for p in path.rglob("*"))
            except OSError as exc:
                raise InputError(f"cannot read folder {raw}: {exc.strerror or exc}; fix its permissions") from None
            if not has_file:
                raise InputError(f"folder {raw} holds no article files; put .jsonl, .json, .txt or .html files in it")
        elif not os.access(path, os.R_OK):
            raise InputError(f"cannot read file {raw}: permission denied; fix its permissions (chmod u+r {raw})")


def check_topic(name: str, prefix: str) -> str:
    """The prefixed name of a topic the service knows, or an error listing the known ones."""
    from agents.topics import ALL, TopicNames

    try:
        return TopicNames(prefix).resolve(name)
    except KeyError:
        raise InputError(f"unknown topic {name!r}; use one of: {', '.join(ALL)}"
                         + (f" (prefix {prefix!r} is added for you)" if prefix else "")) from None


def check_broker(settings: Settings, bootstrap: str, *, wait_s: float = BROKER_CHECK_S) -> None:
    """A broker answers at ``bootstrap`` (and accepts our credentials) within ``wait_s`` seconds."""
    from agents.kafka_client import BrokerUnreachableError, KafkaAuthError
    from agents.kafka_client import check_broker as probe

    try:
        asyncio.run(probe(settings, bootstrap, wait_s=wait_s))
    except BrokerUnreachableError:
        fix = ("start one with `strikewire kafka up`, or unset KAFKA_BOOTSTRAP_SERVERS to use the local one"
               if settings.kafka_bootstrap_servers else "start the local one with `strikewire kafka up`")
        raise InputError(f"no Kafka broker answers at {bootstrap}; check KAFKA_BOOTSTRAP_SERVERS or {fix}") from None
    except KafkaAuthError as exc:
        raise InputError(f"{exc}; check STRIKEWIRE_SECURITY_PROTOCOL and the SASL/SSL settings") from None
