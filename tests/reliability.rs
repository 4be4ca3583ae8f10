//! Reliability (issue 6): the real binary on messy input, killed and concurrent builds,
//! old stores and hostile queries. Each case says what it covers.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use common::*;

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Standard error's lines that name `path`.
fn lines_naming(err: &str, path: &Path) -> Vec<String> {
    err.lines()
        .filter(|l| l.contains(p(path)))
        .map(String::from)
        .collect()
}

fn assert_no_panic(o: &Output) {
    assert!(
        !stderr(o).contains("panicked") && o.status.code() != Some(101),
        "zhkg panicked: {}",
        stderr(o)
    );
}

/// Exactly one line names `path`, it starts with `level` ("error: ", "note: ") and it
/// says `why`.
fn assert_one_line(err: &str, path: &Path, level: &str, why: &str) {
    let lines = lines_naming(err, path);
    assert_eq!(
        lines.len(),
        1,
        "{}: expected one line, got {lines:?}",
        path.display()
    );
    assert!(lines[0].starts_with(level), "{lines:?}");
    assert!(
        lines[0].contains(why),
        "{}: {:?} lacks {why:?}",
        path.display(),
        lines[0]
    );
}

fn assert_one_error(err: &str, path: &Path, why: &str) {
    assert_one_line(err, path, "error: ", why)
}

fn assert_one_note(err: &str, path: &Path, why: &str) {
    assert_one_line(err, path, "note: ", why)
}

/// Times each article body is repeated in the tests that catch a build half way.
const LONG: usize = 3;

const PREFIXES: &str = "PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX zhkg: <https://w3id.org/zhkg/ontology#>
";

/// Per article: its text, encoding and every span (begin, end, text as anchored).
struct Doc {
    text: String,
    encoding: String,
    spans: BTreeSet<(usize, usize, String)>,
}

fn documents(store: &Path) -> BTreeMap<String, Doc> {
    let mut docs = BTreeMap::new();
    for r in select_text(
        store,
        &format!(
            "{PREFIXES} SELECT ?doc ?text ?enc WHERE {{ GRAPH ?g {{ ?g dcterms:identifier ?doc ;
               nif:isString ?text ; zhkg:encoding ?enc }} }}"
        ),
    ) {
        docs.insert(
            r["doc"].clone(),
            Doc {
                text: r["text"].clone(),
                encoding: r["enc"].clone(),
                spans: BTreeSet::new(),
            },
        );
    }
    for r in select_text(
        store,
        &format!(
            "{PREFIXES} SELECT ?doc ?b ?e ?a WHERE {{ GRAPH ?g {{ ?g dcterms:identifier ?doc .
               ?m nif:referenceContext ?g ; nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?a }} }}"
        ),
    ) {
        docs.get_mut(&r["doc"]).unwrap().spans.insert((
            r["b"].parse().unwrap(),
            r["e"].parse().unwrap(),
            r["a"].clone(),
        ));
    }
    docs
}

/// Every span's offsets (code points) point at its exact text in the article.
fn assert_spans_point_at_their_text(name: &str, doc: &Doc) {
    let chars: Vec<char> = doc.text.chars().collect();
    for (b, e, a) in &doc.spans {
        assert!(
            b < e && *e <= chars.len(),
            "{name}: span {b}..{e} of {}",
            chars.len()
        );
        assert_eq!(&chars[*b..*e].iter().collect::<String>(), a, "{name}: {b}..{e}");
    }
}

// ───────────────────────────── Input ─────────────────────────────

