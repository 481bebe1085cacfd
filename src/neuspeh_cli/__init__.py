"""neuspeh: the municipal roadmap for preventing academic failure, from YAML to Word and PDF.

The library is usable without the CLI:

* ``neuspeh_cli.document.load_paths([...])`` — read and check files (what ``validate`` does);
* ``neuspeh_cli.build.build_files([...], BuildOptions(...))`` — check and build Word and PDF;
* ``neuspeh_cli.kinds.KINDS`` — the kinds of documents and what each is made of.

The CLI (``neuspeh``) only parses arguments, calls them, prints and sets the exit code.
"""

__version__ = "0.2.0"
