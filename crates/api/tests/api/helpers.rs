use diesel::{Connection, PgConnection, RunQueryDsl};
use onestop_api::clock::{Clock, ManualClock};
use onestop_api::config::Settings;
use onestop_api::{seed, Application};
use onestop_client::Client;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Run each named `async fn(Backend)` as two tests, `sqlite::name` and `postgres::name`.
macro_rules! both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[actix_web::test] async fn $name() { super::$name($crate::helpers::Backend::Sqlite).await } )*
        }
        mod postgres {
            $( #[actix_web::test] async fn $name() { super::$name($crate::helpers::Backend::Postgres).await } )*
        }
    };
}

/// Tests that never reach storage (parsing, routing, headers, static files)
/// run once, on SQLite, the embedded default: a second backend would only
/// seed a second database to prove the same thing.
macro_rules! without_storage {
    ($($name:ident),* $(,)?) => {
        mod once {
            $( #[actix_web::test] async fn $name() { super::$name($crate::helpers::Backend::Sqlite).await } )*
        }
    };
}

pub const PASSWORD: &str = "demo1234";

pub struct TestApp {
    pub base: String,
    pub clock: ManualClock,
    pub http: reqwest::Client,
    pub backend: Backend,
    pub database_url: String,
    pub state: onestop_api::state::AppState,
    data_dir: std::path::PathBuf,
    pg: Option<PgDatabase>,
    _dir: tempfile::TempDir,
}

/// How a [`TestApp`] starts: `TestApp::on(backend).at(t).scale(s).spawn()`.
pub struct Builder {
    backend: Backend,
    web_dir: Option<std::path::PathBuf>,
    at: Option<chrono::DateTime<chrono::Utc>>,
    scale: seed::grid::DemoScale,
    env: Vec<(&'static str, String)>,
    seeded: bool,
    /// Serve the database of another server (and its data dir): several servers, one database.
    shared: Option<(String, std::path::PathBuf)>,
}

impl Builder {
    /// Seed nothing: an empty database, as a real deployment starts.
    pub fn empty(mut self) -> Self {
        self.seeded = false;
        self
    }

    /// Set one more environment setting, e.g. `ONESTOP_TRUSTED_PROXIES`.
    pub fn env(mut self, key: &'static str, value: &str) -> Self {
        self.env.push((key, value.to_owned()));
        self
    }

    /// Serve the web app from this folder.
    pub fn serving(mut self, dir: &std::path::Path) -> Self {
        self.web_dir = Some(dir.to_owned());
        self
    }

    /// Start the clock (and seed the demo data) at this instant instead of now.
    pub fn at(mut self, t: chrono::DateTime<chrono::Utc>) -> Self {
        self.at = Some(t);
        self
    }

    /// Seed this much demo data instead of [`seed::grid::DemoScale::TINY`].
    pub fn scale(mut self, scale: seed::grid::DemoScale) -> Self {
        self.scale = scale;
        self
    }

    /// Start a second server on `other`'s database and files, seeding nothing.
    pub fn beside(mut self, other: &TestApp) -> Self {
        self.shared = Some((other.database_url.clone(), other.data_dir().to_owned()));
        self.seeded = false;
        self
    }

    pub async fn spawn(self) -> TestApp {
        TestApp::start(self).await
    }
}

impl TestApp {
    /// A server with the demo units and accounts, on a database of its own.
    pub async fn spawn(backend: Backend) -> Self {
        Self::on(backend).spawn().await
    }

    /// [`TestApp::spawn`], serving the web app from `web_dir` when given.
    pub async fn spawn_serving(backend: Backend, web_dir: Option<&std::path::Path>) -> Self {
        let b = Self::on(backend);
        match web_dir {
            Some(d) => b.serving(d).spawn().await,
            None => b.spawn().await,
        }
    }

    pub fn on(backend: Backend) -> Builder {
        Builder {
            backend,
            web_dir: None,
            at: None,
            scale: seed::grid::DemoScale::TINY,
            env: Vec::new(),
            seeded: true,
            shared: None,
        }
    }

    async fn start(opts: Builder) -> Self {
        let Builder {
            backend,
            web_dir,
            at,
            scale,
            env: extra,
            seeded,
            shared,
        } = opts;
        let dir = tempfile::tempdir().unwrap();
        let pg = (backend == Backend::Postgres && shared.is_none()).then(PgDatabase::create);
        let database_url = match (&pg, &shared) {
            (_, Some((url, _))) => url.clone(),
            (Some(db), None) => db.url.clone(),
            (None, None) => format!("sqlite://{}/test.db", dir.path().display()),
        };
        let data_dir = shared
            .as_ref()
            .map_or_else(|| dir.path().to_owned(), |(_, d)| d.clone());
        let mut env: HashMap<&str, String> = HashMap::from([
            ("DATABASE_URL", database_url.clone()),
            ("ONESTOP_BIND", "127.0.0.1:0".into()),
            ("ONESTOP_DATA_DIR", data_dir.display().to_string()),
            (
                "ONESTOP_JWT_SECRET",
                "test-secret-test-secret-test-secret-0123".into(),
            ),
            (
                "ONESTOP_WEB_DIR",
                web_dir
                    .unwrap_or_else(|| dir.path().join("no-web"))
                    .display()
                    .to_string(),
            ),
            ("ONESTOP_DB_POOL_SIZE", "4".into()),
            // Tests run the deadline watch themselves, at the times they choose.
            ("ONESTOP_JOB_INTERVAL", "86400".into()),
            // And send webhooks themselves (`deliver_webhooks`), unless a test turns it on.
            ("ONESTOP_WEBHOOK_DELIVERY", "off".into()),
        ]);
        env.extend(extra);
        let settings = Settings::from_lookup(|k| env.get(k).cloned()).unwrap();
        let clock = at.map_or_else(ManualClock::new, ManualClock::at);
        let app = Application::build(settings, Arc::new(clock.clone()))
            .await
            .unwrap();
        if seeded {
            let db = app.state.db.clone();
            let seed_clock = clock.clone();
            actix_web::web::block(move || seed::demo(&db, &seed_clock, scale))
                .await
                .unwrap()
                .unwrap();
        }
        let base = format!("http://127.0.0.1:{}", app.port());
        let state = app.state.clone();
        actix_web::rt::spawn(app.run());
        Self {
            base,
            clock,
            http: reqwest::Client::new(),
            backend,
            database_url,
            state,
            data_dir,
            pg,
            _dir: dir,
        }
    }

    /// The server's data dir (uploads live under `attachments/`).
    pub fn data_dir(&self) -> &std::path::Path {
        &self.data_dir
    }

    pub fn client(&self) -> Client {
        Client::new(&self.base)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A client signed in as one of the demo accounts.
    pub async fn login(&self, username: &str) -> Client {
        let tokens = self.client().login(username, PASSWORD).await.unwrap();
        self.client().with_token(tokens.access_token)
    }

    pub async fn token(&self, username: &str) -> String {
        self.client()
            .login(username, PASSWORD)
            .await
            .unwrap()
            .access_token
    }

    /// Make the database unreachable (PostgreSQL only): drop it under the server.
    pub fn drop_database(&mut self) {
        if let Some(db) = self.pg.take() {
            drop(db);
        }
    }
}

/// A database of its own for one test, on the server `TEST_DATABASE_URL` names.
struct PgDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl PgDatabase {
    fn create() -> Self {
        let admin_url = std::env::var("TEST_DATABASE_URL").unwrap_or_else(|_| {
            panic!(
                "TEST_DATABASE_URL is not set. Run the tests with scripts/test (it starts a \
                 throwaway PostgreSQL), or set TEST_DATABASE_URL=postgres://user@host:port/postgres"
            )
        });
        let name = format!("onestop_test_{}", uuid::Uuid::now_v7().simple());
        let mut admin = PgConnection::establish(&admin_url)
            .unwrap_or_else(|e| panic!("cannot connect to TEST_DATABASE_URL: {e}"));
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .unwrap();
        let base = admin_url
            .rsplit_once('/')
            .map(|(b, _)| b)
            .unwrap_or(&admin_url);
        let url = format!("{base}/{name}");
        Self {
            admin_url,
            name,
            url,
        }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(mut admin) = PgConnection::establish(&self.admin_url) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin);
        }
    }
}

/// Assert a typed call was refused with this status and code, and return the problem.
pub fn refused<T: std::fmt::Debug>(
    result: onestop_client::Result<T>,
    status: u16,
    code: &str,
) -> onestop_domain::problem::Problem {
    let err = result.expect_err("the call should have been refused");
    let problem = err
        .problem()
        .unwrap_or_else(|| panic!("not a problem document: {err}"))
        .clone();
    assert_eq!(
        (problem.status, problem.code.as_str()),
        (status, code),
        "{problem:?}"
    );
    assert!(!problem.detail.is_empty());
    problem
}

/// The one node of `level` whose name or code is `text`, as `client` sees it.
pub async fn node(
    client: &Client,
    level: onestop_domain::grid::Level,
    text: &str,
) -> onestop_domain::grid::wire::NodeView {
    let page = client
        .grid_nodes(&onestop_client::NodeQuery {
            level: Some(level),
            q: Some(text.to_owned()),
            ..Default::default()
        })
        .await
        .unwrap();
    let mut found: Vec<_> = page
        .items
        .into_iter()
        .filter(|n| n.name == text || n.code.as_deref() == Some(text))
        .collect();
    assert_eq!(found.len(), 1, "one {level:?} named {text}");
    found.remove(0)
}

/// A building by its code, as `client` sees it.
pub async fn building(client: &Client, code: &str) -> onestop_domain::grid::wire::NodeView {
    node(client, onestop_domain::grid::Level::Building, code).await
}

/// A room by its building's code and its number, as `client` sees it.
pub async fn room(
    client: &Client,
    code: &str,
    number: &str,
) -> onestop_domain::grid::wire::NodeView {
    let b = building(client, code).await;
    client
        .grid_children(Some(b.id))
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|n| n.code.as_deref() == Some(number))
        .unwrap_or_else(|| panic!("room {code}-{number}"))
}

