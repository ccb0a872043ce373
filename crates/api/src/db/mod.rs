//! Storage: one diesel code path over SQLite and PostgreSQL.
//!
//! The backend is chosen from the URL scheme here rather than by
//! `MultiConnection::establish`, which tries backends in order and hides the
//! real connection error.

pub mod repo;
pub mod rows;
pub mod schema;
mod stored;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection, Pool, PooledConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use std::path::PathBuf;
use std::time::Duration;

/// Lock the rows a query selects until the transaction ends, so that a
/// read-then-write cannot race another one: `SELECT id ... ORDER BY id FOR
/// UPDATE` on PostgreSQL (in id order, so two lockers never deadlock), and
/// nothing on SQLite, whose single write connection already runs one
/// transaction at a time. `$query` filters one table; `$id` is its key.
#[macro_export]
macro_rules! lock_rows {
    ($conn:expr, $query:expr, $id:expr) => {
        match $conn {
            $crate::db::DbConn::Pg(pg) => $query
                .select($id)
                .order($id)
                .for_update()
                .load::<String>(pg)
                .map(|_| ()),
            $crate::db::DbConn::Sqlite(_) => Ok(()),
        }
    };
}

/// Insert many rows in one statement. MultiConnection has no batch insert,
/// so each backend's own is used.
#[macro_export]
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr) => {{
        let insert = diesel::insert_into($table).values($rows);
        match $conn {
            $crate::db::DbConn::Pg(pg) => insert.execute(pg),
            $crate::db::DbConn::Sqlite(lite) => insert.execute(lite),
        }
    }};
}

#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Pg(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/sqlite");
const PG_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../../migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Debug, thiserror::Error)]
pub enum DbSetupError {
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got `{0}`)")]
    UnknownScheme(String),
    #[error("cannot create the database folder {0}: {1}")]
    Folder(PathBuf, std::io::Error),
    #[error("cannot open the database: {0}")]
    Pool(#[from] r2d2::PoolError),
    #[error("cannot apply migrations: {0}")]
    Migrations(String),
    #[error("cannot open the database: {0}")]
    Open(r2d2::Error),
}

/// Opens connections for one URL and prepares each one.
#[derive(Debug, Clone)]
pub struct Manager {
    backend: Backend,
    url: String,
}

impl Manager {
    pub fn new(database_url: &str) -> Result<Self, DbSetupError> {
        if let Some(path) = database_url.strip_prefix("sqlite://") {
            Ok(Self {
                backend: Backend::Sqlite,
                url: path.to_owned(),
            })
        } else if database_url.starts_with("postgres://")
            || database_url.starts_with("postgresql://")
        {
            Ok(Self {
                backend: Backend::Postgres,
                url: database_url.to_owned(),
            })
        } else {
            Err(DbSetupError::UnknownScheme(redact(database_url)))
        }
    }
}

/// Drop the password from a URL before it reaches a log or an error message.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://***{}", &url[..s], &url[at..]),
        _ => url.to_owned(),
    }
}

impl ManageConnection for Manager {
    type Connection = DbConn;
    type Error = r2d2::Error;

