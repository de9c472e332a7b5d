"""Build a GMP plant or outsource to a CDMO? A simple risk-adjusted cost model (the computation only).

The text and HTML report (`report`), the chart (`chart`) and the notebook form (`form`) sit beside
this module and import it; this module imports none of them.

The model (every number is an editable input; defaults in `tools/data/build_vs_outsource.yaml`):

- The program runs through phases in order (default: Phase I, Phase II, Phase III, NDA/BLA review),
  each lasting some years and needing some GMP batches. The first phase starts when the first GMP
  batch is available.
- The chance of *reaching* a phase is the product of the success rates of the phases before it
  (defaults: BIO/Informa/QLS 2021 rates 0.520, 0.289, 0.578, 0.906; see `success_rate_notes()`).
  If the program stops, later costs are not spent.
- **Build**: the capital cost is spent evenly over the years to build and qualify (always spent: it
  comes before Phase I); the first GMP batch is ready when the build ends; then a fixed running cost
  is paid per year for each phase the program reaches. No resale value is counted.
- **Outsource**: the first GMP batch is ready after a lead time (slot wait, tech transfer); then each
  phase the program reaches costs its batches times the price per batch, plus a fixed yearly fee.
- **Expected cost** of a path = sum over cost items of (probability of reaching it) x (its cost).
  Each item is spread evenly over its years; with a discount rate r, money spent at year t counts
  (1 + r)^-t (integrated over the item's years).
- **Break-even**: the outsourcing price per batch at which both paths cost the same in expectation.
- **Sensitivity**: each input moved by -20% and +20% alone (probabilities capped at 1); the input
  that moves (expected build cost - expected outsourcing cost) most is the main driver.

>>> result = compare(example_inputs())
>>> result.cheaper
'outsource'
>>> round(result.probability_of_approval, 3)
0.079
>>> compare(example_inputs(capital_cost=-1))
Traceback (most recent call last):
...
cmo_course.tools.validation.InputError: Facility capital cost (USD) must be between 0 and 100,000,000,000; got -1.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace

from ..data import load_yaml
from ..validation import InputError, as_instance, as_number, as_probability, as_sequence, as_text

DATA_FILE = "build_vs_outsource.yaml"
SOURCE_RATES = "BIO/Informa/QLS 2021"
SOURCE_PLANT = "McKinsey 2014"
SENSITIVITY_STEP = 0.20

# Allowed range of each number input: (label, minimum, maximum). The form's boxes are unbounded: a
# value outside these gets the model's message, never a clamped value.
LIMITS = {
    "capital_cost": ("Facility capital cost (USD)", 0.0, 1e11),
    "build_years": ("Years to build and qualify the plant", 0.0, 30.0),
    "annual_running_cost": ("Plant fixed running cost per year (USD)", 0.0, 1e10),
    "cost_per_batch": ("Outsourcing price per batch (USD)", 0.0, 1e10),
    "annual_outsourcing_fee": ("Outsourcing fixed cost per year (USD)", 0.0, 1e10),
    "outsource_lead_years": ("Years until the first GMP batch at a CDMO", 0.0, 30.0),
    "discount_rate": ("Discount rate per year", 0.0, 0.5),
    "phase_years": ("Years in phase", 0.0, 30.0),
    "batches": ("GMP batches in phase", 0, 10000),
}


@dataclass(frozen=True)
class Phase:
    """One development phase: its name, length in years, and GMP batches it needs."""

    name: str
    years: float
    batches: int

    def __post_init__(self):
        name = as_text("Phase name", self.name)
        object.__setattr__(self, "name", name)
        label, low, high = LIMITS["phase_years"]
        object.__setattr__(self, "years", as_number(f"{label} ({name})", self.years, low, high))
        label, low, high = LIMITS["batches"]
        object.__setattr__(self, "batches", as_number(f"{label} ({name})", self.batches, low, high, integer=True))


@dataclass(frozen=True)
class Inputs:
    """Everything the model needs. Values are checked (and text like "1,000" converted) on creation.

    `success_rates[k]` is the probability of moving past `phases[k]` (to the next phase, or to
    approval after the last one).
    """

    capital_cost: float
    build_years: float
    annual_running_cost: float
    cost_per_batch: float
    annual_outsourcing_fee: float
    outsource_lead_years: float
    phases: tuple = ()
    success_rates: tuple = ()
    discount_rate: float = 0.0

    def __post_init__(self):
        for name, (label, low, high) in LIMITS.items():
            if name in ("phase_years", "batches"):
                continue
            object.__setattr__(self, name, as_number(label, getattr(self, name), low, high))
        phases = tuple(_phase(p) for p in as_sequence("Phases", self.phases, "phases (name, years, batches)"))
        if not phases:
            raise InputError("Phases must list at least one phase (name, years, batches).")
        object.__setattr__(self, "phases", phases)
        rates = tuple(as_sequence("Success rates", self.success_rates, "probabilities, one per phase"))
        if len(rates) != len(phases):
            raise InputError(f"Success rates must have one probability per phase ({len(phases)}); got {len(rates)}.")
        checked = tuple(as_probability(f"Success rate after {p.name}", r) for p, r in zip(phases, rates, strict=True))
        object.__setattr__(self, "success_rates", checked)


def _phase(item) -> Phase:
    if isinstance(item, Phase):
        return item
    if not isinstance(item, dict) or set(item) - {"name", "years", "batches"}:
        raise InputError(f"Each phase must be a Phase or a dict with name, years and batches; got {item!r}.")
    return Phase(item.get("name"), item.get("years"), item.get("batches"))


def check_inputs(inputs, caller: str = "The tool") -> Inputs:
    """`inputs` if it is an `Inputs`; otherwise an InputError saying how to make one."""
    if isinstance(inputs, Inputs):
        return inputs
    raise InputError(
        f"{caller} needs Inputs: make them with example_inputs(...), e.g. "
        f"bvo.compare(bvo.example_inputs(capital_cost=50e6)); got {type(inputs).__name__} {repr(inputs)[:60]}."
    )


def check_comparison(result) -> Comparison:
    """`result` if it is a `Comparison`; otherwise an InputError saying how to get one."""
    return as_instance(
        "The comparison", result, Comparison, "the result of compare(...), e.g. compare(example_inputs())"
    )


@dataclass(frozen=True)
class PathResult:
    """Results for one path ("build" or "outsource")."""

    path: str
    expected_cost: float
    time_to_first_batch: float
    years_to_approval_if_all_succeed: float


@dataclass(frozen=True)
class SensitivityRow:
    """How (expected build cost - expected outsourcing cost) moves when one input moves +-20%."""

    input: str
    label: str
    low_value: float
    high_value: float
    difference_low: float
    difference_high: float
    swing: float
    changes_answer: bool


@dataclass(frozen=True)
class Comparison:
    """The answer `compare()` gives; `summary` is one plain-language sentence."""

    inputs: Inputs
    build: PathResult
    outsource: PathResult
    reach_probabilities: tuple  # ((stage name, probability of reaching it), ...), ending with approval
    probability_of_approval: float
    cheaper: str  # "build", "outsource" or "tie"
    break_even_cost_per_batch: float | None
    sensitivity: tuple = field(default=())
    main_driver: str = ""
    summary: str = ""


# ---------------------------------------------------------------- defaults


def success_rate_notes() -> str:
    """Where the default success rates come from, and how firm each is."""
    return load_yaml(DATA_FILE)["success_rates"]["note"]


def default_success_rates() -> dict:
    """Default phase-transition probabilities, {"Phase I to Phase II": 0.52, ...}.

    >>> default_success_rates()["Phase II to Phase III"]
    0.289
    """
    return {t["label"]: t["rate"] for t in load_yaml(DATA_FILE)["success_rates"]["transitions"]}


def input_notes() -> dict:
    """For each default cost input, a note on where it comes from (or that it is a placeholder)."""
    return {name: item["note"] for name, item in load_yaml(DATA_FILE)["costs"].items()}


def example_inputs(**overrides) -> Inputs:
    """The default inputs, with any field replaced, e.g. `example_inputs(capital_cost=50e6)`.

    `batches` and `phase_years` may be given as a list (one per phase) or a dict by phase name;
    `success_rates` as a list or a dict by transition label (see `default_success_rates()`).

    >>> example_inputs(batches={"Phase III": 10}).phases[2].batches
    10
    """
    data = load_yaml(DATA_FILE)
    values = {name: item["value"] for name, item in data["costs"].items()}
    phases = [dict(p) for p in data["phases"]]
    rates = default_success_rates()
    for key in ("batches", "phase_years"):
        if key in overrides:
            _override_phases(phases, key, overrides.pop(key))
    if "success_rates" in overrides:
        given = overrides.pop("success_rates")
        rates = _merge_named(rates, given, "success_rates")
    unknown = set(overrides) - {f.name for f in fields(Inputs)}
    if unknown:
        allowed = ", ".join(sorted({f.name for f in fields(Inputs)} | {"batches", "phase_years"}))
        raise InputError(f"Unknown input {', '.join(sorted(unknown))}; allowed inputs: {allowed}.")
    values.update(overrides)
    values.setdefault("phases", tuple(phases))
    values.setdefault("success_rates", tuple(rates.values()))
    return Inputs(**values)


def _override_phases(phases: list, key: str, given) -> None:
    field_name = "years" if key == "phase_years" else "batches"
    current = {p["name"]: p[field_name] for p in phases}
    merged = _merge_named(current, given, key)
    for phase in phases:
        phase[field_name] = merged[phase["name"]]


def _merge_named(current: dict, given, input_name: str) -> dict:
    merged = dict(current)
    if not isinstance(given, (dict, list, tuple)):
        raise InputError(
            f"{input_name} must be a list of {len(current)} values ({', '.join(current)}) or a dict by name; "
            f"got {type(given).__name__} {given!r}."
        )
    if isinstance(given, dict):
        unknown = set(given) - set(current)
        if unknown:
            raise InputError(
                f"{input_name}: unknown name {', '.join(sorted(map(str, unknown)))}; use one of: {', '.join(current)}."
            )
        merged.update(given)
    else:
        given = list(given)
        if len(given) != len(current):
            raise InputError(f"{input_name} must have {len(current)} values ({', '.join(current)}); got {len(given)}.")
        merged = dict(zip(current, given, strict=True))
    return merged


# ---------------------------------------------------------------- arithmetic


def reach_probabilities(success_rates) -> list[float]:
    """Probability of reaching each phase, then of approval: [1, p1, p1*p2, ..., p1*...*pn].

    >>> [round(p, 4) for p in reach_probabilities([0.5, 0.5])]
    [1.0, 0.5, 0.25]
    """
    rates = as_sequence("Success rates", success_rates, "probabilities")
    probabilities = [1.0]
    for index, rate in enumerate(rates, start=1):
        probabilities.append(probabilities[-1] * as_probability(f"Success rate {index}", rate))
    return probabilities


def cost_items(inputs: Inputs, path: str) -> list[tuple[float, float, float]]:
    """The path's expected cost items as (start year, years, expected amount), probability included."""
    inputs = check_inputs(inputs)
    path = _check_path(path)
    reach = reach_probabilities(inputs.success_rates)
    items = []
    if path == "build":
        items.append((0.0, inputs.build_years, inputs.capital_cost))
        start = inputs.build_years
    else:
        start = inputs.outsource_lead_years
    for phase, probability in zip(inputs.phases, reach[:-1], strict=True):
        if path == "build":
            amount = inputs.annual_running_cost * phase.years
        else:
            amount = inputs.cost_per_batch * phase.batches + inputs.annual_outsourcing_fee * phase.years
        items.append((start, phase.years, probability * amount))
        start += phase.years
    return items


