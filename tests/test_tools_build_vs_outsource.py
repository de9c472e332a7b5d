"""Build-vs-outsource tool: arithmetic against hand-computed cases, defaults, validation."""

from __future__ import annotations

import doctest
import math

import pytest

from cmo_course.tools import build_vs_outsource as bvo
from cmo_course.tools.validation import InputError


def simple(**overrides):
    """Four one-year phases, one batch each, every success rate 0.5: easy to compute by hand."""
    values = dict(
        capital_cost=100,
        build_years=2,
        annual_running_cost=10,
        cost_per_batch=1,
        annual_outsourcing_fee=0,
        outsource_lead_years=1,
        success_rates=[0.5] * 4,
        phase_years=[1, 1, 1, 1],
        batches=[1, 1, 1, 1],
        discount_rate=0,
    )
    values.update(overrides)
    return bvo.example_inputs(**values)


def test_doctests_pass():
    for module in (bvo, bvo.model):
        assert doctest.testmod(module).failed == 0


def test_default_rates_are_the_bio_informa_qls_2021_rates():
    assert list(bvo.default_success_rates().values()) == [0.520, 0.289, 0.578, 0.906]
    inputs = bvo.example_inputs()
    assert inputs.success_rates == (0.520, 0.289, 0.578, 0.906)
    # The four rates multiply to the report's 7.9% likelihood of approval from Phase I.
    assert bvo.compare(inputs).probability_of_approval == pytest.approx(0.079, abs=0.0005)
    # The default phase years add up to the report's about 10.5 years from Phase I to approval.
    assert sum(p.years for p in inputs.phases) == pytest.approx(10.5)


def test_default_notes_cite_sources_and_mark_placeholders():
    notes = bvo.input_notes()
    assert "(Source: McKinsey 2014)" in notes["capital_cost"]
    assert "(Source: McKinsey 2014)" in notes["build_years"]
    for name in ("annual_running_cost", "cost_per_batch", "annual_outsourcing_fee", "outsource_lead_years"):
        assert "placeholder" in notes[name].lower()
    assert "(Source: BIO/Informa/QLS 2021)" in bvo.success_rate_notes()
    rate_notes = bvo.success_rate_notes()
    # The report gives all four rates itself: no "summaries" of it are cited.
    assert "as the report gives them" in rate_notes and "summar" not in rate_notes
    for figure in ("52.0%", "28.9%", "57.8%", "90.6%", "7.9%", "10.5"):
        assert figure in rate_notes


def test_reach_probabilities_by_hand():
    reach = bvo.reach_probabilities([0.52, 0.289, 0.578, 0.906])
    assert reach == pytest.approx([1.0, 0.52, 0.15028, 0.08686184, 0.07869682704])


def test_expected_costs_by_hand():
    inputs = simple()
    # Build: capital 100 always spent + running 10/yr x 1 year x (1 + .5 + .25 + .125).
    assert bvo.expected_cost(inputs, "build") == pytest.approx(118.75)
    # Outsource: 1 batch x 1 per phase x (1 + .5 + .25 + .125).
    assert bvo.expected_cost(inputs, "outsource") == pytest.approx(1.875)
    # A yearly fee of 2 adds 2 x 1.875 expected years.
    assert bvo.expected_cost(simple(annual_outsourcing_fee=2), "outsource") == pytest.approx(5.625)


def test_discounting_by_hand():
    # Capital 100 spread over 2 years at 10%: 50 x integral of 1.1^-t from 0 to 2 = 91.0464...
    inputs = simple(annual_running_cost=0, discount_rate=0.1)
    assert bvo.expected_cost(inputs, "build") == pytest.approx(50 * (1 - 1.1**-2) / math.log(1.1))
    assert bvo.expected_cost(inputs, "build") == pytest.approx(91.0464, abs=1e-3)
    # A plant bought at once (0 build years) is not discounted.
    assert bvo.expected_cost(simple(annual_running_cost=0, build_years=0, discount_rate=0.1), "build") == pytest.approx(
        100
    )


