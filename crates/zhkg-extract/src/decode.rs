//! Stage 0: bytes → text.
//!
//! Newsroom folders hold files in UTF-8, Big5, GB18030 and UTF-16. This stage turns
//! one file's bytes into a Rust string or explains, in one line, why it cannot. It never
//! guesses silently: the encoding it used is reported with the text.

use std::fmt;

/// Files larger than this are refused unless the caller raises the limit: a news article
/// is a few kilobytes (a long feature 30 KB), so a file this big is almost certainly not
/// one, and extraction time grows faster than the length (a 256 KiB article takes about
/// 20 s and 600 MB to build, a 1 MB one minutes and gigabytes).
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024;

/// Decoded text of one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark. Mention offsets count code points in it.
    pub text: String,
    /// Name of the encoding the bytes were read as (e.g. `UTF-8`, `Big5`).
    pub encoding: &'static str,
}

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The file holds nothing (or only white space).
    Empty,
    /// The file is larger than the limit.
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file is not text (an image, an archive, NUL bytes).
    Binary {
        /// What gave it away.
        reason: String,
    },
    /// Not valid in any encoding we accept; `guess` is the detector's best guess and
    /// `offset` the first byte that is not valid UTF-8.
    Undecodable {
        /// The encoding the bytes look like instead.
        guess: &'static str,
        /// Byte offset of the first byte that is not UTF-8.
        offset: usize,
    },
    /// Too short for the detector to be sure; `guess` is what it would say.
    Ambiguous {
        /// The encoding tried.
        guess: &'static str,
    },
    /// The text holds no letters at all.
    NoText,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty"),
            DecodeError::TooLarge { size, limit } => write!(
                f,
                "the file is {size} bytes, over the {limit}-byte limit for one article (raise it with --max-file-size)"
            ),
            DecodeError::Binary { reason } => write!(f, "not a text file ({reason})"),
            DecodeError::Undecodable { guess: "UTF-8", offset } => write!(
                f,
                "not valid UTF-8 (bad byte at offset {offset}); repair the file or save it as UTF-8 again"
            ),
            DecodeError::Undecodable { guess, offset } if guess.starts_with("UTF-16") => write!(
                f,
                "starts with a {guess} byte-order mark but is not valid {guess} (bad sequence at byte {offset}); convert it to UTF-8 first"
            ),
            DecodeError::Undecodable { guess, offset } if is_cjk_name(guess) => write!(
                f,
                "not valid UTF-8 (bad byte at offset {offset}); it looks like {guess} but does not decode cleanly as {guess} either; convert it to UTF-8 first"
            ),
            DecodeError::Undecodable { guess, offset } => write!(
                f,
                "not valid UTF-8 (bad byte at offset {offset}), nor Big5, GB18030 or UTF-16; it looks like {guess}, which zhkg does not read; convert it to UTF-8 first"
            ),
            DecodeError::Ambiguous { guess } => write!(
                f,
                "not valid UTF-8, and too short to be sure of its encoding (perhaps {guess}); convert it to UTF-8 first"
            ),
            DecodeError::NoText => write!(f, "the file holds only white space"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decode a file's bytes: BOMs first (UTF-8, UTF-16LE/BE), then strict UTF-8, then the
/// legacy Chinese encodings a detector picks (Big5 with the HKSCS extensions, GB18030),
/// accepted only when they decode without a single malformed sequence.
pub fn decode(bytes: &[u8], max_bytes: u64) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if bytes.len() as u64 > max_bytes {
        return Err(DecodeError::TooLarge {
            size: bytes.len() as u64,
            limit: max_bytes,
        });
    }
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(DecodeError::Undecodable {
                guess: enc.name(),
                offset: bom_len + first_error(enc, &bytes[bom_len..]),
            });
        }
        return finish(text.into_owned(), enc.name());
    }
    if let Some(kind) = known_binary_format(bytes) {
        return Err(DecodeError::Binary { reason: kind.into() });
    }
    if looks_like_utf16(bytes) {
        return Err(DecodeError::Binary {
            reason: "looks like UTF-16 without a byte-order mark; save it as UTF-8".into(),
        });
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary {
            reason: format!("NUL byte at offset {pos}"),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => finish(s.to_owned(), "UTF-8"),
        Err(e) if mostly_utf8(bytes) => Err(DecodeError::Undecodable {
            guess: "UTF-8",
            offset: e.valid_up_to(),
        }),
        Err(e) => legacy(bytes, e.valid_up_to()),
    }
}

/// UTF-8 with a few bad bytes (a damaged file), rather than another encoding: text in a
/// legacy encoding read as UTF-8 gives a malformed sequence at nearly every character.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let bad = text.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
    bad * 10 < non_ascii
}

