"""QR codes of join links read back as the link; join slips are one page per team."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from ui_support import read_qr_codes

from ui.join_slips import Slip, write_slips
from ui.qr_code import qr_image

URL = "http://192.168.1.20:8765/join/ABCDEFGHJKLM"


def test_a_qr_code_reads_back_as_its_join_link(qapp: Any) -> None:
    image = qr_image(URL, module=6)
    assert image.width() == image.height() > 29 * 6
    assert read_qr_codes(image) == [URL]


def test_join_slips_have_one_page_per_team_with_name_code_and_link(
    qapp: Any, tmp_path: Path
) -> None:
    slips = [
        Slip("North", "ABCD-EFGH-JKLM", URL),
        Slip("South", "NPQR-STUV-WXYZ", URL.replace("ABCD", "NPQR")),
        Slip("East & <West>", "2345-6789-ABCD", URL.replace("ABCD", "2345")),
    ]
    path = tmp_path / "slips.pdf"
    pages = write_slips(path, "A test scenario", slips, [qr_image(s.url) for s in slips])
    reader = PdfReader(path)
    assert pages == len(reader.pages) == 3
    for page, slip in zip(reader.pages, slips, strict=True):
        text = " ".join(page.extract_text().split())
        assert slip.team in text
        assert slip.code in text.replace(" ", "")  # pypdf may part a word of digits
        assert slip.url in text
        assert "Scan the QR code" in text
        assert page.images, "each slip carries its QR code"
