"""Article-body extraction on public benchmarks: parley next to trafilatura and readability-lxml, same run.

Data: ../shared/data/extraction (see its README). Measurement only: nothing here is used to fit rules.

  zyte (HTML)       181 pages of scrapinghub/article-extraction-benchmark, gold = full article body
  zyte (text_dump)  the same pages rendered to full-page plain text (boilerplate kept), same gold
  trafilatura_eval  990 pages with "with"/"without" snippets (optional: --traf-eval)

Zyte's metric: word 4-gram shingles (``\\w+`` tokens) compared as multisets; per page TP/FP/FN are
normalised to sum to 1; precision is the mean over pages with non-empty output, recall the mean over
pages with non-empty gold, F1 the harmonic mean of the two means; accuracy is the share of pages whose
token sequence equals the gold's. trafilatura's metric: a "with" snippet found in the output is a TP,
missing a FN; a "without" snippet found is a FP, absent a TN; pooled counts.

    python benchmarks/extraction.py [--only parley,trafilatura] [--limit N] [--traf-eval] [--json out.json]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "extraction"
ZYTE = DATA / "zyte_article_extraction_benchmark"
TRAF = DATA / "trafilatura_eval"
TOKEN = re.compile(r"\w+")

Extractor = Callable[[str, str | None], str]


# --- Zyte's metric ------------------------------------------------------------------------------------

def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def shingle_match(true: str, pred: str) -> tuple[float, float, float]:
    """Normalised (TP, FP, FN) of one page's word 4-gram shingles."""
    t, p = _shingles(true), _shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def zyte_metrics(scores: list[tuple[float, float, float]], exact: list[bool]) -> dict[str, float]:
    """Macro precision/recall over pages, F1 of the two means, accuracy."""
    precision = statistics.mean([_precision(*s) for s in scores if s[0] + s[1] > 0] or [0.0])
    recall = statistics.mean([_recall(*s) for s in scores if s[0] + s[2] > 0] or [0.0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "accuracy": sum(exact) / max(1, len(exact))}


# --- extractors ---------------------------------------------------------------------------------------

def parley_html(html: str, url: str | None) -> str:
    from parley.recover.html import recover_html

    return "\n\n".join(recover_html(html, url).body)


def parley_text(text: str, url: str | None) -> str:
    from parley.recover.text import recover_text

    return "\n\n".join(recover_text(text).body)


def trafilatura_default(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False) or ""


def trafilatura_precision(html: str, url: str | None) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False, favor_precision=True) or ""


def readability(html: str, url: str | None) -> str:
    from lxml import html as lxml_html
    from readability import Document

    summary = Document(html, url=url).summary(html_partial=True)
    return _block_text(lxml_html.fromstring(summary)) if summary.strip() else ""


_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "blockquote", "pre", "section", "article",
           "ul", "ol", "table", "figure", "figcaption", "header", "footer", "dd", "dt"}


def _block_text(el) -> str:  # type: ignore[no-untyped-def]
    """Visible text of an element, a line break at each block (what html_text does for the Zyte runner)."""
    parts: list[str] = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("script", "style"):
            parts.append(node.tail or "")
            return
        if tag in _BLOCKS:
            parts.append("\n")
        parts.append(node.text or "")
        for child in node:
            walk(child)
        if tag in _BLOCKS:
            parts.append("\n")
        parts.append(node.tail or "")

    walk(el)
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip())


def line_filter(text: str, url: str | None) -> str:
    """A C4-style baseline: keep lines that end like a sentence and have at least five words."""
    keep = [ln for ln in text.splitlines() if len(ln.split()) >= 5 and ln.rstrip().endswith((".", "!", "?", '"', "”"))]
    return "\n".join(keep)


HTML_EXTRACTORS: dict[str, Extractor] = {
    "parley": parley_html,
    "trafilatura": trafilatura_default,
    "trafilatura-precision": trafilatura_precision,
    "readability-lxml": readability,
}
TEXT_EXTRACTORS: dict[str, Extractor] = {"parley-text": parley_text, "line-filter": line_filter}


# --- runs ---------------------------------------------------------------------------------------------

