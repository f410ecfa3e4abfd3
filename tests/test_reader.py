"""core.extract.reader: every input format, and every kind of bad input with its exact reason."""
from __future__ import annotations

import codecs
import json
import os
from datetime import date
from pathlib import Path

import pytest

from core.extract.reader import MAX_ARTICLE_BYTES, Rejected, looks_like_krutidev, read_inputs
from core.model import Article

HINDI = "चीनी विदेश मंत्री वांग यी ने नेपाल के विदेश मंत्री से मुलाकात की।"
KRUTIDEV = ("Hkkjr ds iz/kkuea=h us phu ds fons'k ea=h ls eqykdkr dhA nksuksa ns'kksa "
            "ds chp O;kikj ij ppkZ gqbZA")


def read(*paths: Path | str) -> list[Article | Rejected]:
    """Everything read_inputs yields, as a list."""
    return list(read_inputs(paths))


def reason(path: Path) -> str:
    """The one rejection reason of a single-item input."""
    [item] = read(path)
    assert isinstance(item, Rejected), item
    return item.reason


def write(path: Path, data: bytes | str) -> Path:
    """Write bytes or UTF-8 text, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# ------------------------------------------------------------------ .txt

def test_txt_is_normalised_and_dated_from_its_header(tmp_path):
    path = write(tmp_path / "a.txt", " date 2025-08-31 बीजिंग, 31 अगस्त। " + HINDI.replace("।", " ||")
                 + "\r\n\r\nयह भी पढ़ें: और खबरें\n")
    [article] = read(path)
    assert article.source == str(path)
    assert article.published == date(2025, 8, 31)
    assert article.text.startswith("बीजिंग, 31 अगस्त।")
    assert "यह भी पढ़ें" not in article.text and "\r" not in article.text


def test_same_text_gives_the_same_id(tmp_path):
    one = write(tmp_path / "one.txt", HINDI)
    two = write(tmp_path / "two.txt", "\ufeff" + HINDI.replace(" ", "  ") + "\n")
    first, second = read(one, two)
    assert first.id == second.id and first.source != second.source


def test_folders_are_read_recursively_sorted_skipping_hidden_and_other_files(tmp_path):
    for name in ("b/2.txt", "a/1.txt", "c.txt", ".hidden/x.txt", "b/.x.txt"):
        write(tmp_path / name, HINDI + name)
    write(tmp_path / "notes.md", "# notes")
    items = read(tmp_path)
    articles = [i.source for i in items if isinstance(i, Article)]
    assert articles == [str(tmp_path / n) for n in ("a/1.txt", "b/2.txt", "c.txt")]
    [skipped] = [i for i in items if isinstance(i, Rejected)]
    assert skipped == Rejected(str(tmp_path / "notes.md"),
                               "not a .txt, .jsonl or .csv file", "skipped")


def test_folder_walk_order_is_deterministic(tmp_path):
    for name in ("z.txt", "m/q.txt", "a.txt", "m/b.txt"):
        write(tmp_path / name, HINDI + name)
    first = [i.source for i in read(tmp_path)]
    assert first == [i.source for i in read(tmp_path)]
    assert [Path(s).relative_to(tmp_path).as_posix() for s in first] == ["a.txt", "m/b.txt", "m/q.txt", "z.txt"]


def test_a_file_named_explicitly_is_read_whatever_its_suffix(tmp_path):
    [article] = read(write(tmp_path / "article.md", HINDI))
    assert isinstance(article, Article)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_bom_marked_text_is_decoded(tmp_path, encoding):
    data = HINDI.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    [article] = read(write(tmp_path / "a.txt", data))
    assert isinstance(article, Article) and article.text == HINDI


# ------------------------------------------------------------------ bad input, one reason each

def test_windows_1252_is_rejected(tmp_path):
    path = write(tmp_path / "cp.txt", "Caf\u00e9 \u201cquoted\u201d \u2013 na\u00efve".encode("cp1252"))
    assert reason(path) == "not UTF-8 (looks like Windows-1252); re-save as UTF-8"


def test_other_non_utf8_bytes_are_rejected_with_the_offset(tmp_path):
    path = write(tmp_path / "bad.txt", "नमस्ते ".encode() + b"\x81\x8d\x90")
    assert reason(path) == "not UTF-8 (invalid byte 0x81 at offset 19); re-save as UTF-8"


def test_empty_file(tmp_path):
    assert reason(write(tmp_path / "empty.txt", b"")) == "empty file"


def test_whitespace_only_file(tmp_path):
    assert reason(write(tmp_path / "blank.txt", " \n\t\n")) == "empty text"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded(tmp_path, encoding):
    [article] = read(write(tmp_path / "a.txt", (HINDI + " 2024\n").encode(encoding)))
    assert isinstance(article, Article) and article.text == HINDI + " 2024"


def test_a_pipe_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    assert read(tmp_path / "pipe.txt") == [Rejected(str(tmp_path / "pipe.txt"),
                                                    "not a regular file (a device, socket or pipe)")]


def test_a_unicode_headline_over_a_krutidev_body(tmp_path):
    path = write(tmp_path / "mixed.txt", "भारत-चीन वार्ता\n" + KRUTIDEV)
    assert reason(path) == "looks like Hindi in a legacy font encoding (Krutidev); convert to Unicode first"


def test_hindi_with_english_terms_is_kept(tmp_path):
    text = HINDI + " SCO summit में BRICS, G20 और UNGA पर बात हुई। Belt and Road Initiative पर भी।"
    assert isinstance(read(write(tmp_path / "a.txt", text))[0], Article)


def test_binary_file(tmp_path):
    path = write(tmp_path / "blob.txt", bytes(range(256)) * 4)
    assert reason(path) == "binary file (contains NUL bytes), not text"


def test_pdf_renamed_to_txt(tmp_path):
    path = write(tmp_path / "paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert reason(path) == "binary file (PDF), not text"


def test_a_50_mb_text_file_is_rejected_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        block = (HINDI + "\n").encode() * 1000
        while handle.tell() < 50 * 2**20:
            handle.write(block)
    assert reason(path) == "too large for one article (50.0 MB > 5 MB); split it or use .jsonl"


def test_a_path_that_does_not_exist(tmp_path):
    assert read(tmp_path / "missing.txt") == [Rejected(str(tmp_path / "missing.txt"),
                                                       "no such file or directory")]


def test_text_without_devanagari(tmp_path):
    path = write(tmp_path / "en.txt", "Chinese Foreign Minister Wang Yi met his Nepali counterpart.")
    assert reason(path) == "no Devanagari text (not Hindi)"


def test_krutidev_legacy_font_text(tmp_path):
    assert reason(write(tmp_path / "kd.txt", KRUTIDEV)) == (
        "looks like Hindi in a legacy font encoding (Krutidev); convert to Unicode first")


def test_nothing_but_furniture(tmp_path):
    path = write(tmp_path / "links.txt", "यह भी पढ़ें: चीन की खबरें\nयह भी पढ़ें: नेपाल")
    assert reason(path) == "nothing left after removing page furniture"


@pytest.mark.parametrize("text, expected", [
    ("Hkkjr ds iz/kkuea=h", True),
    (KRUTIDEV, True),
    ("nksuksa usrkvksa us vkilh fgrksa ds eqíksa ij ppkZ dhA", True),
    ("The Chinese president met the Prime Minister of Kazakhstan in Beijing.", False),
    ("Stock markets rallied as banks and bookkeepers looked ahead; Kodak rose.", False),
    ("Click here to read more. Share this article on Facebook and WhatsApp.", False),
    ("def f(x): return x[k] + k; k = k/2", False),
    ("ok", False),
])
def test_krutidev_heuristic(text, expected):
    assert looks_like_krutidev(text) is expected


# ------------------------------------------------------------------ .jsonl

def jsonl(path: Path, *records: object) -> Path:
    """A JSONL file; str records are written as raw lines."""
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    return write(path, "\n".join(lines) + "\n")


def test_jsonl_fields_and_metadata(tmp_path):
    path = jsonl(tmp_path / "feed.jsonl",
                 {"text": HINDI, "url": "https://x.in/1", "title": "शीर्षक", "published": "2024-05-01T10:00:00Z"},
                 {"Content": HINDI + " 2", "date": "2024-05-02"},
                 {"body": HINDI + " 3"},
                 {"article": " date 2023-01-01 " + HINDI + " 4", "published": "2024-05-04"})
    first, second, third, fourth = read(path)
    assert (first.source, first.url, first.title, first.published) == (
        f"{path}#1", "https://x.in/1", "शीर्षक", date(2024, 5, 1))
    assert (second.source, second.published) == (f"{path}#2", date(2024, 5, 2))
    assert third.published is None
    assert fourth.published == date(2024, 5, 4)    # metadata wins over the text header
    assert not fourth.text.startswith("date")


def test_jsonl_bad_lines_are_rejected_and_the_rest_read(tmp_path):
    path = jsonl(tmp_path / "feed.jsonl",
                 {"text": HINDI}, '{"text": "टूटा', "", "[1, 2]", {"url": "https://x.in"},
                 {"text": 42}, {"text": HINDI + " अंत"})
    items = read(path)
    assert [type(i).__name__ for i in items] == ["Article", "Rejected", "Rejected", "Rejected",
                                                 "Rejected", "Article"]
    assert [(i.source, i.reason) for i in items if isinstance(i, Rejected)] == [
        (f"{path}#2", "malformed JSON line (a string is not closed on its line, or holds a raw control character at column 15)"),
        (f"{path}#4", "JSON line is not an object"),
        (f"{path}#5", "no text field (expected one of: text, content, body, article)"),
        (f"{path}#6", "text field is a int, not a string"),
    ]
    assert items[-1].source == f"{path}#7"


def test_jsonl_non_utf8_line_is_rejected_alone(tmp_path):
    good = json.dumps({"text": HINDI}, ensure_ascii=False).encode()
    bad = json.dumps({"text": "Caf\u00e9"}, ensure_ascii=False).encode("cp1252")
    path = write(tmp_path / "mixed.jsonl", good + b"\n" + bad + b"\n" + good.replace(b"}", b', "url": "u"}') + b"\n")
    first, second, third = read(path)
    assert isinstance(first, Article) and isinstance(third, Article)
    assert second == Rejected(f"{path}#2", "not UTF-8 (looks like Windows-1252); re-save as UTF-8")


def test_jsonl_over_long_line_is_skipped_in_chunks(tmp_path):
    big = json.dumps({"text": "क" * (MAX_ARTICLE_BYTES // 3 + 10)}, ensure_ascii=False)
    path = jsonl(tmp_path / "big.jsonl", {"text": HINDI}, big, {"text": HINDI + " 3"})
    first, second, third = read(path)
    assert second.source == f"{path}#2"
    assert second.reason == "too large for one article (5.0 MB > 5 MB); split it or use .jsonl"
    assert isinstance(first, Article) and third.source == f"{path}#3"


def test_utf16_jsonl(tmp_path):
    path = write(tmp_path / "w.jsonl", (json.dumps({"text": HINDI}, ensure_ascii=False) + "\r\n").encode("utf-16"))
    [article] = read(path)
    assert article.text == HINDI


def test_empty_jsonl(tmp_path):
    assert reason(write(tmp_path / "e.jsonl", b"")) == "empty file"


# ------------------------------------------------------------------ .csv

def test_csv_rows_with_large_fields(tmp_path):
    long_text = HINDI + " " + "बातचीत जारी रही। " * 20000      # > the csv module's 128 KB default
    rows = f'title,Text,url,published\nएक,"{HINDI}",https://x.in/1,2024-05-01\n,,,\n' \
           f'दो,"{long_text}\nदूसरा अनुच्छेद, ""उद्धरण""",,\n'
    path = write(tmp_path / "feed.csv", "\ufeff" + rows)
    first, second = read(path)
    assert (first.source, first.title, first.url, first.published) == (
        f"{path}#row2", "एक", "https://x.in/1", date(2024, 5, 1))
    assert second.source == f"{path}#row4"
    assert second.text.endswith('दूसरा अनुच्छेद, "उद्धरण"') and len(second.text) > 128 * 1024


