"""CPU milliseconds per article spent in each stage, beside the parse, on the bundled examples.

Where `throughput.py` and `scale.py` give the end-to-end rate, this says which stage the time beyond
parsing goes to: recover, parse (the bodies, batched as the pipeline runs it), parse headlines (their
clauses, without the entity recogniser, as the pipeline parses them), actors, quotes, events, headline
quotes. CPU time (``time.process_time``), so other load on the machine moves the figures little. The
last line is what everything but the body parse adds: the issue-7 target (end-to-end >= 0.8 of bare
spaCy) needs it at most 0.25 of a bare spaCy parse (parley's parse is faster: see scale.py's "tuned").

    python benchmarks/stages.py [--articles 400] [--repeat 3]
"""
from __future__ import annotations

import argparse
import platform
import time
from collections import defaultdict

from throughput import _documents


def measure(n: int) -> dict[str, float]:
    """Seconds of CPU per stage over n articles (one pass, pipeline already warm)."""
    from parley.pipeline import Pipeline, recover

    pipe = Pipeline()
    docs = _documents(n)
    spent: dict[str, float] = defaultdict(float)
    work = []
    for raw in docs:
        t = time.process_time()
        rec = recover(raw)
        clauses = pipe.quotes.headline_clauses(pipe.nlp, rec.title, rec.standfirst)
        spent["recover"] += time.process_time() - t
        work.append((raw, rec, clauses))
    t = time.process_time()
    parsed = list(pipe.nlp.pipe([rec.text for _, rec, _ in work], batch_size=16))
    spent["parse"] += time.process_time() - t
    t = time.process_time()
    clause_docs = iter(list(pipe.nlp.pipe([c.text for _, _, clauses in work for c in clauses],
                                          batch_size=16, disable=["ner"])))
    spent["parse headlines"] += time.process_time() - t
    for (_raw, rec, clauses), doc in zip(work, parsed, strict=True):
        heads = [next(clause_docs) for _ in clauses]
        t0 = time.process_time()
        resolved = pipe.actors(doc)
        t1 = time.process_time()
        quotes, table = pipe.quotes(doc, resolved)
        t2 = time.process_time()
        pipe.events(doc, resolved, quotes, rec.published)
        t3 = time.process_time()
        pipe.quotes.headline_quotes(clauses, heads, quotes, table)
        t4 = time.process_time()
        spent["actors"] += t1 - t0
        spent["quotes"] += t2 - t1
        spent["events"] += t3 - t2
        spent["headline quotes"] += t4 - t3
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--repeat", type=int, default=3, help="passes; the lowest time per stage counts")
    args = ap.parse_args()
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        for stage, seconds in measure(args.articles).items():
            best[stage] = min(best.get(stage, seconds), seconds)
    print(f"Python {platform.python_version()}, {args.articles} articles, best of {args.repeat}")
    for stage, seconds in best.items():
        print(f"{stage:16s} {1000 * seconds / args.articles:7.2f} ms/article")
    rest = sum(s for k, s in best.items() if k != "parse")  # headline clauses count: bare spaCy would not parse them
    print(f"{'all but parse':16s} {1000 * rest / args.articles:7.2f} ms/article = {rest / best['parse']:.2f} of parse")


if __name__ == "__main__":
    main()
