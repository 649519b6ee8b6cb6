"""Bytes to text: refuse binary content, find the encoding, decode.

Order (as browsers and trafilatura do it): a byte-order mark, the charset declared by the
server, the charset declared in the document (``<meta charset>``, XML declaration), strict
UTF-8, then ``charset_normalizer``'s guess. Anything that still fails is refused.
"""

from __future__ import annotations

import codecs
import re

from frontlines.errors import BadInput

# Leading bytes of formats that are never articles. Checked before any decoding attempt.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"RIFF", "RIFF media file"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"wOFF", "web font"),
    (b"SQLite format 3", "SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.\-]+)""")
# WHATWG: pages that say latin-1 or ASCII are decoded as windows-1252 by every browser.
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252",
            "us-ascii": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}


def binary_kind(data: bytes) -> str | None:
    """Name of the binary format ``data`` starts with, or None if it may be text."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None  # UTF-16/32 text carries NUL bytes legitimately
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head:
        return "binary file"
    return None


def check_not_binary(data: bytes, item: str) -> None:
    kind = binary_kind(data)
    if kind is not None:
        what = kind if kind == "binary file" else f"binary file ({kind})"
        raise BadInput(item, f"{what}, not text or HTML")


def declared_charset(data: bytes) -> str | None:
    """The charset a document declares about itself in its first few KB."""
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii", "ignore") if match else None


# Python codecs a page may name but that are no character set of a document: they raise plain
# UnicodeError ("undefined"), or turn "\\ud800" in the bytes into a lone surrogate.
_NOT_CHARSETS = frozenset({"undefined", "unicode-escape", "raw-unicode-escape", "punycode", "idna"})


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return None if codec in _NOT_CHARSETS else codec


_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")  # control characters but tab, breaks, form feed


def _plausible(text: str) -> bool:
    """Reject decodings that are mostly control characters (a wrong guess, or binary)."""
    sample = text[:20000]
    if not sample:
        return True
    return len(_BAD_CHARS.findall(sample)) / len(sample) < 0.01


def decode_bytes(data: bytes, item: str, declared: str | None = None) -> str:
    """Decode ``data`` to text, or raise BadInput naming ``item``."""
    check_not_binary(data, item)
    candidates: list[str] = []
    for bom, name in _BOMS:
        if data.startswith(bom):
            candidates.append(name)
            break
    for name in (declared, declared_charset(data), "utf-8"):
        codec = _codec(name)
        if codec and codec not in candidates:
            candidates.append(codec)
            if codec == "cp1252":
                candidates.append("latin-1")  # cp1252 leaves five bytes undefined
    for codec in candidates:
        try:
            text = data.decode(codec)
        except (UnicodeError, LookupError):  # UnicodeError: some codecs raise the base class
            continue
        if _plausible(text):
            return text
    from charset_normalizer import from_bytes  # lazy: only needed for undeclared legacy pages

    best = from_bytes(data[:200_000]).best()
    # UTF-16/32 without a byte-order mark would have NUL bytes (refused above as binary), so
    # such a guess is charset_normalizer making text out of noise.
    if best is not None and best.encoding and not best.encoding.startswith(("utf_16", "utf_32")):
        try:
            text = data.decode(best.encoding)
        except (UnicodeError, LookupError):
            text = ""
        if text and _plausible(text):
            return text
    raise BadInput(item, "not valid text in any encoding we tried")
