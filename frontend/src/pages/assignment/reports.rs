//! Progress reports on an assignment: the unit files one a month (with
//! evidence); the lead unit or an admin comments, accepts or sends it back.

use crate::components::file_link::FileLink;
use crate::ctx::Ctx;
use crate::format::{today, when};
use crate::forms::{code_of, enum_of, field_error, read_files, FormState};
use crate::labels;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_domain::reform::period::Period;
use onestop_domain::reform::progress::{ReportStatus, ReviewState, Verdict};
use onestop_domain::reform::wire::{
    AssignmentDetail, NewReportRequest, NewReviewRequest, ReportView,
};
use uuid::Uuid;
use wasm_bindgen::JsCast;

#[component]
pub fn Reports(
    detail: AssignmentDetail,
    notice: RwSignal<Option<String>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let empty = detail.reports.is_empty();
    let (can_review, can_report) = (detail.can_review, detail.can_report);
    let latest = detail.assignment.percent;
    view! {
        <section class="card" aria-labelledby="reports-title">
            <h2 id="reports-title">{move || t().reports}</h2>
            {detail.can_report.then(|| view! { <FileReport assignment=detail.assignment.id percent=latest notice=notice on_change=on_change/> })}
            <p class="form-error note" role="alert">{move || notice.get()}</p>
            {empty.then(|| view! { <p class="muted">{move || t().no_reports}</p> })}
            {detail.reports.into_iter().map(|r| view! { <ReportCard report=r can_review=can_review can_report=can_report notice=notice on_change=on_change/> }).collect_view()}
        </section>
    }
}

/// This month and the two before it: a late report names its month.
fn periods() -> Vec<String> {
    let now = Period::of(today());
    vec![now, now.prev(), now.prev().prev()]
        .into_iter()
        .map(|p| p.to_string())
        .collect()
}

#[component]
fn FileReport(
    assignment: Uuid,
    percent: i32,
    notice: RwSignal<Option<String>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let lang = move || ctx.lang.get();
    let options = periods();
    let period = RwSignal::new(options[0].clone());
    let status = RwSignal::new(code_of(&ReportStatus::OnTrack));
    let pct = RwSignal::new(percent.to_string());
    let text = RwSignal::new(String::new());
    let files = NodeRef::<Input>::new();
    let form = FormState::new();
    let errors = form.errors;
    // Done means all of it: save the person a correction.
    Effect::new(move |_| {
        if enum_of::<ReportStatus>(&status.get()) == Some(ReportStatus::Done) {
            pct.set("100".into());
        }
    });
    let file = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(percent) = pct.get_untracked().trim().parse::<i32>() else {
            return form.refuse("percent", t().err_required);
        };
        let body = NewReportRequest {
            period: period.get_untracked(),
            status: enum_of(&status.get_untracked()).unwrap_or(ReportStatus::OnTrack),
            percent,
            text: text.get_untracked(),
        };
        if !form.begin() {
            return;
        }
        let input = files.get_untracked();
        spawn_local(async move {
            let chosen = match &input {
                Some(i) => read_files(i.unchecked_ref()).await,
                None => Vec::new(),
            };
            let filed = ctx
                .call(|c| {
                    let body = body.clone();
                    async move { c.file_report(assignment, &body).await }
                })
                .await;
            match filed {
                Ok(report) => {
                    let failed = upload_evidence(ctx, report.id, chosen).await;
                    form.pending.set(false);
                    // The report stands either way; the page says which files to add again.
                    notice.set(failed);
                    on_change.run(());
                }
                Err(e) => form.fail(ctx, &e),
            }
        });
    };
    view! {
        <details class="file-report">
            <summary>{move || t().file_report}</summary>
            <form on:submit=file>
                <label for="period">{move || t().period}</label>
                <select id="period" on:change=move |ev| period.set(event_target_value(&ev)) prop:value=move || period.get()
                    aria-invalid=errors.invalid("period") aria-describedby="period-error">
                    {options.into_iter().map(|p| view! { <option value=p.clone()>{p.clone()}</option> }).collect_view()}
                </select>
                {field_error("period", errors)}
                <label for="status">{move || t().report_status}</label>
                <select id="status" on:change=move |ev| status.set(event_target_value(&ev)) prop:value=move || status.get()>
                    {ReportStatus::ALL.iter().map(|s| { let s = *s; view! { <option value=code_of(&s)>{move || labels::report_status(lang(), s)}</option> } }).collect_view()}
                </select>
                <label for="percent">{move || t().percent}</label>
                <input id="percent" type="number" min="0" max="100" inputmode="numeric" bind:value=pct
                    aria-invalid=errors.invalid("percent") aria-describedby="percent-error"/>
                {field_error("percent", errors)}
                <label for="text">{move || t().report_text}</label>
                <textarea id="text" rows="5" bind:value=text aria-invalid=errors.invalid("text") aria-describedby="text-error"></textarea>
                {field_error("text", errors)}
                <label for="evidence">{move || t().evidence}</label>
                <input id="evidence" type="file" multiple accept="image/*,application/pdf" node_ref=files aria-describedby="evidence-hint"/>
                <p id="evidence-hint" class="muted small">{move || t().evidence_hint}</p>
                <p class="form-error" role="alert">{move || form.error.get()}</p>
                <button type="submit" class="primary" disabled=move || form.pending.get()>
                    {move || if form.pending.get() { t().submitting } else { t().submit }}
                </button>
            </form>
        </details>
    }
}