/// Big5, Big5-HKSCS, GB18030 and UTF-16 with a BOM are detected, decoded, recorded in the
/// store, and give the same spans as the same text in UTF-8.
#[test]
fn legacy_encodings_and_boms_are_decoded_and_recorded() {
    let dir = temp_dir("encodings");
    let store = dir.join("store");
    // The Traditional article, with the two characters Big5 lacks in their Big5 forms.
    let trad = corpus_texts()[1].replace('恒', "恆").replace('着', "著");
    let simp = zhkg_extract::to_simplified(&trad);
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let (big5, _, unmappable) = encoding_rs::BIG5.encode(&trad);
    assert!(!unmappable);
    // Big5-HKSCS: Cantonese characters only in the Hong Kong extension (嘅 咗 冇).
    let cantonese = "香港的粵語用字：嘅、咗、冇";
    let hkscs_bytes: &[u8] = &[
        0xad, 0xbb, 0xb4, 0xe4, 0xaa, 0xba, 0xb8, 0x66, 0xbb, 0x79, 0xa5, 0xce, 0xa6, 0x72, 0xa1, 0x47, 0x9d,
        0xef, 0xa1, 0x42, 0x9d, 0xf7, 0xa1, 0x42, 0xc9, 0x4e,
    ];
    let mut hkscs = big5.to_vec();
    hkscs.extend_from_slice(b"\n");
    hkscs.extend_from_slice(hkscs_bytes);
    hkscs.extend_from_slice(b"\n");
    let (gb, _, _) = encoding_rs::GB18030.encode(&simp);
    let utf16 = |big_endian: bool| {
        let mut b = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in trad.encode_utf16() {
            b.extend_from_slice(&if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        b
    };
    let mut utf8_bom = vec![0xEF, 0xBB, 0xBF];
    utf8_bom.extend_from_slice(trad.as_bytes());
    let files = [
        write("trad-utf8.txt", trad.as_bytes()),
        write("simp-utf8.txt", simp.as_bytes()),
        write("big5.txt", &big5),
        write("big5-hkscs.txt", &hkscs),
        write("gb18030.txt", &gb),
        write("utf16le.txt", &utf16(false)),
        write("utf16be.txt", &utf16(true)),
        write("utf8-bom.txt", &utf8_bom),
    ];
    let mut args = vec!["build", "--store", p(&store)];
    args.extend(files.iter().map(|f| p(f)));
    let out = zhkg(&args);
    assert_no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("8 documents built"), "{}", stdout(&out));

    let docs = documents(&store);
    let expect = [
        ("trad-utf8.txt", "UTF-8", trad.clone(), "trad-utf8.txt"),
        ("simp-utf8.txt", "UTF-8", simp.clone(), "simp-utf8.txt"),
        ("big5.txt", "Big5", trad.clone(), "trad-utf8.txt"),
        ("big5-hkscs.txt", "Big5", format!("{trad}\n{cantonese}\n"), ""),
        ("gb18030.txt", "GB18030", simp.clone(), "simp-utf8.txt"),
        ("utf16le.txt", "UTF-16LE", trad.clone(), "trad-utf8.txt"),
        ("utf16be.txt", "UTF-16BE", trad.clone(), "trad-utf8.txt"),
        ("utf8-bom.txt", "UTF-8", trad.clone(), "trad-utf8.txt"),
    ];
    for (name, encoding, text, twin) in expect {
        let d = &docs[name];
        assert_eq!(d.encoding, encoding, "{name}");
        assert!(d.text == text, "{name}: decoded text differs from the original");
        assert!(d.spans.len() > 50, "{name}: only {} spans", d.spans.len());
        assert_spans_point_at_their_text(name, d);
        if !twin.is_empty() {
            assert!(d.spans == docs[twin].spans, "{name}: spans differ from {twin}'s");
        }
    }
}

/// Invalid UTF-8, an empty file, a binary file, a NUL byte, a 50 MB file with no line
/// break, a path that does not exist, a PDF, Latin-1 text, white space only: one line
/// each naming the file, the rest of the batch builds, exit status 1, no panic.
#[test]
fn broken_files_get_one_line_each_and_the_rest_still_builds() {
    let dir = temp_dir("broken");
    let store = dir.join("store");
    let texts = corpus_texts();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    };
    let good = [
        write("good-1.txt", texts[0].as_bytes()),
        write("good-2.txt", texts[1].as_bytes()),
    ];
    // A Chinese character's place past byte 3000: break its second byte; put a NUL before it.
    let t = &texts[1];
    let at = (3000..)
        .find(|&i| t.is_char_boundary(i) && t[i..].chars().next().unwrap().len_utf8() == 3)
        .unwrap();
    let mut invalid = t.as_bytes().to_vec();
    invalid[at + 1] = 0xFF;
    let mut nul = t.as_bytes().to_vec();
    nul.insert(at, 0);
    let bad_utf8 = format!("not valid UTF-8 (bad byte at offset {at})");
    let nul_at = format!("NUL byte at offset {at}");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4000u32).map(|i| (i * 7919 % 251) as u8));
    let line = "全國政協委員黃錦輝表示建議特區政府主動爭取推動人工智能產業發展";
    let big: String = line.repeat(50 * 1024 * 1024 / line.len() + 1);
    let missing = dir.join("no-such-article.txt");
    let bad = [
        (write("invalid-utf8.txt", &invalid), bad_utf8.as_str()),
        (write("empty.txt", b""), "the file is empty"),
        (write("image.txt", &png), "not a text file (a PNG image)"),
        (write("nul.txt", &nul), nul_at.as_str()),
        (write("one-line-50mb.txt", big.as_bytes()), "--max-file-size"),
        (missing.clone(), "no such file or folder"),
        (
            write("report.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
            "a PDF document",
        ),
        (
            write("latin1.txt", b"Le Conseil l\xe9gislatif a d\xe9battu du projet."),
            "windows-1252",
        ),
        (write("blank.txt", b" \n\t\r\n\xe3\x80\x80\n"), "only white space"),
    ];
    let mut args = vec!["build", "--store", p(&store)];
    args.extend(good.iter().map(|f| p(f)));
    args.extend(bad.iter().map(|(f, _)| p(f)));
    let out = zhkg(&args);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    for (file, why) in &bad {
        assert_one_error(&err, file, why);
    }
    assert!(
        err.contains(&format!("{} bytes, over the", big.len())),
        "the 50 MB file's size is not named: {err}"
    );
    assert_eq!(err.lines().count(), bad.len(), "{err}");
    let summary = stdout(&out);
    assert!(summary.contains("2 documents built"), "{summary}");
    assert!(summary.contains(&format!("{} failed", bad.len())), "{summary}");
    let docs = documents(&store);
    assert_eq!(
        docs.keys().collect::<Vec<_>>(),
        ["good-1.txt", "good-2.txt"],
        "only the good files are in the store"
    );
}