def spent_by(items, year: float, rate: float = 0.0) -> float:
    """Cumulative (discounted) spend of cost items up to `year`; each item spread evenly over its years."""
    year = as_number("Year", year)
    label, low, high = LIMITS["discount_rate"]
    return _spent_by(_check_items(items), year, as_number(label, rate, low, high))


def _spent_by(items, year: float, rate: float) -> float:
    total = 0.0
    for start, years, amount in items:
        if year < start or amount == 0:
            continue
        if years == 0:
            total += amount * (1 + rate) ** -start
            continue
        end = min(year, start + years)
        total += amount / years * _discount_integral(start, end, rate)
    return total


def _check_items(items) -> list[tuple[float, float, float]]:
    checked = []
    for item in as_sequence("Cost items", items, "(start year, years, amount) tuples"):
        if not isinstance(item, (list, tuple)) or len(item) != 3:
            raise InputError(f"Each cost item must be (start year, years, amount); got {item!r}.")
        start, years, amount = item
        checked.append(
            (
                as_number("Cost item start year", start),
                as_number("Cost item years", years, 0.0),
                as_number("Cost item amount", amount),
            )
        )
    return checked


def _discount_integral(start: float, end: float, rate: float) -> float:
    """Integral of (1 + rate)^-t from start to end (equals end - start when rate is 0)."""
    if rate == 0:
        return end - start
    log = math.log1p(rate)
    return ((1 + rate) ** -start - (1 + rate) ** -end) / log


