"""Sign-in through AppTest, which seeds `st.user` (AppTest.user) as Streamlit's own sign-in
would: who gets in, what a viewer sees, and that the server refuses a viewer's change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.proto.Dataframe_pb2 import Dataframe as DataframeProto
from streamlit.testing.v1 import AppTest

from itexit.evaluation import Evaluation
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
        ],
    },
}
SAVING = {"button", "form_submit_button", "file_uploader"}


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


def enabled_saving_controls(at: AppTest) -> list[str]:
    """The controls that save something and are not disabled, by type and label (or key).

    The sign-out button and the sidebar's pickers change no data."""
    found = []
    for node in at.main:
        editor = (
            node.type == "dataframe"
            and node.proto.editing_mode != DataframeProto.EditingMode.READ_ONLY
        )
        if (node.type in SAVING or editor) and not node.proto.disabled:
            found.append(f"{node.type}: {getattr(node.proto, 'label', '') or node.proto.id}")
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


@pytest.mark.parametrize("page", PAGES)
def test_a_viewer_finds_no_enabled_control_that_saves(demo: Evaluation, page: str) -> None:
    at = signed_in("sam@example.com", page)
    assert "You can view this evaluation but not change it" in texts(at, "info")
    assert enabled_saving_controls(at) == []


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