/// Mixed Traditional/Simplified/Latin text, full- and half-width punctuation, CRLF line
/// ends, characters outside the BMP and text with no Chinese at all build (the last with
/// a note), and every span points at its text.
#[test]
fn odd_but_valid_text_builds_with_exact_offsets() {
    let dir = temp_dir("odd");
    let store = dir.join("store");
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    };
    let mixed = write(
        "mixed.txt",
        concat!(
            "全國政協委員黃錦輝表示，建议特区政府推动AI产业（Artificial Intelligence）發展。\n",
            "他說Hong Kong should act now; 香港应该主动争取国家支持。\n",
        ),
    );
    let punct = write(
        "punct.txt",
        concat!(
            "　　全國政協委員黃錦輝表示,建議特區政府主動爭取!他說:「香港要在２０２５年前發展AI。」\r\n",
            "　　(記者 王明)立法會議員陳曉峰亦認為,政府應該加快推動\r\n人工智能發展;他提出三點建議?\r\n",
        ),
    );
    let astral = write(
        "astral.txt",
        "𠮷野家👍👍全國政協委員黃錦輝表示，建議特區政府推動人工智能產業發展。𩸽😀財政司司長陳茂波提出，香港要加快發展。\n",
    );
    let latin = write(
        "latin.txt",
        "The Legislative Council debated the budget on Tuesday.\nNo Chinese text here.\n",
    );
    let out = zhkg(&[
        "build",
        "--store",
        p(&store),
        p(&mixed),
        p(&punct),
        p(&astral),
        p(&latin),
    ]);
    assert_no_panic(&out);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("4 documents built"), "{}", stdout(&out));
    assert_one_note(&stderr(&out), &latin, "no Chinese characters");
    let docs = documents(&store);
    for (name, d) in &docs {
        assert_spans_point_at_their_text(name, d);
    }
    for name in ["mixed.txt", "punct.txt", "astral.txt"] {
        assert!(
            docs[name].spans.iter().any(|(_, _, a)| a == "黃錦輝"),
            "{name}: 黃錦輝 not found"
        );
    }
    // Offsets count code points: 𠮷 and 👍 are one each (two in UTF-16).
    let astral = &docs["astral.txt"];
    assert!(
        astral.spans.contains(&(11, 14, "黃錦輝".to_string())),
        "{:?}",
        astral.spans
    );
}