def expected_cost(inputs: Inputs, path: str) -> float:
    """Expected (risk-adjusted, discounted if a rate is set) total cost of "build" or "outsource".

    >>> inputs = example_inputs(capital_cost=100, annual_running_cost=10, cost_per_batch=1,
    ...     annual_outsourcing_fee=0, success_rates=[0.5, 0.5, 0.5, 0.5],
    ...     phase_years=[1, 1, 1, 1], batches=[1, 1, 1, 1])
    >>> expected_cost(inputs, "build")  # 100 + 10 * (1 + 0.5 + 0.25 + 0.125)
    118.75
    >>> expected_cost(inputs, "outsource")  # 1 * (1 + 0.5 + 0.25 + 0.125)
    1.875
    """
    items = cost_items(inputs, path)
    end = max(start + years for start, years, _ in items)
    return _spent_by(items, end, inputs.discount_rate)


def timeline_end(inputs: Inputs) -> float:
    """The year by which both paths have finished the last phase."""
    inputs = check_inputs(inputs)
    total = sum(p.years for p in inputs.phases)
    return max(inputs.build_years, inputs.outsource_lead_years) + total


def cumulative_spend(inputs: Inputs, path: str, years) -> list[float]:
    """Cumulative expected spend of a path at each of `years` (for the chart)."""
    items = cost_items(inputs, path)
    points = [as_number("Year", t) for t in as_sequence("Years", years, "years")]
    return [_spent_by(items, t, inputs.discount_rate) for t in points]


