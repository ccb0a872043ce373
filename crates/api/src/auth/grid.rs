//! The grid actor: a signed-in user with the grid scope of their active
//! posts, read once per request; handlers of every area that touch the grid
//! take it, and the scope goes into their queries.

use super::AuthUser;
use crate::app::AppError;
use crate::db::repo::grid::posts as post_repo;
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use chrono::NaiveDate;
use onestop_domain::grid::{local_date, GridAction, Scope};
use std::future::Future;
use std::pin::Pin;

/// A signed-in user with the grid scope of their active posts.
#[derive(Debug, Clone)]
pub struct GridActor {
    pub user: AuthUser,
    pub scope: Scope,
    pub today: NaiveDate,
}

impl GridActor {
    /// 403 unless the person's roles allow the action at all.
    pub fn require(&self, action: GridAction) -> Result<(), AppError> {
        if action.allowed(&self.user.roles) {
            Ok(())
        } else {
            Err(AppError::Forbidden {
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
    pub fn require_school_wide(&self, action: GridAction) -> Result<(), AppError> {
        self.require(action)?;
        if action.allowed_school_wide(&self.user.roles, &self.scope) {
            Ok(())
        } else {
            Err(AppError::Forbidden {
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
            let (uid, roles) = (user.id, user.roles.clone());
            let scope = state
                .db
                .read(move |c| -> Result<Scope, ApiError> {
                    let posts = post_repo::active_for_user(c, uid, today)?;
                    Ok(Scope::of(&roles, &posts))
                })
                .await?;
            Ok(GridActor { user, scope, today })
        })
    }
}
