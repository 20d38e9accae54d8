"""Quote extraction and attribution measured on PolNeAR (../shared/data/quotes), next to textacy's extractor.

    python benchmarks/quotes.py [--split dev|train|test] [--limit N] [--no-textacy] [--json] [--errors FILE] [--cache FILE]

Each article's `text` (title first, paragraphs joined by blank lines) is parsed once with parley's
spaCy pipeline; parley's actor and quote stages run on that Doc, so every offset is into the gold text.
Two parley systems: `parley`, the quote stage as the pipeline runs it (reported speech, and people's
acts and attitudes: "urged voters to act", "wants to …", which PolNeAR annotates as attributions), and
`+stances`, the same finder asked for the stances that pass between states and bodies as well
("Finland urged Sweden to …"), which the pipeline leaves to the event coder.
textacy's `direct_quotations` runs on the same Doc in the same run, as the anchor.

Matching, per article, one-to-one and greedy by overlap:
  unit     a gold attribution is its content parts (`quote_spans`, else the quote span); a predicted
           unit is one parley quote, or the quotes of one kind that share one cue (`“A,” she said, “B.”`),
           with the cue-less follow-ons of that speaker in its paragraph (`… she said. “C.”`), a direct one
           going with the direct quotes before it: one attribution in PolNeAR
  span     the word tokens (\\w+) inside the parts overlap by >= 50% of the gold tokens AND >= 50% of
           the predicted tokens
  speaker  a span match whose resolved speaker has a mention (the one the quote came from, or any
           other mention of that actor) overlapping the gold source span; a gold attribution with no
           source is matched only by a quote with no speaker. textacy's speaker is its speaker tokens.
By kind: recall over gold of that kind (kind is derived from marks by the data's converter), precision
over predictions of that kind (parley's own label; every textacy quote is direct).
Speed: articles per CPU-second of this one process (one core), parse + actors + quotes and parse alone,
and milliseconds per article for each stage (CPU time, so other load on the machine does not count);
none with --cache, which keeps the parses in a file outside the repository for quick development runs.

PolNeAR is evaluation data with no licence (see its README): it is read in place, never copied.
Develop on dev and train (--errors reads either); score test rarely, totals only.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import platform
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "quotes"
WORD = re.compile(r"\w+")
KINDS = ("direct", "indirect", "mixed")


@dataclass
class Unit:
    """One attribution: content parts, source spans (None: no source), and a kind."""

    parts: list[tuple[int, int]]
    speakers: list[tuple[int, int]] | None
    kind: str
    label: str = ""
    tokens: frozenset[int] = field(default_factory=frozenset)


def word_starts(text: str, parts: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Start offsets of the word tokens inside the parts: positional tokens, so repeats are not confused."""
    out: set[int] = set()
    for s, e in parts:
        out.update(m.start() + s for m in WORD.finditer(text[s:e]))
    return frozenset(out)


def gold_units(rec: dict[str, Any]) -> list[Unit]:
    """The gold attributions of one record."""
    units = []
    for q in rec["quotes"]:
        parts = [tuple(p) for p in q.get("quote_spans") or [(q["quote_start"], q["quote_end"])]]
        if q.get("speaker_start") is None:
            speakers = None
        else:
            speakers = [tuple(p) for p in q.get("speaker_spans") or [(q["speaker_start"], q["speaker_end"])]]
        u = Unit(parts, speakers, q["kind"], label=f"{q.get('speaker')} | {q.get('cue')} | {q['quote'][:120]}")  # type: ignore[arg-type]
        u.tokens = word_starts(rec["text"], u.parts)
        units.append(u)
    return units


def _paragraph(text: str, offset: int) -> int:
    return text.count("\n\n", 0, offset)


