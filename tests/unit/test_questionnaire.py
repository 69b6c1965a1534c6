"""The questionnaire a candidate fills in itself: what the workbook holds and hides, reading it
back in every shape Excel and LibreOffice save, refusing bad files, and accepting answers as
claimed scores."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from itexit.compare.views import scores_edited
from itexit.diligence import Answer as DiligenceAnswer
from itexit.evaluation import Evaluation, Score
from itexit.export import evaluation_document, read_evaluation_document
from itexit.input import InvalidInput
from itexit.questionnaire import (
    FORMAT_VERSION,
    MAX_BYTES,
    Returned,
    make_questionnaire,
    read_questionnaire,
)
from itexit.questionnaire.views import (
    accepted_items,
    answers_accepted,
    claimed_note,
    questionnaire_preview,
    sending_view,
)
from itexit.questionnaire.workbook import Claim
from itexit.store import Store
from tests.questionnaires import (
    cell_changed,
    filled,
    resaved_by_libreoffice,
    with_shared_strings,
)

MADE, TODAY = date(2026, 11, 27), date(2026, 12, 3)
EVALUATION_ID = 7
ENCRYPTION, MFA, EDR = "security.encryption", "security.provider_mfa", "security.edr"
DISASTER = "disaster.who_does_what"


@pytest.fixture
def acme(evaluation: Evaluation) -> Evaluation:
    """Acme's review: Oldco current, Nimbus IT and Bluegate candidates, with notes of their own
    and a score of Nimbus IT verified."""
    oldco, nimbus, bluegate = (p.id for p in evaluation.providers)
    return (
        evaluation.with_scores(oldco, {ENCRYPTION: Score(rating=1, note="Oldco private note")})
        .with_scores(bluegate, {ENCRYPTION: Score(rating=3, note="Bluegate private note")})
        .with_scores(nimbus, {MFA: Score(rating=5, note="Seen their audit", verified=True)})
        .with_sender("Acme Dental Ltd", "Jo Smith")
    )


def nimbus(evaluation: Evaluation) -> str:
    return next(p.id for p in evaluation.providers if p.name == "Nimbus IT")


def questionnaire(evaluation: Evaluation, **options: object) -> bytes:
    return make_questionnaire(evaluation, EVALUATION_ID, nimbus(evaluation), made=MADE, **options)  # type: ignore[arg-type]


def returned(evaluation: Evaluation, data: bytes) -> Returned:
    return read_questionnaire(evaluation, EVALUATION_ID, nimbus(evaluation), data)


ANSWERS = {
    ENCRYPTION: (4, "BitLocker on every laptop; TLS everywhere", "https://nimbus.example/enc.pdf"),
    MFA: ("2", "", ""),
    EDR: ("not applicable", "", ""),
}


# The round trip ------------------------------------------------------------------------------


def test_a_filled_questionnaire_becomes_the_candidates_claimed_scores(acme: Evaluation) -> None:
    data = filled(questionnaire(acme), ANSWERS, {DISASTER: "We call you within 15 minutes."})
    answers = returned(acme, data)
    accepted = answers_accepted(acme, nimbus(acme), answers, [ENCRYPTION, EDR, DISASTER], TODAY)
    score = accepted.provider(nimbus(acme)).score(ENCRYPTION)
    assert (score.rating, score.verified) == (4, False)
    assert score.source is not None
    assert (score.source.made, score.source.accepted) == (MADE, TODAY)
    assert score.source.questionnaire == answers.reference
    assert "BitLocker on every laptop" in score.note
    assert "https://nimbus.example/enc.pdf" in score.note
    assert accepted.provider(nimbus(acme)).score(EDR).rating == "n/a"
    assert (
        accepted.provider(nimbus(acme)).answers[DISASTER].text == "We call you within 15 minutes."
    )


def test_a_questionnaire_resaved_by_libreoffice_reads_back_the_same(
    acme: Evaluation, soffice: str, tmp_path: Path
) -> None:
    data = filled(questionnaire(acme), ANSWERS, {DISASTER: "Within 15 minutes."})
    resaved = resaved_by_libreoffice(soffice, data, tmp_path)
    assert resaved != data
    assert returned(acme, resaved) == returned(acme, data)


def test_text_in_shared_strings_as_excel_saves_it_reads_back_as_inline_text_does(
    acme: Evaluation,
) -> None:
    inline = filled(questionnaire(acme), ANSWERS, {DISASTER: "Within 15 minutes."})
    shared = with_shared_strings(inline)
    assert 't="inlineStr"' in all_text(inline) and 't="inlineStr"' not in all_text(shared)
    assert b"BitLocker" in zipfile.ZipFile(io.BytesIO(shared)).read("xl/sharedStrings.xml")
    assert returned(acme, shared) == returned(acme, inline)


def test_a_date_saved_as_a_serial_number_and_numbers_as_decimals_read_back_the_same(
    acme: Evaluation,
) -> None:
    data = filled(questionnaire(acme), ANSWERS)
    as_excel_saves = filled(
        questionnaire(acme),
        {**ANSWERS, ENCRYPTION: (4.0, *ANSWERS[ENCRYPTION][1:])},
        meta={"made": 46353, "version": 1.0, "evaluation": float(EVALUATION_ID)},
    )
    original, excel = returned(acme, data), returned(acme, as_excel_saves)
    assert excel.made == MADE == original.made
    assert excel.claims == original.claims


@pytest.mark.parametrize(
    ("written", "rating"),
    [
        (0, 0),
        (5, 5),
        ("3", 3),
        (3.0, 3),
        ("don't know", "unknown"),
        ("Don’t know", "unknown"),
        ("not applicable", "n/a"),
        ("N/A", "n/a"),
    ],
)
def test_each_answer_from_the_drop_down_reads_as_its_rating(
    acme: Evaluation, written: object, rating: object
) -> None:
    answers = returned(acme, filled(questionnaire(acme), {ENCRYPTION: (written, "", "")}))
    assert answers.claims == (Claim(ENCRYPTION, rating, "", ""),)  # type: ignore[arg-type]


def test_a_row_left_empty_is_not_an_answer(acme: Evaluation) -> None:
    answers = returned(acme, filled(questionnaire(acme), {ENCRYPTION: (None, "", "")}))
    assert answers.claims == () and answers.replies == ()


# What the file holds and hides ---------------------------------------------------------------


def all_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as packed:
        return " ".join(packed.read(n).decode("utf-8") for n in packed.namelist())


def test_the_file_holds_nothing_a_candidate_should_not_see(acme: Evaluation) -> None:
    text = all_text(questionnaire(acme))
    for secret in (
        "Oldco",
        "Bluegate",
        "Acme review",
        "Acme Dental",
        "private note",
        "Seen their audit",
    ):
        assert secret not in text
    assert "Nimbus IT" in text and "Asked by: the client" in text


def test_including_our_name_names_the_business_as_the_asker(acme: Evaluation) -> None:
    text = all_text(questionnaire(acme, asker=acme.exit.business_name))
    assert "Asked by: Acme Dental Ltd" in text
    assert "Acme review" not in text


def test_the_question_cells_are_locked_and_the_answer_cells_offer_the_drop_down(
    acme: Evaluation,
) -> None:
    book = openpyxl.load_workbook(io.BytesIO(questionnaire(acme)))
    sheet = book["Questions"]
    row = next(r[0].row for r in sheet.iter_rows(min_row=5) if r[0].value == ENCRYPTION)
    assert sheet.protection.sheet
    assert all(sheet.cell(row, column).protection.locked for column in range(1, 7))
    assert not any(sheet.cell(row, column).protection.locked for column in (7, 8, 9))
    (drop_down,) = sheet.data_validations.dataValidation
    assert drop_down.formula1 == '"0,1,2,3,4,5,don\'t know,not applicable"'
    assert f"G{row}" in str(drop_down.sqref)
    assert book["itexit"].sheet_state == "veryHidden"
    assert book["Due diligence"].protection.sheet


def test_every_criterion_is_asked_essential_by_essential_custom_ones_included(
    acme: Evaluation,
) -> None:
    own = acme.with_custom_criterion(
        "backup", name="Offsite tapes", question="Do you keep tapes?", means_0="No",
        means_3="Some", means_5="Yes, weekly",
    )  # fmt: skip
    sheet = openpyxl.load_workbook(io.BytesIO(questionnaire(own)))["Questions"]
    asked = [r[0].value for r in sheet.iter_rows(min_row=5) if r[0].value]
    assert asked == [c.id for c in own.checklist.criteria]


def test_a_name_that_starts_with_an_equals_sign_stays_text(acme: Evaluation) -> None:
    hostile = acme.with_provider_renamed(nimbus(acme), '=HYPERLINK("http://x.example","Hi")')
    data = make_questionnaire(hostile, EVALUATION_ID, nimbus(acme), made=MADE)
    assert "<f>" not in all_text(data)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book["Instructions"]["A1"].data_type == "s"


# Bad files change nothing ----------------------------------------------------------------------


def refusal(evaluation: Evaluation, data: bytes) -> str:
    with pytest.raises(InvalidInput) as refused:
        returned(evaluation, data)
    return str(refused.value)


def test_a_file_made_for_another_evaluation_is_refused(acme: Evaluation) -> None:
    data = filled(questionnaire(acme), ANSWERS)
    with pytest.raises(InvalidInput, match="made for another evaluation"):
        read_questionnaire(acme, EVALUATION_ID + 1, nimbus(acme), data)


def test_a_file_made_for_another_candidate_is_refused_naming_it(acme: Evaluation) -> None:
    data = filled(questionnaire(acme), ANSWERS)
    bluegate = next(p.id for p in acme.providers if p.name == "Bluegate")
    with pytest.raises(InvalidInput, match="made for Nimbus IT, not Bluegate"):
        read_questionnaire(acme, EVALUATION_ID, bluegate, data)


def test_a_changed_checklist_names_the_criteria_that_differ_and_still_offers_the_rest(
    acme: Evaluation,
) -> None:
    data = filled(questionnaire(acme), ANSWERS)
    essential = acme.checklist.essentials[0]
    reworded = tuple(
        c.model_copy(update={"question": "Is all our data encrypted?"}) if c.id == ENCRYPTION else c
        for c in essential.criteria
    )
    checklist = acme.checklist.model_copy(
        update={
            "essentials": (
                essential.model_copy(update={"criteria": reworded}),
                *acme.checklist.essentials[1:],
            )
        }
    )
    changed = acme.model_copy(update={"checklist": checklist})
    answers = returned(changed, data)
    assert [c.criterion for c in answers.claims] == [MFA, EDR]
    (differs,) = answers.differing
    assert differs.startswith(essential.criteria[0].name) and "wording changed" in differs


def test_a_criterion_added_since_the_file_was_made_is_named_as_not_asked(
    acme: Evaluation,
) -> None:
    data = filled(questionnaire(acme), ANSWERS)
    grown = acme.with_custom_criterion(
        "backup", name="Offsite tapes", question="Tapes?", means_0="No", means_3="Some",
        means_5="Yes",
    )  # fmt: skip
    answers = returned(grown, data)
    assert answers.differing == ("Offsite tapes: added since the file was made, so not asked",)
    assert len(answers.claims) == 3


@pytest.mark.parametrize("answer", [7, -1, 2.5, "maybe", "4 or 5", True])
def test_an_answer_out_of_range_is_refused_naming_its_cell(
    acme: Evaluation, answer: object
) -> None:
    message = refusal(acme, filled(questionnaire(acme), {ENCRYPTION: (answer, "", "")}))
    assert "Nothing was read" in message and "G6:" in message


def test_evidence_too_long_is_refused_naming_its_cell(acme: Evaluation) -> None:
    message = refusal(acme, filled(questionnaire(acme), {ENCRYPTION: (3, "x" * 1501, "")}))
    assert "H6: holds 1,501 characters" in message


@pytest.mark.parametrize(("sheet", "cell"), [("Questions", "C6"), ("Due diligence", "B6")])
def test_an_edited_question_cell_is_refused(acme: Evaluation, sheet: str, cell: str) -> None:
    data = cell_changed(filled(questionnaire(acme), ANSWERS), sheet, cell, "Do you encrypt? (yes)")
    message = refusal(acme, data)
    assert "was edited" in message and "Nothing was read" in message


def test_a_row_ITexit_did_not_make_is_refused(acme: Evaluation) -> None:
    data = cell_changed(questionnaire(acme), "Questions", "A200", "security.made_up")
    assert "a row that ITexit did not make" in refusal(acme, data)


@pytest.mark.parametrize(
    "data",
    [b"", b"name,score\nNimbus,4\n", b"PK\x03\x04 not really a zip", b"%PDF-1.7\n"],
    ids=["empty", "csv", "broken zip", "pdf"],
)
def test_a_file_that_is_not_a_workbook_is_refused(acme: Evaluation, data: bytes) -> None:
    assert "not an Excel workbook" in refusal(acme, data)


def test_a_workbook_that_is_not_a_questionnaire_is_refused(acme: Evaluation) -> None:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    assert "not a questionnaire made by ITexit" in refusal(acme, out.getvalue())


def test_a_file_over_ten_megabytes_is_refused_before_it_is_opened(acme: Evaluation) -> None:
    assert "up to 10 MB" in refusal(acme, b"PK" + b"\0" * MAX_BYTES)


def test_a_questionnaire_of_an_unknown_format_version_is_refused(acme: Evaluation) -> None:
    data = filled(questionnaire(acme), ANSWERS, meta={"version": FORMAT_VERSION + 1})
    assert "format version '2'" in refusal(acme, data)


# Accepting -----------------------------------------------------------------------------------


def test_accepting_all_keeps_a_verified_score_the_user_did_not_tick(acme: Evaluation) -> None:
    data = filled(questionnaire(acme), ANSWERS)
    preview = questionnaire_preview(acme, EVALUATION_ID, nimbus(acme), data)
    assert preview.returned is not None
    ticked = accepted_items(preview, {})
    assert MFA not in ticked and ENCRYPTION in ticked
    accepted = answers_accepted(acme, nimbus(acme), preview.returned, ticked, TODAY)
    assert accepted.provider(nimbus(acme)).score(MFA) == acme.provider(nimbus(acme)).score(MFA)


def test_a_verified_score_is_replaced_when_the_user_ticks_it(acme: Evaluation) -> None:
    data = filled(questionnaire(acme), ANSWERS)
    preview = questionnaire_preview(acme, EVALUATION_ID, nimbus(acme), data)
    row = preview.items.index(MFA)
    assert preview.returned is not None
    ticked = accepted_items(preview, {row: {"Accept": True}})
    score = answers_accepted(acme, nimbus(acme), preview.returned, ticked, TODAY)
    assert score.provider(nimbus(acme)).score(MFA).rating == 2
    assert not score.provider(nimbus(acme)).score(MFA).verified


def test_the_preview_shows_each_answer_beside_the_current_score_and_note(
    acme: Evaluation,
) -> None:
    data = filled(questionnaire(acme), ANSWERS, {DISASTER: "Within 15 minutes."})
    preview = questionnaire_preview(acme, EVALUATION_ID, nimbus(acme), data)
    table = preview.table.set_index(preview.table["Criterion or question"])
    mfa = next(c.name for c in acme.checklist.criteria if c.id == MFA)
    assert table.loc[mfa, "Score now"] == "5 (verified)"
    assert table.loc[mfa, "Note or answer now"] == "Seen their audit"
    assert table.loc[mfa, "Their answer"] == "2"
    assert table.loc[mfa, "What would change"].startswith("Verified: kept unless you tick it")
    assert len(preview.table) == 4 and preview.problem is None
    assert "4 answers would change what is recorded" in preview.summary


def test_the_preview_of_a_bad_file_says_why_and_offers_nothing(acme: Evaluation) -> None:
    preview = questionnaire_preview(acme, EVALUATION_ID, nimbus(acme), b"not a workbook")
    assert preview.problem is not None and preview.table.empty and preview.returned is None


def test_accepting_the_same_answers_again_adds_the_evidence_to_the_note_once(
    acme: Evaluation,
) -> None:
    answers = returned(acme, filled(questionnaire(acme), ANSWERS))
    once = answers_accepted(acme, nimbus(acme), answers, [ENCRYPTION], TODAY)
    twice = answers_accepted(once, nimbus(acme), answers, [ENCRYPTION], TODAY)
    assert twice.provider(nimbus(acme)).score(ENCRYPTION).note.count("BitLocker") == 1


def test_the_users_own_note_is_kept_above_what_the_questionnaire_says() -> None:
    claim = Claim(ENCRYPTION, 4, "SOC 2 report", "https://x.example/soc2.pdf")
    assert claimed_note("Asked at the sales call", claim, MADE) == (
        "Asked at the sales call\nQuestionnaire of 27 November 2026: SOC 2 report "
        "Document: https://x.example/soc2.pdf"
    )
    long = claimed_note("y" * 2000, claim, MADE)
    assert len(long) == 2000 and long.endswith("soc2.pdf") and "…\nQuestionnaire" in long


def test_a_due_diligence_answer_keeps_whether_it_worries_you(acme: Evaluation) -> None:
    worried = acme.with_answers(
        nimbus(acme), {DISASTER: DiligenceAnswer(text="It depends", worrying=True)}
    )
    answers = returned(worried, filled(questionnaire(worried), {}, {DISASTER: "Within an hour."}))
    accepted = answers_accepted(worried, nimbus(acme), answers, [DISASTER], TODAY)
    assert accepted.provider(nimbus(acme)).answers[DISASTER] == DiligenceAnswer(
        text="Within an hour.", worrying=True
    )


def test_nothing_ticked_is_refused(acme: Evaluation) -> None:
    answers = returned(acme, filled(questionnaire(acme), ANSWERS))
    with pytest.raises(InvalidInput, match="Tick at least one"):
        answers_accepted(acme, nimbus(acme), answers, [], TODAY)


# The claim's source, kept -----------------------------------------------------------------------


def claimed(acme: Evaluation) -> Evaluation:
    answers = returned(acme, filled(questionnaire(acme), ANSWERS))
    return answers_accepted(acme, nimbus(acme), answers, [ENCRYPTION], TODAY)


def test_the_claims_source_round_trips_through_the_json_export(acme: Evaluation) -> None:
    evaluation = claimed(acme)
    document = evaluation_document(evaluation)
    scores = next(
        p["scores"]
        for p in json.loads(document)["evaluation"]["providers"]
        if p["name"] == "Nimbus IT"
    )
    assert scores[ENCRYPTION]["source"]["made"] == "2026-11-27"
    assert "source" not in scores[MFA]
    assert read_evaluation_document(document) == evaluation


def test_the_claims_source_is_stored_and_loaded(acme: Evaluation, sqlite_url: str) -> None:
    store = Store(sqlite_url)
    try:
        stored = store.create(claimed(acme))
        assert store.load(stored.id).evaluation == stored.evaluation
        assert store.load(stored.id).evaluation.provider(nimbus(acme)).score(ENCRYPTION).source
    finally:
        store.dispose()


def test_a_claim_keeps_its_source_until_its_rating_changes_or_is_verified(
    acme: Evaluation,
) -> None:
    evaluation = claimed(acme)
    provider = nimbus(acme)

    def source_after(cells: dict[str, object]) -> object:
        edited = scores_edited(evaluation, provider, {"security": {0: cells}})
        return edited.provider(provider).score(ENCRYPTION).source

    assert source_after({"Evidence / note": "Checked the policy too"}) is not None
    assert source_after({"Score": "3"}) is None
    assert source_after({"Verified": True}) is None


def test_every_hostile_text_is_written_as_text_and_reads_back_whole() -> None:
    from tests.hostile import hostile_evaluation

    hostile = hostile_evaluation()
    candidate = hostile.candidates[0]
    data = make_questionnaire(hostile, 1, candidate.id, made=MADE, asker=hostile.exit.business_name)
    assert "<f>" not in all_text(data)
    book = openpyxl.load_workbook(io.BytesIO(data))
    texts = [c.value for s in book for row in s.iter_rows() for c in row if c.value is not None]
    assert all(isinstance(t, str) for t in texts)
    assert f"Questionnaire for {candidate.name}" in texts
    asked = {c.name for c in hostile.checklist.criteria}
    assert asked <= set(texts)
    answers = filled(data, {hostile.checklist.criteria[0].id: (3, "-see annex", "@SUM(A1)")})
    (claim,) = read_questionnaire(hostile, 1, candidate.id, answers).claims
    assert (claim.evidence, claim.link) == ("-see annex", "@SUM(A1)")


def test_the_download_is_named_for_the_candidate_not_the_evaluation(acme: Evaluation) -> None:
    sending = sending_view(acme, nimbus(acme), MADE)
    assert sending.file_name == "itexit-nimbus-it-questionnaire.xlsx"
    assert sending.due == date(2026, 12, 11) and sending.can_include
    assert sending.include_label == "Include our name (Acme Dental Ltd)"


def test_a_don_t_know_never_takes_away_a_recorded_score(acme: Evaluation) -> None:
    candidate = nimbus(acme)
    scored = acme.with_scores(candidate, {EDR: Score(rating=5, note="Saw it running")})
    data = filled(
        questionnaire(scored),
        {EDR: ("don't know", "Asking our vendor", ""), MFA: ("don't know", "", "")},
        {},
    )
    answers = returned(scored, data)
    preview = questionnaire_preview(scored, EVALUATION_ID, candidate, data)
    assert preview.items == (EDR,)  # a bare "don't know" is not offered at all
    kept = answers_accepted(scored, candidate, answers, [EDR], TODAY).provider(candidate).score(EDR)
    assert kept.rating == 5 and kept.source is None
    assert "Saw it running" in kept.note and "Asking our vendor" in kept.note


def test_a_candidate_s_not_applicable_is_offered_unticked(acme: Evaluation) -> None:
    data = filled(questionnaire(acme), ANSWERS, {})
    preview = questionnaire_preview(acme, EVALUATION_ID, nimbus(acme), data)
    ticks = dict(zip(preview.items, preview.table["Accept"], strict=True))
    assert ticks[EDR] is False and ticks[ENCRYPTION] is True
    change = preview.table.set_index(preview.table.index)["What would change"].tolist()
    assert any("tick it only if you agree it does not apply" in c for c in change)
