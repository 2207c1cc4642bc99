//! The canonical plaintext of a sync file: one header line, then one line
//! per record, sorted by (table, id). The same state always encodes to the
//! same bytes: maps are sorted, and each record names one base stamp (the one
//! most of its fields carry; on a tie, the least) and lists only the fields
//! stamped otherwise.
//!
//! ```text
//! {"format":"dermaroll-sync","version":1,"records":2}
//! {"t":"scars","id":"…","s":[hlc,"device"],"v":{"area":"chin",…},"x":{"notes":[hlc,"device"]}}
//! {"t":"photos","id":"…","d":[hlc,"device"]}
//! ```
//!
//! `lost` lists free-text versions that lost concurrently (`[field, stamp,
//! text]`), `dis` the versions overwritten or dismissed (`[field, stamp]`).

use std::collections::BTreeMap;
use std::io::Write;

pub use super::decoder::{Decoder, RawRecord};
use super::error::{Result, SyncError};
use super::hlc::{Stamp, MAX_HLC};
use super::json::{write_int, write_items, write_string};
pub use super::stamps::Stamps;
use super::state::{Field, RecordKey, RecordState, SyncState, Value};

/// The `format` of a sync file's header.
pub const FORMAT: &str = "dermaroll-sync";
/// The version this build writes and the newest it reads.
pub const VERSION: u32 = 1;
/// The longest line the decoder accepts (a record with long notes fits).
pub const MAX_LINE: u64 = 4 * 1024 * 1024;
/// The largest photo image a sync file carries (a phone photo is a few MB).
pub const MAX_FILE_BYTES: usize = 24 * 1024 * 1024;
/// The longest record id, table, field or device id accepted.
pub const MAX_NAME: usize = 64;

/// The header line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version.
    pub version: u32,
    /// How many record lines follow.
    pub records: u64,
    /// How many photo file lines follow the records (written only when
    /// not 0).
    pub files: u64,
}

/// A record's compact stamps: the base stamp (the one most fields carry;
/// on a tie, the least) and the fields stamped otherwise.
pub fn split(record: &RecordState) -> Stamps {
    let mut counts: Vec<(&Stamp, usize)> = Vec::new();
    for field in record.fields.values() {
        match counts.iter_mut().find(|(s, _)| *s == &field.stamp) {
            Some((_, n)) => *n += 1,
            None => counts.push((&field.stamp, 1)),
        }
    }
    let base = counts
        .iter()
        .max_by(|(a, n), (b, m)| n.cmp(m).then(b.cmp(a)))
        .map(|(s, _)| (*s).clone());
    let x = record
        .fields
        .iter()
        .filter(|(_, f)| Some(&f.stamp) != base.as_ref())
        .map(|(name, f)| (name.clone(), f.stamp.clone()))
        .collect();
    Stamps {
        s: base,
        x,
        d: record.deleted.clone(),
        lost: record
            .lost
            .iter()
            .map(|((f, s), t)| (f.clone(), s.clone(), t.clone()))
            .collect(),
        dis: record.dismissed.iter().cloned().collect(),
    }
}

pub(super) fn check_name(what: &str, name: &str) -> Result<()> {
    if name.is_empty() || name.len() > MAX_NAME {
        return Err(SyncError::Malformed(format!(
            "{what} must be 1 to {MAX_NAME} bytes long"
        )));
    }
    Ok(())
}

fn check_stamp(stamp: &Stamp) -> Result<()> {
    if stamp.0 > MAX_HLC {
        return Err(SyncError::Malformed(format!(
            "clock value {} is out of range",
            stamp.0
        )));
    }
    check_name("a device id", &stamp.1)
}

/// Joins values and stamps back into a record, checking that every value
/// has a stamp and every listed stamp a value.
pub fn join(values: BTreeMap<String, Value>, stamps: Stamps) -> Result<RecordState> {
    for stamp in stamps
        .s
        .iter()
        .chain(stamps.x.values())
        .chain(stamps.d.iter())
        .chain(stamps.lost.iter().map(|(_, s, _)| s))
        .chain(stamps.dis.iter().map(|(_, s)| s))
    {
        check_stamp(stamp)?;
    }
    if let Some(name) = stamps.x.keys().find(|name| !values.contains_key(*name)) {
        return Err(SyncError::Malformed(format!(
            "stamp for missing field {name}"
        )));
    }
    let mut fields = BTreeMap::new();
    for (name, value) in values {
        check_name("a field name", &name)?;
        let stamp = match stamps.x.get(&name).or(stamps.s.as_ref()) {
            Some(stamp) => stamp.clone(),
            None => return Err(SyncError::Malformed(format!("field {name} has no stamp"))),
        };
        fields.insert(name, Field { stamp, value });
    }
    let record = RecordState {
        fields,
        deleted: stamps.d,
        lost: stamps
            .lost
            .into_iter()
            .map(|(f, s, t)| ((f, s), t))
            .collect(),
        dismissed: stamps.dis.into_iter().collect(),
    };
    if record.deleted.is_some()
        && (!record.fields.is_empty() || !record.lost.is_empty() || !record.dismissed.is_empty())
    {
        return Err(SyncError::Malformed(
            "a deleted record carries fields".into(),
        ));
    }
    Ok(record)
}

