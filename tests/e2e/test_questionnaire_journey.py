"""The questionnaire journey in Chromium, on the demo: a candidate's questionnaire downloaded,
filled in as the candidate would, uploaded back, some of its answers accepted, and the board
report downloaded.

What only a browser shows: the workbook as the download button delivers it, the file going
through the real uploader, and the ticks of the preview's grid as a user changes them.
"""

from __future__ import annotations

import io
import os
from typing import TYPE_CHECKING

import openpyxl
import pytest
from pypdf import PdfReader

from itexit.store import Store
from tests.questionnaires import filled

try:
    from playwright.sync_api import expect
except ImportError:
    if os.environ.get("ITEXIT_REQUIRE_BROWSER") == "1":
        raise
    pytest.skip("Playwright is not installed", allow_module_level=True)

if TYPE_CHECKING:  # for the type only: a conftest is not a module to import from
    from conftest import App

DEMO = "Harbourside Dental: provider review"
ENCRYPTION, MFA, EDR = "security.encryption", "security.provider_mfa", "security.edr"
DISASTER = "disaster.who_does_what"


def test_a_candidate_answers_the_questionnaire_and_the_user_accepts_some_answers(
    app: App, tmp_path_factory: pytest.TempPathFactory
) -> None:
    page = app.page
    app.open()
    app.navigate("Questionnaires")
    store = Store(app.server.database_url)
    try:
        evaluation = store.load(store.find(DEMO).id).evaluation
    finally:
        store.dispose()
    candidate = evaluation.candidates[0]

    with page.expect_download() as started:
        page.get_by_role("button", name=f"Download the questionnaire for {candidate.name}").click()
    made = started.value.path().read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(made))
    assert book.sheetnames == ["Instructions", "Questions", "Due diligence", "itexit"]
    assert book["Instructions"]["A2"].value == "Asked by: the client"

    # The demo's first candidate has its two-step login score verified: offered unticked.
    answers = {
        ENCRYPTION: (0, "Not yet", ""),
        MFA: (1, "Only for admins", ""),
        EDR: (2, "Defender on half the laptops", "https://nimbus.example/edr.pdf"),
    }
    folder = tmp_path_factory.mktemp("answers")
    returned = folder / "nimbus-answers.xlsx"
    returned.write_bytes(filled(made, answers, {DISASTER: "We call you within 5 minutes."}))
    uploader = page.get_by_test_id("stFileUploader")
    with app.expect_run():
        uploader.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(returned)
    expect(uploader.get_by_test_id("stFileChipName")).to_have_text(returned.name)

    grid = page.get_by_test_id("stDataFrame").first
    expect(page.get_by_text("would change what is recorded")).to_be_visible()
    encryption = next(c.name for c in evaluation.checklist.criteria if c.id == ENCRYPTION)
    # The pinned question comes first in the grid, then "Accept".
    expect(grid.get_by_test_id("glide-cell-0-0")).to_have_text(encryption)
    expect(grid.get_by_test_id("glide-cell-1-1")).to_have_text("false")  # verified: unticked
    app.select_cell(grid, 0, 1)
    with app.expect_run():
        page.keyboard.press("Space")  # untick encryption: keep what is recorded
    accept = page.get_by_role("button", name="Accept the 2 ticked answers")
    expect(accept).to_be_visible()
    with app.expect_run():
        accept.click()
    expect(page.get_by_text("Accepted").first).to_be_visible()

    store = Store(app.server.database_url)
    try:
        saved = store.load(store.find(DEMO).id).evaluation.provider(candidate.id)
    finally:
        store.dispose()
    assert saved.score(ENCRYPTION) == candidate.score(ENCRYPTION)
    assert saved.score(MFA) == candidate.score(MFA)
    assert (saved.score(EDR).rating, saved.score(EDR).verified) == (2, False)
    assert saved.score(EDR).source is not None and "edr.pdf" in saved.score(EDR).note
    assert saved.answers[DISASTER].text == "We call you within 5 minutes."

    # Then the decision goes to the partners: the board report, with the answers taken in.
    app.navigate("Decide")
    with page.expect_download() as started:
        page.get_by_role("button", name="Download the board report (PDF)").click()
    report = PdfReader(io.BytesIO(started.value.path().read_bytes()))
    text = " ".join(p.extract_text() for p in report.pages)
    assert 2 <= len(report.pages) <= 6
    assert candidate.name in text and "not legal advice" in text
    assert not app.page_errors
