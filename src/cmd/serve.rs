//! `serve`: the local web page.

use crate::report;
use digisos_pakke::Error;
use digisos_pakke::pipeline::Pipeline;
use digisos_pakke::serve::{Options, Server};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;

pub(crate) fn run(
    pipeline: Pipeline,
    port: u16,
    listen: Option<IpAddr>,
    renders: Option<usize>,
) -> ExitCode {
    let address = listen.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let options = Options {
        address,
        port,
        renders: renders
            .or_else(|| std::thread::available_parallelism().ok().map(Into::into))
            .unwrap_or(1),
        today: super::start::today,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| Error::Serve {
            address: SocketAddr::new(address, port),
            source,
        });
    let served = runtime.and_then(|runtime| {
        runtime.block_on(async {
            let server = Server::bind(Arc::new(pipeline), &options).await?;
            let bound = server.address()?;
            if !address.is_loopback() {
                eprintln!(
                    "warning: listening on {bound}, not only on this machine: anyone who can reach this address can use the page, which has no login"
                );
            }
            // An unspecified address (0.0.0.0) is reached here as 127.0.0.1.
            let shown = if address.is_unspecified() {
                SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), bound.port())
            } else {
                bound
            };
            println!("open http://{shown}/ in a browser (Ctrl+C stops the page)");
            server.run().await
        })
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => report(&e),
    }
}
