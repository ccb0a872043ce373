//! User management (admins): find people by name or number, see roles and units,
//! activate or deactivate an account.

use crate::app::Ctx;
use crate::labels;
use crate::pages::status_line;
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_client::UserListQuery;
use onestop_domain::user::{UpdateUserRequest, UserView};

#[component]
pub fn UsersPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let q = RwSignal::new(String::new());
    let users = RwSignal::new(None::<Result<Vec<UserView>, String>>);
    let search = move || {
        let query = UserListQuery {
            q: Some(q.get_untracked()).filter(|s| !s.trim().is_empty()),
            limit: Some(50),
            ..Default::default()
        };
        spawn_local(async move {
            let r = ctx
                .call(|c| {
                    let query = query.clone();
                    async move { c.list_users(&query).await }
                })
                .await;
            users.set(Some(r.map(|p| p.items).map_err(|e| ctx.say(&e))));
        });
    };
    search();
    let toggle = move |u: UserView| {
        let body = UpdateUserRequest {
            active: Some(!u.active),
            ..Default::default()
        };
        spawn_local(async move {
            let r = ctx
                .call(|c| {
                    let body = body.clone();
                    async move { c.update_user(u.id, &body).await }
                })
                .await;
            match r {
                Ok(_) => search(),
                Err(e) => users.set(Some(Err(ctx.say(&e)))),
            }
        });
    };
    let t = move || ctx.t();
    view! {
        <section class="card wide" aria-labelledby="users-title">
            <h1 id="users-title">{move || t().nav_users}</h1>
            <form class="inline" on:submit=move |ev| { ev.prevent_default(); search(); }>
                <label for="q">{move || t().search}</label>
                <input id="q" type="search" bind:value=q/>
                <button type="submit">{move || t().search}</button>
            </form>
            {move || match users.get() {
                None => status_line(ctx, true, None).into_any(),
                Some(Err(e)) => status_line(ctx, false, Some(e)).into_any(),
                Some(Ok(list)) => view! {
                    <div class="table-wrap"><table>
                        <thead><tr><th>{t().username_col}</th><th>{t().name_col}</th><th>{t().roles}</th><th>{t().unit}</th><th>{t().active}</th></tr></thead>
                        <tbody>
                            {list.into_iter().map(|u| {
                                let roles = u.roles.iter().map(|r| t().role(r)).collect::<Vec<_>>().join(" · ");
                                let u2 = u.clone();
                                view! { <tr>
                                    <td>{u.username.clone()}</td><td>{u.display_name.clone()}</td><td>{roles}</td>
                                    <td>{u.unit.as_ref().map(|x| labels::unit(ctx.lang.get(), x)).unwrap_or_default()}</td>
                                    <td><button type="button" on:click=move |_| toggle(u2.clone())>{if u.active { t().active } else { t().inactive }}</button></td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any(),
            }}
        </section>
    }
}
