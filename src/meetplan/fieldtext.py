"""What people type into registration forms and speakers' lists, read for what it must not become.

Pure checks on one cell's text, shared by the readers of the registrations file, the inscriptions file and the
configuration's speakers: a telephone number or e-mail address typed into a name or a function (which would be
published), a courtesy title (Mr, Ms, Dr) that is no function, and when two registrations are one person.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from meetplan.errors import Problem

# --- contact details -------------------------------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+'%-]+@[\w-]+(?:\.[\w-]+)+")
# A run of digits with the separators telephone numbers are written with: "+43 1 26060 1234", "(012) 345-6789".
_PHONE = re.compile(r"\+?\(?\d(?:[\d().\-/ \u00a0\u202f]*\d)?")
_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}")
MIN_PHONE_DIGITS = 7  # the shortest subscriber numbers; years and room numbers have fewer


def may_hold_contact_details(text: str) -> bool:
    """Whether a text (several cells joined) may carry contact details: the quick test that spares most rows."""
    return "@" in text or _DIGIT.search(text) is not None


_DIGIT = re.compile(r"\d")


def contact_details(text: str) -> str | None:
    """What makes a published text carry contact details, as a message; None when it carries none."""
    email = _EMAIL.search(text) if "@" in text else None
    phone = _telephone(_EMAIL.sub(" ", text) if email else text)
    if email is not None and phone is not None:
        return (f"holds an e-mail address ({email[0]}) and a telephone number ({phone}); published outputs never "
                "carry them: remove them")
    if email is not None:
        return f"holds an e-mail address ({email[0]}); published outputs never carry one: remove it"
    if phone is not None:
        return f"looks like a telephone number ({phone}); published outputs never carry one: remove it"
    return None


def _telephone(text: str) -> str | None:
    for found in _PHONE.finditer(text):
        run = found[0].strip(" ()\u00a0\u202f") if not found[0].startswith("(") else found[0].strip()
        groups = re.findall(r"\d+", run)
        if sum(map(len, groups)) < MIN_PHONE_DIGITS:
            continue
        if _DATE.fullmatch(run) or all(len(group) == 4 and 1900 <= int(group) <= 2099 for group in groups):
            continue  # "08.09.2020", "2020-2024": a date or a term of office, not a number to call
        return run
    return None


# --- courtesy titles -------------------------------------------------------------------------------------------

# The courtesy titles registration forms offer (Indico's "Title": Mr, Ms, Mrs, Dr, Prof., Mx) and those UN lists
# of participants print before names, in the official languages written in Latin script. Written without the
# final full stop, which is compared without it.
COURTESY_TITLES = frozenset({
    "mr", "ms", "mrs", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "hon",
    "h.e", "he", "his excellency", "her excellency", "excellency", "m", "mme", "mlle", "sr", "sra", "srta", "dra",
    "herr", "frau", "messrs", "mmes",
})


@functools.lru_cache(maxsize=4096)  # a few dozen functions repeat over thousands of registrations
def is_courtesy_title(text: str) -> bool:
    """Whether a cell holds a courtesy title only ("Ms", "Dr.", "H.E. Mr.", "Prof. Dr."), not a function."""
    folded = unicodedata.normalize("NFKC", text).casefold().strip()
    if not folded:
        return False
    if folded.rstrip(".") in COURTESY_TITLES:
        return True
    words = [word.rstrip(".") for word in re.split(r"[\s,]+", folded) if word]
    return bool(words) and all(word in COURTESY_TITLES for word in words)


# --- the same person -------------------------------------------------------------------------------------------


def person_key(given: str, family: str, delegation: str) -> tuple[str, str, str]:
    """Who a registration names: the name ignoring case, in either order (for the person who typed the family
    name first), and the delegation. Two rows of one person are one person unless both give an e-mail address
    and the addresses differ (two people of one name, or one assistant's address for several delegates).
    The cells come from the readers on one line with single spaces; accents count ("Jose" and "José" may be
    two people), and the check costs little over a hundred thousand registrations."""
    first, second = given.casefold(), family.casefold()
    return (first, second, delegation) if first <= second else (second, first, delegation)


# --- many problems ---------------------------------------------------------------------------------------------


def capped(problems: list[Problem], file: str, limit: int) -> list[Problem]:
    """At most ``limit`` problems, then one line saying how many more there are."""
    if len(problems) <= limit:
        return problems
    return [*problems[:limit], Problem(file=file, message=f"and {len(problems) - limit:,} more problems in further rows")]
