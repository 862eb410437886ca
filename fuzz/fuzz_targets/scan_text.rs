//! The whole pipeline after discovery: evaluation, policy extraction and
//! rules, on one in-memory module. Every finding's span must lie inside the
//! file it names.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // Tight limits: an input that exhausts the budget is a finding, not a
    // reason to spend seconds per run.
    let mut opts = tfkms::scan::ScanOptions::default();
    opts.limits.max_time = std::time::Duration::from_millis(200);
    opts.limits.max_steps = 200_000;
    let Ok(result) = tfkms::scan::scan_text("main.tf", text, &opts) else {
        return;
    };
    for f in &result.findings {
        let file = result.sources.get(f.primary.span.file);
        assert!(f.primary.span.end as usize <= file.text.len());
        let _ = tfkms::output::human::render_finding(
            &result.sources,
            f,
            tfkms::output::human::HumanOptions { color: false, width: 80 },
        );
    }
});
