//! A new account: username, name, first password, roles and unit; students
//! also get their number and gender (rooms are checked against it).

use super::edit::RolePicker;
use crate::ctx::Ctx;
use crate::forms::{enum_of, field_error, FormState};
use crate::labels;
use leptos::prelude::*;
use onestop_domain::grid::Gender;
use onestop_domain::unit::UnitView;
use onestop_domain::user::CreateUserRequest;
use onestop_domain::Role;

#[component]
pub fn CreateUser(
    units: RwSignal<Vec<UnitView>>,
    on_done: Callback<&'static str>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let lang = move || ctx.lang.get();
    let v = || RwSignal::new(String::new());
    let (username, name, password, unit, student_no, gender) = (v(), v(), v(), v(), v(), v());
    let roles = RwSignal::new(vec![Role::Student]);
    let form = FormState::new();
    let errors = form.errors;
    let is_student = move || roles.with(|r| r.contains(&Role::Student));
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if roles.with_untracked(Vec::is_empty) {
            return form.refuse("roles", t().pick_role);
        }
        let student = is_student();
        let body = CreateUserRequest {
            username: username.get_untracked().trim().to_owned(),
            display_name: name.get_untracked(),
            password: password.get_untracked(),
            roles: roles.get_untracked(),
            unit: Some(unit.get_untracked()).filter(|u| !u.is_empty()),
            student_no: Some(student_no.get_untracked().trim().to_owned())
                .filter(|s| student && !s.is_empty()),
            gender: if student {
                enum_of::<Gender>(&gender.get_untracked())
            } else {
                None
            },
        };
        form.send(
            ctx,
            move |c| {
                let body = body.clone();
                async move { c.create_user(&body).await }
            },
            move |_| on_done.run(ctx.t().account_created),
        );
    };
    let input = move |id: &'static str,
                      label: &'static str,
                      sig: RwSignal<String>,
                      kind: &'static str| {
        view! {
            <label for=id>{label}</label>
            <input id=id type=kind bind:value=sig autocomplete="off" aria-invalid=errors.invalid(id) aria-describedby=format!("{id}-error")/>
            {field_error(id, errors)}
        }
    };
    view! {
        <form class="panel" on:submit=create aria-labelledby="new-user-title">
            <h2 id="new-user-title">{move || t().new_user}</h2>
            {move || input("username", t().username, username, "text")}
            {move || input("display_name", t().display_name, name, "text")}
            {move || input("password", t().initial_password, password, "password")}
            <RolePicker roles=roles errors=errors/>
            <label for="unit">{move || t().unit}</label>
            <select id="unit" on:change=move |ev| unit.set(event_target_value(&ev)) prop:value=move || unit.get()
                aria-invalid=errors.invalid("unit") aria-describedby="unit-error">
                <option value="">"—"</option>
                {move || units.get().into_iter().map(|u| { let code = u.code.clone(); view! { <option value=code>{labels::unit(lang(), &u)}</option> } }).collect_view()}
            </select>
            {field_error("unit", errors)}
            <Show when=is_student>
                {input("student_no", t().student_no, student_no, "text")}
                <label for="gender">{move || t().gender}</label>
                <select id="gender" on:change=move |ev| gender.set(event_target_value(&ev)) prop:value=move || gender.get()>
                    <option value="">{move || t().unspecified}</option>
                    <option value="male">{move || t().male}</option>
                    <option value="female">{move || t().female}</option>
                </select>
            </Show>
            <p class="form-error" role="alert">{move || form.error.get()}</p>
            <div class="buttons">
                <button type="submit" class="primary" disabled=move || form.pending.get()>{move || t().create_account}</button>
                <button type="button" on:click=move |_| on_cancel.run(())>{move || t().cancel}</button>
            </div>
        </form>
    }
}
