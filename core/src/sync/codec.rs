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

use super::error::{Result, SyncError};
use super::hlc::{Stamp, MAX_HLC};
use super::json::{write_int, write_string, Reader};
use super::state::{Field, RecordKey, RecordState, SyncState, Value};

/// The `format` of a sync file's header.
pub const FORMAT: &str = "dermaroll-sync";
/// The version this build writes and the newest it reads.
pub const VERSION: u32 = 1;
/// The longest line the decoder accepts (a record with long notes fits).
pub const MAX_LINE: u64 = 4 * 1024 * 1024;
/// The largest photo image a sync file carries (a phone photo is a few MB).
pub const MAX_FILE_BYTES: usize = 24 * 1024 * 1024;
/// The longest photo file line the decoder accepts (the image in base64).
const MAX_FILE_LINE: u64 = (MAX_FILE_BYTES as u64).div_ceil(3) * 4 + 1024;
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

/// A record's stamps without its values (how the journal stores them too,
/// as the JSON object of [`Stamps::to_json`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamps {
    /// The base stamp most fields carry.
    pub s: Option<Stamp>,
    /// Fields stamped otherwise than the base.
    pub x: BTreeMap<String, Stamp>,
    /// The tombstone.
    pub d: Option<Stamp>,
    /// Lost free-text versions: field, stamp, text.
    pub lost: Vec<(String, Stamp, String)>,
    /// Overwritten or dismissed free-text versions: field, stamp.
    pub dis: Vec<(String, Stamp)>,
}

fn write_stamp(out: &mut Vec<u8>, stamp: &Stamp) {
    out.push(b'[');
    write_int(out, stamp.0);
    out.push(b',');
    write_string(out, &stamp.1);
    out.push(b']');
}

fn read_stamp(r: &mut Reader<'_>) -> Result<Stamp> {
    r.expect(b'[')?;
    let hlc = r.unsigned()?;
    r.expect(b',')?;
    let device = r.string()?;
    r.expect(b']')?;
    Ok(Stamp(hlc, device.into()))
}

/// Fails on a key met twice in one object (bit `bit` of `seen`).
fn once(seen: &mut u16, bit: u16, key: &str) -> Result<()> {
    if *seen & (1 << bit) != 0 {
        return Err(SyncError::Malformed(format!("duplicate field `{key}`")));
    }
    *seen |= 1 << bit;
    Ok(())
}

