"""Score article records against gold annotations (the `*.gold.json` format of ../shared/seed).

Body: bag-of-tokens precision/recall; headline: exact match after normalising space and quotes;
quotes: a gold quote is found when a predicted one covers half its tokens, and attributed when the
predicted speaker's name ends like one of the gold names; events: source and target resolve to the
gold codes and the CAMEO root is one the gold allows. Counts are micro-averaged over articles.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TOKEN = re.compile(r"\w+")
QUOTE_MARKS = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
# Organisation acronyms in gold files and the codes that stand for them.
ORG_CODES = {"NATO": {"IGONAT", "IGONATO"}, "EU": {"IGOEU", "IGOEUREEC", "IGOEEC"}, "UN": {"IGOUNO"},
             "IAEA": {"IGOIAEA", "IGOUNOIAE"}, "AU": {"IGOAU", "IGOAFR"}}


def normalise(text: str | None) -> str:
    """Lower case, NFKC, straight quotes, single spaces."""
    s = unicodedata.normalize("NFKC", text or "").translate(QUOTE_MARKS)
    return " ".join(s.split()).lower()


def tokens(text: str | None) -> list[str]:
    """Word tokens of normalised text."""
    return TOKEN.findall(normalise(text))


@dataclass
class Score:
    """Running counts; prf() turns a pair of counts into precision, recall, F1."""

    counts: Counter[str] = field(default_factory=Counter)

    def prf(self, name: str) -> tuple[float, float, float]:
        tp, pred, gold = self.counts[f"{name}_tp"], self.counts[f"{name}_pred"], self.counts[f"{name}_gold"]
        p = tp / pred if pred else float(not gold)
        r = tp / gold if gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(p, 3), round(r, 3), round(f, 3)

    def report(self) -> dict[str, Any]:
        """All figures as a dict, for printing and for tests."""
        return {
            "articles": self.counts["articles"],
            "body_prf": self.prf("body"),
            "title_acc": round(self.counts["title_ok"] / max(1, self.counts["articles"]), 3),
            "quote_prf": self.prf("quote"),
            "quote_speaker_prf": self.prf("speaker"),
            "event_prf": self.prf("event"),
        }


def _actor_keys(actor: dict[str, Any] | None, code: str | None) -> set[str]:
    """Codes an actor can match: ISO3, its CAMEO code and prefix, and organisation names or acronyms."""
    keys: set[str] = set()
    for value in ((actor or {}).get("country"), (actor or {}).get("code"), code):
        v = (value or "").upper()
        if v:
            keys |= {v, v[:3]}
            if v.startswith("IGO"):
                keys.add(v[3:])
    name = (actor or {}).get("name") or ""
    keys.add(name.upper())
    keys.update(re.findall(r"\b[A-Z]{2,6}\b", name))
    return keys


def _matches(gold_code: str, keys: set[str]) -> bool:
    return gold_code in keys or bool(ORG_CODES.get(gold_code, set()) & keys)


def _speaker_ok(predicted: str | None, names: list[str]) -> bool:
    p = normalise(predicted).split()
    return bool(p) and any(normalise(n).split()[-1:] == p[-1:] for n in names if normalise(n))


def score_article(score: Score, pred: dict[str, Any], gold: dict[str, Any]) -> None:
    """Add one article's counts to a running score."""
    c = score.counts
    c["articles"] += 1
    a, b = Counter(tokens(pred.get("text"))), Counter(tokens("\n\n".join(gold["body"])))
    c["body_tp"] += sum((a & b).values())
    c["body_pred"] += sum(a.values())
    c["body_gold"] += sum(b.values())
    c["title_ok"] += int(normalise(pred.get("title")) == normalise(gold["title"]))
    quotes = pred.get("quotes") or []
    c["quote_pred"] += len(quotes)
    c["speaker_pred"] += len(quotes)
    c["quote_gold"] += len(gold["quotes"])
    c["speaker_gold"] += len(gold["quotes"])
    used: set[int] = set()
    for gq in gold["quotes"]:
        want = Counter(tokens(gq["text"]))
        best, best_i = 0.0, None
        for i, q in enumerate(quotes):
            if i not in used:
                cover = sum((Counter(tokens(q.get("text"))) & want).values()) / max(1, sum(want.values()))
                if cover > best:
                    best, best_i = cover, i
        if best_i is not None and best >= 0.5:
            used.add(best_i)
            c["quote_tp"] += 1
            c["speaker_tp"] += int(_speaker_ok(quotes[best_i].get("speaker_name"), gq["speaker"]))
    actors = {x["id"]: x for x in pred.get("actors") or []}
    events = pred.get("events") or []
    c["event_pred"] += len(events)
    c["event_gold"] += len(gold["events"])
    used = set()
    for ge in gold["events"]:
        for i, e in enumerate(events):
            if i in used:
                continue
            src = _actor_keys(actors.get(e.get("source")), e.get("source_code"))
            tgt = _actor_keys(actors.get(e.get("target")), e.get("target_code"))
            if _matches(ge["source"], src) and _matches(ge["target"], tgt) and (e.get("cameo") or "")[:2] in ge["roots"]:
                used.add(i)
                c["event_tp"] += 1
                break


def load_golds(folder: Path) -> list[tuple[dict[str, Any], Path, int | None]]:
    """Gold files of a folder with the input path each names (and the record inside it, if any)."""
    out = []
    for path in sorted(folder.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        out.append((gold, (path.parent / gold["input"]).resolve(), gold.get("record")))
    return out


def score_records(records: Iterable[dict[str, Any]], golds: list[tuple[dict[str, Any], Path, int | None]]) -> Score:
    """Match records to golds by (input path, record) and score them; a missing record scores as empty."""
    by_key = {(Path(r["source"]["path"]).resolve(), r["source"].get("record")): r for r in records if r["source"].get("path")}
    score = Score()
    for gold, path, record in golds:
        score_article(score, by_key.get((path, record), {}), gold)
    return score
