"""Extraction, one construction per row: what must be found, and what must not.

The sentences are our own; most people in them are invented (a title and a name the
gazetteer does not know) so that the rows test reading from context, not lookup.
"""
from __future__ import annotations

from datetime import date

import pytest

from core.extract import extract_meetings
from core.extract.text import cut_furniture, normalize, split_header
from core.model import Article


def extract(text: str, published: date | None = None) -> list[dict]:
    """Contract records of one article, read the way the reader reads files."""
    header_date, body = split_header(normalize(text))
    article = Article("test.txt", cut_furniture(body), published=published or header_date)
    return [m.contract() for m in extract_meetings(article)]


def pairs(records: list[dict]) -> set[tuple]:
    return {(r["china"]["name"], r["counterpart"]["name"], r["counterpart"]["country"]) for r in records}


# (text, expected {(chinese name, counterpart name, counterpart country)})
CONSTRUCTIONS = [
    pytest.param("चीनी उप विदेश मंत्री ली मिंगहुआ ने सोमवार को केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।",
                 {("ली मिंगहुआ", "जॉन कमाऊ", "KEN")}, id="china-subject-ne-se"),
    pytest.param("ब्राजील के राष्ट्रपति कार्लोस मेंडेस ने चीनी प्रधानमंत्री ली छ्यांग से भेंट की।",
                 {("ली छ्यांग", "कार्लोस मेंडेस", "BRA")}, id="china-object"),
    pytest.param("चीन के उप विदेश मंत्री झांग वेइमिंग की नेपाल के विदेश सचिव अमृत बहादुर राई से मुलाकात हुई।",
                 {("झांग वेइमिंग", "अमृत बहादुर राई", "NPL")}, id="ki-se-mulakat-hui"),
    pytest.param("चीनी रक्षा मंत्री चाओ मिंग और इंडोनेशिया के रक्षा मंत्री अहमद सुबियांतो के बीच वार्ता हुई।",
                 {("चाओ मिंग", "अहमद सुबियांतो", "IDN")}, id="aur-ke-beech-varta"),
    pytest.param("चीन के विदेश मंत्री वांग यी मंगलवार को मिस्र के विदेश मंत्री करीम हसन से मिले।",
                 {("वांग यी", "करीम हसन", "EGY")}, id="mile"),
    pytest.param("न्यूजीलैंड की प्रधानमंत्री सारा विल्सन बीजिंग में चीनी राष्ट्रपति शी चिनफिंग से मिलीं।",
                 {("शी चिनफिंग", "सारा विल्सन", "NZL")}, id="milin"),
    pytest.param("चीनी राष्ट्रपति शी जिनपिंग ने अर्जेंटीना के राष्ट्रपति रोबर्टो गोमेज़ के साथ बैठक की।",
                 {("शी जिनपिंग", "रोबर्टो गोमेज़", "ARG")}, id="baithak"),
    pytest.param("चीनी उपराष्ट्रपति हान चंग ने चिली की विदेश मंत्री मारिया लोपेज़ के साथ भेंटवार्ता की।",
                 {("हान चंग", "मारिया लोपेज़", "CHL")}, id="bhentvarta"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने फ्रांस के विदेश मंत्री पियरे दुबोआ के साथ फोन पर बातचीत की।",
                 {("वांग यी", "पियरे दुबोआ", "FRA")}, id="phone"),
    pytest.param("चीनी प्रधानमंत्री ली छ्यांग ने वीडियो लिंक के जरिए जर्मनी के चांसलर क्लाउस म्यूलर से वार्ता की।",
                 {("ली छ्यांग", "क्लाउस म्यूलर", "DEU")}, id="video"),
    pytest.param("चीनी राष्ट्रपति शी चिनफिंग ने समरकंद में उज़्बेकिस्तान के राष्ट्रपति अलीशेर करीमोव, तुर्कमेनिस्तान के "
                 "राष्ट्रपति बेर्दी अतायेव और मंगोलिया के राष्ट्रपति बातबोल्ड गनबात से अलग-अलग भेंट की।",
                 {("शी चिनफिंग", "अलीशेर करीमोव", "UZB"), ("शी चिनफिंग", "बेर्दी अतायेव", "TKM"),
                  ("शी चिनफिंग", "बातबोल्ड गनबात", "MNG")}, id="coordinated-list"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने इस्लामाबाद में पाकिस्तान के विदेश मंत्री अहसान चौधरी और अफगानिस्तान के "
                 "कार्यवाहक विदेश मंत्री नूर अहमद करीमी के साथ त्रिपक्षीय बैठक की।",
                 {("वांग यी", "अहसान चौधरी", "PAK"), ("वांग यी", "नूर अहमद करीमी", "AFG")}, id="joint-meeting"),
    pytest.param("पाकिस्तानी प्रधानमंत्री उस्मान मलिक ने बीजिंग में चीनी प्रधानमंत्री ली छ्यांग से भेंटवार्ता की।",
                 {("ली छ्यांग", "उस्मान मलिक", "PAK")}, id="nationality-adjectives"),
    pytest.param("श्रीलंका में चीनी राजदूत छी चेनहोंग ने श्रीलंका के प्रधानमंत्री अनिल परेरा से मुलाकात की।",
                 {("छी चेनहोंग", "अनिल परेरा", "LKA")}, id="chinese-ambassador-posted"),
    pytest.param("चीन के सहायक विदेश मंत्री नोंग रोंग ने चीन में म्यांमार के राजदूत क्याव मिन से मुलाकात की।",
                 {("नोंग रोंग", "क्याव मिन", "MMR")}, id="foreign-ambassador-in-china"),
    pytest.param("चीन के विदेश मंत्री ने पाकिस्तानी विदेश मंत्री से मुलाकात की।",
                 {(None, None, "PAK")}, id="both-unnamed-with-countries"),
    pytest.param("चीन के विदेश मंत्री और स्टेट काउंसलर वांग यी ने ईरान के विदेश मंत्री हुसैन अमीरी से मुलाकात की।",
                 {("वांग यी", "हुसैन अमीरी", "IRN")}, id="chained-titles"),
    pytest.param("चीनी राष्ट्रपति शी चिनफिंग के निमंत्रण पर आए वियतनाम के राष्ट्रपति ले वान थान ने चीनी प्रधानमंत्री "
                 "ली छ्यांग से मुलाकात की।",
                 {("ली छ्यांग", "ले वान थान", "VNM")}, id="inviter-is-not-a-participant"),
    pytest.param("संयुक्त राष्ट्र महासचिव एंटोनियो गुटेरेस ने बीजिंग में चीनी विदेश मंत्री वांग यी से मुलाकात की।",
                 {("वांग यी", "एंटोनियो गुटेरेस", None)}, id="international-organisation"),
    pytest.param("केन्या के विदेश मंत्री जॉन कमाऊ ने चीनी विदेश मंत्री वांग यी से मुलाकात करने के बाद पत्रकारों से कहा कि "
                 "दोनों देश व्यापार बढ़ाएंगे।", {("वांग यी", "जॉन कमाऊ", "KEN")}, id="after-meeting"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने अपने रूसी समकक्ष सर्गेई लावरोव से टेलीफोन पर बात की।",
                 {("वांग यी", "सर्गेई लावरोव", "RUS")}, id="counterpart-word-with-name"),
    pytest.param("भारत के विदेश मंत्री डॉ. एस. जयशंकर ने चीन के विदेश मंत्री वांग यी से मुलाकात की।",
                 {("वांग यी", "एस. जयशंकर", "IND")}, id="honorific-and-initials"),
    pytest.param("चीनी राष्ट्रपति शी चिनफिंग ने फोन कर रूसी राष्ट्रपति व्लादिमीर पुतिन को जन्मदिन की बधाई दी।",
                 {("शी चिनफिंग", "व्लादिमीर पुतिन", "RUS")}, id="phone-call-with-greetings"),
    pytest.param("राष्ट्रपति शी ने पेइचिंग में कजाकिस्तान के राष्ट्रपति अली नूरलान से मुलाकात की।",
                 {("शी", "अली नूरलान", "KAZ")}, id="leader-by-one-word-name-after-title"),
    pytest.param("जॉन कमाऊ, केन्या के विदेश मंत्री, ने बीजिंग में चीनी विदेश मंत्री वांग यी से मुलाकात की।",
                 {("वांग यी", "जॉन कमाऊ", "KEN")}, id="title-after-name-commas"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने जॉन कमाऊ (केन्या के विदेश मंत्री) से मुलाकात की।",
                 {("वांग यी", "जॉन कमाऊ", "KEN")}, id="title-after-name-brackets"),
    pytest.param("ली मिंग, जो चीन के उप विदेश मंत्री हैं, ने केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।",
                 {("ली मिंग", "जॉन कमाऊ", "KEN")}, id="title-after-name-relative-clause"),
    pytest.param("कजान में मोदी-शी मुलाकात हुई, सीमा पर शांति पर जोर।",
                 {("शी", "मोदी", "IND")}, id="hyphenated-leaders"),
    pytest.param("चीनी राजदूत देंग ली ने जापान के विदेश मंत्री तोशिमित्सू मोतेगी से मुलाकात की।",
                 {("देंग ली", "तोशिमित्सू मोतेगी", "JPN")}, id="name-ending-like-a-future-verb"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने बोस्निया और हर्ज़ेगोविना के विदेश मंत्री एल्मेदिन कोनाकोविच से मुलाकात की।",
                 {("वांग यी", "एल्मेदिन कोनाकोविच", "BIH")}, id="country-name-with-aur"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने सूडान के राजदूत अमीना युसुफ और चाड के राजदूत अमीना युसुफ से मुलाकात की।",
                 {("वांग यी", "अमीना युसुफ", "SDN"), ("वांग यी", "अमीना युसुफ", "TCD")}, id="namesakes-of-two-countries"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने केन्या के विदेश मंत्री जॉन कमाऊ से पहले भी मुलाकात की थी।",
                 {("वांग यी", "जॉन कमाऊ", "KEN")}, id="met-before"),
    pytest.param("चीनी राष्ट्रपति शी चिनफिंग ने पेइचिंग में पाकिस्तान के प्रधानमंत्री उस्मान मलिक का स्वागत किया और उनके साथ "
                 "वार्ता की।", {("शी चिनफिंग", "उस्मान मलिक", "PAK")}, id="welcomed-and-talked"),
]


