//! Score a trained NER model file on IOB2 files and measure the tagger's speed.
//!
//! ```text
//! cargo run --release -p zhkg-train --bin ner-eval -- --model zhkg-extract/data/models/ner.bin \
//!     --data ../shared/ner/zh_gsd-ud-dev.iob2 [--data FILE...] [--bench SECONDS]
//! ```
//!
//! `--bench` times `NerModel::tag` alone (the Simplified view and jieba's tokens are made
//! beforehand, as the pipeline does) over the sentences of the first file, repeated for at
//! least SECONDS, on one thread, and also the Simplified view + segmentation alone.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use zhkg_extract::ner::train::{self, Document};
use zhkg_extract::ner::{Context, NerLabel, NerModel};
use zhkg_extract::{to_simplified, Extractor, Token};
use zhkg_train::{read, table};

/// Time this thread has spent on a CPU (Linux: `/proc/thread-self/schedstat`), so that the
/// speed measured does not depend on other work sharing the machine; wall time elsewhere.
fn cpu_seconds(wall: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or_else(|| wall.elapsed().as_secs_f64(), |ns| ns as f64 / 1e9)
}

fn bench(ex: &Extractor, model: &NerModel, docs: &[Document], seconds: f64) {
    let seg = ex.segmenter();
    let texts: Vec<Vec<char>> = docs
        .iter()
        .flat_map(|d| &d.sentences)
        .map(|s| s.text.clone())
        .collect();
    let chars: usize = texts.iter().map(Vec::len).sum();
    let t0 = Instant::now();
    let prepared: Vec<(Vec<char>, Vec<Token>)> = texts
        .iter()
        .map(|t| {
            let simp = to_simplified(&t.iter().collect::<String>());
            let tokens = seg.tag(&simp);
            (simp.chars().collect(), tokens)
        })
        .collect();
    let prep = t0.elapsed();
    println!(
        "Simplified view + segmentation: {} chars in {:.3?} = {:.0} chars/s (one pass, includes warm-up)",
        chars,
        prep,
        chars as f64 / prep.as_secs_f64()
    );
    let budget = Duration::from_secs_f64(seconds);
    let t0 = Instant::now();
    let c0 = cpu_seconds(t0);
    let mut done = 0usize;
    let mut names = 0usize;
    let mut rounds = 0usize;
    while t0.elapsed() < budget || rounds == 0 {
        for (text, (simp, tokens)) in texts.iter().zip(&prepared) {
            names += model.tag(Context::of(ex), text, simp, tokens).len();
            done += text.len();
        }
        rounds += 1;
    }
    let el = t0.elapsed();
    let cpu = cpu_seconds(t0) - c0;
    println!(
        "NerModel::tag alone: {done} chars ({rounds} rounds, {names} names) in {el:.2?} wall, {cpu:.2} s CPU \
         = {:.0} chars/s of CPU time ({:.0} chars/s wall)",
        done as f64 / cpu,
        done as f64 / el.as_secs_f64()
    );
}

/// Print the names the model missed (`-`) or added (`+`) per sentence of `docs`.
fn errors(ex: &Extractor, model: &NerModel, docs: &[Document]) {
    let seg = ex.segmenter();
    for s in docs.iter().flat_map(|d| &d.sentences) {
        let simp = to_simplified(&s.text.iter().collect::<String>());
        let tokens = seg.tag(&simp);
        let simp: Vec<char> = simp.chars().collect();
        let pred: Vec<(usize, usize, NerLabel)> = model
            .tag(Context::of(ex), &s.text, &simp, &tokens)
            .iter()
            .map(|n| (n.start, n.end, n.label))
            .collect();
        let name = |&(a, b, l): &(usize, usize, NerLabel)| {
            format!("{}/{}", s.text[a..b].iter().collect::<String>(), l.as_str())
        };
        let missed: Vec<String> = s.spans.iter().filter(|g| !pred.contains(g)).map(name).collect();
        let extra: Vec<String> = pred.iter().filter(|p| !s.spans.contains(p)).map(name).collect();
        if !missed.is_empty() || !extra.is_empty() {
            println!("{}", s.text.iter().collect::<String>());
            println!("    - {}\n    + {}", missed.join(" "), extra.join(" "));
        }
    }
}

