"""Site templates: lines a domain repeats across its pages are learned, persisted and applied."""
from __future__ import annotations

import json

from parley.recover.html import recover_html
from parley.recover.templates import SiteTemplates, key, normalise, page_lines
from parley.recover.text import label_lines, recover_text

BLURB = ("The Harbour Ledger is an independent newspaper for the Mediterranean, owned by a trust and read by more "
         "than two million people in forty countries every month.")
MENU = ["Home", "World", "Opinion", "Subscribe"]


def _dump(title: str, paragraphs: list[str]) -> str:
    return "\n\n".join([*MENU, title, BLURB, *paragraphs, "© 2025 Harbour Ledger Trust"]) + "\n"


STORIES = [
    (f"Story number {i} from the harbour", [
        f"Fishermen in port number {i} said on Monday that the new quota rules would cost them half of their catch this year.",
        f"The ministry said it would review the rules for port number {i} before the summer season opens, officials said.",
    ])
    for i in range(5)
]


def test_normalise_and_key_ignore_case_digits_and_edges():
    assert normalise("  © 2024  Harbour Ledger. ") == normalise("© 2025 harbour ledger")
    assert key("Home") == key("home ") and len(key("Home")) == 16


def test_a_line_becomes_template_after_enough_pages():
    t = SiteTemplates()
    for i in range(2):
        t.learn("www.harbourledger.example", [BLURB, f"only on page {i}"])
    assert not t.is_boilerplate("harbourledger.example", BLURB)  # two pages are not enough
    t.learn("harbourledger.example", [BLURB, "only on page 2", BLURB])  # counted once per page
    assert t.is_boilerplate("HARBOURLEDGER.example", BLURB)
    assert not t.is_boilerplate("harbourledger.example", "only on page 2")
    assert not t.is_boilerplate("other.example", BLURB)  # per domain
    assert not t.is_boilerplate(None, BLURB)
    assert t.template("harbourledger.example") == [BLURB]
    assert t.pages("harbourledger.example") == 3


def test_share_of_pages_matters_on_a_big_site():
    t = SiteTemplates(min_pages=3, min_share=0.25)
    for i in range(40):
        t.learn("big.example", ["Home", *(["Syndicated paragraph seen on a few pages."] if i < 3 else [])])
    assert t.is_boilerplate("big.example", "Home")
    assert not t.is_boilerplate("big.example", "Syndicated paragraph seen on a few pages.")


def test_json_and_table_rows_round_trip():
    t = SiteTemplates()
    for _ in range(3):
        t.learn("harbourledger.example", [BLURB, "Home"])
    data = json.loads(json.dumps(t.to_json()))
    again = SiteTemplates.from_json(data)
    assert again.is_boilerplate("harbourledger.example", BLURB)
    rows = SiteTemplates.from_rows(t.domain_rows(), t.rows())
    assert rows.is_boilerplate("harbourledger.example", "Home")
    assert {r[2] for r in t.rows()} == {BLURB, "Home"}


def test_prune_forgets_lines_seen_once():
    t = SiteTemplates()
    t.learn("a.example", ["once", "twice"])
    t.learn("a.example", ["twice"])
    t.prune()
    assert {r[2] for r in t.rows()} == {"twice"}


def test_text_dump_drops_the_learned_blurb():
    title, paragraphs = STORIES[0]
    without = recover_text(_dump(title, paragraphs))
    assert BLURB in without.body  # prose next to the article: one page cannot tell
    t = SiteTemplates()
    for other_title, other in STORIES[1:4]:
        t.learn("harbourledger.example", page_lines(recover_text(_dump(other_title, other))))
    rec = recover_text(_dump(title, paragraphs), templates=t, domain="harbourledger.example")
    assert list(rec.body) == paragraphs
    assert BLURB in rec.removed
    labels = {ln.text: ln.label for ln in label_lines(_dump(title, paragraphs), templates=t,
                                                      domain="harbourledger.example")[0]}
    assert labels[BLURB] == "template"


def test_html_page_drops_the_learned_blurb():
    def page(title: str, paragraphs: list[str]) -> str:
        paras = "".join(f"<p>{p}</p>" for p in [BLURB, *paragraphs])
        return f"<html><head><title>{title}</title></head><body><h1>{title}</h1><div>{paras}</div></body></html>"

    t = SiteTemplates()
    for other_title, other in STORIES[1:4]:
        t.learn("harbourledger.example", page_lines(recover_html(page(other_title, other))))
    title, paragraphs = STORIES[0]
    assert BLURB in recover_html(page(title, paragraphs)).body
    rec = recover_html(page(title, paragraphs), templates=t, domain="harbourledger.example")
    assert BLURB not in rec.body and paragraphs[0] in rec.body
    assert BLURB in rec.removed