def parley_units(text: str, quotes: Iterable[Any], actors: Iterable[Any]) -> list[Unit]:
    """parley's quotes as attributions: quotes sharing one cue, and cue-less follow-ons in its paragraph, are one."""
    by_id = {a.id: a for a in actors}
    groups: list[list[Any]] = []
    by_cue: dict[tuple[int, int, bool], list[Any]] = {}
    for q in quotes:
        if getattr(q, "part", None):
            continue  # headline/standfirst quotes have offsets into another string
        cm = q.cue_mention
        key = (cm.start, cm.end, q.kind == "direct") if cm is not None else None
        if key is not None and key in by_cue:
            by_cue[key].append(q)
            continue
        if cm is None and q.speaker_mention is not None:
            # a follow-on continues the last group of its speaker in its paragraph, one of its own kind if there is
            # one ("“A,” she said, urging … . “B.”": B goes on from A, not from the urging)
            para = _paragraph(text, q.start)
            same = [g for g in groups if g[-1].speaker_mention == q.speaker_mention and _paragraph(text, g[-1].start) == para]
            home = next((g for g in reversed(same) if any(x.kind == q.kind for x in g)), same[-1] if same else None)
            if home is not None:
                home.append(q)
                continue
        groups.append([q])
        if key is not None:
            by_cue[key] = groups[-1]
    units = []
    for qs in groups:
        speaker = by_id.get(qs[0].speaker)
        spans = None
        if speaker is not None:
            spans = [(m.start, m.end) for m in speaker.mentions]
            if qs[0].speaker_mention is not None:
                spans.append((qs[0].speaker_mention.start, qs[0].speaker_mention.end))
        kinds = {q.kind for q in qs}
        kind = "direct" if kinds == {"direct"} else ("mixed" if "mixed" in kinds or "direct" in kinds else "indirect")
        u = Unit([(q.start, q.end) for q in qs], spans, kind,
                 label=f"{qs[0].speaker_name} | {qs[0].cue} | {' … '.join(q.text for q in qs)[:160]}")
        u.tokens = word_starts(text, u.parts)
        units.append(u)
    return units


def textacy_units(doc: Any) -> list[Unit]:
    """textacy's direct quotations; where it refuses a document (odd number of marks), it runs per paragraph."""
    from textacy.extract.triples import direct_quotations

    try:
        return [_textacy_unit(doc.text, t, 0) for t in direct_quotations(doc)]
    except ValueError:
        pass
    units = []
    start = 0
    for i, tok in enumerate(doc):
        if (tok.is_space and "\n\n" in tok.text) or i == len(doc) - 1:
            para = doc[start : i + 1]
            with contextlib.suppress(ValueError):  # an unbalanced paragraph: textacy gives nothing for it
                units += [_textacy_unit(doc.text, t, para.start_char) for t in direct_quotations(para.as_doc())]
            start = i + 1
    return units


def _textacy_unit(text: str, t: Any, shift: int) -> Unit:
    content = (t.content.start_char + shift, t.content.end_char + shift)
    speaker = (min(tok.idx for tok in t.speaker) + shift, max(tok.idx + len(tok) for tok in t.speaker) + shift)
    u = Unit([content], [speaker], "direct", label=f"{' '.join(x.text for x in t.speaker)} | {t.content.text[:120]}")
    u.tokens = word_starts(text, u.parts)
    return u


