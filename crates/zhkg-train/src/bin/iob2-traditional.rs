//! Convert an IOB2 file (see `train-ner`) to Traditional (Hong Kong) script character by
//! character with the project's OpenCC tables (`zhkg_extract::to_traditional`), so
//! every tag stays on its character. Fails if any line changes length.
//!
//! ```text
//! cargo run --release -p zhkg-train --bin iob2-traditional -- IN.iob2 OUT.iob2
//! ```

use std::process::ExitCode;

use zhkg_extract::{to_simplified, to_traditional};

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, output] = args.as_slice() else {
        return Err("usage: iob2-traditional IN.iob2 OUT.iob2".into());
    };
    let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    let mut out = String::with_capacity(text.len());
    let (mut chars, mut changed, mut not_back) = (0usize, 0usize, 0usize);
    for line in text.lines() {
        let conv = if let Some(t) = line.strip_prefix("# text = ") {
            format!("# text = {}", to_traditional(t))
        } else if line.starts_with('#') || line.trim().is_empty() {
            line.to_string()
        } else {
            let mut cols: Vec<String> = line.split('\t').map(str::to_string).collect();
            if cols.len() < 3 {
                return Err(format!("bad line {line:?}"));
            }
            let t = to_traditional(&cols[1]);
            let back = to_simplified(&t);
            for ((a, b), c) in cols[1].chars().zip(t.chars()).zip(back.chars()) {
                chars += 1;
                changed += usize::from(a != b);
                not_back += usize::from(a != c);
            }
            cols[1] = t;
            cols.join("\t")
        };
        if conv.chars().count() != line.chars().count() {
            return Err(format!("length changed: {line:?} -> {conv:?}"));
        }
        out.push_str(&conv);
        out.push('\n');
    }
    std::fs::write(output, out).map_err(|e| format!("{output}: {e}"))?;
    println!(
        "{input} -> {output}: {chars} characters, {changed} changed, \
         {not_back} whose Simplified view differs from the original"
    );
    Ok(())
}

fn main() -> ExitCode {
    zhkg_train::exit(run())
}
