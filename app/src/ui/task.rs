//! Browser tasks that belong to a part of a screen.
//!
//! A server answer can arrive after the agent moved on (another conversation, another
//! screen): by then the signals of that part are disposed, and touching one panics the whole
//! page. A task spawned here is polled only while its guard signal exists, so its remaining
//! work is dropped instead. Guard with a signal created together with everything the task
//! touches after its first `await` (or one that outlives them).

use leptos::prelude::IsDisposed;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Spawns `task` in the browser; it stops at its next `await` once `guard` is disposed.
pub fn spawn_while(
    guard: impl IsDisposed + Unpin + 'static,
    task: impl Future<Output = ()> + 'static,
) {
    leptos::task::spawn_local(WhileAlive {
        guard,
        task: Box::pin(task),
    });
}

struct WhileAlive<G> {
    guard: G,
    task: Pin<Box<dyn Future<Output = ()>>>,
}

impl<G: IsDisposed + Unpin> Future for WhileAlive<G> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.guard.is_disposed() {
            return Poll::Ready(());
        }
        self.task.as_mut().poll(cx)
    }
}
