"""Which divisions a web host names: government sites spell their place in pinyin.

`www.hongze.gov.cn` is 洪泽 in full pinyin, `www.bjchy.gov.cn` is 北京 + 朝阳 in initials (zh, ch
and sh kept whole), `*.huaian.gov.cn` a site of 淮安市. A division's tokens are its stem
in full pinyin and in initials, with and without its suffix's initial (hongzequ), and the
same after its city's or province's tokens (bjchy). Every reading of a polyphone counts
(朝 is chao and zhao), from pypinyin's character table, so no phrase model is needed.
A host only ever chooses among the candidates a name left: it never finds a place alone.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from itertools import islice, product
from urllib.parse import urlsplit

from .divisions import Division, stem, table
from .vocabulary import HOST_NOISE

_MAX_READINGS = 32  # combinations of polyphone readings kept per name
_SUFFIX_LETTER = {"区": "q", "县": "x", "市": "s", "旗": "q", "州": "z", "省": "s", "盟": "m"}


def host(url: str | None) -> str:
    """The URL's host name, lower case ('' when there is none)."""
    if not url:
        return ""
    try:
        return (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return ""


def labels(url: str | None) -> tuple[str, ...]:
    """The host's labels that may name a place (www.hongze.gov.cn → ('hongze',))."""
    return tuple(p for p in host(url).split(".") if p and p not in HOST_NOISE and not p.isdigit())


@lru_cache(maxsize=8192)
def _readings(ch: str) -> tuple[str, ...]:
    # imported here: the table costs about 55 MB, and only names that fit several places
    # (and come with a URL) need it, so the run's parent pays nothing for most corpora
    from pypinyin.pinyin_dict import pinyin_dict

    raw = pinyin_dict.get(ord(ch))
    if raw is None:
        return ()
    out: list[str] = []
    for reading in raw.split(","):
        plain = "".join(c for c in unicodedata.normalize("NFD", reading) if not unicodedata.combining(c))
        out.extend(dict.fromkeys((plain, plain.replace("ü", "v"), plain.replace("ü", "u"))))
    return tuple(dict.fromkeys(p for p in out if p.isascii()))


def _initial(syllable: str) -> str:
    return syllable[:2] if syllable[:2] in ("zh", "ch", "sh") else syllable[:1]


@lru_cache(maxsize=16384)
def spellings(word: str) -> tuple[frozenset[str], frozenset[str]]:
    """Full pinyin and initials spellings of a Chinese word, every reading combined."""
    per_char = [_readings(ch) for ch in word]
    if not word or not all(per_char):
        return frozenset(), frozenset()
    full: set[str] = set()
    short: set[str] = set()
    for combo in islice(product(*per_char), _MAX_READINGS):
        full.add("".join(combo))
        short.add("".join(_initial(s) for s in combo))
        short.add("".join(s[0] for s in combo))
    return frozenset(full), frozenset(short)


def _own(division: Division) -> tuple[frozenset[str], frozenset[str]]:
    """A division's own tokens: (full pinyin forms, initials forms), suffix letter optional."""
    s = stem(division.name)
    full, short = spellings(s)
    letter = _SUFFIX_LETTER.get(division.name[-1], "")
    return full | {f + letter for f in full}, short | {i + letter for i in short}


@cache
def _ancestors(code: str) -> tuple[Division, ...]:
    t = table()
    d = t.by_code[code]
    return tuple(t.by_code[c] for c in dict.fromkeys((d.city, d.province)) if c and c != code)


@lru_cache(maxsize=16384)
def tokens(code: str) -> tuple[frozenset[str], frozenset[str]]:
    """(tokens naming the division itself, tokens naming only a division above it)."""
    full, short = _own(table().by_code[code])
    own = set(full) | {s for s in short if len(s) >= 3}
    above: set[str] = set()
    for parent in _ancestors(code):
        p_full, p_short = _own(parent)
        above |= p_full | {s for s in p_short if len(s) >= 3}
        own |= {p + o for p in p_full | p_short for o in full | short}
    return frozenset(own), frozenset(above)


def narrow(codes: tuple[str, ...], url: str | None) -> tuple[str, ...]:
    """The candidates the URL's host names: its own place first, else a place above it."""
    host = labels(url)
    if not host or len(codes) < 2:
        return ()
    mine = tuple(c for c in codes if any(h in tokens(c)[0] for h in host))
    if mine:
        return mine
    return tuple(c for c in codes if any(h in tokens(c)[1] for h in host))
