"""Security against a real broker: SASL_SSL with SCRAM-SHA-512, and SSL with client certificates.

A broker of its own (``agents.localkafka``) is started for this module with two extra listeners: SASL_SSL
(SCRAM-SHA-512 users created when the storage is formatted) and SSL requiring a client certificate. The
CA, the broker's certificate (SAN 127.0.0.1) and a client certificate are made here with ``openssl``.
The worker and the publisher run as users run them (``python -m agents.cli``), configured only through
the environment; the password must work, a wrong one must fail at once with a clear message, and the
password must never reach a log line.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from pydantic import SecretStr

from agents import localkafka
from agents.kafka_client import KafkaAuthError, aiokafka_security, check_broker
from agents.topics import TopicNames
from bench import ports
from streams.settings import Settings
from tests.integration.conftest import REPO

pytestmark = pytest.mark.integration

USER = "alice"
PASSWORD = f"pw-{uuid.uuid4().hex}"  # unique, so that finding it in a log means it leaked


@dataclass
class SecureBroker:
    plaintext: str
    sasl_ssl: str
    ssl: str
    certs: Path
    state_dir: Path

    @property
    def ca(self) -> Path:
        return self.certs / "ca.pem"


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_certs(d: Path) -> None:
    """A throwaway CA, a broker certificate for 127.0.0.1/localhost and a client certificate."""
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
             "-subj", "/CN=strikewire-test-ca", cwd=d)
    for name, cn, ext in (("broker", "localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost"),
                          ("client", "strikewire-client", "extendedKeyUsage=clientAuth")):
        _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr",
                 "-subj", f"/CN={cn}", cwd=d)
        (d / f"{name}.ext").write_text(ext + "\n")
        _openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                 "-out", f"{name}.crt", "-days", "2", "-extfile", f"{name}.ext", cwd=d)
    # Kafka's PEM key store: the (PKCS#8, unencrypted) private key followed by the certificate.
    (d / "broker-keystore.pem").write_text((d / "broker.key").read_text() + (d / "broker.crt").read_text())


@pytest.fixture(scope="module")
def secure_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SecureBroker]:
    """A broker with SASL_SSL (SCRAM-SHA-512) and mutual-TLS SSL listeners, for this module only."""
    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed to make the test certificates (apt-get install openssl)")
    certs = tmp_path_factory.mktemp("certs")
    make_certs(certs)
    state = tmp_path_factory.mktemp("secure-kafka")
    props = {
        "ssl.keystore.type": "PEM",
        "ssl.keystore.location": str(certs / "broker-keystore.pem"),
        "ssl.truststore.type": "PEM",
        "ssl.truststore.location": str(certs / "ca.pem"),
        "listener.name.ssl.ssl.client.auth": "required",
        "sasl.enabled.mechanisms": "SCRAM-SHA-512",
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config":
            "org.apache.kafka.common.security.scram.ScramLoginModule required;",
    }
    try:
        plaintext = localkafka.up(state, extra_properties=props, extra_listeners={"SASL_SSL": 0, "SSL": 0},
                                  scram_users={USER: PASSWORD})
        listeners = (localkafka.status(state) or {})["listeners"]
        yield SecureBroker(plaintext, listeners["SASL_SSL"], listeners["SSL"], certs, state)
    finally:
        localkafka.down(state)


def sasl_settings(broker: SecureBroker, password: str = PASSWORD, **kw: object) -> Settings:
    return Settings(kafka_bootstrap_servers=broker.sasl_ssl, security_protocol="SASL_SSL",
                    sasl_mechanism="SCRAM-SHA-512", sasl_username=USER, sasl_password=SecretStr(password),
                    ssl_cafile=broker.ca, **kw)  # type: ignore[arg-type]


def sasl_env(broker: SecureBroker, tmp: Path, password: str = PASSWORD) -> dict[str, str]:
    run = uuid.uuid4().hex[:8]
    return dict(
        os.environ,
        KAFKA_BOOTSTRAP_SERVERS=broker.sasl_ssl,
        STRIKEWIRE_SECURITY_PROTOCOL="SASL_SSL",
        STRIKEWIRE_SASL_MECHANISM="SCRAM-SHA-512",
        STRIKEWIRE_SASL_USERNAME=USER,
        STRIKEWIRE_SASL_PASSWORD=password,
        STRIKEWIRE_SSL_CAFILE=str(broker.ca),
        STRIKEWIRE_TOPIC_PREFIX=f"sec{run}.",
        STRIKEWIRE_APP_ID=f"strikewire-sec{run}",
        STRIKEWIRE_STATE_DIR=str(tmp / "state"),
        STRIKEWIRE_WEB_PORT=str(ports.worker_port_block()),
        STRIKEWIRE_TOPIC_PARTITIONS="2",
        PYTHONPATH=str(REPO),
    )


def test_scram_credentials_are_checked_before_anything_else(secure_broker: SecureBroker) -> None:
    asyncio.run(check_broker(sasl_settings(secure_broker), secure_broker.sasl_ssl))
    with pytest.raises(KafkaAuthError) as err:
        asyncio.run(check_broker(sasl_settings(secure_broker, "not-the-password"), secure_broker.sasl_ssl))
    assert "SASL_SSL" in str(err.value) and USER in str(err.value)
    assert "not-the-password" not in str(err.value)
    # No certificate authority: the broker's certificate is not trusted.
    untrusted = sasl_settings(secure_broker).model_copy(update={"ssl_cafile": None})
    with pytest.raises(KafkaAuthError, match="SSL|CERTIFICATE|certificate"):
        asyncio.run(check_broker(untrusted, secure_broker.sasl_ssl))


def test_mutual_tls_client_certificate(secure_broker: SecureBroker) -> None:
    """The SSL listener requires a client certificate: with one, produce and consume; without, refused."""
    c = secure_broker.certs
    good = Settings(security_protocol="SSL", ssl_cafile=c / "ca.pem", ssl_certfile=c / "client.crt",
                    ssl_keyfile=c / "client.key")
    topic = f"mtls-{uuid.uuid4().hex[:8]}"

    async def roundtrip() -> bytes:
        producer = AIOKafkaProducer(bootstrap_servers=secure_broker.ssl, acks="all", enable_idempotence=True,
                                    **aiokafka_security(good))
        await producer.start()
        try:
            await producer.send_and_wait(topic, b"over mutual TLS", key=b"k")
        finally:
            await producer.stop()
        consumer = AIOKafkaConsumer(topic, bootstrap_servers=secure_broker.ssl, auto_offset_reset="earliest",
                                    **aiokafka_security(good))
        await consumer.start()
        try:
            rec = await asyncio.wait_for(consumer.getone(), 30)
            return bytes(rec.value or b"")
        finally:
            await consumer.stop()

    assert asyncio.run(roundtrip()) == b"over mutual TLS"
    no_cert = Settings(security_protocol="SSL", ssl_cafile=c / "ca.pem")
    with pytest.raises(KafkaAuthError):
        asyncio.run(check_broker(no_cert, secure_broker.ssl))


def test_worker_and_publish_over_sasl_ssl_and_the_password_never_logged(
    secure_broker: SecureBroker, tmp_path: Path
) -> None:
    env = sasl_env(secure_broker, tmp_path)
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as fh:
        worker = subprocess.Popen([sys.executable, "-m", "agents.cli", "worker"], env=env, stdout=fh,
                                  stderr=subprocess.STDOUT, cwd=REPO)
    try:
        article = {"id": "sec-1", "text": "Officials said the council approved the budget for the new library "
                                          "and the school on Tuesday after a long debate."}
        pub = subprocess.run([sys.executable, "-m", "agents.cli", "publish", "--quiet", "-"], env=env, cwd=REPO,
                             input=orjson.dumps(article), capture_output=True, timeout=120)
        assert pub.returncode == 0, pub.stderr.decode()
        topics = TopicNames(env["STRIKEWIRE_TOPIC_PREFIX"])
        settings = sasl_settings(secure_broker)

        async def wait_report() -> dict[str, object]:
            consumer = AIOKafkaConsumer(topics.enriched, bootstrap_servers=secure_broker.sasl_ssl,
                                        auto_offset_reset="earliest", **aiokafka_security(settings))
            await consumer.start()
            try:
                deadline = time.monotonic() + 180
                while time.monotonic() < deadline:
                    for recs in (await consumer.getmany(timeout_ms=500)).values():
                        for rec in recs:
                            return dict(orjson.loads(rec.value or b"{}"))
                raise AssertionError("no report within 180 s")
            finally:
                await consumer.stop()

        report = asyncio.run(wait_report())
        assert report["article_id"] == "sec-1" and report["is_strike"] is False
    finally:
        worker.terminate()
        worker.wait(timeout=90)
    text = log_path.read_text(errors="replace")
    assert "'sasl_password': '**********'" in text  # the start-up settings dump is masked
    assert "Authenticated as alice via SCRAM-SHA-512" in text or "alice" in text
    assert PASSWORD not in text
    assert PASSWORD not in pub.stdout.decode() + pub.stderr.decode()
    assert PASSWORD not in localkafka.log_tail(secure_broker.state_dir, 100_000)


def test_wrong_password_fails_clearly_and_fast(secure_broker: SecureBroker, tmp_path: Path) -> None:
    wrong = f"wrong-{uuid.uuid4().hex}"
    env = sasl_env(secure_broker, tmp_path, password=wrong)
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "agents.cli", "worker"], env=env, cwd=REPO, capture_output=True,
                          timeout=120)
    out = (proc.stdout + proc.stderr).decode(errors="replace")
    assert proc.returncode == 2, out
    assert time.monotonic() - started < 60
    assert "refused the SASL_SSL connection as 'alice'" in out
    assert "Authentication failed" in out or "SaslAuthenticationFailed" in out
    assert wrong not in out and "Traceback" not in out
    pub = subprocess.run([sys.executable, "-m", "agents.cli", "publish", "--quiet", "-"], env=env, cwd=REPO,
                         input=b'{"id": "x", "text": "never sent"}', capture_output=True, timeout=120)
    assert pub.returncode != 0
    assert wrong not in (pub.stdout + pub.stderr).decode(errors="replace")


def test_settings_dump_masks_every_secret() -> None:
    s = Settings(sasl_password=SecretStr("hunter2-sasl"), ssl_key_password=SecretStr("hunter2-key"))
    dump = repr(s.masked_dump()) + repr(s) + str(s)
    assert "hunter2" not in dump
