"""What people type into forms: contact details in published fields, courtesy titles, the same person (issue 13)."""

from __future__ import annotations

import pytest

from meetplan.errors import Problem
from meetplan.fieldtext import capped, contact_details, is_courtesy_title, may_hold_contact_details, person_key


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Counsellor, tel. +43 1 26060 1234", "looks like a telephone number (+43 1 26060 1234)"),
        ("john.doe@mission.example", "holds an e-mail address (john.doe@mission.example)"),
        ("Diaz (mobile +39 333 123 4567)", "looks like a telephone number (+39 333 123 4567)"),
        ("Call (012) 345-6789", "looks like a telephone number ((012) 345-6789)"),
        ("+41229171234", "looks like a telephone number (+41229171234)"),
        ("Attaché, 0664.123.45.67", "looks like a telephone number (0664.123.45.67)"),
        (
            "Professor, reach me at p.ledwaba@uni.example or +27 12 345 6789",
            "holds an e-mail address (p.ledwaba@uni.example) and a telephone number (+27 12 345 6789)",
        ),
    ],
)
def test_contact_details_are_found_in_what_people_type(text: str, found: str) -> None:
    """E-mail addresses and telephone numbers typed into a name or a function are found, and quoted."""
    message = contact_details(text)
    assert message is not None
    assert message.split(";")[0] == found


@pytest.mark.parametrize(
    "text",
    ["Counsellor", "Delegate (2020-2024)", "Head of Unit 2.1.3", "Room C0735", "Resolution 70/296", "08.09.2020",
     "Li Wei", "Ministry of Foreign Affairs, 1st Division", "O'Neill", "@UNODC", "Member since 1999/2000"],
)
def test_ordinary_names_and_functions_carry_no_contact_details(text: str) -> None:
    """Years, terms of office, dates, room and resolution numbers are not telephone numbers."""
    assert contact_details(text) is None


@pytest.mark.parametrize("text", ["Mr", "Ms", "Ms.", "Mrs", "Miss", "Mx", "Dr", "Dr.", "Prof.", "H.E.", "H.E. Mr.",
                                  "Prof. Dr.", "Mme", "Sra.", " ms "])
def test_courtesy_titles(text: str) -> None:
    """Indico's "Title" choices and the forms UN lists print before names are courtesy titles."""
    assert is_courtesy_title(text)


@pytest.mark.parametrize("text", ["", "Counsellor", "Minister", "Mr Ambassador", "Director", "Professor of Law"])
def test_functions_are_not_courtesy_titles(text: str) -> None:
    """A function, even one starting with a courtesy title, is not taken for one."""
    assert not is_courtesy_title(text)


def test_person_key_ignores_case_and_order() -> None:
    """"Anna BERG" and "Berg" "anna" (name fields swapped) of one delegation are one person; of two, two."""
    assert person_key("Anna", "BERG", "Austria") == person_key("Berg", "anna", "Austria")
    assert person_key("Anna", "Berg", "Austria") != person_key("Anna", "Berg", "Germany")
    assert person_key("伟", "王", "China") == ("伟", "王", "China")


def test_quick_test_lets_no_contact_details_through() -> None:
    """Every text in which contact_details finds something passes the quick test that spares ordinary rows."""
    texts = ["a@b.org", "+43 1 26060 1234", "0664.123.45.67", "(012) 345-6789", "Counsellor", "Delegate (2020)"]
    assert [may_hold_contact_details(t) for t in texts if contact_details(t)] == [True] * 4
    assert may_hold_contact_details("Counsellor\nAnna\nBerg") is False


def test_capped_keeps_fifty_and_counts_the_rest() -> None:
    """At most the limit, then "and N more problems in further rows"."""
    problems = [Problem(file="f.csv", line=row, message="m") for row in range(120)]
    result = capped(problems, "f.csv", 50)
    assert (len(result), str(result[-1])) == (51, "f.csv: and 70 more problems in further rows")
    assert capped(problems[:3], "f.csv", 50) == problems[:3]
