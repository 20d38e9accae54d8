"""Event-coding accuracy on the public CAMEO/PLOVER validation sentences in ../shared/data/events.

Each sentence is coded as a one-paragraph article by the real stages (spaCy, ActorResolver,
QuoteFinder, EventCoder), with the record's `date` as publication date, and compared with the
record's `expected` events at two levels:

  root   (source country, target country, CAMEO root)   – petrarch2_gsr_validation.jsonl
         (source country, target country, PLOVER type)  – plover_gsr_cameo_examples.jsonl
  full   (source code, target code, full CAMEO code)     – petrarch2 file
         (source code, target code, PLOVER type)         – PLOVER file (gold modes use other names)

Country = first three letters of the actor code, so IGO/NGO/IMG codes compare as organisations of
that kind (in the PLOVER file, whose "IGO" marks every international body, IGO and NGO are one
class). A gold actor that is empty or starts with '---' (unknown or null actor) or is an uncoded
noun phrase accepts any predicted actor, including none; in full codes a '---' country
still requires the sector that follows it. The PLOVER file is in PLOVER 0.5b1: its old names are
mapped to v0.8 (DEMAND→REQUEST, DISAPPROVE→ACCUSE, INVESTIGATE→ACCUSE, FIGHT→ASSAULT), and our
CAMEO codes go to PLOVER through parley's taxonomy (root 02 appeals → REQUEST, as the PLOVER
manual merges appeals and demands). A few non-ISO country codes in the gold (JAP, ITL, VTN) are
read as their ISO3 codes. Predicted and gold tuples are de-duplicated per sentence and matched
one-to-one. False events = predicted (root-level) events on sentences whose `expected` is [].
Each PLOVER record is the codebook's example of one event, so that file is coded with one main act per
sentence (EventCoder(main_only=True): the highest trigger in the parse, with all its actor pairs); the
PETRARCH file, which codes every event of a sentence, with the default coder.

These files are TEST sets: the lexicon is not written from them.

    python benchmarks/events.py [--show-errors] [--diagnose] [--file petrarch|plover]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "events"
FILES = {"petrarch": "petrarch2_gsr_validation.jsonl", "plover": "plover_gsr_cameo_examples.jsonl"}
OLD_PLOVER = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
GOLD_COUNTRY_FIX = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

Key = tuple[str, str, str]


def _root_families(data: Path) -> dict[str, frozenset[str]]:
    """CAMEO root → every PLOVER type its codes map to (root rows of cameo_codes.tsv, e.g. 16 → COERCE/SANCTION)."""
    import csv

    with (data / "cameo_codes.tsv").open(encoding="utf-8", newline="") as fh:
        families = {r["code"]: frozenset(r["plover_event"].split("/")) for r in csv.DictReader(fh, delimiter="\t")
                    if r["level"] == "1"}
    families["02"] = frozenset({"REQUEST"})  # appeals, which PLOVER 0.8 drops, are requests in the 0.5 gold
    return families


@dataclass
class Tally:
    """Counts for one file at one level."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Report:
    """Everything printed for one file."""

    name: str
    sentences: int = 0
    root: Tally = field(default_factory=Tally)
    full: Tally = field(default_factory=Tally)
    family: Tally = field(default_factory=Tally)  # PLOVER file: type within our code's CAMEO-root family
    no_event_sentences: int = 0
    false_events: int = 0
    errors: list[str] = field(default_factory=list)
    causes: dict[str, int] = field(default_factory=dict)  # --diagnose: root-level misses grouped by cause


def _gold_actor(code: str) -> str:
    code = (code or "").strip()
    if code.startswith('"') or not code:
        return ""  # uncoded noun phrase / no actor: wildcard
    return GOLD_COUNTRY_FIX.get(code[:3], code[:3]) + code[3:]


def _actor_ok(gold: str, pred: str, full: bool) -> bool:
    """Does a predicted actor code satisfy a gold one at this level?"""
    if not gold or gold == "---":
        return True
    if gold.startswith("---"):
        return not full or pred[3:].startswith(gold[3:])
    if not full:
        return pred[:3] == gold[:3]
    # the PLOVER file marks unknown sectors '***' and appends lower-case ethnic/religious qualifiers
    want = gold.rstrip("*")
    want = "".join(ch for ch in want if not ch.islower())
    return pred == want


