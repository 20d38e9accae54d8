"""Plain-text dump recovery on our own fictional dumps."""
from __future__ import annotations

from parley.recover.text import edge_furniture, label_lines, recover_text

DUMP = """World News

Harbour talks collapse – Valletta

Malta will not sign the fisheries accord, its envoy has saidHarbour talks collapse – Valletta

Harbour talks collapse – Valletta

By Irena Vasquez

Published: 12 Mar, 2025 08:15

Fishing boats in Marsaxlokk harbour. © Example Photo Agency

Maltese envoy Karl Borg told reporters on Tuesday that the accord offered nothing to small fleets.

“We came to negotiate in good faith, and we leave with empty nets,” Borg said after the meeting in Brussels.

Ministers from Italy and Tunisia are expected to meet again next month to discuss quotas.

Ferry strike ends after two days

Read more Ferry strike ends after two days

The European Commission said it regretted the decision and would keep the proposal on the table.

Share on Facebook

Leave a Reply

This is a reader comment that must never become body text at all.

Back to top button
"""


def test_labels_every_line_and_splits_glued_standfirst():
    lines, title = label_lines(DUMP)
    labels = {ln.label for ln in lines}
    assert title == "Harbour talks collapse – Valletta"
    assert {"section", "title", "standfirst", "byline", "timestamp", "caption", "body", "related", "comments"} <= labels


def test_recovers_fields_and_keeps_removed_lines():
    rec = recover_text(DUMP)
    assert rec.section == "World News"
    assert rec.standfirst == "Malta will not sign the fisheries accord, its envoy has said"
    assert rec.byline == "Irena Vasquez"
    assert rec.published == "2025-03-12"
    assert rec.captions[0].text == "Fishing boats in Marsaxlokk harbour."
    assert rec.captions[0].credit == "Example Photo Agency"
    assert rec.related == ("Ferry strike ends after two days",)
    assert len(rec.body) == 4
    assert rec.body[0].startswith("Maltese envoy Karl Borg")
    assert not any("reader comment" in p for p in rec.body)
    assert "Leave a Reply" in rec.removed and "Share on Facebook" in rec.removed
    assert rec.text == "\n\n".join(rec.body)


def test_empty_and_junk_give_no_body():
    assert recover_text("").body == ()
    assert recover_text("Home | News | Sport\n\nShare\n\nTweet").body == ()


# --- furniture at the edges of a body (shared with HTML recovery) --------------------------------------

def test_edge_furniture_drops_credits_contacts_and_prompts():
    body = [
        "The envoy said the talks in Valletta would resume next week, after the fishing season closes.",
        "You may also like",
        "___",
        "Ministers said they would subscribe to the new quota system once the survey is complete.",
        "Reporting by Irena Vasquez; editing by Tom Hale",
        "Follow Irena on Twitter @irenav or write to irena@harbour.example",
    ]
    kept, dropped = edge_furniture(body)
    assert kept == [body[0], body[3]]  # "subscribe" in a sentence mid-story stays
    assert set(dropped) == {body[1], body[2], body[4], body[5]}


def test_edge_furniture_keeps_a_one_paragraph_story():
    assert edge_furniture(["Contact the newsroom at desk@example.org with tips."])[0] == [
        "Contact the newsroom at desk@example.org with tips."]


# --- HTML candidate selection (parley.recover.select) ----------------------------------------------------

PAGE = """<html lang="en"><head><title>Harbour talks collapse</title><script>var x = 1;</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<div id="main"><h1>Harbour talks collapse</h1>
<p>Maltese envoy Karl Borg told reporters on Tuesday that the accord offered nothing to the small fleets that
fish off the southern coast, and that his government would not sign it in its present form.</p>
<p>“We came to negotiate in good faith, and we leave with empty nets,” Borg said after the meeting in Brussels,
where ministers from Italy and Tunisia had hoped to close the file before the summer.</p>
<span class="sr-only">Opens in a new window</span>
<p>The European Commission said it regretted the decision and would keep the proposal on the table for the
autumn session, when the quotas for the coming year are set.</p></div>
<div class="comments"><p>This is a reader comment that is long enough to look like prose to a naive rule, honestly.</p></div>
<footer><p>© 2025 Harbour Ledger. All rights reserved. Terms of use and privacy policy apply to this site.</p></footer>
</body></html>"""


def _page():
    from parley.recover.select import parse_page

    tree = parse_page(PAGE)
    assert tree is not None
    return tree


def test_page_blocks_mark_links_chrome_and_hidden_text():
    from parley.recover.select import page_blocks

    blocks = page_blocks(_page())
    texts = [b.text for b in blocks]
    assert "Opens in a new window" not in texts and "var x = 1;" not in " ".join(texts)
    home = blocks[texts.index("Home")]
    assert home.link_chars == len("Home") and home.chrome
    assert blocks[texts.index("Harbour talks collapse")].heading
    assert any(b.text.startswith("Maltese envoy") and not b.chrome and b.link_chars == 0 for b in blocks)


