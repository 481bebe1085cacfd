"""Start LibreOffice for ``neuspeh build FILE`` before the CLI's libraries are even imported.

LibreOffice's start-up is the longest step of a one-file build with PDF; everything
we do before it starts is added to the build's time. The command line is read
here only as far as needed to know that a PDF will be made by LibreOffice for
one file; anything unusual (help, watch, Word, several files, a folder) starts
nothing and the converter starts LibreOffice itself as usual. What is started
here is adopted by the converter (``take()``) or ended at exit.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# `build`'s options that take a value, and those that rule a pre-start out. Read without importing
# click (that is the point); tests/test_prestart.py compares both sets with the real command.
_WITH_VALUE = {"-o", "--output", "--template", "--pdf-engine"}
_NO_PRESTART = {"--no-pdf", "-h", "--help", "--watch", "-w"}
_started = None  # (ProfileLease, OfficeServer) until the converter takes them


def wants_prestart(args: list[str], platform: str = sys.platform) -> bool:
    """True for ``build`` of exactly one existing file, with a PDF that LibreOffice will make."""
    if not args or args[0] != "build":
        return False
    engine = "auto"
    positional = []
    rest = iter(args[1:])
    for arg in rest:
        if arg in _NO_PRESTART:
            return False
        if arg in _WITH_VALUE:
            value = next(rest, "")
            if arg == "--pdf-engine":
                engine = value
        elif arg.startswith("--pdf-engine="):
            engine = arg.split("=", 1)[1]
        elif not arg.startswith("-"):
            positional.append(arg)
    if engine == "word" or (engine == "auto" and platform in ("win32", "darwin")):
        return False  # Word may make the PDF there; finding out is not cheap
    return len(positional) == 1 and os.path.isfile(positional[0])


def prestart(args: list[str]) -> None:
    """Start soffice on a private profile when ``wants_prestart``; never fails."""
    global _started
    if _started is not None or not wants_prestart(args):
        return
    from .office_server import OfficeDied, OfficeServer, ProfileLease, find_soffice

    soffice = find_soffice()
    if soffice is None:
        return
    lease = ProfileLease()
    try:
        server = OfficeServer(soffice, lease.acquire(), None)
        server.start()
    except (OfficeDied, OSError):
        lease.release()
        return
    _started = (lease, server)


def take(soffice: str) -> tuple | None:
    """The pre-started (lease, server) for this ``soffice``, once; None when there is none."""
    global _started
    started, _started = _started, None
    if started is None:
        return None
    lease, server = started
    if Path(server.soffice) != Path(soffice) or not server.alive:
        server.close()
        lease.release()
        return None
    return started
