"""Bytes to text: byte-order marks, declared charsets, then statistical detection.

Binary input (images, archives, executables) is refused before any guessing, and a
decoding that leaves too many control or replacement characters is refused too, so a
wrong guess never becomes a document full of mojibake.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from sitroom.errors import BinaryInput, UndecodableInput

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Magic numbers of common non-text formats (those we read ourselves, gzip, are handled earlier).
_MAGIC = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (or office document)",
    b"\x7fELF": "executable",
    b"MZ": "Windows executable",
    b"RIFF": "RIFF media file",
    b"OggS": "Ogg media file",
    b"ID3": "MP3 audio",
    b"\x00\x00\x00\x18ftyp": "MP4 video",
    b"\x00\x00\x00\x20ftyp": "MP4 video",
    b"SQLite format 3": "SQLite database",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
_BAD_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


def sniff_binary(data: bytes) -> str | None:
    """Name of the binary format ``data`` looks like, or None if it may be text."""
    for magic, name in _MAGIC.items():
        if data.startswith(magic):
            return name
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 100 + 1:
        return "binary data (NUL bytes)"
    return None


def decode(data: bytes, origin: str = "") -> tuple[str, str]:
    """Return (text, encoding name). Raises BinaryInput or UndecodableInput."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(name), name, origin), name
            except UnicodeDecodeError as exc:
                raise UndecodableInput(f"starts with a {name} byte-order mark but does not decode: {exc.reason}", origin) from exc
    kind = sniff_binary(data)
    if kind:
        raise BinaryInput(f"looks like {kind}, not text", origin)
    try:
        return _checked(data.decode("utf-8"), "utf-8", origin), "utf-8"
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few broken bytes (a bad copy-paste, a cut multi-byte character) stays UTF-8:
    # guessing another encoding would garble every accented letter to save a handful.
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= max(3, len(lenient) // 1000) and sum(b > 127 for b in data[:200_000]) > 20:
        return _checked(lenient, "utf-8", origin), "utf-8 (with replaced bytes)"
    declared = _declared_encoding(data)
    if declared:
        try:
            return _checked(data.decode(declared), declared, origin), declared
        except (UnicodeDecodeError, LookupError):
            pass
    text, name = _guess(data, origin)
    return _checked(text, name, origin), name


def _guess(data: bytes, origin: str) -> tuple[str, str]:
    """Statistical detection, then a tie-break towards the scripts of the field.

    Short single-byte texts are ambiguous (French in latin-1 also decodes as cp1250 with
    "č" for "è"); among the encodings that decode the bytes, keep the one whose non-ASCII
    characters are most often letters of the languages sitroom reads.
    """
    results = from_bytes(data[:200_000])
    names = [r.encoding for r in results if r.encoding][:5]
    if not names:
        raise UndecodableInput("no text encoding fits these bytes", origin)
    candidates = []
    for rank, name in enumerate(dict.fromkeys(names + list(_FALLBACKS))):
        try:
            text = data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        candidates.append((_plausibility(text), -rank, name, text))
    if not candidates:
        raise UndecodableInput(f"detected {names[0]} but the bytes do not decode with it", origin)
    _, _, name, text = max(candidates)
    return text, name


_FALLBACKS = ("cp1252", "cp1251", "koi8-r", "latin-1")
_EXPECTED = set("àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆßáíóúñãõ“”„‘’«»–—…°€№ʼ") | {chr(c) for c in range(0x400, 0x460)} | {"ґ", "Ґ", "є", "Є", "і", "І", "ї", "Ї"}


def _plausibility(text: str) -> float:
    sample = text[:50_000]
    odd = [ch for ch in sample if ord(ch) > 127]
    if not odd:
        return 1.0
    return sum(ch in _EXPECTED for ch in odd) / len(odd)


def _declared_encoding(data: bytes) -> str | None:
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _checked(text: str, encoding: str, origin: str) -> str:
    sample = text[:100_000]
    if sample and len(_BAD_CHARS.findall(sample)) > max(8, len(sample) // 50):
        raise UndecodableInput(f"decodes as {encoding} only into control characters (corrupt or not text)", origin)
    return text.replace("\r\n", "\n").replace("\r", "\n")
