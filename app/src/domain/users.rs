//! Rules about changing accounts.

use super::roles::Role;

/// The desk must always keep one active admin, or nobody could manage users again.
/// `active_admins` counts enabled admins before the change; `target_is_active_admin` says
/// whether the account being changed is one of them.
pub fn removes_last_admin(
    active_admins: u64,
    target_is_active_admin: bool,
    new_role: Role,
    new_disabled: bool,
) -> bool {
    let stays_admin = new_role == Role::Admin && !new_disabled;
    target_is_active_admin && !stays_admin && active_admins <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_admin_is_kept() {
        assert!(removes_last_admin(1, true, Role::Agent, false));
        assert!(removes_last_admin(1, true, Role::Admin, true));
        assert!(!removes_last_admin(2, true, Role::Agent, false));
        assert!(!removes_last_admin(1, true, Role::Admin, false));
        assert!(!removes_last_admin(1, false, Role::Agent, true));
    }
}
