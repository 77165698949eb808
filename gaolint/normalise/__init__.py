"""Normalising: turn extracted lines into the canonical text rules read, keeping the way back.

Full-width digits and punctuation become ASCII, Traditional characters become Simplified,
pinyin residue left by web converters (``區(qū)``) is removed, and page furniture (公网安备
footers, page numbers) is dropped. Each ``Line`` keeps its source location and original text.
"""

from .pipeline import normalise

__all__ = ["normalise"]
