//! Demo mode: a ready-made team to sign in with. (Demo conversations and the WhatsApp
//! simulator join in a later release.)

use crate::config::Config;
use app::domain::roles::Role;
use app::ssr::{now_ms, password, NewUser, ServerState, UserChange};
use rand::distributions::Alphanumeric;
use rand::Rng;

pub const DEMO_USERS: [(&str, &str, Role); 4] = [
    ("admin@demo.local", "Alex Admin", Role::Admin),
    (
        "supervisor@demo.local",
        "Sofía Supervisor",
        Role::Supervisor,
    ),
    ("ana@demo.local", "Ana García", Role::Agent),
    ("luis@demo.local", "Luis Pérez", Role::Agent),
];

pub struct DemoLogins {
    pub password: String,
}

/// Creates the demo users, or resets them to the demo password (`BUZON_DEMO_PASSWORD`, or a
/// fresh random one) so the printed logins always work.
pub async fn seed(state: &ServerState) -> Result<DemoLogins, String> {
    let password = match std::env::var("BUZON_DEMO_PASSWORD") {
        Ok(p) if !p.is_empty() => {
            app::domain::validation::new_password(&p).map_err(|_| {
                "BUZON_DEMO_PASSWORD: must have between 8 and 128 characters".to_string()
            })?;
            p
        }
        _ => rand::thread_rng()
            .sample_iter(&Alphanumeric)
            .take(12)
            .map(char::from)
            .collect(),
    };
    let hash = password::hash(password.clone(), state.hashing)
        .await
        .map_err(|e| format!("demo: cannot hash the demo password: {e}"))?;
    let store = &state.store;
    let fail = |e: app::ssr::StoreError| format!("DATABASE_URL: cannot write demo users: {e}");
    for (email, name, role) in DEMO_USERS {
        let now = now_ms();
        match store.user_by_email(email).await.map_err(fail)? {
            Some(user) => {
                let change = UserChange::PasswordHash {
                    hash: hash.clone(),
                    end_sessions: false,
                };
                store
                    .update_user(user.id, change, now)
                    .await
                    .map_err(fail)?;
                store
                    .update_user(user.id, UserChange::Disabled(false), now)
                    .await
                    .map_err(fail)?;
            }
            None => {
                let user = NewUser {
                    email: email.to_string(),
                    name: name.to_string(),
                    role,
                    password_hash: hash.clone(),
                    capacity: app::domain::validation::DEFAULT_CAPACITY,
                    language: None,
                };
                store.create_user(user, now).await.map_err(fail)?;
            }
        }
    }
    Ok(DemoLogins { password })
}

pub fn print_logins(config: &Config, logins: &DemoLogins) {
    println!();
    println!("  Buzón demo is ready: http://{}", config.addr);
    println!();
    for (email, _, role) in DEMO_USERS {
        println!("    {email:<24} {role}");
    }
    println!("    password: {}", logins.password);
    println!();
}
