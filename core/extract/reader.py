"""Reading input: .txt files, folders of them, .jsonl and .csv crawler exports.

read_inputs(paths) -> Iterator[Article | Rejected]. Every input that cannot become
an article yields a Rejected(source, reason) with a one-line reason instead of an
exception, so one bad file never stops a batch.
"""
from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from core.extract.lexicon import lexicon
from core.extract.page import agency_of, clean_page
from core.extract.text import cut_furniture, normalize, split_fields, split_header
from core.model import Article

# One article is a few kilobytes; anything this big is a corpus dump or a wrong file.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
TEXT_FIELDS = ("text", "content", "body", "article")
OUTLET_FIELDS = ("outlet", "site", "source_name")
READ_SUFFIXES = (".txt", ".jsonl", ".csv")
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Rejected:
    """An input that did not become an article, and why (one line)."""

    source: str
    reason: str
    status: str = "rejected"   # rejected | skipped (a file a folder walk does not read)


class _Unreadable(Exception):
    """A whole file cannot be read; the message is the one-line reason."""


# ------------------------------------------------------------------ paths

def read_inputs(paths: Iterable[str | os.PathLike]) -> Iterator[Article | Rejected]:
    """Articles from files and folders in the given order; folders sorted and recursive."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in _walk(path):
                if isinstance(file, Rejected):
                    yield file
                else:
                    yield from _read_path(file, in_folder=True)
        elif path.exists():
            yield from _read_path(path, in_folder=False)
        elif path.is_symlink():
            yield Rejected(str(given), "broken symbolic link (its target does not exist)")
        else:
            yield Rejected(str(given), "no such file or directory")


def estimate_items(paths: Iterable[str | os.PathLike]) -> int:
    """About how many items read_inputs(paths) will give, cheaply (for a progress bar):
    one per file, one per line of a .jsonl or .csv (counted as bytes, not parsed)."""
    total = 0
    for given in paths:
        path = Path(given)
        files = [f for f in _walk(path) if not isinstance(f, Rejected)] if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            if suffix in (".jsonl", ".csv") and file.is_file():
                try:
                    with file.open("rb") as handle:
                        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(_CHUNK), b""))
                except OSError:
                    lines = 1
                total += max(1, lines - (suffix == ".csv"))
            else:
                total += 1
    return total


def _walk(folder: Path) -> list[Path | Rejected]:
    """Every non-hidden file under folder, sorted by relative path ('a/1.txt' < 'b.txt'),
    following links to folders once; every path that cannot be read says why."""
    found: list[tuple[tuple[str, ...], Path | Rejected]] = []
    seen: set[tuple[int, int]] = set()

    def visit(directory: Path, parts: tuple[str, ...]) -> None:
        try:
            stat = directory.stat()
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as error:
            found.append((parts, Rejected(str(directory), f"cannot read folder: {error.strerror or error}")))
            return
        if (stat.st_dev, stat.st_ino) in seen:
            found.append((parts, Rejected(str(directory), "symbolic link loop (a folder already read)",
                                          "skipped")))
            return
        seen.add((stat.st_dev, stat.st_ino))
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path, where = Path(entry.path), parts + (entry.name,)
            if entry.is_symlink() and not path.exists():
                found.append((where, Rejected(str(path), "broken symbolic link (its target does not exist)")))
            elif entry.is_dir():                         # follows a link to a folder
                visit(path, where)
            else:
                found.append((where, path))

    visit(folder, ())
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _read_path(path: Path, in_folder: bool) -> Iterator[Article | Rejected]:
    """One file by its suffix; a folder walk skips what it cannot read."""
    suffix = path.suffix.lower()
    try:
        if not path.is_file():   # reading a pipe or a device could block or never end
            yield Rejected(str(path), "not a regular file (a device, socket or pipe)")
        elif suffix == ".jsonl":
            yield from _read_jsonl(path)
        elif suffix == ".csv":
            yield from _read_csv(path)
        elif suffix == ".txt" or not in_folder:
            # A file named explicitly is read as text whatever its name.
            yield _read_txt(path)
        else:
            yield Rejected(str(path), "not a .txt, .jsonl or .csv file", "skipped")
    except _Unreadable as problem:
        yield Rejected(str(path), str(problem))
    except OSError as problem:
        yield Rejected(str(path), f"cannot read: {problem.strerror or problem}")


# ------------------------------------------------------------------ bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = ((b"%PDF", "PDF"), (b"PK\x03\x04", "ZIP/Office"), (b"\x89PNG", "PNG"),
          (b"\xff\xd8\xff", "JPEG"), (b"\x1f\x8b", "gzip"), (b"GIF8", "GIF"))


def _sniff(head: bytes, lines: bool = False) -> tuple[str, int]:
    """(encoding, BOM length) from a file's first bytes; raises _Unreadable for binaries.

    For a file of records (lines=True) a stray NUL byte is one bad record, not a binary
    file: the record that holds it is rejected and the others are read.
    """
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise _Unreadable(f"binary file ({kind}), not text")
    if b"\x00" in head:
        encoding = _bomless_utf16(head)
        if encoding is None and not lines:
            raise _Unreadable("binary file (contains NUL bytes), not text")
        return encoding or "utf-8", 0
    return "utf-8", 0


def _bomless_utf16(head: bytes) -> str | None:
    """'utf-16-le' or '-be' for UTF-16 text saved without a BOM, else None.

    ASCII characters (spaces, digits, punctuation) put a NUL in every other byte, all
    on one side; a binary file has NULs on both sides or decodes to control characters.
    """
    head = head[:len(head) // 2 * 2]
    odd, even = b"\x00" in head[1::2], b"\x00" in head[0::2]
    # UTF-16 puts a NUL beside every space, digit and punctuation mark: many, not one or two.
    if odd == even or head.count(b"\x00") < max(4, len(head) // 40):
        return None
    encoding = "utf-16-le" if odd else "utf-16-be"
    text = head.decode(encoding, errors="replace")
    controls = sum(ord(c) < 32 and c not in "\n\r\t" for c in text)
    return encoding if "\ufffd" not in text[:-1] and controls == 0 else None


def _decode(data: bytes, encoding: str = "utf-8") -> str:
    """Strict decoding; the error says what the bytes look like."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise _Unreadable(_not_utf8(data, error)) from None


