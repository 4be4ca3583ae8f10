//! zhkg-serve: a zhkg store over HTTP, read only.
//!
//! - `/sparql` (alias `/query`): the SPARQL 1.1 Protocol (GET, POST as a form or as
//!   `application/sparql-query`), results negotiated by `Accept`; updates are refused; with
//!   no query, a SPARQL Service Description.
//! - `/store`: the SPARQL 1.1 Graph Store HTTP Protocol, GET and HEAD only.
//! - `/api/…`: JSON for the page (search by any name, neighbourhoods, sources).
//! - `/`: the page to explore who proposed what, with everything it loads compiled in.
//!
//! Safe by default: the `Host` header must name the bound address (against DNS
//! rebinding), request bodies and answers have size limits, queries a time limit, and
//! queries cannot reach files or the network (SERVICE, LOAD). One thread serves each
//! connection, up to a cap; each query runs on a thread of its own.
#![deny(missing_docs)]

mod api;
mod assets;
mod gsp;
mod http;
mod sparql;

use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use oxhttp::model::{Body, HeaderValue, Request, Response, StatusCode};

pub use api::pinyin_key;

/// Largest request body accepted by default (a query sent by POST), in bytes.
pub const DEFAULT_MAX_BODY: usize = 1024 * 1024;
/// Largest answer held for one response by default, in bytes.
pub const DEFAULT_MAX_RESPONSE: usize = 256 * 1024 * 1024;
/// Connections served at once by default (one thread each); more wait their turn.
pub const DEFAULT_MAX_CONNECTIONS: usize = 256;

/// What to serve, where, and with which limits.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store folder, opened read-only.
    pub store: PathBuf,
    /// Address to listen on, such as `127.0.0.1:7878`; port 0 picks a free port.
    pub bind: String,
    /// Stop each query after this long (`None`: no limit).
    pub timeout: Option<Duration>,
    /// Let pages from any origin call the endpoints (CORS headers).
    pub cors: bool,
    /// Host names accepted in the `Host` header besides the bound address (and
    /// `localhost` when bound to loopback or to every interface).
    pub allowed_hosts: Vec<String>,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// Largest answer held for one response, in bytes.
    pub max_response: usize,
    /// Connections served at once.
    pub max_connections: usize,
}

impl Config {
    /// Defaults: loopback port 7878, 60-second queries, no CORS.
    pub fn new(store: PathBuf) -> Config {
        Config {
            store,
            bind: "127.0.0.1:7878".into(),
            timeout: Some(Duration::from_secs(60)),
            cors: false,
            allowed_hosts: Vec::new(),
            max_body: DEFAULT_MAX_BODY,
            max_response: DEFAULT_MAX_RESPONSE,
            max_connections: DEFAULT_MAX_CONNECTIONS,
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] zhkg_graph::store::StoreError),
    /// The address does not parse or resolve.
    #[error("cannot use the address {addr}")]
    Address {
        /// The address as given.
        addr: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// Listening failed (the port is taken, or not ours to use).
    #[error("cannot listen on {addr}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The server's threads stopped.
    #[error("the server stopped")]
    Stopped(#[source] std::io::Error),
}

/// Everything a request handler needs.
struct State {
    evaluator: sparql::Evaluator,
    hosts: http::HostCheck,
    config: Config,
}

/// A running server.
pub struct Server {
    addrs: Vec<SocketAddr>,
    running: oxhttp::ListeningServer,
}

impl Server {
    /// Open the store and start listening; requests are served on background threads.
    pub fn start(config: Config) -> Result<Server, ServeError> {
        let store = zhkg_graph::store::open_read_only(&config.store)?;
        let addrs = resolve(&config.bind)?;
        let evaluator = sparql::Evaluator::new(store, config.timeout, config.max_response);
        let state = Arc::new(State {
            evaluator,
            hosts: http::HostCheck::new(&addrs, &config.allowed_hosts),
            config,
        });
        let max_connections = state.config.max_connections.max(1);
        let mut server = oxhttp::Server::new(move |request| respond(&state, request))
            .with_server_name(concat!("zhkg/", env!("CARGO_PKG_VERSION")))
            .expect("a valid server name")
            // Idle keep-alive connections and stalled clients give their thread back.
            .with_global_timeout(Duration::from_secs(60))
            .with_max_concurrent_connections(max_connections);
        for a in &addrs {
            server = server.bind(*a);
        }
        let running = server.spawn().map_err(|source| ServeError::Listen {
            addr: addrs[0],
            source,
        })?;
        Ok(Server { addrs, running })
    }

    /// The addresses listened on (with the port chosen when 0 was asked for).
    pub fn addrs(&self) -> &[SocketAddr] {
        &self.addrs
    }

    /// Serve until the process ends.
    pub fn join(self) -> Result<(), ServeError> {
        self.running.join().map_err(ServeError::Stopped)
    }
}

/// The socket addresses of `bind`; port 0 becomes a free port, found by binding it once.
fn resolve(bind: &str) -> Result<Vec<SocketAddr>, ServeError> {
    let err = |source| ServeError::Address {
        addr: bind.to_string(),
        source,
    };
    let mut addrs: Vec<SocketAddr> = bind.to_socket_addrs().map_err(err)?.collect();
    if addrs.is_empty() {
        return Err(err(std::io::Error::other("it resolves to no address")));
    }
    if addrs[0].port() == 0 {
        let probe = TcpListener::bind(addrs[0]).map_err(|source| ServeError::Listen {
            addr: addrs[0],
            source,
        })?;
        let port = probe.local_addr().map_err(err)?.port();
        for a in &mut addrs {
            a.set_port(port);
        }
    }
    // One address of each kind is enough (`localhost` may resolve to both families).
    addrs.dedup();
    Ok(addrs)
}

/// Route one request, adding the headers every answer gets.
fn respond(state: &State, request: &mut Request<Body>) -> Response<Body> {
    let mut response = match state.hosts.check(request) {
        Err(refusal) => refusal.response(),
        Ok(()) if state.config.cors && request.method().as_str() == "OPTIONS" => http::preflight(request),
        Ok(()) => route(state, request).unwrap_or_else(|r| r.response()),
    };
    let h = response.headers_mut();
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    h.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    if state.config.cors {
        http::allow_cross_origin(&mut response);
    }
    response
}

fn route(state: &State, request: &mut Request<Body>) -> Result<Response<Body>, http::Refusal> {
    let path = request.uri().path().to_string();
    match path.as_str() {
        "/sparql" | "/query" => sparql::handle(&state.evaluator, state.config.max_body, request),
        "/store" => gsp::handle(&state.evaluator.store, state.config.max_response, request),
        p if p.starts_with("/api/") => api::Api {
            store: &state.evaluator.store,
            timeout: state.config.timeout,
        }
        .handle(&p["/api/".len()..], request),
        p => match assets::find(p) {
            Some(asset) => {
                if !matches!(request.method().as_str(), "GET" | "HEAD") {
                    return Err(sparql::method_not_allowed("GET, HEAD"));
                }
                Ok(assets::response(asset, request.method().as_str() == "HEAD"))
            }
            None => Err(http::Refusal::new(
                StatusCode::NOT_FOUND,
                format!("nothing at {p}: the page is at /, SPARQL at /sparql, the graph store at /store"),
            )),
        },
    }
}
