//! The assignment's head: the task and part, the unit's role, who answers for
//! it and by when (editable by the unit's staff), where it stands, and the
//! other units on the same part.

use crate::ctx::Ctx;
use crate::forms::{field_error, FormState};
use crate::labels;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use onestop_domain::grid::wire::PersonRef;
use onestop_domain::reform::wire::{AssignmentDetail, UpdateAssignmentRequest};
use onestop_domain::UserId;

#[component]
pub fn Summary(detail: AssignmentDetail, on_saved: Callback<AssignmentDetail>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let lang = move || ctx.lang.get();
    let a = detail.assignment.clone();
    let editing = RwSignal::new(false);
    let title = move || {
        if lang() == crate::i18n::Lang::Zh {
            a.task_title_zh.clone()
        } else {
            a.task_title_en.clone()
        }
    };
    let a = detail.assignment.clone();
    let (unit, role) = (a.unit.clone(), a.role);
    let responsible = a.responsible.as_ref().map(|p| p.display_name.clone());
    let status = a.status;
    let review = a.review_state;
    let flags = (a.late, a.silent, a.overdue_milestones);
    let here = a.id;
    let part_units = detail.part_units.clone();
    let can_edit = detail.can_edit;
    view! {
        <section class="card" aria-labelledby="asg-title">
            <p class="muted"><A href="/plan">{move || t().nav_plan}</A>" › #"{a.task_no}</p>
            <h1 id="asg-title">{title}</h1>
            <p>{a.part_summary_zh.clone()}</p>
            <dl class="facts">
                <dt>{move || t().unit}</dt>
                <dd>{move || labels::unit(lang(), &unit)}" · "{move || labels::unit_role(lang(), role)}</dd>
                <dt>{move || t().responsible}</dt>
                <dd>{responsible.unwrap_or_else(|| "—".into())}</dd>
                <dt>{move || t().due_on}</dt>
                <dd>{a.due_on.map(|d| d.to_string()).unwrap_or_else(|| "—".into())}
                    {flags.0.then(|| view! { " " <strong class="late">{move || t().late}</strong> })}</dd>
                <dt>{move || t().progress}</dt>
                <dd><progress max="100" value=a.percent></progress>" "{a.percent}"%"
                    {status.map(|s| view! { " · " {move || labels::report_status(lang(), s)} })}
                    {review.map(|r| view! { " · " {move || labels::review_state(lang(), r)} })}</dd>
                <dt>{move || t().latest_report}</dt>
                <dd>{a.last_period.clone().unwrap_or_else(|| "—".into())}" · "
                    {move || if a.reported_this_period { t().reported_this_period } else { t().not_reported_this_period }}
                    {flags.1.then(|| view! { " · " <strong class="late">{move || labels::reform_event(lang(), onestop_domain::reform::wire::ReformEventKind::Silent)}</strong> })}</dd>
                <dt>{move || t().overdue_milestones}</dt>
                <dd class:late=flags.2 != 0>{flags.2}</dd>
            </dl>
            {can_edit.then(|| view! {
                <button type="button" hidden=move || editing.get() on:click=move |_| editing.set(true)>{move || t().edit}</button>
            })}
            <Show when=move || editing.get()>
                <EditForm detail=detail.clone() on_saved=on_saved editing=editing/>
            </Show>
            <h2>{move || t().part_units}</h2>
            <ul class="plain">
                {part_units.iter().map(|u| {
                    let (unit, role) = (u.unit.clone(), u.role);
                    let here = u.assignment_id == here;
                    view! {
                        <li>
                            <A href=format!("/assignments/{}", u.assignment_id) attr:aria-current=here.then_some("page")>
                                {move || labels::unit(lang(), &unit)}
                            </A>
                            " · "{move || labels::unit_role(lang(), role)}
                            {u.due_on.map(|d| format!(" · {d}"))}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn EditForm(
    detail: AssignmentDetail,
    on_saved: Callback<AssignmentDetail>,
    editing: RwSignal<bool>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let a = detail.assignment;
    let responsible = RwSignal::new(
        a.responsible
            .as_ref()
            .map(|p| p.id.to_string())
            .unwrap_or_default(),
    );
    let due = RwSignal::new(a.due_on.map(|d| d.to_string()).unwrap_or_default());
    let people = RwSignal::new(
        a.responsible
            .clone()
            .into_iter()
            .collect::<Vec<PersonRef>>(),
    );
    let form = FormState::new();
    let errors = form.errors;
    let unit = a.unit.code.clone();
    spawn_local(async move {
        match ctx
            .call(|c| {
                let unit = unit.clone();
                async move { c.unit_staff(&unit).await }
            })
            .await
        {
            Ok(p) => people.set(p),
            Err(e) => form.error.set(Some(ctx.say(&e))),
        }
    });
    let (id, version) = (a.id, a.version);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let due_on = match due.get_untracked().trim() {
            "" => None,
            d => match d.parse() {
                Ok(d) => Some(d),
                Err(_) => return form.refuse("due_on", t().err_date),
            },
        };
        let body = UpdateAssignmentRequest {
            version,
            responsible_id: responsible.get_untracked().parse::<UserId>().ok(),
            due_on,
        };
        form.send(
            ctx,
            move |c| {
                let body = body.clone();
                async move { c.update_assignment(id, &body).await }
            },
            move |d| {
                editing.set(false);
                on_saved.run(d);
            },
        );
    };
    view! {
        <form class="edit" on:submit=save>
            <label for="responsible_id">{move || t().responsible}</label>
            <select id="responsible_id" aria-invalid=errors.invalid("responsible_id") aria-describedby="responsible_id-error"
                on:change=move |ev| responsible.set(event_target_value(&ev)) prop:value=move || responsible.get()>
                <option value="">{move || t().not_set}</option>
                {move || people.get().into_iter().map(|p| { let id = p.id.to_string(); let mine = id.clone(); view! { <option value=id prop:selected=move || responsible.get() == mine>{p.display_name.clone()}</option> } }).collect_view()}
            </select>
            {field_error("responsible_id", errors)}
            <label for="due_on">{move || t().due_on}</label>
            <input id="due_on" type="date" bind:value=due aria-invalid=errors.invalid("due_on") aria-describedby="due_on-error"/>
            {field_error("due_on", errors)}
            <p class="form-error" role="alert">{move || form.error.get()}</p>
            <div class="buttons">
                <button type="submit" class="primary" disabled=move || form.pending.get()>{move || t().save}</button>
                <button type="button" on:click=move |_| editing.set(false)>{move || t().cancel}</button>
            </div>
        </form>
    }
}
