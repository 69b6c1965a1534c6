"""Sign-in through AppTest, which seeds `st.user` (AppTest.user) as Streamlit's own sign-in
would: who gets in, what a viewer sees, and that the server refuses a viewer's change."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from streamlit.proto.Dataframe_pb2 import Dataframe as DataframeProto
from streamlit.testing.v1 import AppTest

from itexit.evaluation import Evaluation
from itexit.series.reviews import next_review, series_started
from itexit.series.views import ONE_REVIEW, hidden_sentence
from itexit.store import Store

from .helpers import DEMO, edit, latest, texts

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = [
    "evaluations",
    "providers",
    "priorities",
    "criteria",
    "scorecard",
    "questionnaires",
    "compare",
    "costs",
    "service",
    "decide",
    "due_diligence",
    "contract",
    "grounds",
    "letter",
    "offboarding",
    "history",
    "reviews",
]
SECRETS: dict[str, Any] = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "not-a-secret-in-tests",
        "client_id": "itexit",
        "client_secret": "itexit",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    },
    "itexit": {
        "ask": "Jo, the office manager",
        "allow": [
            {"who": "jo@example.com", "role": "editor"},
            {"who": "example.com", "role": "viewer"},
            {"who": "client@acme.test", "role": "viewer", "evaluations": ["Acme review"]},
            {"who": "owner@acme.test", "role": "editor", "evaluations": ["Acme review"]},
        ],
    },
}
LOOKS_ONLY = {"download_button", "page_link"}
"""Controls that never change data: downloads, and links to another page."""
PICKERS_OF_WHAT_TO_SEE = {
    "Provider",  # the provider pickers (`ui.choose_provider`)
    "Candidate",
    "Whose contract",
    "Pricing of",
    "Promises of",
    "Rank on verified scores only",  # compare: which scores to rank on
    "Providers on the radar",
    "Also show switching now, before the term ends",  # costs
    "Include our name (Harbourside Dental Ltd)",  # questionnaires: what the file says
    "Answer by",
    "Kind of notice",  # letter: which draft to read
    "Older",  # history: the revisions to compare and to look at
    "Newer",
    "Revision to restore",
}
"""The inputs that only choose what to look at, or what a download holds, by label."""
DISABLED_FOR_EDITORS_TOO = {"button: Read the priorities this way"}
"""Controls an editor finds disabled until there is something for them to do."""
NOTHING_TO_CHANGE = {"compare", "decide", "reviews"}
"""Pages that only show (their pickers, downloads and charts), for editors too."""


def signed_in(email: str | None, page: str = "evaluations") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.secrets.update(SECRETS)
    at.user = (
        {} if email is None else {"is_logged_in": True, "email": email, "email_verified": True}
    )
    at.run()
    if page != "evaluations":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def controls_that_change_data(at: AppTest, *, disabled: bool) -> list[str]:
    """The page's controls that change data (every input, button, upload and table editor but
    downloads, links, read-only tables and the pickers of what to look at), by type and label
    (or key), that are disabled, or not.

    The sidebar's evaluation picker and Sign out change no data."""
    found = []
    for node in at.main:
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "disabled") or node.type in LOOKS_ONLY:
            continue
        read_only_table = (
            node.type == "dataframe" and proto.editing_mode == DataframeProto.EditingMode.READ_ONLY
        )
        label = getattr(proto, "label", "") or proto.id
        if read_only_table or label in PICKERS_OF_WHAT_TO_SEE:
            continue
        if proto.disabled == disabled:
            found.append(f"{node.type}: {label}")
    return found


def test_a_visitor_who_has_not_signed_in_sees_what_itexit_is_and_a_sign_in_button(
    demo: Evaluation,
) -> None:
    at = signed_in(None)
    assert "leave an IT provider" in texts(at, "markdown")
    assert [b.label for b in at.button] == ["Sign in"]
    assert DEMO not in texts(at, "markdown")


def test_an_address_not_on_the_allow_list_is_turned_away_saying_who_to_ask(
    demo: Evaluation,
) -> None:
    at = signed_in("stranger@else.test")
    assert "stranger@else.test is not on ITexit's list" in texts(at, "error")
    assert "Ask Jo, the office manager" in texts(at, "error")
    assert not at.dataframe


def test_the_sidebar_names_the_signed_in_person_and_offers_sign_out(demo: Evaluation) -> None:
    at = signed_in("jo@example.com")
    assert "Signed in as jo@example.com" in texts(at.sidebar, "caption")
    assert "Sign out" in [b.label for b in at.sidebar.button]


def test_an_editor_may_save_a_score(demo: Evaluation, app_store: Store) -> None:
    at = signed_in("jo@example.com", "scorecard")
    before = latest(app_store).providers[0]
    edit(at, 0, {0: {"Score": "0"}})
    assert latest(app_store) != before
    assert not at.exception


def with_a_revision_to_restore(store: Store, demo: Evaluation) -> None:
    """A second revision of the demo, so the History page offers to restore the first."""
    stored = store.find(DEMO)
    store.save(stored.id, demo.with_currency("EUR"), base_revision=stored.revision)


