"""The quote stage on our own fictional sentences: marks of every style, tags, indirect and mixed
quotes, speakers through pronouns, surnames and role nouns, follow-on quotes, headline quotes."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from parley.columns import Columns
from parley.quotes.cues import FRAMES, cue_lexicon, holder_lexicon
from parley.quotes.finder import QuoteFinder, _report_candidates
from parley.quotes.marks import utterances
from parley.records import Quote


def find(pipeline, text: str) -> tuple[list[Quote], dict[str, str]]:
    """Quotes of a body text, and actor id → name."""
    doc = pipeline.nlp(text)
    quotes, table = pipeline.quotes(doc, pipeline.actors(doc))
    for q in quotes:
        assert text[q.start : q.end] == q.text, "offsets point into the text"
        if q.speaker_mention is not None:
            m = q.speaker_mention
            assert text[m.start : m.end] == m.text
        if q.speaker is not None:
            assert table.by_id(q.speaker) is not None, "every speaker is an actor of the table"
    return list(quotes), {a.id: a.name for a in table.actors}


def only(quotes: list[Quote], words: str) -> Quote:
    hits = [q for q in quotes if words in q.text]
    assert len(hits) == 1, f"one quote with {words!r}, got {[q.text for q in quotes]}"
    return hits[0]


# ---- marks, without a parser ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "inner"), [
    ("“We will sign nothing today,” he said.", "We will sign nothing today,"),
    ('"We will sign nothing today," he said.', "We will sign nothing today,"),
    ("‘We will sign nothing today,’ he said.", "We will sign nothing today,"),
    ("«We will sign nothing today», he said.", "We will sign nothing today"),
    ("„We will sign nothing today“, he said.", "We will sign nothing today"),
    ("‹We will sign nothing today›, he said.", "We will sign nothing today"),
    ("”We will sign nothing today,” he said.", "We will sign nothing today,"),
])
def test_every_mark_style(text, inner):
    (u,) = utterances(text)
    assert text[u.start : u.end] == inner
    assert u.closed


def test_apostrophes_are_not_marks():
    assert not utterances("The envoys’ convoy left at dawn; it’s the ministers' call now, and rock 'n' roll won’t help.")


def test_unclosed_mark_degrades_locally():
    text = "“We will wait for the vote, the envoy said. Then “the talks resume in May,” she added.\n\nNext paragraph."
    spans = [text[u.start : u.end] for u in utterances(text)]
    assert spans == ["We will wait for the vote, the envoy said.", "the talks resume in May,"]


def test_nested_marks_of_the_same_style_stay_inside():
    text = "“They call it “a bridge to nowhere” and they are wrong,” she said."
    (u,) = utterances(text)
    assert text[u.start : u.end] == "They call it “a bridge to nowhere” and they are wrong,"


def test_quote_over_paragraphs_is_one_utterance():
    text = "“The harbour will stay open all winter.\n\n“Nobody will be turned away,” the mayor said.\n\nThe end."
    (u,) = utterances(text)
    assert len(u.parts) == 2
    assert text[u.start : u.end].startswith("The harbour") and text[u.start : u.end].endswith("turned away,")


# ---- direct quotes and their tags ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Fisheries Minister Oskar Lindqvist spoke in Tromsø on Monday. “The quota cut is final,” Lindqvist told reporters.",
    'Fisheries Minister Oskar Lindqvist spoke in Tromsø on Monday. "The quota cut is final," Lindqvist told reporters.',
    "Fisheries Minister Oskar Lindqvist spoke in Tromsø on Monday. ‘The quota cut is final,’ Lindqvist told reporters.",
    "Fisheries Minister Oskar Lindqvist spoke in Tromsø on Monday. «The quota cut is final», Lindqvist told reporters.",
    "Fisheries Minister Oskar Lindqvist spoke in Tromsø on Monday. „The quota cut is final“, Lindqvist told reporters.",
])
def test_direct_quote_in_every_style_has_speaker_and_cue(pipeline, text):
    quotes, _ = find(pipeline, text)
    q = only(quotes, "quota cut")
    assert q.kind == "direct"
    assert q.speaker_name == "Oskar Lindqvist"
    assert q.cue == "told reporters"
    assert q.cue_mention is not None and q.cue_mention.text.startswith("told")


def test_tag_before_with_colon_and_inside_a_split_quote(pipeline):
    text = ("Trade Commissioner Mira Solberg addressed the summit in Bergen.\n\n"
            "Solberg said: “Tariffs on salmon hurt both sides.”\n\n"
            "“We can fix this,” Solberg said, “but only if the ministers meet before June.”")
    quotes, _ = find(pipeline, text)
    assert only(quotes, "Tariffs on salmon").speaker_name == "Mira Solberg"
    first, second = only(quotes, "We can fix this"), only(quotes, "only if the ministers")
    assert first.speaker_name == second.speaker_name == "Mira Solberg"
    assert first.cue_mention == second.cue_mention, "both halves hang on the same tag"


def test_tag_ending_the_previous_paragraph(pipeline):
    text = "Harbour master Petra Vogel wrote on X:\n\n“The northern pier stays closed until the divers finish their survey.”"
    quotes, _ = find(pipeline, text)
    q = only(quotes, "northern pier")
    assert q.speaker_name == "Petra Vogel"
    assert q.cue == "wrote on X"


def test_dash_and_colon_attributions(pipeline):
    text = ("“The ferry timetable is a disgrace and everyone on the island knows it.” ― Lotte Brandt\n\n"
            "MEYER: We will publish the new timetable next week, as promised.")
    quotes, _ = find(pipeline, text)
    assert only(quotes, "ferry timetable").speaker_name == "Lotte Brandt"
    colon = only(quotes, "publish the new timetable")
    assert colon.cue == ":" and colon.speaker_name is not None and colon.speaker_name.endswith("MEYER")


def test_manner_of_speech_and_colon_clause_tags(pipeline):
    text = ("Protesters outside the ministry in Tallinn shouted “No more cuts to the ferry service!”\n\n"
            "Harbour director Ines Kask has a new slogan for the port: “Small harbour, big ideas.”")
    quotes, _ = find(pipeline, text)
    shouted = only(quotes, "No more cuts")
    assert shouted.cue == "shouted" and shouted.speaker_name is not None and "protesters" in shouted.speaker_name.lower()
    slogan = only(quotes, "Small harbour")
    assert slogan.cue == ":" and slogan.speaker_name == "Ines Kask"


def test_transcript_turns_are_separate_quotes(pipeline):
    text = ('"HOST: Minister, will the ferry run this winter?\n\n'
            '"LINDQVIST: It will run every day, weather permitting, from the first of December.')
    quotes, _ = find(pipeline, text)
    host, minister = only(quotes, "ferry run"), only(quotes, "every day")
    assert host.cue == minister.cue == ":"
    assert host.speaker_name is not None and host.speaker_name.endswith("HOST")
    assert minister.speaker_name is not None and minister.speaker_name.upper().endswith("LINDQVIST")


def test_one_quoted_word_after_a_verb_of_naming(pipeline):
    text = "Trade Minister Oskar Lindqvist called the quota plan “reckless” on Tuesday."
    quotes, _ = find(pipeline, text)
    q = only(quotes, "reckless")
    assert q.kind == "mixed" and q.speaker_name == "Oskar Lindqvist"
    assert q.text.startswith("the quota plan")


def test_said_in_a_statement_is_one_cue(pipeline):
    text = "“The corridor remains open to all ships,” Port Authority director Hana Novak said in a statement."
    quotes, _ = find(pipeline, text)
    q = only(quotes, "corridor remains open")
    assert q.cue == "said in a statement"
    assert q.speaker_name == "Hana Novak"


def test_scare_quotes_and_titles_are_not_direct_quotes(pipeline):
    text = "The so-called “green corridor” opened after the film “The Long Harbour Road” was shown in Gdańsk."
    quotes, _ = find(pipeline, text)
    assert not any(q.kind == "direct" for q in quotes)


def test_follow_on_quote_inherits_speaker(pipeline):
    text = ("“We have waited eleven years for this bridge,” said Mayor Ilona Varga. “Nobody here will forget who "
            "paid for it.”\n\n“And nobody will forget who delayed it.”\n\nThe bridge opens in March.")
    quotes, _ = find(pipeline, text)
    first = only(quotes, "eleven years")
    assert first.speaker_name == "Ilona Varga"
    assert only(quotes, "Nobody here").speaker == first.speaker
    assert only(quotes, "who delayed it").speaker == first.speaker, "a paragraph opening with a quote continues"


def test_follow_on_stops_after_narrative(pipeline):
    text = ("“We have waited eleven years for this bridge,” said Mayor Ilona Varga.\n\n"
            "The council met again on Friday to discuss the budget.\n\n"
            "“The tolls will stay,” the statement read at the end.")
    quotes, _ = find(pipeline, text)
    assert only(quotes, "tolls will stay").speaker != only(quotes, "eleven years").speaker


def test_multi_paragraph_quote_is_one_quote(pipeline):
    text = ("Coast guard commander Anders Holm described the rescue.\n\n"
            "“The waves were higher than the bridge of our cutter.\n\n"
            "“We pulled nine people out of the water before dawn,” Holm said.")
    quotes, _ = find(pipeline, text)
    q = only(quotes, "waves were higher")
    assert "nine people" in q.text
    assert q.speaker_name is not None and q.speaker_name.endswith("Holm")


# ---- indirect and mixed quotes --------------------------------------------------------------------------

def test_indirect_quote_after_and_before_its_tag(pipeline):
    text = ("Agriculture Minister Tomas Rieger said on Tuesday that grain exports would resume within a week.\n\n"
            "The border crossings will reopen on Friday, customs officials said.")
    quotes, _ = find(pipeline, text)
    a = only(quotes, "grain exports would resume")
    assert a.kind == "indirect" and a.speaker_name == "Tomas Rieger" and a.cue == "said"
    b = only(quotes, "border crossings will reopen")
    assert b.kind == "indirect" and b.speaker_name is not None and "officials" in b.speaker_name


def test_mixed_quote(pipeline):
    text = "Environment Minister Saskia Brandt said the dam project was “dead in the water” after the court ruling."
    quotes, _ = find(pipeline, text)
    q = only(quotes, "dam project")
    assert q.kind == "mixed"
    assert "dead in the water" in q.text
    assert q.speaker_name == "Saskia Brandt"


def test_according_to(pipeline):
    text = "Nine fishing boats were seized near the reef overnight, according to the coast guard of Palau."
    quotes, _ = find(pipeline, text)
    q = only(quotes, "fishing boats were seized")
    assert q.cue == "according to"
    assert q.speaker_mention is not None and "coast guard" in q.speaker_mention.text


def test_speech_act_with_an_object_is_an_event_not_a_quote(pipeline):
    text = "Finland rejected the proposal on Monday and urged Sweden to reopen talks."
    quotes, _ = find(pipeline, text)
    assert quotes == []


@pytest.mark.parametrize(("text", "content", "cue"), [
    ("The mayor called on residents to conserve water.", "residents to conserve water", "called"),
    ("Senator Ruth Ellison blasted the agency for ignoring the warnings.", "the agency for ignoring the warnings", "blasted"),
    ("Councillor Ida Brandt wants to delay the vote until spring.", "to delay the vote until spring", "wants"),
    ("Senator Ruth Ellison voted against the harbour levy.", "the harbour levy", "voted"),
    ("Mayor Lena Fisk portrayed the levy as a tax on the poor.", "the levy as a tax on the poor", "portrayed"),
    ("Councillor Ida Brandt rejected that argument.", "that argument", "rejected"),
    ("Mayor Lena Fisk acknowledged the risk of flooding.", "the risk of flooding", "acknowledged"),
    ("Senator Ruth Ellison expressed concern over the levy.", "concern over the levy", "expressed"),
    ("The reporter asked Tomas Reyes about the budget.", "the budget", "asked"),
    ("Councillor Ida Brandt said the same thing.", "the same thing", "said"),
    ("Mayor Lena Fisk did not respond to calls for comment.", "calls for comment", "respond"),
    ("Councillor Ida Brandt disputes the idea that the levy is fair.", "the idea that the levy is fair", "disputes"),
    ("Senator Ruth Ellison stressed her support for the harbour levy.", "her support for the harbour levy", "stressed"),
    ("Judge Tomas Reyes ruled against the harbour levy.", "the harbour levy", "ruled"),
    ("Senator Ruth Ellison endorsed Fisk.", "Fisk", "endorsed"),
    ("Mayor Lena Fisk mentioned raising the levy and cutting fees.", "raising the levy and cutting fees", "mentioned"),
])
def test_a_persons_stance_or_what_they_say_of_an_object_is_an_attribution(pipeline, text, content, cue):
    quotes, _ = find(pipeline, text)
    (q,) = quotes
    assert (q.text, q.cue) == (content, cue)
    assert q.speaker is not None


@pytest.mark.parametrize("text", [
    "Senator Ruth Ellison urged Finland to reopen talks.",
    "Ana Kovac and her Latvian counterpart agreed to meet in Riga next week.",
    "The two ministers agreed to meet in Riga next week.",
])
def test_a_stance_between_states_or_joint_is_an_event_not_an_attribution(pipeline, text):
    quotes, _ = find(pipeline, text)
    assert quotes == []
    doc = pipeline.nlp(text)
    every, _ = QuoteFinder(stances=True)(doc, pipeline.actors(doc))
    assert len(every) == 1


@pytest.mark.parametrize(("text", "content", "cue"), [
    ("Finland closed the border on Monday and urged Sweden to reopen talks.", "Sweden to reopen talks", "urged"),
    ("The mayor called on residents to conserve water.", "residents to conserve water", "called"),
    ("Senator Ruth Ellison blasted the agency for ignoring the warnings.", "the agency for ignoring the warnings", "blasted"),
    ("The union wants to delay the vote until spring.", "to delay the vote until spring", "wants"),
])
def test_every_stance_on_request(pipeline, text, content, cue):
    doc = pipeline.nlp(text)
    quotes, _ = QuoteFinder(stances=True)(doc, pipeline.actors(doc))
    (q,) = quotes
    assert (q.text, q.cue, q.kind) == (content, cue, "indirect")
    assert q.speaker is not None


def test_an_attack_is_no_stance_without_a_judgement(pipeline):
    doc = pipeline.nlp("Rebels attacked the town at dawn. The senator attacked the plan as reckless.")
    quotes, _ = QuoteFinder(stances=True)(doc, pipeline.actors(doc))
    assert [q.text for q in quotes] == ["the plan as reckless"]


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Brightwater was a powerhouse, Mr. Odell said, until it folded in 2004.", "Brightwater was a powerhouse", "Odell"),
    ("The CEO followed up with a question, but Ana Ruiz said she was not speaking about the merger.",
     "she was not speaking about the merger", "Ana Ruiz"),
    # a participle after a report is the reporter's; one inside a phrase the clause subject's
    ("Two economists said prices rose in March, citing higher fuel costs.", "higher fuel costs", "Two economists"),
    ("The shipping firms hid their accounts abroad, in many cases reporting lower profits to the tax office.",
     "lower profits to the tax office", "shipping firms"),
])
def test_parenthetical_tags_participles_and_reported_speech_verbs(pipeline, text, content, speaker):
    quotes, _ = find(pipeline, text)
    q = only(quotes, content)
    assert q.text == content and q.kind == "indirect"
    assert speaker in (q.speaker_name or "")


def test_nested_report_belongs_to_the_outer_speaker(pipeline):
    text = "Trade envoy Marta Kowal said the figures showed that exports had doubled since May."
    quotes, _ = find(pipeline, text)
    assert len(quotes) == 1 and quotes[0].speaker_name == "Marta Kowal"


# ---- speakers --------------------------------------------------------------------------------------------

def test_pronoun_speaker(pipeline):
    text = ("Deputy Foreign Minister Jonas Eklund met the delegation in Riga.\n\n"
            "“We are not leaving the table,” he said after the meeting.")
    quotes, _ = find(pipeline, text)
    q = only(quotes, "not leaving the table")
    assert q.speaker_name == "Jonas Eklund"
    assert q.speaker_mention is not None and q.speaker_mention.text == "he"


def test_pronoun_skips_names_inside_quotes(pipeline):
    text = ("Senator Ruth Adeyemi spoke at the rally. “Nobody believes Paul Okafor any more,” Adeyemi said.\n\n"
            "She added that the vote would be held in June.")
    quotes, _ = find(pipeline, text)
    assert only(quotes, "vote would be held").speaker_name == "Ruth Adeyemi"


def test_role_noun_and_surname_speakers(pipeline):
    text = ("Russian Deputy Foreign Minister Sergey Ryabkov spoke in Moscow on Monday.\n\n"
            "The diplomat said that talks with Washington were unlikely this year.\n\n"
            "Ryabkov added that a letter had arrived from the State Department.")
    quotes, _ = find(pipeline, text)
    assert only(quotes, "talks with Washington").speaker_name == "Sergey Ryabkov"
    assert only(quotes, "letter had arrived").speaker_name == "Sergey Ryabkov"


def test_relative_pronoun_is_never_the_speaker(pipeline):
    text = "Dairy farmers, who said that milk prices had collapsed, blocked the motorway near Poznań on Friday."
    quotes, names = find(pipeline, text)
    q = only(quotes, "milk prices had collapsed")
    assert q.speaker_name is not None and "farmers" in q.speaker_name.lower()
    assert "who" not in {n.lower() for n in names.values()}, "the pronoun is where the quote came from, never an actor"


def test_unknown_speaker_becomes_an_actor(pipeline):
    text = "Shipping analysts in Oslo said freight rates would double before the winter."
    quotes, names = find(pipeline, text)
    q = only(quotes, "freight rates")
    assert q.speaker is not None and names[q.speaker] == q.speaker_name
    assert "analysts" in (q.speaker_name or "")


def test_a_generic_you_is_no_speaker(pipeline):
    quotes, _ = find(pipeline, "You know that the council has no money. Tell me the bridge will open.")
    assert quotes == []


# ---- headline and standfirst ------------------------------------------------------------------------------

def test_headline_and_standfirst_quotes_link_to_the_body_speaker(pipeline):
    body = ("Russian Deputy Foreign Minister Sergey Ryabkov said on Monday that talks were impossible.\n\n"
            "“We see no basis for dialogue,” the diplomat told reporters in Moscow.")
    doc = pipeline.nlp(body)
    quotes, table = pipeline.quotes(doc, pipeline.actors(doc))
    title = "No talks this year – Moscow"
    standfirst = "Russia will not make ‘unilateral concessions’, a senior diplomat has said"
    heads = headline_quotes(pipeline, title, standfirst, quotes, table)
    by_part = {q.part: q for q in heads}
    assert set(by_part) == {"title", "standfirst"}
    t, s = by_part["title"], by_part["standfirst"]
    assert title[t.start : t.end] == t.text == "No talks this year"
    assert t.speaker_mention is not None and t.speaker_mention.text == "Moscow"
    assert t.speaker is not None and table.by_id(t.speaker) is not None
    assert standfirst[s.start : s.end] == s.text and "unilateral concessions" in s.text
    assert s.speaker_name == "Sergey Ryabkov", "the senior diplomat of the standfirst is the body's diplomat"


def test_headline_quotes_never_enter_the_body_list(pipeline):
    body = "“We see no basis for dialogue,” Sergey Ryabkov told reporters in Moscow."
    doc = pipeline.nlp(body)
    quotes, _ = pipeline.quotes(doc, pipeline.actors(doc))
    assert all(q.part is None for q in quotes)


# ---- the lexicon --------------------------------------------------------------------------------------------

def test_cue_lexicon_integrity():
    lex = cue_lexicon()
    assert len(lex) >= 60
    assert "say" in lex and "ccomp" in lex["say"]
    for cue, frames in lex.items():
        assert cue == cue.strip().lower() and " " not in cue, cue
        for frame in frames:
            assert frame in FRAMES or (frame.startswith("prep:") and frame[5:].isalpha()), (cue, frame)


def test_holder_lexicon_integrity():
    holders = holder_lexicon()
    assert len(holders["noun"]) >= 30 and "claim" in holders["noun"] and "sure" in holders["adj"]
    for words in holders.values():
        for word, preps in words.items():
            assert word == word.strip().lower() and word.isalpha(), word
            assert all(p.isalpha() and p.islower() for p in preps), (word, preps)


def test_cue_lexicon_has_no_duplicates():
    from importlib import resources

    rows = [ln.split("\t")[0] for ln in resources.files("parley.quotes").joinpath("data", "cues.tsv").read_text().splitlines()
            if ln and not ln.startswith("#")]
    assert len(rows) == len(set(rows))


def test_headline_clauses_and_trailing_says(pipeline):
    body = "Polish Agriculture Minister Tomasz Wrona said the border checks would stay in place."
    doc = pipeline.nlp(body)
    quotes, table = pipeline.quotes(doc, pipeline.actors(doc))
    title = "Lorries stranded at Dorohusk; Warsaw says checks are needed"
    standfirst = "Grain imports will be inspected for another month, Wrona says"
    heads = headline_quotes(pipeline, title, standfirst, quotes, table)
    by_part = {q.part: q for q in heads}
    t, s = by_part["title"], by_part["standfirst"]
    assert t.text == "checks are needed" and title[t.start : t.end] == t.text
    assert t.speaker_mention is not None and title[t.speaker_mention.start : t.speaker_mention.end] == "Warsaw"
    assert s.text == "Grain imports will be inspected for another month"
    assert s.speaker_name == "Tomasz Wrona"


def test_an_indefinite_pronoun_is_a_group_speaker(pipeline):
    quotes, names = find(pipeline, "Some said the ceasefire would not hold.")
    q = only(quotes, "ceasefire")
    assert q.speaker is not None and names[q.speaker] == "Some"


def test_a_statement_speaks_for_whoever_issued_it(pipeline):
    quotes, names = find(pipeline, "The Arctic Council issued a statement saying the talks had failed.")
    q = only(quotes, "talks had failed")
    assert names[q.speaker] == "Arctic Council"


def headline_quotes(pipeline, title, standfirst, quotes, table):
    clauses = pipeline.quotes.headline_clauses(pipeline.nlp, title, standfirst)
    return pipeline.quotes.headline_quotes(clauses, pipeline.nlp.pipe(c.text for c in clauses), quotes, table)


@pytest.mark.parametrize("memo_limit", [200_000, 0])
def test_tuned_pipeline_annotates_as_the_model_does(pipeline, monkeypatch, memo_limit):
    """nlp.py swaps the model's attribute ruler and lemmatizer for memoised copies and multiplies with numpy's BLAS:
    same tags, POS, morphology, lemmas, dependencies and entities, also when a full memo starts afresh (limit 0:
    every document)."""
    import spacy

    from parley import nlp
    from parley.nlp import MODEL_NAMES

    monkeypatch.setattr(nlp, "MEMO_LIMIT", memo_limit)

    model = next(n for n in MODEL_NAMES if n in spacy.util.get_installed_models())
    plain = spacy.load(model)
    plain.add_pipe("paragraph_breaks", before="parser")  # the same parse, so rules on dependencies see the same input
    text = ("Let's be clear: we ain't gonna sign, the envoys' spokesman said.\n\nThey're   leaving; it's  over, "
            "isn't it? “I'd rather not,” she told reporters, adding that talks had gotta resume. Mr. O'Neil's 3 cats ran. "
            "There's no deal, y'all, c'mon.")
    pipeline.nlp(text)  # fills the memos, which the limit 0 run then clears
    for ours, theirs in zip(pipeline.nlp(text), plain(text), strict=True):
        assert (ours.tag_, ours.pos_, str(ours.morph), ours.lemma_, ours.dep_, ours.head.i, ours.ent_iob_, ours.ent_type_) == (
            theirs.tag_, theirs.pos_, str(theirs.morph), theirs.lemma_, theirs.dep_, theirs.head.i, theirs.ent_iob_, theirs.ent_type_)


@pytest.mark.parametrize("text", [
    "Check out the trailer for Ana Ruiz's documentary, “Salt Roads,” below.",
    "In her 2011 memoir, “Salt and Tide,” Ms. Brook recalled the storms.",
])
def test_a_title_after_a_kind_of_work_is_not_a_quote(pipeline, text):
    quotes, _ = find(pipeline, text)
    assert all(q.kind != "direct" for q in quotes)


def test_marks_inside_the_writers_own_sentence_are_not_a_direct_quote(pipeline):
    text = "“This plainly isn’t fair,” Dunmore said. “You worked the crews to exhaustion” to lift the quarterly numbers."
    quotes, _ = find(pipeline, text)
    assert [q.text for q in quotes if q.kind == "direct"] == ["This plainly isn’t fair,"]


def test_according_to_in_mid_sentence_attributes_the_clause_it_hangs_on(pipeline):
    text = ("The richest households would see their incomes grow by 7 percent, according to the Tax Foundation, "
            "nearly double the gain for the middle class.")
    quotes, _ = find(pipeline, text)
    q = only(quotes, "richest households")
    assert q.cue == "according to" and "Tax Foundation" in (q.speaker_name or "")


def test_a_report_runs_on_through_what_the_parser_hung_on_its_verb(pipeline):
    text = "Senator Ruth Ellison said voters had doubts about the plan, but could not bear to reject it."
    quotes, _ = find(pipeline, text)
    q = only(quotes, "voters had doubts")
    assert q.text.endswith("could not bear to reject it")


def test_a_report_stops_before_a_relative_clause_that_reports_again(pipeline):
    text = "Senator Ruth Ellison endorsed Mayor Lena Fisk, who said she was honored."
    quotes, names = find(pipeline, text)
    assert [(q.text, names[q.speaker]) for q in quotes] == [("Mayor Lena Fisk", "Ruth Ellison"), ("she was honored", "Lena Fisk")]


def test_an_object_of_a_stance_stops_before_the_holders_next_act(pipeline):
    quotes, _ = find(pipeline, "Mayor Lena Fisk called the levy reckless and called for a new vote.")
    assert [q.text for q in quotes] == ["the levy reckless", "a new vote"]


def test_a_report_stops_before_when_and_where(pipeline):
    quotes, _ = find(pipeline, "Mayor Lena Fisk cited the new figures at a meeting in the port.")
    assert [q.text for q in quotes] == ["the new figures"]


@pytest.mark.parametrize("clause, worth", [
    ("Floods close schools across the northern region", False),
    ("Harbour strike enters its third week", False),
    ("Minister says talks with Oslo are unlikely", True),
    ("Talks unlikely – Moscow", True),
    ("Envoy told reporters nothing had changed", True),   # an irregular form, from the model's exceptions
    ("Premier insisted the border stays shut", True),
    ("Border stays shut, according to the interior ministry", True),
    ("‘No retreat’ on tariffs", True),
])
def test_only_headline_clauses_that_may_attribute_are_parsed(pipeline, clause, worth):
    finder = QuoteFinder(stances=True)
    assert finder._may_attribute(pipeline.nlp, clause) is worth
    if not worth:  # what the filter skips, the parse would find nothing in
        assert finder._headline(pipeline.nlp(clause), clause) == []


@pytest.mark.parametrize(("text", "content", "cue", "speaker"), [
    ("Mayor Lena Fisk repeated her claim that the bridge was safe.", "the bridge was safe", "claim", "Lena Fisk"),
    ("Governor Tomas Reyes stood by his decision to close the port.", "to close the port", "decision", "Tomas Reyes"),
    ("Critics attacked Senator Ruth Ellison's remarks about the budget.", "the budget", "remarks", "Ruth Ellison"),
    ("Many farmers are afraid that the levy will rise.", "the levy will rise", "afraid", "Many farmers"),
    ("Senator Ruth Ellison has been critical of the new levy.", "the new levy", "critical", "Ruth Ellison"),
    ("Mayor Lena Fisk opened the fair. She was sure the bill would pass.", "the bill would pass", "sure", "Lena Fisk"),
])
def test_a_noun_or_adjective_of_stance_attributes_what_follows_to_its_holder(pipeline, text, content, cue, speaker):
    quotes, names = find(pipeline, text)
    q = only(quotes, content)
    assert (q.text, q.cue, names[q.speaker]) == (content, cue, speaker)


@pytest.mark.parametrize("text", [
    "It is clear that the levy will rise. I am sure the bill will pass.",
    "The claim that the bridge was safe proved false. Mayor Lena Fisk repeated her claim.",
])
def test_a_noun_or_adjective_of_stance_needs_a_holder_and_content(pipeline, text):
    quotes, _ = find(pipeline, text)
    assert quotes == []


def test_they_with_no_known_body_stands_for_the_plural_subject_before_it(pipeline):
    text = ("Senators Ana Ruiz and Tom Berg want changes to the harbour levy. They sent a letter on Monday to the "
            "port committee.\n\n\"The levy has outlived its purpose and should lapse in June,\" they wrote.")
    quotes, names = find(pipeline, text)
    wrote = only(quotes, "outlived its purpose")
    assert "Berg" in names[wrote.speaker] and wrote.speaker_mention.text == "they"
    quotes, names = find(pipeline, "Two economists reviewed the levy last year. It has grown well beyond its aim, they say.")
    assert names[only(quotes, "grown well beyond").speaker] == "Two economists"


def test_a_passive_participle_names_who_was_asked_not_who_asked(pipeline):
    text = "Asked about the budget, Mayor Lena Fisk said the figures were sound."
    quotes, names = find(pipeline, text)
    (q,) = quotes
    assert (q.text, q.cue, names[q.speaker]) == ("the figures were sound", "said", "Lena Fisk")


def test_according_to_takes_the_part_of_the_sentence_between_semicolons(pipeline):
    text = "The levy raises little; its aim is to slow the trade, according to a speech by Mayor Lena Fisk."
    quotes, names = find(pipeline, text)
    assert [(q.text, names[q.speaker]) for q in quotes] == [("its aim is to slow the trade", "Lena Fisk")]


def test_an_editorial_label_is_no_source(pipeline):
    quotes, _ = find(pipeline, "CLARIFICATION: An earlier version misstated the size of the harbour levy.")
    assert quotes == []


def test_a_finding_in_a_poll_is_the_polls(pipeline):
    quotes, _ = find(pipeline, "In the latest Harbour Gazette poll, Mayor Lena Fisk leads by four points.")
    q = only(quotes, "leads by four points")
    assert q.cue == "In" and q.speaker is not None and q.speaker_mention.start < q.start
    quotes, _ = find(pipeline, "In the harbour, the ferry sank.")
    assert quotes == []


def test_with_a_clause_on_each_side_a_report_is_the_one_after_its_verb(pipeline):
    text = ("The dock strike set off another round of protests on Friday: union leaders said they were convinced "
            "the ministry mishandled the talks.")
    quotes, _ = find(pipeline, text)
    (q,) = quotes
    assert q.text == "they were convinced the ministry mishandled the talks"


def test_a_person_named_by_a_bodys_name_holds_a_stance_of_their_own(pipeline):
    quotes, _ = find(pipeline, "A NATO spokeswoman, Ana Kovac, condemned the attack on the convoy.")
    assert [q.text for q in quotes] == ["the attack on the convoy"]


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("The harbour plan was endorsed by three dockworkers' unions.", "The harbour plan", "unions"),
    ("The loss was first reported by Mayor Lena Fisk.", "The loss", "Fisk"),
])
def test_a_passive_report_with_its_source_attributes_its_subject(pipeline, text, content, speaker):
    quotes, _ = find(pipeline, text)
    (q,) = quotes
    assert q.text == content and speaker in q.speaker_mention.text


@pytest.mark.parametrize(("text", "content", "cue"), [
    ("As Mayor Lena Fisk put it in a letter, the levy has outlived its purpose.", "the levy has outlived its purpose", "put"),
    ("The levy, as Councillor Ida Brandt noted, has outlived its purpose.", "The levy", "noted"),
])
def test_an_as_clause_tags_the_clause_it_hangs_on(pipeline, text, content, cue):
    quotes, _ = find(pipeline, text)
    q = only(quotes, content)
    assert q.cue.split()[0] == cue and q.speaker is not None


def test_a_manner_verb_alone_tags_only_marked_words(pipeline):
    quotes, _ = find(pipeline, "Several hundred dockworkers rallied outside the port office, chanting slogans.")
    assert quotes == []


def test_a_stance_after_a_report_is_the_reporters_own(pipeline):
    text = "Mayor Lena Fisk said the levy was unfair and urged residents to sign the petition."
    quotes, names = find(pipeline, text)
    urged = only(quotes, "residents to sign")
    assert names[urged.speaker] == "Lena Fisk"
    assert "urged" not in only(quotes, "the levy was unfair").text


def test_a_tag_hung_on_the_subject_still_splits_the_clause(pipeline):
    text = "Ana Kovac runs the Harbour Gazette. The change now, she told me on Monday, is that she edits a weekly paper."
    quotes, _ = find(pipeline, text)
    told = [q for q in quotes if q.cue == "told me"]
    assert [q.text for q in told] == ["The change now", "is that she edits a weekly paper"]


@pytest.mark.parametrize(("text", "content"), [
    ("The lawyer said neighbours heard a shot and that a casing was found nearby.", "neighbours heard a shot and that a casing was found nearby"),
    ("Union leaders said the timing was not deliberate; they only learned of the deal on Friday.", "the timing was not deliberate"),
])
def test_where_a_reported_clause_ends(pipeline, text, content):
    quotes, _ = find(pipeline, text)
    assert [q.text for q in quotes] == [content]


def test_a_closing_participle_tag_is_the_main_subjects_not_a_relative_clauses(pipeline):
    text = ("Mayor Lena Fisk was equally prickly when pressed to explain not paying a plumber who said he was cheated "
            "after he fixed a pump at one of her barns, saying, “Perhaps he didn’t finish the work.”")
    quotes, names = find(pipeline, text)
    assert names[only(quotes, "finish the work").speaker] == "Lena Fisk"


def test_report_candidates_are_verbs_by_part_of_speech_or_tag_and_source_words():
    """A verb the tagger took for a noun ('claims' as VBZ under NOUN) is still looked at; so are 'In', 'according'."""
    doc = Doc(spacy.blank("en").vocab, words=["In", "town", "Ames", "claims", "victory", "according", "to", "aides", "who", "left"],
              pos=["ADP", "NOUN", "PROPN", "NOUN", "NOUN", "VERB", "ADP", "NOUN", "PRON", "VERB"],
              tags=["IN", "NN", "NNP", "VBZ", "NN", "VBG", "IN", "NNS", "WP", "VBD"])
    assert _report_candidates(Columns(doc)) == [0, 3, 5, 9]
