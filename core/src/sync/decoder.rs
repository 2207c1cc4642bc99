//! Reading a sync plaintext: the header, then record lines (their key
//! checked and in canonical order; decoded on demand), then photo file
//! lines, then nothing more.

use std::collections::BTreeMap;
use std::io::{BufRead, Read};

use super::codec::{check_name, join, Header, FORMAT, MAX_FILE_BYTES, MAX_LINE, VERSION};
use super::error::{Result, SyncError};
use super::json::Reader;
use super::stamps::{once, Stamps};
use super::state::{RecordKey, RecordState, Value};

/// The longest photo file line the decoder accepts (the image in base64).
const MAX_FILE_LINE: u64 = (MAX_FILE_BYTES as u64).div_ceil(3) * 4 + 1024;

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
