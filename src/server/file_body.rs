//! A response body read from a file as the client takes it: the quarterly
//! pack is written to an unlinked temporary file and streamed from there, so
//! the service never holds a large committee's ZIP (79 MB at 2,000 branches)
//! in memory.

use std::fs::File;
use std::io::Read;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::body::{Body, Bytes};
use tokio::sync::mpsc;

/// Bytes read at a time.
const CHUNK: usize = 256 * 1024;
/// Chunks read ahead of the client: the memory a download holds.
const AHEAD: usize = 4;

/// The file's bytes from its current position, read on a blocking thread
/// [`CHUNK`] at a time, at most [`AHEAD`] chunks ahead of the client. The
/// file is closed (and, unlinked, freed) when the last chunk is read or the
/// client goes away.
pub fn body(file: File) -> Body {
    let (tx, rx) = mpsc::channel(AHEAD);
    tokio::task::spawn_blocking(move || pump(file, &tx));
    Body::from_stream(Chunks { rx })
}

fn pump(mut file: File, tx: &mpsc::Sender<std::io::Result<Bytes>>) {
    loop {
        let mut buf = vec![0; CHUNK];
        let chunk = match file.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => {
                buf.truncate(n);
                Ok(Bytes::from(buf))
            }
            Err(e) => Err(e),
        };
        let failed = chunk.is_err();
        // A send fails when the client has gone: stop reading.
        if tx.blocking_send(chunk).is_err() || failed {
            return;
        }
    }
}

struct Chunks {
    rx: mpsc::Receiver<std::io::Result<Bytes>>,
}

impl futures_core::Stream for Chunks {
    type Item = std::io::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.rx.poll_recv(cx)
    }
}
