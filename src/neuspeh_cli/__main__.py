"""``neuspeh`` and ``python -m neuspeh_cli``.

For ``neuspeh build FILE`` LibreOffice is started first, before the CLI's
libraries are imported, so that its start-up overlaps all of our work.
SIGTERM and SIGHUP already end the tool like Ctrl-C from here on (the command
installs its own handling later, ``cli._app.reporting``): a signal in the
first tenth of a second must not leave that early LibreOffice running.
"""

import sys


def _early_signals() -> None:
    import signal

    from .errors import terminate

    def stop(signum, _frame):
        for name in ("SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_IGN)
        terminate(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), stop)


def main() -> None:
    from .errors import Terminated

    _early_signals()
    try:
        from .render.prestart import prestart

        prestart(sys.argv[1:])
        from .cli import main as cli_main

        cli_main()
    except KeyboardInterrupt as exc:  # before the command's own handling: LibreOffice is ended at exit (atexit)
        sys.exit(128 + exc.signum if isinstance(exc, Terminated) else 130)


if __name__ == "__main__":
    main()
