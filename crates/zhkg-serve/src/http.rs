//! HTTP plumbing shared by the endpoints: parameters, bodies with a size limit, content
//! negotiation, the `Host` check and plain-text or JSON answers.

use std::io::Read;
use std::net::{IpAddr, SocketAddr};

use oxhttp::model::header::{CONTENT_TYPE, HOST};
use oxhttp::model::{Body, HeaderValue, Request, Response, StatusCode};

/// A refusal: the status and a message for people (sent as plain text).
#[derive(Debug)]
pub struct Refusal {
    pub status: StatusCode,
    pub message: String,
}

impl Refusal {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Refusal {
        Refusal {
            status,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Refusal {
        Refusal::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn response(&self) -> Response<Body> {
        let mut text = self.message.clone();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        with_body(self.status, "text/plain; charset=utf-8", text.into_bytes())
    }
}

/// A response with a status, a media type and a body.
pub fn with_body(status: StatusCode, media_type: &str, body: Vec<u8>) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, media_type)
        .body(Body::from(body))
        .expect("valid response")
}

/// `200 OK` with a JSON value.
pub fn json(value: &serde_json::Value) -> Response<Body> {
    with_body(
        StatusCode::OK,
        "application/json; charset=utf-8",
        serde_json::to_vec(value).expect("JSON values serialize"),
    )
}

/// A writer that refuses to grow past a limit: answers are built in memory before they
/// are sent, so that a failure (a time-out) still gets its own status.
pub struct Capped {
    buf: Vec<u8>,
    max: usize,
}

impl Capped {
    pub fn new(max: usize) -> Capped {
        Capped { buf: Vec::new(), max }
    }

    pub fn into_inner(self) -> Vec<u8> {
        self.buf
    }

    /// Did writing fail because the limit was reached?
    pub fn is_full(e: &std::io::Error) -> bool {
        e.kind() == std::io::ErrorKind::FileTooLarge
    }
}

impl std::io::Write for Capped {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() + data.len() > self.max {
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                "the answer is too large",
            ));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The refusal for an answer past the size limit, with what to do instead.
pub fn too_large(what: &str, max: usize, instead: &str) -> Refusal {
    Refusal::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!(
            "the {what} would be larger than {} MiB, more than this server holds for one answer; {instead}",
            max / (1024 * 1024)
        ),
    )
}