/// Assert a response is a problem document with this status and code, and return it.
pub async fn problem(res: reqwest::Response, status: u16, code: &str) -> serde_json::Value {
    assert_eq!(res.status().as_u16(), status, "status of {}", res.url());
    let ct = res
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert_eq!(ct, "application/problem+json");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["code"], code, "{body}");
    assert_eq!(body["status"], status);
    assert!(
        body["detail"].as_str().is_some_and(|d| !d.is_empty()),
        "{body}"
    );
    body
}

/// A JSON call as `username`: returns the status and the body (null when empty).
pub async fn call(
    app: &TestApp,
    token: &str,
    method: reqwest::Method,
    path: &str,
    body: Option<serde_json::Value>,
) -> (u16, serde_json::Value) {
    let mut rb = app.http.request(method, app.url(path)).bearer_auth(token);
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    let res = rb.send().await.unwrap();
    let status = res.status().as_u16();
    let text = res.text().await.unwrap();
    let json = if text.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text))
    };
    (status, json)
}

impl TestApp {
    /// One run of the reform reminders at the test clock's time: (overdue milestones, silent).
    pub async fn run_reminders(&self) -> (usize, usize) {
        let now = self.clock.now();
        let r = self
            .state
            .db
            .write::<_, onestop_api::db::DbError, _>(move |c| {
                Ok(onestop_api::app::reform::reminders::run_once(c, now)?)
            })
            .await
            .unwrap();
        (r.overdue_milestones, r.silent)
    }

