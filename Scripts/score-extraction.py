#!/usr/bin/env python3
"""Scores `ingest extract` against a folder of annotated articles (NNN.txt + NNN.json, the schema of
Tests/MeetingExtractionTests/Fixtures), the way AnnotatedScoreTests does, so that any binary can be scored on any
set, including sets kept outside the project so that they stay unseen.

    Scripts/score-extraction.py [--ingest PATH] [--verbose] FOLDER...
"""
import argparse, json, os, re, subprocess, sys, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class Tally:
    def __init__(self): self.tp = self.fp = self.fn = 0
    def add(self, expected, found):
        self.tp += len(expected & found); self.fp += len(found - expected); self.fn += len(expected - found)
    def f1(self):
        p = 1 if self.tp + self.fp == 0 else self.tp / (self.tp + self.fp)
        r = 1 if self.tp + self.fn == 0 else self.tp / (self.tp + self.fn)
        return p, r, (0 if p + r == 0 else 2 * p * r / (p + r))


class Accuracy:
    def __init__(self): self.right = self.total = 0
    def add(self, ok): self.total += 1; self.right += bool(ok)
    def __str__(self): return f"{(self.right / self.total if self.total else 1):.3f} ({self.right}/{self.total})"


# Old and new tone placement (`Tỉnh uỷ`/`Tỉnh ủy`, `Hoà`/`Hòa`) compare equal: the extractor writes the new one
# whatever the text uses, and annotators copy the text.
TONE_MOVES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe",
              "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
TONE_PATTERN = re.compile("(" + "|".join(list(TONE_MOVES) + [k.capitalize() for k in TONE_MOVES]) + r")(?![^\W\d_])")


def nfc(text):
    if not text: return text
    text = unicodedata.normalize("NFC", text)
    return TONE_PATTERN.sub(lambda m: TONE_MOVES[m.group(1).lower()] if m.group(1).islower() else TONE_MOVES[m.group(1).lower()].capitalize(), text)


class ExtractionFailed(Exception):
    pass


def extract(ingest, path, published):
    """The record `ingest extract` prints for `path`; ExtractionFailed, saying why, when it prints none (scored as an
    empty record, a crash would read as misses, and a folder of them as a bad extractor rather than a broken run)."""
    command = [ingest, "extract", "--config", os.path.join(ROOT, "Config/cluster.toml"), path]
    if published: command += ["--published", published]
    try:
        run = subprocess.run(command, capture_output=True, text=True)
    except OSError as error:
        raise ExtractionFailed(f"cannot run {ingest}: {error.strerror}")
    output = run.stdout.strip().splitlines()
    try:
        record = json.loads(output[-1]) if run.returncode == 0 and output else None
    except ValueError:
        record = None
    if not isinstance(record, dict):
        said = (run.stderr.strip().splitlines() or ["no record printed"])[-1]
        raise ExtractionFailed(f"{path}: ingest extract exited {run.returncode}: {said}")
    return record