def _country(code: str, plover: bool) -> str:
    """The country-level part of an actor code. The PLOVER file marks every international body "IGO" (Amnesty
    International and the Red Cross included), so there IGO and NGO are one class: international organisation."""
    country = code[:3]
    return "IGO" if plover and country == "NGO" else country


def _plover(code: str) -> str:
    from parley.events.taxonomy import lookup

    info = lookup(code)
    if info.plover:
        return info.plover
    return "REQUEST" if code.startswith("02") else "STATEMENT"


def _pred_keys(events: Iterable[dict[str, str]], plover: bool, full: bool) -> list[Key]:
    keys: list[Key] = []
    for e in events:
        src, tgt, code = e["source_code"] or "", e["target_code"] or "", e["cameo"]
        what = _plover(code) if plover else (code if full else code[:2])
        key = (src if full else _country(src, plover), tgt if full else _country(tgt, plover), what)
        if key not in keys:
            keys.append(key)
    return keys


def _gold_keys(expected: list[dict[str, str]], plover: bool, full: bool) -> list[Key]:
    keys: list[Key] = []
    for e in expected:
        code = e["code"]
        what = OLD_PLOVER.get(code, code) if plover else (code if full else code[:2])
        src, tgt = _gold_actor(e["source"]), _gold_actor(e["target"])
        key = (src if full else _country(src, plover), tgt if full else _country(tgt, plover), what)
        if key not in keys:
            keys.append(key)
    return keys


def _match(gold: list[Key], pred: list[Key], full: bool,
           families: dict[str, frozenset[str]] | None = None) -> tuple[int, list[Key], list[Key]]:
    """One-to-one matches, most specific gold first; returns (hits, missed gold, unmatched predictions).

    With ``families`` a predicted key carries its CAMEO root in place of a type, and matches any gold type of
    that root's PLOVER family (the version-tolerant reading of the PLOVER 0.5 gold).
    """
    free = list(pred)
    missed: list[Key] = []
    hits = 0

    def same_type(g: str, p: str) -> bool:
        return g in families.get(p, frozenset()) if families is not None else g == p

    for g in sorted(gold, key=lambda k: (not k[0], not k[1])):
        found = next((p for p in free if same_type(g[2], p[2]) and _actor_ok(g[0], p[0], full) and _actor_ok(g[1], p[1], full)), None)
        if found is None:
            missed.append(g)
        else:
            free.remove(found)
            hits += 1
    return hits, missed, free


def _diagnose(report: Report, rec: dict, events: list[dict[str, str]], loose: list[dict[str, str]], plover: bool) -> None:
    """Group each missed root-level gold event by its likeliest cause."""
    gold = _gold_keys(rec["expected"], plover, False)
    _, missed, _ = _match(gold, _pred_keys(events, plover, False), False)
    kept = _pred_keys(events, plover, False)
    untargeted = _pred_keys(loose, plover, False)
    for g in missed:
        if not untargeted:
            cause = "nothing coded (no trigger / dropped by modality)"
        elif any(p[2] == g[2] for p in kept):
            cause = "right type, wrong/unresolved actors"
        elif any(p[2] == g[2] for p in untargeted):
            cause = "right type, target unresolved (dropped as untargeted)"
        else:
            cause = "other type coded"
        report.causes[cause] = report.causes.get(cause, 0) + 1
        report.causes[f"  {cause} [{g[2]}]"] = report.causes.get(f"  {cause} [{g[2]}]", 0) + 1


