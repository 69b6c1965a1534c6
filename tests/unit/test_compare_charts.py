"""The charts: what they draw, the current provider always distinct, names shown as text."""

from __future__ import annotations

import json

import pytest

from itexit.compare import compare, gap_chart, heatmap, radar
from itexit.demo import demo_evaluation
from itexit.evaluation import Evaluation, Score
from itexit.style import CURRENT_COLOUR, colours, label


@pytest.fixture
def demo() -> Evaluation:
    return demo_evaluation()


def test_the_radar_draws_the_target_and_each_chosen_provider(demo: Evaluation) -> None:
    chosen = [p.id for p in demo.providers[:2]]
    figure = radar(demo, compare(demo), chosen)
    assert [t.name for t in figure.data] == ["Target", "SwiftNet IT (current)", "Nimbus IT"]
    assert figure.data[0].line.dash == "dash"
    assert len(figure.data[1].r) == len(demo.checklist.essentials) + 1  # closed outline


def test_the_current_provider_is_crimson_and_thicker_on_the_radar(demo: Evaluation) -> None:
    figure = radar(demo, compare(demo), [p.id for p in demo.providers])
    current, *candidates = figure.data[1:]
    assert current.line.color == CURRENT_COLOUR
    assert all(c.line.color != CURRENT_COLOUR for c in candidates)
    assert all(current.line.width > c.line.width for c in candidates)


def test_the_gap_chart_marks_the_current_provider_and_names_who_closes_each_gap(
    demo: Evaluation,
) -> None:
    figure = gap_chart(demo, compare(demo))
    names = [t.name for t in figure.data]
    assert names[:2] == ["Gap to target", "Target"]
    assert names[-1] == "SwiftNet IT (current)"
    assert figure.data[-1].marker.color == CURRENT_COLOUR
    assert figure.data[-1].marker.symbol == "diamond"
    notes = [a.text for a in figure.layout.annotations]
    assert len(notes) == 6
    assert notes[4] == "short by 2.67 · closed by <b>Nimbus IT</b>"


def test_the_gap_chart_claims_nothing_of_candidates_not_scored_on_an_essential(
    demo: Evaluation,
) -> None:
    backup = [c.id for c in demo.checklist.essentials[4].criteria]
    unscored = demo
    for candidate in demo.candidates:
        unscored = unscored.with_scores(candidate.id, {c: Score(rating="unknown") for c in backup})
    notes = [a.text for a in gap_chart(unscored, compare(unscored)).layout.annotations]
    assert notes[4].endswith("· <i>no candidate scored here yet</i>")
    assert "no candidate reaches" not in notes[4]


def test_the_gap_chart_without_a_current_provider_still_draws(demo: Evaluation) -> None:
    figure = gap_chart(demo.with_current(None), compare(demo.with_current(None)))
    assert "Gap to target" not in [t.name for t in figure.data]
    assert all("not scored" in a.text for a in figure.layout.annotations)


def test_the_heatmap_has_every_criterion_and_provider_with_unknown_and_n_a_marked(
    demo: Evaluation,
) -> None:
    figure = heatmap(demo, compare(demo))
    cells = figure.data[0]
    assert len(cells.y[1]) == len(demo.checklist.criteria)
    assert len(cells.x) == 4
    assert cells.x[0] == "SwiftNet IT<br>(current)"
    flat = [value for row in cells.text for value in row]
    assert "?" in flat and "n/a" in flat and "5" in flat
    assert figure.layout.shapes[0].line.color == CURRENT_COLOUR


def test_provider_names_are_escaped_so_charts_show_them_as_text(demo: Evaluation) -> None:
    evaluation = demo.with_provider("<img src=x onerror=alert(1)>")
    assert label(evaluation.providers[-1]) == "&lt;img src=x onerror=alert(1)&gt;"
    figures = [
        radar(evaluation, compare(evaluation), [p.id for p in evaluation.providers]),
        gap_chart(evaluation, compare(evaluation)),
        heatmap(evaluation, compare(evaluation)),
    ]
    for figure in figures:
        assert "<img" not in json.dumps(figure.to_plotly_json(), default=str)


def test_each_provider_keeps_its_colour_across_charts(demo: Evaluation) -> None:
    palette = colours(demo)
    assert palette[demo.current.id] == CURRENT_COLOUR  # type: ignore[union-attr]
    assert len(set(palette.values())) == len(demo.providers)
