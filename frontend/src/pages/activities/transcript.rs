//! The 第二课堂成绩单: the student's lines by semester with the sums by 五育
//! category, printable (A4, see style.css) and issued under a code as a PDF;
//! and the public page anyone opens to confirm a code, signed in or not.

use crate::components::{api_resource, Loaded};
use crate::ctx::{api, Ctx};
use crate::format::when;
use crate::forms::{save_download, FormState};
use crate::i18n::activities::{category, texts};
use crate::i18n::visits::period;
use crate::i18n::Lang;
use crate::labels;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use onestop_domain::growth::transcript::{
    CategoryHours, IssuedTranscript, TranscriptView, VerifiedTranscript,
};

fn sums(lang: Lang, hours: &[CategoryHours]) -> String {
    hours
        .iter()
        .map(|h| format!("{} {}", category(lang, h.category), h.hours))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn sheet(ctx: Ctx, t: TranscriptView) -> impl IntoView {
    let lang = ctx.lang.get_untracked();
    let v = texts(lang);
    let unit = t
        .unit
        .as_ref()
        .map(|u| labels::unit(lang, u))
        .unwrap_or_default();
    let semesters = t.semesters.clone();
    let lines = t.lines.clone();
    view! {
        <p class="meta">{[Some(t.student.display_name.clone()), t.student_no.clone(), (!unit.is_empty()).then_some(unit)]
            .into_iter().flatten().collect::<Vec<_>>().join(" · ")}</p>
        {lines.is_empty().then(|| view! { <p class="muted">{v.no_lines}</p> })}
        {semesters.into_iter().map(|s| {
            let rows: Vec<_> = lines.iter().filter(|l| l.semester == s.semester).cloned().collect();
            view! {
                <table class="transcript">
                    <caption>{period(lang, &s.semester)}</caption>
                    <thead><tr><th scope="col">{v.day}</th><th scope="col">{v.activity_title}</th><th scope="col">{v.category}</th><th scope="col" class="num">{v.hours}</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|l| view! {
                            <tr><td>{l.on.to_string()}</td><td><A href=format!("/activities/{}", l.activity_id)>{l.title}</A></td>
                                <td>{category(lang, l.category)}</td><td class="num">{l.hours}</td></tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr><th scope="row" colspan="3">{v.semester_total}" · "{sums(lang, &s.by_category)}</th><td class="num">{s.hours}</td></tr></tfoot>
                </table>
            }
        }).collect_view()}
        <p class="totals" data-testid="total"><strong>{v.total}" "{t.hours}" "{v.hours_unit}</strong>" · "{sums(lang, &t.totals)}</p>
    }
}

/// The issued copy: its code, the public page and the PDF.
fn issued_line(ctx: Ctx, i: IssuedTranscript) -> impl IntoView {
    let v = texts(ctx.lang.get_untracked());
    let failed = RwSignal::new(None::<String>);
    let path = format!("/api/v1/me/transcript/issues/{}/pdf", i.code);
    let filename = format!("transcript-{}.pdf", i.code);
    let download = move |_| {
        let (path, filename) = (path.clone(), filename.clone());
        spawn_local(async move {
            failed.set(save_download(ctx, path, filename).await.err());
        });
    };
    view! {
        <div class="issued" role="status">
            <p>{v.issued}" "<strong data-testid="verify-code">{i.code.clone()}</strong>" · "{when(i.issued_at)}</p>
            <p class="actions">
                <button type="button" class="primary" on:click=download data-testid="download-pdf">{v.download_pdf}</button>
                <A href=i.verify_path.clone()>{v.verify_link}</A>
            </p>
            <p class="form-error" role="alert">{move || failed.get()}</p>
        </div>
    }
}

#[component]
pub fn TranscriptPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let transcript = api_resource(|| (), |c, _| async move { c.my_transcript().await });
    let issued = RwSignal::new(None::<IssuedTranscript>);
    let state = FormState::new();
    let issue = move |_| {
        state.send(
            ctx,
            |c| async move { c.issue_transcript().await },
            move |i| issued.set(Some(i)),
        );
    };
    let print = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="card wide printable" aria-labelledby="transcript-title">
            <h1 id="transcript-title">{move || v().transcript_title}</h1>
            <p class="muted no-print">{move || v().transcript_hint}</p>
            <Loaded resource=transcript show={move |t: TranscriptView| { ctx.lang.track(); sheet(ctx, t) }}/>
            <p class="actions no-print">
                <button type="button" on:click=print>{move || v().print}</button>
                <button type="button" class="primary" on:click=issue disabled=move || state.pending.get()>
                    {move || if state.pending.get() { v().issuing } else { v().issue }}
                </button>
            </p>
            <p class="form-error no-print" role="alert">{move || state.error.get()}</p>
            {move || issued.get().map(|i| issued_line(ctx, i))}
        </section>
    }
}

/// Public: what the code was issued for, and nothing else.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let params = use_params_map();
    let code = params.with_untracked(|p| p.get("code")).unwrap_or_default();
    // The sentence for a failure; none for a code nothing was issued under.
    let answer = RwSignal::new(None::<Result<VerifiedTranscript, Option<String>>>);
    spawn_local(async move {
        let got = api().verify_transcript(&code).await;
        answer.set(Some(got.map_err(|e| {
            let unknown = e.problem().is_some_and(|p| p.status == 404);
            (!unknown).then(|| ctx.say(&e))
        })));
    });
    view! {
        <section class="card" aria-labelledby="verify-title">
            <h1 id="verify-title">{move || v().verify_title}</h1>
            {move || {
                let lang = ctx.lang.get();
                let v = texts(lang);
                match answer.get() {
                    None => view! { <p class="muted">{ctx.t().loading}</p> }.into_any(),
                    Some(Err(None)) => view! { <p class="form-error" role="alert">{v.verify_none}</p> }.into_any(),
                    Some(Err(Some(e))) => view! { <p class="form-error" role="alert">{e}</p> }.into_any(),
                    Some(Ok(t)) => view! {
                        <p class="ok" data-testid="verified">{v.verify_ok}</p>
                        <dl class="facts">
                            <dt>{v.name}</dt><dd data-testid="verified-name">{t.name.clone()}</dd>
                            <dt>{v.student_no}</dt><dd>{t.student_no.clone().unwrap_or_default()}</dd>
                            <dt>{v.total}</dt><dd data-testid="verified-hours">{t.hours}" "{v.hours_unit}</dd>
                            <dt>{v.category}</dt><dd>{sums(lang, &t.totals)}</dd>
                            <dt>{v.issued_at}</dt><dd>{when(t.issued_at)}</dd>
                        </dl>
                        <p class="muted">{t.code.clone()}</p>
                    }.into_any(),
                }
            }}
            <Show when=move || ctx.session.with(Option::is_none)>
                <p><A href="/">{move || v().to_sign_in}</A></p>
            </Show>
        </section>
    }
}
