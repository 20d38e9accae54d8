"""Generate a synthetic news corpus with known republication (see parley.corpus.synth).

Writes JSON Lines (url, published, title, text: what `parley ingest` reads) and a truth file (url<TAB>story
id<TAB>domain<TAB>origin flag) so deduplication can be scored pairwise. All stories are written from our own
templates with fictional officials; sites are fake domains under reserved TLDs.

    python benchmarks/make_corpus.py --articles 10000 --seed 7 --out corpus.jsonl --truth truth.tsv
    python benchmarks/make_corpus.py --articles 2000 --records records.jsonl   # schema-v1 records, no NLP
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from parley.corpus.synth import CorpusGenerator, record


def main(argv: list[str] | None = None) -> int:
    """Write the corpus (and optionally processed-like records) for a size and seed."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=10_000, help="pages to write (origins and copies)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", default="-", help="JSONL output (default stdout)")
    p.add_argument("--truth", help="TSV: url, story id, domain, 1 if the story's original page")
    p.add_argument("--records", help="also write schema-v1 records (no NLP) as JSONL here")
    p.add_argument("--siblings", type=float, default=0.35, help="share of stories with same-topic siblings")
    p.add_argument("--max-copies", type=int, default=40, help="most copies of one story")
    args = p.parse_args(argv)
    gen = CorpusGenerator(args.seed, sibling_rate=args.siblings, max_copies=args.max_copies)
    out = sys.stdout if args.out == "-" else Path(args.out).open("w", encoding="utf-8")  # noqa: SIM115
    truth = Path(args.truth).open("w", encoding="utf-8") if args.truth else None  # noqa: SIM115
    recs = Path(args.records).open("w", encoding="utf-8") if args.records else None  # noqa: SIM115
    stories: set[str] = set()
    n = 0
    for n, doc in enumerate(gen.documents(args.articles), 1):
        out.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
        stories.add(doc.story)
        if truth:
            truth.write(f"{doc.url}\t{doc.story}\t{doc.domain}\t{int(doc.origin)}\n")
        if recs:
            recs.write(json.dumps(record(doc, n - 1), ensure_ascii=False) + "\n")
    for handle in (out, truth, recs):
        if handle not in (None, sys.stdout):
            handle.close()  # type: ignore[union-attr]
    print(f"make_corpus: {n} pages of {len(stories)} stories on {len(gen.origins) + len(gen.mirrors)} sites",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
