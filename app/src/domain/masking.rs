//! Number masking: when the admin turns it on, agents read customers' numbers as
//! `+34 6•• ••• •12` — the country and enough digits to tell two customers apart, not enough
//! to copy the number out of the desk. Supervisors and admins always read the full number.
//!
//! Asked by the server wherever a number leaves it for a person or a program acting for one:
//! the conversation list and its live updates, the thread, the contact panel, the contacts
//! screen, search results, exports and the REST API (by the token owner's role). The browser
//! never receives the full number to hide it itself.

use crate::domain::roles::Role;

/// What replaces a hidden digit.
pub const HIDDEN: char = '•';

/// Whether `role` reads numbers masked when the team's masking setting is `on`.
pub fn masks(on: bool, role: Role) -> bool {
    on && role == Role::Agent
}

/// A number written for people (`+34 612 34 56 12`, as `phone::for_people` writes it) with
/// every digit hidden but the country code, the first digit after it and the last two.
/// Separators stay, so the number keeps its familiar shape.
pub fn masked(for_people: &str) -> String {
    let text = for_people.trim();
    // The country code runs from `+` to the first separator; without one, keep two digits.
    let code_len = match text.strip_prefix('+') {
        Some(rest) => {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            if digits == rest.chars().filter(char::is_ascii_digit).count() {
                digits.min(2)
            } else {
                digits
            }
        }
        None => 0,
    };
    let total = text.chars().filter(char::is_ascii_digit).count();
    // Keep: the code, one more digit, the last two. Short numbers keep less, never all.
    let keep_tail = if total > code_len + 4 { 2 } else { 0 };
    let keep_head = if total > code_len + 2 {
        code_len + 1
    } else {
        code_len
    };
    let mut seen = 0;
    text.chars()
        .map(|c| {
            if !c.is_ascii_digit() {
                return c;
            }
            seen += 1;
            if seen <= keep_head || seen > total - keep_tail {
                c
            } else {
                HIDDEN
            }
        })
        .collect()
}

/// Whether `name` is a masked or full number rather than a person's name (a contact without a
/// profile name is shown by their number, which must be masked the same way).
pub fn is_number(name: &str) -> bool {
    let t = name.trim();
    t.starts_with('+')
        && t.chars()
            .filter(|c| c.is_ascii_digit() || *c == HIDDEN)
            .count()
            >= 6
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '+' || c == ' ' || c == '-' || c == HIDDEN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::phone::for_people;

    #[test]
    fn the_issue_example() {
        assert_eq!(masked("+34 612 34 56 12"), "+34 6•• •• •• 12");
        assert_eq!(masked("+34 612 345 612"), "+34 6•• ••• •12");
    }

    #[test]
    fn every_country_keeps_its_code_and_last_two() {
        for wa_id in [
            "5491155550101",
            "5511987654321",
            "14155550123",
            "34612345612",
        ] {
            let full = for_people(wa_id);
            let m = masked(&full);
            let digits: String = m.chars().filter(char::is_ascii_digit).collect();
            let hidden = m.chars().filter(|c| *c == HIDDEN).count();
            assert!(hidden >= 5, "{full} → {m}");
            assert!(full.starts_with(&m[..m.find(' ').unwrap()]), "{full} → {m}");
            assert!(digits.ends_with(&wa_id[wa_id.len() - 2..]), "{full} → {m}");
            assert_eq!(m.chars().count(), full.chars().count());
        }
    }

    #[test]
    fn numbers_without_spaces_or_plus_still_hide_the_middle() {
        assert_eq!(masked("+34612345612"), "+346••••••12");
        assert_eq!(masked("612345612"), "6••••••12");
        assert_eq!(masked("+1234"), "+12••");
    }

    #[test]
    fn only_agents_and_only_when_on() {
        assert!(masks(true, Role::Agent));
        assert!(!masks(true, Role::Supervisor));
        assert!(!masks(true, Role::Admin));
        assert!(!masks(false, Role::Agent));
    }

    #[test]
    fn names_that_are_numbers() {
        assert!(is_number("+34 612 34 56 12"));
        assert!(is_number("+34 6•• •• •• 12"));
        assert!(!is_number("Lucía"));
        assert!(!is_number("+34"));
    }
}