/// Decode `application/x-www-form-urlencoded` text (a URL's query string or a form body)
/// into name/value pairs, in order. Malformed escapes are kept as written.
pub fn parse_form(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Request parameters (URL query string, then a form body): every value of a name.
#[derive(Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    /// The parameters of a request's URL.
    pub fn of_url(request: &Request<Body>) -> Params {
        Params(request.uri().query().map(parse_form).unwrap_or_default())
    }

    /// Add the pairs of a form body.
    pub fn add_form(&mut self, body: &str) {
        self.0.extend(parse_form(body));
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Is `name` given (with or without a value)?
    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// The one value of `name`: `None` when absent, a refusal when given twice.
    pub fn one(&self, name: &str) -> Result<Option<&str>, Refusal> {
        match self.all(name).as_slice() {
            [] => Ok(None),
            [v] => Ok(Some(v)),
            _ => Err(Refusal::bad_request(format!(
                "the parameter `{name}` is given more than once"
            ))),
        }
    }
}

/// The media type of the request body, lowercase, without parameters.
pub fn content_type(request: &Request<Body>) -> Option<String> {
    let v = request.headers().get(CONTENT_TYPE)?.to_str().ok()?;
    Some(v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
}

/// Read a request body of at most `max` bytes as UTF-8 text.
pub fn read_body(request: &mut Request<Body>, max: usize) -> Result<String, Refusal> {
    let too_large = || {
        Refusal::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than the limit of {max} bytes"),
        )
    };
    let body = request.body_mut();
    if body.len().is_some_and(|n| n > max as u64) {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    body.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Refusal::bad_request(format!("cannot read the request body: {e}")))?;
    if bytes.len() > max {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|e| Refusal::bad_request(format!("the request body is not UTF-8: {e}")))
}

/// Pick the best of `offers` (media types, the first is the default) for the request's
/// `Accept` header: quality values count, then the order of the header; `type/*` and
/// `*/*` match. No header, or an empty one, gives the default. `None`: nothing acceptable.
pub fn negotiate<T: Copy>(request: &Request<Body>, offers: &[(&str, T)]) -> Option<T> {
    let accept = request
        .headers()
        .get_all(oxhttp::model::header::ACCEPT)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    choose(&accept, offers)
}

fn choose<T: Copy>(accept: &str, offers: &[(&str, T)]) -> Option<T> {
    if accept.trim().is_empty() {
        return offers.first().map(|o| o.1);
    }
    // (quality, specificity, position) of the best range each offer matches.
    let ranges: Vec<(String, f32)> = accept
        .split(',')
        .filter_map(|r| {
            let mut parts = r.split(';');
            let range = parts.next()?.trim().to_ascii_lowercase();
            if range.is_empty() {
                return None;
            }
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            Some((range, q))
        })
        .collect();
    let mut best: Option<(f32, usize, T)> = None;
    for (i, (media, value)) in offers.iter().enumerate() {
        let (kind, _) = media.split_once('/').unwrap_or((media, ""));
        // The most specific range matching this offer decides its quality.
        let matched = ranges
            .iter()
            .filter_map(|(range, q)| {
                let specificity = if range == media {
                    3
                } else if range.strip_suffix("/*") == Some(kind) {
                    2
                } else if range == "*/*" || range == "*" {
                    1
                } else {
                    return None;
                };
                Some((specificity, *q))
            })
            .max_by(|a, b| a.0.cmp(&b.0));
        let Some((_, q)) = matched else { continue };
        if q <= 0.0 {
            continue;
        }
        // Ties go to the earlier offer (the server's preference).
        let rank = offers.len() - i;
        if best.is_none_or(|(bq, br, _)| q > bq || (q == bq && rank > br)) {
            best = Some((q, rank, *value));
        }
    }
    best.map(|b| b.2)
}

/// A `406 Not Acceptable` naming what can be given.
pub fn not_acceptable<T>(offers: &[(&str, T)]) -> Refusal {
    let names: Vec<&str> = offers.iter().map(|o| o.0).collect();
    Refusal::new(
        StatusCode::NOT_ACCEPTABLE,
        format!(
            "none of the media types in the Accept header can be given here; available: {}",
            names.join(", ")
        ),
    )
}

/// Which `Host` headers are accepted: the bound addresses, `localhost` when bound to
/// loopback, and names given by the operator; always with the bound port. This stops DNS
/// rebinding: a page from another site whose name is made to point at this machine
/// sends its own name in `Host`.
#[derive(Debug, Clone)]
pub struct HostCheck {
    port: u16,
    names: Vec<String>,
    any_ip: bool,
}

impl HostCheck {
    pub fn new(addrs: &[SocketAddr], extra: &[String]) -> HostCheck {
        let port = addrs.first().map_or(0, |a| a.port());
        let mut names: Vec<String> = extra.iter().map(|n| n.to_ascii_lowercase()).collect();
        let mut any_ip = false;
        for a in addrs {
            let ip = a.ip();
            if ip.is_unspecified() {
                // Listening on every interface: any address of this machine may be used.
                any_ip = true;
                names.push("localhost".into());
            } else if ip.is_loopback() {
                names.extend(["localhost".into(), "127.0.0.1".into(), "[::1]".into()]);
            }
            names.push(match ip {
                IpAddr::V4(v4) => v4.to_string(),
                IpAddr::V6(v6) => format!("[{v6}]"),
            });
        }
        names.sort();
        names.dedup();
        HostCheck { port, names, any_ip }
    }

    /// Is this `Host` header value one of ours?
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let (name, port) = match host.rsplit_once(':') {
            Some((n, p)) if !p.contains(']') => (n.to_string(), p.parse::<u16>().ok()),
            _ => (host.clone(), Some(80)),
        };
        if port != Some(self.port) {
            return false;
        }
        if self.names.contains(&name) {
            return true;
        }
        self.any_ip
            && name
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<IpAddr>()
                .is_ok()
    }

    /// Refuse a request whose `Host` header is not ours.
    pub fn check(&self, request: &Request<Body>) -> Result<(), Refusal> {
        let host = request.headers().get(HOST).and_then(|h| h.to_str().ok());
        let authority = request.uri().authority().map(|a| a.as_str().to_string());
        match host {
            Some(h) if self.allows(h) && authority.as_deref().is_none_or(|a| self.allows(a)) => Ok(()),
            _ => Err(Refusal::new(
                StatusCode::FORBIDDEN,
                format!(
                    "the Host header {:?} is not an address of this server (accepted: {} with port {}); \
                     this protects against DNS rebinding",
                    host.unwrap_or(""),
                    self.names.join(", "),
                    self.port
                ),
            )),
        }
    }
}

