"""Kafka client configuration shared by the Faust app, the admin, publish and tail.

One place turns ``Settings`` into security arguments (aiokafka keyword arguments, or Faust
credentials), so SASL/SSL are configured the same way everywhere and the password is only unwrapped
at the moment a client is built.
"""

from __future__ import annotations

import ssl
from typing import Any

import faust

from streams.settings import Settings


class NoBrokerError(RuntimeError):
    """No bootstrap address is configured and no local broker is running."""


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
