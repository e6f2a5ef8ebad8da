"""The printed report: a footer with "page N of M" on every page, an outline (bookmarks)
per section, page labels, and text that searches and copies as written (no ligatures)."""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from conftest import SCENARIOS
from engine.report import build_report
from engine.scenario import load_scenario
from engine.session.simulate import simulate_session
from ui.pdf import write_pdf
from ui.pdf_outline import Bookmark, OutlineError, add_outline
from ui.report_pdf import write_report_pdf

LIGATURES = {chr(c) for c in range(0xFB00, 0xFB07)}


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scenario = load_scenario(SCENARIOS / "after-hanoi-2019.toml")
    folder = tmp_path_factory.mktemp("outline")
    with simulate_session(scenario, folder / "s.parley", 6, seed=1) as session:
        data = build_report(session)
    out = folder / "report.pdf"
    write_report_pdf(data, out)
    return out


def titles(outline: list[Any]) -> list[str]:
    out: list[str] = []
    for item in outline:
        out.extend(titles(item) if isinstance(item, list) else [item.title])
    return out


def test_every_page_has_its_number_in_the_footer(qapp: Any, report_pdf: Path) -> None:
    reader = PdfReader(report_pdf)
    count = len(reader.pages)
    assert count > 5
    for index, page in enumerate(reader.pages):
        text = " ".join((page.extract_text() or "").split())
        assert text.endswith(f"page {index + 1} of {count}"), f"page {index + 1}: {text[-60:]}"
    assert reader.page_labels[:3] == ["1", "2", "3"]
    assert "/PageLabels" in reader.trailer["/Root"]


def test_the_outline_has_a_bookmark_per_section_on_its_page(qapp: Any, report_pdf: Path) -> None:
    reader = PdfReader(report_pdf)
    top = [item for item in reader.outline if not isinstance(item, list)]
    names = [item.title for item in top]
    assert names[0] == "What happened" and names[1] == "Background"
    for section in (
        "Indicators over the rounds",
        "The commitment graph",
        "Rulings and their reasons",
    ):
        assert section in names
    assert "Deals struck" in titles(reader.outline), "parts of a section nest under it"
    for item in top:
        page = reader.get_destination_page_number(item)
        text = " ".join((reader.pages[page].extract_text() or "").split())
        assert item.title in text, f"{item.title!r} is not on page {page + 1}"


def test_text_extracts_as_written_without_ligature_glyphs(qapp: Any, tmp_path: Path) -> None:
    out = tmp_path / "words.pdf"
    html = (
        "<h2>Verification</h2><p>verification office efficient affirm fifty offline</p>"
        "<table><thead><tr><th>Official</th></tr></thead><tbody><tr><td>final "
        "verification</td></tr></tbody></table>"
    )
    write_pdf(out, "Words", html=html)
    raw = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert not LIGATURES & set(raw), "no ligature codepoints"
    words = raw.split()
    for word in ("verification", "office", "efficient", "affirm", "fifty", "offline", "Official"):
        assert word in words, word


def test_the_report_has_no_ligatures_and_no_line_twice_at_a_page_foot(
    qapp: Any, report_pdf: Path
) -> None:
    reader = PdfReader(report_pdf)
    pages = [(page.extract_text() or "") for page in reader.pages]
    assert not LIGATURES & set("".join(pages))
    text = unicodedata.normalize("NFC", " ".join(" ".join(pages).split()))
    assert "verification" in text.lower()
    for before, after in itertools.pairwise(pages):
        lines = [line.strip() for line in before.splitlines() if line.strip()]
        heads = [line.strip() for line in after.splitlines() if line.strip()]
        body_end = lines[-3] if len(lines) >= 3 else ""  # above the footer's two lines
        assert not body_end or len(body_end) < 12 or body_end not in heads[:2], body_end


def test_an_outline_is_an_incremental_update_that_pypdf_reads(qapp: Any, tmp_path: Path) -> None:
    out = tmp_path / "plain.pdf"
    write_pdf(out, "Plain", html="<h2>One</h2><p>a</p><h3>One.a</h3><h2>Two</h2>")
    reader = PdfReader(out)
    assert titles(reader.outline) == ["One", "One.a", "Two"]
    data = out.read_bytes()
    assert data.count(b"%%EOF") == 2, "Qt's bytes kept, the outline appended"
    with pytest.raises(OutlineError):
        add_outline(data, [Bookmark(1, "again", 0, 800.0)])  # it has an outline already
    with pytest.raises(OutlineError):
        add_outline(b"%PDF-1.4\nnot a pdf", [])


def test_a_headings_first_letter_is_not_split_off_by_its_sections_id(
    qapp: Any, tmp_path: Path
) -> None:
    """Qt names an ``id``'s anchor on the first letter after it, which the PDF then wrote
    as a text run of its own: "I" and "njects", two lines to a reader, a search missing
    "Injects". A link (``href``) is still a link."""
    out = tmp_path / "ids.pdf"
    html = (
        '<section id="injects"><h2>Injects</h2><table border="0" width="100%"><thead><tr>'
        "<th>Round</th><th>What happened</th></tr></thead><tbody><tr><td>1</td><td><b>A "
        'leak</b><br>words</td></tr></tbody></table></section><p><a href="https://example.org">'
        "a link</a></p>"
    )
    write_pdf(out, "Ids", html=html)
    reader = PdfReader(out)
    lines = [line.strip() for line in reader.pages[0].extract_text().splitlines()]
    assert "Injects" in lines, lines[:3]
    assert titles(reader.outline) == ["Injects"]
    assert "/Annots" in reader.pages[0], "the link is kept"
