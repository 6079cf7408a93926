import pytest

from tstd import identifiers as ids
from tstd.normalize import identifier, text_for_matching


@pytest.mark.parametrize("code", ["51110000MJ00000019", "51440000MJL000000J", "91110000000000000E",
                                  "５１１１００００ＭＪ０００００019", "5111 0000 MJ00 000019"])
def test_valid_uscc_including_fullwidth_and_spaced(code: str) -> None:
    assert ids.check_uscc(code).valid


@pytest.mark.parametrize(("code", "problem"), [
    ("51110000MJ00000018", "checksum"),
    ("51110000MJ0000001", "length"),
    ("51110000MJ0000001I", "charset"),
    ("51AB0000MJ00000019", "shape"),
])
def test_invalid_uscc(code: str, problem: str) -> None:
    assert ids.check_uscc(code).problem == problem


def test_uscc_checksum_reports_expected_character() -> None:
    assert ids.check_uscc("51110000MJ00000018").expected_check == "9"


@pytest.mark.parametrize("text", ["T/CAS 3—2021", "T/CAS 3-2021", "Ｔ／ＣＡＳ　３－２０２１", "T/CAS 3 ― 2021",
                                  "T/CAS 3─2021", "T/CAS3-2021", "t/cas 3–2021"])
def test_group_number_variants_normalise_to_one_form(text: str) -> None:
    number = ids.parse_group_number(text)
    assert number is not None and number.canonical == "T/CAS 3-2021"


@pytest.mark.parametrize("text", ["T/CAS 3-21", "GB/T 1.1-2020", "T/ 3-2021", "T/CAS-2021", "CAS 3-2021"])
def test_malformed_group_numbers(text: str) -> None:
    assert ids.parse_group_number(text) is None


def test_group_number_with_part_and_digits_in_code() -> None:
    number = ids.parse_group_number("T/CECA2 12.3—2024")
    assert number is not None and (number.org_code, number.seq, number.year) == ("CECA2", "12.3", 2024)


@pytest.mark.parametrize(("text", "code", "seq", "year"), [
    ("GB 4706.1—2005", "GB", "4706.1", 2005),
    ("GB/T 191", "GB/T", "191", None),
    ("ＧＢ／Ｔ　１．１—２０２０", "GB/T", "1.1", 2020),
    ("DB11/T 2020—2022", "DB11/T", "2020", 2022),
    ("DB3205/T 1172—2025", "DB3205/T", "1172", 2025),
    ("GB2760-2014", "GB", "2760", 2014),
])
def test_parse_standard_numbers(text: str, code: str, seq: str, year: int | None) -> None:
    number = ids.parse_standard_number(text)
    assert number is not None and (number.code, number.seq, number.year) == (code, seq, year)


def test_split_reference_keeps_title() -> None:
    number, title = ids.split_reference("GB 4706.1—2005 家用和类似用途电器的安全 第1部分：通用要求")
    assert number is not None and number.canonical == "GB 4706.1-2005" and number.is_mandatory_national
    assert title.startswith("家用和类似用途电器的安全")
    assert ids.split_reference("家用电器安全通用要求")[0] is None


@pytest.mark.parametrize(("ics", "ok"), [("97.040.50", True), ("01", True), ("67.060", True), ("ICS 01.120", True),
                                         ("97.04.50", False), ("9704050", False), ("67.06", False)])
def test_ics(ics: str, ok: bool) -> None:
    assert ids.is_ics(ics) is ok


@pytest.mark.parametrize(("ccs", "ok"), [("Y62", True), ("Y 62", True), ("CCS A 00", True), ("I01", False),
                                         ("O12", False), ("Y6", False), ("62", False)])
def test_ccs(ccs: str, ok: bool) -> None:
    assert ids.is_ccs(ccs) is ok


def test_normalisation_keeps_meaning() -> None:
    assert identifier("ｇｂ／ｔ　１９１") == "GB/T 191"
    assert text_for_matching("家 用 电 器\u3000安全") == "家用电器安全"


def test_two_digit_years_of_old_national_standards() -> None:
    number = ids.parse_standard_number("GB 3838-88")
    assert number is not None and number.year == 1988 and number.canonical == "GB 3838-1988"
    ref, title = ids.split_reference("gb 14554—93 恶臭污染物排放标准")
    assert ref is not None and ref.canonical == "GB 14554-1993" and title == "恶臭污染物排放标准"
    assert ids.parse_group_number("T/CAS 3-21") is None  # group standards always carry four digits


@pytest.mark.parametrize(("text", "written"), [("T/cecea 012—2024", "T/cecea"), ("t/CAS 3—2021", "t/CAS"),
                                               ("Ｔ／Ｃａｓ　３－２０２１", "T/Cas"), ("t/cas 3–2021", "t/cas")])
def test_lower_case_numbers_parse_but_are_flagged(text: str, written: str) -> None:
    """规定17 wants upper-case letters: the case is judged on the text as written, before normalising."""
    number = ids.parse_group_number(text)
    assert number is not None and number.written == written and not number.upper_case


@pytest.mark.parametrize("text", ["T/CAS 3—2021", "Ｔ／ＣＡＳ　３－２０２１", "T/CECA2 12.3—2024", "T/CAS3-2021"])
def test_upper_case_numbers_are_upper_case(text: str) -> None:
    number = ids.parse_group_number(text)
    assert number is not None and number.upper_case


def test_code_may_start_with_a_digit() -> None:
    """The text allows 'letters combined with digits' with no rule on the first character."""
    number = ids.parse_group_number("T/3DPA 1—2024")
    assert number is not None and number.org_code == "3DPA"
    assert ids.parse_group_number("T/123 1—2024") is None  # digits only: no letter at all
