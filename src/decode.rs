//! Stage 0: bytes → text.
//!
//! Newsroom folders hold files in UTF-8, Big5, GB18030 and UTF-16. This stage turns
//! one file's bytes into a Rust string or explains, in one line, why it cannot. It never
//! guesses silently: the encoding it used is reported with the text.

use std::fmt;

/// Files larger than this are refused unless the caller raises the limit: a news article
/// is a few kilobytes, so a file this big is almost certainly not one.
pub const DEFAULT_MAX_BYTES: u64 = 8 * 1024 * 1024;

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
    Empty,
    TooLarge {
        size: u64,
        limit: u64,
    },
    Binary {
        reason: String,
    },
    /// Not valid in any encoding we accept; `guess` is the detector's best guess.
    Undecodable {
        guess: &'static str,
    },
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
            DecodeError::Undecodable { guess } => write!(
                f,
                "not valid UTF-8, and not cleanly decodable as {guess} either; convert it to UTF-8 first"
            ),
            DecodeError::NoText => write!(f, "the file holds only white space"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decode a file's bytes: BOMs first (UTF-8, UTF-16LE/BE), then strict UTF-8, then the
/// legacy Chinese encodings a detector picks (Big5, GB18030, …), accepted only when they
/// decode without a single malformed sequence.
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
            return Err(DecodeError::Undecodable { guess: enc.name() });
        }
        return finish(text.into_owned(), enc.name());
    }
    if looks_like_utf16(bytes) {
        return Err(DecodeError::Binary {
            reason: "looks like UTF-16 without a byte-order mark".into(),
        });
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(DecodeError::Binary {
            reason: format!("NUL byte at offset {pos}"),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => finish(s.to_owned(), "UTF-8"),
        Err(_) => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            let enc = det.guess(None, chardetng::Utf8Detection::Allow);
            if enc == encoding_rs::UTF_8 {
                return Err(DecodeError::Undecodable { guess: "UTF-8" });
            }
            let (text, had_errors) = enc.decode_without_bom_handling(bytes);
            if had_errors || !is_cjk_encoding(enc) {
                return Err(DecodeError::Undecodable { guess: enc.name() });
            }
            finish(text.into_owned(), enc.name())
        }
    }
}

fn is_cjk_encoding(enc: &'static encoding_rs::Encoding) -> bool {
    enc == encoding_rs::BIG5 || enc == encoding_rs::GB18030 || enc == encoding_rs::GBK
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
        assert!(d.encoding == "GBK" || d.encoding == "gb18030", "{}", d.encoding);
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
