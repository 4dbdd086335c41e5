"""sitroom: multilingual war reporting in, a sourced situation picture out."""

__version__ = "0.1.0"
