"""The comparison CSV, the formula-injection guard, and the evaluation JSON document."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation, Score
from itexit.export import (
    CSV_COLUMNS,
    FORMAT,
    FORMAT_VERSION,
    comparison_csv,
    evaluation_document,
    file_name,
    neutralise,
    read_evaluation_document,
    rounded,
)
from itexit.input import InvalidInput
from itexit.types import STORED


def rows_of(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "the CSV must start with a UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def header_of(data: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture
def rated(evaluation: Evaluation) -> Evaluation:
    old, nimbus, bluegate = (p.id for p in evaluation.providers)
    return (
        evaluation.with_scores(
            old,
            {
                "security.encryption": Score(rating=1),
                "security.edr": Score(rating="n/a"),
                "backup.restore_testing": Score(rating=0, note="never tested"),
            },
        )
        .with_scores(
            nimbus, {"security.encryption": Score(rating=5), "security.edr": Score(rating=4)}
        )
        .with_essential_settings({"security": 2.5}, {"security": 3.5})
        .with_current(bluegate)
    )


def test_the_header_lists_the_fixed_columns_then_current_provider_then_candidates(
    rated: Evaluation,
) -> None:
    assert header_of(comparison_csv(rated)) == [*CSV_COLUMNS, "Bluegate", "Oldco IT", "Nimbus IT"]


def test_rows_come_criteria_first_then_essentials_overall_rank_and_coverage(
    rated: Evaluation,
) -> None:
    levels = [row["level"] for row in rows_of(comparison_csv(rated))]
    criteria = len(rated.checklist.criteria)
    assert levels == ["criterion"] * criteria + ["essential"] * 6 + [
        "overall",
        "rank",
        "coverage",
        "must_have",
        "monthly_cost",
        "total_cost",
    ]


def test_criterion_rows_are_grouped_under_their_essential_in_checklist_order(
    rated: Evaluation,
) -> None:
    rows = [r for r in rows_of(comparison_csv(rated)) if r["level"] == "criterion"]
    expected = [(e.name, c.name) for e in rated.checklist.essentials for c in e.criteria]
    assert [(r["essential"], r["criterion"]) for r in rows] == expected


def test_criterion_cells_hold_the_score_empty_for_unknown_and_n_a_for_not_applicable(
    rated: Evaluation,
) -> None:
    rows = {r["criterion"]: r for r in rows_of(comparison_csv(rated)) if r["level"] == "criterion"}
    encryption = rows["Encryption of stored and transmitted data"]
    edr = rows["Endpoint detection and response (EDR)"]
    assert (encryption["Oldco IT"], encryption["Nimbus IT"], encryption["Bluegate"]) == (
        "1",
        "5",
        "",
    )
    assert (edr["Oldco IT"], edr["Nimbus IT"]) == ("n/a", "4")
    assert encryption["weight"] == "1" and encryption["target"] == ""
    assert rows["Two-step login for the provider's own staff"]["weight"] == "2"


def test_essential_rows_carry_weight_target_and_the_score_to_two_decimals(
    rated: Evaluation,
) -> None:
    rows = {r["essential"]: r for r in rows_of(comparison_csv(rated)) if r["level"] == "essential"}
    security = rows["Security & encryption"]
    assert (security["criterion"], security["weight"], security["target"]) == ("", "2.5", "3.5")
    # Nimbus: encryption 5 (weight 1) and EDR 4 (weight 1.5) -> (5 + 6) / 2.5 = 4.4
    assert security["Nimbus IT"] == "4.4"
    assert security["Oldco IT"] == "1"
    assert security["Bluegate"] == ""
    assert rows["Backup & disaster recovery"]["Nimbus IT"] == ""


def test_overall_rank_and_coverage_rows(rated: Evaluation) -> None:
    rows = {r["level"]: r for r in rows_of(comparison_csv(rated))}
    # Oldco: security 1 (W 2.5) and backup 0 (W 1) -> 20 * 2.5 / 3.5 = 14.2857...
    assert rows["overall"]["Oldco IT"] == "14.3"
    assert rows["overall"]["Nimbus IT"] == "88"
    assert rows["overall"]["Bluegate"] == ""
    assert [rows["rank"][p] for p in ("Bluegate", "Oldco IT", "Nimbus IT")] == ["3", "2", "1"]
    applicable = len(rated.checklist.criteria) - 1
    assert rows["coverage"]["Oldco IT"] == str(round(100 * 2 / applicable))
    assert rows["coverage"]["Bluegate"] == "0"
    assert all(rows[level]["essential"] == "" for level in ("overall", "rank", "coverage"))


def test_the_must_have_row_says_pass_fail_or_unverified_and_rank_follows_it(
    rated: Evaluation,
) -> None:
    with_must_haves = rated.with_must_haves({"security.encryption": 3, "security.edr": 3})
    rows = {r["level"]: r for r in rows_of(comparison_csv(with_must_haves))}
    # Oldco: encryption 1 < 3 fails; EDR n/a passes. Nimbus: 5 and 4 pass. Bluegate: unknown.
    assert rows["must_have"]["Oldco IT"] == "fail: Encryption of stored and transmitted data"
    assert rows["must_have"]["Nimbus IT"] == "pass"
    assert rows["must_have"]["Bluegate"] == (
        "unverified: Encryption of stored and transmitted data; Endpoint detection and response "
        "(EDR)"
    )
    # Oldco fails a must-have, yet it was measured; Bluegate has no overall: it ranks last.
    assert [rows["rank"][p] for p in ("Bluegate", "Oldco IT", "Nimbus IT")] == ["3", "2", "1"]


def test_cost_rows_give_the_monthly_price_and_the_total_over_the_horizon(
    rated: Evaluation,
) -> None:
    from datetime import date
    from decimal import Decimal

    from itexit.cost import Business, Pricing

    nimbus = rated.providers[1].id
    priced = rated.with_business(
        Business(users=10, horizon_months=24, overlap_months=0)
    ).with_pricing(nimbus, Pricing(per_user=Decimal("45.50"), onboarding=Decimal("100")))
    rows = {r["level"]: r for r in rows_of(comparison_csv(priced, today=date(2026, 11, 26)))}
    assert rows["monthly_cost"]["Nimbus IT"] == "455.00"
    assert rows["monthly_cost"]["Oldco IT"] == ""
    assert rows["total_cost"]["criterion"] == "24"
    # Switching to Nimbus: 24 months × 455 + 100 onboarding; the current provider (Bluegate)
    # has no price, so staying has no total and the switch pays no overlap.
    assert rows["total_cost"]["Nimbus IT"] == "11020.00"
    assert rows["total_cost"]["Bluegate"] == ""


def test_the_demo_comparison_matches_its_scores() -> None:
    rows = rows_of(comparison_csv(demo_evaluation()))
    overall = next(r for r in rows if r["level"] == "overall")
    assert overall["SwiftNet IT"] == "28.7"
    assert list(overall)[6] == "SwiftNet IT"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (2.675, 2, "2.68"),
        (0.125, 2, "0.13"),
        (14.25, 1, "14.3"),
        (14.35, 1, "14.4"),
        (88.0, 1, "88"),
        (3.5, 0, "4"),
        (2.5, 0, "3"),
        (4.0, 2, "4"),
        (float("nan"), 2, ""),
        (None, 2, ""),
    ],
)
def test_numbers_round_half_away_from_zero_without_trailing_zeros(
    value: float | None, decimals: int, expected: str
) -> None:
    assert rounded(value, decimals) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("Nimbus IT", "Nimbus IT"),
        ("a=b", "a=b"),
        ("", ""),
        ("'already", "'already"),
    ],
)
def test_text_that_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe(
    text: str, expected: str
) -> None:
    assert neutralise(text) == expected


def test_names_with_formulas_html_and_commas_are_neutralised_and_quoted(
    evaluation: Evaluation,
) -> None:
    risky = evaluation.with_provider('=HYPERLINK("http://evil","x")').with_provider(
        '<img src=x onerror=alert(1)>, "quoted"'
    )
    header = header_of(comparison_csv(risky))
    assert header[-2:] == [
        '\'=HYPERLINK("http://evil","x")',
        '<img src=x onerror=alert(1)>, "quoted"',
    ]


def test_every_text_cell_of_the_csv_is_neutralised(evaluation: Evaluation) -> None:
    risky = evaluation.with_provider("-cmd|' /C calc'!A0").renamed("@evaluation")
    for row in csv.reader(io.StringIO(comparison_csv(risky).decode("utf-8-sig"))):
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r", "\n")), cell
            assert not cell.startswith("-") or cell.startswith("'"), cell


def test_names_saved_with_control_characters_still_give_a_guarded_csv(
    evaluation: Evaluation,
) -> None:
    # Names refuse control characters today; a revision saved before that rule still loads.
    body = evaluation.model_dump()
    body["providers"][1]["name"] = "Nim\x1bbus\x00 IT"
    body["providers"][2]["name"] = "\x00=SUM(A1:A9)\x0b"
    old = Evaluation.model_validate(body, context=STORED)
    assert header_of(comparison_csv(old))[-2:] == ["Nimbus IT", "'=SUM(A1:A9)\n"]


def test_the_csv_uses_crlf_line_ends_and_commas(evaluation: Evaluation) -> None:
    text = comparison_csv(evaluation).decode("utf-8-sig")
    assert text.startswith("level,essential,criterion,weight,target,sources,Oldco IT,")
    assert text.endswith("\r\n")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Acme Ltd: review 2027", "itexit-acme-ltd-review-2027-comparison.csv"),
        ("<script>", "itexit-script-comparison.csv"),
        ("###", "itexit-evaluation-comparison.csv"),
    ],
)
def test_download_file_names_are_safe(name: str, expected: str) -> None:
    assert file_name(name, "comparison", "csv") == expected


# The JSON document -----------------------------------------------------------------------------


def test_the_json_document_names_its_format_and_version(rated: Evaluation) -> None:
    document = json.loads(evaluation_document(rated))
    # Version 5 added only what a review of a series holds (tests/unit/test_series.py).
    assert (document["format"], document["version"]) == (FORMAT, FORMAT_VERSION - 1)
    assert document["evaluation"]["name"] == "Acme review"


def test_export_then_import_then_export_gives_the_same_document(rated: Evaluation) -> None:
    first = evaluation_document(rated)
    assert read_evaluation_document(first) == rated
    assert evaluation_document(read_evaluation_document(first)) == first


def test_import_can_rename_the_evaluation(rated: Evaluation) -> None:
    assert read_evaluation_document(evaluation_document(rated), name="Other").name == "Other"


def _document(rated: Evaluation, change: Any) -> str:
    document = json.loads(evaluation_document(rated))
    change(document)
    return json.dumps(document)


def _set(path: list[Any], value: Any) -> Any:
    def change(document: dict[str, Any]) -> None:
        target = document
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (_set(["format"], "something-else"), "not an ITexit evaluation"),
        (_set(["version"], 6), "format version 6"),
        (_set(["version"], True), "format version True"),
        (_set(["extra"], 1), "fields ITexit does not know: extra"),
        (_set(["evaluation"], []), 'no "evaluation" object'),
        (
            _set(["evaluation", "providers", 0, "scores", "made.up"], {"rating": 3}),
            "not in the checklist",
        ),
        (
            _set(["evaluation", "providers", 0, "scores", "security.encryption"], {"rating": 6}),
            "less than or equal to 5",
        ),
        (
            _set(["evaluation", "providers", 0, "scores", "security.encryption"], {"rating": 2.5}),
            "valid integer",
        ),
        (
            _set(["evaluation", "providers", 0, "scores", "security.encryption"], {"rating": "3"}),
            "rating",
        ),
        (
            _set(["evaluation", "providers", 1, "current"], True),
            "Only one provider can be the current one",
        ),
        (
            _set(["evaluation", "providers", 1, "name"], "OLDCO it"),
            "There is already a provider called",
        ),
        (_set(["evaluation", "name"], ""), "can't be empty"),
        (_set(["evaluation", "essential_weights", "security"], -1), "from 0 to 1000"),
        (_set(["evaluation", "surprise"], 1), "Extra inputs are not permitted"),
    ],
    ids=[
        "other format",
        "other version",
        "boolean version",
        "unknown top-level field",
        "evaluation not an object",
        "unknown criterion",
        "score above 5",
        "score not whole",
        "score as text",
        "two current providers",
        "duplicate provider names",
        "empty name",
        "negative weight",
        "unknown field",
    ],
)
def test_a_document_that_breaks_a_rule_is_refused_naming_the_problem(
    rated: Evaluation, change: Any, problem: str
) -> None:
    with pytest.raises(InvalidInput, match=problem):
        read_evaluation_document(_document(rated, change))


@pytest.mark.parametrize(
    "text",
    [b"", b"not json", b"{", b"[]", b"null", b"\xff\xfe\x00", "{}".encode("utf-16")],
    ids=["empty", "not json", "truncated", "a list", "null", "binary", "utf-16"],
)
def test_malformed_files_are_refused(text: bytes) -> None:
    with pytest.raises(InvalidInput):
        read_evaluation_document(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=json_values)
def test_random_json_is_either_read_or_refused_with_invalid_input(document: Any) -> None:
    with contextlib.suppress(InvalidInput):
        read_evaluation_document(json.dumps(document))


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_exports_are_either_read_or_refused_with_invalid_input(data: st.DataObject) -> None:
    document = json.loads(evaluation_document(demo_evaluation()))
    target: Any = document
    for _ in range(data.draw(st.integers(1, 6))):
        if isinstance(target, dict) and target:
            key = data.draw(st.sampled_from(sorted(target)))
        elif isinstance(target, list) and target:
            key = data.draw(st.integers(0, len(target) - 1))
        else:
            break
        if not isinstance(target[key], dict | list) or data.draw(st.booleans()):
            target[key] = data.draw(json_values)
            break
        target = target[key]
    try:
        evaluation = read_evaluation_document(json.dumps(document))
    except InvalidInput:
        return
    # Whatever is accepted is a whole, valid evaluation that exports again.
    assert read_evaluation_document(evaluation_document(evaluation)) == evaluation
