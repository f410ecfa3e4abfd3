"""Reading and extraction: input files to articles (reader, text), language data (gazetteer,
lexicon), people (mentions), dates, Latin names (translit), the document split (document),
the record's fields (fields) and the pipeline that ties them (pipeline).

`from core.extract import extract_meetings` is the one entry point.
"""
from core.extract.pipeline import extract_meetings

__all__ = ["extract_meetings"]
