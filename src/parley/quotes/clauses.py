"""What a reporting verb governs: the token bounds of a reported clause, object or infinitive, and where it ends.

The parser's tree is the guide, with its usual slips mended: a that-clause read as adverbial, a tag clause
('…, officials said') read as the complement of the verb before it, coordinated phrases hung on the cue verb
itself, and the reporter's own next verb ('…, arguing that …') read as part of what was reported.
"""
from __future__ import annotations

from spacy.strings import get_string_id
from spacy.symbols import relcl
from spacy.tokens import Doc, Token

from parley.columns import Columns
from parley.quotes.cues import is_cue_verb
from parley.quotes.speaker import subject_of

REPORTED_MARKS = frozenset({"that", "whether", "if", "when", "how", "why", "where", "what"})  # 'said when they would …'
JUDGEMENT_DEPS = frozenset({"oprd", "xcomp", "ccomp", "acomp"})  # 'called the charges [unsubstantiated]'
NONRESTRICTIVE = frozenset({"which", "who", "whose", "whom"})  # ", which …": an aside, not part of the report
SET_OFF = frozenset({",", "—", "–", "―", "--"})  # what sets a tag or an aside apart from the clause
SEMICOLON = get_string_id(";")
SETTING_PREPS = frozenset({"during", "at", "in", "on", "after", "before", "since", "amid", "near"})  # when and where, not what
# light verbs and the words that make them a phrase of saying or stance ("made it clear that …", "took aim at …")
IDIOMS = {"make": frozenset({"clear", "plain"}), "take": frozenset({"aim", "issue", "swipe", "swipes", "shot", "shots", "exception"})}
PERSONAL_OBJECTS = frozenset({"him", "her", "them", "us", "me"})  # 'endorsed her': a stance aimed at someone
JUDGEMENT_PREPS = frozenset({"for", "as", "of"})  # 'blasted him [for not paying]', 'accused the GOP [of stoking …]'


def governed(verb: Token, frame: str, stance: bool = False) -> tuple[int, int] | None:
    """Token bounds of what a reporting verb governs under one content frame; a `stance` frame takes a person's
    pronoun for its object ("endorsed her"), where a verb of saying would only say it ("said it")."""
    children = list(verb.children)
    if frame == "ccomp":
        clauses = [ch for ch in children if ch.dep_ == "ccomp" and not _inverted_tag(ch)]
        # one on each side ("…: Republicans said they were …"): the one after the verb is what it reports
        clause = next((ch for ch in clauses if ch.i > verb.i), None) if len(clauses) > 1 else next(iter(clauses), None)
        clause = clause or next((ch for ch in children if _misread_report(verb, ch)), None)
        return (clause.left_edge.i, clause.right_edge.i) if clause is not None else None
    if frame == "xcomp":
        clause = next((ch for ch in children if ch.dep_ == "xcomp" and ch.i > verb.i and any(g.lower_ == "to" for g in ch.children)), None)
        return (clause.left_edge.i, clause.right_edge.i) if clause is not None else None
    if frame == "obj+xcomp":
        obj = next((ch for ch in children if ch.dep_ == "dobj" and ch.i > verb.i), None)
        if obj is None:
            clause = next((ch for ch in children if ch.dep_ == "ccomp" and ch.i > verb.i), None)
            return (clause.left_edge.i, clause.right_edge.i) if clause is not None else None
        inf = next((ch for ch in children if ch.dep_ == "xcomp" and ch.i > obj.i), None)
        return (obj.left_edge.i, inf.right_edge.i) if inf is not None else None
    if frame in ("obj+", "obj+for"):
        return _judged(verb, required=frame == "obj+for", person=stance)
    if frame.startswith("prep:"):
        word = frame[5:]
        prep = next((ch for ch in children if ch.dep_ in ("prep", "prt") and ch.lower_ == word and ch.i > verb.i), None)
        if prep is None:  # "asked the mayor about the budget": the parser hangs it on the listener
            listener = next((ch for ch in children if ch.dep_ == "dobj" and ch.i > verb.i), None)
            prep = next((ch for ch in listener.children if ch.dep_ == "prep" and ch.lower_ == word), None) if listener is not None else None
        if prep is None:
            return _marked_clause(verb, word)
        objs = [ch for ch in prep.children if ch.dep_ in ("pobj", "pcomp")]
        if not objs:
            if prep.dep_ == "prt":  # "called on X to …": the particle's object hangs on the verb
                obj = next((ch for ch in children if ch.dep_ in ("dobj", "ccomp") and ch.i > prep.i), None)
                return (obj.left_edge.i, obj.right_edge.i) if obj is not None else None
            return None
        end = max(o.right_edge.i for o in objs)
        # an infinitive or a judgement after the object: "called on X [to …]", "referred to X [as a fraud]"
        tail = next((ch for ch in children if ch.i > end and (ch.dep_ == "xcomp" or (ch.dep_ == "prep" and ch.lower_ == "as"))), None)
        return (objs[0].left_edge.i, tail.right_edge.i if tail is not None else end)
    return None