def run(name: str, path: Path, show_errors: bool, diagnose: bool = False) -> tuple[Report, Report]:
    """Code every sentence of one file and count matches: dyadic events only (the default coder), and with
    events whose target is unknown kept (EventCoder(require_target=False), as PETRARCH codes '---')."""
    from parley.actors.resolve import ActorResolver
    from parley.events.coder import EventCoder
    from parley.nlp import load_nlp
    from parley.quotes.finder import QuoteFinder

    nlp = load_nlp()
    resolver, finder = ActorResolver(nlp), QuoteFinder()
    main = name == "plover"  # one example event per record
    coders = (EventCoder(main_only=main), EventCoder(require_target=False, main_only=main))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    plover = name == "plover"
    families = _root_families(path.parent) if plover else None
    reports = (Report(name), Report(name))
    texts = ((r["text"], r) for r in records)
    for doc, rec in nlp.pipe(texts, as_tuples=True, batch_size=64):
        table = resolver(doc)
        quotes, _ = finder(doc, table)
        coded = []
        for coder, report in zip(coders, reports, strict=True):
            events = [{"source_code": e.source_code, "target_code": e.target_code, "cameo": e.cameo, "trigger": e.trigger}
                      for e in coder(doc, table, quotes, rec.get("date"))]
            coded.append(events)
            _count(report, rec, events, plover, show_errors and report is reports[0], families)
        if diagnose:
            _diagnose(reports[0], rec, coded[0], coded[1], plover)
    return reports


def _count(report: Report, rec: dict, events: list[dict[str, str]], plover: bool, show_errors: bool,
           families: dict[str, frozenset[str]] | None = None) -> None:
    report.sentences += 1
    for level, tally in (("root", report.root), ("full", report.full)):
        full = level == "full"
        gold = _gold_keys(rec["expected"], plover, full)
        pred = _pred_keys(events, plover, full)
        hits, missed, extra = _match(gold, pred, full)
        tally.tp += hits
        tally.pred += len(pred)
        tally.gold += len(gold)
        if show_errors and (missed or extra):
            report.errors.append(f"{rec['id']} [{level}]: {rec['text']}\n    missed {missed}\n    extra  {extra}\n"
                                 f"    coded  {[(e['source_code'], e['target_code'], e['cameo'], e['trigger']) for e in events]}")
    if plover and families is not None:
        gold = _gold_keys(rec["expected"], plover, False)
        pred = list(dict.fromkeys((_country(e["source_code"] or "", plover), _country(e["target_code"] or "", plover), e["cameo"][:2])
                                  for e in events))
        hits, _, _ = _match(gold, pred, False, families)
        report.family.tp += hits
        report.family.pred += len(pred)
        report.family.gold += len(gold)
    if rec["expected"] == []:
        report.no_event_sentences += 1
        report.false_events += len(_pred_keys(events, plover, False))


def _fmt(t: Tally) -> str:
    p, r, f = t.prf()
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {t.tp}, predicted {t.pred}, gold {t.gold})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder with the validation files")
    parser.add_argument("--file", choices=sorted(FILES), action="append", help="only this file (repeatable)")
    parser.add_argument("--show-errors", action="store_true", help="print every sentence with a missed or extra event")
    parser.add_argument("--diagnose", action="store_true", help="group root-level misses by likely cause")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"{args.data} not found (../shared is absent)", file=sys.stderr)
        return 1
    from parley.nlp import model_name

    print(f"model {model_name()}")
    for name in args.file or list(FILES):
        started = time.perf_counter()
        report, untargeted = run(name, args.data / FILES[name], args.show_errors, args.diagnose)
        what = "PLOVER type" if name == "plover" else "CAMEO root"
        print(f"\n{FILES[name]}: {report.sentences} sentences ({time.perf_counter() - started:.1f}s)")
        print(f"  root (src country, tgt country, {what}): {_fmt(report.root)}")
        print(f"  full (src code, tgt code, {'PLOVER type' if name == 'plover' else 'CAMEO code'}):     {_fmt(report.full)}")
        if report.no_event_sentences:
            rate = report.false_events / report.no_event_sentences
            print(f"  false events on no-event sentences: {report.false_events} on {report.no_event_sentences} "
                  f"({rate:.3f} per sentence; target <= 0.05)")
        else:
            print("  false events on no-event sentences: n/a (no such sentences)")
        if name == "plover":
            print(f"  root, type within the CAMEO root's PLOVER family (0.5/0.8 boundary-tolerant): {_fmt(report.family)}")
        print(f"  with untargeted events kept – root: {_fmt(untargeted.root)}")
        print(f"                                full: {_fmt(untargeted.full)}")
        if untargeted.no_event_sentences:
            print(f"                                false events: {untargeted.false_events} on {untargeted.no_event_sentences}")
        for cause, n in sorted(report.causes.items(), key=lambda kv: -kv[1]):
            print(f"  missed (root): {n:4d}  {cause}")
        for line in report.errors:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
