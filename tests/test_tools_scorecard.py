"""Partner scorecard: weighted scores by hand, knock-outs, weight effects, CSV loading errors."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from cmo_course.reference_pages import reference_labels
from cmo_course.tools import scorecard as sc
from cmo_course.tools.validation import InputError

FIXTURES = Path(__file__).parent / "fixtures" / "tools"
EXAMPLE, SAMPLE, PLACEHOLDER = (
    "Example Biologics Co. (fictional)",
    "Sample Pharma Services Ltd. (fictional)",
    "Placeholder Process Labs (fictional)",
)


def test_doctests_pass():
    for module in (sc, sc.model):
        assert doctest.testmod(module).failed == 0


def test_criteria_are_the_ten_from_the_brief():
    labels = [c.label for c in sc.criteria()]
    assert labels == [
        "Regulatory and inspection history",
        "Technology and modality fit",
        "Capacity and timeline",
        "Quality-system maturity",
        "Scale-up and tech-transfer record",
        "Financial stability",
        "Location and supply chain",
        "Communication and governance",
        "IP protection",
        "Cost and contract structure",
    ]
    assert all(c.description and c.source for c in sc.criteria())
    assert {c.source for c in sc.criteria()} <= reference_labels()


def test_sample_csv_is_fictional_and_covers_the_flags():
    candidates = sc.sample_candidates()
    assert 4 <= len(candidates) <= 5
    assert all("(fictional)" in c.name for c in candidates)
    assert {c.fda_classification for c in candidates} == {"NAI", "VAI", "OAI"}
    assert any(c.open_warning_letter for c in candidates)
    assert {c.financial_risk for c in candidates} == {"low", "medium", "high"}


def test_weighted_scores_by_hand():
    scores = {row.name: row.score for row in sc.rank(sc.sample_candidates()).rows}
    # Example: (3*5 + 2*4 + 2*2 + 3*4 + 2*4 + 1*4 + 1*3 + 1*4 + 1*4 + 2*2) / 18 = 66 / 18
    assert scores[EXAMPLE] == pytest.approx(66 / 18)
    assert scores[SAMPLE] == pytest.approx(65 / 18)
    assert scores[PLACEHOLDER] == pytest.approx(63 / 18)


def test_equal_weights_are_a_plain_average():
    candidate = sc.sample_candidates()[0]
    weights = {key: 1 for key in sc.default_weights()}
    assert sc.weighted_score(candidate, weights) == pytest.approx(sum(candidate.scores.values()) / 10)


def test_knockouts_rank_last_whatever_their_score():
    candidates = sc.sample_candidates()
    # Weight only cost: the OAI candidate has the best cost score (5) but must still rank below the rest.
    weights = {key: 0 for key in sc.default_weights()} | {"cost": 1}
    card = sc.rank(candidates, weights)
    names = [row.name for row in card.rows]
    assert names[-2:] == ["Demo Cell Therapy Works (fictional)", "Illustrative Fill-Finish Inc. (fictional)"]
    assert card.rows[-2].score == 5
    assert card.winner == SAMPLE  # cost 4 beats Example's 2
    flags = {row.name: row.knockouts for row in card.rows}
    assert "OAI" in flags["Demo Cell Therapy Works (fictional)"][0]
    assert "(Source: FDA inspection classification pages)" in flags["Demo Cell Therapy Works (fictional)"][0]
    assert "Open warning letter" in flags["Illustrative Fill-Finish Inc. (fictional)"][0]


def test_no_winner_when_every_candidate_is_knocked_out():
    oai = [c for c in sc.sample_candidates() if c.fda_classification == "OAI"]
    card = sc.rank(oai)
    assert card.winner is None
    assert "none can be recommended" in sc.report_text(card)


def test_warnings_for_financial_risk_and_483s():
    rows = {row.name: row for row in sc.rank(sc.sample_candidates()).rows}
    assert any("High financial risk" in w for w in rows[PLACEHOLDER].warnings)
    assert any("not a final agency determination" in w for w in rows[SAMPLE].warnings)
    assert rows[EXAMPLE].warnings == ()


def test_weight_effects_by_hand():
    effects = {e.criterion: e for e in sc.weight_effects(sc.sample_candidates())}
    # Example leads Sample 66 to 65. Regulatory history: Example 5, Sample 3, weight 3:
    # 66 + 5(w-3) = 65 + 3(w-3)  ->  w = 2.5.
    assert effects["regulatory_history"].lower_switch == (2.5, SAMPLE)
    assert effects["regulatory_history"].upper_switch is None
    # Modality fit: Example 4, Sample 5, weight 2: 66 + 4(w-2) = 65 + 5(w-2) -> w = 3.
    assert effects["modality_fit"].upper_switch == (3.0, SAMPLE)
    # Communication: Example 4, Placeholder 5 (63 at weight 1): 66 + 4(w-1) = 63 + 5(w-1) -> w = 4.
    assert effects["communication"].upper_switch == (4.0, PLACEHOLDER)
    assert not effects["ip_protection"].changes_winner


def test_weight_effects_agree_with_reranking():
    candidates = sc.sample_candidates()
    for effect in sc.weight_effects(candidates):
        for switch, nudge in ((effect.lower_switch, -0.01), (effect.upper_switch, 0.01)):
            if switch:
                weight, new_winner = switch
                assert sc.rank(candidates, {effect.criterion: weight + nudge}).winner == new_winner
                assert sc.rank(candidates, {effect.criterion: weight - nudge}).winner == EXAMPLE


def test_valid_csv_with_extra_columns_blank_lines_and_mixed_case():
    candidates = sc.load_candidates(FIXTURES / "valid_with_extras.csv")
    assert [c.name for c in candidates] == ["A (fictional)", "B (fictional)"]
    assert candidates[0].fda_classification == "NAI" and candidates[0].open_warning_letter is True
    assert candidates[0].financial_risk == "low" and candidates[1].fda_classification == "none"


@pytest.mark.parametrize(
    "fixture, expected",
    [
        ("missing_column.csv", "missing_column.csv: missing column 'cost' in the header (row 1)."),
        (
            "word_in_score.csv",
            "word_in_score.csv, row 3, column 'cost': must be a number (between 1 and 5); got the text 'high'.",
        ),
        (
            "score_out_of_range.csv",
            "score_out_of_range.csv, row 3, column 'tech_transfer': must be between 1 and 5; got 6.",
        ),
        (
            "unknown_classification.csv",
            "row 2, column 'fda_classification': must be one of: NAI, VAI, OAI, none; got 'XAI'.",
        ),
        ("bad_yes_no.csv", "row 2, column 'open_warning_letter': must be yes or no; got 'maybe'."),
        (
            "negative_483.csv",
            "row 2, column 'form_483_observations': must be a whole number between 0 and 1000; got -2.",
        ),
        (
            "fractional_483.csv",
            "row 2, column 'form_483_observations': must be a whole number between 0 and 1000; got '1.5'.",
        ),
        ("duplicate_name.csv", "row 3, column 'name': 'A (fictional)' appears twice"),
        ("bad_financial_risk.csv", "row 2, column 'financial_risk': must be one of: low, medium, high; got 'unknown'."),
        ("header_only.csv", "header_only.csv has a header but no candidate rows."),
        ("empty.csv", "empty.csv is empty; it needs a header row with: name,"),
        ("extra_values.csv", "extra_values.csv, row 2: more values than header columns"),
        ("empty_name.csv", "row 2, column 'name': must not be empty."),
        ("blank_score.csv", "row 2, column 'capacity_timeline': is empty; enter a number between 1 and 5."),
        ("wrong_delimiter.csv", "save the file as comma-separated CSV"),
    ],
)
def test_csv_errors_name_row_and_column(fixture, expected):
    with pytest.raises(InputError) as caught:
        sc.load_candidates(FIXTURES / fixture)
    assert expected in str(caught.value)


def test_missing_file_and_non_utf8(tmp_path):
    with pytest.raises(InputError, match="No file at .*nope.csv; check the file name"):
        sc.load_candidates(tmp_path / "nope.csv")
    binary = tmp_path / "sheet.csv"
    binary.write_bytes(b"\xff\xfe\x00n\x00a\x00m\x00e")
    with pytest.raises(InputError, match="not a UTF-8 text file; save it from your spreadsheet as .CSV UTF-8."):
        sc.load_candidates(binary)


@pytest.mark.parametrize(
    "weights, expected",
    [
        ({"cost": -1}, "Weight for Cost and contract structure must be between 0 and 10; got -1."),
        ({"cost": 11}, "Weight for Cost and contract structure must be between 0 and 10; got 11."),
        (
            {"cost": "high"},
            "Weight for Cost and contract structure must be a number (between 0 and 10); got the text 'high'.",
        ),
        ({"price": 2}, "Unknown criterion 'price' in weights; use one of: regulatory_history,"),
        ({key: 0 for key in sc.default_weights()}, "At least one weight must be more than 0."),
        ([1, 2, 3], "Weights must be a dict"),
    ],
)
def test_bad_weights(weights, expected):
    with pytest.raises(InputError) as caught:
        sc.rank(sc.sample_candidates(), weights)
    assert expected in str(caught.value)


def test_bad_candidates():
    with pytest.raises(InputError, match="No candidates to rank"):
        sc.rank([])
    with pytest.raises(InputError, match="Candidates must come from load_candidates"):
        sc.rank([{"name": "A"}])


def test_report_and_chart():
    card = sc.rank(sc.sample_candidates())
    effects = sc.weight_effects(sc.sample_candidates())
    text, html = sc.report_text(card, effects), sc.report_html(card, effects)
    for output in (text, html):
        assert f"Top candidate without a knock-out: {EXAMPLE}." in output
        assert "below 2.5 (Sample Pharma Services Ltd. (fictional) wins)" in output
        assert "Source: Course method" in output
        # The footer is true for the fictional sample and for a learner's own CSV alike.
        assert "Scores are 1-5 ratings (fictional in the course" in output
        assert "sample data; for your program, your own); weights are a starting point" in output
    assert "<table" in html
    fig = sc.plot(card)
    bars = fig.axes[0].patches
    assert [round(b.get_width(), 3) for b in bars][-1] == round(66 / 18, 3)  # best at the top
    assert sum(1 for b in bars if b.get_hatch()) == 2
    assert "(knock-out)" in sc.chart_alt_text(card)