def _not_utf8(data: bytes, error: UnicodeDecodeError) -> str:
    """The one-line reason for bytes that are not UTF-8."""
    encoding = error.encoding.replace("_", "-").upper()
    if encoding.startswith(("UTF-16", "UTF-32")):
        return f"not valid {encoding[:6]} (bad bytes at offset {error.start}); re-save as UTF-8"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        bad = data[error.start:error.start + 1].hex()
        return f"not UTF-8 (invalid byte 0x{bad} at offset {error.start}); re-save as UTF-8"
    # A Windows-1252 file cannot hold Devanagari, so decoding it would not give Hindi.
    return "not UTF-8 (looks like Windows-1252); re-save as UTF-8"


def _too_big(size: int) -> str:
    """The reason for one article over the size limit."""
    return (f"too large for one article ({size / 2**20:.1f} MB > "
            f"{MAX_ARTICLE_BYTES // 2**20} MB); split it or use .jsonl")


# ------------------------------------------------------------------ .txt

def _read_txt(path: Path) -> Article | Rejected:
    """One article per file; the size is checked before anything is read."""
    size = path.stat().st_size
    if size == 0:
        return Rejected(str(path), "empty file")
    if size > MAX_ARTICLE_BYTES:
        return Rejected(str(path), _too_big(size))
    data = path.read_bytes()
    encoding, bom = _sniff(data[:4096])
    return make_article(str(path), _decode(data[bom:], encoding))


# ------------------------------------------------------------------ .jsonl

def _read_jsonl(path: Path) -> Iterator[Article | Rejected]:
    """One JSON object per line; a bad line is rejected and the rest still read."""
    if path.stat().st_size == 0:
        raise _Unreadable("empty file")
    with path.open("rb") as handle:
        encoding, bom = _sniff(handle.read(4096), lines=True)
        handle.seek(bom)
        for number, line in enumerate(_lines(handle, encoding), start=1):
            if isinstance(line, Rejected):
                yield Rejected(f"{path}#{number}", line.reason)
            elif line.strip():
                yield _jsonl_record(f"{path}#{number}", line)


def _lines(handle: io.BufferedReader, encoding: str) -> Iterator[str | Rejected]:
    """Decoded lines with their endings; an over-long or undecodable line is a Rejected."""
    if encoding != "utf-8":
        # UTF-16/32 lines cannot be split on the byte b"\n"; these files are rare and small.
        text = io.TextIOWrapper(handle, encoding=encoding, newline="")
        try:
            yield from text
        except UnicodeDecodeError as error:
            raise _Unreadable(_not_utf8(b"", error)) from None
        return
    while line := handle.readline(MAX_ARTICLE_BYTES + 1):
        if len(line) > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            size = len(line) + _skip_line(handle)
            yield Rejected("", _too_big(size))
            continue
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError as error:
            yield Rejected("", _not_utf8(line, error))


