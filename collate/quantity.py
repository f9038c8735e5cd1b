"""Quantities in English prose, read as values: how many, how much, how long, which day.

The summary check compares a summary's quantities with its source's by value, so that "four
million pounds" is "£4,000,000", "a fortnight" is "two weeks" and "fourteen million" is not
"forty million". Number words (cardinals and ordinals of any size: "one hundred and
twenty-five", "the twenty-first") are read by text2num, a maintained parser of number words;
this module adds only what it does not read, each a closed class of English:

- figures with their grouping and ordinal suffixes ("4,000,000", "12th", "2d"), and a scale
  word after a figure ("1.5 million");
- fractions: "half", "a quarter", an ordinal as denominator ("two thirds", "a third of"),
  "per cent";
- collective numerals: "a dozen", "a score", "a pair", "half a dozen";
- vague amounts, each the range of counts it can mean: "a few" (2–6), "several" (3–10),
  "many", "hundreds of";
- approximators ("about", "nearly", "some 200", "200 or so") and bounds ("at least", "not more
  than", "within"), which make a value a range;
- ranges ("between 10 and 12", "from 1850 to 1860", "one or two", "a fortnight or three
  weeks");
- units: time (in days, so that spans compare across units), money, measures, per cent; and
  dates (a day of a named month, or a month named alone).

Each quantity keeps what it counts (the word after it), so that a clause's "200 men" is
compared with its sentence's men before its horses.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from enum import Enum
from functools import cache

from collate import lexicon

INFINITY = math.inf


class Precision(Enum):
    """How a quantity states its value."""

    EXACT = "exact"
    """One value: "four", "£4,000,000", "the 3d of May"."""
    APPROXIMATE = "approximate"
    """About a value: "about 200", "nearly half", "some 200", "200 or so"."""
    BOUND = "bound"
    """A value as a limit: "at least 200", "not more than 500", "within two weeks"."""
    RANGE = "range"
    """Between two values: "between 10 and 12", "one or two", "in May"."""
    VAGUE = "vague"
    """An amount no number states: "a few", "several", "many", "hundreds of"."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity in a text: where it stands, what values it allows, in what unit."""

    start: int
    end: int
    low: float
    high: float
    """The values it allows, ``low`` to ``high``; equal for an exact one."""
    unit: str
    """What it measures: "" for a count, "day" for time (values in days), "fraction" (per cent
    as a share of 1), "ordinal", "date" (month × 100 + day; a month alone is the range of its
    days), a currency or a measure ("pound", "dollar", "mile")."""
    precision: Precision
    noun: str = ""
    """The word after it, lower case: what it counts ("men" in "200 men")."""
    bound: str = ""
    """For a bound: "at least" or "at most"."""
    figure: float = 0.0
    """The number as the text states it, before a unit converts it or an approximator or a
    bound widens it: 30 for "30 years", 200 for "about 200" and for "at least 200"."""

    @property
    def exact(self) -> bool:
        return self.precision is Precision.EXACT

    @property
    def middle(self) -> float:
        """One value that stands for it: the middle of its range; a bound's limit."""
        if self.bound == "at most":
            return self.high
        return self.low if self.high == INFINITY else (self.low + self.high) / 2

    def allows(self, other: Quantity) -> bool:
        """Whether what ``other`` states is within what this one allows."""
        slack = _slack(self)
        return self.low - slack <= other.low and other.high <= self.high + slack

    def overlaps(self, other: Quantity) -> bool:
        slack = max(_slack(self), _slack(other))
        return self.low <= other.high + slack and other.low <= self.high + slack


def _slack(quantity: Quantity) -> float:
    """How far two statements of one value may differ: none for a count; a tenth for time,
    which converts between units of uneven length ("a month" is 30 days, "four weeks" 28)."""
    return 0.1 * quantity.high if quantity.unit == "day" and quantity.high < INFINITY else 1e-9


TIME_UNITS = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "night": 1.0,
    "week": 7.0, "fortnight": 14.0, "month": 30.0, "year": 365.0, "twelvemonth": 365.0,
    "decade": 3650.0, "century": 36500.0,
}  # fmt: skip
"""Units of time, in days."""

