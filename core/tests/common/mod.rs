//! Helpers shared by the scenario tests: where the cross-language scenario
//! files live and how to read them.

use std::path::PathBuf;

/// The repository's `tests/scenarios/<kind>` folder.
pub fn scenario_dir(kind: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("tests")
        .join("scenarios")
        .join(kind)
}

/// Every `.json` file of one scenario kind, sorted by name, parsed.
pub fn scenario_files(kind: &str) -> Vec<(String, serde_json::Value)> {
    let dir = scenario_dir(kind);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no scenario files in {}", dir.display());
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
            let value = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()));
            (path.display().to_string(), value)
        })
        .collect()
}

/// A number that may be written as the string "NaN" (JSON has no NaN).
pub fn number(value: &serde_json::Value) -> f64 {
    match value {
        serde_json::Value::String(s) if s == "NaN" => f64::NAN,
        other => other
            .as_f64()
            .unwrap_or_else(|| panic!("expected a number, got {other}")),
    }
}
