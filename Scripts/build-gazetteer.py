#!/usr/bin/env python3
"""Builds Config/gazetteer.json from the reference list of Vietnam's provincial units.

Usage: Scripts/build-gazetteer.py PATH/TO/vn-provinces.json > Config/gazetteer.json

The output is committed; the project never reads the reference at run time. Each unit keeps
its canonical name, GSO code, kind and every written form a news report may use for it;
`mergedInto` names each pre-2025 unit's successor.
"""
import json
import sys
import unicodedata

# Written forms the reference lacks that news text uses.
EXTRA_ALIASES = {
    "Hồ Chí Minh": ["TP.HCM", "TP HCM", "TPHCM", "Tp.HCM", "HCMC", "TP. HCM", "Sài Gòn", "TP Hồ Chí Minh", "Thành phố Hồ Chí Minh"],
    "Bà Rịa - Vũng Tàu": ["BR-VT", "BRVT", "Bà Rịa Vũng Tàu"],
    "Huế": ["TT-Huế", "TT Huế", "Thừa Thiên Huế", "Thừa Thiên - Huế"],
    "Hải Phòng": ["Hải phòng"],
    "Đắk Lắk": ["Đắk Lắk", "Đăk Lăk", "Đắc Lắc", "Dak Lak"],
    "Bắc Kạn": ["Bắc Cạn"],
}
# Forms that look like a province but are something else; longest match wins, so these block.
BLOCKERS = ["Thái Bình Dương", "Điện Biên Phủ", "Hồ Chí Minh", "Hà Nội Mới", "Đồng Tháp Mười"]
# Names that are also ordinary words (peace, ocean): only matched when every word is capitalised.
COMMON_WORDS = {"Hòa Bình", "Hải Dương", "Thái Bình"}


def nfc(text):
    return unicodedata.normalize("NFC", text)


def forms(entry, extra):
    out = []
    for form in [entry["name"], entry.get("ascii", "")] + entry.get("aliases", []) + entry.get("ascii_aliases", []) + extra:
        form = nfc(form).strip()
        if form and form not in out and form != "HN":
            out.append(form)
    former = entry.get("former")
    if former:
        for form in [former["name"]]:
            if form not in out:
                out.append(nfc(form))
    return out


def unit(entry, merged_into=None, era="before"):
    name = nfc(entry["name"])
    result = {
        "name": name,
        "code": entry["code"],
        "kind": "city" if entry["kind"].startswith("thành phố") else "province",
        "forms": forms(entry, EXTRA_ALIASES.get(name, [])),
        "commonWord": name in COMMON_WORDS,
    }
    if merged_into is not None:
        result["mergedInto"] = merged_into
    former = entry.get("former")
    if former:
        result["formerName"] = nfc(former["name"])
        result["formerUntil"] = former["until"]
    return result


def main():
    reference = json.load(open(sys.argv[1], encoding="utf-8"))
    merged = reference["merged_into"]
    before = [unit(e, nfc(merged[e["name"]]["new"])) for e in reference["before_2025"]]
    after = [unit(e) for e in reference["from_2025_07_01"]]
    assert len(before) == 63 and len(after) == 34
    json.dump({
        "schema": 1,
        "mergerDate": "2025-07-01",
        "source": "Built by Scripts/build-gazetteer.py from a reference list of Vietnam's provincial units (GSO codes, Resolution 202/2025/QH15).",
        "before2025": before,
        "from20250701": after,
        "blockers": BLOCKERS,
    }, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


main()