CURRENCIES = frozenset(
    """dollar pound sterling franc mark rouble ruble lira peseta crown florin guilder guinea
    shilling penny pence cent yen rupee piastre piaster drachma kopeck""".split()
)
MEASURES = frozenset(
    """mile yard foot feet inch league kilometre kilometer metre meter fathom knot acre hectare
    ton tonne hundredweight ounce gram gramme kilogram kilo gallon bushel barrel quart pint
    litre liter degree verst""".split()
)
AMBIGUOUS_UNITS = frozenset("second mark crown degree cent foot".split())
"""Unit words that, after "a", are mostly no amount ("a second attempt", "a mark of respect",
"a degree of warmth"): a unit only after a number."""

_SYMBOLS = {"$": "dollar", "£": "pound", "€": "euro"}
_MONTHS = {
    name: index
    for index, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")], 1)
    for name in names
}  # fmt: skip
_MONTH_CONTEXT = frozenset("in of since until till by during early late mid from to before after".split())

COLLECTIVES = {"dozen": 12, "score": 20, "pair": 2, "brace": 2, "gross": 144}
"""Nouns that are numbers: "a dozen", "two score"."""
FRACTIONS = {"half": 0.5, "halves": 0.5, "quarter": 0.25, "quarters": 0.25}
"""Fractions not named by an ordinal ("a third", "two fifths" are)."""
SCALES: dict[str, float] = {
    "hundreds": 100,
    "thousands": 1000,
    "millions": 1e6,
    "dozens": 12,
    "scores": 20,
    "tens": 10,
}
"""Plural numbers, which count vaguely: "hundreds of" is 200 to 1,000."""

VAGUE: dict[str, tuple[float, float]] = {
    "a few": (2, 6), "few": (0, 6), "several": (3, 10), "many": (5, INFINITY),
    "a great many": (10, INFINITY), "numerous": (5, INFINITY), "a number of": (3, INFINITY),
    "a good many": (5, INFINITY), "a handful of": (2, 6), "a couple of": (2, 3),
}  # fmt: skip
"""Amounts no number states, with the counts each can mean."""

_APPROXIMATORS = re.compile(
    r"(?<![\w-])(?:about|approximately|around|nearly|almost|roughly|some|close (?:up)?on|close to|"
    r"something like|in the neighbou?rhood of|upwards of|well over)\s+$",
    re.IGNORECASE,
)
_BELOW = re.compile(r"(?<![\w-])(?:nearly|almost|close (?:up)?on|close to)\s+$", re.IGNORECASE)
"""Approximators that stay below their value ("nearly half")."""
_AT_LEAST = re.compile(
    r"(?<![\w-])(?:at least|not less than|no less than|not fewer than|no fewer than|more than|over|above|"
    r"upwards of|exceeding|in excess of|a minimum of|as many as|as much as)\s+$",
    re.IGNORECASE,
)
_AT_MOST = re.compile(
    r"(?<![\w-])(?:at most|not more than|no more than|not over|up to|under|less than|fewer than|below|"
    r"not exceeding|within|a maximum of|at the (?:very )?most)\s+$",
    re.IGNORECASE,
)
_OR_SO = re.compile(r"\s+or (?:so|thereabouts)\b", re.IGNORECASE)
_AT_MOST_AFTER = re.compile(
    r",?\s+(?:or (?:less|fewer|under)|at (?:the )?most|at the outside)\b", re.IGNORECASE
)
_AT_LEAST_AFTER = re.compile(r",?\s+(?:or more|or upwards|or over|at (?:the )?least)\b", re.IGNORECASE)
"""Bounds after the value: "eighty days or less", "three at the most", "200 or more"."""

