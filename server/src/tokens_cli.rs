//! `buzon token`: create, list and revoke the integration API's tokens. (being written)

use crate::config::TokenCommand;
use app::ssr::ServerState;

pub async fn run(_command: TokenCommand, _state: &ServerState) -> Result<(), String> {
    Err("not written yet".into())
}
