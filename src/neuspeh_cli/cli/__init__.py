"""The ``neuspeh`` command: parses arguments, calls the library, prints, sets the exit code.

Each module registers the commands of one group on the shared ``app``; heavy
libraries (pydantic, python-docx, docxtpl) are imported inside the commands
that need them, so ``neuspeh --help`` and ``validate`` start fast.
"""

from ._app import app, main

# isort: off
# Importing a module registers its commands; help lists them in this order.
from . import check  # noqa: F401
from . import forms  # noqa: F401
from . import build  # noqa: F401
from . import scaffold  # noqa: F401
from . import importing  # noqa: F401
from . import excel  # noqa: F401
from . import report  # noqa: F401
from . import review  # noqa: F401
# isort: on

__all__ = ["app", "main"]