def test_csv_without_a_text_column(tmp_path):
    path = write(tmp_path / "meta.csv", f"title,url\n{HINDI},https://x.in\n")
    assert reason(path) == ("CSV has no text column (expected one of: text, content, body, "
                            "article; found: title, url)")


def test_csv_bad_rows_are_rejected_and_the_rest_read(tmp_path):
    path = write(tmp_path / "rows.csv", f"content,title\n{HINDI},a\nEnglish only,b\n,c\n{HINDI} 2,d\n")
    items = read(path)
    assert [(i.source, getattr(i, "reason", None)) for i in items] == [
        (f"{path}#row2", None),
        (f"{path}#row3", "no Devanagari text (not Hindi)"),
        (f"{path}#row4", "no text field (expected one of: text, content, body, article)"),
        (f"{path}#row5", None),
    ]


def test_windows_1252_csv_row_costs_one_row(tmp_path):
    path = write(tmp_path / "cp.csv", "title,text\nCaf\u00e9,na\u00efve\n".encode("cp1252")
                 + f"t,{HINDI}\n".encode())
    first, second = read(path)
    assert first == Rejected(f"{path}#row2", "not UTF-8 (looks like Windows-1252); re-save as UTF-8")
    assert isinstance(second, Article)


def test_windows_1252_csv_header(tmp_path):
    path = write(tmp_path / "cp.csv", "r\u00e9sum\u00e9,text\nCaf\u00e9,na\u00efve\n".encode("cp1252"))
    assert reason(path) == "not UTF-8 (looks like Windows-1252); re-save as UTF-8"


