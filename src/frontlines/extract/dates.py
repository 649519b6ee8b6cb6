"""Event dates from the text, resolved against the document's published date.

Compiled regexes cover the common forms (explicit dates, weekdays, relative phrases);
dateparser is not used on the hot path because it costs milliseconds per call.
time_precision follows ACLED: 1 day, 2 week, 3 month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from frontlines.timewords import MONTHS, WEEKDAYS

SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
         "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_M = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_D = r"(\d{1,2})(?:st|nd|rd|th)?"
DATE_RE = re.compile(
    r"(?<![\w/])(?P<around>around |about |circa |between |on or about )?"
    r"(?:"
    r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))"
    rf"|(?P<dmy>{_D}(?: of)? {_M},? ?(?P<y1>\d{{4}})?)"
    rf"|(?P<mdy>{_M} {_D}(?:,? (?P<y2>\d{{4}}))?)"
    r"|(?P<num>(?P<nd>\d{1,2})/(?P<nm>\d{1,2})(?:/(?P<ny>\d{2,4}))?)"
    rf"|(?P<my>(?:early |mid-|late |mid |end of |beginning of )?{_M} (?P<y3>\d{{4}}))"
    r"|(?P<weekday>(?:on |last |this past |past |early |late )?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?(?: (?:night|morning|evening|afternoon))?)"
    r"|(?P<rel>yesterday|today|tonight|overnight|last night|this morning|this evening|this afternoon|earlier today"
    r"|last week|this week|earlier this week|past week|last weekend|this weekend|over the weekend"
    r"|earlier this month|this month|last month|earlier this year"
    r"|(?:almost |nearly |about |around |some |more than )?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) (?:days?|weeks?|months?) ago"
    r"|(?:almost|nearly|about|over|more than) a week)"
    r")(?![\w/])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    date: date | None
    precision: int | None


def _month(text: str) -> int:
    key = text.lower().rstrip(".")
    return MONTHS.get(key) or MONTHS[key[:3]]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(m: int, d: int, published: date | None) -> date | None:
    """A day-month without a year: the latest such date not after the published date (+1 day)."""
    if published is None:
        return None
    cand = _safe_date(published.year, m, d)
    if cand and cand > published + timedelta(days=1):
        cand = _safe_date(published.year - 1, m, d)
    return cand


def _mid_month(y: int, m: int, published: date | None) -> date:
    d = date(y, m, 15)
    if published and d > published and (published.year, published.month) == (y, m):
        d = published
    return d


def resolve(match: re.Match[str], published: date | None) -> tuple[date | None, int | None]:
    g = match.groupdict()
    around = 2 if g.get("around") else 1
    if g["iso"]:
        return _safe_date(int(g["iy"]), int(g["im"]), int(g["id"])), around
    if g["dmy"] or g["mdy"]:
        sub = g["dmy"] or g["mdy"]
        dm = re.search(r"\d{1,2}", sub)
        mm = re.search(_M, sub, re.IGNORECASE)
        if not dm or not mm:
            return None, None
        day, month = int(dm.group(0)), _month(mm.group(1))
        year = g.get("y1") or g.get("y2")
        if year:
            return _safe_date(int(year), month, day), around
        return _infer_year(month, day, published), around
    if g["num"]:
        # day/month, the order used outside the US and by ACLED
        day, month = int(g["nd"]), int(g["nm"])
        if month > 12 >= day:
            day, month = month, day
        if g["ny"]:
            y = int(g["ny"])
            y = y + 2000 if y < 100 else y
            return _safe_date(y, month, day), around
        return _infer_year(month, day, published), around
    if g["my"]:
        mm = re.search(_M, g["my"], re.IGNORECASE)
        assert mm is not None
        return _mid_month(int(g["y3"]), _month(mm.group(1)), published), 3
    if published is None:
        return None, None
    if g["weekday"]:
        wd = WEEKDAYS[g["wd"].lower()]
        back = (published.weekday() - wd) % 7
        if g["weekday"].lower().startswith("last ") and back == 0:
            back = 7
        return published - timedelta(days=back), 1
    rel = g["rel"].lower()
    if rel in ("today", "tonight", "this morning", "this evening", "this afternoon", "earlier today",
               "overnight"):
        # "overnight" in a report dated D is the night just ended: what happened, happened in
        # the small hours of D (a raid "overnight" in Saturday's paper is dated Saturday)
        return published, 1
    if rel in ("yesterday", "last night"):
        return published - timedelta(days=1), 1
    if rel in ("this week", "earlier this week", "past week", "this weekend", "over the weekend"):
        return published - timedelta(days=min(published.weekday(), 3)), 2
    if rel in ("last week",):
        return published - timedelta(days=7), 2
    if rel in ("last weekend",):
        return published - timedelta(days=(published.weekday() - 5) % 7 or 7), 2
    if rel in ("earlier this month", "this month"):
        return _mid_month(published.year, published.month, published), 3
    if rel == "last month":
        prev = published.replace(day=1) - timedelta(days=1)
        return date(prev.year, prev.month, 15), 3
    if rel == "earlier this year":
        return None, None
    m = re.match(r"(?:(?:almost|nearly|about|around|some|more than) )?(\w+) (day|week|month)s? ago", rel)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else SMALL.get(m.group(1), 1)
        unit = m.group(2)
        if unit == "day":
            return published - timedelta(days=n), 1
        if unit == "week":
            return published - timedelta(days=7 * n), 2
        return published - timedelta(days=30 * n), 3
    if "week" in rel:  # "almost a week"
        return published - timedelta(days=7), 2
    return None, None


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date expression in a text with its resolved date (None when it cannot be)."""
    out = []
    for m in DATE_RE.finditer(text):
        if m.group("my") is None and m.group("dmy") is None and m.group("mdy") is None \
                and m.group("num") is None and m.group("iso") is None and m.group("weekday") is None \
                and m.group("rel") is None:
            continue
        start, end = m.start(), m.end()
        ystart = _counted_year(text, m)
        if ystart is not None:
            # "On February 23rd, 2000 supporters marched": the number counts people
            head = DATE_RE.fullmatch(text[start:ystart].rstrip(", "))
            if head is not None:
                m, end = head, start + head.end()
        d, p = resolve(m, published)
        out.append(DateMention(start, end, text[start:end], d, p))
    return out


