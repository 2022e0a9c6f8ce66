"""The clean stage: HTML, entities, unicode, furniture, and every refusal with its reason."""

from __future__ import annotations

import pytest

from schemas import RawArticle
from streams.clean import clean, decode_raw, normalise_text, text_fingerprint
from streams.errors import (
    BinaryContentError,
    EmptyTextError,
    InvalidJSONError,
    TooLargeError,
    UndecodableError,
    UnsupportedLanguageError,
    WrongSchemaError,
)

BODY = "Warplanes struck a fuel depot outside the town on Monday, killing three guards, officials said."


def test_html_is_reduced_to_visible_paragraphs() -> None:
    html = (
        "<html><head><title>x</title><script>var a = '<p>hidden</p>';</script></head><body>"
        "<nav>Home | World</nav><p>First &amp; foremost paragraph about the raid.</p>"
        "<div>Second<br>line</div><footer>(c) Paper</footer></body></html>"
    )
    text = normalise_text(html)
    assert text.split("\n\n") == ["First & foremost paragraph about the raid.", "Second line"]


def test_furniture_lines_are_dropped_but_copy_kept() -> None:
    text = normalise_text(f"{BODY}\n\nREAD MORE: Something else entirely\n\nAdvertisement\n\nMore copy follows here.")
    assert "READ MORE" not in text and "Advertisement" not in text
    assert text.endswith("More copy follows here.")
    # A sentence that merely contains the words is copy, not furniture.
    assert "read more about it" in normalise_text("Officials said residents could read more about it online.")


def test_unicode_and_whitespace_normalised() -> None:
    text = normalise_text("Su\u201134\u00a0jets\u200b  struck\t\tthe   ﬁeld.\r\n\r\n\r\nNext")
    assert text == "Su-34 jets struck the field.\n\nNext"


def test_id_from_message_or_from_normalised_text() -> None:
    a = clean(RawArticle(id="wire-1", text=BODY))
    assert a.id == "wire-1"
    b = clean(RawArticle(text=BODY))
    c = clean(RawArticle(text="  " + BODY.replace(" ", "  ") + "\n"))
    assert b.id == c.id == text_fingerprint(BODY)


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (RawArticle(text="   "), EmptyTextError),
        (RawArticle(text="<p> </p><script>only script</script>"), EmptyTextError),
        (RawArticle(text="x" * 2_000), TooLargeError),
        (RawArticle(text="\x00\x01\x02binary\x03\x04" * 20), BinaryContentError),
        (RawArticle(text=BODY, language="fr"), UnsupportedLanguageError),
        (RawArticle(text="Военные самолёты нанесли удар по складу топлива в понедельник, погибли три человека."),
         UnsupportedLanguageError),
        (RawArticle(text="Des avions de guerre ont frappé un dépôt de carburant près de la ville lundi, tuant trois "
                         "gardes, selon les responsables locaux qui ont parlé sous couvert d'anonymat aux journalistes "
                         "présents dans la région depuis plusieurs semaines déjà."), UnsupportedLanguageError),
    ],
)
def test_refusals(raw: RawArticle, error: type[Exception]) -> None:
    with pytest.raises(error):
        clean(raw, max_text_bytes=1_000)


def test_a_telegraphic_english_monitor_post_is_english() -> None:
    text = ("Rights Desk: Regime jet bombed a village near Falam town, Falam Township, Chin State, ~3pm 9 Apr. 4 "
            "civilians killed incl. 2 children, 6 injured (source: local info dept). #Myanmar #ChinState")
    assert clean(RawArticle(text=text), max_text_bytes=1_000).text.startswith("Rights Desk")
    # a French item of the same shape stays refused
    with pytest.raises(UnsupportedLanguageError):
        clean(RawArticle(text="Bureau local: un avion du régime a bombardé un village près de la ville de Falam, "
                              "vers 15h le 9 avril. Quatre civils tués dont deux enfants, six blessés (source: "
                              "département local). #Birmanie #Chin"), max_text_bytes=1_000)


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyTextError),
        (b"\xff\xfe\x00garbage", UndecodableError),
        (b"{not json", InvalidJSONError),
        (b"[1, 2, 3]", WrongSchemaError),
        (b'{"title": "no text field"}', WrongSchemaError),
        (b'{"text": 42}', WrongSchemaError),
    ],
)
def test_decode_raw_errors(data: bytes, error: type[Exception]) -> None:
    with pytest.raises(error) as info:
        decode_raw(data)
    assert info.value.reason  # type: ignore[attr-defined]


def test_decode_raw_accepts_minimal_article() -> None:
    raw = decode_raw(b'{"text": "hello world", "extra": 1}')
    assert raw.text == "hello world" and raw.schema_version == 1