@pytest.mark.parametrize("text,expected", CONSTRUCTIONS)
def test_construction_is_found(text, expected):
    assert pairs(extract(text)) == expected


NOT_MEETINGS = [
    pytest.param("चीनी राष्ट्रपति शी चिनफिंग अगले सप्ताह रूसी राष्ट्रपति व्लादिमीर पुतिन से मुलाकात करेंगे।", id="planned"),
    pytest.param("चीनी विदेश मंत्री वांग यी की शुक्रवार को भारत के विदेश मंत्री एस जयशंकर से मुलाकात होने की उम्मीद है।",
                 id="expected"),
    pytest.param("चीनी राष्ट्रपति शी चिनफिंग की जापान यात्रा और जापान के प्रधानमंत्री तारो सातो से मुलाकात स्थगित कर दी गई है।",
                 id="postponed"),
    pytest.param("चीनी प्रधानमंत्री ली छ्यांग और जापान के प्रधानमंत्री तारो सातो के बीच अगले महीने वार्ता होगी।",
                 id="future-talks"),
    pytest.param("चीनी राष्ट्रपति शी चिनफिंग और फ्रांस के राष्ट्रपति जां मार्तें की मुलाकात रद्द कर दी गई।", id="cancelled"),
    pytest.param("चीनी राष्ट्रपति शी चिनफिंग ने श्रीलंका के राष्ट्रपति रवि कुमार को बधाई संदेश भेजा।", id="message"),
    pytest.param("चीनी राष्ट्रपति शी चिनफिंग ने तुर्की के राष्ट्रपति को शोक तार भेजकर संवेदना व्यक्त की।", id="telegram"),
    pytest.param("चीनी विदेश मंत्रालय के प्रवक्ता लिन च्येन ने कहा कि चीन भारत के साथ वार्ता जारी रखेगा।",
                 id="spokesperson"),
    pytest.param("भारत के विदेश मंत्री एस जयशंकर ने नई दिल्ली में रूस के विदेश मंत्री सर्गेई लावरोव से मुलाकात की।",
                 id="no-chinese-side"),
    pytest.param("चीनी राष्ट्रपति शी चिनफिंग ने पेइचिंग में ओलंपिक पदक विजेता खिलाड़ियों से मुलाकात की।",
                 id="chinese-citizens"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने पत्रकार वार्ता में कहा कि पाकिस्तान के प्रधानमंत्री उस्मान मलिक अच्छे मित्र हैं।",
                 id="press-conference"),
    pytest.param("कोरोना की भेंट चढ़ा चीन का व्यापार, पाकिस्तानी राजदूत अली हसन ने चिंता जताई।", id="bhent-chadhna"),
    pytest.param("ताइवान की राष्ट्रपति लिन मेई ने अमेरिकी प्रतिनिधि सभा के स्पीकर जॉन स्मिथ से मुलाकात की, चीन ने विरोध किया।",
                 id="taiwan-and-us-no-chinese-side"),
    pytest.param("चीन के पूर्व विदेश मंत्री ली चाओशिंग ने पाकिस्तानी राजदूत अली हसन से मुलाकात की।",
                 id="former-official"),
    pytest.param("शी चिनफिंग ने ब्राजील के राष्ट्रपति कार्लोस मेंडेस को चीन आने का निमंत्रण दिया।", id="invitation"),
    pytest.param("चीन के राष्ट्रपति शी चिनफिंग ने हांगकांग के मुख्य कार्यकारी जॉन ली से मुलाकात की।", id="hong-kong-is-china"),
    pytest.param("चीनी राजदूत ने कहा कि वह पाकिस्तान के प्रधानमंत्री से मुलाकात नहीं करेंगे।", id="denied"),
]