# The last day of a leap year: a year-less date's month and day, read against it, are always a date.
_ANY_YEAR = date(2000, 12, 31)


def day_named(mention: DateMention) -> tuple[int, int] | None:
    """The month and day a date mention spells out ("05 July", "03/07", "May 4, 2020"), year
    or not; None for a weekday, a relative date or a month alone (their day needs the story's)."""
    m = DATE_RE.fullmatch(mention.text)
    if m is None or m.group("around") or not (m.group("iso") or m.group("dmy") or m.group("mdy") or m.group("num")):
        return None
    d, _ = resolve(m, _ANY_YEAR)
    return (d.month, d.day) if d is not None else None


def dateline_date(text: str, dateline: tuple[int, int] | None, published: date | None) -> date | None:
    """The date a wire dateline carries ("KYIV, Feb 24 (Reuters) -", "GOMA, Congo, Nov. 20,
    2012 (AP) --"), its year from the published date when it has none; None without one."""
    if dateline is None:
        return None
    for m in DATE_RE.finditer(text, dateline[0], dateline[1]):
        if m.group("mdy") or m.group("dmy"):
            return resolve(m, published)[0]
    return None


def dateline_month(text: str, dateline: tuple[int, int] | None) -> int | None:
    """The month of a wire dateline's date, known even when its year is not ("BEIRUT, Feb 23
    (Reuters) -" in a text with no published date); None without one."""
    day = dateline_date(text, dateline, _ANY_YEAR)
    return day.month if day is not None else None


# After "Month Day, NNNN" a plural noun ("2000 supporters", "3000 people") makes NNNN a count;
# a verb or a preposition does not ("on April 19, 2017 over the outcome", "... 2016 opposing").
_COUNTED = frozenset({"people", "men", "women", "children", "police", "youth", "staff", "personnel", "cattle"})
_NOT_PLURAL = frozenset({"was", "has", "as"})  # words in "s" that follow a year


def _counted_year(text: str, m: re.Match[str]) -> int | None:
    """Where the year of a "Month Day, NNNN" match starts, when NNNN counts people instead."""
    group = "y1" if m.group("y1") else "y2" if m.group("y2") else None
    if group is None or text[max(0, m.start(group) - 2):m.start(group)] != ", ":
        return None
    word = re.match(r"\s+([a-z][a-z\-]*)", text[m.end():m.end() + 30])
    w = word.group(1) if word else ""
    plural = w in _COUNTED or w.endswith("s") and not w.endswith(("ss", "us", "is")) and w not in _NOT_PLURAL
    return m.start(group) if plural else None
