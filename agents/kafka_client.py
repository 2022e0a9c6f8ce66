"""Kafka client configuration shared by the Faust app, the admin, publish and tail.

One place turns ``Settings`` into security arguments (aiokafka keyword arguments, or Faust
credentials), so SASL/SSL are configured the same way everywhere and the password is only unwrapped
at the moment a client is built.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
from typing import Any

import faust

from streams.settings import Settings


class NoBrokerError(RuntimeError):
    """No bootstrap address is configured and no local broker is running."""


class BrokerUnreachableError(NoBrokerError):
    """No broker answers at the bootstrap address (yet): connection refused or timed out."""


class KafkaAuthError(RuntimeError):
    """A broker answers but refuses us: TLS handshake or SASL authentication failed. Retrying will not help."""


def ssl_context(settings: Settings) -> ssl.SSLContext | None:
    if settings.security_protocol not in {"SSL", "SASL_SSL"}:
        return None
    ctx = ssl.create_default_context(cafile=str(settings.ssl_cafile) if settings.ssl_cafile else None)
    if settings.ssl_certfile:
        ctx.load_cert_chain(
            str(settings.ssl_certfile),
            str(settings.ssl_keyfile) if settings.ssl_keyfile else None,
            settings.ssl_key_password.get_secret_value() if settings.ssl_key_password else None,
        )
    return ctx


def aiokafka_security(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for aiokafka producers, consumers and admin clients."""
    kw: dict[str, Any] = {"security_protocol": settings.security_protocol}
    ctx = ssl_context(settings)
    if ctx is not None:
        kw["ssl_context"] = ctx
    if settings.security_protocol.startswith("SASL"):
        kw["sasl_mechanism"] = settings.sasl_mechanism
        kw["sasl_plain_username"] = settings.sasl_username
        kw["sasl_plain_password"] = settings.sasl_password.get_secret_value() if settings.sasl_password else None
    return kw


def faust_credentials(settings: Settings) -> faust.types.auth.CredentialsT | None:
    """Faust's broker_credentials for the configured security protocol."""
    ctx = ssl_context(settings)
    if settings.security_protocol.startswith("SASL"):
        return faust.SASLCredentials(
            username=settings.sasl_username,
            password=settings.sasl_password.get_secret_value() if settings.sasl_password else None,
            mechanism=settings.sasl_mechanism,
            ssl_context=ctx,
        )
    if ctx is not None:
        return faust.SSLCredentials(ctx)
    return None


def resolve_bootstrap(settings: Settings) -> str:
    """``KAFKA_BOOTSTRAP_SERVERS`` when set, else the running local broker, else a clear error."""
    if settings.kafka_bootstrap_servers:
        return settings.kafka_bootstrap_servers
    from agents import localkafka

    st = localkafka.status(localkafka.default_state_dir(settings))
    if st and st.get("running") and st.get("bootstrap"):
        return str(st["bootstrap"])
    raise NoBrokerError(
        "no Kafka broker: set KAFKA_BOOTSTRAP_SERVERS=host:port, or start the project's local broker "
        "with `strikewire kafka up`"
    )


async def check_broker(settings: Settings, bootstrap: str, *, wait_s: float = 10.0) -> None:
    """Connect and authenticate to the first bootstrap broker that answers, the way every client will.

    Raises :class:`BrokerUnreachableError` when none accepts a TCP connection (worth waiting for: the broker
    may be restarting) and :class:`KafkaAuthError` when one answers but the TLS handshake or the SASL login
    fails (not worth waiting for; the message says which and never contains the password). aiokafka's own
    bootstrap reports both as "Unable to bootstrap", which would make bad credentials look like an outage.
    """
    from aiokafka.conn import create_conn
    from aiokafka.errors import KafkaError

    reachable: list[str] = []
    for hostport in [h.strip() for h in bootstrap.split(",") if h.strip()]:
        host, _, port = hostport.rpartition(":")
        try:
            with socket.create_connection((host.strip("[]"), int(port)), timeout=wait_s):
                pass
        except OSError:
            continue
        reachable.append(hostport)
        sec = aiokafka_security(settings)
        try:
            conn = await asyncio.wait_for(
                create_conn(host.strip("[]"), int(port), client_id="strikewire-check",
                            request_timeout_ms=int(wait_s * 1000), **sec),
                wait_s,
            )
        except (ssl.SSLError, KafkaError) as exc:
            who = f" as {settings.sasl_username!r}" if settings.security_protocol.startswith("SASL") else ""
            raise KafkaAuthError(
                f"Kafka at {hostport} refused the {settings.security_protocol} connection{who}: "
                f"{type(exc).__name__}: {exc}"
            ) from None
        except (TimeoutError, OSError):
            continue
        with contextlib.suppress(Exception):
            conn.close()
        return
    raise BrokerUnreachableError(
        f"no Kafka broker answers at {bootstrap}" + (f" (TCP ok at {', '.join(reachable)})" if reachable else "")
    )
