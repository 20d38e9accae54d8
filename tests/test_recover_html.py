"""HTML recovery on our own fictional pages: metadata precedence, captions, teasers, body and the audit list."""
from __future__ import annotations

from datetime import date

import pytest

from parley.records import Caption, Recovered
from parley.recover.html import recover_html, visible_lines
from parley.recover.meta import normalize_date, normalize_language, split_credit

BODY = [
    "Talks between Veloria and Ostmark over fishing rights in the Grey Sound broke down on Sunday, "
    "the Velorian foreign ministry said in a statement.",
    "“We came with an open hand and found a closed door,” Velorian envoy Petra Asmund told reporters "
    "outside the conference hall in Kessel.",
    "Ostmark’s delegation accused Veloria of seizing three trawlers in disputed waters last month and "
    "demanded their release before any further talks.",
    "The two countries signed a provisional quota agreement in 2019, but it expired in March without a "
    "replacement, leaving fleets from both sides competing for shrinking stocks.",
    "Analysts said a return to talks was unlikely before the autumn, when a regional summit is due to be "
    "held in the Ostmark capital.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Harbour talks stall over fishing quotas | The Northern Ledger</title>
<meta property="og:title" content="Harbour talks stall | The Northern Ledger">
<meta property="og:site_name" content="The Northern Ledger">
<meta property="og:url" content="https://ledger.example/world/harbour-talks">
<meta property="article:published_time" content="2023-05-15T08:00:00+00:00">
<meta name="author" content="The Northern Ledger">
<script type="application/ld+json">
{{"@context": "https://schema.org", "@graph": [
  {{"@type": "WebSite", "name": "The Northern Ledger"}},
  {{"@type": "NewsArticle", "headline": "Harbour talks stall over fishing quotas",
   "datePublished": "2023-05-14T09:30:00+00:00", "articleSection": ["World", "Europe"],
   "author": [{{"@type": "Person", "name": "Mara Lindqvist"}}, {{"@type": "Organization", "name": "The Northern Ledger"}}],
   "publisher": {{"@type": "Organization", "name": "The Northern Ledger"}}}}
]}}
</script>
</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main>
<article>
<h1>Harbour talks stall over fishing quotas</h1>
<p class="standfirst">Negotiators from Veloria and Ostmark left the table without a deal, officials said</p>
<div class="byline">By Mara Lindqvist</div>
<time datetime="2023-05-14T09:30:00Z">14 May 2023</time>
<figure><img src="/a.jpg" alt="">
<figcaption>Trawlers moored in the port of Kessel on Sunday. Photo: Ledger Agency/AFP</figcaption></figure>
<p>{BODY[0]}</p>
<p>{BODY[1]}</p>
<div class="related-stories"><h3>Related</h3><ul>
<li><a href="/x">Ostmark recalls ambassador over trawler seizure</a></li>
<li><a href="/y">Fish prices climb as quota row deepens</a></li></ul></div>
<p>{BODY[2]}</p>
<figure class="inline"><img src="/b.jpg" alt="">
<figcaption><span class="caption-text">Petra Asmund speaks in Kessel.</span>
<span class="credit">Jonas Berg</span></figcaption></figure>
<p><strong>Read more:</strong> <a href="/z">How the Grey Sound dispute began</a></p>
<p>{BODY[3]}</p>
<p>{BODY[4]}</p>
</article>
<section id="comments"><h2>Comments</h2>
<div class="comment"><p>This is a disgrace, the government should act now and stop wasting time!!!</p></div>
<div class="comment"><p>Totally agree with the envoy here, well said.</p></div></section>
</main>
<aside class="sidebar"><h2>Most read</h2><ol><li><a href="/m1">Storm warning for the northern coast</a></li>
<li><a href="/m2">Local team wins cup final</a></li></ol></aside>
<footer><p>© 2023 The Northern Ledger. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/terms">Terms of use</a></footer>
</body>
</html>
"""

TODAY = date(2024, 1, 1)


@pytest.fixture(scope="module")
def recovered() -> Recovered:
    return recover_html(PAGE, today=TODAY)


def test_metadata_from_json_ld_wins(recovered: Recovered) -> None:
    assert recovered.title == "Harbour talks stall over fishing quotas"
    assert recovered.published == "2023-05-14T09:30:00+00:00"  # JSON-LD over article:published_time
    assert recovered.section == "World"
    assert recovered.byline == "Mara Lindqvist"                # the organisation author is the site: dropped
    assert recovered.language == "en"
    assert recovered.standfirst == "Negotiators from Veloria and Ostmark left the table without a deal, officials said"


def test_body_is_the_article_paragraphs_only(recovered: Recovered) -> None:
    assert list(recovered.body) == BODY
    assert recovered.text == "\n\n".join(BODY)


def test_captions_with_credits_are_kept_out_of_body(recovered: Recovered) -> None:
    assert recovered.captions == (
        Caption("Trawlers moored in the port of Kessel on Sunday.", "Ledger Agency/AFP"),
        Caption("Petra Asmund speaks in Kessel.", "Jonas Berg"),
    )
    assert not any("Trawlers moored" in p or "Jonas Berg" in p for p in recovered.body)


def test_related_teasers(recovered: Recovered) -> None:
    assert recovered.related == (
        "Ostmark recalls ambassador over trawler seizure",
        "Fish prices climb as quota row deepens",
        "How the Grey Sound dispute began",
    )


def test_navigation_footer_and_comments_are_removed_not_in_body(recovered: Recovered) -> None:
    text = recovered.text
    for junk in ("Home", "Sport", "disgrace", "Totally agree", "Most read", "Storm warning",
                 "All rights reserved", "Privacy policy"):
        assert junk not in text
    removed = recovered.removed
    assert "Home" in removed
    assert "World news" in removed
    assert "This is a disgrace, the government should act now and stop wasting time!!!" in removed
    assert "Storm warning for the northern coast" in removed
    assert "© 2023 The Northern Ledger. All rights reserved." in removed
    assert len(removed) == len(set(removed))
    # nothing that went into a field is also listed as removed
    kept = {*recovered.body, recovered.title, recovered.standfirst, *recovered.related,
            *(c.text for c in recovered.captions)}
    assert not kept & set(removed)
    assert "By Mara Lindqvist" not in removed
    # and removed keeps page order
    assert removed.index("Home") < removed.index("Storm warning for the northern coast")


def test_headline_not_repeated_and_og_title_suffix_stripped() -> None:
    page = f"""<html><head><title>Kessel ferry crews end strike - Harbour Post</title>
    <meta property="og:title" content="Kessel ferry crews end strike - Harbour Post">
    <meta property="og:site_name" content="Harbour Post"></head>
    <body><div id="story"><h2>Kessel ferry crews end strike</h2>
    <p>Kessel ferry crews end strike</p>
    <p>{BODY[0]}</p><p>{BODY[1]}</p><p>{BODY[2]}</p></div></body></html>"""
    rec = recover_html(page, today=TODAY)
    assert rec.title == "Kessel ferry crews end strike"
    assert list(rec.body) == BODY[:3]


def test_future_dates_rejected_and_htmldate_fallback() -> None:
    page = f"""<html><head><title>Quota row</title>
    <meta property="article:published_time" content="2031-01-01T00:00:00Z"></head>
    <body><article><h1>Quota row</h1><p class="date">Published 3 March 2021</p>
    <p>{BODY[0]}</p><p>{BODY[1]}</p><p>{BODY[2]}</p></article></body></html>"""
    rec = recover_html(page, url="https://ledger.example/2021/03/03/quota-row", today=TODAY)
    assert rec.published is not None
    assert rec.published.startswith("2021-03-03")
    assert normalize_date("2031-01-01", today=TODAY) is None


def test_author_equal_to_site_name_is_dropped() -> None:
    page = f"""<html lang="de-DE"><head><title>Hafen</title>
    <meta name="author" content="Kesseler Rundschau">
    <meta property="og:site_name" content="Kesseler Rundschau"></head>
    <body><article><h1>Hafengespräche gescheitert</h1><p>{BODY[0]}</p><p>{BODY[1]}</p><p>{BODY[2]}</p>
    </article></body></html>"""
    rec = recover_html(page, today=TODAY)
    assert rec.byline is None
    assert rec.language == "de"


def test_related_aside_inside_article_and_read_more_paragraph() -> None:
    page = f"""<html><body><article><h1>Storm closes the Grey Sound</h1>
    <p>{BODY[0]}</p>
    <aside><a href="/q">Ferries cancelled as gales batter the coast</a></aside>
    <p>{BODY[1]}</p>
    <p>READ MORE: <a href="/r">Fishermen count the cost of a lost season</a></p>
    <p>{BODY[2]}</p></article></body></html>"""
    rec = recover_html(page, today=TODAY)
    assert rec.related == ("Ferries cancelled as gales batter the coast", "Fishermen count the cost of a lost season")
    assert list(rec.body) == BODY[:3]


def test_short_page_falls_back_to_paragraphs() -> None:
    rec = recover_html("<html><body><nav>Home | World</nav><p>Kessel harbour reopened on Monday morning.</p>"
                       "</body></html>", today=TODAY)
    assert rec.body == ("Kessel harbour reopened on Monday morning.",)
    assert "Home | World" in rec.removed


@pytest.mark.parametrize("page", [
    "", "   ", "not html at all", "<html></html>", "<p>", "<<<>>>", "\x00\x01binary",
    "<div>" * 3000 + "deep" + "</div>" * 3000,
    '<script type="application/ld+json">{broken json</script><p>text</p>',
    '<script type="application/ld+json">[1, "x", null]</script><p>text</p>',
])
def test_hostile_pages_do_not_raise(page: str) -> None:
    rec = recover_html(page, today=TODAY)
    assert isinstance(rec, Recovered)
    assert all(isinstance(p, str) and p for p in rec.body)


def test_visible_lines_skip_scripts_and_hidden() -> None:
    from trafilatura.utils import load_html

    tree = load_html("<html><head><title>T</title></head><body><p>One <b>two</b></p><script>var x;</script>"
                     "<div hidden>secret</div><div style='display:none'>gone</div><p>three<br>four</p></body></html>")
    assert visible_lines(tree) == ["One two", "three", "four"]


@pytest.mark.parametrize(("caption", "expected"), [
    ("The Kremlin in Moscow. ©  Getty Images", ("The Kremlin in Moscow.", "Getty Images")),
    ("Trawlers in Kessel. Photo: AFP", ("Trawlers in Kessel.", "AFP")),
    ("Crowds outside the ministry (Getty Images)", ("Crowds outside the ministry", "Getty Images")),
    ("The envoy arrives. Photograph: Jonas Berg/Reuters", ("The envoy arrives.", "Jonas Berg/Reuters")),
    ("Ferries at anchor | Jonas Berg", ("Ferries at anchor", "Jonas Berg")),
    ("Smoke over the harbour. AFP via Getty Images", ("Smoke over the harbour.", "AFP via Getty Images")),
    ("The prime minister (left) and the envoy.", ("The prime minister (left) and the envoy.", None)),
    ("Protesters gather in the square on Monday.", ("Protesters gather in the square on Monday.", None)),
])
def test_split_credit(caption: str, expected: tuple[str, str | None]) -> None:
    assert split_credit(caption) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("en-GB", "en"), ("pt_BR", "pt"), ("deu", "de"), ("FR", "fr"), ("English", None), (None, None),
])
def test_normalize_language(value: str | None, expected: str | None) -> None:
    assert normalize_language(value) == expected


def test_kicker_section_caption_block_and_comment_form() -> None:
    page = f"""<html><head><title>Ice road reopens - Fjord Courier</title>
    <meta property="og:site_name" content="Fjord Courier">
    <meta property="article:published_time" content="2023-02-06T13:10:00Z"></head>
    <body><div class="top"><a href="/">Fjord Courier</a></div>
    <div class="art"><div class="kick">Arctic</div><h1>Ice road reopens</h1>
    <div class="dateline">By Staff Reporter | February 6, 2023 1:10 PM</div>
    <div class="img"><img src="/i.jpg"><span class="legend">Trucks cross the frozen lake at dawn.</span>
    <span class="copyright">© Fjord Courier / Lina Dahl</span></div>
    <div class="txt"><p>{BODY[0]}</p><div class="ad mpu">Advertisement</div><p>{BODY[1]}</p><p>{BODY[2]}</p></div>
    <div id="respond"><h3>Leave a Reply</h3><p>Your email address will not be published.</p></div>
    </div></body></html>"""
    rec = recover_html(page, today=TODAY)
    assert rec.title == "Ice road reopens"
    assert rec.section == "Arctic"
    assert rec.byline == "Staff Reporter"
    assert rec.published == "2023-02-06T13:10:00Z"  # the declared ISO form is kept as written
    assert rec.captions == (Caption("Trucks cross the frozen lake at dawn.", "Fjord Courier / Lina Dahl"),)
    assert list(rec.body) == BODY[:3]
    assert "Leave a Reply" in rec.removed
    assert "Advertisement" in rec.removed
