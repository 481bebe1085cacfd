"""``neuspeh`` and ``python -m neuspeh_cli``.

For ``neuspeh build FILE`` LibreOffice is started first, before the CLI's
libraries are imported, so that its start-up overlaps all of our work.
"""

import sys


def main() -> None:
    from .render.prestart import prestart

    prestart(sys.argv[1:])
    from .cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
