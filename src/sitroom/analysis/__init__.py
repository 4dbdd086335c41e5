"""Analyses over collections of documents (date selection for timelines, ...) that work on
plain data, without the store."""
