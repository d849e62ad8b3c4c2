use super::*;

fn checked(text: &str) -> CheckedList {
    check(text.as_bytes(), "ES").expect("a readable list")
}

#[test]
fn rows_are_accepted_with_their_values_and_rejected_with_a_reason() {
    let list = checked(
        "Phone,Name,Coupon,Store\n\
         +34 600 000 001,Ana Pérez,A7,Madrid\n\
         600000002,Bruno,,Sevilla\n\
         call me,Carla,C1,Bilbao\n\
         +34 600 000 001,Ana again,A8,Madrid\n\
         ,Nadie,X,Lugo\n\
         +34600000003,Dario\n",
    );
    assert_eq!(list.columns, vec!["Coupon", "Store"]);
    assert_eq!(list.rows.len(), 2);
    assert_eq!(
        list.rows[0].address,
        ListAddress::Phone("34600000001".into())
    );
    assert_eq!(list.rows[0].name.as_deref(), Some("Ana Pérez"));
    assert_eq!(list.rows[0].values["Coupon"], "A7");
    assert_eq!(list.rows[0].line, 2);
    // A number without `+` is read in the business's country.
    assert_eq!(
        list.rows[1].address,
        ListAddress::Phone("34600000002".into())
    );
    assert_eq!(list.rows[1].values["Coupon"], "");
    let problems: Vec<(usize, RowProblem)> = list
        .rejected
        .iter()
        .map(|r| (r.line, r.problem.clone()))
        .collect();
    assert_eq!(
        problems,
        vec![
            (4, RowProblem::PhoneMalformed),
            (5, RowProblem::Duplicate { line: 2 }),
            (6, RowProblem::NoAddress),
            (
                7,
                RowProblem::Fields {
                    expected: 4,
                    got: 2
                }
            ),
        ]
    );
    assert_eq!(
        list.rejected[0].fields,
        vec!["call me", "Carla", "C1", "Bilbao"]
    );
}

#[test]
fn another_spelling_of_the_same_mobile_is_a_duplicate() {
    // Argentina's mobile 9: WhatsApp knows both as one person.
    let list = checked("teléfono;nombre\n+54 9 11 5555-0101;Ana\n+54 11 5555-0101;Ana\n");
    assert_eq!(list.rows.len(), 1);
    assert_eq!(list.rejected[0].problem, RowProblem::Duplicate { line: 2 });
}

#[test]
fn semicolons_user_ids_and_a_byte_order_mark_are_read() {
    let list =
        checked("\u{feff}BSUID;Nombre;Código\nUS.13491208655302741918;Sam;Z9\nnot-an-id;Lee;Z8\n");
    assert_eq!(
        list.rows[0].address,
        ListAddress::UserId("US.13491208655302741918".into())
    );
    assert_eq!(list.rows[0].values["Código"], "Z9");
    assert_eq!(list.rejected[0].problem, RowProblem::UserId);
}

#[test]
fn an_invalid_number_is_told_apart_from_a_malformed_one() {
    let list = checked("phone\n+34 100 000 000\n");
    assert_eq!(list.rejected[0].problem, RowProblem::PhoneInvalid);
}

#[test]
fn the_whole_file_is_refused_for_what_no_row_can_fix() {
    assert_eq!(check(b"", "ES"), Err(FileProblem::Empty));
    assert_eq!(
        check(b"name,city\nAna,Madrid\n", "ES"),
        Err(FileProblem::NoAddressColumn)
    );
    assert_eq!(check(&[0xff, 0xfe, 0x00], "ES"), Err(FileProblem::NotCsv));
    assert_eq!(
        check(b"phone,city,City\n", "ES"),
        Err(FileProblem::DuplicateColumn {
            name: "City".into()
        })
    );
    let many: String = std::iter::once("phone".to_string())
        .chain((0..=MAX_ROWS).map(|i| format!("+3460{i:07}")))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(
        check(many.as_bytes(), "ES"),
        Err(FileProblem::TooManyRows { max: MAX_ROWS })
    );
}

#[test]
fn a_value_too_long_is_rejected_naming_its_column() {
    let long = "x".repeat(MAX_VALUE_CHARS + 1);
    let list = checked(&format!("phone,note\n+34600000001,{long}\n"));
    assert_eq!(
        list.rejected[0].problem,
        RowProblem::TooLong {
            column: "note".into()
        }
    );
}

#[test]
fn rejected_rows_download_with_line_and_reason_defused() {
    let list = checked("phone,name\n=HYPERLINK(\"x\"),Eve\n");
    let csv = rejected_csv(&list.header, &list.rejected);
    assert_eq!(
        csv,
        "phone,name,line,problem,details\r\n\"'=HYPERLINK(\"\"x\"\")\",Eve,2,phone_malformed,the phone is not a phone number\r\n"
    );
    // A phone a spreadsheet marked as text reads back.
    let again = checked("phone\n'+34600000001\n");
    assert_eq!(again.rows.len(), 1);
}
