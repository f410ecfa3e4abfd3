"""Who is a side, read from the predicate's frame; one row per rule, our own sentences.

Most people are invented, so the rows test reading, not lookup. The companion table of
shapes seen on real pages is tests/test_extract_shapes.py.
"""
from __future__ import annotations

from datetime import date

import pytest

from core.extract import extract_meetings
from core.extract.reader import make_article


def extract(text: str, published: date | None = None) -> list[dict]:
    return [m.contract() for m in extract_meetings(make_article("test.txt", text, published=published))]


def pairs(records: list[dict]) -> set[tuple]:
    return {(r["china"]["name"], r["counterpart"]["name"], r["counterpart"]["country"]) for r in records}


SIDES = [
    pytest.param("राष्ट्रपति शी के विशेष दूत उप राष्ट्रपति हान ने कनाडा के प्रधानमंत्री मार्क कार्नी से भेंट की।",
                 {("हान", "मार्क कार्नी", "CAN")}, id="envoy-not-the-leader-who-sent-him"),
    pytest.param("बैठक में राष्ट्रपति शी और प्रधानमंत्री अल्बनीज़ के बीच बनी सहमति को लागू करने पर चर्चा हुई।",
                 set(), id="consensus-is-no-meeting"),
    pytest.param("चीन के वाणिज्य मंत्री ली मिंग ने पेरू के राष्ट्रपति और प्रधानमंत्री की ओर से शुभकामनाएं दीं और पेरू के "
                 "विदेश मंत्री कार्लोस रुइज़ से मुलाकात की।",
                 {("ली मिंग", "कार्लोस रुइज़", "PER")}, id="greetings-carried-are-no-side"),
    pytest.param("नेपाल में चीन के राजदूत चेन ली ने सोशल मीडिया पर बताया कि नेपाल के विदेश सचिव राम शर्मा ने चीन के उप विदेश "
                 "मंत्री सुन यान से मुलाकात की।",
                 {("सुन यान", "राम शर्मा", "NPL")}, id="the-reporter-is-no-side"),
    pytest.param("अगर वांग यी जापान के प्रधानमंत्री केंजी तनाका से मुलाकात करते हैं, तो यह पहली मुलाकात होगी।",
                 set(), id="a-condition-is-no-meeting"),
    pytest.param("मोदी और शी की मुलाकात के बाद भारत के विदेश मंत्री विनय शर्मा की चीन के विदेश मंत्री वांग यी से मुलाकात हुई और "
                 "भारत के रक्षा मंत्री अनिल राय की चीन के रक्षा मंत्री डोंग जून से मुलाकात हुई।",
                 {("शी", "मोदी", "IND"), ("वांग यी", "विनय शर्मा", "IND"), ("डोंग जून", "अनिल राय", "IND")},
                 id="three-meetings-in-one-sentence"),
    pytest.param("अमेरिकी सीनेट में बहुमत के नेता जॉन हार्पर के नेतृत्व में आए प्रतिनिधिमंडल से चीनी राष्ट्रपति शी जिनपिंग ने "
                 "मुलाकात की।", {("शी जिनपिंग", "जॉन हार्पर", "USA")}, id="delegation-leader"),
    pytest.param("केन्याई संसद के स्पीकर मोसेस ओटिएनो ने चीनी प्रधानमंत्री ली छ्यांग से मुलाकात की। इससे पहले इसी प्रतिनिधिमंडल "
                 "ने चीनी उप विदेश मंत्री सुन यान के साथ बैठक की थी।",
                 {("ली छ्यांग", "मोसेस ओटिएनो", "KEN")}, id="delegation-without-a-leader-named-as-such"),
    pytest.param("ली को राष्ट्रपति शी चिनफिंग ने विशेष दूत के रूप में भेजा है, जिन्होंने पिछले महीने यूक्रेन के राष्ट्रपति "
                 "पेत्रो कोवाल से फोन पर बात की थी।", {("शी चिनफिंग", "पेत्रो कोवाल", "UKR")}, id="relative-clause"),
    pytest.param("बिहार के राज्यपाल सुरेश वर्मा से भारत में चीन के राजदूत ली होंग ने राजभवन में मुलाकात की।",
                 {("ली होंग", "सुरेश वर्मा", "IND")}, id="state-gives-the-country"),
    pytest.param("वानुअतु में चीन के राजदूत ली मिन ने विदेश मंत्री जोनास टाबी से मुलाकात की।",
                 {("ली मिन", "जोनास टाबी", "VUT")}, id="posting-gives-the-host-country"),
    pytest.param("कोलकाता में चीन के महावाणिज्यदूत झाओ मिंग ने राज्यपाल अनंत बोस से मुलाकात की।",
                 {("झाओ मिंग", "अनंत बोस", "IND")}, id="consul-posted-in-a-city"),
    pytest.param("पेरू के विदेश मंत्री Javier González-Olaechea ने बीजिंग में चीनी विदेश मंत्री वांग यी से मुलाकात की।",
                 {("वांग यी", "Javier González-Olaechea", "PER")}, id="latin-script-name"),
    pytest.param("शी चिनफिंग ने सुवा में समोआ, टोंगा और वानुअतु के प्रधानमंत्रियों के साथ सामूहिक मुलाकात की।",
                 {("शी चिनफिंग", None, "WSM"), ("शी चिनफिंग", None, "TON"), ("शी चिनफिंग", None, "VUT")},
                 id="plural-title-one-record-per-country"),
    pytest.param("भारत के राजदूत राम शर्मा ने सोमवार को चीनी उप विदेश मंत्री सुन यान से मुलाकात की। सुन ने इस मुलाकात की "
                 "जानकारी सोशल मीडिया पर दी।", {("सुन यान", "राम शर्मा", "IND")}, id="this-meeting-told-again"),
    pytest.param("गोवा के राज्यपाल रमेश नायक और मुख्यमंत्री सुरेश देसाई से चीनी उप विदेश मंत्री सुन यान ने मुलाकात की।",
                 {("सुन यान", "रमेश नायक", "IND"), ("सुन यान", "सुरेश देसाई", "IND")}, id="coordinated-share-a-country"),
    pytest.param("चीनी रक्षा मंत्री तोंग जून और जापान के रक्षा मंत्री केंजी तनाका ने मनीला में मुलाकात की।",
                 {("तोंग जून", "केंजी तनाका", "JPN")}, id="month-word-inside-a-name"),
]