/// Tag every `.txt` file of `dir` (cut into lines and sentences at 。！？；) and print
/// `file<TAB>label<TAB>name` for each name found.
fn tag_dir(ex: &Extractor, model: &NerModel, dir: &str) -> Result<(), String> {
    let seg = ex.segmenter();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{dir}: {e}"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        for line in text.lines() {
            let mut piece = String::new();
            for ch in line.chars().chain(std::iter::once('\n')) {
                if ch != '\n' {
                    piece.push(ch);
                }
                if matches!(ch, '。' | '！' | '？' | '；' | '\n') && !piece.trim().is_empty() {
                    let chars: Vec<char> = piece.chars().collect();
                    let simp = to_simplified(&piece);
                    let tokens = seg.tag(&simp);
                    let simp: Vec<char> = simp.chars().collect();
                    for n in model.tag(Context::of(ex), &chars, &simp, &tokens) {
                        let written: String = chars[n.start..n.end].iter().collect();
                        println!("{name}\t{}\t{written}\t{:.3}", n.label.as_str(), n.score);
                    }
                    piece.clear();
                }
            }
        }
    }
    Ok(())
}

fn run() -> Result<(), String> {
    let mut model_path = None;
    let mut data = Vec::new();
    let mut bench_s = None;
    let mut show_errors = false;
    let mut prune = None;
    let mut tag_dirs = Vec::new();
    let mut save = None;
    let mut refit = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--model" => model_path = Some(value()?),
            "--data" => data.push(value()?),
            "--errors" => show_errors = true,
            "--tag-dir" => tag_dirs.push(value()?),
            "--prune" => prune = Some(value()?.parse::<f32>().map_err(|e| format!("--prune: {e}"))?),
            "--save" => save = Some(value()?),
            "--refit" => refit.push(value()?),
            "--bench" => bench_s = Some(value()?.parse::<f64>().map_err(|e| format!("--bench: {e}"))?),
            _ => return Err(format!("unknown argument {a}\nusage: ner-eval --model FILE --data FILE... [--bench SECONDS] [--errors] [--prune W] [--refit DEV.iob2]... [--save FILE]")),
        }
    }
    // The lexicons and segmenter the features read; the model is the one given.
    let extractor = Extractor::embedded();
    let model = match &model_path {
        Some(p) => NerModel::from_bytes(&std::fs::read(p).map_err(|e| format!("{p}: {e}"))?)?,
        None => NerModel::embedded(),
    };
    let mut model = match prune {
        Some(p) => model.pruned(p),
        None => model,
    };
    if !refit.is_empty() {
        let mut docs = Vec::new();
        for path in &refit {
            docs.extend(read(path)?);
        }
        let t = train::refit_temperature(Context::of(&extractor), &mut model, &docs);
        println!("temperature refitted: {t:.2}");
    }
    if let Some(out) = &save {
        std::fs::write(out, model.to_bytes()).map_err(|e| format!("{out}: {e}"))?;
        println!("wrote {out}");
    }
    if !tag_dirs.is_empty() {
        for d in &tag_dirs {
            tag_dir(&extractor, &model, d)?;
        }
        return Ok(());
    }
    let size = model.to_bytes().len();
    println!(
        "model {}: {} bytes, {} weights, temperature {:.2}",
        model_path.as_deref().unwrap_or("(embedded)"),
        size,
        model.len(),
        model.temperature()
    );
    let mut first = None;
    for path in &data {
        let docs = read(path)?;
        let s = train::evaluate(Context::of(&extractor), &model, &docs);
        println!("\n{path}");
        table(&[("model", &s)]);
        if show_errors {
            errors(&extractor, &model, &docs);
        }
        first.get_or_insert(docs);
    }
    if let (Some(sec), Some(docs)) = (bench_s, first) {
        println!();
        bench(&extractor, &model, &docs, sec);
    }
    Ok(())
}

fn main() -> ExitCode {
    zhkg_train::exit(run())
}
