"""The mood of an event trigger: did the act happen, or is it intended, threatened, refused or only imagined?

CAMEO codes what actors *say they will do* apart from what they do: an announced or promised act of
cooperation is an expression of intent (03), an announced act of force or pressure is a threat (13), and
a refused or negated act of cooperation is a rejection (12). This module reads the mood from the parse
(negation, modal and future auxiliaries, the verb or adjective that governs an infinitive) and recodes a
material event code accordingly; a conditional or merely considered act is no event at all.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

from spacy.tokens import Token

Kind = Literal["fact", "future", "conditional", "intent", "threat", "negated", "hypothetical"]

NEGATIONS = frozenset({"not", "n't", "never", "no"})
REFUSALS = frozenset({"refuse", "decline", "reject", "fail"})
HYPOTHETICAL_AUX = frozenset({"could", "may", "might", "can", "should", "must", "ought"})
FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo", "'d"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
# "consider imposing sanctions": the act is only an option
CONSIDERING = frozenset({"consider", "weigh", "mull", "debate", "discuss", "study", "explore", "contemplate", "examine",
                         "review", "ponder", "question"})
# "urged Israel to release …", "asked the UN to send …": the governed act is what someone else wants
APPEALING = frozenset({"urge", "ask", "call", "demand", "order", "press", "pressure", "request", "tell", "encourage",
                       "invite", "force", "persuade", "need", "want", "expect", "allow", "permit", "help", "advise",
                       "instruct", "authorize", "authorise", "appeal", "beg", "implore", "challenge", "dare"})
# "agreed to send", "pledged to release", "is ready to talk": the subject's own intent
INTENT_VERBS = frozenset({"agree", "pledge", "promise", "vow", "swear", "offer", "plan", "intend", "commit", "undertake",
                          "resolve", "volunteer", "prepare", "aim", "seek", "want", "hope", "wish", "expect", "propose",
                          "consent", "threaten", "decide", "mean", "look"})
INTENT_ADJECTIVES = frozenset({"ready", "willing", "prepared", "determined", "committed", "eager", "keen", "happy",
                               "open", "set", "poised", "likely", "due"})
# of those, the ones whose governed act of force is a threat rather than a decision ("vowed to retaliate")
THREATENING = frozenset({"threaten", "vow", "swear", "warn", "want", "plan", "intend", "prepare", "seek", "aim", "hope", "wish",
                         "ready", "prepared", "determined", "poised", "mean", "look"})
# passed through: "continued backing Ukraine" has the mood of "continued"
PASS_THROUGH = frozenset({"continue", "begin", "start", "keep", "go", "try", "attempt", "move", "work", "manage",
                          "struggle", "rush", "act", "proceed", "need"})

# nouns that govern an infinitive as their verbs do ("Kenya's decision to expel", "its threat to impose", "a refusal to
# extradite", "an offer to mediate"), named by the verb or adjective whose mood they carry
NOUN_GOVERNORS = {"decision": "decide", "threat": "threaten", "refusal": "refuse", "offer": "offer", "promise": "promise",
                  "pledge": "pledge", "plan": "plan", "vow": "vow", "agreement": "agree", "commitment": "commit",
                  "proposal": "propose", "readiness": "ready", "willingness": "willing", "intention": "intend",
                  "failure": "fail", "call": "call", "demand": "demand", "request": "request", "appeal": "appeal",
                  "order": "order", "invitation": "invite"}

COOPERATION = frozenset({"04", "05", "06", "07", "08"})
FORCE = frozenset({"14", "15", "16", "17", "18", "19", "20"})


@dataclass(frozen=True)
class Mood:
    """How the text presents an act, and the verb or adjective that governs it, if any."""

    kind: Kind
    governor: Token | None = None  # "agreed" in "agreed to send": its own event yields to the governed one
    governor_threatens: bool = False


class _Markers(NamedTuple):
    """What a word's own children say of its mood, read in one pass (each pass over children builds new Tokens)."""

    negated: bool  # "did not agree", "never attacked"
    future: bool  # "will send"
    modal: bool  # "could attack" (a mere "can" is no doubt)
    sets_condition: bool  # governs an if/unless clause ("will withdraw … unless X agrees"): a conditional threat or offer
    in_condition: bool  # heads an if/unless clause ("if Kenya attacks"): what it says is a supposition


