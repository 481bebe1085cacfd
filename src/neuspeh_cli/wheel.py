"""The wheel of the running neuspeh, written without a build tool.

``init repo`` places it in the new repository (``vendor/``) so that the
methodologist's CI installs exactly the version that created the repository,
even when no package index has neuspeh. It is packed from what is running:
the package's files as Python imports them (an editable install maps the
catalog and the templates from the top of the checkout) and the installed
distribution's metadata and entry points. Entries are sorted and dated with a
fixed time, so the same version gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from pathlib import Path

from .errors import NeuspehError

PACKAGE = "neuspeh_cli"
DISTRIBUTION = "neuspeh"
# Data packages that an editable install maps from outside src/neuspeh_cli (see pyproject.toml).
DATA_PACKAGES = ("catalog", "templates")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
SKIPPED_PARTS = {"__pycache__"}
SKIPPED_SUFFIXES = (".pyc", ".pyo", ".tmp", "~")


def wheel_name(version: str) -> str:
    return f"{DISTRIBUTION}-{version}-py3-none-any.whl"


def _walk(node, prefix: str):
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        if child.name in SKIPPED_PARTS or child.name.startswith(".") or child.name.endswith(SKIPPED_SUFFIXES):
            continue
        if child.is_dir():
            yield from _walk(child, f"{prefix}{child.name}/")
        else:
            yield f"{prefix}{child.name}", child.read_bytes()


def package_files() -> dict[str, bytes]:
    """Path inside the wheel → bytes, for every file of the importable package."""
    from importlib.resources import files

    found = dict(_walk(files(PACKAGE), f"{PACKAGE}/"))
    for name in DATA_PACKAGES:
        for path, data in _walk(files(f"{PACKAGE}.{name}"), f"{PACKAGE}/{name}/"):
            found.setdefault(path, data)
    return found


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def own_wheel() -> tuple[str, bytes]:
    """File name and bytes of the running version's wheel. Raises ``NeuspehError``."""
    from importlib import metadata

    # The installed dist-info, not a stray neuspeh.egg-info of a checkout that happens to be on sys.path.
    found = [d for d in metadata.distributions(name=DISTRIBUTION) if d.read_text("METADATA")]
    if not found:
        raise NeuspehError(
            "neuspeh запущен не из установленного пакета, и собрать его пакет (.whl) не из чего: установите neuspeh "
            "через pip или укажите --source"
        )
    distribution = found[0]
    version = distribution.version
    meta = distribution.read_text("METADATA")
    info = f"{DISTRIBUTION}-{version}.dist-info"
    entries = package_files()
    entries[f"{info}/METADATA"] = meta.encode("utf-8")
    entry_points = distribution.read_text("entry_points.txt")
    if entry_points:
        entries[f"{info}/entry_points.txt"] = entry_points.encode("utf-8")
    licence = distribution.read_text("licenses/LICENSE")  # the MIT text travels into the methodologist's repository
    if licence:
        entries[f"{info}/licenses/LICENSE"] = licence.encode("utf-8")
    entries[f"{info}/top_level.txt"] = f"{PACKAGE}\n".encode()
    entries[f"{info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: neuspeh\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = [_record_line(path, data) for path, data in sorted(entries.items())] + [f"{info}/RECORD,,"]
    entries[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode("utf-8")

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # dist-info last, RECORD at the very end, as build tools do.
        for path in sorted(entries, key=lambda p: (p.startswith(info), p.endswith("/RECORD"), p)):
            item = zipfile.ZipInfo(path, FIXED_TIME)
            item.compress_type = zipfile.ZIP_DEFLATED
            item.external_attr = 0o644 << 16
            archive.writestr(item, entries[path])
    return wheel_name(version), buffer.getvalue()


def write_own_wheel(folder: Path) -> Path:
    """Write the running version's wheel into ``folder``; returns its path. Raises ``NeuspehError``."""
    from .outputs import write_atomic

    name, data = own_wheel()
    target = Path(folder) / name
    write_atomic(target, data)
    return target
