"""Attribution: who does what in a clause and in its source sentence (a named agent, a passive's
by phrase, roles swapped)."""

from __future__ import annotations

import re

from collate import lexicon
from collate.model import (
    Anomaly,
    AnomalyKind,
    Location,
)
from collate.summary.flags import _flag, _where
from collate.summary.names import _NAME
from collate.summary.passages import _DETERMINERS, _NOUN_MARKERS, STOPWORDS, _Passage, _said, _Word, meanings

_REPORTING = re.compile(
    r",\s*(?:[A-Z][\w'’-]*\s+){1,3}(?:writes|says|reports|adds|notes|states|explains|argues|believes),\s*"
)


def _person(name: str) -> str:
    """The last word of a name, without a possessive: "Stalin's" is "Stalin"."""
    return re.sub(r"['’]s$", "", name.split()[-1])


def _opening_name(text: str, match: re.Match[str]) -> bool:
    """Whether a capitalised run is a name even where a capital opens the sentence: it has
    several words, or its word is one WordNet does not know or knows as an instance."""
    return " " in match.group() or lexicon.proper(_person(match.group()))


def _agent(passage: _Passage, verb: _Word) -> str | None:
    """Who does what ``verb`` says in ``passage``: the name after "by" when the verb is
    passive, else the nearest name before it; a name, not a body ("the French Embassy",
    "the Commission": words WordNet knows as kinds of thing)."""
    text = passage.witness.text
    after = text[verb.end : passage.end]
    by = re.match(r"\s+(?:\w+\s+){0,2}?by\s+(?:the\s+)?(?:M\.|Mr\.|Mrs\.)?\s*([A-Z][\w'’-]*)", after)
    if by and _participle(verb):
        return _person(by.group(1)) if lexicon.proper(_person(by.group(1))) else None
    before = _REPORTING.sub(" ", text[passage.start : verb.start])
    names = [
        _person(m.group())
        for m in _NAME.finditer(before)
        if m.group().casefold() not in STOPWORDS and (m.start() > 0 or _opening_name(before, m))
    ]
    return names[-1] if names and lexicon.proper(names[-1]) else None


_PASSIVE = frozenset("be been being is are was were am".split())


def _roles(passage: _Passage, verb: _Word) -> tuple[set[str], set[str], bool]:
    """The content words that stand before ``verb`` (the nearest two: its doer's) and
    after it (up to six, what it acts on), within the verb's member of the sentence, and
    whether the verb is passive ("was entered")."""
    text = passage.witness.text
    words = list(passage.words)
    at = words.index(verb)
    before: list[_Word] = []
    for word in reversed(words[:at]):
        if re.search(r"[;:,]", text[word.end : (before[-1] if before else verb).start]):
            break
        before.append(word)
    after: list[_Word] = []
    for word in words[at + 1 :]:
        if re.search(r"[;:,.]", text[(after[-1] if after else verb).end : word.start]):
            break
        after.append(word)
    passive = any(w.lower in _PASSIVE for w in before[:2]) and not verb.lower.endswith("ing")
    return (
        {w.key for w in [w for w in before if w.key][:2]},
        {w.key for w in after[:6] if w.key},
        passive,
    )


