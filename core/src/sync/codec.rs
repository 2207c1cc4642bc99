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
use std::io::{BufRead, Read, Write};

use serde::{Deserialize, Serialize};

use super::error::{Result, SyncError};
use super::hlc::{Stamp, MAX_HLC};
use super::state::{Field, RecordKey, RecordState, SyncState, Value};

/// The `format` of a sync file's header.
pub const FORMAT: &str = "dermaroll-sync";
/// The version this build writes and the newest it reads.
pub const VERSION: u32 = 1;
/// The longest line the decoder accepts (a record with long notes fits).
pub const MAX_LINE: u64 = 4 * 1024 * 1024;
/// The longest record id, table, field or device id accepted.
pub const MAX_NAME: usize = 64;

/// The header line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version.
    pub version: u32,
    /// How many record lines follow.
    pub records: u64,
}

/// A record's stamps without its values (how the journal stores them too).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stamps {
    /// The base stamp most fields carry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s: Option<Stamp>,
    /// Fields stamped otherwise than the base.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub x: BTreeMap<String, Stamp>,
    /// The tombstone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub d: Option<Stamp>,
    /// Lost free-text versions: field, stamp, text.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lost: Vec<(String, Stamp, String)>,
    /// Overwritten or dismissed free-text versions: field, stamp.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dis: Vec<(String, Stamp)>,
}

#[derive(Serialize)]
struct LineOut<'a> {
    t: &'a str,
    id: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    v: BTreeMap<&'a str, &'a Value>,
    #[serde(flatten)]
    stamps: Stamps,
}

#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LineIn {
    t: String,
    id: String,
    #[serde(default)]
    v: BTreeMap<String, Value>,
    #[serde(default)]
    s: Option<Stamp>,
    #[serde(default)]
    x: BTreeMap<String, Stamp>,
    #[serde(default)]
    d: Option<Stamp>,
    #[serde(default)]
    lost: Vec<(String, Stamp, String)>,
    #[serde(default)]
    dis: Vec<(String, Stamp)>,
}

/// Splits a record into its values and its compact stamps.
pub fn split(record: &RecordState) -> (BTreeMap<&str, &Value>, Stamps) {
    let mut counts: BTreeMap<&Stamp, usize> = BTreeMap::new();
    for field in record.fields.values() {
        *counts.entry(&field.stamp).or_default() += 1;
    }
    // The most common stamp; on a tie the least (max_by_key keeps the last
    // maximum, so iterate in reverse order).
    let base = counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| **n)
        .map(|(s, _)| (*s).clone());
    let x = record
        .fields
        .iter()
        .filter(|(_, f)| Some(&f.stamp) != base.as_ref())
        .map(|(name, f)| (name.clone(), f.stamp.clone()))
        .collect();
    let values = record
        .fields
        .iter()
        .map(|(name, f)| (name.as_str(), &f.value))
        .collect();
    let stamps = Stamps {
        s: base,
        x,
        d: record.deleted.clone(),
        lost: record
            .lost
            .iter()
            .map(|((f, s), t)| (f.clone(), s.clone(), t.clone()))
            .collect(),
        dis: record.dismissed.iter().cloned().collect(),
    };
    (values, stamps)
}