@pytest.mark.parametrize("text", NOT_MEETINGS)
def test_not_a_meeting(text):
    assert extract(text) == []


def test_furniture_after_the_article_yields_nothing():
    text = ("चीन ने व्यापार घाटे पर चिंता जताई।\nसंबंधित खबरें\n"
            "शी चिनफिंग ने कजाकिस्तान के राष्ट्रपति तोकायेव से की भेंटवार्ता\n")
    assert extract(text) == []


# (text, publication date, expected (date, precision, weekday))
DATES = [
    pytest.param("चीनी विदेश मंत्री वांग यी ने 16 अप्रैल 2024 को केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।", None,
                 ("2024-04-16", "day", "tuesday"), id="day-month-year"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने 16 अप्रैल को केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।", date(2024, 4, 18),
                 ("2024-04-16", "day", "tuesday"), id="day-month-year-from-publication"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने 28 दिसंबर को केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।", date(2024, 1, 3),
                 ("2023-12-28", "day", "thursday"), id="december-meeting-january-article"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने १६ अप्रैल २०२४ को केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।", None,
                 ("2024-04-16", "day", "tuesday"), id="devanagari-digits"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने 5 फरवरी को 2022 शीतकालीन ओलंपिक के लिए आए केन्या के विदेश मंत्री जॉन कमाऊ "
                 "से मुलाकात की।", None, ("2022-02-05", "day", "saturday"), id="year-in-same-sentence"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने बुधवार को केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।", None,
                 (None, "weekday", "wednesday"), id="weekday-unresolved"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने बुधवार को केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।", date(2024, 4, 19),
                 ("2024-04-17", "day", "wednesday"), id="weekday-resolved"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने पिछले शुक्रवार को केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।",
                 date(2024, 4, 19), ("2024-04-12", "day", "friday"), id="last-friday-on-a-friday"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने कल केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।", date(2024, 4, 19),
                 ("2024-04-18", "day", "thursday"), id="kal-is-yesterday"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने 12 तारीख को केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।", date(2024, 4, 13),
                 ("2024-04-12", "day", "friday"), id="day-of-month-tarikh"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने 30 तारीख को केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।", date(2024, 4, 2),
                 ("2024-03-30", "day", "saturday"), id="tarikh-of-last-month"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने दो दिन पहले केन्या के विदेश मंत्री जॉन कमाऊ से बात की थी।", date(2024, 4, 19),
                 ("2024-04-17", "day", "wednesday"), id="two-days-ago"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने जून में केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की थी।", date(2024, 8, 1),
                 (None, "month", None), id="month-only"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने पिछले सप्ताह केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।", date(2024, 8, 1),
                 (None, "none", None), id="last-week"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।", date(2024, 8, 1),
                 (None, "none", None), id="no-date-said"),
    pytest.param(" date 2024-03-09 बीजिंग, 9 मार्च (आईएएनएस)। चीनी विदेश मंत्री वांग यी ने केन्या के विदेश मंत्री "
                 "जॉन कमाऊ से मुलाकात की।", None, ("2024-03-09", "day", "saturday"), id="lead-sentence-takes-dateline"),
]


