//! The UniFFI bindings generator, built from this workspace so that it always
//! matches the core's UniFFI version. `scripts/bindings` drives it.

fn main() {
    uniffi::uniffi_bindgen_main()
}
