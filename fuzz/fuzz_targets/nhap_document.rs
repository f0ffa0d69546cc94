#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vanban::fuzz::nhap_document(data));