/// Not UTF-8: Big5 or GB18030 if the detector says so and the bytes decode cleanly (or,
/// for a text too short for it to be sure, if the Hong Kong expectation picks one and the
/// result is plainly Chinese).
fn legacy(bytes: &[u8], bad_utf8_at: usize) -> Result<Decoded, DecodeError> {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    if is_cjk_encoding(guess) {
        let (text, had_errors) = guess.decode_without_bom_handling(bytes);
        if !had_errors {
            return finish(text.into_owned(), encoding_name(guess));
        }
        return Err(DecodeError::Undecodable {
            guess: encoding_name(guess),
            offset: bad_utf8_at,
        });
    }
    // A few characters give the detector too little to go on; expecting Hong Kong text
    // it still tells Big5 from GBK well. Taken only when the result is plainly Chinese,
    // not Latin text with an accent here and there read as stray Chinese characters.
    let hk = det.guess(Some(b"hk"), chardetng::Utf8Detection::Allow);
    if is_cjk_encoding(hk) {
        let (text, had_errors) = hk.decode_without_bom_handling(bytes);
        if !had_errors && mostly_chinese(&text) {
            if plainly_chinese(&text) {
                return finish(text.into_owned(), encoding_name(hk));
            }
            let chars = text.chars().filter(|c| !c.is_whitespace()).count();
            let han = text.chars().filter(|&c| crate::script::is_han(c)).count();
            if han * 4 >= chars {
                return Err(DecodeError::Ambiguous {
                    guess: encoding_name(hk),
                });
            }
        }
    }
    Err(DecodeError::Undecodable {
        guess: encoding_name(guess),
        offset: bad_utf8_at,
    })
}

/// Chinese characters and CJK punctuation make at least half of the text's non-blank
/// characters, or the text has CJK punctuation (a Latin text misread has neither).
fn plainly_chinese(text: &str) -> bool {
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let han = text.chars().filter(|&c| crate::script::is_han(c)).count();
    let punct = text.chars().filter(|&c| is_cjk_punct(c)).count();
    punct > 0 || (han + punct) * 2 >= chars
}

fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// The name reported for an encoding; GBK text is decoded by the GB18030 decoder.
fn encoding_name(enc: &'static encoding_rs::Encoding) -> &'static str {
    if enc == encoding_rs::GBK || enc == encoding_rs::GB18030 {
        "GB18030"
    } else {
        enc.name()
    }
}

fn is_cjk_encoding(enc: &'static encoding_rs::Encoding) -> bool {
    enc == encoding_rs::BIG5 || enc == encoding_rs::GB18030 || enc == encoding_rs::GBK
}

fn is_cjk_name(name: &str) -> bool {
    matches!(name, "Big5" | "GB18030" | "GBK" | "gb18030")
}

/// Offset of the first malformed sequence of `bytes` in `enc`.
fn first_error(enc: &'static encoding_rs::Encoding, bytes: &[u8]) -> usize {
    let mut d = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        d.max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    match d.decode_to_string_without_replacement(bytes, &mut out, true) {
        (encoding_rs::DecoderResult::Malformed(bad, after), read) => {
            read.saturating_sub(bad as usize + after as usize)
        }
        (_, read) => read,
    }
}

/// Most characters outside ASCII are Chinese characters or CJK punctuation.
fn mostly_chinese(text: &str) -> bool {
    let (mut cjk, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if crate::script::is_han(c) || is_cjk_punct(c) {
            cjk += 1;
        } else {
            other += 1;
        }
    }
    cjk > 0 && other * 5 <= cjk
}

/// Files that are not text whatever their name says, by their first bytes.
fn known_binary_format(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (
            b"%PDF-",
            "a PDF document; extract its text first, e.g. with pdftotext",
        ),
        (
            b"PK\x03\x04",
            "a ZIP archive (or a .docx/.xlsx/.odt document); save it as plain text first",
        ),
        (
            b"\xD0\xCF\x11\xE0",
            "an Office 97-2003 document; save it as plain text first",
        ),
        (b"{\\rtf", "an RTF document; save it as plain text first"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"\x1F\x8B", "a gzip archive"),
        (b"\x7FELF", "an executable"),
    ];
    MAGIC
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|&(_, what)| what)
}

/// Many NULs at alternating positions mean UTF-16 text that lost its BOM.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    if bytes.len() < 8 {
        return false;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = sample.len() / 2;
    (even > half * 3 / 10 && odd == 0) || (odd > half * 3 / 10 && even == 0)
}

