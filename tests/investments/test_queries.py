"""The figures of the dashboards and the report, and the items behind each: every figure is the
sum of its items, the pipeline leaves dropped projects out of its totals (and shows them), a
project counts with its figure in force, and money in another currency counts in US dollars."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from keruen.demo.loader import load_demo
from keruen.events import service as event_service
from keruen.events.queries import find_participation
from keruen.investments import queries
from keruen.investments.queries import Board

from . import builders as b

pytestmark = pytest.mark.integration
DEMO = "turkestan-bayingol-2027"
PEOPLE = (
    "a.nurlanov@kz.example",
    "g.seitkali@kz.example",
    "wang.jianguo@cn.example",
    "li.na@cn.example",
)


def assert_traceable(board: Board) -> None:
    """Every figure equals the sum of its items; a count's items count one each."""
    assert board.figures
    for figure in board.figures.values():
        assert figure.value == figure.summed, figure.key
        if figure.unit == queries.COUNT:
            assert {i.value for i in figure.items} <= {1}, figure.key


@pytest.fixture
def pipeline(session: Session) -> dict[str, object]:
    solar = b.project(
        session,
        "solar-kentau",
        isic="3510",
        stages=(("idea", date(2025, 5, 1)), ("construction", date(2026, 2, 1))),
    )
    # Two public reports disagree: the later one is in force.
    b.figure(session, solar, "capex_planned", 200_000_000, currency="USD", as_of=date(2025, 5, 1))
    b.figure(session, solar, "capex_planned", 230_000_000, currency="USD", as_of=date(2026, 1, 10))
    b.figure(session, solar, "jobs_permanent_planned", 120)
    b.figure(session, solar, "jobs_construction_planned", 600)
    b.figure(session, solar, "jobs_construction_actual", 450)
    textile = b.project(
        session,
        "textile-cluster",
        names={"ru": "Текстильный кластер", "zh": "纺织产业集群", "en": "Textile cluster"},
        isic="1311",
        stages=(("idea", date(2026, 1, 5)), ("agreement_signed", date(2026, 9, 1))),
    )
    # Reported in tenge: counted through its converted amount.
    b.figure(session, textile, "capex_planned", 100_000_000_000, currency="KZT", rate="0.002")
    b.figure(session, textile, "jobs_permanent_planned", 1500)
    cotton = b.project(session, "cotton-processing", isic="1312", investor_country="KZ")
    dropped = b.project(
        session,
        "aluminium-products",
        isic="2420",
        stages=(("idea", date(2025, 3, 1)), ("dropped", date(2026, 4, 1))),
    )
    b.figure(session, dropped, "capex_planned", 50_000_000, currency="USD")
    b.figure(session, dropped, "jobs_permanent_planned", 300)
    return {"solar": solar, "textile": textile, "cotton": cotton, "dropped": dropped}


def test_the_pipeline_totals_and_what_stands_behind_them(
    session: Session, pipeline: dict[str, object]
) -> None:
    board = queries.pipeline_board(session, "en")
    assert_traceable(board)
    assert [i.ref for i in board["projects"].items] == [
        "cotton-processing",
        "solar-kentau",
        "textile-cluster",
    ]
    # 230 million (the later report) + 100 000 million tenge at 0.002 = 200 million.
    assert board["capex_planned"].value == 430_000_000
    solar = next(i for i in board["capex_planned"].items if i.ref == "solar-kentau")
    assert [(r.value, r.as_of) for r in solar.rows] == [(230_000_000, date(2026, 1, 10))]
    textile = next(i for i in board["capex_planned"].items if i.ref == "textile-cluster")
    row = textile.rows[0]
    assert (row.value, row.currency, row.usd_rate, row.usd_value, textile.value) == (
        100_000_000_000,
        "KZT",
        "0.002",
        200_000_000,
        200_000_000,
    )
    # A project without a capex figure is counted among the projects, not in the sum.
    assert [i.ref for i in board["capex_planned"].uncounted] == ["cotton-processing"]
    assert board["capex_planned"].note
    assert board["jobs.jobs_permanent_planned"].value == 1620
    assert board["jobs.jobs_construction_actual"].value == 450


