//! The sync file decoder on hostile bytes: as an encrypted file (age
//! header, scrypt stanza, authenticated chunks) and as a decrypted plaintext
//! (header line, canonical records). Any outcome but a panic is fine; a
//! crash found here becomes a file in core/tests/fixtures/sync_fuzz/.
#![no_main]

use dermaroll_core::sync::{codec, open_file};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A tiny work factor keeps each run fast; the decoder is the same.
    let _ = open_file(data, "fuzz", 2);
    let _ = codec::decode(data);
});