@pytest.mark.parametrize("text,published,expected", DATES)
def test_date(text, published, expected):
    (record,) = extract(text, published)
    assert (record["date"], record["date_precision"], record["weekday"]) == expected


# (text, expected (city, country, mode))
PLACES = [
    pytest.param("चीनी विदेश मंत्री वांग यी ने बीजिंग में केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।",
                 ("Beijing", "CHN", "in_person"), id="city"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने पेइचिंग के जन बृहद भवन में केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।",
                 ("Beijing", "CHN", "in_person"), id="venue-cmg-spelling"),
    pytest.param("चीन में नेपाल के राजदूत राम शर्मा ने चीनी उप विदेश मंत्री सुन वेइतोंग से मुलाकात की।",
                 (None, "CHN", "in_person"), id="ambassador-posting"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने केन्या के विदेश मंत्री जॉन कमाऊ से फोन पर बात की।",
                 (None, None, "phone"), id="phone-has-no-place"),
    pytest.param("चीनी विदेश मंत्री वांग यी ने केन्या के विदेश मंत्री जॉन कमाऊ के साथ वर्चुअल बैठक की।",
                 (None, None, "video"), id="virtual-meeting"),
    pytest.param("चीन की राजकीय यात्रा पर आए केन्या के राष्ट्रपति जॉन कमाऊ ने चीनी प्रधानमंत्री ली छ्यांग से मुलाकात की।",
                 (None, "CHN", "in_person"), id="visit-country"),
    pytest.param("नई दिल्ली, 9 मार्च (भाषा)। चीन के विदेश मंत्री वांग यी ने भारत के विदेश मंत्री विनय शर्मा से मुलाकात की।",
                 ("New Delhi", "IND", "in_person"), id="dateline-city"),
    pytest.param("जकार्ता, 14 जुलाई (भाषा)। भारत के विदेश मंत्री विनय शर्मा ने यहां चीन के विदेश मंत्री वांग यी से मुलाकात की।",
                 ("Jakarta", "IDN", "in_person"), id="yahan-is-the-dateline"),
]


