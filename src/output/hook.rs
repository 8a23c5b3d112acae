//! The test hook of the final update: with `JOURNEYMAP_TEST_ABORT_AT=N` in the environment,
//! the process aborts right before the N-th file-system step of [`super::Staging::commit`],
//! as a build killed at that moment would stop (tests/output.rs loops N over every step).
//! With `JOURNEYMAP_TEST_NO_EXCHANGE` set, the swap takes the path of systems without an
//! atomic exchange. Without these variables nothing changes.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

static ABORT_AT: OnceLock<Option<usize>> = OnceLock::new();
static STEPS: AtomicUsize = AtomicUsize::new(0);

/// Counts one file-system step of the final update; aborts the process when it is the step
/// the test hook names.
pub(super) fn step() {
    let abort_at = ABORT_AT.get_or_init(|| {
        std::env::var("JOURNEYMAP_TEST_ABORT_AT")
            .ok()
            .and_then(|n| n.parse().ok())
    });
    if let Some(n) = abort_at
        && STEPS.fetch_add(1, Ordering::SeqCst) + 1 == *n
    {
        std::process::abort();
    }
}

/// Whether the test hook asks for the swap without an atomic exchange.
pub(super) fn no_exchange() -> bool {
    std::env::var_os("JOURNEYMAP_TEST_NO_EXCHANGE").is_some()
}
