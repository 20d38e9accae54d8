"""Site templates: body F1 with and without learning each site's recurring lines, on a synthetic corpus.

The corpus is built here from parley's own fictional example stories (examples/gold, 24 stories): each
is published on two of four invented sites (48 pages), and every page of a site carries that site's chrome — menus, a
standing blurb and an editorial note next to the article, a "support us" paragraph, newsletter and
footer lines — plus chrome that changes from page to page (a "Most read" list of the site's other
stories, a "Read more" link inside the article). Several chrome lines are ordinary prose, the kind a
single page cannot tell from the article. Pages are rendered as plain-text dumps and as HTML.

Runs over the same pages, in the same order, scored with Zyte's body metric (word 4-gram shingles,
macro over pages; see benchmarks/extraction.py):
  none          each page on its own
  incremental   each page read with what the earlier pages of its site taught, then learned from
  two-pass      every page learned first, then each page read with the whole corpus's templates
  store         as `parley ingest` does it: four ingests of 12 pages into one DuckDB store, each loading
                the templates the earlier ones saved (parley.store.templates), reading its pages through
                parley.pipeline.recover and learning from them (learn_page), then saving
  store again   the 48 pages read once more against the stored templates (as pages learned from
                but never stored are on a rerun): nothing is counted twice

    python benchmarks/templates.py [--json out.json]
"""
from __future__ import annotations

import argparse
import html as html_lib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from extraction import shingle_match, zyte_metrics  # noqa: E402

SITES = {
    "harbourledger.example": {
        "name": "The Harbour Ledger",
        "menu": ["Home", "World", "Europe", "Africa", "Middle East", "Asia", "Opinion", "Podcasts", "Subscribe", "Sign in"],
        "blurb": "The Harbour Ledger is an independent newspaper for the Mediterranean, owned by a trust and read "
                 "by more than two million people in forty countries every month.",
        "note": "This story is part of our coverage of diplomacy and conflict, which is supported by the Harbour "
                "Foundation; the foundation has no say over what we report.",
        "support": "Our reporting is free for everyone because thousands of readers chip in each month to keep it that "
                   "way, and every contribution, however big or small, goes straight into the newsroom.",
        "footer": ["About the Ledger", "Contact the newsroom", "Careers", "Terms and conditions", "Privacy and cookies",
                   "© 2025 Harbour Ledger Trust"],
    },
    "eastwire.example": {
        "name": "Eastwire",
        "menu": ["News", "Politics", "Security", "Energy", "Economy", "Video", "Newsletters"],
        "blurb": "Eastwire brings together correspondents in twelve capitals to cover the politics and security of "
                 "Eastern Europe and Central Asia, in English and Russian.",
        "note": "Eastwire correspondents report from the region under their own names whenever it is safe for them "
                "to do so, and we say so when it is not.",
        "support": "Independent journalism in the region is under pressure as never before, and the readers who back "
                   "us are the reason our correspondents can keep working on stories like this one.",
        "footer": ["About us", "Editorial standards", "Corrections", "Advertise", "© Eastwire Media 2025"],
    },
    "dailycontinent.example": {
        "name": "Daily Continent",
        "menu": ["Top stories", "Sahel", "Horn of Africa", "Southern Africa", "Business", "Culture", "Sport"],
        "blurb": "Daily Continent has reported on the politics, business and culture of Africa from its newsroom in "
                 "Nairobi and its bureaux in Dakar and Johannesburg since 2009.",
        "note": "Our journalists verify every claim with at least two independent sources before publication, as "
                "described in our editorial guidelines.",
        "support": "Good journalism costs money, and we would rather be paid by our readers than by the people we "
                   "write about, which is why we ask those who can afford it to become members.",
        "footer": ["Who we are", "Ethics policy", "Work with us", "Privacy policy", "© 2025 Daily Continent Ltd"],
    },
    "pacificdispatch.example": {
        "name": "Pacific Dispatch",
        "menu": ["Latest", "Asia-Pacific", "Americas", "Analysis", "Maps", "Archive"],
        "blurb": "Pacific Dispatch covers the security and diplomacy of the Indo-Pacific with a team of reporters "
                 "based in Manila, Seoul, Canberra and Washington.",
        "note": "Maps and figures in this article were prepared by our data desk from official sources and "
                "satellite imagery that we were able to verify independently.",
        "support": "We have no paywall and no billionaire owner, and we depend on the readers who decide each year "
                   "that what we publish is worth paying for, whatever they are able to give.",
        "footer": ["Masthead", "Corrections policy", "Syndication", "Privacy", "© Pacific Dispatch 2025"],
    },
}


