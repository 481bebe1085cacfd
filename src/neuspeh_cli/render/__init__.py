"""Rendering documents: Word from Jinja-templated .docx, PDF through a converter."""