/// Run `cmd` as an unprivileged user when the tests run as root (for whom file
/// permissions do not apply), so that unreadable files really are unreadable.
fn unprivileged(program: &Path) -> Command {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Command::new(program);
    }
    let setpriv = tool("setpriv", "util-linux");
    let mut c = Command::new(setpriv);
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(program);
    c
}

/// A folder with unreadable files and folders, symbolic link loops, a broken link, a
/// pipe and files that are not text: the readable articles build, skipped things are
/// notes, unreadable things are errors, one line each.
#[test]
fn messy_folders_build_what_they_can() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    // Under the system's temporary folder, so an unprivileged user can reach it.
    let base = std::env::temp_dir().join(format!("zhkg-messy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base).unwrap();
    let open = |d: &Path| std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o777)).unwrap();
    open(&base);
    let exe = base.join("zhkg");
    std::fs::copy(bin(), &exe).unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = base.join("articles");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let texts = corpus_texts();
    std::fs::write(dir.join("a.txt"), &texts[0]).unwrap();
    std::fs::write(dir.join("sub/b.txt"), &texts[1]).unwrap();
    std::fs::write(dir.join("notes.md"), "# notes\n").unwrap();
    std::fs::write(dir.join("photo.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    std::fs::write(dir.join(".hidden.txt"), &texts[0]).unwrap();
    symlink(".", dir.join("sub/loop")).unwrap();
    symlink("self.txt", dir.join("self.txt")).unwrap();
    symlink("nowhere.txt", dir.join("dangling.txt")).unwrap();
    let fifo = dir.join("pipe.txt");
    let c = std::ffi::CString::new(p(&fifo)).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    std::fs::write(dir.join("locked.txt"), &texts[1]).unwrap();
    std::fs::set_permissions(dir.join("locked.txt"), std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::create_dir_all(dir.join("closed")).unwrap();
    std::fs::write(dir.join("closed/c.txt"), &texts[1]).unwrap();
    for d in [&dir, &dir.join("sub")] {
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::set_permissions(dir.join("closed"), std::fs::Permissions::from_mode(0o000)).unwrap();
    let store = base.join("store");

    let out = unprivileged(&exe)
        .args(["build", "--store", p(&store), p(&dir)])
        .current_dir(&base)
        .output()
        .unwrap();
    // Let the folder be cleaned up next time.
    std::fs::set_permissions(dir.join("closed"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_no_panic(&out);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        stdout(&out).contains("2 documents built"),
        "{}{err}",
        stdout(&out)
    );
    assert_one_note(&err, &dir.join("notes.md"), "not a .txt file");
    assert_one_note(&err, &dir.join("photo.png"), "not a .txt file");
    assert_one_note(&err, &dir.join("sub/loop"), "symbolic link loop");
    assert_one_note(&err, &dir.join("self.txt"), "symbolic link loop");
    assert_one_note(&err, &fifo, "not a regular file");
    assert_one_error(&err, &dir.join("dangling.txt"), "broken symbolic link");
    assert_one_error(&err, &dir.join("locked.txt"), "Permission denied");
    assert_one_error(&err, &dir.join("closed"), "Permission denied");
    assert!(!err.contains(".hidden"), "{err}");
    assert!(stdout(&out).contains("3 failed"), "{}", stdout(&out));
    let _ = std::fs::remove_dir_all(&base);
}

// ───────────────────────────── Store ─────────────────────────────

/// Start a build in the background.
fn spawn_build(store: &Path, dir: &Path, extra: &[&str]) -> Child {
    Command::new(bin())
        .args(["build", "--store", p(store)])
        .args(extra)
        .arg(p(dir))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start zhkg build")
}

/// Per article graph: (number of quads, content hash if present). A graph that is there
/// at all must be complete; callers compare the counts with a finished build's.
fn graph_states(store: &Path) -> Result<States, String> {
    let rows = try_select_text(
        store,
        &format!(
            "{PREFIXES} SELECT ?g (COUNT(*) AS ?n) (SAMPLE(?h) AS ?hash) WHERE {{
               GRAPH ?g {{ ?s ?p ?o OPTIONAL {{ ?g zhkg:contentHash ?h }} }}
               FILTER(STRSTARTS(STR(?g), \"https://w3id.org/zhkg/id/doc/\"))
             }} GROUP BY ?g"
        ),
    )?;
    Ok(rows
        .into_iter()
        .map(|r| (r["g"].clone(), (r["n"].parse().unwrap(), r.get("hash").cloned())))
        .collect())
}

/// Read the store while a build may be writing it: either it works, or the message says
/// clearly that a build is writing it. Anything else (corruption, a crash) fails.
fn poll_states(store: &Path) -> Option<States> {
    match graph_states(store) {
        Ok(s) => Some(s),
        Err(e) if e.contains("is being written by a build") || e.contains("holds nothing yet") => None,
        Err(e) if e.contains("no store at") || e.contains("is not a zhkg store") => None,
        Err(e) => panic!("reading the store during a build failed: {e}"),
    }
}

/// Each visible article graph: its triple count and content hash.
type States = BTreeMap<String, (usize, Option<String>)>;

/// Poll until `ready` holds for the visible graphs, then SIGKILL the build. Returns false
/// if the build ended first.
fn kill_when(child: &mut Child, store: &Path, ready: &dyn Fn(&States) -> bool) -> bool {
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if store.join("LOCK").exists() && zhkg_graph::store::writer_active(store) {
            if let Some(states) = poll_states(store) {
                if ready(&states) {
                    child.kill().unwrap();
                    child.wait().unwrap();
                    return true;
                }
            }
        }
        std::thread::yield_now();
    }
}

/// After a kill: the store opens, and every article graph in it is exactly one of the
/// complete states in `complete` (same count of quads as a finished build's graph with
/// the same content hash).
fn assert_whole_articles(store: &Path, complete: &BTreeMap<(String, String), usize>) -> States {
    let states = graph_states(store).expect("the store opens after the build was killed");
    for (g, (n, hash)) in &states {
        let hash = hash
            .clone()
            .unwrap_or_else(|| panic!("{g}: graph without its content hash ({n} quads)"));
        let want = complete
            .get(&(g.clone(), hash.clone()))
            .unwrap_or_else(|| panic!("{g}: content hash {hash} is from no finished build"));
        assert_eq!(n, want, "{g}: {n} quads, a finished build has {want}");
    }
    states
}

fn complete_states(store: &Path) -> BTreeMap<(String, String), usize> {
    graph_states(store)
        .unwrap()
        .into_iter()
        .map(|(g, (n, h))| ((g, h.unwrap()), n))
        .collect()
}

/// SIGKILL a real build at several moments (extracting the first articles, after some
/// are written, while replacing articles with new versions): the store stays readable,
/// each article is wholly in its old or its new state, and the next build completes.
#[test]
fn killed_builds_leave_whole_articles_and_the_next_build_finishes() {
    const N: usize = 30;
    let dir = temp_dir("kill");
    let corpus = dir.join("articles");
    let store = dir.join("store");
    let reference = dir.join("reference");
    // Long articles: one thread takes several seconds over them, so a kill lands between
    // two writes however fast extraction gets.
    write_long_articles(&corpus, N, "", LONG);
    run_ok(&["build", "--quiet", "--store", p(&reference), p(&corpus)]);
    let v1 = complete_states(&reference);
    assert_eq!(v1.len(), N);

    let threads = ["--threads", "2"];
    // 1. While the first articles are being extracted: nothing written yet.
    let mut child = spawn_build(&store, &corpus, &threads);
    assert!(
        kill_when(&mut child, &store, &|_| true),
        "the build ended before it could be killed"
    );
    let after1 = assert_whole_articles(&store, &v1);
    // 2. After some articles are written. One thread extracts in file order and writes
    // what it has every second, so the kill lands while some articles are still to come.
    let one = ["--threads", "1"];
    let mut child = spawn_build(&store, &corpus, &one);
    let before = after1.len();
    assert!(
        kill_when(&mut child, &store, &|s| s.len() > before),
        "the build ended before it could be killed"
    );
    let after2 = assert_whole_articles(&store, &v1);
    assert!(after2.len() < N, "all {N} articles were written before the kill");
    // 3. The next build completes the work, skipping what is done.
    let out = run_ok(&["build", "--store", p(&store), p(&corpus)]);
    assert!(
        stdout(&out).contains(&format!(
            "{} documents built, {} unchanged, 0 failed",
            N - after2.len(),
            after2.len()
        )),
        "{}",
        stdout(&out)
    );
    assert_eq!(complete_states(&store), v1);
    // Files the bulk loader was writing at the kill are cleaned up.
    let stray: Vec<_> = std::fs::read_dir(&store)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("bulk-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");

    // 4. Replacing every article with a new version, killed half way.
    write_long_articles(&corpus, N, "更新版", LONG);
    run_ok(&[
        "build",
        "--quiet",
        "--force",
        "--store",
        p(&reference),
        p(&corpus),
    ]);
    let v2 = complete_states(&reference);
    let mut either = v1.clone();
    either.extend(v2.clone());
    let v2_hashes: BTreeSet<String> = v2.keys().map(|(_, h)| h.clone()).collect();
    let mut child = spawn_build(&store, &corpus, &one);
    assert!(
        kill_when(&mut child, &store, &|s| s
            .values()
            .any(|(_, h)| h.as_ref().is_some_and(|h| v2_hashes.contains(h)))),
        "the build ended before it could be killed"
    );
    let mixed = assert_whole_articles(&store, &either);
    assert_eq!(mixed.len(), N, "an article vanished while being replaced");
    let new = mixed
        .values()
        .filter(|(_, h)| v2_hashes.contains(h.as_ref().unwrap()))
        .count();
    assert!(new > 0 && new < N, "{new} of {N} articles replaced at the kill");
    run_ok(&["build", "--store", p(&store), p(&corpus)]);
    assert_eq!(complete_states(&store), v2);
}

/// A second build while one runs is refused with a clear message; a query while it
/// writes works (read-only, with a note); the running build is not disturbed.
#[test]
fn concurrent_build_is_refused_and_query_reads_during_a_build() {
    const N: usize = 12;
    let dir = temp_dir("concurrent");
    let corpus = dir.join("articles");
    let store = dir.join("store");
    write_long_articles(&corpus, N, "", LONG);
    let mut first = spawn_build(&store, &corpus, &["--threads", "1"]);
    // Wait until it holds the store.
    while !(store.join("LOCK").exists() && zhkg_graph::store::writer_active(&store)) {
        assert!(first.try_wait().unwrap().is_none(), "the build ended too early");
        std::thread::yield_now();
    }
    let second = zhkg(&["build", "--store", p(&store), p(&corpus)]);
    assert_eq!(second.status.code(), Some(1));
    assert!(
        stderr(&second).contains("is in use by another zhkg process"),
        "{}",
        stderr(&second)
    );
    let query = zhkg(&[
        "query",
        "--store",
        p(&store),
        "--format",
        "json",
        "-e",
        "ASK { GRAPH ?g { ?s ?p ?o } }",
    ]);
    assert_no_panic(&query);
    let err = stderr(&query);
    if query.status.success() {
        assert!(err.contains("note: a build is writing the store"), "{err}");
        assert!(stdout(&query).contains("\"boolean\""), "{}", stdout(&query));
    } else {
        assert!(err.contains("is being written by a build"), "{err}");
    }
    let out = first.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("{N} documents built")),
        "{}",
        stdout(&out)
    );
    assert_eq!(graph_states(&store).unwrap().len(), N);
}

/// A store whose recorded format version is older (or missing) is refused by query and
/// build, with the command that rebuilds it; `--rebuild` does.
#[test]
fn a_store_from_an_older_zhkg_is_detected() {
    use oxigraph::model::*;
    let dir = temp_dir("old-store");
    let store = dir.join("store");
    let article = project().join("corpus").join(&corpus_names()[1]);
    run_ok(&["build", "--quiet", "--store", p(&store), p(&article)]);
    let format_version = NamedNodeRef::new("https://w3id.org/zhkg/ontology#formatVersion").unwrap();
    {
        // What an older zhkg would have written: format 0.
        let s = oxigraph::store::Store::open(&store).unwrap();
        let old: Vec<Quad> = s
            .quads_for_pattern(None, Some(format_version), None, None)
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(old.len(), 1, "the store records its format version");
        s.remove(&old[0]).unwrap();
        s.insert(QuadRef::new(
            old[0].subject.as_ref(),
            format_version,
            LiteralRef::new_simple_literal("0"),
            old[0].graph_name.as_ref(),
        ))
        .unwrap();
        s.flush().unwrap();
    }
    for args in [
        vec!["query", "--store", p(&store), "-e", "ASK {}"],
        vec!["build", "--store", p(&store), p(&article)],
    ] {
        let out = zhkg(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("was written by an older zhkg"), "{err}");
        assert!(err.contains("store format 0"), "{err}");
        assert!(err.contains("zhkg build --rebuild --store"), "{err}");
    }
    run_ok(&["build", "--rebuild", "--quiet", "--store", p(&store), p(&article)]);
    let n = select_text(
        &store,
        &format!("{PREFIXES} SELECT ?v WHERE {{ GRAPH ?g {{ ?s zhkg:formatVersion ?v }} }}"),
    );
    assert_eq!(n.len(), 1);
    assert_ne!(n[0]["v"], "0");
    assert_eq!(graph_states(&store).unwrap().len(), 1);
}

// ──────────────────────────── Queries ────────────────────────────

/// A malformed query gets the parser's message with line and column and the line itself.
#[test]
fn malformed_sparql_names_line_and_column() {
    let st = built_corpus();
    let out = zhkg(&[
        "query",
        "--store",
        p(&st.dir),
        "-e",
        "SELECT ?x\nWHERE {\n  ?x ?y ?z .\n}\nLIMIT ten",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("SPARQL syntax error"), "{err}");
    assert!(err.contains("line 5, column 7: expected"), "{err}");
    assert!(!err.contains("error at"), "the position is said once: {err}");
    assert!(err.contains("\n  LIMIT ten\n"), "{err}");
    assert!(err.contains(&format!("\n  {}^", " ".repeat(6))), "{err}");
}

/// SPARQL Update of every kind is refused, and the store is unchanged; LOAD reads nothing.
#[test]
fn updates_are_refused_and_change_nothing() {
    let st = built_corpus();
    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let before = select_text(&st.dir, count)[0]["n"].clone();
    for update in [
        "INSERT DATA { GRAPH <http://example.org/g> { <http://a> <http://b> <http://c> } }",
        "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }",
        "CLEAR ALL",
        "DROP GRAPH <https://w3id.org/zhkg/ontology>",
        "LOAD <file:///etc/passwd>",
        "LOAD <http://127.0.0.1:9/x.ttl> INTO GRAPH <http://example.org/g>",
    ] {
        let out = zhkg(&["query", "--store", p(&st.dir), "-e", update]);
        assert_eq!(out.status.code(), Some(1), "{update}");
        assert!(
            stderr(&out).contains("SPARQL Update is refused"),
            "{update}: {}",
            stderr(&out)
        );
    }
    assert_eq!(select_text(&st.dir, count)[0]["n"], before);
}

/// FROM / FROM NAMED / SERVICE naming files or servers read and fetch nothing: the file's
/// content never appears, and a listening server gets no connection.
#[test]
fn queries_read_no_files_and_fetch_nothing() {
    let st = built_corpus();
    let dir = temp_dir("no-fetch");
    let marker = dir.join("secret.ttl");
    std::fs::write(
        &marker,
        "<http://example.org/secret> <http://example.org/is> \"SECRET-MARKER\" .\n",
    )
    .unwrap();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let port = listener.local_addr().unwrap().port();
    let file = format!("file://{}", p(&marker));
    for q in [
        format!("SELECT * FROM <{file}> WHERE {{ ?s ?p ?o }}"),
        format!("SELECT * FROM NAMED <{file}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
        format!("SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}"),
    ] {
        let out = zhkg(&["query", "--store", p(&st.dir), "--format", "json", "-e", &q]);
        assert!(out.status.success(), "{q}: {}", stderr(&out));
        assert!(!stdout(&out).contains("SECRET-MARKER"), "{q}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["results"]["bindings"].as_array().unwrap().len(), 0, "{q}");
    }
    for q in [
        format!("SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"),
        format!("SELECT * WHERE {{ SERVICE <{file}> {{ ?s ?p ?o }} }}"),
    ] {
        let out = zhkg(&["query", "--store", p(&st.dir), "-e", &q]);
        assert_eq!(out.status.code(), Some(1), "{q}");
        assert!(stderr(&out).contains("is not supported"), "{q}: {}", stderr(&out));
        assert!(!stdout(&out).contains("SECRET-MARKER"), "{q}");
    }
    match listener.accept() {
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
        other => panic!("a query connected to the server: {other:?}"),
    }
}

/// `--timeout` stops a runaway query with a clear message, also one whose operators do
/// not look at the cancellation (sorting a huge join); the limit is on by default.
#[test]
fn timeout_stops_runaway_queries() {
    let st = built_corpus();
    for q in [
        // A triple join of every quad: never finishes.
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f . ?x ?y ?z } }",
        // Sorting a join of every quad with every quad.
        "SELECT * WHERE { GRAPH ?g { ?a ?b ?c . ?d ?e ?f } } ORDER BY ?c ?f",
    ] {
        let out = zhkg(&["query", "--store", p(&st.dir), "--timeout", "1", "-e", q]);
        assert_eq!(out.status.code(), Some(1), "{q}");
        assert!(
            stderr(&out).contains("the query ran longer than 1 s and was stopped"),
            "{q}: {}",
            stderr(&out)
        );
    }
    let help = stdout(&run_ok(&["query", "--help"]));
    assert!(
        help.contains("--timeout") && help.contains("[default: 60]"),
        "{help}"
    );
    // 0 and inf both mean no limit, for every command that takes a --timeout.
    for none in ["0", "inf"] {
        run_ok(&["query", "--store", p(&st.dir), "--timeout", none, "-e", "ASK {}"]);
    }
    for bad in ["--timeout=-1", "--timeout=soon", "--timeout=NaN"] {
        let out = zhkg(&["query", "--store", p(&st.dir), bad, "-e", "ASK {}"]);
        assert_eq!(out.status.code(), Some(2), "{bad}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("is not a number of seconds"),
            "{}",
            stderr(&out)
        );
    }
}

/// Peak memory (VmHWM) of a running process, in kB.
fn peak_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

/// A result of millions of rows streams: the first 20 MB arrive while the query runs,
/// and the process's memory stays small (holding the rows would take GBs).
#[test]
fn large_results_stream() {
    let st = built_corpus();
    // Every quad joined with every span start: about four million rows.
    const HEAD: u64 = 20_000_000;
    let q = "SELECT * WHERE { GRAPH ?g { ?a ?b ?c . ?d <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#beginIndex> ?t } }";
    for format in ["tsv", "csv", "json", "xml", "table"] {
        let mut child = Command::new(bin())
            .args([
                "query",
                "--store",
                p(&st.dir),
                "--timeout",
                "0",
                "--format",
                format,
                "-e",
                q,
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // JSON comes as one long line: count bytes, not lines.
        let mut head = Vec::new();
        let got = child
            .stdout
            .take()
            .unwrap()
            .take(HEAD)
            .read_to_end(&mut head)
            .unwrap();
        assert_eq!(got as u64, HEAD, "--format {format}: the results ended early");
        let kb = peak_kb(child.id());
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(kb < 150_000, "--format {format}: {kb} kB after {HEAD} bytes");
    }
}

/// Exit statuses are documented in `--help`.
#[test]
fn help_documents_exit_status() {
    let help = stdout(&run_ok(&["--help"]));
    assert!(
        help.contains("Exit status: 0 when everything worked; 1 when something failed"),
        "{help}"
    );
    assert!(help.contains("each such file gets one line naming it"), "{help}");
}
