"""Untrusted text is shown as typed: `ui.plain` for Streamlit's Markdown, `style.escaped` for
charts. What the browser makes of them is checked in tests/e2e/test_untrusted_text.py."""

from __future__ import annotations

import json
import re
import string
from datetime import date

import plotly.graph_objects as go
import pytest
from hypothesis import given
from hypothesis import strategies as st

from itexit.compare.views import compare_view, radar_chart
from itexit.cost.views import costs_view
from itexit.decide.views import decide_view
from itexit.demo import demo_ticket_set
from itexit.evaluation import Evaluation
from itexit.exit.views import offboarding_view
from itexit.service import tickets_from_bytes
from itexit.service.views import delivered_view
from itexit.ui import plain
from tests.hostile import hostile_evaluation

JOINER = "\u2060"  # the invisible word joiner `plain` puts inside text Streamlit would rewrite


def as_read(markdown: str) -> str:
    """What a reader sees of escaped Markdown: no escapes, no invisible joiners."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(JOINER, "")


@pytest.mark.parametrize(
    ("typed", "markdown"),
    [
        (
            "Security & encryption or Server maintenance?",
            "Security & encryption or Server maintenance?",
        ),
        ("**bold** _it_ `code` ~gone~", r"\*\*bold\*\* \_it\_ \`code\` \~gone\~"),
        ("$x$", r"\$x\$"),
        ("![i](http://x/i.png)", "\\!\\[i\\](http:\u2060//x/i.png)"),
        ("[l](https://example.invalid)", "\\[l\\](https:\u2060//example.invalid)"),
        ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert(1)>"),
        ("a | b", r"a \| b"),
        ("&lt;b&gt; &#58; & more", r"\&lt;b\&gt; \&#58; & more"),
        ("C:\\path", "C:\u2060\\\\path"),
        (":red[x]", "\u2060".join([":", r"red\[x\]"])),
        (":material/home:", ":\u2060material/home:"),
        (":material_home:", ":\u2060material\\_home:"),
        (":smile:", ":\u2060smile:"),
        ("https://example.invalid/x", "https:\u2060//example.invalid/x"),
        ("www.example.com", "www\u2060.example.com"),
        ("jo@example.com", "jo@\u2060example.com"),
        (
            "a -> b <- c -- d >= e ~= f",
            "a -\u2060> b \\<\u2060- c -\u2060- d >\u2060= e \\~\u2060= f",
        ),
        ("# heading", r"\# heading"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("> quote", r"\> quote"),
        ("1986. A good year", r"1986\. A good year"),
        ("===", r"\==="),
        ("Dental: provider review", "Dental: provider review"),
        ("  first line \n\n  - second  ", "first line  \n\\- second"),
    ],
    ids=[
        "everyday punctuation is left alone",
        "emphasis, code and strikethrough",
        "LaTeX",
        "image",
        "link",
        "HTML",
        "table",
        "entities",
        "backslash",
        "colour",
        "icon",
        "icon as Streamlit rewrites it",
        "emoji shortcode",
        "bare address",
        "bare www address",
        "e-mail address",
        "typographic arrows and dashes",
        "heading",
        "list",
        "list with a plus",
        "quote",
        "numbered list",
        "underline",
        "a colon before a space needs no joiner",
        "lines kept, blank lines and indents dropped",
    ],
)
def test_user_text_is_escaped_for_markdown(typed: str, markdown: str) -> None:
    assert plain(typed) == markdown


@given(st.text().map(str.strip).filter(lambda t: t and not any(c.isspace() for c in t)))
def test_escaped_text_reads_exactly_as_typed(typed: str) -> None:
    assert as_read(plain(typed)) == typed


@given(st.text(alphabet=string.printable))
def test_no_markdown_syntax_is_left_unescaped(typed: str) -> None:
    markdown = plain(typed)
    # An escaped character stands in place, so '&' + '\\&#' does not read as '&#'.
    unescaped = re.sub(r"\\.", "\x00", markdown)
    assert not set("`*_[]<!$~|") & set(unescaped)
    assert not re.search(r"&(#|\w+;)", unescaped)
    assert not re.search(r"^([#>+=-]|\d+[.)])", markdown, flags=re.M)


@pytest.mark.parametrize(
    "rewritten",
    [":m", ":s", "://", "www.", "@e", "->", "<-", "--", ">=", "~="],
    ids=["icon", "emoji", "address", "www address", "e-mail", "→", "←", "—", "≥", "≈"],
)
def test_what_streamlit_rewrites_after_parsing_never_reaches_it_whole(rewritten: str) -> None:
    typed = ":material/home: :smile: https://x.org www.x.org jo@example.com -> <- -- >= ~="
    parsed = re.sub(r"\\(.)", r"\1", plain(typed))  # Markdown's text, before the rewrites
    assert rewritten in typed and rewritten not in parsed


# Charts -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile() -> Evaluation:
    return hostile_evaluation()


def figures(evaluation: Evaluation) -> list[go.Figure]:
    """Every chart a page draws from the evaluation."""
    today = date(2026, 11, 27)
    compared = compare_view(evaluation, "as scored")
    costs = costs_view(evaluation, today)
    delivered = delivered_view(evaluation, tickets_from_bytes(demo_ticket_set()))
    shown = tuple(p.id for p in evaluation.providers)
    drawn = [
        compared.gap_chart,
        compared.heatmap,
        radar_chart(evaluation, "as scored", shown),
        costs.stack,
        costs.over_time,
        costs.value_map,
        decide_view(evaluation, today).tornado,
        offboarding_view(evaluation, today).timeline,
        delivered.trend,
    ]
    return [figure for figure in drawn if figure is not None]


def test_every_chart_shows_imported_names_and_texts_as_text(hostile: Evaluation) -> None:
    drawn = figures(hostile)
    assert len(drawn) == 9
    for figure in drawn:
        plotted = json.dumps(figure.to_plotly_json(), default=str)
        assert "<img" not in plotted and "<a " not in plotted
