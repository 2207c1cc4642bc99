//! The age v1 file format (age-encryption.org/v1) with its scrypt passphrase
//! recipient, on small RustCrypto crates, so a person can open their own
//! sync file with the `age` tool. Interoperability with the reference `age`
//! crate is tested in `core/tests/sync_age.rs` (a dev-dependency only).
//!
//! Header: the version line, one `-> scrypt <salt> <log2 N>` stanza whose
//! body is the 16-byte file key sealed with ChaCha20-Poly1305 under
//! scrypt(passphrase, "age-encryption.org/v1/scrypt" || salt, N, r = 8, p = 1),
//! then `--- ` and an HMAC-SHA256 of the header under HKDF(file key,
//! "header"). Payload: a 16-byte nonce, then the plaintext in 64 KiB chunks,
//! each sealed with ChaCha20-Poly1305 under HKDF(file key, salt = nonce,
//! "payload"), nonce = 11-byte big-endian counter || last-chunk flag.

use std::io::{BufRead, Read, Write};

use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::b64;
use super::error::{Result, SyncError};

/// The scrypt work factor (log2 N) this app writes, pinned so that every
/// device, a phone included, derives the key in bounded time and memory
/// (2^15 × 1 KiB = 32 MiB).
pub const WRITE_LOG_N: u8 = 15;
/// The greatest work factor this app reads (2^18 × 1 KiB = 256 MiB, what the
/// `age` tool picks on a typical desktop); above it the file is refused.
pub const MAX_READ_LOG_N: u8 = 18;

const VERSION_LINE: &str = "age-encryption.org/v1";
const SCRYPT_LABEL: &[u8] = b"age-encryption.org/v1/scrypt";
const CHUNK: usize = 64 * 1024;
const TAG: usize = 16;
const MAX_HEADER_LINE: u64 = 1024;

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| SyncError::Io(std::io::Error::other(format!("no randomness: {e}"))))?;
    Ok(bytes)
}

fn wrap_key(passphrase: &str, salt: &[u8; 16], log_n: u8) -> Result<[u8; 32]> {
    let params = scrypt::Params::new(log_n, 8, 1, 32)
        .map_err(|e| SyncError::Unsupported(format!("scrypt work factor {log_n}: {e}")))?;
    let mut full_salt = SCRYPT_LABEL.to_vec();
    full_salt.extend_from_slice(salt);
    let mut key = [0u8; 32];
    scrypt::scrypt(passphrase.as_bytes(), &full_salt, &params, &mut key)
        .map_err(|e| SyncError::Unsupported(format!("scrypt: {e}")))?;
    Ok(key)
}

fn hkdf(file_key: &[u8; 16], salt: &[u8], info: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    // 32 bytes is always a valid HKDF-SHA256 output length.
    let _ = Hkdf::<Sha256>::new(Some(salt), file_key).expand(info, &mut out);
    out
}

fn header_mac(file_key: &[u8; 16], header: &[u8]) -> Result<Hmac<Sha256>> {
    let key = hkdf(file_key, &[], b"header");
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key)
        .map_err(|_| SyncError::Unsupported("header key".into()))?;
    mac.update(header);
    Ok(mac)
}

fn chunk_nonce(counter: u64, last: bool) -> [u8; 12] {
    let mut nonce = [0u8; 12];
    nonce[3..11].copy_from_slice(&counter.to_be_bytes());
    nonce[11] = u8::from(last);
    nonce
}

/// Writes an age file: [`Writer::new`] writes the header, `write` the
/// plaintext, [`Writer::finish`] the last chunk (without it the file is
/// incomplete and any reader refuses it).
pub struct Writer<W: Write> {
    out: W,
    cipher: ChaCha20Poly1305,
    buffer: Vec<u8>,
    counter: u64,
}

impl<W: Write> Writer<W> {
    /// Starts a file encrypted to `passphrase` with work factor `log_n`.
    pub fn new(mut out: W, passphrase: &str, log_n: u8) -> Result<Self> {
        let file_key: [u8; 16] = random()?;
        let salt: [u8; 16] = random()?;
        let wrap = ChaCha20Poly1305::new(Key::from_slice(&wrap_key(passphrase, &salt, log_n)?));
        let body = wrap
            .encrypt(Nonce::from_slice(&[0u8; 12]), file_key.as_slice())
            .map_err(|_| SyncError::Unsupported("sealing the file key".into()))?;
        let header = format!(
            "{VERSION_LINE}\n-> scrypt {} {log_n}\n{}\n---",
            b64::encode(&salt),
            b64::encode(&body)
        );
        let mac = header_mac(&file_key, header.as_bytes())?
            .finalize()
            .into_bytes();
        out.write_all(header.as_bytes())?;
        writeln!(out, " {}", b64::encode(&mac))?;
        let nonce: [u8; 16] = random()?;
        out.write_all(&nonce)?;
        let cipher = ChaCha20Poly1305::new(Key::from_slice(&hkdf(&file_key, &nonce, b"payload")));
        Ok(Self {
            out,
            cipher,
            buffer: Vec::with_capacity(CHUNK),
            counter: 0,
        })
    }