@pytest.mark.parametrize("page", PAGES)
def test_a_viewer_finds_no_enabled_control_that_changes_data(
    demo: Evaluation, app_store: Store, page: str
) -> None:
    with_a_revision_to_restore(app_store, demo)
    at = signed_in("sam@example.com", page)
    assert "You can view this evaluation but not change it" in texts(at, "info")
    assert controls_that_change_data(at, disabled=False) == []


@pytest.mark.parametrize("page", PAGES)
def test_an_editor_finds_every_control_that_changes_data_enabled(
    demo: Evaluation, app_store: Store, page: str
) -> None:
    with_a_revision_to_restore(app_store, demo)
    at = signed_in("jo@example.com", page)
    assert set(controls_that_change_data(at, disabled=True)) <= DISABLED_FOR_EDITORS_TOO
    assert bool(controls_that_change_data(at, disabled=False)) == (page not in NOTHING_TO_CHANGE)


def test_a_viewers_forced_change_is_refused_by_the_server(
    demo: Evaluation, app_store: Store
) -> None:
    at = signed_in("sam@example.com", "scorecard")
    before = latest(app_store)
    edit(at, 0, {0: {"Score": "0", "Evidence / note": "forced"}})
    assert latest(app_store) == before
    assert "You can view this evaluation but not change it, so nothing was saved" in texts(
        at, "error"
    )


def test_a_client_sees_only_its_own_evaluation(
    demo: Evaluation, app_store: Store, evaluation: Evaluation
) -> None:
    app_store.create(evaluation)  # "Acme review"
    at = signed_in("client@acme.test")
    assert at.sidebar.selectbox[0].options == ["Acme review"]


@pytest.mark.parametrize("page", ["evaluations", "scorecard"])
def test_a_client_whose_evaluation_does_not_exist_is_told_so_and_who_to_ask(
    demo: Evaluation, page: str
) -> None:
    at = signed_in("client@acme.test", page)  # names "Acme review", which nobody has created
    said = texts(at, "info")
    assert "None of the evaluations you were given exists yet" in said
    assert "Ask Jo, the office manager" in said
    assert "Create your first one" not in said and "Start by creating one" not in said


def test_a_client_whose_evaluation_exists_is_not_told_it_is_missing(
    demo: Evaluation, app_store: Store, evaluation: Evaluation
) -> None:
    app_store.create(evaluation)  # "Acme review"
    assert "None of the evaluations" not in texts(signed_in("client@acme.test"), "info")


def test_a_link_to_an_evaluation_the_person_may_not_see_is_refused_like_an_unknown_one(
    demo: Evaluation, app_store: Store, evaluation: Evaluation
) -> None:
    app_store.create(evaluation)
    hidden = app_store.find(DEMO).id
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.secrets.update(SECRETS)
    at.user = {"is_logged_in": True, "email": "client@acme.test", "email_verified": True}
    at.query_params["evaluation"] = str(hidden)
    at.run()
    assert f"There is no evaluation {hidden} here" in texts(at, "error")
    assert DEMO not in texts(at, "markdown")


def test_without_sign_in_configured_everyone_is_an_editor_as_before(
    open_page: Any, demo: Evaluation
) -> None:
    at = open_page("scorecard")
    assert "You can view" not in texts(at, "info")
    assert not any(b.disabled for b in at.button if b.label == "Sign out")
    assert not at.data_editor[0].proto.disabled


def test_a_client_sees_no_other_evaluation_of_a_review_series_it_shares(
    demo: Evaluation, app_store: Store
) -> None:
    first = series_started(demo, date(2026, 11, 1))
    app_store.save(app_store.find(DEMO).id, first, 1)
    app_store.create(next_review(first, "Acme review", date(2027, 11, 2)))
    at = signed_in("client@acme.test", "reviews")
    assert [row[1] for row in at.dataframe[0].value.values.tolist()] == ["Acme review"]
    assert DEMO not in at_read(at)
    assert hidden_sentence(1) in texts(at, "info")
    assert ONE_REVIEW not in texts(at, "info")


def test_an_editor_of_only_some_evaluations_may_not_rename_one_even_by_a_restore(
    app_store: Store, evaluation: Evaluation
) -> None:
    beta = app_store.create(evaluation.renamed("Beta Ltd"))
    app_store.save(beta.id, beta.evaluation.renamed("Acme review"), 1)
    at = signed_in("owner@acme.test", "evaluations")
    assert next(t for t in at.text_input if t.label == "Rename to").disabled
    at.switch_page("pages/history.py").run()
    assert "only an editor of every evaluation may" in texts(at, "caption")
    next(b for b in at.button if b.label == "Yes, restore it").click().run()  # forced
    assert "Only an editor of every evaluation may rename one" in texts(at, "error")
    assert [s.name for s in app_store.summaries()] == ["Acme review"]


def at_read(at: AppTest) -> str:
    """Every text element and table cell on the page, as one string."""
    cells = " ".join(str(v) for d in at.dataframe for v in d.value.values.ravel())
    return " ".join([texts(at, "markdown"), texts(at, "caption"), cells])
