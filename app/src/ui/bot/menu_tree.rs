//! The menu as a tree of options: finding an option or a submenu's options by id, new ids,
//! and changing what an option does.

use crate::domain::bot::{MenuAction, MenuOption};

/// The options of the top menu (`parent` None) or of a submenu option's menu.
pub(super) fn children_mut<'a>(
    menu: &'a mut Vec<MenuOption>,
    parent: Option<&str>,
) -> Option<&'a mut Vec<MenuOption>> {
    let Some(parent) = parent else {
        return Some(menu);
    };
    match &mut find_mut(menu, parent)?.action {
        MenuAction::Submenu { options, .. } => Some(options),
        _ => None,
    }
}

pub(super) fn children<'a>(menu: &'a [MenuOption], parent: Option<&str>) -> &'a [MenuOption] {
    let Some(parent) = parent else {
        return menu;
    };
    let found = find(menu, parent).map(|o| &o.action);
    match found {
        Some(MenuAction::Submenu { options, .. }) => options,
        _ => &[],
    }
}

pub(super) fn find<'a>(menu: &'a [MenuOption], id: &str) -> Option<&'a MenuOption> {
    menu.iter().find_map(|o| {
        if o.id == id {
            return Some(o);
        }
        match &o.action {
            MenuAction::Submenu { options, .. } => find(options, id),
            _ => None,
        }
    })
}

pub(super) fn find_mut<'a>(menu: &'a mut [MenuOption], id: &str) -> Option<&'a mut MenuOption> {
    for option in menu.iter_mut() {
        if option.id == id {
            return Some(option);
        }
        if let MenuAction::Submenu { options, .. } = &mut option.action {
            if let Some(found) = find_mut(options, id) {
                return Some(found);
            }
        }
    }
    None
}

/// An id no option of the menu has yet, from the time and a counter.
pub(super) fn fresh_id(menu: &[MenuOption], now_ms: i64, counter: u32) -> String {
    let mut n = counter;
    loop {
        let id = format!("{:x}{n:x}", now_ms.rem_euclid(1 << 40));
        if find(menu, &id).is_none() {
            return id;
        }
        n += 1;
    }
}

/// The kind of an action, as the select names it.
pub(super) fn kind(action: &MenuAction) -> &'static str {
    match action {
        MenuAction::Answer { .. } => "answer",
        MenuAction::Submenu { .. } => "submenu",
        MenuAction::Catalog => "catalog",
        MenuAction::Human => "human",
    }
}

/// `action` turned into `kind`, keeping its text where both have one.
pub(super) fn with_kind(action: &MenuAction, kind: &str) -> MenuAction {
    let text = match action {
        MenuAction::Answer { text } | MenuAction::Submenu { text, .. } => text.clone(),
        _ => String::new(),
    };
    match kind {
        "answer" => MenuAction::Answer { text },
        "submenu" => MenuAction::Submenu {
            text,
            options: Vec::new(),
        },
        "catalog" => MenuAction::Catalog,
        _ => MenuAction::Human,
    }
}

/// The text of an answer or above a submenu; empty for the other actions.
pub(super) fn action_text(option: &MenuOption) -> String {
    match &option.action {
        MenuAction::Answer { text } | MenuAction::Submenu { text, .. } => text.clone(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn option(id: &str, action: MenuAction) -> MenuOption {
        MenuOption {
            id: id.into(),
            title: id.to_uppercase(),
            description: None,
            action,
        }
    }

    fn sample() -> Vec<MenuOption> {
        vec![
            option("a", MenuAction::Catalog),
            option(
                "b",
                MenuAction::Submenu {
                    text: "Pick".into(),
                    options: vec![option("c", MenuAction::Human)],
                },
            ),
        ]
    }

    #[test]
    fn options_are_found_at_any_level() {
        let mut menu = sample();
        assert_eq!(children(&menu, None).len(), 2);
        assert_eq!(children(&menu, Some("b"))[0].id, "c");
        assert!(children(&menu, Some("a")).is_empty());
        find_mut(&mut menu, "c").expect("nested").title = "Changed".into();
        assert_eq!(children(&menu, Some("b"))[0].title, "Changed");
        children_mut(&mut menu, Some("b")).expect("submenu").clear();
        assert!(children(&menu, Some("b")).is_empty());
    }

    #[test]
    fn new_ids_are_unique_in_the_whole_menu() {
        let menu = sample();
        let first = fresh_id(&menu, 0, 0);
        let mut with_first = menu.clone();
        with_first.push(option(&first, MenuAction::Catalog));
        assert_ne!(fresh_id(&with_first, 0, 0), first);
    }

    #[test]
    fn changing_the_action_keeps_the_text() {
        let answer = MenuAction::Answer { text: "Hi".into() };
        assert_eq!(
            with_kind(&answer, "submenu"),
            MenuAction::Submenu {
                text: "Hi".into(),
                options: vec![]
            }
        );
        assert_eq!(with_kind(&answer, "catalog"), MenuAction::Catalog);
    }
}