impl Stamps {
    /// Appends the members `"s"`, `"x"`, `"d"`, `"lost"`, `"dis"` (each only
    /// when set), each preceded by a comma when `comma`.
    fn write_members(&self, out: &mut Vec<u8>, mut comma: bool) {
        let mut key = |out: &mut Vec<u8>, name: &[u8]| {
            if comma {
                out.push(b',');
            }
            comma = true;
            out.extend_from_slice(name);
        };
        if let Some(stamp) = &self.s {
            key(out, b"\"s\":");
            write_stamp(out, stamp);
        }
        if !self.x.is_empty() {
            key(out, b"\"x\":{");
            for (i, (name, stamp)) in self.x.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(out, name);
                out.push(b':');
                write_stamp(out, stamp);
            }
            out.push(b'}');
        }
        if let Some(stamp) = &self.d {
            key(out, b"\"d\":");
            write_stamp(out, stamp);
        }
        if !self.lost.is_empty() {
            key(out, b"\"lost\":[");
            for (i, (field, stamp, text)) in self.lost.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.push(b'[');
                write_string(out, field);
                out.push(b',');
                write_stamp(out, stamp);
                out.push(b',');
                write_string(out, text);
                out.push(b']');
            }
            out.push(b']');
        }
        if !self.dis.is_empty() {
            key(out, b"\"dis\":[");
            for (i, (field, stamp)) in self.dis.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                out.push(b'[');
                write_string(out, field);
                out.push(b',');
                write_stamp(out, stamp);
                out.push(b']');
            }
            out.push(b']');
        }
    }

    /// Reads the member `key` if it is one of the stamps' (`Ok(false)`
    /// otherwise, the reader untouched).
    fn read_member(&mut self, r: &mut Reader<'_>, key: &str, seen: &mut u16) -> Result<bool> {
        match key {
            "s" => {
                once(seen, 0, key)?;
                self.s = Some(read_stamp(r)?);
            }
            "x" => {
                once(seen, 1, key)?;
                r.object(|r, name| {
                    let stamp = read_stamp(r)?;
                    if self.x.insert(name, stamp).is_some() {
                        return Err(SyncError::Malformed("a field is stamped twice".into()));
                    }
                    Ok(())
                })?;
            }
            "d" => {
                once(seen, 2, key)?;
                self.d = Some(read_stamp(r)?);
            }
            "lost" => {
                once(seen, 3, key)?;
                r.array(|r| {
                    r.expect(b'[')?;
                    let field = r.string()?;
                    r.expect(b',')?;
                    let stamp = read_stamp(r)?;
                    r.expect(b',')?;
                    let text = r.string()?;
                    r.expect(b']')?;
                    self.lost.push((field, stamp, text));
                    Ok(())
                })?;
            }
            "dis" => {
                once(seen, 4, key)?;
                r.array(|r| {
                    r.expect(b'[')?;
                    let field = r.string()?;
                    r.expect(b',')?;
                    let stamp = read_stamp(r)?;
                    r.expect(b']')?;
                    self.dis.push((field, stamp));
                    Ok(())
                })?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The stamps as a JSON object (how the journal stores them).
    pub fn to_json(&self) -> String {
        let mut out = vec![b'{'];
        self.write_members(&mut out, false);
        out.push(b'}');
        String::from_utf8(out).unwrap_or_default()
    }

    /// Reads stamps stored by [`Stamps::to_json`].
    pub fn from_json(text: &str) -> Result<Self> {
        let mut r = Reader::new(text.as_bytes());
        let mut stamps = Stamps::default();
        let mut seen = 0;
        r.object(|r, key| {
            if stamps.read_member(r, &key, &mut seen)? {
                Ok(())
            } else {
                Err(SyncError::Malformed(format!("unknown field `{key}`")))
            }
        })?;
        r.end()?;
        Ok(stamps)
    }
}

/// One record line as parsed.
#[derive(Clone)]
struct LineIn {
    t: String,
    id: String,
    v: BTreeMap<String, Value>,
    stamps: Stamps,
}

fn read_value(r: &mut Reader<'_>) -> Result<Value> {
    match r.peek() {
        Some(b'"') => Ok(Value::Text(r.string()?)),
        Some(b'n') => r.null().map(|()| Value::Null),
        _ => {
            let n = r.integer()?;
            i64::try_from(n)
                .map(Value::Int)
                .map_err(|_| SyncError::Malformed("integer out of range".into()))
        }
    }
}

fn read_line_in(bytes: &[u8]) -> Result<LineIn> {
    let mut r = Reader::new(bytes);
    let (mut t, mut id) = (None, None);
    let mut v = BTreeMap::new();
    let mut stamps = Stamps::default();
    let mut seen = 0;
    r.object(|r, key| {
        match key.as_str() {
            "t" => {
                once(&mut seen, 5, &key)?;
                t = Some(r.string()?);
            }
            "id" => {
                once(&mut seen, 6, &key)?;
                id = Some(r.string()?);
            }
            "v" => {
                once(&mut seen, 7, &key)?;
                r.object(|r, name| {
                    let value = read_value(r)?;
                    if v.insert(name, value).is_some() {
                        return Err(SyncError::Malformed("a field is written twice".into()));
                    }
                    Ok(())
                })?;
            }
            _ => {
                if !stamps.read_member(r, &key, &mut seen)? {
                    return Err(SyncError::Malformed(format!("unknown field `{key}`")));
                }
            }
        }
        Ok(())
    })?;
    r.end()?;
    match (t, id) {
        (Some(t), Some(id)) => Ok(LineIn { t, id, v, stamps }),
        _ => Err(SyncError::Malformed("missing field `t` or `id`".into())),
    }
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
        for (i, (name, field)) in record.fields.iter().enumerate() {
            if i > 0 {
                line.push(b',');
            }
            write_string(&mut line, name);
            line.push(b':');
            match &field.value {
                Value::Null => line.extend_from_slice(b"null"),
                Value::Int(n) => write_int(&mut line, n),
                Value::Text(text) => write_string(&mut line, text),
            }
        }
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

/// Reads a plaintext record by record, checking the header, the canonical
/// order (no duplicates) and the count.
pub struct Decoder<R> {
    input: R,
    header: Header,
    read: u64,
    files_read: u64,
    last: Option<RecordKey>,
    line: Vec<u8>,
}

fn read_line<R: BufRead>(input: &mut R, line: &mut Vec<u8>) -> Result<bool> {
    read_line_up_to(input, line, MAX_LINE)
}

fn read_line_up_to<R: BufRead>(input: &mut R, line: &mut Vec<u8>, max: u64) -> Result<bool> {
    line.clear();
    let n = input.by_ref().take(max + 1).read_until(b'\n', line)?;
    if n == 0 {
        return Ok(false);
    }
    if line.last() != Some(&b'\n') {
        return Err(SyncError::Malformed(if n as u64 > max {
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
        let header = read_header(&line)?;
        Ok(Self {
            input,
            header,
            read: 0,
            files_read: 0,
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
        if self.read >= self.header.records {
            return Ok(None);
        }
        if !read_line(&mut self.input, &mut self.line)? {
            return Err(SyncError::Malformed(format!(
                "{} records announced, {} found",
                self.header.records, self.read
            )));
        }
        self.read += 1;
        // An exact copy: the reading buffer keeps its capacity.
        let line = self.line.clone();
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

    /// The next photo file after the records: the photo's record id and the
    /// image, or `None` after the last one announced.
    pub fn next_file(&mut self) -> Result<Option<(String, Vec<u8>)>> {
        if self.read < self.header.records {
            return Err(SyncError::Malformed(
                "photo files before the last record".into(),
            ));
        }
        if self.files_read >= self.header.files {
            return Ok(None);
        }
        if !read_line_up_to(&mut self.input, &mut self.line, MAX_FILE_LINE)? {
            return Err(SyncError::Malformed(format!(
                "{} photo files announced, {} found",
                self.header.files, self.files_read
            )));
        }
        self.files_read += 1;
        let (mut photo, mut data) = (None, None);
        let mut seen = 0;
        let mut r = Reader::new(&self.line);
        r.object(|r, key| {
            match key.as_str() {
                "photo" => {
                    once(&mut seen, 0, &key)?;
                    photo = Some(r.string()?);
                }
                "data" => {
                    once(&mut seen, 1, &key)?;
                    data = Some(r.string()?);
                }
                _ => return Err(SyncError::Malformed(format!("unknown field `{key}`"))),
            }
            Ok(())
        })?;
        r.end()?;
        let number = self.files_read;
        let bad = || SyncError::Malformed(format!("photo file {number}"));
        let (Some(photo), Some(data)) = (photo, data) else {
            return Err(bad());
        };
        check_name("a photo id", &photo)?;
        let image = super::b64::decode(&data).ok_or_else(bad)?;
        if image.len() > MAX_FILE_BYTES {
            return Err(bad());
        }
        Ok(Some((photo, image)))
    }

    /// Checks that nothing follows the last record and photo file.
    pub fn finish(mut self) -> Result<()> {
        if self.read < self.header.records || self.files_read < self.header.files {
            return Err(SyncError::Malformed("the file ends early".into()));
        }
        if read_line(&mut self.input, &mut self.line)? {
            return Err(SyncError::Malformed(
                "more lines than the header announces".into(),
            ));
        }
        Ok(())
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
        join(line.v, line.stamps)
    }
}

fn parse_line(line: &[u8], number: u64) -> Result<LineIn> {
    read_line_in(line).map_err(|e| match e {
        SyncError::Malformed(detail) => SyncError::Malformed(format!("record {number}: {detail}")),
        other => other,
    })
}

/// Reads the header line: a file from a newer app is told apart from one
/// that is not a sync file at all, whatever else its header holds.
fn read_header(line: &[u8]) -> Result<Header> {
    let mut r = Reader::new(line);
    let (mut format, mut version, mut records, mut files) = (None, None, None, None);
    let mut unknown = None;
    let mut seen = 0;
    let parsed = r
        .object(|r, key| {
            match key.as_str() {
                "format" => {
                    once(&mut seen, 0, &key)?;
                    format = Some(r.string()?);
                }
                "version" => {
                    once(&mut seen, 1, &key)?;
                    version = Some(r.unsigned()?);
                }
                "records" => {
                    once(&mut seen, 2, &key)?;
                    records = Some(r.unsigned()?);
                }
                "files" => {
                    once(&mut seen, 3, &key)?;
                    files = Some(r.unsigned()?);
                }
                _ => {
                    unknown = Some(key);
                    skip_value(r)?;
                }
            }
            Ok(())
        })
        .and_then(|()| r.end());
    if format.as_deref() != Some(FORMAT) {
        return Err(SyncError::Malformed("not a dermaroll sync file".into()));
    }
    if let Some(found) = version.filter(|v| *v > u64::from(VERSION)) {
        return Err(SyncError::NewerVersion {
            found: u32::try_from(found).unwrap_or(u32::MAX),
            supported: VERSION,
        });
    }
    parsed.map_err(|e| SyncError::Malformed(format!("header: {e}")))?;
    if let Some(key) = unknown {
        return Err(SyncError::Malformed(format!(
            "header: unknown field `{key}`"
        )));
    }
    match (version, records) {
        (Some(version), Some(records)) => Ok(Header {
            format: FORMAT.into(),
            version: u32::try_from(version).unwrap_or(u32::MAX),
            records,
            files: files.unwrap_or(0),
        }),
        _ => Err(SyncError::Malformed(
            "header: missing `version` or `records`".into(),
        )),
    }
}

/// Skips any value of the kinds the format uses (in a newer header).
fn skip_value(r: &mut Reader<'_>) -> Result<()> {
    match r.peek() {
        Some(b'{') => r.object(|r, _| skip_value(r)),
        Some(b'[') => r.array(skip_value),
        _ => read_value(r).map(drop),
    }
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