@pytest.mark.parametrize(("text", "expected"), SIDES)
def test_sides(text: str, expected: set) -> None:
    assert pairs(extract(text)) == expected


def test_other_spelling_tradition_links_to_the_gazetteer() -> None:
    records = extract("चीन के नेशनल पीपुल्स कांग्रेस के अध्यक्ष चाओ लच्ची ने पाकिस्तान के प्रधानमंत्री शहबाज़ शरीफ़ से मुलाकात की।")
    assert [r["china"]["name_en"] for r in records] == ["Zhao Leji"]


def test_earlier_meeting_is_a_record_of_its_own() -> None:
    records = extract("चीन के राष्ट्रपति शी चिनफिंग ने मंगलवार को अस्ताना में कजाखस्तान के राष्ट्रपति कसीम तोकायेव से मुलाकात की। "
                      "दोनों नेता पिछले साल मई में शीआन में भी मिले थे।", published=date(2024, 7, 3))
    got = {(r["date"], r["date_precision"], r["location"]["city"]) for r in records}
    assert got == {(None, "month", "Xi'an"), ("2024-07-02", "day", "Astana")}
    assert "earlier meeting" in next(r for r in records if r["date_precision"] == "month")["confidence_reasons"]


def test_date_of_the_sentence_before_carries_over() -> None:
    records = extract("12 मई को चीनी प्रधानमंत्री ली छ्यांग ने पेइचिंग में कई अफ्रीकी नेताओं से अलग-अलग भेंट की। ली ने टोगो के "
                      "राष्ट्रपति कोफी अमेगा से मुलाकात की।", published=date(2025, 5, 13))
    assert [(r["date"], r["date_precision"]) for r in records] == [("2025-05-12", "day")]


@pytest.mark.parametrize(("text", "reason"), [
    pytest.param("चीन के विदेश मंत्री ने पाकिस्तानी विदेश मंत्री से मुलाकात की।", "unnamed official", id="unnamed"),
    pytest.param("केन्या के विदेश मंत्री जॉन कमाऊ बीजिंग पहुंचे। उन्होंने चीनी उप विदेश मंत्री सुन यान से मुलाकात की।",
                 "side found through a pronoun", id="pronoun"),
    pytest.param("चीनी उप विदेश मंत्री सुन यान ने केन्या के विदेश मंत्री जॉन कमाऊ से मुलाकात की।",
                 "counterpart name unknown to the gazetteer", id="unknown-name"),
])
def test_confidence_names_what_lowered_it(text: str, reason: str) -> None:
    records = extract(text)
    assert records and reason in records[0]["confidence_reasons"] and records[0]["confidence"] < 1


