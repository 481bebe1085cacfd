"""A tiny UNO client, run by LibreOffice's own Python (Debian's /usr/bin/python3 with python3-uno).

It is a separate script because our virtual environment has no ``uno``: the
module is tied to the LibreOffice build and ships with it, never on PyPI. It
must not import anything from neuspeh_cli and must run on the old Pythons
LibreOffice bundles on Windows and macOS (3.8 and later): no newer syntax.

Protocol, one JSON object per line:
  stdout, first:  {"ready": true, "seconds": <time to connect>}
                  or {"ready": false, "error": "..."} and exit 1
  stdin:          {"source": "/abs/in.docx", "target": "/abs/out.pdf", "filter": "writer_pdf_Export", "filter_data":
  {"SelectPdfVersion": 2, ...}}
  stdout:         {"ok": true, "seconds": ...} or {"ok": false, "error": "...", "dead": true|false}
End of stdin ends the client. ``--owner-pid`` names the soffice process group
the caller started: when the caller vanishes without closing it (killed hard),
the client ends that group so no LibreOffice outlives the build.
"""

import argparse
import contextlib
import json
import os
import signal
import sys
import time


def _emit(obj):
    # ASCII-only JSON: the pipe's encoding is the locale's (cp1251 on a Russian Windows).
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def _alive(pid):
    if not pid:
        return True
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    # A zombie still answers kill(0): read its state where /proc exists.
    try:
        with open("/proc/%d/stat" % pid) as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def _end_group(pid):
    if not pid:
        return
    try:
        if hasattr(os, "killpg"):
            os.killpg(pid, signal.SIGKILL)
        else:
            os.kill(pid, signal.SIGTERM)
    except OSError:
        pass


def _chart_descriptions(source):
    """The alt text (``wp:docPr/@descr``) of each chart of a .docx, in document order; [] for anything else."""
    import html  # not xml.sax: it imports urllib, http and ssl (and «calendar», which this folder shadows)
    import re
    import zipfile

    if not source.lower().endswith(".docx"):
        return []
    with zipfile.ZipFile(source) as package:
        xml = package.read("word/document.xml").decode("utf-8")
    found = []
    for frame in re.finditer(r"<wp:docPr\b([^>]*)>.*?</wp:inline>", xml, re.S):
        if "drawingml/2006/chart" in frame.group(0):
            descr = re.search(r'descr="([^"]*)"', frame.group(1))
            found.append(html.unescape(descr.group(1)) if descr else "")
    return found


def _describe_charts(document, source):
    """LibreOffice drops the alt text of a Word chart on import, so its tagged PDF has none: give it back.

    Charts are embedded objects «Object1», «Object2»… in the order of the document."""
    try:
        texts = _chart_descriptions(source)
        if not texts:
            return
        objects = document.getEmbeddedObjects()
        names = sorted(objects.getElementNames(), key=lambda n: int("".join(c for c in n if c.isdigit()) or 0))
        for name, text in zip(names, texts):
            embedded = objects.getByName(name)
            if text and not embedded.Description:
                embedded.Description = text
    except Exception:  # alt text is a courtesy: never a reason to fail the conversion
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--connect", required=True, help="UNO connection string, e.g. pipe,name=neuspeh-1")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--server-pid", type=int, default=0, help="stop waiting at once when this process has died")
    parser.add_argument("--owner-pid", type=int, default=0, help="process group to end when stdin closes unexpectedly")
    args = parser.parse_args()

    started = time.time()
    try:
        import uno  # noqa: F401  (the check that LibreOffice's Python has it; used where needed)
        from com.sun.star.beans import PropertyValue  # noqa: F401
        from com.sun.star.connection import NoConnectException  # noqa: F401
    except ImportError as exc:
        _emit({"ready": False, "error": "no uno: %s" % exc})
        return 1
    desktop = _connect(args, started)
    if desktop is None:
        return 1
    _emit({"ready": True, "seconds": round(time.time() - started, 3)})

    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        if request.get("quit"):
            return 0
        _convert(desktop, request, args.server_pid)
    # stdin closed without "quit": the caller is gone; leave no LibreOffice behind.
    _end_group(args.owner_pid)
    return 0


def _prop(name, value):
    from com.sun.star.beans import PropertyValue

    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def _connect(args, started):
    """LibreOffice's desktop, once it accepts the connection; None (the reason emitted) when it died or timed out."""
    import uno
    from com.sun.star.connection import NoConnectException

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    context = None
    while context is None:
        try:
            context = resolver.resolve("uno:%s;urp;StarOffice.ComponentContext" % args.connect)
        except NoConnectException:
            if not _alive(args.server_pid):
                _emit({"ready": False, "error": "LibreOffice exited before accepting connections", "dead": True})
                return None
            if time.time() - started > args.timeout:
                _emit({"ready": False, "error": "LibreOffice did not accept connections in %.0f s" % args.timeout})
                return None
            time.sleep(0.02)
        except Exception as exc:  # a bridge that breaks while connecting
            _emit({"ready": False, "error": "%s: %s" % (type(exc).__name__, exc)})
            return None
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def _convert(desktop, request, server_pid):
    """One conversion, answered before the document is closed (whatever happens, it is closed)."""
    import uno

    began = time.time()
    document = None
    try:
        document = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(request["source"]),
            "_blank",
            0,
            (_prop("Hidden", True), _prop("ReadOnly", True), _prop("UpdateDocMode", 0)),
        )
        if document is None:
            raise RuntimeError("LibreOffice could not open the file")
        _describe_charts(document, request["source"])
        data = tuple(_prop(k, v) for k, v in sorted(request.get("filter_data", {}).items()))
        store = (
            _prop("FilterName", request.get("filter", "writer_pdf_Export")),
            _prop("FilterData", uno.Any("[]com.sun.star.beans.PropertyValue", data)),
        )
        document.storeToURL(uno.systemPathToFileUrl(request["target"]), store)
        _emit({"ok": True, "seconds": round(time.time() - began, 3)})
    except Exception as exc:  # UNO exceptions carry the reason in .Message
        message = getattr(exc, "Message", "") or str(exc)
        _emit(
            {
                "ok": False,
                "error": "%s: %s" % (type(exc).__name__, message),
                "dead": not _alive(server_pid) or "Disposed" in type(exc).__name__,
            }
        )
    finally:
        if document is not None:
            with contextlib.suppress(Exception):
                document.close(True)


if __name__ == "__main__":
    sys.exit(main())