def break_even_cost_per_batch(inputs: Inputs) -> float | None:
    """Outsourcing price per batch at which both paths cost the same in expectation.

    Above it building is cheaper. None when no price of 0 or more makes them equal: building is
    cheaper even if batches were free, or no batches are needed (so the price cannot matter).
    """
    inputs = check_inputs(inputs)
    free = replace(inputs, cost_per_batch=0.0)
    unit = replace(inputs, cost_per_batch=1.0)
    fixed = expected_cost(free, "outsource")
    per_batch = expected_cost(unit, "outsource") - fixed
    if per_batch <= 0:
        return None
    price = (expected_cost(inputs, "build") - fixed) / per_batch
    return price if price >= 0 else None


def sensitivity(inputs: Inputs, step: float = SENSITIVITY_STEP) -> list[SensitivityRow]:
    """Move each input alone by -step and +step; rows sorted by how much the cost gap swings."""
    inputs = check_inputs(inputs)
    step = as_number("Sensitivity step", step, 0.0, 1.0)
    base = _gap(inputs)
    rows = []
    for name, label, low, high in _variations(inputs, step):
        gap_low, gap_high = _gap(low), _gap(high)
        flips = any(_sign(g) != _sign(base) for g in (gap_low, gap_high))
        rows.append(
            SensitivityRow(
                input=name,
                label=label,
                low_value=_value_of(low, name),
                high_value=_value_of(high, name),
                difference_low=gap_low,
                difference_high=gap_high,
                swing=abs(gap_high - gap_low),
                changes_answer=flips,
            )
        )
    rows.sort(key=lambda row: (-row.swing, row.label))
    return rows


def _gap(inputs: Inputs) -> float:
    return expected_cost(inputs, "build") - expected_cost(inputs, "outsource")


def _sign(value: float) -> int:
    return 0 if abs(value) < 1e-9 else (1 if value > 0 else -1)


def _variations(inputs: Inputs, step: float):
    """(input name, label, inputs moved down, inputs moved up) for each input."""
    for name, (label, _, high) in LIMITS.items():
        if name in ("phase_years", "batches"):
            continue
        value = getattr(inputs, name)
        yield (
            name,
            label,
            replace(inputs, **{name: value * (1 - step)}),
            replace(inputs, **{name: min(high, value * (1 + step))}),
        )
    for index, phase in enumerate(inputs.phases):
        rates = list(inputs.success_rates)
        low, high = list(rates), list(rates)
        low[index] = rates[index] * (1 - step)
        high[index] = min(1.0, rates[index] * (1 + step))
        yield (
            f"success_rates[{index}]",
            f"Success rate after {phase.name}",
            replace(inputs, success_rates=tuple(low)),
            replace(inputs, success_rates=tuple(high)),
        )
    for attribute, name, label in (
        ("batches", "batches", "GMP batches in every phase"),
        ("years", "phase_years", "Years in every phase"),
    ):
        yield (name, label, _scaled_phases(inputs, attribute, 1 - step), _scaled_phases(inputs, attribute, 1 + step))


