//! Threads of our own for work that runs Typst: the documents of a pack.

use std::sync::{Mutex, MutexGuard};

/// Typst recurses deeply while laying out; give each worker room for it.
const WORKER_STACK_BYTES: usize = 16 * 1024 * 1024;

/// The worker count `jobs` asks for: 0 means one per core, and one if the core count is unknown.
pub(crate) fn threads(jobs: usize) -> usize {
    match jobs {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    }
}

/// Maps `items` with `f` on `jobs` threads of our own, taking them in the order of the key
/// `order` gives and returning the results in the items' own order.
pub(crate) fn in_parallel<T: Send, U: Send, K: Ord>(
    items: Vec<T>,
    jobs: usize,
    order: impl Fn(&T) -> K,
    f: impl Fn(T) -> U + Sync,
) -> std::io::Result<Vec<U>> {
    let count = items.len();
    let mut items: Vec<(usize, T)> = items.into_iter().enumerate().collect();
    items.sort_by_cached_key(|(_, item)| order(item));
    let queue = Mutex::new(items.into_iter());
    let done = Mutex::new(Vec::with_capacity(count));
    run(jobs.min(count.max(1)), || {
        loop {
            // The lock is released at the end of this statement, before `f` runs.
            let next = lock(&queue).next();
            let Some((i, item)) = next else { break };
            let result = f(item);
            lock(&done).push((i, result));
        }
    })?;
    let mut done = done.into_inner().unwrap_or_else(|p| p.into_inner());
    done.sort_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, u)| u).collect())
}

/// Runs `work` on `jobs` threads of our own at once and returns when every one is done.
///
/// The threads are deliberately not rayon's: Typst uses rayon inside, and a rayon worker
/// waiting for Typst's nested jobs steals whole other items, which blurs per-item timing
/// and deepens stacks until they overflow.
pub(crate) fn run(jobs: usize, work: impl Fn() + Sync) -> std::io::Result<()> {
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            std::thread::Builder::new()
                .stack_size(WORKER_STACK_BYTES)
                .spawn_scoped(scope, &work)?;
        }
        Ok(())
    })
}

/// Locks `mutex`. A poisoned lock only means another worker panicked; the data is intact,
/// and the panic reaches the caller when the workers are joined.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}
