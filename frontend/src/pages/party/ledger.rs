//! A ledger as a page shows it: the membership, the year's totals by
//! category and semester, and every entry; for a secretary, each approved
//! entry can be corrected (a new entry, decided by the secretary above).

use crate::ctx::Ctx;
use crate::forms::{field_error_as, FormState};
use crate::i18n::party::{category, entry_state, standing, texts};
use crate::i18n::visits::period;
use leptos::prelude::*;
use onestop_domain::party::wire::{CorrectPointsRequest, LedgerView, PointEntryView};
use onestop_domain::party::EntryState;

pub fn rule_name(lang: crate::i18n::Lang, e: &PointEntryView) -> String {
    match lang {
        crate::i18n::Lang::Zh => e.rule.name_zh.clone(),
        crate::i18n::Lang::En if !e.rule.name_en.is_empty() => e.rule.name_en.clone(),
        crate::i18n::Lang::En => e.rule.name_zh.clone(),
    }
}

pub fn sheet(ctx: Ctx, l: LedgerView, correctable: bool, changed: RwSignal<u64>) -> impl IntoView {
    let lang = ctx.lang.get_untracked();
    let v = texts(lang);
    let membership = match l.membership.clone() {
        None => view! { <p class="muted">{v.not_member}</p> }.into_any(),
        Some(m) => {
            let rooms: Vec<_> = m.duty_rooms.iter().map(|r| r.name.clone()).collect();
            view! {
            <dl class="facts">
                <dt>{v.branch}</dt><dd data-testid="party-branch">{m.branch.name.clone()}</dd>
                <dt>{v.standing}</dt><dd>{standing(lang, m.standing)}</dd>
                {m.model_room.clone().map(|r| view! { <dt>{v.model_room}</dt><dd>{r.name}</dd> })}
                {(!rooms.is_empty()).then(|| view! { <dt>{v.duty_rooms}</dt><dd>{rooms.join("、")}</dd> })}
            </dl>
        }
        .into_any()
        }
    };
    let t = l.totals.clone();
    let sums = t
        .by_category
        .iter()
        .map(|c| format!("{} {}", category(lang, c.category), c.points))
        .collect::<Vec<_>>()
        .join(" · ");
    let semesters = t
        .by_semester
        .iter()
        .map(|s| format!("{} {}", period(lang, &s.semester), s.points))
        .collect::<Vec<_>>()
        .join(" · ");
    let entries = l.entries.clone();
    view! {
        {membership}
        <p class="totals"><strong data-testid="party-total">{v.approved_total}" "{t.approved}" "{v.points_unit}</strong>
            " · "{v.pending_total}" "{t.pending}" "{v.points_unit}</p>
        <p class="meta">{v.by_category}": "{sums}</p>
        <p class="meta">{v.by_semester}": "{semesters}</p>
        <h2>{v.entries}</h2>
        {entries.is_empty().then(|| view! { <p class="muted">{v.no_entries}</p> })}
        <div class="table-scroll">
            <table class="ledger">
                <thead><tr>
                    <th scope="col">{v.day}</th><th scope="col">{v.rule}</th><th scope="col" class="num">{v.points}</th>
                    <th scope="col">{v.state}</th><th scope="col">{v.note}</th>
                    {correctable.then(|| view! { <th scope="col"><span class="sr-only">{v.correct}</span></th> })}
                </tr></thead>
                <tbody>
                    {entries.into_iter().map(|e| entry_row(ctx, e, correctable, changed)).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn entry_row(
    ctx: Ctx,
    e: PointEntryView,
    correctable: bool,
    changed: RwSignal<u64>,
) -> impl IntoView {
    let lang = ctx.lang.get_untracked();
    let v = texts(lang);
    let mut note = e.note.clone();
    if e.proposer.is_none() && e.activity_id.is_some() && e.corrects.is_none() {
        note = format!("{note}（{}）", v.from_attendance);
    }
    if e.corrects.is_some() {
        note = format!("{}：{note}", v.correction_of);
    }
    if !e.decision_note.is_empty() {
        note = format!("{note} — {}", e.decision_note);
    }
    let may_correct = correctable && e.state == EntryState::Approved && e.corrects.is_none();
    view! {
        <tr>
            <td>{e.occurred_on.to_string()}</td>
            <td>{rule_name(lang, &e)}</td>
            <td class="num">{format!("{:+}", e.points)}</td>
            <td>{entry_state(lang, e.state)}</td>
            <td>{note}</td>
            {correctable.then(|| view! { <td>{may_correct.then(|| view! { <CorrectForm entry=e.clone() changed=changed/> })}</td> })}
        </tr>
    }
}

#[component]
fn CorrectForm(entry: PointEntryView, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let open = RwSignal::new(false);
    let points = RwSignal::new(entry.points.to_string());
    let note = RwSignal::new(String::new());
    let state = FormState::new();
    let id = entry.id;
    let (points_id, note_id) = (format!("fix-points-{id}"), format!("fix-note-{id}"));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(p) = points.get_untracked().trim().parse::<i32>() else {
            state.refuse("points", ctx.t().err_required);
            return;
        };
        let req = CorrectPointsRequest {
            points: p,
            note: note.get_untracked(),
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.correct_points(id, &req).await }
            },
            move |_| changed.update(|n| *n += 1),
        );
    };
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <button type="button" class="link" on:click=move |_| open.set(true)>{move || v().correct}</button>
        }>
            <form class="inline-form" on:submit=submit novalidate>
                <p class="muted">{move || v().correct_hint}</p>
                <label for=points_id.clone()>{move || v().correct_to}</label>
                <input id=points_id.clone() type="number" min="-500" max="500" inputmode="numeric" bind:value=points/>
                {field_error_as("fix-points", "points", state.errors)}
                <label for=note_id.clone()>{move || v().note}</label>
                <input id=note_id.clone() type="text" maxlength="500" bind:value=note/>
                {field_error_as("fix-note", "note", state.errors)}
                <p class="form-error" role="alert">{move || state.error.get()}</p>
                <button type="submit" disabled=move || state.pending.get()>{move || v().correct}</button>
            </form>
        </Show>
    }
}
