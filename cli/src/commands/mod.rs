//! One file per command group. Each prints text for people, or JSON with
//! `--json` (serde_json of the core's records).

pub mod demo;
pub mod edit;
pub mod entries;
pub mod journal;
pub mod plan;
pub mod progress;
pub mod session;
pub mod sync;
pub mod transfer;

use serde::Serialize;

/// Prints `value` as one line of JSON.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> anyhow::Result<()> {
    println!("{}", serde_json::to_string(value)?);
    Ok(())
}

/// A core enum's serialised name in plain words (`left_cheek` -> `left cheek`).
pub fn name<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text.replace('_', " "),
        _ => String::from("?"),
    }
}
