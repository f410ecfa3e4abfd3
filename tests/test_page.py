"""Saved news pages as text (core/extract/page.py): the byline's date, the furniture out.

The lines are our own, shaped like the headers and footers of Hindi news sites.
"""
from __future__ import annotations

from datetime import date

import pytest

from core.extract.lexicon import lexicon
from core.extract.page import clean_page
from core.extract.reader import make_article


def clean(text: str) -> tuple[date | None, str]:
    return clean_page(text, lexicon())


BODY = "बीजिंग। चीन के विदेश मंत्री ने बुधवार को केन्या के विदेश मंत्री से मुलाकात की और व्यापार पर चर्चा की।"


@pytest.mark.parametrize(("byline", "expected"), [
    pytest.param("Published : बुधवार, 3 जुलाई 2024", date(2024, 7, 3), id="published-hindi-weekday"),
    pytest.param("प्रकाशित: 18 मई 2023", date(2023, 5, 18), id="prakashit"),
    pytest.param("प्रकाशित: 5 मई 2023, 06:30 पूर्वाह्न", date(2023, 5, 5), id="prakashit-time"),
    pytest.param("Updated: 08 Jun 2024 10:05 IST", date(2024, 6, 8), id="updated-english-month"),
    pytest.param("Oct 10, 2023 | 07:15 AM", date(2023, 10, 10), id="month-day-year"),
    pytest.param("Jan 5, 2024", date(2024, 1, 5), id="bare-english"),
    pytest.param("2021-06-18 09:12:44", date(2021, 6, 18), id="iso-timestamp"),
    pytest.param("दिनांक: 12/03/2022", date(2022, 3, 12), id="indian-numeric-order"),
    pytest.param("By अमित कुमार Edited By: Publish:Thu, 06 Sep 2018 06:33 PM (IST) Updated:Fri, 07 Sep 2018",
                 date(2018, 9, 6), id="run-together-byline"),
    pytest.param("समाचार डेस्क टीमWed, 01 Mar 2017 10:33 PM", date(2017, 3, 1), id="name-glued-to-weekday"),
])
def test_byline_date(byline: str, expected: date) -> None:
    published, text = clean(f"शीर्षक: चीन और केन्या की बैठक\n{byline}\n\n{BODY}")
    assert published == expected
    assert byline not in text and BODY in text


def test_publication_wins_over_update() -> None:
    published, _ = clean(f"अपडेटेड: 20 मई 2023\nप्रकाशित: 18 मई 2023\n{BODY}")
    assert published == date(2023, 5, 18)


def test_a_date_in_the_body_is_no_byline() -> None:
    published, text = clean(f"{BODY}\nदोनों देशों के बीच 3 मई 2023 को एक समझौते पर हस्ताक्षर हुए थे और अब उसकी समीक्षा होगी।")
    assert published is None and "3 मई 2023" in text


@pytest.mark.parametrize("line", [
    "होम | देश | दुनिया | बिज़नेस | खेल",
    "ताज़ा खबर >> दुनिया >> एशिया",
    "Home » विदेश » यूरोप",
    "होम / देश / विदेश नीति",
    "Share on Facebook | Share on X | WhatsApp | ईमेल",
    "लेखक: अंतरराष्ट्रीय डेस्क",
    "टैग: चीन, केन्या, विदेश नीति",
])
def test_furniture_lines_go(line: str) -> None:
    _, text = clean(f"{line}\n{BODY}")
    assert text == BODY


def test_related_list_goes_and_the_article_resumes() -> None:
    related = "यह भी पढ़ें\n» शी जिनपिंग ने उज्बेक राष्ट्रपति से की मुलाकात\n» पुतिन और शी की बातचीत पर नजर\n"
    after = "केन्या के मंत्री ने कहा कि दोनों देश बंदरगाह परियोजना को जल्द पूरा करने पर सहमत हुए हैं।"
    _, text = clean(f"{BODY}\n{related}\n{after}")
    assert "उज्बेक" not in text and "पुतिन" not in text
    assert BODY in text and after in text


def test_comments_and_copyright_end_the_page() -> None:
    _, text = clean(f"{BODY}\nLeave a Reply\nYour email address will not be published.\n© 2024 समाचार दर्पण")
    assert text == BODY


def test_embedded_post_credit_line_goes() -> None:
    _, text = clean(f"{BODY}\n— Ministry (@handle) 27 जनवरी 2025")
    assert text == BODY


def test_reader_keeps_the_byline_date_as_publication_date() -> None:
    article = make_article("page.txt", f"होम | दुनिया | एशिया\n\nचीन और केन्या\n\nJan 5, 2024\n\n{BODY}")
    assert article.published == date(2024, 1, 5)
    assert article.text.startswith("चीन और केन्या")


def test_metadata_wins_over_the_byline() -> None:
    article = make_article("page.txt", f"Jan 5, 2024\n\n{BODY}", published=date(2024, 1, 6))
    assert article.published == date(2024, 1, 6)