def test_time_to_first_batch_and_approval():
    result = bvo.compare(simple())
    assert result.build.time_to_first_batch == 2
    assert result.outsource.time_to_first_batch == 1
    assert result.build.years_to_approval_if_all_succeed == 6
    assert result.outsource.years_to_approval_if_all_succeed == 5


def test_cumulative_spend_by_hand():
    inputs = simple()
    build = bvo.cumulative_spend(inputs, "build", [0, 1, 2, 3, 4, 6, 10])
    assert build == pytest.approx([0, 50, 100, 110, 115, 118.75, 118.75])
    outsource = bvo.cumulative_spend(inputs, "outsource", [0, 1, 1.5, 2, 5])
    assert outsource == pytest.approx([0, 0, 0.5, 1, 1.875])


def test_break_even_by_hand():
    inputs = simple()
    price = bvo.break_even_cost_per_batch(inputs)
    assert price == pytest.approx(118.75 / 1.875)  # 63.33...
    at_price = simple(cost_per_batch=price)
    assert bvo.expected_cost(at_price, "outsource") == pytest.approx(bvo.expected_cost(at_price, "build"))
    # A yearly fee larger than the plant: building is cheaper even at a price of 0, so no break-even.
    huge_fee = simple(annual_outsourcing_fee=1000)
    assert bvo.break_even_cost_per_batch(huge_fee) is None
    assert "even if outsourced batches were free" in bvo.report_text(bvo.compare(huge_fee))
    # No batches: the price per batch cannot matter.
    assert bvo.break_even_cost_per_batch(simple(batches=[0, 0, 0, 0])) is None


def test_cheaper_path_and_summary():
    result = bvo.compare(simple())
    assert result.cheaper == "outsource"
    assert result.summary.startswith("Outsourcing has the lower expected cost (USD 2 vs USD 119)")
    assert "reaches a first GMP batch 1 year sooner" in result.summary
    assert "facility capital cost" in result.summary
    expensive = bvo.compare(simple(cost_per_batch=100))
    assert expensive.cheaper == "build"
    assert expensive.summary.startswith("Building has the lower expected cost")
    assert ", but outsourcing reaches a first GMP batch 1 year sooner" in expensive.summary


def test_sensitivity_by_hand():
    rows = {row.input: row for row in bvo.sensitivity(simple())}
    # Gap build - outsource = 116.875; capital +-20% moves it by -+20.
    capital = rows["capital_cost"]
    assert (capital.difference_low, capital.difference_high) == pytest.approx((96.875, 136.875))
    assert capital.swing == pytest.approx(40)
    assert rows["annual_running_cost"].swing == pytest.approx(0.4 * 18.75)
    assert rows["cost_per_batch"].swing == pytest.approx(0.4 * 1.875)
    # Without discounting, build time changes no cost.
    assert rows["build_years"].swing == pytest.approx(0)
    assert bvo.sensitivity(simple())[0].input == "capital_cost"
    assert not any(row.changes_answer for row in rows.values())


def test_sensitivity_flags_an_input_that_flips_the_answer():
    near = simple(cost_per_batch=60)  # break-even is 63.3: +20% on price makes building cheaper
    rows = {row.input: row for row in bvo.sensitivity(near)}
    assert rows["cost_per_batch"].changes_answer
    assert bvo.compare(near).cheaper == "outsource"


def test_probabilities_capped_at_one_in_sensitivity():
    rows = {row.input: row for row in bvo.sensitivity(simple(success_rates=[0.9, 0.5, 0.5, 0.5]))}
    assert rows["success_rates[0]"].high_value == 1.0


