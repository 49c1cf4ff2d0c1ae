"""PNG pages of every printable document a build writes, at 70 dpi, for a reviewer to look at (issue 17).

    .venv/bin/python tools/pages.py                          # config/wgsom-2020.yaml into /tmp/meetplan-pages
    .venv/bin/python tools/pages.py config/wgsom-2019.yaml --out pages/2019

Builds the configuration, prints each Word file and workbook to PDF through LibreOffice and each HTML page
through Chromium, then writes ``<document>-<page>.png`` with poppler's pdftoppm, and prints one line a document
with its page count and size. Not run by the tests: it needs LibreOffice, Chromium and poppler, and a minute.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Without the networking flags Chromium stalls on a closed network, trying to reach Google's hosts.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-pdf-header-footer",
]  # fmt: skip


def program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        sys.exit(f"pages.py needs {name} on PATH")
    return found


def to_pdf(source: Path, folder: Path) -> Path:
    if source.suffix == ".html":
        target = folder / f"{source.stem}-html.pdf"
        with tempfile.TemporaryDirectory() as profile:
            subprocess.run([program("chromium"), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={target}",
                            source.as_uri()], check=True, capture_output=True, timeout=180)
        return target
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([program("libreoffice"), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180)
    target = folder / f"{source.stem}{source.suffix.replace('.', '-')}.pdf"
    (folder / f"{source.stem}.pdf").replace(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", nargs="?", default=str(ROOT / "config" / "wgsom-2020.yaml"))
    parser.add_argument("--out", default="/tmp/meetplan-pages", help="folder for the PDF and PNG files (emptied first)")
    parser.add_argument("--dpi", type=int, default=70)
    arguments = parser.parse_args()
    out = Path(arguments.out)
    shutil.rmtree(out, ignore_errors=True)
    build = out / "build"
    meetplan = Path(sys.executable).with_name("meetplan")
    subprocess.run([str(meetplan), "build", arguments.config, "--output", str(build)], check=True)
    for source in sorted(build.iterdir()):
        if source.suffix not in {".docx", ".xlsx", ".html"}:
            continue
        pdf = to_pdf(source, out)
        prefix = out / pdf.stem
        subprocess.run([program("pdftoppm"), "-r", str(arguments.dpi), "-png", str(pdf), str(prefix)], check=True)
        info = subprocess.run([program("pdfinfo"), str(pdf)], check=True, capture_output=True, text=True).stdout
        fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
        print(f"{pdf.name}: {fields['Pages'].strip()} pages, {fields['Page size'].strip()}")


if __name__ == "__main__":
    main()
