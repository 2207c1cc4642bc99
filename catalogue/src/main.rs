//! `catalogue`: checks the catalogue and writes (or checks) the files made
//! from it. `scripts/catalogue` runs it from the repository's root.
//!
//! - `catalogue generate`: writes every generated file;
//! - `catalogue check`: fails when the catalogue breaks a rule or a
//!   generated file differs from what the catalogue gives.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dermaroll_catalogue::{android, check, ios, Catalogue, LANGUAGES};

/// Every generated file: its path from the repository's root, its content.
fn generated(catalogue: &Catalogue) -> Vec<(PathBuf, String)> {
    let mut files: Vec<(PathBuf, String)> = LANGUAGES
        .iter()
        .map(|language| {
            (
                Path::new("android/app/src/main/res")
                    .join(android::folder(language))
                    .join("strings.xml"),
                android::strings_xml(catalogue, language),
            )
        })
        .collect();
    files.push((
        PathBuf::from("ios/App/Resources/Localizable.xcstrings"),
        ios::xcstrings(catalogue),
    ));
    files
}

fn run(command: &str, root: &Path) -> Result<(), String> {
    let catalogue =
        dermaroll_catalogue::catalogue().map_err(|e| format!("catalogue/texts.toml: {e}"))?;
    let problems = check::problems(&catalogue);
    if !problems.is_empty() {
        return Err(format!(
            "catalogue/texts.toml breaks {} rule(s):\n  {}",
            problems.len(),
            problems.join("\n  ")
        ));
    }
    let files = generated(&catalogue);
    match command {
        "generate" => {
            for (path, content) in files {
                let path = root.join(path);
                if let Some(folder) = path.parent() {
                    std::fs::create_dir_all(folder)
                        .map_err(|e| format!("{}: {e}", folder.display()))?;
                }
                std::fs::write(&path, content).map_err(|e| format!("{}: {e}", path.display()))?;
                println!("wrote {}", path.display());
            }
            Ok(())
        }
        "check" => {
            let stale: Vec<String> = files
                .iter()
                .filter(|(path, content)| {
                    std::fs::read_to_string(root.join(path)).ok().as_deref() != Some(content)
                })
                .map(|(path, _)| path.display().to_string())
                .collect();
            if stale.is_empty() {
                println!(
                    "catalogue: {} texts and {} nouns in {} languages; generated files up to date",
                    catalogue.texts.len(),
                    catalogue.nouns.len(),
                    LANGUAGES.len()
                );
                Ok(())
            } else {
                Err(format!(
                    "generated files differ from the catalogue (run scripts/catalogue): {}",
                    stale.join(", ")
                ))
            }
        }
        other => Err(format!("unknown command {other:?}: use generate or check")),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let command = args.get(1).map_or("check", String::as_str);
    let root = args
        .get(2)
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    match run(command, &root) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("catalogue: {message}");
            ExitCode::FAILURE
        }
    }
}
