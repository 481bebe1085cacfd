"""The one emitter of the roadmap's YAML format: values, lines of each section, and the comment texts.

``audit init`` (``scaffold``), ``import`` (``importing.writer``) and ``school
init`` write data files as text, not dumps, because their Russian comments are
the point. They write them through this package: ``scalars`` (a value as YAML,
a flow list, a comment block), ``texts`` (every comment of the roadmap format,
in one place), ``roadmap`` (the lines of each section from plain values).
Editing a user's file in place is another job (``yaml_edit``: ruamel.yaml).
"""