    fn connect(&self) -> Result<DbConn, r2d2::Error> {
        match self.backend {
            Backend::Postgres => diesel::PgConnection::establish(&self.url)
                .map(DbConn::Pg)
                .map_err(r2d2::Error::ConnectionError),
            Backend::Sqlite => {
                let mut c = diesel::SqliteConnection::establish(&self.url)
                    .map_err(r2d2::Error::ConnectionError)?;
                // WAL lets readers run beside the single writer. synchronous=FULL
                // fsyncs each commit: an acknowledged write survives power loss,
                // which matters more here than write throughput.
                c.batch_execute(
                    "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; \
                     PRAGMA foreign_keys = ON;",
                )
                .map_err(r2d2::Error::QueryError)?;
                Ok(DbConn::Sqlite(c))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), r2d2::Error> {
        conn.batch_execute("SELECT 1")
            .map_err(r2d2::Error::QueryError)
    }

    fn has_broken(&self, _conn: &mut DbConn) -> bool {
        false
    }
}

pub type DbPool = Pool<Manager>;
pub type PooledConn = PooledConnection<Manager>;

/// The pools of one database. On SQLite all writes go through a single
/// connection, so two writers never race for the lock; on PostgreSQL both
/// names share one pool.
#[derive(Clone)]
pub struct Db {
    pub backend: Backend,
    read: DbPool,
    write: DbPool,
    /// Counts this server's commits that wrote an event, so its live stream
    /// and webhook worker wake at once (other servers hear of them by NOTIFY).
    events: std::sync::Arc<tokio::sync::watch::Sender<u64>>,
}

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database unavailable: {0}")]
    Pool(#[from] r2d2::PoolError),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
}

impl Db {
    pub fn connect(database_url: &str, max_connections: u32) -> Result<Self, DbSetupError> {
        let manager = Manager::new(database_url)?;
        if manager.backend == Backend::Sqlite {
            if let Some(dir) = PathBuf::from(&manager.url)
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
            {
                std::fs::create_dir_all(dir)
                    .map_err(|e| DbSetupError::Folder(dir.to_owned(), e))?;
            }
        }
        let build = |size: u32| {
            Pool::builder()
                .max_size(size)
                .connection_timeout(Duration::from_secs(10))
                .build(manager.clone())
        };
        let backend = manager.backend;
        if backend == Backend::Sqlite {
            // Switch to WAL once, alone: several pool connections doing it at
            // the same moment fail with "database is locked".
            manager.connect().map_err(DbSetupError::Open)?;
        }
        let (read, write) = match backend {
            Backend::Sqlite => (build(max_connections)?, build(1)?),
            Backend::Postgres => {
                let pool = build(max_connections)?;
                (pool.clone(), pool)
            }
        };
        Ok(Self {
            backend,
            read,
            write,
            events: std::sync::Arc::new(tokio::sync::watch::Sender::new(0)),
        })
    }

    /// Each pool's connections: (pool, idle, busy). On PostgreSQL the two names share one pool.
    pub fn pool_state(&self) -> Vec<(&'static str, u32, u32)> {
        let of = |p: &DbPool| {
            let s = p.state();
            (s.idle_connections, s.connections - s.idle_connections)
        };
        match self.backend {
            Backend::Sqlite => {
                let (ri, rb) = of(&self.read);
                let (wi, wb) = of(&self.write);
                vec![("read", ri, rb), ("write", wi, wb)]
            }
            Backend::Postgres => {
                let (i, b) = of(&self.read);
                vec![("shared", i, b)]
            }
        }
    }

    /// Changes each time a transaction of this server that wrote an event commits.
    pub fn events_committed(&self) -> tokio::sync::watch::Receiver<u64> {
        self.events.subscribe()
    }

    /// After a transaction: wake the readers if it committed an event.
    fn after_commit<T, E>(&self, result: &Result<T, E>) {
        let raised = repo::events::outbox::take_raised();
        if raised && result.is_ok() {
            self.events.send_modify(|n| *n = n.wrapping_add(1));
        }
    }

    pub fn migrate(&self) -> Result<usize, DbSetupError> {
        let mut conn = self.write.get()?;
        let applied = match &mut *conn {
            DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|v| v.len()),
            DbConn::Pg(c) => c.run_pending_migrations(PG_MIGRATIONS).map(|v| v.len()),
        };
        applied.map_err(|e| DbSetupError::Migrations(e.to_string()))
    }

    /// Refresh the planner's statistics. SQLite has none until told to
    /// gather them, and without them it may pick an index that cannot serve
    /// a queue's order (measured: 400 ms instead of 2 ms at 200,000 requests).
    /// PostgreSQL's autovacuum keeps its own, so this is for SQLite only.
    pub fn optimize(&self) -> Result<(), DbError> {
        let mut conn = self.write.get()?;
        if let DbConn::Sqlite(c) = &mut *conn {
            // 0x10002: analyse every table that needs it, even on a fresh connection.
            c.batch_execute("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;")?;
        }
        Ok(())
    }

    /// Run a read on the blocking pool, off the async workers.
    pub async fn read<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let pool = self.read.clone();
        run_blocking(move || f(&mut *pool.get().map_err(DbError::from)?)).await
    }

    /// Run `f` inside one transaction on the write connection: all or nothing.
    pub async fn write<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + From<diesel::result::Error> + Send + 'static,
    {
        let db = self.clone();
        run_blocking(move || {
            let mut conn = db.write.get().map_err(DbError::from)?;
            repo::events::outbox::take_raised();
            let result = (*conn).transaction(f);
            db.after_commit(&result);
            result
        })
        .await
    }

    /// The same as [`Db::write`], for callers already on a blocking thread (the CLI's seeding).
    pub fn write_now<T, E, F>(&self, f: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E>,
        E: From<DbError> + From<diesel::result::Error>,
    {
        let mut conn = self.write.get().map_err(DbError::from)?;
        repo::events::outbox::take_raised();
        let result = (*conn).transaction(f);
        self.after_commit(&result);
        result
    }

    pub async fn ping(&self) -> Result<(), DbError> {
        self.read(|c| c.batch_execute("SELECT 1").map_err(DbError::from))
            .await
    }
}

async fn run_blocking<T, E, F>(f: F) -> Result<T, E>
where
    F: FnOnce() -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<DbError> + Send + 'static,
{
    match crate::blocking::blocking(f).await {
        Ok(result) => result,
        // The blocking pool only fails when the runtime is shutting down.
        Err(_) => Err(E::from(DbError::Query(
            diesel::result::Error::BrokenTransactionManager,
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_pick_their_backend() {
        assert_eq!(
            Manager::new("sqlite://data/x.db").unwrap().backend,
            Backend::Sqlite
        );
        assert_eq!(
            Manager::new("postgres://u:p@h/db").unwrap().backend,
            Backend::Postgres
        );
        let err = Manager::new("mysql://u:secret@h/db")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("secret"), "{err}");
    }
}
