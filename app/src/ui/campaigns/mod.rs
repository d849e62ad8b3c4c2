//! The `/campaigns` screen (supervisors and admins).

pub mod texts;