def _zyte_pages(limit: int | None) -> list[tuple[str, str, str, str, str]]:
    gold = json.loads((ZYTE / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(gold)[:limit]:
        html = gzip.decompress((ZYTE / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", errors="replace")
        dump_path = ZYTE / "text_dump" / f"{key}.txt"
        dump = dump_path.read_text(encoding="utf-8") if dump_path.exists() else ""
        pages.append((key, gold[key].get("url"), html, dump, gold[key].get("articleBody", "")))
    return pages


def run_zyte(names: list[str], limit: int | None, rows: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Every chosen extractor over every page: metrics and pages/second.

    The extractors take turns page by page (a different one first on each page) and speed is CPU time
    of this process (time.process_time), so other work on a shared machine does not move the figures
    or the ratios between extractors.
    """
    pages = _zyte_pages(limit)
    funcs = {name: (HTML_EXTRACTORS[name], 2) if name in HTML_EXTRACTORS else (TEXT_EXTRACTORS[name], 3) for name in names}
    for func, field in funcs.values():
        func(pages[0][field], pages[0][1])  # warm-up: imports and lazy resources
    scores: dict[str, list[tuple[float, float, float]]] = {n: [] for n in names}
    exact: dict[str, list[bool]] = {n: [] for n in names}
    elapsed = dict.fromkeys(names, 0.0)
    order = list(funcs.items())
    for number, page in enumerate(pages):
        # each page starts with a different extractor: the first to read a page pays for cold caches
        shift = number % len(order)
        for name, (func, field) in order[shift:] + order[:shift]:
            t0 = time.process_time()
            try:
                out = func(page[field], page[1])
            except Exception as exc:  # noqa: BLE001 - a crash on one page scores as empty output
                print(f"{name}: {page[0]}: {type(exc).__name__}: {exc}", file=sys.stderr)
                out = ""
            elapsed[name] += time.process_time() - t0
            score = shingle_match(page[4], out)
            scores[name].append(score)
            exact[name].append(TOKEN.findall(out) == TOKEN.findall(page[4]))
            rows.setdefault(page[0], {})[name] = 2 * score[0] / (2 * score[0] + score[1] + score[2]) if any(score) else 1.0
    return {name: {**zyte_metrics(scores[name], exact[name]),
                   "pages_per_s": len(pages) / elapsed[name] if elapsed[name] else 0.0} for name in names}


def _norm(text: str) -> str:
    return " ".join(text.split())


def run_trafilatura_eval(names: list[str], limit: int | None) -> dict[str, dict[str, float]]:
    """trafilatura's own evaluation: snippets that must / must not appear in the output, pooled counts."""
    from trafilatura.utils import decode_file

    data = json.loads((TRAF / "evaldata.json").read_text(encoding="utf-8"))
    items = sorted(data.items())[:limit]
    docs = []
    for url, item in items:
        path = TRAF / "html" / f"{item['file']}.gz"
        if path.exists():
            docs.append((url, decode_file(gzip.decompress(path.read_bytes())), item))
    results = {}
    for name in names:
        func = HTML_EXTRACTORS[name]
        tp = fp = tn = fn = 0
        elapsed = 0.0
        for url, html, item in docs:
            t0 = time.process_time()
            try:
                out = _norm(func(html, url))
            except Exception:  # noqa: BLE001
                out = ""
            elapsed += time.process_time() - t0
            for snippet in item.get("with", []):
                found = _norm(snippet) in out
                tp += found
                fn += not found
            for snippet in item.get("without", []):
                found = _norm(snippet) in out
                fp += found
                tn += not found
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        results[name] = {"precision": precision, "recall": recall,
                         "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
                         "accuracy": (tp + tn) / max(1, tp + tn + fp + fn), "pages_per_s": len(docs) / elapsed if elapsed else 0.0}
    return results


def _table(title: str, results: dict[str, dict[str, float]]) -> str:
    lines = [f"\n{title}", f"| {'extractor':<22} | precision | recall |   F1  | accuracy | pages/s |", "|" + "-" * 24 + "|"
             + "-----------|--------|-------|----------|---------|"]
    for name, m in results.items():
        lines.append(f"| {name:<22} |   {m['precision']:.3f}   | {m['recall']:.3f}  | {m['f1']:.3f} |  {m['accuracy']:.3f}   |"
                     f" {m['pages_per_s']:7.1f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="comma-separated extractor names (default: all)")
    parser.add_argument("--limit", type=int, help="first N pages only (a quick look, not a figure to report)")
    parser.add_argument("--traf-eval", action="store_true", help="also run trafilatura's evaluation set (slow)")
    parser.add_argument("--per-page", type=Path, help="write per-page F1 per extractor to this JSON file")
    parser.add_argument("--json", type=Path, help="write all results to this JSON file")
    args = parser.parse_args(argv)
    if not ZYTE.exists():
        print(f"benchmark data not found under {DATA}", file=sys.stderr)
        return 2
    chosen = args.only.split(",") if args.only else [*HTML_EXTRACTORS, *TEXT_EXTRACTORS]
    html_names = [n for n in chosen if n in HTML_EXTRACTORS]
    text_names = [n for n in chosen if n in TEXT_EXTRACTORS]
    report: dict[str, dict[str, dict[str, float]]] = {}
    rows: dict[str, dict[str, float]] = {}
    if html_names:
        report["zyte_html"] = run_zyte(html_names, args.limit, rows)
        print(_table("Zyte article-extraction benchmark, HTML (181 pages)", report["zyte_html"]))
    if text_names:
        report["zyte_text"] = run_zyte(text_names, args.limit, rows)
        print(_table("Zyte article-extraction benchmark, plain-text dumps", report["zyte_text"]))
    if args.traf_eval and html_names:
        report["trafilatura_eval"] = run_trafilatura_eval(html_names, args.limit)
        print(_table("trafilatura evaluation set (snippets, pooled)", report["trafilatura_eval"]))
    if args.per_page:
        args.per_page.write_text(json.dumps(rows, indent=1, sort_keys=True), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
