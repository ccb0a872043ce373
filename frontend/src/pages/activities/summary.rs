//! A college's students in one academic year: hours by 五育 category, the
//! gaps counted, the students without hours in a category picked out, and
//! the table as CSV for Excel.

use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::format::today;
use crate::forms::{code_of, enum_of, save_bytes};
use crate::i18n::activities::{category, texts};
use crate::labels;
use leptos::prelude::*;
use onestop_domain::growth::summary::{AcademicYear, StudentHours, TranscriptSummary};
use onestop_domain::growth::Category;
use onestop_domain::unit::{UnitKind, UnitView};
use onestop_domain::{Role, UnitId};

/// The table as CSV, UTF-8 with a BOM so that Excel reads the Chinese.
fn csv(lang: crate::i18n::Lang, s: &TranscriptSummary) -> String {
    let v = texts(lang);
    let field = |x: &str| {
        if x.contains([',', '"', '\n']) {
            format!("\"{}\"", x.replace('"', "\"\""))
        } else {
            x.to_owned()
        }
    };
    let mut out = String::from('\u{feff}');
    let mut head = vec![v.student.to_owned(), v.number.to_owned()];
    head.extend(Category::ALL.iter().map(|c| category(lang, *c).to_owned()));
    head.push(v.total.to_owned());
    out.push_str(&head.join(","));
    out.push_str("\r\n");
    for r in &s.students {
        let mut row = vec![
            field(&r.student.display_name),
            field(r.student_no.as_deref().unwrap_or("")),
        ];
        row.extend(r.by_category.iter().map(|c| c.hours.to_string()));
        row.push(r.hours.to_string());
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

fn row(r: StudentHours) -> impl IntoView {
    view! {
        <tr>
            <th scope="row">{r.student.display_name.clone()}</th>
            <td>{r.student_no.clone().unwrap_or_default()}</td>
            {r.by_category.into_iter().map(|c| view! {
                <td class="num" class:gap=c.hours == 0>{c.hours}</td>
            }).collect_view()}
            <td class="num">{r.hours}</td>
        </tr>
    }
}

fn table(ctx: Ctx, s: TranscriptSummary, lacking: Option<Category>) -> impl IntoView {
    let lang = ctx.lang.get_untracked();
    let v = texts(lang);
    let gaps = s
        .gaps
        .iter()
        .map(|g| {
            format!(
                "{} {} {}",
                category(lang, g.category),
                g.students,
                v.students_n
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let total = s.students.len();
    let error = RwSignal::new(None::<String>);
    let file = format!("second-classroom-{}-{}.csv", s.unit.code, s.year);
    let text = csv(lang, &s);
    let export = move |_| error.set(save_bytes(ctx, text.as_bytes(), &file).err());
    let rows: Vec<_> = s
        .students
        .into_iter()
        .filter(|r| lacking.is_none_or(|c| r.missing.contains(&c)))
        .collect();
    let shown = rows.len();
    view! {
        <p class="meta">{labels::unit(lang, &s.unit)}" · "{s.from.to_string()}"–"{s.to.to_string()}" · "{total}" "{v.students_n}</p>
        <p data-testid="gaps">{v.without}": "{gaps}</p>
        <p class="actions no-print"><button type="button" on:click=export>{v.export_csv}</button></p>
        <p class="form-error" role="alert">{move || error.get()}</p>
        <div class="scroll">
            <table class="transcript summary">
                <caption class="sr-only">{v.summary_title}{lacking.map(|c| format!(" · {}{}", v.lacking, category(lang, c)))}" · "{shown}</caption>
                <thead><tr>
                    <th scope="col">{v.student}</th><th scope="col">{v.number}</th>
                    {Category::ALL.into_iter().map(|c| view! { <th scope="col" class="num">{category(lang, c)}</th> }).collect_view()}
                    <th scope="col" class="num">{v.total}</th>
                </tr></thead>
                <tbody>{rows.into_iter().map(row).collect_view()}</tbody>
            </table>
        </div>
    }
}

#[component]
pub fn SummaryPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let everyone = ctx.has(Role::Admin) || ctx.has(Role::Office);
    let own = ctx
        .me
        .with_untracked(|m| m.as_ref().and_then(|u| u.unit.as_ref().map(|u| u.id)));
    let unit = RwSignal::new(own.map(|u| u.to_string()).unwrap_or_default());
    let this_year = AcademicYear::containing(today()).0;
    let year = RwSignal::new(this_year);
    let lacking = RwSignal::new(String::new());
    let colleges = api_resource(
        || (),
        move |c, _| async move {
            if everyone {
                c.units().await
            } else {
                Ok(Vec::new())
            }
        },
    );
    // Administrators without a college of their own start at the first.
    Effect::new(move |_| {
        if !unit.get_untracked().is_empty() {
            return;
        }
        colleges.with(|r| {
            if let Some(Ok(units)) = r {
                if let Some(u) = units.iter().find(|u| u.kind == UnitKind::College) {
                    unit.set(u.id.to_string());
                }
            }
        });
    });
    let summary = api_resource(
        move || (unit.get(), year.get()),
        |c, (unit, year)| async move {
            c.transcript_summary(unit.parse::<UnitId>().ok(), Some(year))
                .await
        },
    );
    view! {
        <section class="card wide printable" aria-labelledby="summary-title">
            <h1 id="summary-title">{move || v().summary_title}</h1>
            <p class="muted no-print">{move || v().summary_hint}</p>
            <div class="row no-print">
                {everyone.then(|| view! {
                    // The select once the colleges are here: a loading line is no option.
                    <Loaded resource=colleges show={move |units: Vec<UnitView>| {
                        let lang = ctx.lang.get();
                        view! {
                            <span><label for="summary-unit">{v().college}</label>
                            <select id="summary-unit" on:change=move |ev| unit.set(event_target_value(&ev))>
                                {units.into_iter().filter(|u| u.kind == UnitKind::College).map(|u| {
                                    let (id, this) = (u.id.to_string(), u.id.to_string());
                                    view! { <option value=id prop:selected=move || unit.get() == this>{labels::unit(lang, &u)}</option> }
                                }).collect_view()}
                            </select></span>
                        }
                    }}/>
                })}
                <span><label for="summary-year">{move || v().year}</label>
                <select id="summary-year" on:change=move |ev| year.set(event_target_value(&ev).parse().unwrap_or(this_year))>
                    {(0..4).map(|back| {
                        let y = this_year - back;
                        view! { <option value=y.to_string() prop:selected=move || year.get() == y>{format!("{y}–{:02}", (y + 1) % 100)}</option> }
                    }).collect_view()}
                </select></span>
                <span><label for="summary-lacking">{move || v().show}</label>
                <select id="summary-lacking" on:change=move |ev| lacking.set(event_target_value(&ev))>
                    <option value="">{move || v().everyone_row}</option>
                    {Category::ALL.into_iter().map(|c| view! {
                        <option value=code_of(&c)>{move || format!("{}{}", v().lacking, category(ctx.lang.get(), c))}</option>
                    }).collect_view()}
                </select></span>
            </div>
            <Loaded resource=summary show={move |s: TranscriptSummary| {
                ctx.lang.track();
                table(ctx, s, enum_of::<Category>(&lacking.get()))
            }}/>
        </section>
    }
}