    fn seal(&mut self, last: bool) -> std::io::Result<()> {
        let sealed = self
            .cipher
            .encrypt(
                Nonce::from_slice(&chunk_nonce(self.counter, last)),
                self.buffer.as_slice(),
            )
            .map_err(|_| std::io::Error::other("sealing a chunk"))?;
        self.out.write_all(&sealed)?;
        self.buffer.clear();
        self.counter += 1;
        Ok(())
    }

    /// Seals the last chunk and returns the output.
    pub fn finish(mut self) -> Result<W> {
        self.seal(true)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> Write for Writer<W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if data.is_empty() {
            return Ok(0);
        }
        if self.buffer.len() == CHUNK {
            // More data follows a full chunk: it is not the last one.
            self.seal(false)?;
        }
        let n = data.len().min(CHUNK - self.buffer.len());
        self.buffer.extend_from_slice(&data[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn header_line<R: BufRead>(input: &mut R, header: &mut Vec<u8>) -> Result<String> {
    let mut line = Vec::new();
    input
        .by_ref()
        .take(MAX_HEADER_LINE)
        .read_until(b'\n', &mut line)?;
    if line.last() != Some(&b'\n') {
        return Err(if line.len() as u64 >= MAX_HEADER_LINE {
            SyncError::Unsupported("not an age file (header line too long)".into())
        } else {
            SyncError::Truncated
        });
    }
    header.extend_from_slice(&line);
    line.pop();
    String::from_utf8(line).map_err(|_| SyncError::Unsupported("not an age file".into()))
}

fn b64<const N: usize>(text: &str, what: &str) -> Result<[u8; N]> {
    let bytes = b64::decode(text)
        .ok_or_else(|| SyncError::Tampered(format!("{what} is not valid base64")))?;
    bytes
        .try_into()
        .map_err(|_| SyncError::Tampered(format!("{what} has the wrong length")))
}

/// Reads an age file encrypted to a passphrase: [`Reader::new`] checks the
/// header and the passphrase; reading yields authenticated plaintext only.
/// A failure while reading is an `io::Error` wrapping the [`SyncError`]
/// (`SyncError::from` unwraps it).
pub struct Reader<R: Read> {
    input: R,
    cipher: ChaCha20Poly1305,
    counter: u64,
    plain: Vec<u8>,
    pos: usize,
    done: bool,
    sealed: Vec<u8>,
}

impl<R: BufRead> Reader<R> {
    /// Opens a file with `passphrase`, refusing a work factor above `max_log_n`.
    pub fn new(mut input: R, passphrase: &str, max_log_n: u8) -> Result<Self> {
        let mut header = Vec::new();
        if header_line(&mut input, &mut header)? != VERSION_LINE {
            return Err(SyncError::Unsupported("not an age v1 file".into()));
        }
        let stanza = header_line(&mut input, &mut header)?;
        let args: Vec<&str> = stanza.split(' ').collect();
        if args.first() != Some(&"->") {
            return Err(SyncError::Unsupported("no recipient stanza".into()));
        }
        if args.get(1) != Some(&"scrypt") {
            return Err(SyncError::Unsupported(
                "the file is encrypted to a key, not a passphrase".into(),
            ));
        }
        let [_, _, salt, log_n] = args.as_slice() else {
            return Err(SyncError::Tampered("malformed scrypt stanza".into()));
        };
        let salt: [u8; 16] = b64(salt, "the salt")?;
        if log_n.starts_with('0') || !log_n.bytes().all(|b| b.is_ascii_digit()) {
            return Err(SyncError::Tampered("malformed work factor".into()));
        }
        let log_n: u8 = log_n
            .parse()
            .map_err(|_| SyncError::Tampered("malformed work factor".into()))?;
        if log_n > max_log_n {
            return Err(SyncError::Unsupported(format!(
                "scrypt work factor 2^{log_n} is above 2^{max_log_n}, too costly for a phone"
            )));
        }
        let body: [u8; 32] = b64(&header_line(&mut input, &mut header)?, "the stanza body")?;
        let mac_line = header_line(&mut input, &mut header)?;
        let Some(mac_text) = mac_line.strip_prefix("--- ") else {
            return Err(SyncError::Unsupported(
                "only one passphrase stanza is allowed".into(),
            ));
        };
        let mac: [u8; 32] = b64(mac_text, "the header MAC")?;
        let wrap = ChaCha20Poly1305::new(Key::from_slice(&wrap_key(passphrase, &salt, log_n)?));
        let file_key: [u8; 16] = wrap
            .decrypt(Nonce::from_slice(&[0u8; 12]), body.as_slice())
            .map_err(|_| SyncError::WrongPassphrase)?
            .try_into()
            .map_err(|_| SyncError::WrongPassphrase)?;
        // The MAC covers the header up to and including "---".
        let covered = header.len() - mac_text.len() - 2;
        header_mac(&file_key, &header[..covered])?
            .verify_slice(&mac)
            .map_err(|_| SyncError::Tampered("the header does not authenticate".into()))?;
        let mut nonce = [0u8; 16];
        input
            .read_exact(&mut nonce)
            .map_err(|_| SyncError::Truncated)?;
        let cipher = ChaCha20Poly1305::new(Key::from_slice(&hkdf(&file_key, &nonce, b"payload")));
        Ok(Self {
            input,
            cipher,
            counter: 0,
            plain: Vec::new(),
            pos: 0,
            done: false,
            sealed: Vec::with_capacity(CHUNK + TAG + 1),
        })
    }
}

impl<R: Read> Reader<R> {
    fn fill(&mut self, want: usize) -> std::io::Result<()> {
        while self.sealed.len() < want {
            let start = self.sealed.len();
            self.sealed.resize(want, 0);
            let n = self.input.read(&mut self.sealed[start..])?;
            self.sealed.truncate(start + n);
            if n == 0 {
                break;
            }
        }
        Ok(())
    }

    fn next_chunk(&mut self) -> Result<()> {
        // One byte beyond a full chunk tells whether this chunk is the last.
        self.fill(CHUNK + TAG + 1)?;
        let last = self.sealed.len() <= CHUNK + TAG;
        let len = self.sealed.len().min(CHUNK + TAG);
        if len < TAG || (last && len == TAG && self.counter > 0) {
            return Err(SyncError::Truncated);
        }
        let open = |flag: bool, sealed: &[u8]| {
            self.cipher
                .decrypt(Nonce::from_slice(&chunk_nonce(self.counter, flag)), sealed)
        };
        let plain = match open(last, &self.sealed[..len]) {
            Ok(plain) => plain,
            Err(_) if last && open(false, &self.sealed[..len]).is_ok() => {
                return Err(SyncError::Truncated)
            }
            Err(_) => {
                return Err(SyncError::Tampered(format!(
                    "chunk {} does not authenticate",
                    self.counter
                )))
            }
        };
        self.sealed.drain(..len);
        self.counter += 1;
        self.plain = plain;
        self.pos = 0;
        self.done = last;
        Ok(())
    }
}

impl<R: Read> Read for Reader<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.pos == self.plain.len() {
            if self.done {
                return Ok(0);
            }
            self.next_chunk().map_err(std::io::Error::other)?;
        }
        let n = out.len().min(self.plain.len() - self.pos);
        out[..n].copy_from_slice(&self.plain[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Encrypts a whole plaintext (tests, small files).
pub fn encrypt(plaintext: &[u8], passphrase: &str, log_n: u8) -> Result<Vec<u8>> {
    let mut writer = Writer::new(Vec::new(), passphrase, log_n)?;
    writer.write_all(plaintext)?;
    writer.finish()
}

/// Decrypts a whole file (tests, the fuzz target).
pub fn decrypt(file: &[u8], passphrase: &str, max_log_n: u8) -> Result<Vec<u8>> {
    let mut reader = Reader::new(file, passphrase, max_log_n)?;
    let mut plain = Vec::new();
    reader.read_to_end(&mut plain)?;
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_across_chunk_boundaries() {
        for len in [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 7] {
            let plain: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let file = encrypt(&plain, "pass phrase", 4).unwrap();
            assert_eq!(decrypt(&file, "pass phrase", 4).unwrap(), plain, "{len}");
        }
    }

    #[test]
    fn wrong_passphrase_truncation_and_tampering_are_told_apart() {
        let plain = vec![7u8; 2 * CHUNK + 10];
        let file = encrypt(&plain, "right", 4).unwrap();
        assert!(matches!(
            decrypt(&file, "wrong", 4),
            Err(SyncError::WrongPassphrase)
        ));
        let header_end = file.len() - (plain.len() + 3 * TAG) - 16;
        // Cut inside a chunk: cryptographically the same as damage.
        assert!(matches!(
            decrypt(&file[..file.len() - 5], "right", 4),
            Err(SyncError::Tampered(_))
        ));
        // Cut at a chunk boundary, before the last chunk, inside the header.
        for cut in [header_end + 16 + CHUNK + TAG, header_end + 8, 30] {
            assert!(
                matches!(decrypt(&file[..cut], "right", 4), Err(SyncError::Truncated)),
                "cut at {cut}"
            );
        }
        let mut flipped = file.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(matches!(
            decrypt(&flipped, "right", 4),
            Err(SyncError::Tampered(_))
        ));
        assert!(matches!(
            decrypt(&file, "right", 3),
            Err(SyncError::Unsupported(_))
        ));
    }
}