fn check_name(what: &str, name: &str) -> Result<()> {
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

/// Writes the header line for `records` records.
pub fn write_header<W: Write>(out: &mut W, records: u64) -> Result<()> {
    let header = Header {
        format: FORMAT.into(),
        version: VERSION,
        records,
    };
    serde_json::to_writer(&mut *out, &header).map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Writes one record line.
pub fn write_record<W: Write>(out: &mut W, key: &RecordKey, record: &RecordState) -> Result<()> {
    let (v, stamps) = split(record);
    let line = LineOut {
        t: &key.0,
        id: &key.1,
        v,
        stamps,
    };
    serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The canonical plaintext of a whole state.
pub fn encode(state: &SyncState) -> Vec<u8> {
    let mut out = Vec::new();
    let count = u64::try_from(state.records.len()).unwrap_or(u64::MAX);
    // Writing to a Vec cannot fail.
    let _ = write_header(&mut out, count);
    for (key, record) in &state.records {
        let _ = write_record(&mut out, key, record);
    }
    out
}

/// Reads a plaintext record by record, checking the header, the canonical
/// order (no duplicates) and the count.
pub struct Decoder<R> {
    input: R,
    header: Header,
    read: u64,
    last: Option<RecordKey>,
    line: Vec<u8>,
}

fn read_line<R: BufRead>(input: &mut R, line: &mut Vec<u8>) -> Result<bool> {
    line.clear();
    let n = input.by_ref().take(MAX_LINE + 1).read_until(b'\n', line)?;
    if n == 0 {
        return Ok(false);
    }
    if line.last() != Some(&b'\n') {
        return Err(SyncError::Malformed(if n as u64 > MAX_LINE {
            "a line is too long".into()
        } else {
            "the last line is not terminated".into()
        }));
    }
    line.pop();
    Ok(true)
}

impl<R: BufRead> Decoder<R> {
    /// Reads and checks the header.
    pub fn new(mut input: R) -> Result<Self> {
        let mut line = Vec::new();
        if !read_line(&mut input, &mut line)? {
            return Err(SyncError::Malformed("no header".into()));
        }
        let value: serde_json::Value = serde_json::from_slice(&line)
            .map_err(|e| SyncError::Malformed(format!("header: {e}")))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(SyncError::Malformed("not a dermaroll sync file".into()));
        }
        if let Some(found) = value.get("version").and_then(|v| v.as_u64()) {
            if found > u64::from(VERSION) {
                return Err(SyncError::NewerVersion {
                    found: u32::try_from(found).unwrap_or(u32::MAX),
                    supported: VERSION,
                });
            }
        }
        let header: Header = serde_json::from_value(value)
            .map_err(|e| SyncError::Malformed(format!("header: {e}")))?;
        Ok(Self {
            input,
            header,
            read: 0,
            last: None,
            line,
        })
    }

    /// The header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The next record line with its key, not yet decoded (see
    /// [`RawRecord::decode`]), or `None` after the last one (the count
    /// checked). The key and the canonical order are checked here.
    pub fn next_raw(&mut self) -> Result<Option<RawRecord>> {
        if !read_line(&mut self.input, &mut self.line)? {
            if self.read != self.header.records {
                return Err(SyncError::Malformed(format!(
                    "{} records announced, {} found",
                    self.header.records, self.read
                )));
            }
            return Ok(None);
        }
        if self.read >= self.header.records {
            return Err(SyncError::Malformed("more records than announced".into()));
        }
        self.read += 1;
        let line = std::mem::take(&mut self.line);
        let (key, parsed) = match canonical_key(&line) {
            Some(key) => (key, None),
            None => {
                let parsed = parse_line(&line, self.read)?;
                ((parsed.t.clone(), parsed.id.clone()), Some(parsed))
            }
        };
        check_name("a table name", &key.0)?;
        check_name("a record id", &key.1)?;
        if self.last.as_ref().is_some_and(|last| *last >= key) {
            return Err(SyncError::Malformed(format!(
                "record {} is out of order or repeated",
                self.read
            )));
        }
        self.last = Some(key.clone());
        Ok(Some(RawRecord {
            key,
            line,
            number: self.read,
            parsed,
        }))
    }

    /// The next record, decoded, or `None` after the last one.
    pub fn next_record(&mut self) -> Result<Option<(RecordKey, RecordState)>> {
        match self.next_raw()? {
            Some(raw) => {
                let record = raw.decode()?;
                Ok(Some((raw.key, record)))
            }
            None => Ok(None),
        }
    }
}

/// One record line as read: its key, its bytes, and (only when the key had
/// to be found by a full parse) the parse.
pub struct RawRecord {
    /// The record's (table, id).
    pub key: RecordKey,
    /// The line's bytes, without the newline.
    pub line: Vec<u8>,
    number: u64,
    parsed: Option<LineIn>,
}

impl RawRecord {
    /// Decodes the record's state, checking every value and stamp.
    pub fn decode(&self) -> Result<RecordState> {
        let line = match &self.parsed {
            Some(parsed) => parsed.clone(),
            None => parse_line(&self.line, self.number)?,
        };
        if line.t != self.key.0 || line.id != self.key.1 {
            return Err(SyncError::Malformed(format!(
                "record {}: its key is written twice",
                self.number
            )));
        }
        let stamps = Stamps {
            s: line.s,
            x: line.x,
            d: line.d,
            lost: line.lost,
            dis: line.dis,
        };
        join(line.v, stamps)
    }
}

fn parse_line(line: &[u8], number: u64) -> Result<LineIn> {
    serde_json::from_slice(line).map_err(|e| SyncError::Malformed(format!("record {number}: {e}")))
}

/// Reads the key of a line written the canonical way (`{"t":"…","id":"…",`
/// or `…"}` with plain text in both), without parsing the rest; `None`
/// for any other layout (the caller then parses the whole line).
fn canonical_key(line: &[u8]) -> Option<RecordKey> {
    fn plain(bytes: &[u8]) -> Option<String> {
        let text = std::str::from_utf8(bytes).ok()?;
        text.bytes()
            .all(|b| b != b'"' && b != b'\\' && b >= 0x20)
            .then(|| text.to_string())
    }
    let rest = line.strip_prefix(b"{\"t\":\"")?;
    let end = rest.iter().position(|b| *b == b'"')?;
    let (table, rest) = rest.split_at(end);
    let rest = rest.strip_prefix(b"\",\"id\":\"")?;
    let end = rest.iter().position(|b| *b == b'"')?;
    let (id, rest) = rest.split_at(end);
    if !(rest.starts_with(b"\",") || rest == b"\"}") {
        return None;
    }
    Some((plain(table)?, plain(id)?))
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