_TOKEN = re.compile(r"[$£€]|%|(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:st|nd|rd|th|d)?\b|[^\W\d_]+")
"""Signs, figures and words; a hyphenated word is several ("nine-tenths", "four-and-a-half-
million-dollar"), which the number reader joins again where they make one number."""
_FIGURE = re.compile(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(st|nd|rd|th|d)?$")
_WORDS = re.compile(r"[^\W\d_]+(?:[\s-]+[^\W\d_]+)*")
_FUNCTION = frozenset("a an the of and or to in on at by for from with as than that this these those".split())
_NOT_COUNTED = frozenset("more less fewer so per cent thereabouts".split())
"""Words after a number that say how it is meant, not what it counts ("200 or more men")."""
_RATES = {"yearly": "year", "annually": "year", "monthly": "month", "weekly": "week", "daily": "day"}
_JOINERS = frozenset("and or to".split())


@cache
def _word_number(words: str) -> tuple[float, bool] | None:
    """The value of a run of number words and whether it is an ordinal, read by text2num;
    None unless the whole run is one number."""
    from text_to_num import alpha2digit

    converted = alpha2digit(words, "en", threshold=0).strip()
    if converted == words.strip():
        return None
    if ordinal := re.fullmatch(r"(\d+)(?:st|nd|rd|th)", converted):
        return float(ordinal.group(1)), True
    if re.fullmatch(r"\d+(?:\.\d+)?", converted):
        return float(converted), False
    return None


def _unit(word: str) -> str:
    """The unit a word names ("weeks": "week", "pence": "penny"), or ""."""
    if word == "pence":
        return "penny"
    for form in (word, word.removesuffix("s"), word.removesuffix("es"), re.sub(r"ies$", "y", word)):
        if form in TIME_UNITS or form in CURRENCIES or form in MEASURES:
            return "foot" if form == "feet" else form
    return ""


@dataclass(slots=True)
class _Amount:
    """An amount being read: tokens ``head`` to ``stop`` (exclusive) and what they state."""

    head: int
    stop: int
    low: float
    high: float
    precision: Precision = Precision.EXACT
    kind: str = ""
    """"ordinal" or "fraction"; "" for a count."""
    unit: str = ""
    noun: str = ""


class _Reader:
    """Reads the quantities of ``text[start:end]``: each amount, then its unit, its date, its
    approximator or bound; then joins ranges."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end
        self.tokens = list(_TOKEN.finditer(text, start, end))
        self.lowers = [t.group().casefold() for t in self.tokens]
        self.numbers = self._numbers()

    def word(self, k: int) -> str:
        return self.lowers[k] if 0 <= k < len(self.lowers) else ""

    def joined(self, k: int) -> str:
        """Token ``k``'s word when nothing but space (or a hyphen) parts it from the token
        before: what can extend an amount ("2,000, half" is two)."""
        return self.word(k) if k > 0 and not self.gap(k - 1, k).strip(" -–\n") else ""

    def gap(self, a: int, b: int) -> str:
        """The text between tokens ``a`` and ``b``."""
        return (
            self.text[self.tokens[a].end() : self.tokens[b].start()] if 0 <= a < b < len(self.tokens) else ""
        )

    def _numbers(self) -> dict[int, tuple[int, float, bool]]:
        """The numbers among the tokens: first token → (token after the last, value, ordinal)."""
        found: dict[int, tuple[int, float, bool]] = {}
        k = 0
        while k < len(self.tokens):
            if figure := _FIGURE.match(self.tokens[k].group()):
                value = float(figure.group(1).replace(",", ""))
                if math.isfinite(value):  # a run of 400 digits is no amount
                    found[k] = (k + 1, value, bool(figure.group(2)))
                k += 1
                continue
            best = None
            # a run of number words opens with one ("one hundred", "twenty-five"); "hundreds"
            # is vague, read apart
            if self.word(k) not in SCALES and _word_number(self.word(k)) is not None:
                for stop in range(k + 1, min(len(self.tokens), k + 9) + 1):
                    run = self.text[self.tokens[k].start() : self.tokens[stop - 1].end()]
                    if not _WORDS.fullmatch(run):
                        break
                    if (parsed := _word_number(run)) is not None and self.word(stop - 1) != "and":
                        if " and " in run and self._scale(stop):
                            continue  # "fourteen million and forty million": two numbers
                        best = (stop, *parsed)
            if best is None or (best[0] == k + 1 and self._pronoun(k)):
                k += 1
                continue
            found[k] = best
            k = best[0]
        return found

    def _scale(self, k: int) -> bool:
        """Whether token ``k`` is a scale word ("hundred", "million")."""
        scale = _word_number(self.word(k)) if self.word(k) else None
        return bool(scale) and scale is not None and scale[0] >= 100 and not scale[1]

    def _pronoun(self, k: int) -> bool:
        """Whether "one", "first" or "last" stands for no amount: "one of them", "at first"
        (not "one week", "one or two")."""
        follows = self.word(k + 1)
        if self.word(k) not in ("one", "first", "last") or _unit(follows) or follows in ("or", "to"):
            return False
        denominator = _word_number(follows) if follows else None
        return not (denominator and denominator[1])  # "one-seventh": a numerator

    def read(self) -> list[Quantity]:
        found: list[Quantity] = []
        k = 0
        while k < len(self.tokens):
            amount = self._amount(k)
            if amount is None:
                k += 1
                continue
            self._measure(amount)
            found.append(self._quantity(amount))
            k = amount.stop
        return _ranges(self.text, found, self.start)

    def _amount(self, k: int) -> _Amount | None:
        for reader in (self._month, self._number, self._fraction, self._collective, self._vague, self._one):
            if (amount := reader(k)) is not None:
                return amount
        return None

    def _month(self, k: int) -> _Amount | None:
        """A month named alone ("in May", "Thouvenel's June note"): the range of its days. A
        capitalised full name; "May", also a verb, only after a preposition or before a year;
        a month beside a number is a date, read with the number."""
        word, name = self.tokens[k].group(), self.word(k)
        if name not in _MONTHS or not word[0].isupper() or (len(name) < 4 and name != "may"):
            return None
        if (
            k + 1 in self.numbers
            or k - 1 in self.numbers
            or (self.word(k - 1) == "of" and k - 2 in self.numbers)
        ):
            return None
        if name == "may" and not (
            word == "May"
            and (self.word(k - 1) in _MONTH_CONTEXT or re.fullmatch(r"1\d{3}", self.word(k + 1)))
        ):
            return None
        month = 100.0 * _MONTHS[name]
        return _Amount(k, k + 1, month + 1, month + 31, Precision.RANGE, unit="date")

    def _number(self, k: int) -> _Amount | None:
        """A figure or number words, with what extends them: a currency sign before, a scale
        word after a figure ("1.5 million"), "and a half", a denominator ("two thirds"), a
        collective ("two dozen"), "per cent"."""
        symbol = _SYMBOLS.get(self.word(k), "")
        at = k + 1 if symbol else k
        if at not in self.numbers:
            return None
        stop, value, ordinal = self.numbers[at]
        head = k - 1 if not symbol and self.word(k - 1) in ("a", "an") else k  # "a hundred"
        if self.joined(stop) and self.lowers[stop : stop + 3] in (
            ["and", "a", "half"],
            ["and", "one", "half"],
        ):
            value, stop = value + 0.5, stop + 3  # "four and a half (million)"
        scale = _word_number(self.joined(stop)) if self.joined(stop) else None
        if (
            scale
            and scale[0] >= 100
            and not scale[1]
            and (_FIGURE.match(self.tokens[at].group()) or value < scale[0])
        ):
            value, stop = value * scale[0], stop + 1
        amount = _Amount(head, stop, value, value, kind="ordinal" if ordinal else "", unit=symbol)
        after = self.joined(stop)
        plural = after.endswith("s") and value != 1
        denominator = _word_number(after.removesuffix("s") if plural else after) if after else None
        if not ordinal and after in FRACTIONS:
            amount.low = amount.high = value * FRACTIONS[after]
            amount.kind, amount.stop = "fraction", stop + 1
        elif not ordinal and denominator and denominator[1] and denominator[0] > 2:
            amount.low = amount.high = value / denominator[0]  # "two thirds"
            amount.kind, amount.stop = "fraction", stop + 1
        elif ordinal and self.word(k - 1) in ("a", "one") and after == "of":
            amount.low = amount.high = 1 / value  # "a third of"
            amount.kind = "fraction"
        elif after in COLLECTIVES:
            amount.low = amount.high = value * COLLECTIVES[after]
            amount.stop = stop + 1
        if after in ("%", "percent") or (after == "per" and self.word(stop + 1) == "cent"):
            amount.low = amount.high = value / 100
            amount.kind, amount.stop = "fraction", stop + (1 if after != "per" else 2)
        return amount

    def _fraction(self, k: int) -> _Amount | None:
        """ "Half", "a quarter": a share; of a collective or a scale, a count ("half a dozen",
        "a quarter of a million"); of a unit, that much of it ("half a mile")."""
        if self.word(k) not in FRACTIONS:
            return None
        share = FRACTIONS[self.word(k)]
        head = k - 1 if self.word(k - 1) in ("a", "one") else k
        at = k + 2 if self.word(k + 1) == "of" else k + 1
        if self.word(at) in ("a", "an"):
            whole = self.word(at + 1)
            scale = _word_number(whole) if whole else None
            if whole in COLLECTIVES or (scale and scale[0] >= 100 and not scale[1]):
                count = COLLECTIVES.get(whole) or (scale[0] if scale else 1)
                return _Amount(head, at + 2, share * count, share * count)
            if _unit(whole):
                return _Amount(head, at + 1, share, share)  # the unit is read next
        return _Amount(head, k + 1, share, share, kind="fraction")

    def _collective(self, k: int) -> _Amount | None:
        """ "A dozen", "a score of"."""
        if self.word(k) not in COLLECTIVES or self.word(k - 1) not in ("a", "one"):
            return None
        value = float(COLLECTIVES[self.word(k)])
        return _Amount(k - 1, k + 2 if self.word(k + 1) == "of" else k + 1, value, value)

    def _vague(self, k: int) -> _Amount | None:
        """The vague amounts: "a few", "several hundred", "hundreds of", "some thousands", "some days"."""
        for size in (3, 2, 1):
            phrase = " ".join(self.lowers[k : k + size])
            if phrase in VAGUE:
                low, high = VAGUE[phrase]
                stop = k + size
                scale = _word_number(self.word(stop)) if self.word(stop) else None
                if scale and scale[0] >= 100 and not scale[1]:
                    low, high, stop = low * scale[0], high * scale[0], stop + 1  # "several hundred"
                return _Amount(k, stop, low, high, Precision.VAGUE)
        if self.word(k) in SCALES:
            unit = SCALES[self.word(k)]
            head = k - 1 if self.word(k - 1) == "some" else k
            stop = k + 2 if self.word(k + 1) == "of" else k + 1
            return _Amount(head, stop, 2 * unit, unit * (1000 if unit >= 1000 else 10), Precision.VAGUE)
        if (
            self.word(k) == "some"
            and self.word(k + 1).endswith("s")
            and _unit(self.word(k + 1)) in TIME_UNITS
        ):
            return _Amount(k, k + 1, 2, INFINITY, Precision.VAGUE)  # "some days ago"
        return None

    def _one(self, k: int) -> _Amount | None:
        """ "A week", "a league", "an acre": one of the unit."""
        unit = _unit(self.word(k + 1))
        if self.word(k) not in ("a", "an") or not unit or unit in AMBIGUOUS_UNITS:
            return None
        return _Amount(k, k + 1, 1, 1)

    def _measure(self, amount: _Amount) -> None:
        """The unit after the amount (next, or past one word: "two long weeks", "1,200
        square miles"; not "three soldiers spent months"), which converts it; its date; its
        year; what it counts."""
        for at in range(amount.stop, min(amount.stop + 2, len(self.tokens))):
            if re.search(r"[,;:.]", self.gap(at - 1, at)):
                break
            if (at in self.numbers and not _unit(self.word(at))) or self.word(at) in _JOINERS | _FUNCTION:
                break  # past adjectives only ("two long weeks"), not "in year one"
            unit = _unit(self.word(at))
            if not unit or amount.kind == "fraction" or (unit in AMBIGUOUS_UNITS and at > amount.stop):
                continue
            amount.stop = at + 1
            if amount.kind == "ordinal":
                amount.noun = unit  # "the fourth day": which day, not how long
                break
            if unit == "pound" and self.word(amount.stop) == "sterling":
                amount.stop += 1
            factor = 1.5 if self.lowers[amount.stop : amount.stop + 3] == ["and", "a", "half"] else 1.0
            amount.stop += 3 if factor > 1 else 0
            if unit in TIME_UNITS:
                factor, unit = factor * TIME_UNITS[unit], "day"
            amount.low, amount.high, amount.unit = amount.low * factor, amount.high * factor, unit
            break
        if amount.unit != "day":
            rate, size = "", 0
            if self.word(amount.stop) in ("a", "an", "per", "each", "every"):
                rate, size = _unit(self.word(amount.stop + 1)), 2
                rate, size = ("year", 2) if self.word(amount.stop + 1) == "annum" else (rate, size)
            elif self.word(amount.stop) in _RATES:
                rate, size = _RATES[self.word(amount.stop)], 1
            if rate in TIME_UNITS:  # "$25 a month", "5.5 per cent yearly": a rate
                amount.unit = " ".join(filter(None, (amount.unit or amount.kind, "per", rate)))
                amount.stop += size
        self._date(amount)
        if not amount.noun:
            for at in range(amount.stop, min(amount.stop + 3, len(self.tokens))):
                word = self.lowers[at]
                if re.search(r"[,;:.]", self.gap(at - 1, at)) or word in _JOINERS | _NOT_COUNTED:
                    break
                if word not in _FUNCTION:
                    amount.noun = word if word.isalpha() else ""
                    break
        self._year(amount)

    def _month_name(self, k: int) -> bool:
        """Whether token ``k`` is a month's name, capitalised ("3 May", not "3 may enter")."""
        return self.word(k) in _MONTHS and self.tokens[k].group()[0].isupper()

    def _date(self, amount: _Amount) -> None:
        """A day with its month ("3 May", "the 3d of May", "May 3"): month × 100 + day."""
        if amount.unit or amount.kind == "fraction" or amount.precision is not Precision.EXACT:
            return
        if amount.low != int(amount.low) or not 1 <= amount.low <= 31:
            return
        head, stop = amount.head, amount.stop
        month = 0
        if self._month_name(stop) and not self.gap(stop - 1, stop).strip():
            month, stop = _MONTHS[self.word(stop)], stop + 1
        elif self.word(stop) == "of" and self._month_name(stop + 1) and not self.gap(stop - 1, stop).strip():
            month, stop = _MONTHS[self.word(stop + 1)], stop + 2
        elif self._month_name(head - 1) and not self.gap(head - 1, head).strip(" ."):
            month, head = _MONTHS[self.word(head - 1)], head - 1
        if month:
            amount.low = amount.high = 100.0 * month + amount.low
            amount.head, amount.stop, amount.unit, amount.kind = head, stop, "date", ""

    def _year(self, amount: _Amount) -> None:
        """A year: a figure from 1000 to 2099 written without grouping and counting nothing
        ("in 1915", "up to 1944", "1918 will"; not "1500 men", a plural noun after it),
        compared with years only; no approximator or bound reads it."""
        token = self.tokens[amount.head].group()
        if amount.unit or amount.kind or amount.stop != amount.head + 1:
            return
        follows = self.joined(amount.stop)
        if follows and any(pos == "n" and lemma != follows for lemma, pos in lexicon.lemmas(follows)):
            return  # a plural noun after it: what it counts ("1500 men", "1000 soldiers")
        if re.fullmatch(r"1\d{3}|20\d{2}", token):
            amount.unit = "year"

    def _quantity(self, amount: _Amount) -> Quantity:
        """The amount as a quantity, widened by an approximator or a bound before it (a date
        keeps its day: "up to January 1" is a date, and a time limit)."""
        unit = amount.unit or amount.kind
        start, end = self.tokens[amount.head].start(), self.tokens[amount.stop - 1].end()
        figure = amount.low if amount.high in (amount.low, INFINITY) else (amount.low + amount.high) / 2
        if unit == "day" and figure:
            figure = self._count(amount, figure)
        low, high, precision, bound = amount.low, amount.high, amount.precision, ""
        if precision is Precision.EXACT and unit not in ("date", "year"):
            before = self.text[max(self.start, start - 40) : start]
            least, most = _AT_LEAST.search(before), _AT_MOST.search(before)
            if least and most:  # the longer reading: "not more than", "no less than"
                least, most = (least, None) if least.start() < most.start() else (None, most)
            if least and least.group().strip().casefold() == "over" and unit == "day":
                least = None  # "over two decades": during them, not more than them
            if least:
                precision, bound, high, start = (
                    Precision.BOUND,
                    "at least",
                    INFINITY,
                    start - len(least.group()),
                )
            elif most:
                precision, bound, low, start = Precision.BOUND, "at most", 0.0, start - len(most.group())
            elif approximate := _APPROXIMATORS.search(before):
                below = _BELOW.search(before)
                precision, start = Precision.APPROXIMATE, start - len(approximate.group())
                low, high = low * (0.8 if below else 0.85), high * (1.0 if below else 1.15)
            elif after := _AT_MOST_AFTER.match(self.text, end, self.end):
                precision, bound, low, end = Precision.BOUND, "at most", 0.0, after.end()
            elif after := _AT_LEAST_AFTER.match(self.text, end, self.end):
                precision, bound, high, end = Precision.BOUND, "at least", INFINITY, after.end()
            elif after := _OR_SO.match(self.text, end, self.end):
                precision, low, high, end = Precision.APPROXIMATE, low * 0.85, high * 1.15, after.end()
        return Quantity(start, end, low, high, unit, precision, amount.noun, bound, figure)

    def _count(self, amount: _Amount, days: float) -> float:
        """The number a span of time is stated with ("30 years": 30)."""
        for at in range(amount.head, amount.stop):
            if (unit := _unit(self.word(at))) in TIME_UNITS:
                return days / TIME_UNITS[unit]
        return days


def quantities(text: str, start: int = 0, end: int | None = None) -> tuple[Quantity, ...]:
    """The quantities ``text[start:end]`` states, in order.

    >>> [(q.low, q.unit) for q in quantities("It cost the city four million pounds.")]
    [(4000000.0, 'pound')]
    >>> [(q.low, q.high, q.unit) for q in quantities("a fortnight, or a few days")]
    [(14.0, 14.0, 'day'), (2.0, 6.0, 'day')]
    """
    return tuple(_Reader(text, start, len(text) if end is None else end).read())


_JOINT = re.compile(r"\s*(?:-|–|—|to|or|and|,)\s*", re.IGNORECASE)
_OPENING = re.compile(r"(?<![\w-])(?:between|from)\s+$", re.IGNORECASE)


def _ranges(text: str, found: list[Quantity], start: int = 0) -> list[Quantity]:
    """Quantities joined to one another. A bare number takes the unit of the one it is joined
    to ("two or three weeks", "from 40 to 30 years", "October 17 and 25"); two exact ones
    joined by "to", "or", a dash (or "and" after "between") are one range ("between 10 and
    12", "one or two", "a fortnight or three weeks"); falling numbers ("from 40 to 30") are a
    change, two quantities, not a range."""
    merged: list[Quantity] = []
    for quantity in found:
        previous = merged[-1] if merged else None
        joint = text[previous.end : quantity.start] if previous else ""
        if previous is None or not _JOINT.fullmatch(joint) or not (previous.exact and quantity.exact):
            merged.append(quantity)
            continue
        if previous.unit != quantity.unit:
            if not previous.unit and _shares(previous, quantity):
                previous = merged[-1] = _in_unit(previous, quantity)
            elif not quantity.unit and _shares(quantity, previous):
                quantity = _in_unit(quantity, previous)
        word = joint.strip().casefold()
        opening = _OPENING.search(text[max(start, previous.start - 12) : previous.start])
        ranged = word in ("-", "–", "—", "to", "or") or (word == "and" and opening)
        if ranged and previous.unit == quantity.unit and previous.low < quantity.low:
            begin = previous.start - (len(opening.group()) if opening else 0)
            merged[-1] = Quantity(
                begin, quantity.end, previous.low, quantity.high, quantity.unit, Precision.RANGE,
                quantity.noun, "", (previous.low + quantity.high) / 2,
            )  # fmt: skip
        else:
            merged.append(quantity)
    return merged


def _shares(bare: Quantity, fellow: Quantity) -> bool:
    """Whether a bare number can be in its fellow's unit: a count beside a measure, a day
    beside a date (not a year, a share or an order)."""
    if fellow.unit == "date":
        return 1 <= bare.low <= 31 and bare.low == int(bare.low)
    return bool(fellow.figure) and fellow.unit not in ("year", "fraction", "ordinal")


def _in_unit(bare: Quantity, fellow: Quantity) -> Quantity:
    """A bare number in the unit of the quantity it is joined to: "two" of "two or three
    weeks" is two weeks; "25" of "October 17 and 25" is October 25."""
    if fellow.unit == "date":
        day = 100 * (fellow.low // 100) + bare.low
        return replace(bare, low=day, high=day, unit="date", figure=day)
    per = fellow.low / fellow.figure
    return replace(bare, low=bare.low * per, high=bare.high * per, unit=fellow.unit)