/// Writes the header line for `records` records and `files` photo files.
pub fn write_header<W: Write>(out: &mut W, records: u64, files: u64) -> Result<()> {
    let mut line = Vec::with_capacity(64);
    line.extend_from_slice(b"{\"format\":");
    write_string(&mut line, FORMAT);
    line.extend_from_slice(b",\"version\":");
    write_int(&mut line, VERSION);
    line.extend_from_slice(b",\"records\":");
    write_int(&mut line, records);
    if files > 0 {
        line.extend_from_slice(b",\"files\":");
        write_int(&mut line, files);
    }
    line.extend_from_slice(b"}\n");
    out.write_all(&line)?;
    Ok(())
}

/// Writes one photo file line (after the records): the photo record's id
/// and the image's bytes in base64.
pub fn write_file<W: Write>(out: &mut W, photo_id: &str, image: &[u8]) -> Result<()> {
    if image.len() > MAX_FILE_BYTES {
        return Err(SyncError::Malformed(format!(
            "photo {photo_id} is larger than {MAX_FILE_BYTES} bytes"
        )));
    }
    let mut line = Vec::with_capacity(image.len() / 3 * 4 + 64);
    line.extend_from_slice(b"{\"photo\":");
    write_string(&mut line, photo_id);
    line.extend_from_slice(b",\"data\":\"");
    line.extend_from_slice(super::b64::encode(image).as_bytes());
    line.extend_from_slice(b"\"}\n");
    out.write_all(&line)?;
    Ok(())
}

/// Writes one record line.
pub fn write_record<W: Write>(out: &mut W, key: &RecordKey, record: &RecordState) -> Result<()> {
    let mut line = Vec::with_capacity(256);
    line.extend_from_slice(b"{\"t\":");
    write_string(&mut line, &key.0);
    line.extend_from_slice(b",\"id\":");
    write_string(&mut line, &key.1);
    if !record.fields.is_empty() {
        line.extend_from_slice(b",\"v\":{");
        write_items(&mut line, &record.fields, |line, (name, field)| {
            write_string(line, name);
            line.push(b':');
            match &field.value {
                Value::Null => line.extend_from_slice(b"null"),
                Value::Int(n) => write_int(line, n),
                Value::Text(text) => write_string(line, text),
            }
        });
        line.push(b'}');
    }
    split(record).write_members(&mut line, true);
    line.extend_from_slice(b"}\n");
    out.write_all(&line)?;
    Ok(())
}

/// The canonical plaintext of a whole state.
pub fn encode(state: &SyncState) -> Vec<u8> {
    let mut out = Vec::new();
    let count = u64::try_from(state.records.len()).unwrap_or(u64::MAX);
    // Writing to a Vec cannot fail.
    let _ = write_header(&mut out, count, 0);
    for (key, record) in &state.records {
        let _ = write_record(&mut out, key, record);
    }
    out
}

/// The digest by which a journal recognises a line it imported before: the
/// first 16 bytes of the line's SHA-256.
pub fn line_digest(line: &[u8]) -> [u8; 16] {
    use sha2::{Digest, Sha256};
    let full = Sha256::digest(line);
    let mut out = [0u8; 16];
    out.copy_from_slice(&full[..16]);
    out
}

/// Decodes a whole plaintext (tests, the fuzz target).
pub fn decode(bytes: &[u8]) -> Result<SyncState> {
    let mut decoder = Decoder::new(bytes)?;
    let mut state = SyncState::default();
    while let Some((key, record)) = decoder.next_record()? {
        state.records.insert(key, record);
    }
    while decoder.next_file()?.is_some() {}
    decoder.finish()?;
    Ok(state)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_state_round_trips_through_canonical_bytes() {
        let a = Stamp(1 << 20, "dev-a".into());
        let b = Stamp(2 << 20, "dev-b".into());
        let mut record = RecordState::created(
            [
                ("area".to_string(), Value::Text("chin".into())),
                ("baseline".to_string(), Value::Int(6)),
                ("notes".to_string(), Value::Text("x".into())),
            ],
            &a,
        );
        record.edit("notes", Value::Text("y".into()), b.clone());
        let mut gone = RecordState::default();
        gone.delete(b);
        let mut state = SyncState::default();
        state.records.insert(("scars".into(), "1".into()), record);
        state.records.insert(("photos".into(), "2".into()), gone);
        let bytes = encode(&state);
        assert_eq!(decode(&bytes).unwrap(), state);
        assert_eq!(encode(&decode(&bytes).unwrap()), bytes);
    }

    #[test]
    fn bad_plaintexts_are_typed_errors() {
        let newer = b"{\"format\":\"dermaroll-sync\",\"version\":9,\"records\":0}\n";
        assert!(matches!(
            decode(newer),
            Err(SyncError::NewerVersion { found: 9, .. })
        ));
        let short = b"{\"format\":\"dermaroll-sync\",\"version\":1,\"records\":1}\n";
        assert!(matches!(decode(short), Err(SyncError::Malformed(_))));
        let twice = b"{\"format\":\"dermaroll-sync\",\"version\":1,\"records\":2}\n{\"t\":\"a\",\"id\":\"1\"}\n{\"t\":\"a\",\"id\":\"1\"}\n";
        assert!(matches!(decode(twice), Err(SyncError::Malformed(_))));
        assert!(matches!(decode(b""), Err(SyncError::Malformed(_))));
    }
}
