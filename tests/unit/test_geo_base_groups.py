"""One-theatre armed groups as country evidence (``streams.geo_base.group_theatres``)."""

from __future__ import annotations

from streams.geo_base import group_theatres


def test_one_theatre_forces_name_their_country() -> None:
    assert group_theatres("an official of the township's National Unity Government administration said") == {"MM"}
    assert group_theatres("the Fano militia said") == {"ET"}
    assert group_theatres("khwarij belonging to the Indian proxy Fitna al Khwarij") == {"PK"}
    assert group_theatres("Communique of the Azawad Liberation Front (FLA).") == {"ML"}
    assert group_theatres("Kataib Hezbollah said the drone hit its base") == {"IQ"}
    assert group_theatres("Hezbollah fighters") == {"LB"}


def test_names_several_governments_use_are_no_theatre() -> None:
    # Somalia's government calls al-Shabaab "Khawarij" too; a bare "PDF" is a file
    assert group_theatres("an air operation against Khawarij hideouts in the village of Yontoy") == set()
    assert group_theatres("the report, published as a PDF") == set()


def test_the_rapid_support_militia_names_sudan() -> None:
    assert group_theatres("The terrorist Rapid Support militia targeted a mosque") == {"SD"}
    assert group_theatres("a rapid support role") == set()