def test_a_later_meeting_without_place_is_where_the_visit_is():
    text = ("काठमांडू (एजेंसी)। नेपाल के प्रधानमंत्री राम शर्मा ने बीजिंग में चीनी प्रधानमंत्री ली छ्यांग के साथ वार्ता की।\n"
            "राम शर्मा ने चीनी राष्ट्रपति शी चिनफिंग से भी मुलाकात की।")
    assert {r["china"]["name"]: r["location"]["city"] for r in extract(text)} == {
        "ली छ्यांग": "Beijing", "शी चिनफिंग": "Beijing"}


@pytest.mark.parametrize("text,expected", PLACES)
def test_place_and_mode(text, expected):
    (record,) = extract(text)
    assert (record["location"]["city"], record["location"]["country"], record["mode"]) == expected


def test_surname_and_spelling_variants_resolve_to_one_person():
    text = ("चीनी विदेश मंत्री वांग यी ने सोमवार को ताजिकिस्तान के विदेश मंत्री सिराजुद्दीन मुहरिद्दीन से मुलाकात की।\n"
            "मुहरिद्दीन ने कहा कि ताजिकिस्तान आतंकवाद के खिलाफ सहयोग बढ़ाना चाहता है।\n"
            "वांग ने कहा कि चीन ताजिकिस्तान के साथ व्यापार बढ़ाने को तैयार है। वांग और मुहरीद्दीन ने ऊर्जा पर भी बातचीत की।")
    records = extract(text)
    assert pairs(records) == {("वांग यी", "सिराजुद्दीन मुहरिद्दीन", "TJK")}
    assert {"security", "economy", "energy"} <= set(records[0]["topics"])


