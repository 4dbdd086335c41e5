"""The data behind each page: one function per page, ``(views, params) -> dict``.

The same dict is rendered by a template or returned as JSON (``?format=json``), and the
static report renders the same dicts again, so what a reader sees and what a tool reads
never differ.
"""
