"""neuspeh: the municipal roadmap for preventing academic failure, from YAML to Word and PDF.

The library is usable without the CLI: ``read_roadmap`` / ``validate_paths`` /
``build_document``. The CLI (``neuspeh``) only parses arguments, calls them,
prints and sets the exit code.
"""

__version__ = "0.1.0"