def _changed_attribution(clause: _Passage, primary: _Passage) -> list[Anomaly]:
    """A statement or act the source gives to one doer and the summary to another: the two
    share the verb, and either both name its doer, by different names that both occur in the
    source sentence, or the roles are swapped (the source's doer is what the summary's
    verb acts on: "the officers informed him" against "Tarler informed the officers")."""
    source_names = {_person(m.group()) for m in _NAME.finditer(primary.text)}
    counted = {
        w.key
        for passage in (clause, primary)
        for q in passage.quantities()
        for w in passage.words
        if q.start <= w.start < q.end
    }
    for word in clause.words:
        if not word.key or len(word.key) < 4 or not word.text.islower() or not lexicon.verb(word.lower):
            continue  # the act is a verb: "asked", "informed", not "Treasury" or "mediation"
        at = clause.words.index(word)
        if at and clause.words[at - 1].lower in _NOUN_MARKERS:
            continue  # "on advances", "the railroads": a noun after a determiner or preposition
        theirs = next((w for w in primary.words if w.key == word.key), None)
        if theirs is None:
            # the act in other words ("bought" for "purchased"): compared by its "by" phrases
            similar = _said(word, [w for w in primary.words if w.text.islower() and lexicon.verb(w.lower)])
            if similar is not None and (flag := _by_doers_differ(clause, word, primary, similar)):
                return [flag]
            continue
        mine, other = _agent(clause, word), _agent(primary, theirs)
        after = primary.witness.text[theirs.end : primary.end]
        named = bool(mine and other and mine != other and {mine, other} <= source_names and mine in after)
        doers, _, passive = _roles(primary, theirs)
        our_doers, our_acted_on, our_passive = _roles(clause, word)
        # a quantity is no doer and nothing acted on ("two months ago seemed")
        doers, our_doers, our_acted_on = doers - counted, our_doers - counted, our_acted_on - counted
        swapped = (
            not named
            and not passive
            and not our_passive
            and bool(doers & our_acted_on)
            and not doers & our_doers
            and bool(our_doers)
        )
        if not (named or swapped) and (flag := _by_doers_differ(clause, word, primary, theirs)):
            return [flag]
        if named or swapped:
            doer = other if named else next(w.text for w in primary.words if w.key in doers & our_acted_on)
            given = mine if named else ", ".join(w.text for w in clause.words if w.key in our_doers)
            return [
                _flag(
                    AnomalyKind.SUMMARY_CHANGED_ATTRIBUTION,
                    clause,
                    (clause.start, clause.end),
                    f"the source has {doer} do what “{theirs.text}” says; the summary gives it to {given}",
                    (
                        Location(clause.witness.siglum, word.start, word.end),
                        Location(primary.witness.siglum, theirs.start, theirs.end),
                    ),
                    _where(primary),
                    {"doer differs": 1.0} if named else {"roles swapped": 1.0},
                )
            ]
    return []


def _by_doers_differ(clause: _Passage, word: _Word, primary: _Passage, theirs: _Word) -> Anomaly | None:
    """A passive act whose "by" phrases name other doers on the two sides ("paid by the
    city" for "paid by the regional transport fund")."""
    ours_by, theirs_by = _by_doer(clause, word), _by_doer(primary, theirs)
    if not _differ(ours_by, theirs_by):
        return None
    return _flag(
        AnomalyKind.SUMMARY_CHANGED_ATTRIBUTION,
        clause,
        (clause.start, clause.end),
        f"the source has {_phrase_of(primary, theirs_by)} do what “{theirs.text}” says; the summary "
        f"gives it to {_phrase_of(clause, ours_by)}",
        (
            Location(clause.witness.siglum, word.start, word.end),
            Location(primary.witness.siglum, theirs.start, theirs.end),
        ),
        _where(primary),
        {"doer differs": 1.0},
    )


_BY = re.compile(r"\s+(?:[^\W\d_]+\s+){0,2}?by\s+")


def _participle(verb: _Word) -> bool:
    """Whether a word can be the participle of a passive ("paid", "advanced", "given"): not a
    present form ("railroads", "pays") nor a gerund."""
    return not verb.lower.endswith(("s", "ing")) or verb.lower.endswith("ss")


def _by_doer(passage: _Passage, verb: _Word) -> list[_Word]:
    """The doer a passive verb names with "by" ("paid by the regional transport fund"): the
    content words of the phrase after "by", up to a punctuation mark or a preposition."""
    text = passage.witness.text
    by = _BY.match(text, verb.end, passage.end)
    if by is None or not _participle(verb):
        return []
    first = next((w for w in passage.words if w.start >= by.end()), None)
    if first is None or not (first.lower in _DETERMINERS or first.text[:1].isupper()):
        return []  # "by train", "by night": a means or a time, no doer
    found: list[_Word] = []
    for word in (w for w in passage.words if w.start >= by.end()):
        if re.search(r"[,;:.!?]", text[(found[-1].end if found else by.end()) : word.start]):
            break
        if word.lower in ("of", "in", "on", "at", "for", "from", "with", "to", "and", "or", "as", "through"):
            break
        if word.key:
            found.append(word)
        if len(found) == 3:
            break
    return found


def _differ(ours: list[_Word], theirs: list[_Word]) -> bool:
    """Whether two doers are other people or bodies: they share no word, no word of one
    meaning, and neither is a pronoun's stand-in (a doer of no content words)."""
    if not ours or not theirs:
        return False
    keys = {w.key for w in theirs}
    senses = frozenset().union(*(meanings(w.lower) for w in theirs))
    return not any(w.key in keys or meanings(w.lower) & senses for w in ours)


def _phrase_of(passage: _Passage, words: list[_Word]) -> str:
    return passage.witness.text[words[0].start : words[-1].end]
