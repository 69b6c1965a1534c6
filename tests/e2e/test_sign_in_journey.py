"""Sign-in through a real OpenID Connect provider (oidc-provider-mock) on 127.0.0.1: an
editor changes a score, a viewer finds the controls disabled, a stranger is turned away, and a
link survives the round trip through the provider."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

import pytest
import werkzeug.serving
from oidc_provider_mock import User
from oidc_provider_mock import app as provider_app
from playwright.sync_api import Browser, expect

from itexit.store import Store
from tests.e2e.conftest import App, Server, cell_of, free_port, new_tab, running_server

PEOPLE = {
    "jo@example.com": True,  # editor
    "sam@example.com": True,  # viewer
    "stranger@else.test": True,  # not on the list
    "unverified@example.com": False,
}


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A real OpenID Connect provider on 127.0.0.1; whoever signs in picks one of PEOPLE."""
    # Plain http on 127.0.0.1: Authlib refuses it unless told this is a test.
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
    users = [
        User(sub=email, claims={"email": email, "email_verified": verified})
        for email, verified in PEOPLE.items()
    ]
    server = werkzeug.serving.make_server(
        "127.0.0.1", 0, provider_app(user_claims=users), threaded=True
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def signed_server(provider: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`itexit run` with sign-in configured in a secrets file that points at the provider."""
    folder = tmp_path_factory.mktemp("signed")
    port = free_port()
    secrets = folder / "secrets.toml"
    secrets.write_text(
        f"""
[auth]
redirect_uri = "http://127.0.0.1:{port}/oauth2callback"
cookie_secret = "a-test-cookie-secret-of-some-length"
client_id = "itexit"
client_secret = "itexit-secret"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[itexit]
ask = "Jo, the office manager"

[[itexit.allow]]
who = "jo@example.com"
role = "editor"

[[itexit.allow]]
who = "example.com"
role = "viewer"
""",
        encoding="utf-8",
    )
    url = f"sqlite:///{folder / 'itexit.db'}"
    options = ["--secrets.files", str(secrets)]
    with running_server(folder, url, port=port, options=options) as running:
        yield running


def sign_in(app: App, email: str, path: str = "") -> None:
    """Open the app at `path`, press Sign in, and pick `email` at the provider."""
    app.open(path)
    expect(app.page.get_by_text("sign in with your work account")).to_be_visible()
    app.page.get_by_role("button", name="Sign in").click()
    with app.expect_run():
        app.page.get_by_role("button", name=email, exact=True).click()


def test_an_editor_lands_on_the_linked_page_and_changes_a_score(
    browser: Browser, signed_server: Server
) -> None:
    with new_tab(browser) as page:
        app = App(page, signed_server)
        sign_in(app, "jo@example.com", "scorecard?evaluation=1")
        expect(page.get_by_role("heading", level=1)).to_have_text("Scorecard")
        signed = re.compile("Signed in as jo@\u2060?example.com")  # ui.plain keeps @ literal
        expect(page.get_by_test_id("stSidebar")).to_contain_text(signed)
        grid = page.get_by_test_id("stDataFrame").first
        expect(grid).to_be_visible()  # the page has read the evaluation (the demo is made)
        store = Store(signed_server.database_url)
        before = store.load(1).revision
        app.choose_in_grid(grid, 0, 1, "0")
        expect(cell_of(grid, 1, 0)).to_have_text("0")
        assert store.load(1).revision == before + 1
        store.dispose()


def test_a_viewer_finds_every_control_that_changes_data_disabled(
    browser: Browser, signed_server: Server
) -> None:
    with new_tab(browser) as page:
        app = App(page, signed_server)
        sign_in(app, "sam@example.com")
        expect(page.get_by_text("You can view this evaluation but not change it")).to_be_visible()
        expect(page.get_by_role("button", name="Rename")).to_be_disabled()
        expect(page.get_by_role("button", name="Create evaluation")).to_be_disabled()
        expect(page.get_by_label("Rename to")).to_be_disabled()
        app.navigate("Contract & deadlines")
        expect(page.get_by_role("button", name="Save contract")).to_be_disabled()
        expect(page.get_by_label("Monthly fee")).to_be_disabled()
        expect(page.get_by_role("spinbutton", name="day, Start date")).to_be_disabled()


@pytest.mark.parametrize(
    ("email", "said"),
    [
        ("stranger@else.test", re.compile("stranger@\u2060?else.test is not on ITexit's list")),
        ("unverified@example.com", "has not verified the address"),
    ],
)
def test_a_person_the_allow_list_refuses_is_turned_away_saying_who_to_ask(
    browser: Browser, signed_server: Server, email: str, said: str | re.Pattern[str]
) -> None:
    with new_tab(browser) as page:
        app = App(page, signed_server)
        sign_in(app, email)
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text(said)
        expect(alert).to_contain_text("Jo, the office manager")
        expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)


def test_sign_out_ends_the_session(browser: Browser, signed_server: Server) -> None:
    with new_tab(browser) as page:
        app = App(page, signed_server)
        sign_in(app, "jo@example.com")
        page.get_by_role("button", name="Sign out").click()
        # Streamlit also ends the session at the provider, which asks to confirm.
        with app.expect_run():
            page.get_by_role("button", name="End session").click()
        expect(page.get_by_role("button", name="Sign in")).to_be_visible()
        expect(page.get_by_text("Signed in as")).to_have_count(0)
