"""The filters added as declarations (free of charge, no registration, remote, event date): counts,
selection and order in the real search engine (Node), on a fixture set with a pinned today."""

from __future__ import annotations

import pytest

from tests.search_support import record, run_node, write_bundle

TODAY = 20261125          # a Wednesday
BUILT = "2026-11-23"


def _event(day, hour=18, last=None):
    return {"start": f"2026-{day}T{hour:02d}:00", "end": f"2026-{last or day}T{hour + 2:02d}:00"}


RECORDS = [
    record("local-free", title="Avoin kuntosali", municipalities=["092"], price={"free": True},
           registration={"required": False}),
    record("local-paid", title="Vesijumppa", kind="activity", municipalities=["092"], price={"free": False},
           registration={"required": True}),
    record("local-phone", title="Kriisipuhelin", nationwide=True, contacts={"phones": [{"number": "09 123 4567"}]}),
    record("local-chat", title="Nuorten chat", municipalities=["245"], channels=["chat", "online"]),
    record("local-today", title="Adventtikonsertti", kind="event", municipalities=["092"], event=_event("11-25", 19),
           price={"free": True}),
    record("local-sat", title="Joulumyyjäiset", kind="event", municipalities=["245"], event=_event("11-28", 10)),
    record("local-long", title="Valoviikko", kind="event", municipalities=["092"], event=_event("11-20", 12, "11-26")),
    record("local-later", title="Kevätkonsertti", kind="event", municipalities=["245"], event=_event("12-10", 18),
           registration={"required": False}),
    record("local-early", title="Aamutapahtuma", kind="event", municipalities=["245"], event=_event("11-28", 8)),
]


@pytest.fixture(scope="module")
def files(config, tmp_path_factory):
    folder = tmp_path_factory.mktemp("new-filters")
    bundle = write_bundle(RECORDS, config, "fi", folder, today=BUILT)
    ids = [row["id"] for chunk in bundle.chunks for row in chunk]
    return folder, ids, bundle


def run(files, states, today=TODAY):
    folder, ids, bundle = files
    answers = run_node(folder, "fi", [{"op": "search", "state": {"q": "", "filters": f}, "today": today}
                                      for f in states], today=BUILT)["answers"]
    for a in answers:
        a["ids"] = [ids[d] for d in a["docs"]]
    return answers


def counted(bundle, answer, group):
    return {v: c for (v, _label), c in zip(bundle.facets["values"][group], answer["counts"][group])}


def test_free_registration_and_remote_from_the_records(files):
    _, _, bundle = files
    assert bundle.facets["values"]["hinta"] == [["maksuton", "Maksuton"]]
    assert bundle.facets["values"]["ilmoittautuminen"] == [["ei", "Ei ilmoittautumista"]]
    assert [v for v, _ in bundle.facets["values"]["etapalvelu"]] == ["puhelin", "chat", "verkko"]
    everything, free, no_sign_up, remote, chat_in_kerava = run(files, [
        {}, {"hinta": ["maksuton"]}, {"ilmoittautuminen": ["ei"]}, {"etapalvelu": ["puhelin", "verkko"]},
        {"etapalvelu": ["chat"], "kunta": ["245"]}])
    assert counted(bundle, everything, "hinta") == {"maksuton": 2}
    assert sorted(free["ids"]) == ["local-free", "local-today"]
    assert sorted(no_sign_up["ids"]) == ["local-free", "local-later"]
    # the nationwide helpline with a phone number counts as by phone without a channels field
    assert sorted(remote["ids"]) == ["local-chat", "local-phone"]
    assert counted(bundle, everything, "etapalvelu") == {"puhelin": 1, "chat": 1, "verkko": 1}
    assert chat_in_kerava["ids"] == ["local-chat"]


def test_event_date_choices_from_a_pinned_today(files):
    _, _, bundle = files
    assert [v for v, _ in bundle.facets["values"]["aika"]] == ["tanaan", "viikonloppu", "7pv"]
    everything, today, weekend, week, chosen = run(files, [
        {}, {"aika": ["tanaan"]}, {"aika": ["viikonloppu"]}, {"aika": ["7pv"]}, {"aika": ["2026-12-01..2026-12-31"]}])
    # Wednesday 25.11.: today has the concert and the week-long event; the weekend is 28.–29.11.
    assert counted(bundle, everything, "aika") == {"tanaan": 2, "viikonloppu": 2, "7pv": 4}
    # events by start time while the filter is active, not in title order
    assert today["ids"] == ["local-long", "local-today"]
    assert weekend["ids"] == ["local-early", "local-sat"]
    assert week["ids"] == ["local-long", "local-today", "local-early", "local-sat"]
    assert chosen["ids"] == ["local-later"]
    # one choice at a time: a second value in the address is ignored
    assert run(files, [{"aika": ["tanaan", "7pv"]}])[0]["ids"] == today["ids"]


def test_weekend_seen_from_saturday_and_sunday(files):
    saturday = run(files, [{"aika": ["viikonloppu"]}], today=20261128)[0]
    sunday = run(files, [{"aika": ["viikonloppu"]}], today=20261129)[0]
    assert saturday["ids"] == ["local-early", "local-sat"] and sunday["ids"] == []


def test_kind_event_lists_events_by_start_time(files):
    events, mixed = run(files, [{"tyyppi": ["event"]}, {"tyyppi": ["service"]}])
    assert events["ids"] == ["local-long", "local-today", "local-early", "local-sat", "local-later"]
    assert mixed["ids"] == ["local-free", "local-phone", "local-chat"]   # title order (Avoin, Kriisi, Nuorten)


@pytest.mark.parametrize("value", ["2026-12-31..2026-12-01", "2026-02-30..2026-03-01", "2026-12-01", "x..y",
                                   "constructor", "__proto__", "2026-12-01..2026-12-31..2027-01-01"])
def test_bad_date_ranges_are_unknown_values(files, value):
    answer = run(files, [{"aika": [value]}])[0]
    assert answer["total"] == len(RECORDS) and answer["removals"] == []