fn finish(text: String, encoding: &'static str) -> Result<Decoded, DecodeError> {
    if let Some(pos) = text.chars().position(|c| c == '\0') {
        return Err(DecodeError::Binary {
            reason: format!("NUL character at character {pos}"),
        });
    }
    if text.chars().all(char::is_whitespace) {
        return Err(if text.is_empty() {
            DecodeError::Empty
        } else {
            DecodeError::NoText
        });
    }
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls * 20 > text.chars().count().max(1) {
        return Err(DecodeError::Binary {
            reason: format!("{controls} control characters"),
        });
    }
    Ok(Decoded { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("香港".as_bytes(), DEFAULT_MAX_BYTES).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("香港", "UTF-8"));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("香港".as_bytes());
        assert_eq!(decode(&b, DEFAULT_MAX_BYTES).unwrap().text, "香港");
    }

    #[test]
    fn utf16_with_bom() {
        let mut b = vec![0xFF, 0xFE];
        for u in "全國政協委員".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&b, DEFAULT_MAX_BYTES).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("全國政協委員", "UTF-16LE"));
    }

    #[test]
    fn big5_and_gb18030_are_detected() {
        let text = "全國政協委員黃錦輝表示，建議特區政府主動從政府層面爭取、推動人工智能產業發展。";
        let (big5, _, _) = encoding_rs::BIG5.encode(text);
        let d = decode(&big5, DEFAULT_MAX_BYTES).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (text, "Big5"));
        let simp = "全国政协委员黄锦辉表示，建议特区政府主动从政府层面争取、推动人工智能产业发展。";
        let (gb, _, _) = encoding_rs::GB18030.encode(simp);
        let d = decode(&gb, DEFAULT_MAX_BYTES).unwrap();
        assert_eq!(d.text, simp);
        assert_eq!(d.encoding, "GB18030");
    }

    #[test]
    fn short_big5_and_gb18030_are_told_apart() {
        for text in [
            "全國政協委員",
            "推動人工智能產業發展",
            "全國政協委員黃錦輝表示",
            "建議特區政府主動爭取",
        ] {
            let (big5, _, unmappable) = encoding_rs::BIG5.encode(text);
            assert!(!unmappable);
            let d = decode(&big5, DEFAULT_MAX_BYTES).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, "Big5"));
        }
        // Big5-HKSCS: encoding_rs decodes the Hong Kong characters (but will not encode them).
        let hkscs = [
            0xad, 0xbb, 0xb4, 0xe4, 0xaa, 0xba, 0xb8, 0x66, 0xbb, 0x79, 0xa5, 0xce, 0xa6, 0x72, 0xa1, 0x47,
            0x9d, 0xef, 0xa1, 0x42, 0x9d, 0xf7, 0xa1, 0x42, 0xc9, 0x4e,
        ];
        let d = decode(&hkscs, DEFAULT_MAX_BYTES).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("香港的粵語用字：嘅、咗、冇", "Big5")
        );
        for text in [
            "全国政协委员",
            "推动人工智能产业发展",
            "全国政协委员黄锦辉表示",
            "建议特区政府主动争取",
        ] {
            let (gb, _, _) = encoding_rs::GB18030.encode(text);
            let d = decode(&gb, DEFAULT_MAX_BYTES).unwrap();
            assert_eq!((d.text.as_str(), d.encoding), (text, "GB18030"));
        }
    }

    #[test]
    fn latin1_and_broken_utf8_are_refused_with_the_offset() {
        let e = decode(b"caf\xe9 cr\xe8me br\xfbl\xe9e, d\xe9j\xe0 vu", 100).unwrap_err();
        assert!(e.to_string().contains("windows-1252"), "{e}");
        assert!(e.to_string().contains("offset 3"), "{e}");
        // Each of these decodes cleanly as Big5 (an accented letter and the next one
        // make a Chinese character) but is not Chinese.
        for latin in [&b"caf\xe9s"[..], b"Kr\xe4mer Stra\xdfe", b"\xc9tienne"] {
            assert!(decode(latin, 100).is_err(), "{latin:?}");
        }
        let e = decode(b"Le Conseil l\xe9gislatif a d\xe9battu du projet.", 100).unwrap_err();
        assert!(e.to_string().contains("windows-1252"), "{e}");
        let mut b = "香港特區政府".as_bytes().to_vec();
        b.insert(6, 0xFF);
        let e = decode(&b, 100).unwrap_err();
        assert!(e.to_string().contains("offset 6"), "{e}");
        let mut b = "全國政協委員黃錦輝表示，建議特區政府主動爭取。"
            .repeat(3)
            .into_bytes();
        b[31] = 0xC3;
        let e = decode(&b, 1000).unwrap_err().to_string();
        assert!(
            e.starts_with("not valid UTF-8 (bad byte at offset 30); repair"),
            "{e}"
        );
        let mut b = vec![0xFF, 0xFE];
        b.extend_from_slice(&[0x99, 0x99, 0x00, 0xD8, 0x41, 0x00]);
        let e = decode(&b, 100).unwrap_err();
        assert!(e.to_string().contains("UTF-16LE byte-order mark"), "{e}");
    }

    #[test]
    fn documents_and_images_are_named() {
        let e = decode(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", 100).unwrap_err();
        assert!(e.to_string().contains("PDF"), "{e}");
        let e = decode(b"PK\x03\x04\x14\x00\x06\x00", 100).unwrap_err();
        assert!(e.to_string().contains("docx"), "{e}");
        let e = decode(b"\xEF\xBB\xBF\xe9\xa6\x99\x00\xe6\xb8\xaf", 100).unwrap_err();
        assert!(e.to_string().contains("NUL"), "{e}");
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(decode(b"", 10), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t ", 10), Err(DecodeError::NoText));
        assert!(matches!(
            decode(b"0123456789ab", 4),
            Err(DecodeError::TooLarge { .. })
        ));
        assert!(matches!(
            decode(b"abc\0def", 100),
            Err(DecodeError::Binary { .. })
        ));
        let junk: Vec<u8> = (0..200u32).map(|i| (i * 37 % 256) as u8).collect();
        assert!(decode(&junk, 1000).is_err());
    }
}
