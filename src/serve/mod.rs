//! `serve`: a local web page to fill in a profile, see every document and download the pack.
//!
//! The page is for people who do not edit YAML: it starts from the municipality register,
//! validates with the same validator and messages as `validate`, previews each PDF and
//! hands out the same zip `generate` writes. The server keeps nothing between requests:
//! the form carries the profile, and the YAML download is the durable record.
//!
//! Security: it listens on 127.0.0.1 unless told otherwise, answers only to a `Host` of
//! `localhost` or an IP address with its port (no DNS rebinding), sends a strict
//! Content-Security-Policy, escapes every value through Tera's auto-escaping, limits
//! request bodies to a profile's 1 MiB, reads no path from a request and bounds how many
//! packs are typeset at once (`guard.rs`).

mod batch;
mod form;
mod guard;
mod pages;
mod routes;

use crate::Error;
use crate::pipeline::Pipeline;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use chrono::NaiveDate;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// The largest request body: a profile's own limit, which also holds a batch of profiles
/// of a few kilobytes each.
pub const MAX_BODY_BYTES: usize = crate::profile::MAX_FILE_BYTES as usize;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// The address to listen on; anything but a loopback address needs the user's explicit
    /// choice, since the page has no login.
    pub address: IpAddr,
    /// The port; 0 takes a free one.
    pub port: u16,
    /// Packs or documents typeset at once; each holds a pack's PDFs in memory.
    pub renders: usize,
    /// Today, from which a new profile's suggested dates are counted.
    pub today: fn() -> NaiveDate,
}

/// A server bound to its address, ready to run.
pub struct Server {
    listener: tokio::net::TcpListener,
    router: Router,
}

impl Server {
    /// Binds to the address of `options`.
    pub async fn bind(pipeline: Arc<Pipeline>, options: &Options) -> Result<Server, Error> {
        let wanted = SocketAddr::new(options.address, options.port);
        let bind_error = |source| Error::Serve {
            address: wanted,
            source,
        };
        let listener = tokio::net::TcpListener::bind(wanted)
            .await
            .map_err(bind_error)?;
        let port = listener.local_addr().map_err(bind_error)?.port();
        let router = router(
            pipeline,
            &Options {
                port,
                ..options.clone()
            },
        )?;
        Ok(Server { listener, router })
    }

    /// The address the server listens on.
    pub fn address(&self) -> Result<SocketAddr, Error> {
        self.listener.local_addr().map_err(|source| Error::Serve {
            address: SocketAddr::new(IpAddr::from([127, 0, 0, 1]), 0),
            source,
        })
    }

    /// Serves until the process is stopped.
    pub async fn run(self) -> Result<(), Error> {
        let address = self.address()?;
        axum::serve(self.listener, self.router)
            .await
            .map_err(|source| Error::Serve { address, source })
    }
}

/// What every request handler shares.
struct Shared {
    pipeline: Arc<Pipeline>,
    pages: pages::Pages,
    /// Bounds the typesetting running at once: each holds a pack's PDFs in memory.
    renders: Arc<Semaphore>,
    today: fn() -> NaiveDate,
}

type State = Arc<Shared>;

/// The page's routes, guarded, for a server on `options.port`.
pub fn router(pipeline: Arc<Pipeline>, options: &Options) -> Result<Router, Error> {
    let shared = Arc::new(Shared {
        pipeline,
        pages: pages::Pages::new()?,
        renders: Arc::new(Semaphore::new(options.renders.max(1))),
        today: options.today,
    });
    let guard = guard::Guard { port: options.port };
    Ok(Router::new()
        .route("/", get(routes::start))
        .route("/profil", get(routes::open).post(routes::submit))
        .route("/profil/last-opp", post(routes::upload))
        .route(
            "/forhandsvis",
            get(routes::preview_blank).post(routes::preview),
        )
        .route("/last-ned/pakke", post(routes::download_pack))
        .route("/last-ned/profil", post(routes::download_profile))
        .route("/puljer", get(batch::page).post(batch::upload))
        .route("/puljer/last-ned", post(batch::download))
        .route("/stil.css", get(routes::style))
        .fallback(routes::not_found)
        .with_state(shared.clone())
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            (guard, shared),
            guard::check,
        )))
}
