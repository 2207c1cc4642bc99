//! Our age v1 scrypt implementation against the reference `age` crate (a
//! dev-dependency only): it opens what we write, and we open what it writes.

use std::io::{Read, Write};

use age::secrecy::SecretString;
use dermaroll_core::sync::{age as ours, SyncError};

fn plaintext() -> Vec<u8> {
    (0..200_000u32).map(|i| (i % 251) as u8).collect()
}

#[test]
fn the_reference_age_opens_what_we_write() {
    let plain = plaintext();
    let file = ours::encrypt(&plain, "a passphrase", 10).unwrap();
    let decryptor = age::Decryptor::new(&file[..]).unwrap();
    let mut identity = age::scrypt::Identity::new(SecretString::from("a passphrase".to_string()));
    identity.set_max_work_factor(10);
    let mut reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .unwrap();
    let mut out = Vec::new();
    reader.read_to_end(&mut out).unwrap();
    assert_eq!(out, plain);
}

#[test]
fn we_open_what_the_reference_age_writes() {
    let plain = plaintext();
    let mut recipient = age::scrypt::Recipient::new(SecretString::from("another one".to_string()));
    recipient.set_work_factor(10);
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .unwrap();
    let mut file = Vec::new();
    let mut writer = encryptor.wrap_output(&mut file).unwrap();
    writer.write_all(&plain).unwrap();
    writer.finish().unwrap();
    assert_eq!(ours::decrypt(&file, "another one", 10).unwrap(), plain);
    assert!(matches!(
        ours::decrypt(&file, "not it", 10),
        Err(SyncError::WrongPassphrase)
    ));
}