def test_text_is_converted():
    inputs = bvo.example_inputs(capital_cost="1,000,000", discount_rate="0.05")
    assert inputs.capital_cost == 1_000_000 and inputs.discount_rate == 0.05


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"capital_cost": -1}, "Facility capital cost (USD) must be between 0 and 100,000,000,000; got -1."),
        ({"cost_per_batch": "two million"}, "Outsourcing price per batch (USD) must be a number"),
        ({"annual_running_cost": None}, "Plant fixed running cost per year (USD) must be between 0"),
        ({"annual_outsourcing_fee": float("nan")}, "Outsourcing fixed cost per year (USD) must be a finite number"),
        ({"build_years": 31}, "Years to build and qualify the plant must be between 0 and 30; got 31."),
        ({"outsource_lead_years": True}, "Years until the first GMP batch at a CDMO must be between 0 and 30"),
        ({"discount_rate": 0.9}, "Discount rate per year must be between 0 and 0.5; got 0.9."),
        ({"success_rates": [1.5, 0.3, 0.5, 0.9]}, "Success rate after Phase I must be between 0 and 1; got 1.5."),
        ({"success_rates": [0.5, -0.1, 0.5, 0.9]}, "Success rate after Phase II must be between 0 and 1; got -0.1."),
        ({"success_rates": [52, 0.3, 0.5, 0.9]}, "Write a probability as a decimal, e.g. 52% as 0.52."),
        ({"success_rates": [0.5, 0.5]}, "success_rates must have 4 values"),
        (
            {"batches": {"Phase III": 2.5}},
            "GMP batches in phase (Phase III) must be a whole number between 0 and 10,000",
        ),
        (
            {"batches": {"Phase 3": 2}},
            "batches: unknown name Phase 3; use one of: Phase I, Phase II, Phase III, NDA/BLA review.",
        ),
        ({"phase_years": [1, 2, 3, -4]}, "Years in phase (NDA/BLA review) must be between 0 and 30; got -4."),
        ({"capital": 5}, "Unknown input capital; allowed inputs:"),
        ({"cost_per_batch": float("inf")}, "must be a finite number"),
    ],
)
def test_bad_inputs_name_the_input_and_range(overrides, expected):
    with pytest.raises(InputError) as caught:
        bvo.example_inputs(**overrides)
    assert expected in str(caught.value)


def test_bad_inputs_built_directly():
    base = dict(
        capital_cost=1,
        build_years=1,
        annual_running_cost=1,
        cost_per_batch=1,
        annual_outsourcing_fee=1,
        outsource_lead_years=1,
    )
    with pytest.raises(InputError, match="Phases must list at least one phase"):
        bvo.Inputs(**base, phases=(), success_rates=())
    with pytest.raises(InputError, match="Success rates must have one probability per phase"):
        bvo.Inputs(**base, phases=({"name": "Phase I", "years": 1, "batches": 1},), success_rates=(0.5, 0.5))
    with pytest.raises(InputError, match="Phase name must not be empty"):
        bvo.Phase(" ", 1, 1)
    with pytest.raises(InputError, match="compare\\(\\) needs Inputs"):
        bvo.compare({"capital_cost": 1})
    with pytest.raises(InputError, match="Path must be 'build' or 'outsource'"):
        bvo.expected_cost(simple(), "buy")
    with pytest.raises(InputError, match="Sensitivity step must be between 0 and 1"):
        bvo.sensitivity(simple(), step=2)


def test_report_cites_sources_and_shows_results():
    result = bvo.compare()
    text, html = bvo.report_text(result), bvo.report_html(result)
    for output in (text, html):
        assert result.summary.replace("'", "&#x27;") in output or result.summary in output
        assert "(Source: BIO/Informa/QLS 2021)" in output
        assert "(Source: McKinsey 2014)" in output
        assert "7.9%" in output and "52.0%" in output
        assert "Break-even" in output
    assert "<table" in html and "<script" not in html


def test_chart_has_both_paths():
    result = bvo.compare(simple())
    fig = bvo.plot(result)
    lines = [line for line in fig.axes[0].get_lines() if line.get_label() in ("Build a plant", "Outsource to a CDMO")]
    assert len(lines) == 2
    assert max(lines[0].get_ydata()) == pytest.approx(118.75 / 1e6)
    assert "USD 119" in bvo.chart_alt_text(result)
