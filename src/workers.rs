//! Threads of our own: the workers that typeset a pack's documents, and values loaded in the
//! background while the caller goes on.

use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::thread::JoinHandle;

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

/// A value made on a thread of its own while the caller goes on; the first
/// [`Background::get`] waits for it.
pub(crate) struct Background<T> {
    value: OnceLock<T>,
    making: Mutex<Option<JoinHandle<T>>>,
    /// Also kept here, to make the value in the caller if no thread could start.
    make: Arc<dyn Fn() -> T + Send + Sync>,
}

impl<T: Send + 'static> Background<T> {
    /// Starts making the value with `make`.
    pub(crate) fn new(make: impl Fn() -> T + Send + Sync + 'static) -> Self {
        let make = Arc::new(make);
        let on_thread = Arc::clone(&make);
        let making = std::thread::Builder::new().spawn(move || on_thread()).ok();
        Background {
            value: OnceLock::new(),
            making: Mutex::new(making),
            make,
        }
    }

    /// The value, once made.
    pub(crate) fn get(&self) -> &T {
        self.value.get_or_init(|| match lock(&self.making).take() {
            Some(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            None => (self.make)(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_background_value_is_made_once_and_seen_by_every_thread() {
        let made = Arc::new(Mutex::new(0));
        let counter = Arc::clone(&made);
        let value = Background::new(move || {
            *lock(&counter) += 1;
            vec![1, 2, 3]
        });
        let seen = Mutex::new(Vec::new());
        run(4, || {
            lock(&seen).push(value.get() as *const Vec<i32> as usize)
        })
        .unwrap();
        let seen = seen.into_inner().unwrap();
        assert_eq!(seen.len(), 4);
        assert!(seen.iter().all(|&p| p == seen[0]), "one value for all");
        assert_eq!(value.get(), &[1, 2, 3]);
        assert_eq!(*lock(&made), 1, "made once");
    }

    #[test]
    fn in_parallel_returns_the_results_in_the_items_order() {
        let items: Vec<u32> = (0..20).collect();
        let squares = in_parallel(items, 3, |&i| std::cmp::Reverse(i), |i| i * i).unwrap();
        assert_eq!(squares, (0..20).map(|i| i * i).collect::<Vec<_>>());
    }
}
