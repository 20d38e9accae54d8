"""Plain-text dump recovery on our own fictional dumps."""
from __future__ import annotations

from parley.recover.text import label_lines, recover_text

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
