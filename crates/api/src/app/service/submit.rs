//! Submitting a request once: a retry with the same `Idempotency-Key` and
//! form gets the first answer again and nothing is filed twice (the one
//! mechanism of `app/idempotency.rs`).

use super::views::view;
use super::{create, Actor};
use crate::app::idempotency::{once, Once};
use crate::app::AppResult;
use crate::db::DbConn;
use chrono::{DateTime, Utc};
use onestop_domain::service::wire::RequestView;
use onestop_domain::service::Form;

pub fn submit(
    c: &mut DbConn,
    actor: &Actor,
    form: Form,
    key: Option<&Once>,
    max_open: i64,
    now: DateTime<Utc>,
) -> AppResult<RequestView> {
    once(c, key, now, |c| {
        let row = create::create(c, actor, form, max_open, now)?;
        view(c, row)
    })
}