def test_attached_blocks_follow_cuts_in_the_tree():
    from parley.recover.select import attached, page_blocks

    tree = _page()
    blocks = page_blocks(tree)
    comments = tree.find(".//div[@class='comments']")
    comments.getparent().remove(comments)
    left = [b.text for b in attached(blocks, tree)]
    assert not any("reader comment" in t for t in left)
    assert any(t.startswith("Maltese envoy") for t in left)


def test_block_classifier_keeps_the_article_paragraphs():
    from parley.recover.select import block_candidate, page_blocks

    body = block_candidate(page_blocks(_page()), "en").paragraphs
    starts = [p[:14] for p in body]
    assert "Maltese envoy " in starts and "“We came to ne" in starts and "The European C" in starts
    assert not any(p in ("Home", "World") or p.startswith("©") for p in body)


def test_declared_language_is_checked_against_the_text():
    from parley.recover.select import guess_language

    german = ["Der Präsident sagte am Dienstag, dass die Gespräche mit den Nachbarn nicht zu einem Ergebnis "
              "geführt hätten und dass die Regierung an ihrer Position festhalten werde."]
    assert guess_language(german, "en") == "de"
    english = ["The president said on Tuesday that the talks with the neighbours had not led to a result."]
    assert guess_language(english, "en") == "en"


def test_extract_candidates_and_choose_the_agreed_body():
    from copy import deepcopy

    from parley.recover.html import _body_paragraphs
    from parley.recover.select import attached, block_candidate, choose, extract_candidates, page_blocks

    tree = _page()
    work = deepcopy(tree)
    blocks = block_candidate(attached(page_blocks(work), work), "en")
    cands = extract_candidates(work, None, blocks, _body_paragraphs, source=PAGE)
    assert {c.name for c in cands} >= {"blocks", "balanced", "precision"}
    chosen = [p[:14] for p in choose(cands).paragraphs]
    assert chosen.index("Maltese envoy ") < chosen.index("“We came to ne") < chosen.index("The European C")
    assert not any("reader comment" in p for p in choose(cands).paragraphs)


def test_choose_medoid_rescue_and_no_support():
    from parley.recover.select import Candidate, choose

    article = (
        "The council voted on Monday to reopen the northern harbour to fishing boats after a two year closure.",
        "Hundreds of families had been left without income, and the mayor said the decision came too late.",
        "Inspectors will check the breakwater every month, and the first boats may leave on the first of May.",
        "Fishermen gathered at the quay to hear the result, some of them waiting since dawn in the rain.",
    )
    teaser = ("Ferry strike ends after two days",)
    # the medoid: three agree, one adds a teaser; near ties go to the shorter text
    cands = [Candidate("balanced", article + teaser), Candidate("precision", article),
             Candidate("readability", article), Candidate("blocks", article + teaser)]
    assert choose(cands).paragraphs == article
    # trafilatura's twins stop at a stub; readability and the blocks agree on a much longer text
    stub = article[:1]
    cands = [Candidate("balanced", stub), Candidate("precision", stub),
             Candidate("readability", article), Candidate("blocks", article + teaser)]
    assert choose(cands).paragraphs == article
    # nothing agrees with anything: the longest text of at least twice the pick's length
    other = ("Completely different words about a football match in another town, with goals in both halves "
             "and a penalty that the visiting coach called a disgrace in front of the cameras afterwards.",
             "The home side now leads the table by four points with three rounds of the season left to play.")
    cands = [Candidate("balanced", stub), Candidate("precision", stub), Candidate("blocks", other)]
    assert choose(cands).paragraphs == other
    assert choose([]).paragraphs == ()


def test_comment_prune_matches_trafilatura():

    from lxml import etree
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.xpaths import REMOVE_COMMENTS_AND_LISTS_XPATH, REMOVE_COMMENTS_XPATH

    from parley.recover.select import parse_page, prune_comment_threads

    page = ("<html><body><div id='comments-area'><p>a</p></div><div class='commentary'><p>keep</p></div>"
            "<ul class='comment-list'><li>b</li></ul><ol id='nav'><li>c</li></ol><section id='disqus_thread'>d</section>"
            "<div class='post-comments x'>e</div><div id='Commentary'>f</div></body></html>")
    for lists, xpath in ((True, REMOVE_COMMENTS_AND_LISTS_XPATH), (False, REMOVE_COMMENTS_XPATH)):
        ours, theirs = parse_page(page), parse_page(page)
        prune_comment_threads(ours, lists=lists)
        prune_unwanted_nodes(theirs, xpath)
        assert etree.tostring(ours) == etree.tostring(theirs)


# --- whole-page dumps (Common Crawl WET style): the article is one stretch of the page --------------------

