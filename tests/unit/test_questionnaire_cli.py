"""`itexit questionnaire` and `itexit answers`: the workbook written, the answers shown beside
the current scores, saved only with --accept, and every bad file one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from itexit.cli import main
from itexit.evaluation import Evaluation, Score
from itexit.store import Store
from tests.questionnaires import filled

ENCRYPTION, MFA = "security.encryption", "security.provider_mfa"


@pytest.fixture
def url(sqlite_url: str, evaluation: Evaluation) -> str:
    nimbus = next(p.id for p in evaluation.providers if p.name == "Nimbus IT")
    store = Store(sqlite_url)
    store.create(
        evaluation.with_scores(nimbus, {MFA: Score(rating=5, note="Seen it", verified=True)})
    )
    store.dispose()
    return sqlite_url


def saved(url: str) -> Evaluation:
    store = Store(url)
    try:
        return store.load(store.find("Acme review").id).evaluation
    finally:
        store.dispose()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def returned(url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Nimbus IT's questionnaire, made by the command and filled in by the candidate."""
    made = tmp_path / "nimbus.xlsx"
    code, _, err = run(
        capsys, "questionnaire", "Acme review", "nimbus it", "-o", str(made), "--database-url", url
    )
    assert code == 0 and "the questionnaire for Nimbus IT" in err
    answers = {ENCRYPTION: (4, "SOC 2 report", ""), MFA: (2, "", "")}
    made.write_bytes(filled(made.read_bytes(), answers))
    return made


def test_answers_without_accept_show_the_answers_and_save_nothing(
    url: str, returned: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "answers", "Acme review", str(returned), "--database-url", url)
    assert code == 0
    assert "Nimbus IT answered 2 criteria" in out
    assert "[x] Encryption" in out and "[ ] " in out and "(verified)" in out
    assert "Nothing was saved" in out
    nimbus = saved(url).candidates[0]
    assert nimbus.score(ENCRYPTION).rating == "unknown"


def test_answers_with_accept_save_claimed_scores_and_keep_verified_ones(
    url: str, returned: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "answers", "Acme review", str(returned), "--accept", "--database-url", url
    )
    assert code == 0 and "Accepted 1 answer as claimed; kept 1 verified" in out
    nimbus = saved(url).candidates[0]
    assert (nimbus.score(ENCRYPTION).rating, nimbus.score(ENCRYPTION).verified) == (4, False)
    assert nimbus.score(ENCRYPTION).source is not None
    assert (nimbus.score(MFA).rating, nimbus.score(MFA).verified) == (5, True)


def test_replace_verified_replaces_them_too(
    url: str, returned: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("answers", "Acme review", str(returned), "--accept", "--replace-verified")
    code, _, _ = run(capsys, *args, "--database-url", url)
    assert code == 0
    assert saved(url).candidates[0].score(MFA).rating == 2


def test_a_bad_file_is_one_line_and_changes_nothing(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "answers.xlsx"
    bad.write_text("name,score\n", encoding="utf-8")
    before = saved(url)
    code, out, err = run(
        capsys, "answers", "Acme review", str(bad), "--accept", "--database-url", url
    )
    assert code == 1 and out == ""
    assert err.startswith("itexit: ") and "not an Excel workbook" in err and err.count("\n") == 1
    assert saved(url) == before


def test_an_unknown_candidate_is_named_with_the_candidates_there_are(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "q.xlsx")
    code, _, err = run(
        capsys, "questionnaire", "Acme review", "Nobody", "-o", out, "--database-url", url
    )
    assert code == 1 and "No candidate 'Nobody'" in err and "Nimbus IT, Bluegate" in err


def test_the_current_provider_is_never_sent_a_questionnaire(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "q.xlsx"
    code, _, err = run(
        capsys, "questionnaire", "Acme review", "Oldco IT", "-o", str(out), "--database-url", url
    )
    assert code == 1 and "the current provider is never sent one" in err
    assert not out.exists()


def test_an_answer_by_date_in_the_past_is_refused(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("questionnaire", "Acme review", "Bluegate", "-o", str(tmp_path / "q.xlsx"))
    code, _, err = run(capsys, *args, "--due", "2020-01-01", "--database-url", url)
    assert code == 1 and "in the past" in err


def test_include_name_without_a_company_name_says_where_to_fill_it_in(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ("questionnaire", "Acme review", "Bluegate", "-o", str(tmp_path / "q.xlsx"))
    code, _, err = run(capsys, *args, "--include-name", "--database-url", url)
    assert code == 1 and "Notice letter page" in err
    assert not (tmp_path / "q.xlsx").exists()
