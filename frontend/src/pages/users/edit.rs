//! One account: its name, roles and active flag, and a new password for
//! someone who lost theirs. Changing roles or deactivating ends its sessions.

use crate::ctx::Ctx;
use crate::forms::{field_error, FieldErrors, FormState};
use leptos::prelude::*;
use onestop_domain::user::{ResetPasswordRequest, UpdateUserRequest, UserView};
use onestop_domain::Role;

/// A checkbox per role, for the create and edit forms.
#[component]
pub fn RolePicker(roles: RwSignal<Vec<Role>>, errors: FieldErrors) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    view! {
        <fieldset class="roles" aria-describedby="roles-error">
            <legend>{move || t().roles}</legend>
            {Role::ALL.into_iter().map(|r| view! {
                <label><input type="checkbox" value=r.as_str()
                    prop:checked=move || roles.with(|rs| rs.contains(&r))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        roles.update(|rs| {
                            rs.retain(|x| *x != r);
                            if on { rs.push(r); }
                        });
                    }/>{move || t().role(r)}</label>
            }).collect_view()}
        </fieldset>
        {field_error("roles", errors)}
    }
}

#[component]
pub fn EditUser(
    user: UserView,
    on_done: Callback<&'static str>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let name = RwSignal::new(user.display_name.clone());
    let roles = RwSignal::new(user.roles.iter().collect::<Vec<_>>());
    let active = RwSignal::new(user.active);
    let password = RwSignal::new(String::new());
    let form = FormState::new();
    let errors = form.errors;
    let id = user.id;
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if roles.with_untracked(Vec::is_empty) {
            return form.refuse("roles", t().pick_role);
        }
        let body = UpdateUserRequest {
            display_name: Some(name.get_untracked()),
            roles: Some(roles.get_untracked()),
            active: Some(active.get_untracked()),
        };
        form.send(
            ctx,
            move |c| {
                let body = body.clone();
                async move { c.update_user(id, &body).await }
            },
            move |_| on_done.run(ctx.t().account_saved),
        );
    };
    let reset = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = ResetPasswordRequest {
            password: password.get_untracked(),
        };
        form.send(
            ctx,
            move |c| {
                let body = body.clone();
                async move { c.reset_password(id, &body).await }
            },
            move |()| on_done.run(ctx.t().password_was_reset),
        );
    };
    view! {
        <div class="panel" role="group" aria-labelledby="edit-user-title">
            <h2 id="edit-user-title">{move || t().edit_account}" · "{user.username.clone()}</h2>
            <form on:submit=save>
                <label for="edit-name">{move || t().display_name}</label>
                <input id="edit-name" bind:value=name aria-invalid=errors.invalid("display_name") aria-describedby="display_name-error"/>
                {field_error("display_name", errors)}
                <RolePicker roles=roles errors=errors/>
                <label class="check"><input id="edit-active" type="checkbox" bind:checked=active/>{move || t().account_active}</label>
                <div class="buttons">
                    <button type="submit" class="primary" disabled=move || form.pending.get()>{move || t().save}</button>
                    <button type="button" on:click=move |_| on_cancel.run(())>{move || t().cancel}</button>
                </div>
            </form>
            <form on:submit=reset>
                <label for="new-password">{move || t().new_password}</label>
                <input id="new-password" type="password" autocomplete="new-password" bind:value=password
                    aria-invalid=errors.invalid("password") aria-describedby="password-error"/>
                {field_error("password", errors)}
                <button type="submit" disabled=move || form.pending.get()>{move || t().reset_password}</button>
            </form>
            <p class="form-error" role="alert">{move || form.error.get()}</p>
        </div>
    }
}