def test_unnamed_chinese_counterpart_takes_the_other_side_role():
    (record,) = extract("भारत के विदेश मंत्री विनय शर्मा ने अपने चीनी समकक्ष के साथ फोन पर बात की।")
    assert record["china"]["name"] is None and record["china"]["role"] == "foreign_minister"
    assert record["counterpart"]["country"] == "IND" and record["mode"] == "phone"


def test_named_counterpart_holds_the_other_sides_office():
    (record,) = extract("चीन के विदेश मंत्री वांग यी ने अपने भारतीय समकक्ष विनय शर्मा से फोन पर बात की।")
    assert record["counterpart"]["name"] == "विनय शर्मा" and record["counterpart"]["country"] == "IND"
    assert record["counterpart"]["role"] == "foreign_minister"


def test_pronoun_refers_to_the_official_just_named():
    text = ("चीनी विदेश मंत्री वांग यी सोमवार को नई दिल्ली पहुंचे। "
            "भारत के विदेश मंत्री विनय शर्मा ने शाम को उनके साथ व्यापक बातचीत की।")
    (record,) = extract(text)
    assert (record["china"]["name"], record["counterpart"]["name"]) == ("वांग यी", "विनय शर्मा")
    assert record["location"]["city"] == "New Delhi"


def test_topics_come_from_the_meetings_own_passage():
    text = ("चीनी राष्ट्रपति शी चिनफिंग ने केन्या के राष्ट्रपति जॉन कमाऊ से मुलाकात की। दोनों ने व्यापार पर चर्चा की।\n"
            "चीनी प्रधानमंत्री ली छ्यांग ने मिस्र के प्रधानमंत्री करीम हसन से मुलाकात की। ली ने जलवायु परिवर्तन पर बात की।")
    topics = {r["counterpart"]["country"]: set(r["topics"]) for r in extract(text)}
    assert topics == {"KEN": {"economy"}, "EGY": {"environment"}}


def test_same_day_is_the_day_of_the_meeting_before():
    text = ("चीनी राष्ट्रपति शी चिनफिंग ने 12 मई 2024 को पेइचिंग में केन्या के राष्ट्रपति जॉन कमाऊ से मुलाकात की।\n"
            "उसी दिन चीनी प्रधानमंत्री ली छ्यांग ने भी कमाऊ से भेंट की।")
    dates = {r["china"]["name"]: (r["date"], r["date_precision"]) for r in extract(text)}
    assert dates == {"शी चिनफिंग": ("2024-05-12", "day"), "ली छ्यांग": ("2024-05-12", "day")}


def test_names_read_in_latin_and_linked_to_english():
    (record,) = extract("चीनी राष्ट्रपति शी चिनफिंग ने केन्या के राष्ट्रपति जॉन कमाऊ से मुलाकात की।")
    assert record["china"]["name_en"] == "Xi Jinping"
    assert record["counterpart"]["name_latin"] == "Jon Kamau" and record["counterpart"]["name_en"] is None


def test_generic_title_does_not_hide_the_office_held_that_year():
    text = (" date 2024-06-10 सीपीसी केंद्रीय समिति के राजनीतिक ब्यूरो के सदस्य और केंद्रीय विदेश मामलों के आयोग के "
            "कार्यालय के निदेशक वांग यी ने केन्या के राष्ट्रपति जॉन कमाऊ से मुलाकात की।")
    (record,) = extract(text)
    assert (record["china"]["name_en"], record["china"]["role"]) == ("Wang Yi", "foreign_minister")
