"""Who said it: the outlet behind each report, its grade, and which stories are copies.

Independent outlets count, copies of one story do not. Two documents from different outlets are
one story when the later contains most of the earlier's word shingles, or when a credit line
("originally published by ...") names the other outlet; two reports of one event are copies when
their evidence sentences are near-identical. Each event's supporting reports are then grouped
into independent *sources* (``SourceGroup``), one per original outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from frontlines.picture.rules import GRADES, GradingRules
from frontlines.records import Report, slugify

_WORD = re.compile(r"\w+", re.UNICODE)
_FAR_FUTURE = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True)
class OutletInfo:
    slug: str
    name: str
    domain: str | None = None
    grade: str | None = None  # None: not graded (the rules' default applies)
    n_documents: int = 0


@dataclass(frozen=True)
class DocInfo:
    """What the picture needs of a document (from a Document, a store DocumentInfo or a dict)."""

    id: str
    outlet_slug: str
    outlet_name: str
    published: datetime | None
    text: str
    url: str | None = None
    title: str | None = None


@dataclass
class SourceGroup:
    """One independent source of an event: an original outlet and the outlets that copied it."""

    slug: str  # the original outlet
    name: str
    grade: str
    outlets: set[str] = field(default_factory=set)  # slugs of every outlet in the group
    reports: list[Report] = field(default_factory=list)

    @property
    def asserted(self) -> bool:
        return any(r.modality == "asserted" for r in self.reports)

    @property
    def copies(self) -> set[str]:
        return self.outlets - {self.slug}


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host or None


def _attr(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


class Sources:
    """The outlet registry, the documents, and copy detection between them (cached)."""

    def __init__(
        self,
        outlets: Iterable[Any],
        documents: dict[str, Any] | Iterable[Any],
        rules: GradingRules,
    ) -> None:
        self.rules = rules
        self.outlets: dict[str, OutletInfo] = {}
        self._by_key: dict[str, str] = {}
        for o in outlets:
            info = self._outlet_info(o)
            self.outlets[info.slug] = info
            for key in (info.slug, slugify(info.name), info.domain and slugify(info.domain)):
                if key:
                    self._by_key.setdefault(key, info.slug)
            if info.domain:
                self._by_key.setdefault(info.domain.lower(), info.slug)
        docs = documents.values() if isinstance(documents, dict) else documents
        self.docs: dict[str, DocInfo] = {}
        for d in docs:
            info = self._doc_info(d)
            self.docs[info.id] = info
        self._shingles: dict[str, frozenset[int]] = {}
        self._pair: dict[tuple[str, str], str | None] = {}
        self._credit: dict[str, str | None] = {}

    # --- outlets -------------------------------------------------------------------------------

    @staticmethod
    def _outlet_info(o: Any) -> OutletInfo:
        name = str(_attr(o, "name") or _attr(o, "slug") or "").strip()
        slug = _attr(o, "slug") or slugify(name)
        grade = _attr(o, "grade")
        grade = str(grade).strip().upper() if grade else None
        domain = _attr(o, "domain")
        return OutletInfo(
            slug=slug,
            name=name or slug,
            domain=domain.lower() if domain else None,
            grade=grade if grade in GRADES else None,
            n_documents=int(_attr(o, "n_documents", 0) or 0),
        )

    def resolve_outlet(self, name_or_domain: str | None) -> str | None:
        """Slug of a registered outlet named (or with the domain) given, else None."""
        if not name_or_domain:
            return None
        text = name_or_domain.strip()
        for key in (slugify(text), text.lower(), slugify(re.sub(r"^the\s+", "", text, flags=re.IGNORECASE))):
            if key in self._by_key:
                return self._by_key[key]
        return None

    def grade(self, slug: str) -> str:
        info = self.outlets.get(slug)
        return (info.grade if info and info.grade else None) or self.rules.default_grade

    def graded(self, slug: str) -> bool:
        info = self.outlets.get(slug)
        return bool(info and info.grade)

    def outlet_name(self, slug: str) -> str:
        info = self.outlets.get(slug)
        if info:
            return info.name
        for d in self.docs.values():
            if d.outlet_slug == slug:
                return d.outlet_name
        return slug

    # --- documents -----------------------------------------------------------------------------

    def _doc_info(self, d: Any) -> DocInfo:
        doc_id = str(_attr(d, "id"))
        url = _attr(d, "url")
        outlet = _attr(d, "outlet")
        slug = _attr(d, "outlet_slug")
        registered = (
            (slug if slug in self.outlets else None)
            or self.resolve_outlet(outlet)
            or self.resolve_outlet(_host(url))
        )
        if registered:
            slug, name = registered, self.outlets[registered].name
        elif outlet or slug:
            slug, name = slug or slugify(outlet), outlet or slug
        elif _host(url):
            slug, name = slugify(_host(url) or ""), _host(url) or ""
        else:  # a document of unknown origin is its own source, graded by default
            slug, name = f"unknown-{doc_id[:8]}", f"unknown outlet (document {doc_id[:8]})"
        published = _attr(d, "published")
        if isinstance(published, datetime) and published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
        return DocInfo(
            id=doc_id,
            outlet_slug=slug,
            outlet_name=name,
            published=published if isinstance(published, datetime) else None,
            text=_attr(d, "text") or "",
            url=url,
            title=_attr(d, "title"),
        )

    def doc_of(self, report: Report) -> DocInfo:
        doc = self.docs.get(report.evidence.doc_id)
        if doc is not None:
            return doc
        # A report whose document we were not given: its attribution names the outlet, if any.
        att = report.attribution.outlet if report.attribution else None
        info = self._doc_info({"id": report.evidence.doc_id, "outlet": att, "text": ""})
        self.docs[info.id] = info
        return info

    def outlet_of(self, report: Report) -> str:
        return self.doc_of(report).outlet_slug

    def credited_outlet(self, doc_id: str) -> str | None:
        """The registered outlet a document's credit line names (not its own outlet), if any."""
        if doc_id in self._credit:
            return self._credit[doc_id]
        doc = self.docs.get(doc_id)
        found = None
        if doc is not None and doc.text:
            for pattern in self.rules.credit_patterns:
                for m in pattern.finditer(doc.text):
                    slug = self.resolve_outlet(m.group("outlet"))
                    if slug and slug != doc.outlet_slug:
                        found = slug
                        break
                if found:
                    break
        self._credit[doc_id] = found
        return found

    def _shingle_set(self, doc_id: str) -> frozenset[int]:
        if doc_id not in self._shingles:
            doc = self.docs.get(doc_id)
            words = [w.casefold() for w in _WORD.findall(doc.text if doc else "")]
            k = int(self.rules.copies("shingle_words"))
            self._shingles[doc_id] = frozenset(
                hash(tuple(words[i : i + k])) for i in range(max(0, len(words) - k + 1))
            )
        return self._shingles[doc_id]

    def containment(self, a: str, b: str) -> float:
        sa, sb = self._shingle_set(a), self._shingle_set(b)
        if not sa or not sb:
            return 0.0
        return len(sa & sb) / min(len(sa), len(sb))

    def _order(self, doc_id: str) -> tuple:
        doc = self.docs.get(doc_id)
        return (doc.published if doc and doc.published else _FAR_FUTURE, doc_id)

    def copy_original(self, a: str, b: str) -> str | None:
        """When documents a and b (different outlets) are one story: the original's id, else None."""
        key = (a, b) if a <= b else (b, a)
        if key not in self._pair:
            da, db = self.docs.get(a), self.docs.get(b)
            result = None
            if da and db and da.outlet_slug != db.outlet_slug:
                if self.credited_outlet(a) == db.outlet_slug:
                    result = b
                elif self.credited_outlet(b) == da.outlet_slug:
                    result = a
                elif self.containment(a, b) >= float(self.rules.copies("document_containment")):
                    result = min(a, b, key=self._order)
            self._pair[key] = result
        return self._pair[key]

    def evidence_copies(self, a: Report, b: Report) -> bool:
        min_words = int(self.rules.copies("evidence_min_words"))
        ta, tb = a.evidence.text, b.evidence.text
        if len(_WORD.findall(ta)) < min_words or len(_WORD.findall(tb)) < min_words:
            return False
        return fuzz.token_sort_ratio(ta, tb) >= float(self.rules.copies("evidence_ratio"))

    # --- independent sources of a set of reports ------------------------------------------------

    def groups(self, reports: list[Report]) -> list[SourceGroup]:
        """The reports grouped by independent source (original outlet), earliest source first."""
        if not reports:
            return []
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def union(x: str, y: str) -> None:
            rx, ry = find(x), find(y)
            if rx != ry:
                parent[ry] = rx

        # An outlet's reports are one voice; a credit line makes the copying outlet part of the
        # credited outlet's voice.
        own: dict[str, str] = {}
        origin_doc: dict[str, tuple] = {}  # outlet -> its earliest document's order key
        for r in reports:
            doc = self.doc_of(r)
            own[r.id] = doc.outlet_slug
            find(doc.outlet_slug)
            key = self._order(doc.id)
            if doc.outlet_slug not in origin_doc or key < origin_doc[doc.outlet_slug]:
                origin_doc[doc.outlet_slug] = key
            credited = self.credited_outlet(doc.id)
            if credited:
                union(credited, doc.outlet_slug)
        copied_by: set[str] = set()
        doc_ids = sorted({self.doc_of(r).id for r in reports})
        for i, a in enumerate(doc_ids):
            for b in doc_ids[i + 1 :]:
                original = self.copy_original(a, b)
                if original is not None:
                    copy = b if original == a else a
                    union(self.docs[original].outlet_slug, self.docs[copy].outlet_slug)
                    copied_by.add(self.docs[copy].outlet_slug)
        for i, ra in enumerate(reports):
            for rb in reports[i + 1 :]:
                if (
                    own[ra.id] != own[rb.id]
                    and find(own[ra.id]) != find(own[rb.id])
                    and self.evidence_copies(ra, rb)
                ):
                    union(own[ra.id], own[rb.id])
        for r in reports:  # credited originals that published nothing in this event
            doc = self.doc_of(r)
            if (c := self.credited_outlet(doc.id)) is not None:
                copied_by.add(doc.outlet_slug)
                origin_doc.setdefault(c, (datetime.min.replace(tzinfo=UTC), ""))

        members: dict[str, set[str]] = {}
        for slug in list(parent):
            members.setdefault(find(slug), set()).add(slug)
        groups: list[SourceGroup] = []
        for root, slugs in members.items():
            # The original: an outlet that copied nobody, the earliest to publish.
            candidates = sorted(slugs - copied_by) or sorted(slugs)
            original = min(candidates, key=lambda s: (origin_doc.get(s, (_FAR_FUTURE, "")), s))
            group = SourceGroup(original, self.outlet_name(original), self.grade(original), set(slugs))
            group.reports = [r for r in reports if find(own[r.id]) == root]
            if group.reports:
                groups.append(group)
        groups.sort(key=lambda g: (origin_doc.get(g.slug, (_FAR_FUTURE, "")), g.slug))
        return groups
