"""Round 12 (issue 14): classes of wrong partners and misses seen on the `far` part.

Government bodies are counterparts in one field only (an energy department is no counterpart
of a tourism bureau).
"""

from __future__ import annotations

from keruen.matching import Suggestion

from .helpers import CN, KZ, O, run


def _kinds(result: dict[str, list[Suggestion]], reader: str, partner: str) -> list[str] | None:
    for s in result[reader]:
        if s.partner_id == partner:
            return [r.kind for r in s.reasons]
    return None


def _agency(id_: str, side: str, topics: list[str]) -> O:
    return O(id=id_, side=side, kind="government", languages=["ru"], topics=topics)


def test_agencies_of_different_fields_are_no_counterparts() -> None:
    energy = _agency("energy", KZ, ["energy"])
    tourism = _agency("tourism", CN, ["tourism", "culture"])
    assert run([energy, tourism]) == {"energy": [], "tourism": []}


def test_agencies_of_one_field_are_counterparts() -> None:
    energy = _agency("energy", KZ, ["energy"])
    their_energy = _agency("their-energy", CN, ["energy", "mining_metallurgy"])
    tourism = _agency("tourism", CN, ["tourism"])
    result = run([energy, their_energy, tourism])
    assert [s.partner_id for s in result["energy"]] == ["their-energy"]
    assert "counterpart_body" in (_kinds(result, "energy", "their-energy") or [])
    # one piece of body evidence per pair, as before: the score is that of two bodies of one
    # kind and one shared topic
    assert result["energy"][0].parts["topic"] == 1 - (1 - 0.6) * (1 - 0.6)


def test_an_agency_that_names_no_field_meets_every_agency() -> None:
    unknown = _agency("unknown", KZ, [])
    energy = _agency("energy", CN, ["energy"])
    tourism = _agency("tourism", CN, ["tourism"])
    result = run([unknown, energy, tourism])
    assert sorted(s.partner_id for s in result["unknown"]) == ["energy", "tourism"]
    assert _kinds(result, "energy", "unknown") == ["counterpart_body", "shared_language"]
