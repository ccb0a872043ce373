//! Straight SQL on a test server's database, for what the API does not show
//! (every timestamp column, the size of a table).

use crate::helpers::{Backend, TestApp};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::sql_types::{Nullable, Text, Timestamp};
use diesel::{Connection, PgConnection, QueryableByName, RunQueryDsl, SqliteConnection};

pub enum Raw {
    Pg(PgConnection),
    Sqlite(SqliteConnection),
}

#[derive(QueryableByName, Debug)]
struct Column {
    #[diesel(sql_type = Text)]
    tbl: String,
    #[diesel(sql_type = Text)]
    col: String,
}

#[derive(QueryableByName)]
struct Latest {
    #[diesel(sql_type = Nullable<Timestamp>)]
    latest: Option<NaiveDateTime>,
}

#[derive(QueryableByName)]
struct LatestDate {
    #[diesel(sql_type = Nullable<diesel::sql_types::Date>)]
    latest: Option<NaiveDate>,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

impl Raw {
    pub fn open(app: &TestApp) -> Self {
        match app.backend {
            Backend::Postgres => Raw::Pg(PgConnection::establish(&app.database_url).unwrap()),
            Backend::Sqlite => Raw::Sqlite(
                SqliteConnection::establish(app.database_url.trim_start_matches("sqlite://"))
                    .unwrap(),
            ),
        }
    }

    pub fn load<
        T: QueryableByName<diesel::pg::Pg> + QueryableByName<diesel::sqlite::Sqlite> + 'static,
    >(
        &mut self,
        sql: &str,
    ) -> Vec<T> {
        match self {
            Raw::Pg(c) => diesel::sql_query(sql).load(c).unwrap(),
            Raw::Sqlite(c) => diesel::sql_query(sql).load(c).unwrap(),
        }
    }

    pub fn timestamp_columns(&mut self) -> Vec<(String, String)> {
        let sql = match self {
            Raw::Pg(_) => {
                "SELECT table_name::text AS tbl, column_name::text AS col FROM information_schema.columns \
                 WHERE table_schema = 'public' AND data_type LIKE 'timestamp%'"
            }
            Raw::Sqlite(_) => {
                "SELECT m.name AS tbl, p.name AS col FROM sqlite_master m, pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND p.type = 'TIMESTAMP'"
            }
        };
        self.load::<Column>(sql)
            .into_iter()
            .filter(|c| c.tbl != "__diesel_schema_migrations")
            .map(|c| (c.tbl, c.col))
            .collect()
    }

    pub fn latest(&mut self, table: &str, column: &str) -> Option<NaiveDateTime> {
        let sql = format!("SELECT MAX({column}) AS latest FROM {table}");
        self.load::<Latest>(&sql).pop().and_then(|l| l.latest)
    }

    pub fn latest_date(&mut self, table: &str, column: &str) -> Option<NaiveDate> {
        let sql = format!("SELECT MAX({column}) AS latest FROM {table}");
        self.load::<LatestDate>(&sql).pop().and_then(|l| l.latest)
    }

    pub fn count(&mut self, table: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) AS n FROM {table}");
        self.load::<Count>(&sql).pop().map_or(0, |c| c.n)
    }

    /// Run one statement the database may refuse: the rows changed, or its error.
    pub fn try_execute(&mut self, sql: &str) -> Result<usize, String> {
        match self {
            Raw::Pg(c) => diesel::sql_query(sql).execute(c),
            Raw::Sqlite(c) => diesel::sql_query(sql).execute(c),
        }
        .map_err(|e| e.to_string())
    }

    /// Run one statement (to damage a row on purpose); returns the rows changed.
    pub fn execute(&mut self, sql: &str) -> usize {
        match self {
            Raw::Pg(c) => diesel::sql_query(sql).execute(c).unwrap(),
            Raw::Sqlite(c) => diesel::sql_query(sql).execute(c).unwrap(),
        }
    }

    /// The tables that have a column of this name.
    pub fn tables_with_column(&mut self, column: &str) -> Vec<String> {
        let sql = match self {
            Raw::Pg(_) => format!(
                "SELECT table_name::text AS tbl, column_name::text AS col FROM information_schema.columns \
                 WHERE table_schema = 'public' AND column_name = '{column}'"
            ),
            Raw::Sqlite(_) => format!(
                "SELECT m.name AS tbl, p.name AS col FROM sqlite_master m, pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND p.name = '{column}'"
            ),
        };
        self.load::<Column>(&sql)
            .into_iter()
            .map(|c| c.tbl)
            .collect()
    }
}
