"""What changed between two rankings: each supplier's move, a new leader, a band change, in one line."""

from __future__ import annotations

from scorecard.changes import Standing, rank_changes


def standing(ranks: dict[str, int | None], bands: dict[str, str | None]) -> Standing:
    leader = next((name for name, rank in ranks.items() if rank == 1), None)
    return Standing(ranks, bands, leader)


BEFORE = standing(
    {"Acme": 1, "Beta": 2, "Cobalt": 3, "Delta": None},
    {"Acme": "Preferred", "Beta": "Preferred", "Cobalt": "Approved", "Delta": None},
)


def test_moves_are_places_gained_or_lost() -> None:
    after = standing(
        {"Acme": 2, "Beta": 1, "Cobalt": 3, "Delta": None},
        {"Acme": "Preferred", "Beta": "Preferred", "Cobalt": "Approved", "Delta": None},
    )
    changes = rank_changes(BEFORE, after)
    assert [changes.move_text(s) for s in ("Acme", "Beta", "Cobalt", "Delta")] == ["▼ 1", "▲ 1", "=", ""]
    assert changes.moved == 2
    assert changes.note("the previous settings") == (
        "Compared with the previous settings: the leader is now Beta (was Acme)."
    )


def test_knocked_out_and_newly_ranked_suppliers_and_band_changes() -> None:
    after = standing(
        {"Acme": 1, "Beta": None, "Cobalt": 3, "Delta": 2},
        {"Acme": "Preferred", "Beta": None, "Cobalt": "Preferred", "Delta": "Approved"},
    )
    changes = rank_changes(BEFORE, after)
    assert (changes.move_text("Beta"), changes.move_text("Delta")) == ("out", "new")
    assert changes.new_leader is None
    assert changes.note("the preset's weights") == (
        "Compared with the preset's weights: 3 suppliers changed band."
    )
    one = rank_changes(BEFORE, standing(BEFORE.ranks, {**BEFORE.bands, "Cobalt": "Preferred"}))
    assert one.note("the previous settings") == (
        "Compared with the previous settings: Cobalt moved from Approved to Preferred."
    )


def test_nothing_changed_says_nothing() -> None:
    changes = rank_changes(BEFORE, BEFORE)
    assert changes.note("the previous settings") is None and changes.moved == 0