def score(ingest, folders, verbose):
    provinces, roles, names, titles, homes, cochairs = Tally(), Tally(), Tally(), Tally(), Tally(), Tally()
    chair, date, fmt, span = Accuracy(), Accuracy(), Accuracy(), Accuracy()
    misses, count = [], 0
    for folder in folders:
        try:
            files = sorted(f for f in os.listdir(folder) if f.endswith(".txt"))
        except OSError as error:
            sys.exit(f"score-extraction: cannot read the folder {folder}: {error.strerror}")
        for file in files:
            gold_path = os.path.join(folder, file[:-4] + ".json")
            if not os.path.exists(gold_path): continue
            gold = json.load(open(gold_path, encoding="utf-8"))
            try:
                record = extract(ingest, os.path.join(folder, file), gold.get("published"))
            except ExtractionFailed as failure:
                sys.exit(f"score-extraction: {failure}; nothing scored")
            count += 1
            key = f"{os.path.basename(folder)}/{file[:-4]}"
            provinces.add({nfc(p["name"]) for p in gold["provinces"]}, {nfc(p["name"]) for p in record.get("provinces", [])})
            roles.add({nfc(p["name"]) + "/" + r for p in gold["provinces"] for r in p["roles"]},
                      {nfc(p["name"]) + "/" + r for p in record.get("provinces", []) for r in p["roles"]})
            found_people = record.get("participants", [])
            names.add({nfc(p["name"]) for p in gold["participants"]}, {nfc(p["name"]) for p in found_people})
            titles.add({nfc(p["name"]) + "/" + nfc(t) for p in gold["participants"] for t in p["titles"]},
                       {nfc(p["name"]) + "/" + nfc(t) for p in found_people for t in p["titles"]})
            homes.add({nfc(p["name"]) + "/" + (nfc(p.get("province")) or "-") for p in gold["participants"]},
                      {nfc(p["name"]) + "/" + (nfc(p.get("province")) or "-") for p in found_people})
            if "coChairs" in gold:
                cochairs.add({nfc(p["name"]) for p in gold["coChairs"] or []}, {nfc(p["name"]) for p in record.get("coChairs", [])})
            if gold.get("chair"):
                got = nfc((record.get("chair") or {}).get("name"))
                chair.add(got == nfc(gold["chair"]["name"]))
                if got != nfc(gold["chair"]["name"]): misses.append(f"{key} chair: {got} != {gold['chair']['name']}")
            date.add(record.get("date") == gold.get("date"))
            if record.get("date") != gold.get("date"): misses.append(f"{key} date: {record.get('date')} != {gold.get('date')}")
            if gold.get("startDate") or gold.get("endDate"):
                span.add((record.get("startDate"), record.get("endDate")) == (gold.get("startDate"), gold.get("endDate")))
            if gold.get("format"):
                fmt.add(record.get("format") == gold["format"])
                if record.get("format") != gold["format"]: misses.append(f"{key} format: {record.get('format')} != {gold['format']}")
            if verbose:
                expected_names = {nfc(p["name"]) for p in gold["participants"]}
                got_names = {nfc(p["name"]) for p in found_people}
                for t in sorted(expected_names ^ got_names): misses.append(f"{key} name {'missed' if t in expected_names else 'extra'}: {t}")
                expected_titles = {nfc(p["name"]) + "/" + nfc(t) for p in gold["participants"] for t in p["titles"]}
                got_titles = {nfc(p["name"]) + "/" + nfc(t) for p in found_people for t in p["titles"]}
                for t in sorted(expected_titles - got_titles): misses.append(f"{key} title missed: {t}")
                for t in sorted(got_titles - expected_titles): misses.append(f"{key} title extra: {t}")
                expected_homes = {nfc(p["name"]) + "/" + (nfc(p.get("province")) or "-") for p in gold["participants"]}
                got_homes = {nfc(p["name"]) + "/" + (nfc(p.get("province")) or "-") for p in found_people}
                for t in sorted(expected_homes ^ got_homes): misses.append(f"{key} home {'missed' if t in expected_homes else 'extra'}: {t}")
                exp_roles = {nfc(p["name"]) + "/" + r for p in gold["provinces"] for r in p["roles"]}
                got_roles = {nfc(p["name"]) + "/" + r for p in record.get("provinces", []) for r in p["roles"]}
                for t in sorted(exp_roles ^ got_roles): misses.append(f"{key} role {'missed' if t in exp_roles else 'extra'}: {t}")
    if count == 0:
        # Nothing to score is not a perfect score.
        sys.exit(f"score-extraction: no annotated article (NAME.txt beside NAME.json) in {', '.join(folders)}")
    print(f"{count} articles in {', '.join(folders)} with {ingest}")
    for label, tally in [("provinces", provinces), ("province roles", roles), ("participant names", names),
                         ("participant titles", titles), ("participant provinces", homes), ("co-chairs", cochairs)]:
        p, r, f = tally.f1()
        print(f"{label:22} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    print(f"chair {chair}  date {date}  format {fmt}  span {span}")
    if verbose:
        for miss in misses: print("  " + miss)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ingest", default=os.path.join(ROOT, ".build/debug/ingest"))
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("folders", nargs="+")
    arguments = parser.parse_args()
    score(arguments.ingest, arguments.folders, arguments.verbose)
