//! User management (admins): find people by name, number, role or unit; create
//! accounts; change a person's name, roles or active flag; reset a password;
//! and the connected systems (service accounts) and event push (webhooks) below.

mod create;
mod edit;
mod systems;
mod webhooks;

use crate::components::status_line;
use crate::ctx::Ctx;
use crate::forms::{code_of, enum_of};
use crate::labels;
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_client::UserListQuery;
use onestop_domain::unit::UnitView;
use onestop_domain::user::UserView;
use onestop_domain::Role;

#[component]
pub fn UsersPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let q = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let unit = RwSignal::new(String::new());
    let users = RwSignal::new(None::<Result<Vec<UserView>, String>>);
    let next = RwSignal::new(None::<String>);
    let units = RwSignal::new(Vec::<UnitView>::new());
    let selected = RwSignal::new(None::<UserView>);
    let creating = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);
    spawn_local(async move {
        // Without the units the filter and the form cannot offer them: say so.
        match ctx.call(|c| async move { c.units().await }).await {
            Ok(u) => units.set(u),
            Err(e) => notice.set(Some(ctx.say(&e))),
        }
    });
    let search = move |more: bool| {
        let query = UserListQuery {
            q: Some(q.get_untracked()).filter(|s| !s.trim().is_empty()),
            role: enum_of::<Role>(&role.get_untracked()),
            unit: Some(unit.get_untracked()).filter(|s| !s.is_empty()),
            limit: Some(50),
            cursor: if more { next.get_untracked() } else { None },
        };
        spawn_local(async move {
            let r = ctx
                .call(|c| {
                    let query = query.clone();
                    async move { c.list_users(&query).await }
                })
                .await;
            match r {
                Ok(page) => {
                    next.set(page.next_cursor);
                    if more {
                        users.update(|u| {
                            if let Some(Ok(list)) = u {
                                list.extend(page.items);
                            }
                        });
                    } else {
                        users.set(Some(Ok(page.items)));
                    }
                }
                Err(e) => users.set(Some(Err(ctx.say(&e)))),
            }
        });
    };
    search(false);
    // After a create or an edit: say so, close the panel and show the list as it now is.
    let done = Callback::new(move |message: &'static str| {
        notice.set(Some(message.to_owned()));
        selected.set(None);
        creating.set(false);
        search(false);
    });
    let t = move || ctx.t();
    let lang = move || ctx.lang.get();
    view! {
        <section class="card wide" aria-labelledby="users-title">
            <h1 id="users-title">{move || t().nav_users}</h1>
            <form class="filters" on:submit=move |ev| { ev.prevent_default(); search(false); }>
                <label>{move || t().search}" "<input id="q" type="search" bind:value=q/></label>
                <label>{move || t().roles}" "
                    <select id="role-filter" on:change=move |ev| { role.set(event_target_value(&ev)); search(false); } prop:value=move || role.get()>
                        <option value="">{move || t().all_roles}</option>
                        {Role::ALL.into_iter().map(|r| view! { <option value=code_of(&r)>{move || t().role(r)}</option> }).collect_view()}
                    </select>
                </label>
                <label>{move || t().unit}" "
                    <select id="unit-filter" on:change=move |ev| { unit.set(event_target_value(&ev)); search(false); } prop:value=move || unit.get()>
                        <option value="">{move || t().all_units}</option>
                        {move || units.get().into_iter().map(|u| { let code = u.code.clone(); view! { <option value=code>{labels::unit(lang(), &u)}</option> } }).collect_view()}
                    </select>
                </label>
                <button type="submit">{move || t().search}</button>
                <button type="button" class="primary" on:click=move |_| { creating.set(true); selected.set(None); notice.set(None); }>{move || t().new_user}</button>
            </form>
            <p class="notice" role="status">{move || notice.get()}</p>
            <Show when=move || creating.get()>
                <create::CreateUser units=units on_done=done on_cancel=Callback::new(move |_| creating.set(false))/>
            </Show>
            {move || selected.get().map(|u| view! {
                <edit::EditUser user=u on_done=done on_cancel=Callback::new(move |_| selected.set(None))/>
            })}
            {move || match users.get() {
                None => status_line(ctx, true, None).into_any(),
                Some(Err(e)) => status_line(ctx, false, Some(e)).into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{t().none_yet}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <div class="table-wrap"><table>
                        <thead><tr><th>{t().username_col}</th><th>{t().name_col}</th><th>{t().roles}</th><th>{t().unit}</th><th>{t().active}</th><th></th></tr></thead>
                        <tbody>
                            {list.into_iter().map(|u| {
                                let roles = u.roles.iter().map(|r| t().role(r)).collect::<Vec<_>>().join(" · ");
                                let unit = u.unit.as_ref().map(|x| labels::unit(lang(), x)).unwrap_or_default();
                                let active = u.active;
                                let (name, username) = (u.display_name.clone(), u.username.clone());
                                view! { <tr class:inactive=!active>
                                    <td>{username.clone()}</td><td>{name}</td><td>{roles}</td><td>{unit}</td>
                                    <td>{if active { t().active } else { t().inactive }}</td>
                                    <td><button type="button" class="link" aria-label=format!("{} {username}", t().edit)
                                        on:click=move |_| { creating.set(false); notice.set(None); selected.set(Some(u.clone())); }>{t().edit}</button></td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table></div>
                }.into_any(),
            }}
            <Show when=move || next.with(Option::is_some)>
                <button type="button" on:click=move |_| search(true)>{move || t().load_more}</button>
            </Show>
        </section>
        <systems::Systems units=units/>
        <webhooks::Webhooks/>
    }
}
