"""Parley's one Markdown dialect: CommonMark by markdown-it-py, raw HTML shown as text."""

from __future__ import annotations

from engine.report.handouts import team_handout
from engine.report.markup import markdown


def test_raw_html_is_shown_as_text_never_as_tags() -> None:
    out = markdown("# Title <b>x</b>\n\nSome <i onclick=x>y</i>\n\n<script>alert(1)</script>")
    assert "<b>" not in out and "<i " not in out and "<script" not in out
    assert "&lt;b&gt;x&lt;/b&gt;" in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_headings_sit_under_the_reports_own() -> None:
    assert markdown("# Title").startswith("<h3>Title</h3>")
    assert markdown("# Title", heading_offset=0).startswith("<h1>Title</h1>")
    assert markdown("###### Deep").startswith("<h6>Deep</h6>")  # never past h6


def test_strong_emphasis_nests_inside_emphasis() -> None:
    assert markdown("***x***") == "<p><em><strong>x</strong></em></p>"
    assert markdown("Some **bold** and *it*") == (
        "<p>Some <strong>bold</strong> and <em>it</em></p>"
    )


def test_nested_lists_stay_nested() -> None:
    out = markdown("- a\n  - b\n  - c\n- d").replace("\n", "")
    assert out == "<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul>"


def test_block_quotes_are_kept() -> None:
    out = markdown("> What would unlock it?\n> Relief first.")
    assert out.startswith("<blockquote>") and "What would unlock it?" in out


def test_an_ordered_list_keeps_its_start_number() -> None:
    out = markdown("3. three\n4. four")
    assert out.startswith('<ol start="3">') and out.count("<li>") == 2


def test_script_links_and_outside_images_are_refused() -> None:
    out = markdown("[click](javascript:alert(1)) [site](https://example.org) ![p](https://x/p.png)")
    assert "javascript:" not in out.split("[click]")[0] and 'href="javascript' not in out
    assert '<a href="https://example.org">site</a>' in out
    assert "<img" not in out  # a report never loads a picture from elsewhere


def test_tables_render_as_tables() -> None:
    out = markdown("| a | b |\n|---|---|\n| 1 | 2 |")
    assert "<table>" in out and "<th>a</th>" in out and "<td>2</td>" in out


def test_a_handout_prints_the_same_dialect(minimal_text) -> None:
    from engine.scenario import parse_scenario

    text = minimal_text.replace('private_brief = "', 'private_brief = "***Secret*** <b>x</b> ', 1)
    scenario = parse_scenario(text)
    html = team_handout(scenario, scenario.teams[0]).html
    assert "<em><strong>Secret</strong></em>" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert "<table>" in html  # the round plan