def idiom_content(verb: Token) -> tuple[int, int] | None:
    """Token bounds of what a phrase of saying or stance built on a light verb holds: "made (it) clear that …", "took
    aim at …", "took issue with …"."""
    words = IDIOMS.get(verb.lemma_.lower())
    part = next((ch for ch in verb.children if ch.i > verb.i and ch.lower_ in words), None) if words else None
    if part is None:
        return None
    if verb.lemma_.lower() == "make":
        clause = next((ch for ch in (*part.rights, *verb.rights) if ch.i > part.i and ch.dep_ in ("ccomp", "advcl")
                       and ch.pos_ in ("VERB", "AUX")), None)
        return (clause.left_edge.i, clause.right_edge.i) if clause is not None else None
    prep = next((ch for ch in (*part.children, *verb.children) if ch.i > part.i and ch.dep_ == "prep" and ch.lower_ in ("at", "with", "to")), None)
    obj = next((ch for ch in prep.children if ch.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    return (obj.left_edge.i, obj.right_edge.i) if obj is not None else None


def _marked_clause(verb: Token, word: str) -> tuple[int, int] | None:
    """'called for every bidder to publish accounts', parsed as a clause the preposition marks: the clause without it."""
    clause = next((ch for ch in verb.rights if ch.dep_ in ("advcl", "ccomp") and ch.left_edge.lower_ == word
                   and ch.left_edge.dep_ == "mark"), None)
    return (clause.left_edge.i + 1, clause.right_edge.i) if clause is not None else None


def _judged(verb: Token, required: bool, person: bool = False) -> tuple[int, int] | None:
    """Who or what a verb of judgement is aimed at, with the judgement ('called the charges unsubstantiated',
    'blasted him for not paying', 'attacked the mayor as a spendthrift'); `required`: only with a judgement, unless aimed
    at a person ('attacked Ames'); `person`:
    a pronoun for a person or people is aim enough ('endorsed her')."""
    obj = next((ch for ch in verb.children if ch.i > verb.i and (ch.dep_ == "dobj" or (ch.dep_ in ("xcomp", "ccomp") and ch.tag_ == "VBG"))),
               None)  # a gerund is an object too: "proposed raising the levy"
    if obj is None:
        return None
    why = next((ch for ch in verb.children if ch.i > obj.i and (ch.dep_ in JUDGEMENT_DEPS
                or (ch.dep_ == "prep" and ch.lower_ in JUDGEMENT_PREPS))), None)
    aimed_at_person = obj.ent_type_ == "PERSON" or obj.lower_ in PERSONAL_OBJECTS  # "attacked Ames": words, not arms
    if why is None and ((required and not aimed_at_person)
                        or (obj.pos_ == "PRON" and obj.left_edge.i == obj.right_edge.i and not (person and obj.lower_ in PERSONAL_OBJECTS))):
        return None
    return obj.left_edge.i, (why if why is not None else obj).right_edge.i


def run_on(verb: Token, last: int, clause: bool) -> int:
    """The end of what a verb governs, carried on through what the parser hung on the verb itself: a phrase right
    after its object ("cited his endorsements [from 88 generals]") and, after a reported `clause`, coordinated verb
    phrases ("said they had misgivings, [but could not bear to …]"), never another report or a clause with a subject
    of its own. After an object they are the holder's next act ("called the plan reckless and called for …"), unless
    they are gerunds, more of the object ("mentioned refinancing loans [and forcing colleges to …]")."""
    has_object = any(t.dep_ == "dobj" and t.i <= last for t in verb.children)
    for ch in verb.rights:
        if ch.i <= last or ch.dep_ in ("punct", "cc"):
            continue
        after_object = has_object and ch.dep_ == "prep" and ch.i == last + 1 and ch.lower_ not in SETTING_PREPS
        phrase = (clause or ch.tag_ == "VBG") and ch.dep_ == "conj" and ch.pos_ == "VERB" and not is_cue_verb(ch) \
            and ch.left_edge.i <= last + 3 \
            and not any(g.dep_ in ("nsubj", "nsubjpass") for g in ch.children)
        split = clause and ch.dep_ == "ccomp" and not is_cue_verb(ch)  # "said A and B was C": the parser's second half
        if not (after_object or phrase or split):
            break
        last = ch.right_edge.i
    return last


def _misread_report(verb: Token, clause: Token) -> bool:
    """A reported clause the parser took for an adverbial one: 'said that …', 'said after the vote she would …',
    'have not said whether they would …' (not 'said so because …')."""
    if clause.dep_ != "advcl" or clause.i < verb.i:
        return False
    first = clause.left_edge
    if first.lower_ == "that":
        return True
    return any(ch.dep_ == "nsubj" for ch in clause.children) and not (first.dep_ == "mark" and first.lower_ not in REPORTED_MARKS)


def _inverted_tag(clause: Token) -> bool:
    """'…, officials said' parsed as the complement of the verb before it: a tag, not reported content."""
    return is_cue_verb(clause) and clause.i > clause.head.i and subject_of(clause) is not None and set_off(clause) \
        and not any(ch.dep_ in ("ccomp", "dobj", "xcomp") for ch in clause.children)


def set_off(verb: Token) -> bool:
    """A tag clause stands apart from what it reports, after a comma or a dash ('…, he said' and '…, he said, …')."""
    first = verb.left_edge.i
    while first < verb.i and verb.doc[first].is_punct:
        first += 1  # the tag's own opening comma
    return first > 0 and verb.doc[first - 1].text in SET_OFF


def own_words_end(words: Columns, first: int, last: int) -> int:
    """Where a reported clause ends before the reporter's own words: a semicolon, a second reporting verb,
    coordinated ("said he would act and warned against …", not "… and that …"), a participle after a comma
    ("…, arguing that …") or in a relative clause set off by a comma or dash ("endorsed Ames, who said she was honored");
    else before the writer's aside that closes it ("said she would stay on the board, which meets on Friday").
    The words are tested in their columns first: a Token only for a relative clause or a verb of the clause."""
    doc, end = words.doc, last
    orth, dep, head, verbal = words.orth, words.dep, words.head, words.verbal
    for i in range(first + 1, last + 1):
        if orth[i] == SEMICOLON and i > first + 2:
            return i - 1  # "…; they only learned on Friday …": a clause of its own, the writer's
        if dep[i] == relcl and end == last and _closing_aside(doc, doc[i], first, last):
            end = back_over_joints(doc, first, doc[i].left_edge.i - 1)
        if not (first <= head[i] <= last) or head[i] == i or not verbal[i]:
            continue
        tok = doc[i]
        if not is_cue_verb(tok):
            continue
        own = (tok.dep_ == "conj" and not any(ch.dep_ in ("nsubj", "nsubjpass", "mark") for ch in tok.children)) \
            or (tok.dep_ == "relcl" and doc[tok.left_edge.i - 1].text in SET_OFF) \
            or (tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.left_edge.i == tok.i and doc[tok.i - 1].text == ",")
        if own and tok.i > first + 2:
            return back_over_joints(doc, first, tok.left_edge.i - 1)
    return end


def _closing_aside(doc: Doc, clause: Token, first: int, last: int) -> bool:
    """A relative clause on a noun of the report, set off by a comma or dash, that runs to the report's end."""
    edge = clause.left_edge.i
    return first <= clause.head.i <= last and clause.right_edge.i >= last - 1 and edge > first + 2 \
        and doc[edge - 1].text in SET_OFF and doc[edge].lower_ in NONRESTRICTIVE


def back_over_joints(doc: Doc, first: int, end: int) -> int:
    """The last word before `end` (inclusive) that is no conjunction, punctuation or space."""
    while end > first and (doc[end].dep_ == "cc" or doc[end].is_punct or doc[end].is_space):
        end -= 1
    return end


def strip_clause(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Token bounds of a reported clause without its 'that' (not the determiner: 'rejected that argument') and edge
    punctuation."""
    while first <= last and (doc[first].dep_ == "mark" or (doc[first].lower_ == "that" and doc[first].dep_ != "det" and first < last)
                             or (doc[first].is_punct and doc[first].text not in "“‘«„\"") or doc[first].is_space):
        first += 1
    while last >= first and ((doc[last].is_punct and doc[last].text not in "”’»\"“") or doc[last].is_space):
        last -= 1
    return first, last
