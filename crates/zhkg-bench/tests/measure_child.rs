//! The memory stage measures each `zhkg build` alone, not the benchmark around it.

#[cfg(target_os = "linux")]
#[test]
fn a_measured_child_does_not_inherit_the_callers_peak_memory() {
    // This process holds 300 MiB when it starts the helper; a child started from it
    // directly would report at least that much (Linux keeps the peak of the image it
    // replaces at exec).
    let mut big = vec![0u8; 300 << 20];
    for i in (0..big.len()).step_by(4096) {
        big[i] = 1;
    }
    let dir = std::env::temp_dir().join(format!("zhkg-bench-measure-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("peak");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_zhkg-bench"))
        .arg("--measure-child")
        .arg(&file)
        .arg("true")
        .status()
        .unwrap();
    assert!(status.success());
    let kib: u64 = std::fs::read_to_string(&file).unwrap().trim().parse().unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(kib > 0 && kib < 64 << 10, "`true` peaked at {kib} KiB");
    assert_eq!(
        big.iter().step_by(4096).filter(|&&b| b == 1).count(),
        big.len() / 4096
    );
}

#[test]
fn a_failing_child_fails_the_helper() {
    let dir = std::env::temp_dir().join(format!("zhkg-bench-measure-fail-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_zhkg-bench"))
        .arg("--measure-child")
        .arg(dir.join("peak"))
        .arg("false")
        .status()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(!status.success());
}
