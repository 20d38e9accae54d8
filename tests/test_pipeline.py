"""The stage chain as process_stream runs it: batched parses, headline clauses in their own lane, order kept."""
from __future__ import annotations

from parley.errors import InputError
from parley.records import Article, RawDocument

PAGE = ("<html><head><title>No talks this year – Moscow</title></head><body><article>"
        "<h1>No talks this year – Moscow</h1>"
        "<p class='standfirst'>Russia will not make ‘unilateral concessions’, a senior diplomat has said</p>"
        "<p>Russian Deputy Foreign Minister Sergey Ryabkov said on Monday that talks with the alliance were "
        "impossible before the summer.</p>"
        "<p>“We see no basis for dialogue while the exercises go on,” the diplomat told reporters in Moscow.</p>"
        "</article></body></html>")


def _story(n: int) -> RawDocument:
    text = (f"Harbour workers strike in Port Aven {n}\n\n"
            f"Dock workers in the fictional port of Aven walked out for the {n}th day on Tuesday, union leaders said.\n\n"
            "“We will stay out until the contracts are signed,” union chair Mara Lind told reporters at the gates.\n")
    return RawDocument(content=text, format="text", path=f"story-{n}.txt")


def test_headline_quotes_come_through_the_pipeline_linked_to_body_speakers(pipeline):
    article = pipeline.process(RawDocument(content=PAGE, format="html"))
    by_part = {q.part: q for q in article.headline_quotes}
    assert by_part["title"].text == "No talks this year"
    assert by_part["title"].speaker_mention is not None and by_part["title"].speaker_mention.text == "Moscow"
    assert by_part["standfirst"].speaker_name == "Sergey Ryabkov", "the senior diplomat is the body's diplomat"


def test_a_stream_longer_than_a_batch_keeps_order_and_errors_in_place(pipeline):
    bad = InputError("broken.warc", "truncated record", 3)
    empty = RawDocument(content="   \n", format="text", path="empty.txt")
    items = [_story(i) for i in range(5)] + [bad] + [_story(i) for i in range(5, 9)] + [empty, _story(9)]
    out = list(pipeline.process_stream(items, batch_size=4))
    assert len(out) == len(items)
    assert out[5] is bad
    assert isinstance(out[10], InputError) and out[10].path == "empty.txt"
    stories = [a for a in out if isinstance(a, Article)]
    assert [a.source.path for a in stories] == [f"story-{i}.txt" for i in range(10)]
    for a in stories:
        assert any(q.speaker_name == "Mara Lind" for q in a.quotes)
        assert a.title is not None and a.title.startswith("Harbour workers strike")


def test_batching_does_not_change_the_result(pipeline):
    items = [_story(i) for i in range(6)] + [RawDocument(content=PAGE, format="html", path="page.html")]
    one_by_one = [pipeline.process(item).to_json() for item in items]
    batched = [a.to_json() for a in pipeline.process_stream(items, batch_size=4)]
    assert batched == one_by_one


def test_importing_parley_keeps_blas_to_one_thread_unless_the_user_chose():
    import os
    import subprocess
    import sys

    probe = "import parley, os; print(os.environ['OPENBLAS_NUM_THREADS'])"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    chosen = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert chosen.stdout.strip() == "1"
    kept = subprocess.run([sys.executable, "-c", probe], env={**env, "OPENBLAS_NUM_THREADS": "3"},
                          capture_output=True, text=True, check=True)
    assert kept.stdout.strip() == "3"


def test_the_loaded_pipeline_is_kept_out_of_the_collectors_full_passes(pipeline):
    import gc

    tracked = {id(o) for o in gc.get_objects()}  # the permanent generation (frozen objects) is not listed
    assert gc.get_freeze_count() > 0
    assert id(pipeline.events) not in tracked and id(pipeline.actors) not in tracked


def test_record_json_is_the_same_through_orjson_and_through_its_fallback(pipeline):
    from dataclasses import replace

    from parley.records import _plain

    article = pipeline.process(RawDocument(content=PAGE, format="html"))
    assert article.quotes and article.to_json() == _plain(article)
    odd = replace(article, title="broken \ud800 title")  # orjson refuses a lone surrogate
    assert odd.to_json()["title"] == "broken \ud800 title"
