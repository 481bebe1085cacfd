"""Formats read through LibreOffice: .doc, .odt, .rtf → a temporary .docx.

A private profile (concurrent runs on one profile fail silently), a timeout,
and the output checked: soffice can exit 0 without writing anything.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TIMEOUT = 120


@contextmanager
def converted_to_docx(path: Path, name: str) -> Iterator[Path]:
    """Yield a .docx made from ``path`` by LibreOffice; removed afterwards. Raises ``ImportFailed``."""
    from ..render.pdf import find_soffice, private_profile
    from . import ImportFailed

    soffice = find_soffice()
    if soffice is None:
        raise ImportFailed(
            f"{name}: для файлов {path.suffix} нужен LibreOffice (Debian/Ubuntu: sudo apt-get install libreoffice-writer); или откройте файл в Word и сохраните как .docx"
        )
    with private_profile() as profile, tempfile.TemporaryDirectory(prefix="neuspeh-import-") as out:
        command = [
            soffice,
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            out,
            str(path.resolve()),
        ]
        try:
            subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise ImportFailed(f"{name}: LibreOffice не преобразовал файл за {TIMEOUT} с; сохраните его как .docx вручную") from None
        except OSError as exc:
            raise ImportFailed(f"{name}: LibreOffice не запустился ({soffice}): {exc.strerror or exc}") from None
        produced = Path(out) / (path.stem + ".docx")
        if not produced.is_file() or produced.stat().st_size == 0:
            raise ImportFailed(f"{name}: LibreOffice не смог прочитать файл (он повреждён или это не документ); откройте его и сохраните как .docx")
        yield produced
