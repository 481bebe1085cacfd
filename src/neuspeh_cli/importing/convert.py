"""Formats read through LibreOffice: .doc, .odt, .rtf → .docx bytes.

A private profile (concurrent runs on one profile fail silently), a time
budget, and the output checked: soffice can exit 0 without writing anything.
LibreOffice gets a copy of the bytes the guarded reader checked (never the
user's path, which could be swapped meanwhile), and runs in a process group of
its own: ``soffice`` is a wrapper (oosplash) that starts ``soffice.bin``, so
ending only the direct child left ``soffice.bin`` running, reparented to PID 1.
On a timeout, an error, Ctrl-C, SIGTERM or SIGHUP (the CLI turns both into an
exception) the whole group is killed before the temporary folder goes.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TIMEOUT = float(os.environ.get("NEUSPEH_CONVERT_TIMEOUT") or 60)  # seconds for one document; a roadmap takes 1–3


@contextmanager
def converted_to_docx(data: bytes, path: Path, name: str) -> Iterator[bytes]:
    """Yield the .docx LibreOffice makes of ``data`` (the bytes of ``path``). Raises ``ImportFailed``."""
    from ..errors import ReadError, os_reason
    from ..reading.archives import check_archive
    from ..reading.files import MAX_DOCUMENT_BYTES, read_bytes
    from ..render.office_server import end_office, own_group_kwargs, soffice_flags
    from ..render.pdf import find_soffice, private_profile
    from . import ImportFailed

    soffice = find_soffice()
    if soffice is None:
        raise ImportFailed(
            f"{name}: для файлов {path.suffix} нужен LibreOffice (Debian/Ubuntu: sudo apt-get install "
            "libreoffice-writer); или откройте файл в Word и сохраните как .docx"
        )
    with private_profile() as profile, tempfile.TemporaryDirectory(prefix="neuspeh-import-") as work:
        source = Path(work) / ("source" + path.suffix.lower())
        source.write_bytes(data)
        out = Path(work) / "out"
        command = [
            soffice,
            *soffice_flags(profile),
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        from ..errors import signals_deferred

        try:
            with signals_deferred():  # a signal inside Popen would lose the only handle on the started soffice
                process = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    **own_group_kwargs(),
                )
        except OSError as exc:
            raise ImportFailed(f"{name}: LibreOffice не запустился ({soffice}): {os_reason(exc)}") from None
        try:
            process.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            end_office(process, profile)
            raise ImportFailed(
                f"{name}: LibreOffice не преобразовал файл за {TIMEOUT:g} с и был остановлен; сохраните файл как "
                ".docx вручную"
            ) from None
        finally:
            # Whatever happened (an interrupt included), nothing LibreOffice started outlives the conversion.
            end_office(process, profile)
        produced = out / "source.docx"
        try:
            converted = read_bytes(produced, MAX_DOCUMENT_BYTES, name)
            if not converted:
                raise ReadError(name, 1, 1, "пустой результат")
            check_archive(converted, name)
        except ReadError:
            raise ImportFailed(
                f"{name}: LibreOffice не смог прочитать файл (он повреждён, защищён паролем или это не документ); "
                "откройте его и сохраните как .docx"
            ) from None
        yield converted
