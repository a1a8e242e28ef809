"""Byte-level helpers shared by the readers: binary sniffing, decoding, bounded reads."""

from __future__ import annotations

import io
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 8192

# Control characters that never appear in text (tab, newline, carriage return and form feed do).
_CONTROL = bytes(range(32)).translate(None, b"\t\n\r\f\x1b")


def buffered(stream: BinaryIO) -> io.BufferedReader:
    """`stream` as a reader that can peek without consuming."""
    if isinstance(stream, io.BufferedReader):
        return stream
    return io.BufferedReader(stream, buffer_size=65536)  # type: ignore[arg-type]


def sniff(stream: io.BufferedReader) -> bytes:
    """The first bytes of `stream`, left unread."""
    return stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]


def looks_binary(sample: bytes) -> bool:
    """True for data that is not text: a NUL byte, or many control characters."""
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(bytes([c])) for c in _CONTROL)
    return controls / len(sample) > 0.05


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding used: UTF-8 (BOM allowed), else Windows-1252, else Latin-1."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def guess_encoding(sample: bytes) -> str:
    """The encoding `decode` would pick for a whole file, judged from its first bytes."""
    try:
        sample.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3:  # a multi-byte character cut by the sample's end
            return "utf-8-sig"
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"
