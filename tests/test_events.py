"""core.store.events: the reports of one meeting across articles become one event."""
from __future__ import annotations

from datetime import date

from core.store.events import build_events


def report(n: int, article: str, day: str | None, precision: str = "day", published: str | None = None,
           china: str = "gz:wang-yi", counterpart: str = "gz:s-jaishankar", mode: str = "in_person",
           outlet: str | None = None, city: str | None = None) -> dict:
    return {"id": f"m{n}", "article_id": article, "china_id": china, "china_name": "वांग यी",
            "counterpart_id": counterpart, "counterpart_name": "जयशंकर", "counterpart_country": "IND",
            "mode": mode, "date": date.fromisoformat(day) if day else None, "date_precision": precision,
            "city": city, "place_country": "CHN" if city else None, "topics": ["economy"],
            "outlet": outlet, "published": date.fromisoformat(published) if published else None}


def groups(reports: list[dict]) -> list[list[str]]:
    events, event_of = build_events(reports)
    by_event: dict[str, list[str]] = {}
    for rid, eid in event_of.items():
        by_event.setdefault(eid, []).append(rid)
    return sorted(sorted(ids) for ids in by_event.values())


def test_the_same_meeting_in_three_outlets_is_one_event():
    reports = [report(1, "a1", "2024-05-03", outlet="x", published="2024-05-04"),
               report(2, "a2", "2024-05-03", outlet="y", published="2024-05-04"),
               report(3, "a3", None, "weekday", outlet="z", published="2024-05-05")]
    events, _ = build_events(reports)
    assert len(events) == 1
    assert events[0]["reports"] == 3 and events[0]["outlets"] == ["x", "y", "z"]
    assert events[0]["date"] == date(2024, 5, 3) and events[0]["date_precision"] == "day"


def test_the_same_pair_on_two_days_is_two_events():
    assert groups([report(1, "a1", "2024-05-03"), report(2, "a2", "2024-06-10")]) == [["m1"], ["m2"]]


def test_two_pairs_on_one_day_are_two_events():
    assert groups([report(1, "a1", "2024-05-03"),
                   report(2, "a1", "2024-05-03", counterpart="gz:other")]) == [["m1"], ["m2"]]


def test_phone_and_in_person_are_two_events():
    assert groups([report(1, "a1", "2024-05-03"), report(2, "a2", "2024-05-03", mode="phone")]) == [["m1"], ["m2"]]


def test_an_undated_report_a_month_later_is_another_meeting():
    assert groups([report(1, "a1", "2024-05-03"),
                   report(2, "a2", None, "none", published="2024-06-20")]) == [["m1"], ["m2"]]


def test_one_articles_two_records_of_a_pair_stay_two():
    assert groups([report(1, "a1", "2024-07-02", published="2024-07-03"),
                   report(2, "a1", None, "month", published="2024-07-03")]) == [["m1"], ["m2"]]


def test_unknown_officials_join_by_country_and_name_skeleton():
    one = report(1, "a1", "2024-05-03", counterpart="IND:राम शरमा")
    two = report(2, "a2", "2024-05-03", counterpart="IND:राम शर्मा")
    one["counterpart_name"], two["counterpart_name"] = "राम शरमा", "राम शर्मा"
    assert groups([one, two]) == [["m1", "m2"]]


def test_events_say_where_reports_disagree():
    events, _ = build_events([report(1, "a1", "2024-05-03", city="Beijing"),
                              report(2, "a2", "2024-05-03", city="Shanghai"),
                              report(3, "a3", "2024-05-03", city="Beijing")])
    assert events[0]["city"] == "Beijing" and events[0]["disagreements"] == [
        "places: Beijing (CHN), Shanghai (CHN)"]


def test_ids_do_not_depend_on_input_order():
    reports = [report(n, f"a{n}", "2024-05-03") for n in range(5)]
    assert build_events(reports)[1] == build_events(list(reversed(reports)))[1]
