"""Every page through AppTest: its empty state, its normal use, and how it refuses bad input."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from itexit.evaluation import Evaluation, Score
from itexit.store import Store
from tests.app.conftest import OpenPage
from tests.app.helpers import DEMO, as_read, edit, latest

PAGES = ["evaluations", "providers", "priorities", "scorecard", "compare"]


def texts(at: AppTest, kind: str) -> list[str]:
    return [str(e.value) for e in getattr(at, kind)]


def errors(at: AppTest) -> str:
    """The error messages on the page, as the user reads them (markdown escapes removed)."""
    return as_read(" ".join(texts(at, "error")))


def button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


# Every page --------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_demo_without_errors(
    open_page: OpenPage, demo: Evaluation, page: str
) -> None:
    at = open_page(page)
    assert not at.exception
    assert not at.error
    assert texts(at, "title") == [page.capitalize()]


@pytest.mark.parametrize("page", PAGES[1:])
def test_without_any_evaluation_every_page_points_to_creating_one(
    open_page: OpenPage, page: str
) -> None:
    at = open_page(page)
    assert any("There is no evaluation yet" in t for t in texts(at, "info"))


@pytest.mark.parametrize("page", PAGES)
def test_a_database_that_cannot_be_opened_is_explained_on_every_page(
    open_page: OpenPage, monkeypatch: pytest.MonkeyPatch, page: str
) -> None:
    at = open_page("evaluations")
    monkeypatch.setenv("ITEXIT_DATABASE_URL", "nosuchdialect://nowhere")
    if page != "evaluations":
        at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception
    assert "Cannot open the database" in errors(at)
    assert "ITEXIT_DATABASE_URL" in errors(at)


def test_the_sidebar_picker_chooses_the_evaluation_every_page_shows(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    app_store.create(demo.renamed("Second client"))
    at = open_page("compare")
    assert at.sidebar.selectbox[0].value == app_store.find("Harbourside Dental: provider review").id
    at.sidebar.selectbox[0].select(app_store.find("Second client").id).run()
    at.switch_page("pages/providers.py").run()
    assert at.sidebar.selectbox[0].value == app_store.find("Second client").id


# Evaluations -------------------------------------------------------------------------------------


def test_evaluations_page_without_evaluations_invites_creating_the_first(
    open_page: OpenPage,
) -> None:
    at = open_page("evaluations")
    assert any("no evaluations yet" in t for t in texts(at, "info"))
    assert not at.dataframe


def test_creating_an_evaluation_stores_it_and_opens_it(
    open_page: OpenPage, app_store: Store
) -> None:
    at = open_page("evaluations")
    at.text_input[0].input("Acme Ltd: review 2027")
    at.button[0].click().run()
    assert [s.name for s in app_store.summaries()] == ["Acme Ltd: review 2027"]
    assert at.sidebar.selectbox[0].value == app_store.find("Acme Ltd: review 2027").id
    assert not at.error


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "Evaluation name can't be empty"),
        ("   ", "Evaluation name can't be empty"),
        ("harbourside dental: PROVIDER review", f"called '{DEMO}' already exists"),
    ],
    ids=["empty", "spaces", "duplicate"],
)
def test_a_bad_evaluation_name_is_refused_and_nothing_is_added(
    open_page: OpenPage, demo: Evaluation, app_store: Store, name: str, problem: str
) -> None:
    at = open_page("evaluations")
    at.text_input[0].set_value(name)
    at.button[0].click().run()
    assert problem in errors(at)
    assert [s.name for s in app_store.summaries()] == [demo.name]


def test_renaming_and_duplicating_an_evaluation(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("evaluations")
    rename = next(t for t in at.text_input if t.label == "Rename to")
    rename.input("Harbourside 2027")
    button(at, "Rename").click().run()
    assert [s.name for s in app_store.summaries()] == ["Harbourside 2027"]
    copy = next(t for t in at.text_input if t.label == "Duplicate as")
    assert copy.value == "Copy of Harbourside 2027"
    button(at, "Duplicate").click().run()
    assert sorted(s.name for s in app_store.summaries()) == [
        "Copy of Harbourside 2027",
        "Harbourside 2027",
    ]
    assert latest(app_store, "Copy of Harbourside 2027").providers == demo.providers


def test_deleting_an_evaluation_asks_first_and_removes_only_it(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    app_store.create(demo.renamed("Keep me"))
    at = open_page("evaluations")
    at.sidebar.selectbox[0].select(app_store.find(demo.name).id).run()
    assert [s.name for s in app_store.summaries()] == [
        "Harbourside Dental: provider review",
        "Keep me",
    ]
    button(at, "Yes, delete it").click().run()
    assert [s.name for s in app_store.summaries()] == ["Keep me"]
    assert at.sidebar.selectbox[0].value == app_store.find("Keep me").id


# Providers ---------------------------------------------------------------------------------------


@pytest.fixture
def blank(app_store: Store, checklist: Any) -> Evaluation:
    evaluation = Evaluation.new("Blank", checklist)
    app_store.create(evaluation)
    return evaluation


def add_provider(at: AppTest, name: str, current: bool) -> AppTest:
    field = next(t for t in at.text_input if t.label == "Provider name")
    field.set_value(name)
    role = next(r for r in at.radio if r.label == "Its part")
    role.set_value("current" if current else "candidate")
    return button(at, "Add provider").click().run()


def test_providers_page_without_providers_says_to_add_the_current_one_first(
    open_page: OpenPage, blank: Evaluation
) -> None:
    at = open_page("providers")
    assert any("No providers yet" in t for t in texts(at, "info"))
    role = next(r for r in at.radio if r.label == "Its part")
    assert role.value is None  # the user says which the first provider is


def test_adding_a_current_provider_and_candidates(
    open_page: OpenPage, blank: Evaluation, app_store: Store
) -> None:
    at = open_page("providers")
    add_provider(at, "Oldco IT", current=True)
    add_provider(at, "Nimbus IT", current=False)
    add_provider(at, "Bluegate", current=False)
    providers = latest(app_store, "Blank").providers
    assert [(p.name, p.current) for p in providers] == [
        ("Oldco IT", True),
        ("Nimbus IT", False),
        ("Bluegate", False),
    ]
    assert not at.error


def test_making_a_candidate_current_and_renaming_and_removing(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("providers")
    button(at, "Make current").click().run()  # the first candidate: Nimbus IT
    assert latest(app_store).current.name == "Nimbus IT"  # type: ignore[union-attr]
    name_fields = [t for t in at.text_input if t.label == "New name"]
    name_fields[1].set_value("SwiftNet (old)")
    [b for b in at.button if b.label == "Save name"][1].click().run()
    assert "SwiftNet (old)" in [p.name for p in latest(app_store).providers]
    [b for b in at.button if b.label == "Yes, remove"][-1].click().run()
    assert [p.name for p in latest(app_store).providers] == [
        "SwiftNet (old)",
        "Nimbus IT",
        "Bluegate Technology",
    ]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "Provider name can't be empty"),
        ("  ", "Provider name can't be empty"),
        ("nimbus it", "There is already a provider called 'Nimbus IT'"),
    ],
    ids=["empty", "spaces", "duplicate ignoring case"],
)
def test_a_bad_provider_name_is_refused_and_nothing_changes(
    open_page: OpenPage, demo: Evaluation, app_store: Store, name: str, problem: str
) -> None:
    at = open_page("providers")
    add_provider(at, name, current=False)
    assert problem in errors(at)
    assert latest(app_store) == demo


def test_a_provider_name_with_html_and_markdown_shows_as_plain_text(
    open_page: OpenPage, blank: Evaluation
) -> None:
    at = open_page("providers")
    name = "<img src=x onerror=alert(1)> **bold** ![i](http://x/i.png)"
    add_provider(at, name, current=True)
    shown = [m.value for m in at.markdown if "img" in m.value]
    assert shown and all("\\<img" in m and "\\*\\*bold" in m and "\\!\\[i\\]" in m for m in shown)
    assert all(not m.allow_html for m in at.markdown)


def test_a_change_made_on_a_stale_view_is_refused_then_made_again_on_the_latest(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    mine = open_page("providers")
    theirs = open_page("providers")
    add_provider(theirs, "Theirs Ltd", current=False)
    add_provider(mine, "Mine Ltd", current=False)
    refusal = as_read(" ".join(texts(mine, "warning")))
    assert "Someone else changed this evaluation" in refusal and "Mine Ltd: added" in refusal
    names = [p.name for p in latest(app_store).providers]
    assert "Theirs Ltd" in names and "Mine Ltd" not in names
    button(mine, "Make my change again on the latest version").click().run()
    names = [p.name for p in latest(app_store).providers]
    assert "Theirs Ltd" in names and "Mine Ltd" in names


# Scorecard ---------------------------------------------------------------------------------------


def test_scorecard_without_providers_points_to_the_providers_page(
    open_page: OpenPage, blank: Evaluation
) -> None:
    at = open_page("scorecard")
    assert any("no providers yet" in t for t in texts(at, "info"))


def test_scorecard_shows_every_criterion_with_what_0_3_and_5_mean(
    open_page: OpenPage, demo: Evaluation
) -> None:
    at = open_page("scorecard")
    assert len(at.data_editor) == 6
    assert len(at.table) == 6
    criteria = sum(len(e.value) for e in at.data_editor)
    assert criteria == len(demo.checklist.criteria)
    guide = at.table[0].value
    assert list(guide.columns) == ["Criterion", "0 means", "3 means", "5 means"]
    assert "32 of 38" in at.get("progress")[0].proto.text


def test_scoring_a_criterion_saves_it_at_once(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("scorecard")
    edit(at, 0, {6: {"Score": "4", "Evidence / note": "Contract clause 9.2: 24 hours"}})
    current = latest(app_store).current
    assert current is not None
    score = current.score("security.breach_notification")
    assert (score.rating, score.note) == (4, "Contract clause 9.2: 24 hours")
    assert not at.error
    assert "33 of 38" in at.get("progress")[0].proto.text


def test_unknown_and_n_a_can_be_chosen(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("scorecard")
    edit(at, 1, {0: {"Score": "n/a"}, 1: {"Score": "unknown"}})
    current = latest(app_store).current
    assert current is not None
    assert current.score("maintenance.patch_timeframes").rating == "n/a"
    assert current.score("maintenance.emergency_patching").rating == "unknown"


def test_scoring_another_provider(open_page: OpenPage, demo: Evaluation, app_store: Store) -> None:
    at = open_page("scorecard")
    at.selectbox(key="itexit_picker_Provider").select_index(3).run()
    edit(at, 0, {1: {"Score": "5"}})
    castle = next(p for p in latest(app_store).providers if p.name == "Castle Managed Services")
    assert castle.score("security.provider_mfa").rating == 5


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"Score": "7"}, "7 is not a whole number from 0 to 5"),
        ({"Score": 2.5}, "2.5 is not a whole number from 0 to 5"),
        ({"Score": "-1"}, "-1 is not a whole number from 0 to 5"),
        ({"Score": "good"}, "'good' is not a score"),
        ({"Evidence / note": "x" * 2001}, "at most 2000 characters"),
    ],
    ids=["above 5", "not whole", "negative", "not a number", "note too long"],
)
def test_a_bad_score_from_the_editor_is_refused_and_nothing_of_that_edit_is_saved(
    open_page: OpenPage, demo: Evaluation, app_store: Store, cells: dict[str, Any], problem: str
) -> None:
    at = open_page("scorecard")
    edit(at, 0, {0: {"Score": "5"}, 2: cells})
    assert "Nothing was saved" in errors(at) and problem in errors(at)
    assert latest(app_store) == demo


def test_notes_with_html_and_formulas_are_kept_as_typed(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    note = '=HYPERLINK("http://x") <script>alert(1)</script>'
    at = open_page("scorecard")
    edit(at, 0, {0: {"Evidence / note": note}})
    current = latest(app_store).current
    assert current is not None and current.score("security.encryption").note == note


# Priorities --------------------------------------------------------------------------------------


def test_priorities_shows_each_essential_with_weight_share_and_target(
    open_page: OpenPage, demo: Evaluation
) -> None:
    at = open_page("priorities")
    table = at.data_editor[0].value
    assert list(table["Essential"]) == [e.name for e in demo.checklist.essentials]
    assert table["Share of overall"].sum() == pytest.approx(100)


def test_changing_a_weight_and_a_target_saves_them(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("priorities")
    edit(at, 0, {2: {"Weight": 3}, 4: {"Target": 4.5}})
    saved = latest(app_store)
    assert saved.essential_weights["helpdesk"] == 3
    assert saved.targets["backup"] == 4.5
    assert not at.error


def test_restoring_the_default_weights_and_targets(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("priorities")
    button(at, "Restore every default weight and target").click().run()
    saved = latest(app_store)
    assert set(saved.essential_weights.values()) == {1.0}
    assert set(saved.targets.values()) == {4.0}


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        ({"Weight": -1}, "out of range"),
        ({"Weight": "abc"}, "'abc' is not a number"),
        ({"Weight": None}, "can't be empty"),
        ({"Weight": 1e9}, "out of range"),
        ({"Target": 6}, "out of range"),
    ],
    ids=["negative weight", "weight not a number", "weight empty", "huge weight", "target above 5"],
)
def test_a_bad_weight_or_target_is_refused_and_nothing_is_saved(
    open_page: OpenPage, demo: Evaluation, app_store: Store, cells: dict[str, Any], problem: str
) -> None:
    at = open_page("priorities")
    edit(at, 0, {0: {"Weight": 2}, 1: cells})
    assert "Nothing was saved" in errors(at) and problem in errors(at)
    assert latest(app_store) == demo


def test_setting_every_weight_to_zero_is_refused(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    at = open_page("priorities")
    edit(at, 0, {i: {"Weight": 0} for i in range(6)})
    assert "Give at least one essential a weight above 0" in errors(at)
    assert latest(app_store) == demo


# Compare -----------------------------------------------------------------------------------------


def test_compare_without_providers_points_to_the_providers_page(
    open_page: OpenPage, blank: Evaluation
) -> None:
    at = open_page("compare")
    assert any("no providers yet" in t for t in texts(at, "info"))
    assert not at.get("plotly_chart")


def test_compare_shows_the_table_the_charts_and_the_download(
    open_page: OpenPage, demo: Evaluation
) -> None:
    at = open_page("compare")
    table = at.dataframe[0].value
    assert list(table["Provider"]) == [
        "Nimbus IT",
        "Castle Managed Services",
        "Bluegate Technology",
        "SwiftNet IT",
    ]
    assert list(table["Rank"]) == [1, 2, 3, 4]
    assert len(at.get("plotly_chart")) == 3
    assert [b.label for b in at.download_button] == [
        "Download the comparison (CSV)",
        "Download the comparison (Excel)",
    ]
    summary = as_read(" ".join(texts(at, "markdown")))
    assert "SwiftNet IT, scores 28.7 out of 100" in summary


def test_compare_with_nothing_scored_says_what_to_do(
    open_page: OpenPage, app_store: Store, evaluation: Evaluation
) -> None:
    app_store.create(evaluation)
    at = open_page("compare")
    summary = " ".join(texts(at, "markdown"))
    assert "has no scores yet" in summary
    assert "No candidate has scores yet" in summary
    assert len(at.get("plotly_chart")) == 3


def test_the_radar_offers_a_choice_of_providers_when_there_are_many(
    open_page: OpenPage, app_store: Store, evaluation: Evaluation
) -> None:
    for name in ("D", "E", "F"):
        evaluation = evaluation.with_provider(name)
    app_store.create(evaluation)
    at = open_page("compare")
    assert len(at.multiselect[0].value) == 5


def test_the_evaluations_page_resets_the_demo_to_today(
    open_page: OpenPage, demo: Evaluation, app_store: Store
) -> None:
    stored = app_store.load(app_store.find(demo.name).id)
    current = demo.providers[0].id
    changed = demo.with_scores(current, {"security.encryption": Score(rating=5)})
    app_store.save(stored.id, changed, stored.revision)
    at = open_page("evaluations")
    button(at, "Yes, reset the demo").click().run()
    assert not at.exception and not at.error
    reset = app_store.load(stored.id)
    assert reset.revision == stored.revision + 2
    assert reset.evaluation.providers[0].score("security.encryption").rating == 2
    assert "starts again from today" in " ".join(t.value for t in at.toast)