WET = """Home
World
Business
Sport
Weather
Subscribe
Sign in
Harbour News Network
Fishing quotas: ministers split again in Brussels
By Irena Vasquez
12 March 2025 08:15
BRUSSELS, BELGIUM
Ministers from eleven countries failed on Tuesday to agree on next year's fishing quotas, leaving small fleets without a plan.
“We came to negotiate in good faith, and we leave with empty nets,” Maltese envoy Karl Borg told reporters after the meeting.
The Commission will table a new proposal in April, officials said, after talks with the fleets of the three largest ports.
Advertisement
The proposal will cover three stocks:
Red mullet in the Strait of Sicily
Hake in the Adriatic and the Ionian
Sardines off the coast of Tunisia
Borg said Malta would accept a cut of ten per cent if the same cut applied to every fleet in the region, large or small.
“We came to negotiate in good faith, and we leave with empty nets.”
Reporting by Irena Vasquez; editing by Tom Hale
Share
Facebook
Twitter
Comments
Email
More from Harbour News
Ferry strike ends after two days as unions sign a deal with the owners in Valletta.
Storm closes the port of Marsaxlokk for the first time in a decade, the authorities said.
12 comments
Lina M. on March 12, 2025 at 9:14 am said:
This is a disgrace and the ministers should be ashamed of themselves for leaving the small fleets with nothing at all.
Paul on March 12, 2025 at 10:02 am said:
Nothing will change until the big fleets are made to pay for what they have taken from the sea for so long.
© 2025 Harbour News Network. All rights reserved.
Privacy policy
"""


def test_wet_dump_body_is_the_article_stretch():
    rec = recover_text(WET)
    assert rec.body == (
        "Ministers from eleven countries failed on Tuesday to agree on next year's fishing quotas, leaving small fleets "
        "without a plan.",
        "“We came to negotiate in good faith, and we leave with empty nets,” Maltese envoy Karl Borg told reporters "
        "after the meeting.",
        "The Commission will table a new proposal in April, officials said, after talks with the fleets of the three "
        "largest ports.",
        "The proposal will cover three stocks:",
        "Red mullet in the Strait of Sicily",
        "Hake in the Adriatic and the Ionian",
        "Sardines off the coast of Tunisia",
        "Borg said Malta would accept a cut of ten per cent if the same cut applied to every fleet in the region, "
        "large or small.",
    )
    assert rec.byline == "Irena Vasquez"
    assert rec.published == "2025-03-12"


def test_wet_dump_labels_every_line():
    lines, _ = label_lines(WET)
    label = {ln.text: ln.label for ln in lines}
    assert label["World"] == "navigation"
    assert label["BRUSSELS, BELGIUM"] == "dateline"
    assert label["Advertisement"] == "widget"
    assert label["“We came to negotiate in good faith, and we leave with empty nets.”"] == "pullquote"
    assert label["Reporting by Irena Vasquez; editing by Tom Hale"] == "footer"
    assert label["Comments"] == "widget"  # the share bar's link does not start the reader comments
    assert label["Ferry strike ends after two days as unions sign a deal with the owners in Valletta."] == "footer"
    assert label["This is a disgrace and the ministers should be ashamed of themselves for leaving the small fleets "
                 "with nothing at all."] == "comments"
    assert label["© 2025 Harbour News Network. All rights reserved."] in ("widget", "caption", "footer")


def test_comments_bigger_than_the_article_do_not_win():
    article = "\n".join(f"The council voted on Monday to reopen harbour number {i} after a long closure, officials said."
                        for i in range(3))
    comments = "\n".join(f"Reader {i} thinks the council has wasted everybody's time and money on this harbour for years."
                         for i in range(8))
    rec = recover_text(f"Northern harbour reopens\n{article}\n34 responses to “Harbour reopens”\n{comments}\n")
    assert len(rec.body) == 3 and all(p.startswith("The council voted") for p in rec.body)


def test_unspaced_scripts_are_read_as_prose():
    dump = "メニュー\nホーム\n" + "\n".join(
        f"報道によると、今回販売されたのは改造された商品で、権利者の許諾を得ずに販売されたものです。番号{i}。" for i in range(4))
    assert len(recover_text(dump).body) == 4


def test_a_paragraph_in_another_language_is_kept():
    french = ("Le ministre des affaires étrangères a déclaré à Genève que les négociations sur le corridor céréalier "
              "reprendraient après l'été.")
    english = "\n".join(f"The minister said on Tuesday that talks on the grain corridor would resume in round {i}." for i in range(3))
    assert french in recover_text(f"Grain talks\n{english}\n{french}\n").body


def test_a_timestamp_after_the_crawl_date_is_not_the_publication_date():
    from datetime import date

    dump = ("Harbour talks collapse in Valletta\nPublished: 12 Mar, 2031 08:15\n"
            + "\n".join(f"The envoy said on Tuesday that the accord offered nothing to small fleet number {i}." for i in range(2)))
    assert recover_text(dump, today=date(2025, 1, 1)).published is None
    assert recover_text(dump, today=date(2031, 3, 20)).published == "2031-03-12"


def test_an_article_only_in_noscript_is_still_found():
    from parley.recover.html import recover_html

    paragraphs = [f"The park authority counted {n} bear cubs this year, the highest number since records began in the "
                  f"region, and said the population was growing again after two hard winters." for n in (9, 12, 15)]
    page = ("<html><head><title>Bears</title><script>render()</script></head><body><div id='app'></div><noscript>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</noscript></body></html>")
    assert recover_html(page).body[0].startswith("The park authority counted 9 bear cubs")