def _markers(tok: Token) -> _Markers:
    """The mood markers among a word's own children."""
    neg = fut = modal = condition = supposed = False
    for c in tok.children:
        dep, word = c.dep_, c.lower_
        neg = neg or dep == "neg" or (word in NEGATIONS and dep == "advmod")
        if dep in ("aux", "auxpass"):
            fut = fut or word in FUTURE_AUX
            modal = modal or (word in HYPOTHETICAL_AUX and word != "can")
        elif dep == "advcl":
            condition = condition or any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
        elif dep == "mark":
            supposed = supposed or word in CONDITIONAL_MARKS
    supposed = supposed or (tok.dep_ == "advcl" and tok.lower_ == "if")
    return _Markers(neg, fut, modal, condition, supposed)


def negated(tok: Token) -> bool:
    """A negation attached to the word itself ("did not agree", "never attacked")."""
    return _markers(tok).negated


def _going_to(tok: Token) -> bool:
    """ "is going to attack": the governing 'go' is progressive."""
    if tok.dep_ != "xcomp":
        return False
    head = tok.head
    return head.lemma_ == "go" and head.tag_ == "VBG" and any(c.lemma_ == "be" for c in head.children)


def infinitive(tok: Token) -> bool:
    """A to-infinitive: "… to mediate"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _wished(tok: Token) -> bool:
    """ "wants Putin to attack …", "asked the UN to send …": someone else's act, wished for.

    A purpose clause ("used tear gas to disperse protesters") is left a fact: news reports it when it happened.
    """
    return tok.dep_ == "ccomp" and tok.head.lemma_.lower() in APPEALING | CONSIDERING and (infinitive(tok) or _subjunctive(tok))


def _subjunctive(tok: Token) -> bool:
    """ "demanded that the army withdraw", "asked that the land be returned": a bare verb in a that-clause (which the
    tagger may read as a plural present, "that the government hand back")."""
    if tok.tag_ in ("VB", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
        return True
    return any(c.dep_ == "auxpass" and c.tag_ == "VB" for c in tok.children)


def _still_ahead(tok: Token) -> bool:
    """ "… a day before the envoy flies to Nairobi", "until the army withdraws": a present tense in a before/until clause
    speaks of an act that has not happened, and that nobody in the sentence announces."""
    return tok.dep_ in ("advcl", "relcl") and tok.tag_ in ("VBZ", "VBP") and any(
        c.dep_ == "mark" and c.lower_ in ("before", "until", "till") for c in tok.children)


def _addressed(gov: Token) -> bool:
    """ "urged Israel to …", and "called on Israel to …", "appealed to Israel to …" with the addressee in a phrase (read
    only for a verb of appeal: the others need no pass over their children)."""
    return any(c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")) for c in gov.children)


def mood(tok: Token) -> Mood:
    """The mood of a trigger verb (or noun, which is always a plain fact unless it is the object of a modal)."""
    if _wished(tok) or _still_ahead(tok):
        return Mood("hypothetical")
    own = _markers(tok)
    if own.in_condition:
        return Mood("hypothetical")
    neg, modal, condition = own.negated, own.modal, own.sets_condition
    fut = own.future or _going_to(tok)
    clause = tok
    while clause.dep_ == "conj" and clause.head.pos_ in ("VERB", "AUX") and clause.head.i < clause.i:
        clause = clause.head  # "will send and deliver": the second verb shares the first one's auxiliaries
        shared = _markers(clause)
        if shared.in_condition:
            return Mood("hypothetical")
        neg, fut, modal = neg or shared.negated, fut or shared.future, modal or shared.modal
        condition = condition or shared.sets_condition
    governor: Token | None = None
    threatens = False
    intent = False
    for _ in range(3):
        # a purpose clause ("will send envoys to mediate") is as real as the act it serves
        purpose = clause.dep_ == "advcl" and infinitive(clause)
        gov = clause.head
        lemma = gov.lemma_.lower()
        if clause.dep_ == "acl" and gov.pos_ == "NOUN" and lemma in NOUN_GOVERNORS and infinitive(clause):
            lemma = NOUN_GOVERNORS[lemma]  # "Kenya's threat to expel …" has the mood of "threatened to expel"
            if lemma in APPEALING:
                return Mood("hypothetical")  # "Uganda's call to withdraw": wanted of someone, not done
        elif (clause.dep_ != "xcomp" and not purpose) or gov.pos_ not in ("VERB", "AUX", "ADJ"):
            break
        if lemma in CONSIDERING:
            return Mood("hypothetical")
        if lemma == "help" or (lemma in APPEALING and _addressed(gov)):
            return Mood("hypothetical")  # "urged Israel to release …": wanted, not done
        holder = gov.head if gov.pos_ == "ADJ" and gov.dep_ in ("acomp", "amod", "attr") else gov
        of_gov = _markers(gov)
        of_holder = _markers(holder) if holder is not gov else of_gov
        if of_gov.in_condition or of_holder.in_condition:
            return Mood("hypothetical")
        if lemma in REFUSALS:
            neg = not neg
            governor = gov
        elif lemma in INTENT_VERBS or lemma in INTENT_ADJECTIVES:
            intent = True
            governor = gov
            threatens = lemma in THREATENING
        elif lemma not in PASS_THROUGH and not purpose:
            break
        for said in (of_gov, of_holder):
            neg, fut, modal = neg or said.negated, fut or said.future, modal or said.modal
            condition = condition or said.sets_condition
        clause = holder
    if neg:
        return Mood("negated", governor)
    if condition:
        return Mood("conditional", governor)  # "will withdraw its force unless …", "would release them if …"
    if modal:
        return Mood("hypothetical")
    if intent:
        return Mood("intent", governor, threatens)
    if fut:
        return Mood("future", governor)
    return Mood("fact", governor)


# ---------------------------------------------------------------- recoding by mood

_INTENT = {  # material cooperation → "express intent to …" (CAMEO 03x)
    "04": "036", "05": "032", "057": "030", "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
    "07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
    "08": "035", "081": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342", "0833": "0343",
    "0834": "0344", "084": "0353", "085": "0354", "086": "0355", "087": "0356", "045": "039",
}
_THREAT = {  # force and coercion → "threaten …" (CAMEO 13x)
    "14": "133", "15": "138", "16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135",
    "166": "136", "17": "130", "172": "132", "1721": "1321", "1722": "1322", "1723": "1323", "1724": "1324",
    "173": "137", "175": "137", "18": "1383", "19": "1384", "191": "1381", "192": "1382", "20": "1383", "204": "1385",
}
_REJECT = {  # negated cooperation → "reject …" (CAMEO 12x)
    "03": "120", "031": "121", "033": "122", "034": "123", "035": "124", "036": "125", "037": "127", "038": "126",
    "0356": "1246", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124", "083": "123", "0831": "1231",
    "084": "1243", "085": "1244", "086": "1245", "087": "1246", "081": "1241",
}


def _by_prefix(table: dict[str, str], code: str) -> str | None:
    for n in (4, 3, 2):
        if code[:n] in table and len(code) >= n:
            return table[code[:n]]
    return None


def recode(code: str, m: Mood) -> str | None:
    """The code an act gets in its mood; None when, in that mood, it is no event."""
    root = code[:2]
    if m.kind == "hypothetical":
        return None
    if m.kind == "negated":
        if root in ("01", "02") or root in FORCE or root in ("09", "10", "11", "12", "13"):
            return None  # a conflict act or a statement that did not happen is not an event
        return _by_prefix(_REJECT, code) or "120"
    if m.kind == "intent":
        if root == "15" and not m.governor_threatens:
            return "0334"  # "pledged to send troops", "ready to contribute troops": offered protection
        if root in COOPERATION:
            return _by_prefix(_INTENT, code) or "030"
        if root in FORCE and m.governor_threatens:
            return _by_prefix(_THREAT, code) or "130"
        return code
    if m.kind in ("future", "conditional"):
        if root in COOPERATION:
            return _by_prefix(_INTENT, code) or "030"
        if root in FORCE:
            return _by_prefix(_THREAT, code) or "130"
    return code
