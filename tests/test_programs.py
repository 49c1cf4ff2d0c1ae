"""Real programs read the annex: LibreOffice prints the Word file, Chromium prints the HTML page, to PDF."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from meetplan.cli import main

from conftest import ROOT, require_program, seed_annex_rows

pytestmark = pytest.mark.programs

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
]  # fmt: skip


def docx_to_pdf(source: Path) -> Path:
    office = require_program("libreoffice")
    with tempfile.TemporaryDirectory() as profile:  # a private profile: parallel runs must not share one
        subprocess.run(
            [office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(source.parent), str(source)],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    return source.with_suffix(".pdf")


def html_to_pdf(source: Path) -> Path:
    chromium = require_program("chromium")
    target = source.with_name(source.stem + "-html.pdf")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={target}", source.as_uri()],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    return target


def pdf_text(pdf: Path) -> str:
    return subprocess.run([require_program("pdftotext"), "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def row_pattern(cells: list[str]) -> re.Pattern[str]:
    """A row as printed: its cells' words in order, wrapped anywhere (the title by its first words)."""
    time, item, title = (re.sub(r"</?i>", "", cell) for cell in cells)
    words = [*time.split(), *item.split(), *title.split()[:4]]
    return re.compile(r"\s+".join(re.escape(word) for word in words))


def assert_rows_in_order(text: str, rows: list[list[str]]) -> None:
    """The headings (where "Agenda item" may wrap around the others) first, then every row in order."""
    first_row = row_pattern(rows[1]).search(text)
    assert first_row, text
    head = text[: first_row.start()]
    assert all(phrase in head for phrase in ("Date and time", "Agenda", "item", "Title or description")), head
    position = 0
    for cells in rows[1:]:
        match = row_pattern(cells).search(text, position)
        assert match, f"row {cells} not found after position {position} in:\n{text}"
        position = match.end()
    continued = sum("<i>continued</i>" in cells[2] for cells in rows)
    assert len(re.findall(r"\(continued\)", text)) == continued


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folders = {}
    for year in (2019, 2020):
        folder = tmp_path_factory.mktemp(f"wgsom-{year}")
        result = CliRunner().invoke(main, ["build", str(ROOT / "config" / f"wgsom-{year}.yaml"), "--output", str(folder)])
        assert result.exit_code == 0, result.output
        folders[year] = folder
    return folders


@pytest.mark.parametrize("year", [2019, 2020])
def test_libreoffice_prints_the_word_annex_rows_in_order(built: dict[int, Path], year: int) -> None:
    """annex.docx converted to PDF by LibreOffice shows every seed row, in order."""
    assert_rows_in_order(pdf_text(docx_to_pdf(built[year] / "annex.docx")), seed_annex_rows(year))


@pytest.mark.parametrize("year", [2019, 2020])
def test_chromium_prints_the_html_annex_rows_in_order(built: dict[int, Path], year: int) -> None:
    """annex.html printed to PDF by headless Chromium shows every seed row, in order, on A4."""
    pdf = html_to_pdf(built[year] / "annex.html")
    assert_rows_in_order(pdf_text(pdf), seed_annex_rows(year))
    info = subprocess.run([require_program("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)", info), info