def _scaled_phases(inputs: Inputs, attribute: str, factor: float) -> Inputs:
    """`inputs` with `attribute` ("batches" or "years") of every phase multiplied by `factor`."""
    return replace(
        inputs,
        phases=tuple(
            replace(p, **{attribute: _scaled(getattr(p, attribute), factor, attribute == "batches")})
            for p in inputs.phases
        ),
    )


def _scaled(value, factor, whole):
    return round(value * factor) if whole else value * factor


def _value_of(inputs: Inputs, name: str) -> float:
    if name.startswith("success_rates["):
        return inputs.success_rates[int(name[len("success_rates[") : -1])]
    if name == "batches":
        return sum(p.batches for p in inputs.phases)
    if name == "phase_years":
        return sum(p.years for p in inputs.phases)
    return getattr(inputs, name)


# ---------------------------------------------------------------- the answer


def compare(inputs: Inputs | None = None) -> Comparison:
    """Compare building and outsourcing for `inputs` (default: `example_inputs()`)."""
    inputs = check_inputs(example_inputs() if inputs is None else inputs, "compare()")
    total_years = sum(p.years for p in inputs.phases)
    build = PathResult("build", expected_cost(inputs, "build"), inputs.build_years, inputs.build_years + total_years)
    outsource = PathResult(
        "outsource",
        expected_cost(inputs, "outsource"),
        inputs.outsource_lead_years,
        inputs.outsource_lead_years + total_years,
    )
    reach = reach_probabilities(inputs.success_rates)
    names = [p.name for p in inputs.phases] + ["Approval"]
    gap = build.expected_cost - outsource.expected_cost
    cheaper = {1: "outsource", -1: "build", 0: "tie"}[_sign(gap)]
    rows = tuple(sensitivity(inputs))
    driver = rows[0].label if rows and rows[0].swing > 0 else ""
    result = Comparison(
        inputs=inputs,
        build=build,
        outsource=outsource,
        reach_probabilities=tuple(zip(names, reach, strict=True)),
        probability_of_approval=reach[-1],
        cheaper=cheaper,
        break_even_cost_per_batch=break_even_cost_per_batch(inputs),
        sensitivity=rows,
        main_driver=driver,
    )
    return replace(result, summary=summary_sentence(result))


def summary_sentence(result: Comparison) -> str:
    """One plain-language sentence: which path is cheaper in expectation, which is faster, and why."""
    result = check_comparison(result)
    build, outsource = result.build, result.outsource
    driver = ""
    if result.main_driver:
        driver = f"; the input that moves this answer most is the {_lower_first(result.main_driver)}"
    time_gap = build.time_to_first_batch - outsource.time_to_first_batch
    faster = "" if abs(time_gap) < 1e-9 else ("outsourcing" if time_gap > 0 else "building")
    if result.cheaper == "tie":
        head = f"Building and outsourcing have the same expected cost ({money(build.expected_cost)})"
        cheaper = ""
    else:
        cheaper = result.cheaper.replace("outsource", "outsourcing").replace("build", "building")
        low, high = (outsource, build) if result.cheaper == "outsource" else (build, outsource)
        head = f"{cheaper.capitalize()} has the lower expected cost ({money(low.expected_cost)} vs {money(high.expected_cost)})"
    if not faster:
        tail = " and both reach a first GMP batch at the same time"
    elif faster == cheaper:
        tail = f" and reaches a first GMP batch {years(abs(time_gap))} sooner"
    else:
        tail = f", but {faster} reaches a first GMP batch {years(abs(time_gap))} sooner"
    return f"{head}{tail}{driver}."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def money(value: float) -> str:
    """USD amount in words a reader scans easily: 'USD 12.3 million', 'USD 850,000'."""
    value = as_number("Amount (USD)", value)
    if abs(value) >= 1e9:
        return f"USD {value / 1e9:,.2f} billion"
    if abs(value) >= 1e6:
        return f"USD {value / 1e6:,.1f} million"
    return f"USD {value:,.0f}"


def years(value: float) -> str:
    """'1 year', '2.5 years'."""
    value = as_number("Years", value)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text} year" if text == "1" else f"{text} years"


def _check_path(path: str) -> str:
    if not isinstance(path, str) or path not in ("build", "outsource"):
        raise InputError(f"Path must be 'build' or 'outsource'; got {path!r}.")
    return path
