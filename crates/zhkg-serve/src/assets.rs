//! The page and everything it loads, compiled into the binary (`web/`): nothing comes
//! from another host, and the Content-Security-Policy tells the browser so.

use oxhttp::model::{Body, HeaderValue, Response, StatusCode};

/// One file of the page.
pub struct Asset {
    path: &'static str,
    media_type: &'static str,
    bytes: &'static [u8],
}

macro_rules! web {
    ($path:literal, $media:literal) => {
        Asset {
            path: $path,
            media_type: $media,
            bytes: include_bytes!(concat!("../web", $path)),
        }
    };
}

const ASSETS: &[Asset] = &[
    web!("/index.html", "text/html; charset=utf-8"),
    web!("/app.js", "text/javascript; charset=utf-8"),
    web!("/app.css", "text/css; charset=utf-8"),
    web!("/favicon.svg", "image/svg+xml"),
    web!("/vendor/cytoscape.min.js", "text/javascript; charset=utf-8"),
    web!("/vendor/THIRD-PARTY.md", "text/markdown; charset=utf-8"),
];

/// Only this server's own files and API: no other host, no inline script.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The asset served at `path` (`/` is the page).
pub fn find(path: &str) -> Option<&'static Asset> {
    let path = if path == "/" { "/index.html" } else { path };
    ASSETS.iter().find(|a| a.path == path)
}

/// `200 OK` with the asset (headers only for HEAD).
pub fn response(asset: &'static Asset, head: bool) -> Response<Body> {
    let body = if head {
        Body::empty()
    } else {
        Body::from(asset.bytes)
    };
    let mut r = Response::builder()
        .status(StatusCode::OK)
        .header("content-type", asset.media_type)
        .header("cache-control", "no-cache")
        .body(body)
        .expect("valid response");
    r.headers_mut()
        .insert("content-security-policy", HeaderValue::from_static(CSP));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_loads_only_files_served_here() {
        let page = std::str::from_utf8(find("/").unwrap().bytes).unwrap();
        for attr in ["src=\"", "href=\""] {
            for piece in page.split(attr).skip(1) {
                let target = piece.split('"').next().unwrap();
                if target.starts_with('#') {
                    continue;
                }
                assert!(
                    find(target).is_some(),
                    "index.html refers to {target}, which is not compiled in"
                );
            }
        }
        assert!(
            !page.contains("http://") && !page.contains("https://"),
            "index.html names another host"
        );
    }
}