    /// One purge of expired sign-in counters at the test clock's time: how many went.
    pub async fn purge_throttle(&self) -> usize {
        let now = self.clock.now();
        self.state
            .db
            .write::<_, onestop_api::db::DbError, _>(move |c| {
                Ok(onestop_api::db::repo::throttle::purge(c, now)?)
            })
            .await
            .unwrap()
    }

    /// One run of the visit reminders at the test clock's time: how many were told.
    pub async fn run_visit_reminders(&self) -> usize {
        let now = self.clock.now();
        self.state
            .db
            .write(move |c| onestop_api::app::visits::reminders::run_once(c, now))
            .await
            .unwrap()
    }

    /// One pass of the jobs' draws of sessions whose applications closed.
    pub async fn run_talk_draws(&self) -> usize {
        let now = self.clock.now();
        self.state
            .db
            .write(move |c| onestop_api::app::talks::draw::run_once(c, now))
            .await
            .unwrap()
    }

    /// One pass of the job that closes the dorm evaluation of the month just ended.
    pub async fn run_month_close(&self) -> bool {
        let now = self.clock.now();
        self.state
            .db
            .write(move |c| onestop_api::app::inspection::evaluate::close_due(c, now))
            .await
            .unwrap()
    }

    /// The campus date on the test clock.
    pub fn today(&self) -> chrono::NaiveDate {
        onestop_domain::grid::local_date(self.clock.now())
    }

    /// One round of webhook delivery at the test clock's time: how many were sent.
    pub async fn deliver_webhooks(&self) -> usize {
        onestop_api::deliveries::run_once(&self.state)
            .await
            .unwrap()
    }

    /// One pass of the deadline watch at the test clock's time.
    pub async fn run_deadline_watch(&self) -> usize {
        let now = self.clock.now();
        self.state
            .db
            .write(move |c| onestop_api::app::service::escalation::run_once(c, now))
            .await
            .unwrap()
    }
}
