//! Slow CPU work (argon2) and blocking IO run on the blocking pool, off the
//! async workers, through this one door.

/// The blocking pool is gone: the server is shutting down.
#[derive(Debug, thiserror::Error)]
#[error("the server is shutting down")]
pub struct ShuttingDown;

pub async fn blocking<T, F>(f: F) -> Result<T, ShuttingDown>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    actix_web::web::block(f).await.map_err(|_| ShuttingDown)
}