def _overlaps(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(gold: list[Unit], pred: list[Unit]) -> list[tuple[int, int, bool]]:
    """(gold index, pred index, speaker ok) for one-to-one span matches, best overlap first."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            inter = len(g.tokens & p.tokens)
            if inter and inter >= 0.5 * len(g.tokens) and inter >= 0.5 * len(p.tokens):
                cands.append((inter / max(len(g.tokens), len(p.tokens)), gi, pi))
    cands.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in cands:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold[gi], pred[pi]
        ok = p.speakers is None if g.speakers is None else (p.speakers is not None and _overlaps(g.speakers, p.speakers))
        out.append((gi, pi, ok))
    return out


@dataclass
class Tally:
    """Counts by kind for one system."""

    c: Counter = field(default_factory=Counter)

    def add(self, gold: list[Unit], pred: list[Unit], matches: list[tuple[int, int, bool]]) -> None:
        for u in gold:
            self.c[f"gold_{u.kind}"] += 1
            self.c["gold_all"] += 1
        for u in pred:
            self.c[f"pred_{u.kind}"] += 1
            self.c["pred_all"] += 1
        for gi, pi, ok in matches:
            for side, u in (("g", gold[gi]), ("p", pred[pi])):
                for kind in (u.kind, "all"):
                    self.c[f"span_{side}_{kind}"] += 1
                    self.c[f"spk_{side}_{kind}"] += int(ok)

    def prf(self, what: str, kind: str) -> tuple[float, float, float]:
        npred, ngold = self.c[f"pred_{kind}"], self.c[f"gold_{kind}"]
        p = self.c[f"{what}_p_{kind}"] / npred if npred else 0.0
        r = self.c[f"{what}_g_{kind}"] / ngold if ngold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(p, 3), round(r, 3), round(f, 3)

    def table(self) -> dict[str, Any]:
        return {kind: {"gold": self.c[f"gold_{kind}"], "pred": self.c[f"pred_{kind}"],
                       "span": self.prf("span", kind), "speaker": self.prf("spk", kind)} for kind in (*KINDS, "all")}


def _parse(nlp: Any, texts: list[str], cache: str | None) -> list[Any]:
    """The parsed texts, from the cache file when it holds these texts parsed by this pipeline."""
    from spacy.tokens import DocBin

    key = f"{nlp.meta['name']}-{nlp.meta['version']}-{'+'.join(nlp.pipe_names)}"
    path = Path(f"{cache}.{key}.spacy") if cache else None
    if path is not None and path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(nlp.pipe(texts, batch_size=16))
    if path is not None:
        DocBin(docs=docs).to_disk(path)
    return docs


def records(split: str, limit: int | None) -> Iterator[dict[str, Any]]:
    path = DATA / f"polnear_{split}.jsonl"
    if not path.exists():
        sys.exit(f"{path} not found (../shared/data/quotes is needed)")
    with path.open(encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                return
            yield json.loads(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=("dev", "test", "train"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--no-textacy", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--errors", help="write parley's missed, mis-attributed and spurious attributions here, counted by cause "
                                     "(dev or train; never test, whose errors are not to be read)")
    ap.add_argument("--cache", help="keep the parses in this file and reuse them (development only: no parse speed then)")
    a = ap.parse_args()
    if a.errors and a.split == "test":
        ap.error("--errors reads dev or train, never test")

    from parley.actors.resolve import ActorResolver
    from parley.nlp import load_nlp
    from parley.quotes.finder import QuoteFinder

    nlp = load_nlp()
    resolver, finder, stance_finder = ActorResolver(nlp), QuoteFinder(), QuoteFinder(stances=True)
    recs = list(records(a.split, a.limit))
    texts = [r["text"] for r in recs]

    # CPU seconds of this one process: a rate per core, whatever else the machine is running
    c0 = time.process_time()
    docs = _parse(nlp, texts, a.cache)
    c_parse = time.process_time() - c0
    outputs = []
    c_actors = c_quotes = 0.0
    for doc in docs:
        c0 = time.process_time()
        table = resolver(doc)
        c1 = time.process_time()
        quotes, found = finder(doc, table)
        c_quotes += time.process_time() - c1
        c_actors += c1 - c0
        stances, with_stances = stance_finder(doc, table)
        outputs.append(((quotes, found.actors), (stances, with_stances.actors)))

    ours, theirs, anchor = Tally(), Tally(), Tally()
    textacy_ok = not a.no_textacy
    t_textacy = 0.0
    errors = []
    why: Counter = Counter()
    for rec, doc, runs in zip(recs, docs, outputs, strict=True):
        gold = gold_units(rec)
        for tally, (quotes, actors) in zip((ours, theirs), runs, strict=True):
            pred = parley_units(rec["text"], quotes, actors)
            m = match(gold, pred)
            tally.add(gold, pred, m)
            if a.errors and tally is ours:
                errors.append(_errors(rec, gold, pred, m, why))
        if textacy_ok:
            try:
                t1 = time.process_time()
                tq = textacy_units(doc)
                t_textacy += time.process_time() - t1
            except ImportError:
                textacy_ok = False
                continue
            anchor.add(gold, tq, match(gold, tq))

    n = len(recs)
    chars = sum(len(t) for t in texts)
    result = {
        "split": a.split, "articles": n, "chars": chars, "model": f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}",
        "parley": ours.table(),
        "parley+stances": theirs.table(),
        "textacy": anchor.table() if textacy_ok else "not installed (pip install textacy)",
        "speed": {
            "articles_per_cpu_s_parse_actors_quotes": None if a.cache else round(n / (c_parse + c_actors + c_quotes), 1),
            "articles_per_cpu_s_parse_only": None if a.cache else round(n / c_parse, 1),
            "tokens_per_cpu_s_parse": None if a.cache else round(sum(len(d) for d in docs) / c_parse),
            "ms_per_article_parse": None if a.cache else round(1000 * c_parse / n, 1),
            "ms_per_article_actors": round(1000 * c_actors / n, 1),
            "ms_per_article_quotes": round(1000 * c_quotes / n, 1),
            "ms_per_article_textacy_extract": round(1000 * t_textacy / n, 1) if textacy_ok else None,
        },
    }
    if a.errors:
        Path(a.errors).write_text("\n".join(errors), encoding="utf-8")
        result["errors"] = {f"{kind} {cause}": n for (kind, cause), n in sorted(why.items())}
    if a.json:
        print(json.dumps(result))
        return
    print(f"PolNeAR {a.split}: {n} articles, {chars} chars, model {result['model']}, Python {platform.python_version()}")
    print(f"{'system':8} {'kind':9} {'gold':>5} {'pred':>5}   {'span P / R / F1':22} {'+speaker P / R / F1':22}")
    systems = [("parley", ours), ("+stances", theirs)] + ([("textacy", anchor)] if textacy_ok else [])
    for name, tally in systems:
        for kind, row in tally.table().items():
            span = " / ".join(f"{x:.3f}" for x in row["span"])
            spk = " / ".join(f"{x:.3f}" for x in row["speaker"])
            print(f"{name:8} {kind:9} {row['gold']:5d} {row['pred']:5d}   {span:22} {spk:22}")
    if not textacy_ok and not a.no_textacy:
        print("textacy: not installed (pip install textacy into .venv to measure the anchor)")
    for k, v in result["speed"].items():
        print(f"{k}: {v}")
    if a.errors:
        print("errors (span: a prediction overlaps but does not match; missing: none does; speaker: span right, source wrong):")
        for k, v in result["errors"].items():
            print(f"  {k}: {v}")


def _errors(rec: dict[str, Any], gold: list[Unit], pred: list[Unit], m: list[tuple[int, int, bool]], why: Counter) -> str:
    """Missed, mis-attributed and spurious attributions of one article; `why` counts each cause by kind.

    A miss is a span error when some prediction shares words with it (too short, too long, or split
    differently), and a missing cue when nothing does; a speaker error is a span match with the wrong source.
    """
    text = rec["text"]
    mg = {gi: (pi, ok) for gi, pi, ok in m}
    mp = {pi for _, pi, _ in m}
    lines = [f"##### {rec['id']}"]
    for gi, g in enumerate(gold):
        if gi not in mg:
            near = [p for p in pred if p.tokens & g.tokens]
            cause = "span" if near else "missing"
            why[(g.kind, cause)] += 1
            lines.append(f"MISS  [{g.kind}] {cause}: {g.label}")
            lines += [f"      near: {p.label}" for p in near[:2]]
        elif not mg[gi][1]:
            why[(g.kind, "speaker")] += 1
            lines.append(f"SPKR  [{g.kind}] gold: {g.label}\n      ours: {pred[mg[gi][0]].label}")
    for pi, p in enumerate(pred):
        if pi not in mp:
            why[(p.kind, "spurious")] += 1
            ctx = text[max(0, p.parts[0][0] - 60) : p.parts[-1][1] + 40].replace("\n", "¶")
            lines.append(f"SPUR  [{p.kind}] {p.label}\n      ctx: {ctx}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
