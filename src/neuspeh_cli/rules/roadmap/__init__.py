"""Rules of the institute's method for the municipal roadmap (DESIGN.md §1.1), one module per part of it.

Importing the package registers every rule of the kind «roadmap».
"""

from . import audit, coverage, dates, document, events, monitoring, text  # noqa: F401