/// `Access-Control-Allow-Origin: *` and friends, for `--cors`-style serving.
pub fn allow_cross_origin(response: &mut Response<Body>) {
    let h = response.headers_mut();
    h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    h.insert(
        "access-control-expose-headers",
        HeaderValue::from_static("content-type"),
    );
}

/// The answer to a CORS preflight (`OPTIONS`).
pub fn preflight(request: &Request<Body>) -> Response<Body> {
    let mut response = Response::builder()
        .status(StatusCode::NO_CONTENT)
        .body(Body::empty())
        .expect("valid response");
    allow_cross_origin(&mut response);
    let h = response.headers_mut();
    h.insert(
        "access-control-allow-methods",
        HeaderValue::from_static("GET, HEAD, POST, OPTIONS"),
    );
    if let Some(asked) = request.headers().get("access-control-request-headers") {
        h.insert("access-control-allow-headers", asked.clone());
    }
    // Chromium asks before a public page may call a server on this machine.
    if request
        .headers()
        .contains_key("access-control-request-private-network")
    {
        h.insert(
            "access-control-allow-private-network",
            HeaderValue::from_static("true"),
        );
    }
    h.insert("access-control-max-age", HeaderValue::from_static("600"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_decode_plus_percent_and_repeats() {
        assert_eq!(
            parse_form("query=SELECT+*+%7B%3Fs+%3Fp+%3Fo%7D&format=json&output=json&x"),
            vec![
                ("query".to_string(), "SELECT * {?s ?p ?o}".to_string()),
                ("format".into(), "json".into()),
                ("output".into(), "json".into()),
                ("x".into(), "".into()),
            ]
        );
        assert_eq!(parse_form("q=%E5%9C%8B%E5%8B%99%E9%99%A2")[0].1, "國務院");
        // Broken escapes stay as written.
        assert_eq!(parse_form("q=100%&r=%zz%4")[0].1, "100%");
        assert_eq!(parse_form("q=100%&r=%zz%4")[1].1, "%zz%4");
    }

    #[test]
    fn negotiation_follows_quality_then_order_then_default() {
        let offers = [
            ("application/sparql-results+json", 1),
            ("application/sparql-results+xml", 2),
            ("text/csv", 3),
        ];
        assert_eq!(choose("", &offers), Some(1));
        assert_eq!(choose("*/*", &offers), Some(1));
        assert_eq!(choose("application/sparql-results+xml", &offers), Some(2));
        assert_eq!(choose("text/*", &offers), Some(3));
        assert_eq!(
            choose("text/csv;q=0.5, application/sparql-results+xml", &offers),
            Some(2)
        );
        assert_eq!(choose("text/csv, */*;q=0.1", &offers), Some(3));
        assert_eq!(choose("image/png", &offers), None);
        assert_eq!(choose("text/csv;q=0, */*", &offers), Some(1));
        // A browser's header: anything, so the default.
        assert_eq!(
            choose(
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                &offers
            ),
            Some(1)
        );
    }

    #[test]
    fn host_check_accepts_our_names_only() {
        let loopback = HostCheck::new(&["127.0.0.1:7878".parse().unwrap()], &[]);
        for ok in ["127.0.0.1:7878", "localhost:7878", "LOCALHOST:7878", "[::1]:7878"] {
            assert!(loopback.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example:7878",
            "127.0.0.1:80",
            "localhost",
            "127.0.0.1",
            "10.0.0.1:7878",
            "",
        ] {
            assert!(!loopback.allows(bad), "{bad}");
        }
        let named = HostCheck::new(&["127.0.0.1:80".parse().unwrap()], &["kg.example".into()]);
        assert!(named.allows("kg.example"));
        assert!(named.allows("localhost:80"));
        let all = HostCheck::new(&["0.0.0.0:7878".parse().unwrap()], &[]);
        assert!(all.allows("192.0.2.7:7878"));
        assert!(!all.allows("evil.example:7878"));
    }
}
