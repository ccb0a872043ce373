//! The grid API: nodes, posts, residency, service item lists, meetings, and
//! CSV import/export. Every handler takes a [`GridActor`], whose scope goes
//! into the queries; ids outside it answer 404.

pub mod buildings;
pub mod duties;
pub mod meetings;
pub mod nodes;
pub mod posts;
pub mod residency;
pub mod transfer;
pub mod vacancies;

use crate::auth::AuthUser;
use crate::db::repo::grid::posts as post_repo;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use chrono::NaiveDate;
use onestop_domain::grid::{local_date, GridAction, Scope};
use std::future::Future;
use std::pin::Pin;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.configure(nodes::routes)
        .configure(buildings::routes)
        .configure(posts::routes)
        .configure(residency::routes)
        .configure(duties::routes)
        .configure(meetings::routes)
        .configure(transfer::routes)
        .configure(vacancies::routes);
}

/// A signed-in user with the grid scope of their active posts.
#[derive(Debug, Clone)]
pub struct GridActor {
    pub user: AuthUser,
    pub scope: Scope,
    pub today: NaiveDate,
}

impl GridActor {
    /// 403 unless the person's roles allow the action at all.
    pub fn require(&self, action: GridAction) -> Result<(), ApiError> {
        if action.allowed(&self.user.roles) {
            Ok(())
        } else {
            Err(ApiError::Forbidden {
                detail: match action {
                    GridAction::Read => "only staff and grid members can read the grid".into(),
                    GridAction::Import => "only administrators can import rosters".into(),
                    _ => "your role does not allow this change to the grid".into(),
                },
            })
        }
    }
}

impl GridActor {
    /// 403 unless the action is allowed and the person's scope is the whole
    /// grid: for school-wide changes such as the service item lists.
    pub fn require_school_wide(&self, action: GridAction) -> Result<(), ApiError> {
        self.require(action)?;
        if action.allowed_school_wide(&self.user.roles, &self.scope) {
            Ok(())
        } else {
            Err(ApiError::Forbidden {
                detail: "this change binds the whole school; only someone whose grid scope covers every community (the administrators) may make it".into(),
            })
        }
    }
}

impl FromRequest for GridActor {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = AuthUser::from_request(req, payload);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let user = user.await?;
            let state = state.ok_or_else(|| ApiError::internal("AppState missing"))?;
            let today = local_date(state.clock.now());
            let (uid, roles) = (user.id.to_string(), user.roles.clone());
            let scope = state
                .db
                .read(move |c| -> Result<Scope, ApiError> {
                    let posts = post_repo::active_for_user(c, &uid, today)?;
                    Ok(Scope::of(&roles, &posts))
                })
                .await?;
            Ok(GridActor { user, scope, today })
        })
    }
}
