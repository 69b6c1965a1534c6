"""The Questionnaires page through AppTest: the upload's preview beside the current scores,
accepting some answers, and a bad file refused with nothing saved."""

from __future__ import annotations

from datetime import date

from itexit.evaluation import Evaluation, Score
from itexit.questionnaire.views import questionnaire_file
from itexit.store import Store
from tests.app.conftest import OpenPage
from tests.app.helpers import DEMO, click, edit, latest, texts
from tests.questionnaires import filled

ENCRYPTION, MFA, EDR = "security.encryption", "security.provider_mfa", "security.edr"


def returned_by_first_candidate(store: Store) -> tuple[bytes, str]:
    """The first candidate's questionnaire, filled in: three criteria and one question."""
    found = store.find(DEMO)
    evaluation = store.load(found.id).evaluation
    candidate = evaluation.candidates[0]
    data = questionnaire_file(
        evaluation, found.id, candidate.id, False, date(2026, 12, 31), date.today()
    )
    answers = {ENCRYPTION: (0, "Nothing yet", ""), MFA: (1, "", ""), EDR: ("don't know", "", "")}
    return filled(data, answers, {"disaster.who_does_what": "We call within 5 minutes."}), (
        candidate.id
    )


def test_the_upload_shows_each_answer_beside_the_current_score_before_anything_is_saved(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    data, candidate = returned_by_first_candidate(app_store)
    at = open_page("questionnaires")
    assert "Download the questionnaire for" in at.get("download_button")[0].proto.label
    at.file_uploader[0].upload("answers.xlsx", data, "application/octet-stream").run()
    assert not at.exception and not texts(at, "error")
    table = at.data_editor[0].value
    # A bare "don't know" changes nothing, so it is not offered.
    assert list(table["Their answer"]) == ["0", "1", "We call within 5 minutes."]
    assert "would change what is recorded" in texts(at, "markdown")
    assert latest(app_store).provider(candidate) == demo.provider(candidate)


def test_accepting_some_answers_saves_only_those_as_claims(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    data, candidate = returned_by_first_candidate(app_store)
    at = open_page("questionnaires")
    at.file_uploader[0].upload("answers.xlsx", data, "application/octet-stream").run()
    rows = list(at.data_editor[0].value["Criterion or question"])
    mfa = next(c.name for c in demo.checklist.criteria if c.id == MFA)
    at = edit(at, 0, {rows.index(mfa): {"Accept": False}})
    click(at, "Accept the 2 ticked answers")
    assert not texts(at, "error")
    saved = latest(app_store).provider(candidate)
    assert saved.score(ENCRYPTION).rating == 0 and saved.score(ENCRYPTION).source is not None
    assert not saved.score(ENCRYPTION).verified
    assert saved.score(MFA) == demo.provider(candidate).score(MFA)
    assert saved.answers["disaster.who_does_what"].text == "We call within 5 minutes."
    assert saved.score(EDR) == demo.provider(candidate).score(EDR)  # "don't know": kept


def test_a_verified_score_is_offered_unticked(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    found = app_store.find(DEMO)
    candidate = demo.candidates[0].id
    verified = {ENCRYPTION: Score(rating=5, note="Saw the report", verified=True)}
    app_store.save(found.id, demo.with_scores(candidate, verified), base_revision=found.revision)
    data, _ = returned_by_first_candidate(app_store)
    at = open_page("questionnaires")
    at.file_uploader[0].upload("answers.xlsx", data, "application/octet-stream").run()
    table = at.data_editor[0].value.set_index("Criterion or question")
    encryption = next(c.name for c in demo.checklist.criteria if c.id == ENCRYPTION)
    assert not table.loc[encryption, "Accept"]
    assert table.loc[encryption, "Score now"] == "5 (verified)"
    ticked = int(table["Accept"].sum())
    click(at, f"Accept the {ticked} ticked answers")
    assert latest(app_store).provider(candidate).score(ENCRYPTION).verified


def test_a_file_that_is_not_a_questionnaire_is_refused_and_nothing_is_saved(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("questionnaires")
    at.file_uploader[0].upload("answers.xlsx", b"name,score\n", "text/csv").run()
    assert "not an Excel workbook" in texts(at, "error")
    assert not at.data_editor
    assert latest(app_store) == demo


def test_without_candidates_the_page_points_to_the_providers_page(
    open_page: OpenPage, app_store: Store, evaluation: Evaluation
) -> None:
    app_store.create(Evaluation.new("Solo", evaluation.checklist).with_provider("Oldco IT"))
    at = open_page("questionnaires")
    assert "Add the candidates you are considering" in texts(at, "info")
    assert not at.get("download_button")


def test_including_our_name_is_offered_only_with_a_company_name(
    open_page: OpenPage, app_store: Store, evaluation: Evaluation
) -> None:
    app_store.create(evaluation)
    at = open_page("questionnaires")
    include = at.checkbox[0]
    assert include.label == "Include our name" and include.disabled


def test_a_checklist_changed_since_names_what_differs_and_offers_the_rest(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    data, _ = returned_by_first_candidate(app_store)
    found = app_store.find(DEMO)
    grown = app_store.load(found.id).evaluation.with_custom_criterion(
        "backup", name="Offsite tapes", question="Tapes?", means_0="No", means_3="Some",
        means_5="Weekly",
    )  # fmt: skip
    app_store.save(found.id, grown, base_revision=found.revision)
    at = open_page("questionnaires")
    at.file_uploader[0].upload("answers.xlsx", data, "application/octet-stream").run()
    assert "Offsite tapes: added since the file was made, so not asked" in texts(at, "warning")
    assert (
        len(at.data_editor[0].value) == 3
    )  # encryption, MFA and the due-diligence answer (a bare "don't know" is not offered)


def test_a_file_made_for_another_candidate_is_refused_naming_it(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    data, _ = returned_by_first_candidate(app_store)
    at = open_page("questionnaires")
    first, second = demo.candidates[:2]
    at.selectbox(key="itexit_picker_Candidate").set_value(second.id).run()
    at.file_uploader[0].upload("answers.xlsx", data, "application/octet-stream").run()
    assert f"made for {first.name}, not {second.name}" in texts(at, "error")
    assert latest(app_store) == demo
