"""Meeting extraction: one public entry point, extract_meetings(article) -> list[Meeting].

(Work in progress: the real pipeline lands in the next commits.)
"""
from __future__ import annotations

from core.model import Article, Meeting


def extract_meetings(article: Article) -> list[Meeting]:
    """Every meeting dyad the article reports."""
    return []