def _stories() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "examples" / "gold").glob("*.gold.json"))]


def build_corpus(seed: int = 7) -> list[dict]:
    """Pages as {"domain", "text", "html", "body"} in a fixed shuffled order (sites interleaved)."""
    rng = random.Random(seed)
    stories = _stories()
    domains = list(SITES)
    by_site: dict[str, list[dict]] = {d: [] for d in domains}
    for i, story in enumerate(stories):  # each story on two sites, as syndicated copy is
        by_site[domains[i % len(domains)]].append(story)
        by_site[domains[(i + 1) % len(domains)]].append(story)
    pages = []
    for domain, site_stories in by_site.items():
        site = SITES[domain]
        for story in site_stories:
            others = [s["title"] for s in site_stories if s is not story]
            most_read = rng.sample(others, k=min(4, len(others)))
            read_more = rng.choice(others)
            pages.append({"domain": domain, "body": story["body"],
                          **_render(site, story, most_read, read_more)})
    rng.shuffle(pages)
    return pages


def _render(site: dict, story: dict, most_read: list[str], read_more: str) -> dict[str, str]:
    body = list(story["body"])
    middle = max(1, len(body) // 2)
    caption = story["captions"][0] if story.get("captions") else None
    caption_line = f"{caption['text']} Photo: {caption['credit']}" if caption and caption.get("credit") else None
    lines = [*site["menu"], site["blurb"], story.get("section") or "News", story["title"]]
    if story.get("standfirst"):
        lines.append(story["standfirst"])
    if story.get("byline"):
        lines.append(f"By {story['byline']}")
    if story.get("published"):
        lines.append(f"Published {story['published']}")
    lines.append(site["note"])
    if caption_line:
        lines.append(caption_line)
    lines += [*body[:middle], f"Read more: {read_more}", *body[middle:]]
    lines += ["Share this article", site["support"], "Most read", *most_read,
              f"Sign up for the {site['name']} newsletter", *site["footer"]]
    text = "\n\n".join(lines) + "\n"

    def p(x: str) -> str:
        return f"<p>{html_lib.escape(x)}</p>"

    menu = "".join(f'<li><a href="/{i}">{html_lib.escape(m)}</a></li>' for i, m in enumerate(site["menu"]))
    most = "".join(f'<li><a href="/r{i}">{html_lib.escape(t)}</a></li>' for i, t in enumerate(most_read))
    foot = "".join(f'<div><a href="/f{i}">{html_lib.escape(f)}</a></div>' for i, f in enumerate(site["footer"]))
    paras = [p(b) for b in body]
    paras.insert(middle, f'<p><b>Read more:</b> <a href="/rm">{html_lib.escape(read_more)}</a></p>')
    page = (f"<html><head><title>{html_lib.escape(story['title'])} | {site['name']}</title></head><body>"
            f"<div class='top'><ul>{menu}</ul></div><div class='intro'>{p(site['blurb'])}</div>"
            f"<div class='main'><div class='kicker'>{html_lib.escape(story.get('section') or 'News')}</div>"
            f"<h1>{html_lib.escape(story['title'])}</h1>"
            + (f"<div class='lede'>{html_lib.escape(story['standfirst'])}</div>" if story.get("standfirst") else "")
            + (f"<div class='who'>By {html_lib.escape(story['byline'])}</div>" if story.get("byline") else "")
            + f"<div class='text'>{p(site['note'])}{''.join(paras)}{p(site['support'])}</div></div>"
            f"<div class='side'><h3>Most read</h3><ul>{most}</ul></div><div class='bottom'>{foot}</div></body></html>")
    return {"text": text, "html": page}


def _recover(page: dict, form: str, templates):  # type: ignore[no-untyped-def]
    from parley.recover.html import recover_html
    from parley.recover.text import recover_text

    if form == "text":
        return recover_text(page["text"], templates=templates, domain=page["domain"])
    return recover_html(page["html"], f"https://{page['domain']}/story", templates=templates, domain=page["domain"])


def run(pages: list[dict], form: str, mode: str) -> dict[str, float]:
    """Zyte metrics of one form (text/html) under one template mode (see the module doc)."""
    from parley.recover.templates import SiteTemplates, page_lines

    if mode.startswith("store"):
        return _scores(pages, _through_store(pages, form, again=mode == "store again"))
    templates = SiteTemplates() if mode != "none" else None
    if mode == "two-pass" and templates is not None:
        for page in pages:
            templates.learn(page["domain"], page_lines(_recover(page, form, None)))
    bodies = []
    for page in pages:
        rec = _recover(page, form, templates)
        bodies.append(rec.body)
        if mode == "incremental" and templates is not None:
            templates.learn(page["domain"], page_lines(rec))
    return _scores(pages, bodies)


def _through_store(pages: list[dict], form: str, *, again: bool, runs: int = 4) -> list[tuple[str, ...]]:
    """Bodies of the pages read in `runs` ingests into a scratch store (with again: then all read once more)."""
    import tempfile

    from parley.records import RawDocument

    raws = [RawDocument(content=page[form], format="html" if form == "html" else "text",
                        url=f"https://{page['domain']}/story-{i}") for i, page in enumerate(pages)]
    size = -(-len(raws) // runs)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "templates.duckdb"
        bodies = [body for start in range(0, len(raws), size) for body in _ingest(db, raws[start:start + size])]
        return _ingest(db, raws) if again else bodies


def _ingest(db: Path, raws: list) -> list[tuple[str, ...]]:
    """One ingest's recovery: templates loaded from the store, each page read then learned from, saved."""
    from parley.pipeline import learn_page, recover
    from parley.store import Store
    from parley.store.templates import templates_for_ingest

    bodies = []
    with Store(db) as store:
        session = templates_for_ingest(store)
        templates = session.pipeline_kwargs["templates"]
        for raw in session.fresh(raws):
            rec = recover(raw, templates)
            learn_page(templates, raw, rec)
            bodies.append(rec.body)
        session.save()
    return bodies


def _scores(pages: list[dict], bodies: list[tuple[str, ...]]) -> dict[str, float]:
    scores, exact = [], []
    for page, body in zip(pages, bodies, strict=True):
        gold = "\n\n".join(page["body"])
        out = "\n\n".join(body)
        scores.append(shingle_match(gold, out))
        exact.append(out.split() == gold.split())
    return zyte_metrics(scores, exact)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="write the results to this JSON file")
    args = parser.parse_args(argv)
    pages = build_corpus()
    report: dict[str, dict[str, dict[str, float]]] = {}
    print(f"\n{len(pages)} pages on {len(SITES)} synthetic sites (our fictional stories, shared site chrome)")
    print("| form | templates   | precision | recall |   F1  | exact |")
    print("|------|-------------|-----------|--------|-------|-------|")
    for form in ("text", "html"):
        for mode in ("none", "incremental", "two-pass", "store", "store again"):
            m = run(pages, form, mode)
            report.setdefault(form, {})[mode] = m
            print(f"| {form:4s} | {mode:11s} |   {m['precision']:.3f}   | {m['recall']:.3f}  | {m['f1']:.3f} | "
                  f"{m['accuracy']:.3f} |")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
