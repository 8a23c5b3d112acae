//! Accepts `serve`'s connections so that slow or idle clients cannot starve others: at most
//! `MAX_CONNECTIONS` open at once, and a connection that has not sent a whole request head
//! within `HEADER_TIMEOUT` (a slow client, or an idle one between requests) is closed.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::io;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// The most connections served at once; more wait to be accepted. Each open page holds one
/// (its live-reload stream), so this is far more than one person's browser needs.
pub const MAX_CONNECTIONS: usize = 256;

/// How long a client has to send a request's line and headers, from the moment the
/// connection opens or its previous response was sent; a response being sent (such as the
/// live-reload stream) is not limited.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(3);

/// Serves `app` on `listener` until an accept fails for good.
pub async fn serve(listener: TcpListener, app: Router) -> io::Result<()> {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = slots.clone().acquire_owned().await else {
            return Ok(());
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) if is_transient(&e) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
            Err(e) => return Err(e),
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _slot = slot;
            let connection = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(TokioIo::new(stream), service);
            let _ = connection.await;
        });
    }
}

/// An accept error that concerns one connection or a passing shortage of file descriptors,
/// after which the server goes on.
fn is_transient(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
            | io::ErrorKind::ConnectionRefused
            | io::ErrorKind::Interrupted
            | io::ErrorKind::WouldBlock
    ) || error
        .raw_os_error()
        .is_some_and(|code| code == 23 || code == 24)
}
