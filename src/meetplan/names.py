"""People's names as an English document prints them: in Latin script.

The English list of participants is read, searched and copied in Latin script, as the UN's own lists are. A
person's name is printed as the registration gives it in a Latin-script column where there is one
(``participants.columns.latin_name``); else as registered when it is already in Latin script (accents kept:
"José Müller"); else transliterated by anyascii, a well-kept table of transliterations for every script, one
word at a time, each word capitalized (scripts without capitals give "Rahul Srma", not "rahul srma"). A
transliteration of a script that writes no vowels (Arabic) or of Japanese kanji is at best approximate: the
column is the way to print the name as the person writes it.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from meetplan.model import Participant


@cache
def _is_latin_letter(character: str) -> bool:
    return unicodedata.name(character, "").startswith("LATIN")


def in_latin_script(text: str) -> bool:
    """Whether every letter of ``text`` is a Latin letter (with or without diacritics)."""
    if text.isascii():  # most names: every ASCII letter is Latin (200,000 names: 0.5 s saved)
        return True
    return all(_is_latin_letter(c) for c in text if c.isalpha())


def transliterated(text: str) -> str:
    """``text`` in Latin letters: unchanged when it is in Latin script, else word by word through anyascii."""
    if in_latin_script(text):
        return text
    from anyascii import anyascii  # only where a name needs it: most lists have none

    # anyascii runs the syllables of a CJK word together with capitals ("XiaoMing"): one capital per word.
    return " ".join(word if in_latin_script(word) else anyascii(word).capitalize() for word in text.split())


def latin_name(person: Participant) -> str:
    """"Ana García", "Ivan Petrov", "Wang Wei" (a Chinese, Japanese or Korean name family name first, as
    ``Participant.name`` orders it), or the registration's Latin-script name when it gives one."""
    if person.latin_name:
        return person.latin_name
    if person.given_name.isascii() and person.family_name.isascii():  # most names: Participant.name, without its
        return f"{person.given_name} {person.family_name}".strip()  # test for Chinese, Japanese or Korean script
    name = person.name
    if in_latin_script(name):
        return name
    if person.family_first:
        return f"{transliterated(person.family_name)} {transliterated(person.given_name)}"
    return transliterated(name)