def _skip_line(handle: io.BufferedReader) -> int:
    """Read past the rest of an over-long line in chunks; returns the bytes skipped."""
    skipped = 0
    while chunk := handle.readline(_CHUNK):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _jsonl_record(source: str, line: str) -> Article | Rejected:
    """One JSON line -> an article, or why not."""
    if "\x00" in line:
        return Rejected(source, "binary content (contains NUL characters), not text")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        message = error.msg.removesuffix(" at")   # some json messages end in "at"
        if message.startswith("Invalid control character") or message.startswith("Unterminated string"):
            message = "a string is not closed on its line, or holds a raw control character"
        return Rejected(source, f"malformed JSON line ({message} at column {error.colno})")
    if not isinstance(record, dict):
        return Rejected(source, "JSON line is not an object")
    return _record_article(source, {str(k).lower(): v for k, v in record.items()})


def _record_article(source: str, record: dict) -> Article | Rejected:
    """A crawler record (text field plus optional metadata) -> an article, or why not."""
    text = next((record[f] for f in TEXT_FIELDS if record.get(f) not in (None, "")), None)
    if text is None:
        return Rejected(source, f"no text field (expected one of: {', '.join(TEXT_FIELDS)})")
    if not isinstance(text, str):
        return Rejected(source, f"text field is a {type(text).__name__}, not a string")
    published = _parse_date(record.get("published") or record.get("date"))
    outlet = next((_str(record[f]) for f in OUTLET_FIELDS if _str(record.get(f))), None)
    return make_article(source, text, title=_str(record.get("title")),
                        url=_str(record.get("url")), published=published, outlet=outlet)


def _str(value: object) -> str | None:
    """A metadata value as a stripped string, or None."""
    text = "" if value is None else str(value).strip()
    return text or None


_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")


def _parse_date(value: object) -> date | None:
    """A YYYY-MM-DD date (an ISO timestamp's date part too); anything else is None."""
    match = _ISO_DATE.match(str(value or ""))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


# ------------------------------------------------------------------ .csv

def _read_csv(path: Path) -> Iterator[Article | Rejected]:
    """A header row naming a text column, then one article per row."""
    if path.stat().st_size == 0:
        raise _Unreadable("empty file")
    # News text is long; the csv module's default 128 KB field limit would cut real articles.
    csv.field_size_limit(MAX_ARTICLE_BYTES)
    with path.open("rb") as handle:
        encoding, bom = _sniff(handle.read(4096), lines=True)
        handle.seek(bom)
        rows = csv.reader(_csv_lines(handle, encoding))
        header = _csv_header(rows)
        try:
            for number, row in enumerate(rows, start=2):
                if row and row[0].startswith(_BAD_LINE):
                    yield Rejected(f"{path}#row{number}", row[0][len(_BAD_LINE):])
                elif any(cell.strip() for cell in row):
                    record = {h: v for h, v in zip(header, row) if h}
                    yield _record_article(f"{path}#row{number}", record)
        except csv.Error as error:
            # After a parse error the reader's position is unreliable: stop this file.
            yield Rejected(f"{path}#line{rows.line_num}",
                           f"malformed CSV ({error}); rest of file skipped")
        except _Unreadable as problem:
            yield Rejected(f"{path}#line{rows.line_num + 1}", f"{problem}; rest of file skipped")


def _csv_header(rows: Iterator[list[str]]) -> list[str]:
    """The lower-cased header row; it must name a text column."""
    try:
        raw = next(rows, [])
    except csv.Error as error:
        raise _Unreadable(f"malformed CSV header ({error})") from None
    if raw and raw[0].startswith(_BAD_LINE):
        raise _Unreadable(raw[0][len(_BAD_LINE):])
    header = [h.strip().lower() for h in raw]
    if not any(f in header for f in TEXT_FIELDS):
        found = ", ".join(h for h in header if h) or "nothing"
        raise _Unreadable(f"CSV has no text column (expected one of: "
                          f"{', '.join(TEXT_FIELDS)}; found: {found[:200]})")
    return header


_BAD_LINE = "\x00bad line: "     # NUL cannot come from a decoded line: those are rejected


