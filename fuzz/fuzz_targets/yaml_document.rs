#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| vanban::fuzz::yaml_document(data));
