"""Stories: documents about the same development grouped across languages.

``embedding`` turns a document into a multilingual vector, ``clustering`` assigns
documents to stories one at a time (incremental, windowed by date), ``stage`` runs it over
a store, ``offline`` clusters plain texts (the evaluation entry point).
"""