def _csv_lines(handle: io.BufferedReader, encoding: str) -> Iterator[str]:
    """Decoded lines for csv.reader; an undecodable or over-long line becomes one marked
    row (rejected with its reason) and the rest of the file is still read."""
    for line in _lines(handle, encoding):
        if isinstance(line, Rejected):
            yield _BAD_LINE + line.reason.replace('"', "'").replace(",", ";") + "\n"
        elif "\x00" in line:
            yield _BAD_LINE + "binary content (contains NUL characters), not text\n"
        else:
            yield line


# ------------------------------------------------------------------ text

_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LATIN_WORD = re.compile(r"[A-Za-z;=/\[\]{}~`|\\+<>'^,.@#$%&*()-]+")
# Frequent Hindi words as Krutidev 010 types them: के का की है में और से ने को पर कि भी था थी थे
# हैं यह इस उन जो एक. Source: the Krutidev 010 keyboard layout.
_KRUTIDEV_WORDS = frozenset(
    "ds dk dh gS esa vkSj ls us dks ij fd Hkh Fkk Fkh Fks gSa ;g bl mu tks ,d "
    "fy, jgs jgk gks x;k fd;k djus ugha".split()
)
# Letter pairs that Krutidev text is full of and English almost never has:
# kk (ा after a consonant typed as k), matras S s a after consonants, half letters.
_KRUTIDEV_PAIRS = re.compile(r"kk|[a-z]S|Hk|/k|Fk|\bv[kS]|;k|[a-z]=|kj|kl|ks\b")


def looks_like_krutidev(text: str) -> bool:
    """True for Latin-looking text that is Hindi typed in the Krutidev legacy font."""
    words = _LATIN_WORD.findall(text)
    letters = sum(c.isascii() and c.isalpha() for c in text)
    if letters < 8 or not words:
        return False
    k_share = text.count("k") / letters            # 'k' is the aa-matra: ~10% of Krutidev letters
    known = sum(w in _KRUTIDEV_WORDS for w in words) / len(words)
    pairs = len(_KRUTIDEV_PAIRS.findall(text)) / len(words)
    return k_share >= 0.06 and (known >= 0.08 or pairs >= 0.5)


def text_problem(text: str) -> str | None:
    """Why a decoded text cannot be a Hindi article, or None if it can."""
    if not text.strip():
        return "empty text"
    if "\x00" in text:
        return "binary content (contains NUL characters), not text"
    # Counted the cheap way (this runs on every article): non-ASCII characters stand in
    # for Devanagari, and a Hindi article has few Latin letters for findall to collect.
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    latin = len(_ASCII_LETTER.findall(text))
    # A Unicode headline over a Krutidev body still makes the article unreadable.
    if non_ascii < latin and looks_like_krutidev(_DEVANAGARI.sub(" ", text)):
        return "looks like Hindi in a legacy font encoding (Krutidev); convert to Unicode first"
    if _DEVANAGARI.search(text):
        return None
    return "no Devanagari text (not Hindi)"


def make_article(source: str, raw: str, title: str | None = None, url: str | None = None,
                 published: date | None = None, outlet: str | None = None) -> Article | Rejected:
    """normalize -> header lines -> clean_page -> cut_furniture. Metadata wins over the header
    lines (' date …', ' url …', ' outlet …'), which win over the page's byline; the outlet is
    else the URL's domain, else the folder the file was read from."""
    problem = text_problem(raw)
    if problem:
        return Rejected(source, problem)
    lex = lexicon()
    fields, body = split_fields(normalize(raw))
    header_date, body = split_header(body)
    more, body = split_fields(body)
    fields = {**more, **fields}
    agency = agency_of(body, lex.gz.wires)          # before the credit lines are cut as furniture
    page_date, body = clean_page(body, lex)
    text = cut_furniture(body)
    if not text.strip():
        return Rejected(source, "nothing left after removing page furniture")
    url = url or fields.get("url")
    return Article(source=source, text=text, title=title, url=url,
                   published=published or header_date or page_date,
                   outlet=outlet or fields.get("outlet") or _domain(url) or _folder(source), agency=agency)


def _domain(url: str | None) -> str | None:
    """'https://www.example.com/a/b' -> 'example.com'."""
    host = urllib.parse.urlsplit(url).hostname if url and "://" in url else None
    return host.removeprefix("www.") if host else None


def _folder(source: str) -> str | None:
    """The name of the folder a file (or a .jsonl/.csv row) was read from."""
    name = Path(source.split("#", 1)[0]).parent.name
    return name or None
