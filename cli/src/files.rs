//! Writing files the way the phone shells do: never a half-written file.

use std::fs::File;
use std::io::Write;
use std::path::Path;

use anyhow::Context;

/// The temporary file beside `path` that [`write_atomically`] writes first
/// (the core's naming rule, shared with the phone shells' exports).
pub use dermaroll_core::journal::files::partial_path;

/// Writes `path` through a temporary file beside it, flushed to disk and then
/// renamed into place. On any error the temporary file is removed and `path`
/// is left as it was.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut File) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    if path.file_name().is_none() {
        anyhow::bail!("{} is not a file name", path.display());
    }
    let temporary = partial_path(path);
    let outcome = File::create(&temporary)
        .with_context(|| format!("creating {}", temporary.display()))
        .and_then(|mut file| {
            write(&mut file)?;
            file.flush()
                .and_then(|()| file.sync_all())
                .with_context(|| format!("writing {}", temporary.display()))
        })
        .and_then(|()| {
            std::fs::rename(&temporary, path).with_context(|| format!("writing {}", path.display()))
        });
    if outcome.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_through_a_partial_file_and_cleans_up_on_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.age");
        assert_eq!(partial_path(&path), dir.path().join("out.age.partial"));
        write_atomically(&path, |f| Ok(f.write_all(b"one")?)).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        let failed = write_atomically(&path, |f| {
            f.write_all(b"two")?;
            anyhow::bail!("refused")
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        assert!(!partial_path(&path).exists());
        // A directory in the way: refused, nothing left behind.
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        assert!(write_atomically(&sub, |f| Ok(f.write_all(b"x")?)).is_err());
        assert!(!partial_path(&sub).exists());
    }
}
