"""Text to lexical tokens for the FTS5 index.

Latin-script words are lower-cased whole words; runs of CJK characters become
overlapping character pairs, so a two-character query such as 西瓜 matches
我爱吃西瓜 without a dictionary (FTS5's trigram tokenizer cannot match two
characters). The same function tokenises stored text and queries.
"""

from __future__ import annotations

import re

_CJK = (
    "\u3040-\u30ff"  # hiragana, katakana
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
)
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W_{_CJK}]+(?:[._'-][^\W_{_CJK}]+)*", re.UNICODE)
_CJK_RUN = re.compile(rf"^[{_CJK}]+$")
_WORD_PARTS = re.compile(r"[._'-]")


def tokens(text: str) -> list[str]:
    """Lexical tokens of `text`, in order, duplicates kept."""
    out: list[str] = []
    for match in _TOKEN.finditer(text.lower()):
        piece = match.group(0)
        if _CJK_RUN.match(piece):
            if len(piece) == 1:
                out.append(piece)
            else:
                out.extend(piece[i : i + 2] for i in range(len(piece) - 1))
        else:
            parts = [p for p in _WORD_PARTS.split(piece) if p]
            out.extend(parts)
            if len(parts) > 1:
                out.append("".join(parts))  # "gpt-4o" also matches "gpt4o"
    return out


# Words too common to say anything about relevance; dropped from queries (not from the index).
STOPWORDS = frozenset(
    "a an and are as at be been but by can could did do does for from had has have he her hers him his how i if "
    "in into is it its me my no not of on or our ours she so than that the their them then there these they this "
    "to too us was we were what when where which who whom why will with would you your yours about any all also "
    "am just more most some such very should shall may might must up out over under again do's i'm it's "
    "user users now currently still really actually just".split()
)


def query_terms(text: str) -> list[str]:
    """Distinct tokens of a query that carry meaning: stopwords go unless nothing else is left."""
    distinct = list(dict.fromkeys(tokens(text)))
    meaningful = [t for t in distinct if t not in STOPWORDS]
    return meaningful or distinct


def cjk_share(text: str) -> float:
    """The fraction of a text's letters that are CJK: how far an English-only embedder can be trusted with it."""
    letters = [ch for ch in text if ch.isalnum()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if _CJK_RUN.match(ch)) / len(letters)


def index_text(text: str) -> str:
    """The pre-tokenised column stored in the FTS5 table."""
    return " ".join(tokens(text))


def match_query(text: str, max_terms: int = 64) -> str | None:
    """An FTS5 MATCH expression that finds rows sharing any token with `text`.

    Every term is quoted, so user input can never be read as FTS5 syntax.
    Returns None when the text has no searchable token.
    """
    terms = query_terms(text)[:max_terms]
    return match_expression(terms) if terms else None


def match_expression(terms: list[str]) -> str:
    """Quoted terms joined by OR: user input never reaches FTS5 as syntax."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