def test_a_known_dated_meeting_is_certain() -> None:
    records = extract("चीन के राष्ट्रपति शी चिनफिंग ने 5 फरवरी 2022 को पेइचिंग में कजाकिस्तान के राष्ट्रपति कसीम-जोमार्त तोकायेव "
                      "से मुलाकात की।")
    assert [(r["confidence"], r["confidence_reasons"]) for r in records] == [(1.0, [])]


def test_se_mila_is_a_meeting() -> None:
    records = extract("बांग्लादेश की संसद अध्यक्ष करीम हुसैन रविवार को ढाका में चीनी उप मंत्री लू चाओ से मिला।")
    assert pairs(records) == {("लू चाओ", "करीम हुसैन", "BGD")}


def test_a_prize_received_is_no_meeting() -> None:
    assert extract("भारत के राजदूत राम शर्मा को चीनी विदेश मंत्री वांग यी से एक पत्र मिला।") == []


def test_the_date_of_the_next_sentence_about_the_same_people() -> None:
    records = extract("बिहार के राज्यपाल अनिल शर्मा से भारत में चीन के उप विदेश मंत्री सुन यान ने शिष्टाचार मुलाकात की। "
                      "बुधवार को श्री सुन राजभवन पहुंचे।", published=date(2016, 3, 2))
    assert [(r["date"], r["date_precision"]) for r in records] == [("2016-03-02", "day")]


def test_a_clause_ending_in_a_future_verb_is_no_meeting() -> None:
    assert extract("चीनी विदेश मंत्री ली मिंग अगले सप्ताह जापान जाएंगे और वहां प्रधानमंत्री केंजी तनाका से भेंट के अलावा "
                   "विदेश मंत्री तारो सातो से वार्ता करेंगे।") == []


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("चीनी विदेश मंत्री वांग यी की अध्यक्षता में अफगानिस्तान के विदेश मंत्री अमीर मुत्तकी और पाकिस्तान के विदेश मंत्री "
                 "इशाक डार के बीच वार्ता हुई।",
                 {("वांग यी", "अमीर मुत्तकी", "AFG"), ("वांग यी", "इशाक डार", "PAK")}, id="presided-talks"),
    pytest.param("नेपाल के प्रधानमंत्री राम थापा बुधवार को चीनी राष्ट्रपति शी चिनफिंग से मिलने पहुंचे।",
                 {("शी चिनफिंग", "राम थापा", "NPL")}, id="came-to-meet"),
    pytest.param("कतर के अमीर शेख तमीम बिन हमद अल थानी ने बीजिंग में चीनी राष्ट्रपति शी जिनपिंग से मुलाकात की।",
                 {("शी जिनपिंग", "तमीम बिन हमद अल थानी", "QAT")}, id="emir"),
])
def test_more_frames(text: str, expected: set) -> None:
    assert pairs(extract(text)) == expected


def test_state_media_summary_sentence_dates_and_places_the_meetings_after_it() -> None:
    text = ("2 सितंबर की दोपहर को, चीनी राष्ट्रपति शी चिनफिंग ने पेइचिंग में कई अफ्रीकी देशों के नेताओं के साथ अलग-अलग "
            "बैठकें कीं।\nये बैठकें शिखर सम्मेलन की तैयारी का हिस्सा थीं।\nराष्ट्रपति शी ने टोगो के राष्ट्रपति कोफी अमेगा और "
            "मलावी के राष्ट्रपति जेम्स फिरी से मुलाकात की।")
    records = extract(text, published=date(2024, 9, 3))
    assert {(r["counterpart"]["country"], r["date"], r["location"]["city"]) for r in records} == {
        ("TGO", "2024-09-02", "Beijing"), ("MWI", "2024-09-02", "Beijing")}


def test_a_chinese_name_run_together_and_a_stay_abroad() -> None:
    records = extract("अमेरिका में ठहरने के दौरान हानचंग ने अमेरिकी उपराष्ट्रपति पॉल रीड के साथ वार्ता की।")
    assert [(r["china"]["name_en"], r["counterpart"]["country"], r["location"]["country"]) for r in records] == [
        ("Han Zheng", "USA", "USA")]
