"""UN editorial forms: Roman numerals, numbers in words, figures."""

from __future__ import annotations

from fractions import Fraction

import pytest

from meetplan.style import figure, number_in_words, roman


def test_roman_numerals_through_fifty_and_beyond() -> None:
    """Chapters I to L and a few beyond, as UN reports number them ("XL", not "XXXX")."""
    expected = {1: "I", 4: "IV", 9: "IX", 14: "XIV", 19: "XIX", 39: "XXXIX", 40: "XL", 44: "XLIV", 49: "XLIX",
                50: "L", 90: "XC", 400: "CD", 1994: "MCMXCIV", 3999: "MMMCMXCIX"}  # fmt: skip
    assert {number: roman(number) for number in expected} == expected


def test_roman_numerals_read_back_to_their_number() -> None:
    """Every numeral from 1 to 3999 reads back to its number and is written once."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

    def read(numeral: str) -> int:
        total = 0
        for letter, following in zip(numeral, [*numeral[1:], ""], strict=True):
            total += -values[letter] if following and values[following] > values[letter] else values[letter]
        return total

    numerals = [roman(number) for number in range(1, 4000)]
    assert [read(numeral) for numeral in numerals] == list(range(1, 4000))
    assert len(set(numerals)) == 3999


@pytest.mark.parametrize("number", [0, -1, 4000])
def test_roman_numeral_outside_its_range_is_refused(number: int) -> None:
    with pytest.raises(ValueError, match="no Roman numeral"):
        roman(number)


def test_number_in_words_opens_a_sentence() -> None:
    assert [number_in_words(n) for n in (0, 1, 12, 20, 21, 40, 99, 100)] == [
        "zero", "one", "twelve", "twenty", "twenty-one", "forty", "ninety-nine", "100",
    ]  # fmt: skip


def test_figure_of_plenary_meetings() -> None:
    assert [figure(v) for v in (Fraction(2), Fraction(3, 2), Fraction(1, 4), 7)] == ["2", "1.5", "0.25", "7"]