def test_dropped_projects_are_out_of_the_totals_but_shown(
    session: Session, pipeline: dict[str, object]
) -> None:
    board = queries.pipeline_board(session, "en")
    refs = {i.ref for key in ("projects", "capex_planned") for i in board[key].items}
    assert "aluminium-products" not in refs
    assert [i.ref for i in board["dropped"].items] == ["aluminium-products"]
    assert board["capex_planned.dropped"].value == 50_000_000
    assert board["projects.stage.dropped"].value == 1
    # The stages of the pipeline add up to its total; sectors and countries too.
    in_pipeline = [f for f in board.family("stage") if f.category != "dropped"]
    assert sum(f.value for f in in_pipeline) == board["projects"].value == 3
    capex_stages = [f for f in board.family("stage.capex") if f.category != "dropped"]
    assert sum(f.value for f in capex_stages) == board["capex_planned"].value
    for family in ("sector", "country"):
        assert sum(f.value for f in board.family(family)) == board["projects"].value
        assert sum(f.value for f in board.family(f"{family}.capex")) == 430_000_000
    assert "24" not in {f.category for f in board.family("sector")}  # aluminium: dropped
    assert sum(f.value for f in board.family("year")) == 430_000_000


def test_sectors_countries_and_time_in_the_readers_language(
    session: Session, pipeline: dict[str, object]
) -> None:
    board = queries.pipeline_board(session, "zh")
    sectors = {f.category: f.category_label for f in board.family("sector")}
    assert set(sectors) == {"13", "35"}
    assert sectors["13"].startswith("13 ") and any("\u4e00" <= c <= "\u9fff" for c in sectors["13"])
    countries = {f.category: f.category_label for f in board.family("country")}
    assert countries == {"CN": "中国", "KZ": "哈萨克斯坦"}
    assert board["projects.country.CN"].value == 2
    # Entering a stage per year, from the stage history.
    assert [i.ref for i in board["entered.construction.2026"].items] == ["solar-kentau"]
    assert board["entered.idea.2025"].value == 1  # the solar plant; aluminium is dropped
    # Capex by the year the project entered the pipeline.
    assert board["capex_planned.year.2025"].value == 230_000_000
    assert board["capex_planned.year.2026"].value == 200_000_000
    names = {i.ref: i.label for i in board["projects"].items}
    assert names["textile-cluster"] == "纺织产业集群"


@pytest.fixture
def forum(session: Session):  # type: ignore[no-untyped-def]
    load_demo(session)
    event = event_service.get_event(session, DEMO)
    kz1, kz2, cn1, cn2 = (find_participation(session, event, key) for key in PEOPLE)
    keys = b.published_meetings(session, event, [(kz1, cn1), (kz1, cn2), (kz2, cn1)])
    return event, (kz1, kz2, cn1, cn2), keys


def test_the_event_from_requests_to_agreements(session: Session, forum) -> None:  # type: ignore[no-untyped-def]
    event, (kz1, kz2, cn1, cn2), keys = forum
    attendance = {keys[0]: "held", keys[1]: "no_show"}
    b.follow_up(session, event, keys[0], "contact", minutes=1)
    b.follow_up(session, event, keys[0], "memorandum", minutes=5)  # the newest is current
    b.follow_up(session, event, keys[2], "negotiation")
    b.agreement(session, event, kz1, cn1, kind="investment", amount=20_000_000, currency="USD")
    b.agreement(
        session, event, kz1, cn1, level="contract", kind="supply", amount=70_000_000,
        currency="CNY", rate="0.14",
    )  # fmt: skip
    b.agreement(session, event, kz2, cn2, level="letter_of_intent", kind="supply")  # no amount
    board = queries.event_board(session, event, attendance, "ru")
    assert_traceable(board)
    assert (board["requests"].value, board["accepted"].value, board["scheduled"].value) == (3, 3, 3)
    assert [board[k].value for k in ("held", "no_show", "unmarked")] == [1, 1, 1]
    assert [i.ref for i in board["held"].items] == [keys[0]]
    assert board["follow_up.memorandum"].value == 1
    assert board["follow_up.contact"].value == 0
    assert [i.ref for i in board["follow_up.negotiation"].items] == [keys[2]]
    # Three agreements; two have an amount: 20 million + 70 million yuan at 0.14 = 29.8 million.
    assert board["agreements"].value == 3
    assert board["agreements.usd"].value == 29_800_000
    assert len(board["agreements.usd"].uncounted) == 1
    assert board["agreements.kind.supply"].value == 2
    assert board["agreements.kind.supply.usd"].value == 9_800_000
    assert board["agreements.level.memorandum.usd"].value == 20_000_000
    # Both sides: the organizations at a held meeting.
    held = board["organizations_held"]
    assert held.value == 2
    per_side = {f.category: f.value for f in board.family("organizations_held")}
    assert per_side == {"KZ": 1, "CN": 1}
    assert sum(f.value for f in board.family("participants")) >= 4