/// Attach each file to a report; the failures, one sentence per file, or None.
async fn upload_evidence(ctx: Ctx, report: Uuid, files: Vec<(String, Vec<u8>)>) -> Option<String> {
    let mut failed = Vec::new();
    for (name, bytes) in files {
        let up = ctx
            .call(|c| {
                let (name, bytes) = (name.clone(), bytes.clone());
                async move { c.upload_evidence(report, &name, bytes).await }
            })
            .await;
        if let Err(e) = up {
            failed.push(format!("{name}: {}", ctx.say(&e)));
        }
    }
    (!failed.is_empty()).then(|| failed.join("\n"))
}

/// More evidence for a report still awaiting review.
#[component]
fn AddEvidence(
    report: Uuid,
    notice: RwSignal<Option<String>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let files = NodeRef::<Input>::new();
    let pending = RwSignal::new(false);
    let id = format!("more-evidence-{report}");
    let add = move |_| {
        let Some(input) = files.get_untracked() else {
            return;
        };
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        spawn_local(async move {
            let chosen = read_files(input.unchecked_ref()).await;
            notice.set(upload_evidence(ctx, report, chosen).await);
            pending.set(false);
            on_change.run(());
        });
    };
    view! {
        <label for=id.clone() class="small">{move || ctx.t().add_evidence}</label>
        <input id=id type="file" multiple accept="image/*,application/pdf" node_ref=files
            on:change=add disabled=move || pending.get()/>
    }
}

#[component]
fn ReportCard(
    report: ReportView,
    can_review: bool,
    can_report: bool,
    notice: RwSignal<Option<String>>,
    on_change: Callback<()>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let lang = move || ctx.lang.get();
    let (status, state) = (report.status, report.review_state);
    let pending = state == ReviewState::Pending;
    view! {
        <article class="report" class:returned=state == ReviewState::Returned>
            <h3>{report.period.clone()}" · "{move || labels::report_status(lang(), status)}" · "{report.percent}"%"
                " "<span class=format!("state review-{}", state.as_str())>{move || labels::review_state(lang(), state)}</span></h3>
            <p class="note">{report.text.clone()}</p>
            <p class="meta">{move || t().filed_by}" "{report.filed_by.display_name.clone()}" · "{when(report.filed_at)}</p>
            {(!report.evidence.is_empty()).then(|| view! {
                <ul class="plain files">{report.evidence.iter().map(|e| view! { <li><FileLink path=format!("/api/v1/reports/{}/evidence/{}", e.report_id, e.id) filename=e.filename.clone() size=e.size/></li> }).collect_view()}</ul>
            })}
            {(!report.reviews.is_empty()).then(|| view! {
                <ol class="timeline">{report.reviews.iter().map(|r| {
                    let v = r.verdict;
                    view! {
                        <li>
                            <span class="meta">{when(r.at)}" · "{r.reviewer.display_name.clone()}</span>
                            <span>{move || labels::verdict(lang(), v)}</span>
                            {(!r.text.is_empty()).then(|| view! { <p class="note">{r.text.clone()}</p> })}
                        </li>
                    }
                }).collect_view()}</ol>
            })}
            {(can_report && pending).then(|| view! { <AddEvidence report=report.id notice=notice on_change=on_change/> })}
            {can_review.then(|| view! { <ReviewForm report=report.id settled=!pending on_change=on_change/> })}
        </article>
    }
}

#[component]
fn ReviewForm(report: Uuid, settled: bool, on_change: Callback<()>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let lang = move || ctx.lang.get();
    // A settled report takes comments only.
    let verdicts: &'static [Verdict] = if settled {
        &[Verdict::Comment]
    } else {
        &Verdict::ALL
    };
    let verdict = RwSignal::new(Verdict::Comment);
    let text = RwSignal::new(String::new());
    let form = FormState::new();
    let errors = form.errors;
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = NewReviewRequest {
            verdict: verdict.get_untracked(),
            text: text.get_untracked(),
        };
        form.send(
            ctx,
            move |c| {
                let body = body.clone();
                async move { c.review_report(report, &body).await }
            },
            move |_| on_change.run(()),
        );
    };
    let text_id = format!("review-{report}");
    view! {
        <details class="review">
            <summary>{move || t().review}</summary>
            <form on:submit=send>
                <fieldset class="verdicts">
                    <legend>{move || t().review}</legend>
                    {verdicts.iter().map(|v| { let v = *v; view! {
                        <label><input type="radio" name=format!("verdict-{report}") value=v.as_str()
                            prop:checked=move || verdict.get() == v on:change=move |_| verdict.set(v)/>
                            {move || labels::verdict(lang(), v)}</label>
                    }}).collect_view()}
                </fieldset>
                <label for=text_id.clone()>{move || t().review_text}</label>
                <textarea id=text_id.clone() rows="2" bind:value=text aria-invalid=errors.invalid("text")></textarea>
                <p class="field-error">{errors.message("text")}</p>
                <p class="form-error" role="alert">{move || form.error.get()}</p>
                <button type="submit" class="primary" disabled=move || form.pending.get()>{move || t().send_review}</button>
            </form>
        </details>
    }
}