def test_csv_line_over_the_limit_costs_one_row(tmp_path):
    huge = "क" * (MAX_ARTICLE_BYTES // 3 + 10)
    path = write(tmp_path / "huge.csv", f'text\n"{HINDI}"\n"{huge}"\n"{HINDI} 3"\n')
    first, second, third = read(path)
    assert isinstance(first, Article) and isinstance(third, Article)
    assert second == Rejected(f"{path}#row3", "too large for one article (5.0 MB > 5 MB); split it "
                                         "or use .jsonl")


def test_csv_field_over_the_limit_across_lines_stops_that_file(tmp_path):
    lines = "\n".join(["क" * 1000] * (MAX_ARTICLE_BYTES // 1000 + 5))   # short lines, one huge field
    path = write(tmp_path / "huge.csv", f'text\n"{HINDI}"\n"{lines}"\n"{HINDI} 3"\n')
    first, second = read(path)
    assert isinstance(first, Article)
    assert second.source.startswith(f"{path}#line")
    assert second.reason.startswith("malformed CSV (field larger than field limit")
    assert second.reason.endswith("; rest of file skipped")


def test_a_bad_file_does_not_stop_the_batch(tmp_path):
    good = write(tmp_path / "good.txt", HINDI)
    items = read(tmp_path / "missing.txt", write(tmp_path / "e.txt", b""), good)
    assert [type(i).__name__ for i in items] == ["Rejected", "Rejected", "Article"]


def test_a_stray_nul_in_a_jsonl_costs_one_line(tmp_path):
    good = [json.dumps({"text": f"{HINDI} {n}"}, ensure_ascii=False) for n in range(1000)]
    bad = json.dumps({"text": HINDI + "\x00"}, ensure_ascii=False).replace("\\u0000", "\x00")
    path = write(tmp_path / "nul.jsonl", "\n".join(good[:10] + [bad] + good[10:]) + "\n")
    items = read(path)
    assert sum(isinstance(i, Article) for i in items) == 1000
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert [(r.source, r.reason) for r in rejected] == [
        (f"{path}#11", "binary content (contains NUL characters), not text")]


def test_a_stray_nul_in_a_csv_costs_one_row(tmp_path):
    rows = [f'"{HINDI} {n}"' for n in range(1000)]
    path = write(tmp_path / "nul.csv", "text\n" + "\n".join(rows[:5] + [f'"{HINDI}\x00"'] + rows[5:]) + "\n")
    items = read(path)
    assert sum(isinstance(i, Article) for i in items) == 1000
    assert [i.source for i in items if isinstance(i, Rejected)] == [f"{path}#row7"]


def test_a_folder_walk_reports_every_path(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    write(folder / "a.txt", HINDI)
    write(folder / "sub" / "b.txt", HINDI + " ख")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    write(outside / "c.txt", HINDI + " ग")
    (folder / "linked").symlink_to(outside, target_is_directory=True)       # a link to a folder: read
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)  # a loop: said, not followed
    (folder / "gone.txt").symlink_to(tmp_path / "missing.txt")              # dangling: said
    items = read(folder)
    articles = sorted(Path(i.source).name for i in items if isinstance(i, Article))
    assert articles == ["a.txt", "b.txt", "c.txt"]
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, Rejected)}
    assert reasons["gone.txt"] == "broken symbolic link (its target does not exist)"
    assert reasons["loop"] == "symbolic link loop (a folder already read)"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder")
def test_an_unreadable_folder_is_reported(tmp_path):
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    write(folder / "a.txt", HINDI)
    (folder / "locked").chmod(0)
    try:
        reasons = {Path(i.source).name: i.reason for i in read(folder) if isinstance(i, Rejected)}
    finally:
        (folder / "locked").chmod(0o755)
    assert reasons["locked"].startswith("cannot read folder")


def test_txt_header_lines_give_url_and_outlet(tmp_path):
    path = write(tmp_path / "paper" / "a.txt",
                 f" date 2024-05-03\n url https://www.example.com/world/1\n outlet दैनिक समाचार\n{HINDI}")
    (article,) = read(path)
    assert (article.published, article.url, article.outlet) == (
        date(2024, 5, 3), "https://www.example.com/world/1", "दैनिक समाचार")
    assert article.text == HINDI


@pytest.mark.parametrize(("record", "outlet"), [
    ({"text": HINDI, "outlet": "Amar Ujala"}, "Amar Ujala"),
    ({"text": HINDI, "site": "navbharattimes"}, "navbharattimes"),
    ({"text": HINDI, "source_name": "Jagran"}, "Jagran"),
    ({"text": HINDI, "url": "https://www.livehindustan.com/a/1"}, "livehindustan.com"),
    ({"text": HINDI}, "feeds"),                                    # the folder it was read from
])
def test_jsonl_outlet_from_a_field_the_url_or_the_folder(tmp_path, record, outlet):
    path = write(tmp_path / "feeds" / "x.jsonl", json.dumps(record, ensure_ascii=False) + "\n")
    (article,) = read(path)
    assert article.outlet == outlet


@pytest.mark.parametrize(("text", "agency"), [
    (f"बीजिंग, 31 अगस्त (आईएएनएस)। {HINDI}", "IANS"),
    (f"नई दिल्ली, 4 मई (भाषा)। {HINDI}", "PTI"),
    (f"{HINDI}\n(साभार- चाइना मीडिया ग्रुप, पेइचिंग)", "CMG"),
    (f"{HINDI}\nSource : IANS", "IANS"),
    (HINDI, None),
])
def test_the_wire_credit_is_the_agency(tmp_path, text, agency):
    (article,) = read(write(tmp_path / "a.txt", text))
    assert article.agency == agency
