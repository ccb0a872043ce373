//! The points table (积分细则): everyone reads it; 党群工作部 edits a rule's
//! names, points and whether it is in use, and adds rules. Entries already
//! made keep their points.

use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use crate::forms::{enum_of, enum_select, field_error_as, FormState};
use crate::i18n::party::{category, texts};
use leptos::prelude::*;
use leptos_router::components::A;
use onestop_domain::party::wire::{CreatePointRuleRequest, PointRuleView, UpdatePointRuleRequest};
use onestop_domain::party::PointCategory;

#[component]
pub fn RulesPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let changed = RwSignal::new(0_u64);
    let rules = api_resource(
        move || changed.get(),
        |c, _| async move { c.point_rules().await },
    );
    view! {
        <section class="card wide" aria-labelledby="rules-title">
            <h1 id="rules-title">{move || v().rules_title}</h1>
            <p class="muted">{move || v().rules_hint}</p>
            <Loaded resource=rules show={move |all: Vec<PointRuleView>| {
                let lang = ctx.lang.get();
                let v = texts(lang);
                view! {
                    <div class="table-scroll">
                        <table class="rules">
                            <thead><tr><th scope="col">{v.category_col}</th><th scope="col">{v.rule}</th>
                                <th scope="col" class="num">{v.points}</th><th scope="col">{v.in_use}</th>
                                <th scope="col"><span class="sr-only">{v.save}</span></th></tr></thead>
                            <tbody>
                                {all.into_iter().map(|r| if ctx.is_staff() {
                                    view! { <RuleRow rule=r changed=changed/> }.into_any()
                                } else {
                                    read_only(lang, r).into_any()
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
            }}/>
            <Show when=move || ctx.is_staff()><NewRule changed=changed/></Show>
            <p><A href="/party">{move || v().back}</A></p>
        </section>
    }
}

/// The table as a student reads it: the staff's page has the same rows as fields.
fn read_only(lang: crate::i18n::Lang, r: PointRuleView) -> impl IntoView {
    let v = texts(lang);
    let name = match lang {
        crate::i18n::Lang::En if !r.name_en.is_empty() => r.name_en.clone(),
        _ => r.name_zh.clone(),
    };
    view! {
        <tr>
            <td>{category(lang, r.category)}{r.per_hour.then(|| format!("（{}）", v.per_hour))}</td>
            <td>{name}</td>
            <td class="num">{format!("{:+}", r.points)}</td>
            <td>{if r.active { "✓" } else { "—" }}</td>
            <td></td>
        </tr>
    }
}

#[component]
fn RuleRow(rule: PointRuleView, changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang.get_untracked();
    let v = texts(lang);
    let name = RwSignal::new(rule.name_zh.clone());
    let points = RwSignal::new(rule.points.to_string());
    let active = RwSignal::new(rule.active);
    let state = FormState::new();
    let (id, version, name_en) = (rule.id, rule.version, rule.name_en.clone());
    let save = move |_| {
        let Ok(p) = points.get_untracked().trim().parse::<i32>() else {
            state.refuse("points", ctx.t().err_required);
            return;
        };
        let req = UpdatePointRuleRequest {
            name_zh: name.get_untracked(),
            name_en: name_en.clone(),
            points: p,
            active: active.get_untracked(),
            version,
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.update_point_rule(id, &req).await }
            },
            move |_| changed.update(|n| *n += 1),
        );
    };
    let (name_id, points_id, active_id) = (
        format!("rule-name-{id}"),
        format!("rule-points-{id}"),
        format!("rule-active-{id}"),
    );
    view! {
        <tr>
            <td>{category(lang, rule.category)}{rule.per_hour.then(|| format!("（{}）", v.per_hour))}</td>
            <td><label class="sr-only" for=name_id.clone()>{v.rule}</label>
                <input id=name_id type="text" maxlength="60" bind:value=name/>
                <p class="field-error">{state.errors.message("name_zh")}</p></td>
            <td class="num"><label class="sr-only" for=points_id.clone()>{v.points}</label>
                <input id=points_id class="narrow" type="number" min="-50" max="50" inputmode="numeric" bind:value=points/>
                <p class="field-error">{state.errors.message("points")}</p></td>
            <td><label class="check">
                <input id=active_id type="checkbox" prop:checked=move || active.get()
                    on:change=move |ev| active.set(event_target_checked(&ev))/>{v.in_use}</label></td>
            <td><button type="button" on:click=save disabled=move || state.pending.get()>{v.save}</button>
                <p class="form-error" role="alert">{move || state.error.get()}</p></td>
        </tr>
    }
}

#[component]
fn NewRule(changed: RwSignal<u64>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let v = move || texts(ctx.lang.get());
    let code = RwSignal::new(String::new());
    let cat = RwSignal::new("volunteer".to_owned());
    let name = RwSignal::new(String::new());
    let points = RwSignal::new("1".to_owned());
    let state = FormState::new();
    let errors = state.errors;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(category), Ok(p)) = (
            enum_of::<PointCategory>(&cat.get_untracked()),
            points.get_untracked().trim().parse::<i32>(),
        ) else {
            state.refuse("points", ctx.t().err_required);
            return;
        };
        let req = CreatePointRuleRequest {
            code: code.get_untracked().trim().to_owned(),
            category,
            name_zh: name.get_untracked(),
            name_en: String::new(),
            points: p,
        };
        state.send(
            ctx,
            move |c| {
                let req = req.clone();
                async move { c.create_point_rule(&req).await }
            },
            move |_| {
                code.set(String::new());
                name.set(String::new());
                changed.update(|n| *n += 1);
            },
        );
    };
    view! {
        <h2>{move || v().new_rule}</h2>
        <form class="rule-form" on:submit=submit novalidate>
            <label for="new-rule-code">{move || v().rule_code}</label>
            <input id="new-rule-code" type="text" maxlength="40" bind:value=code placeholder="red-film"/>
            {field_error_as("new-rule-code", "code", errors)}
            <label for="new-rule-category">{move || v().category_col}</label>
            {enum_select("new-rule-category", &PointCategory::ALL, category, cat)}
            <label for="new-rule-name">{move || v().rule}</label>
            <input id="new-rule-name" type="text" maxlength="60" bind:value=name/>
            {field_error_as("new-rule-name", "name_zh", errors)}
            <label for="new-rule-points">{move || v().points}</label>
            <input id="new-rule-points" type="number" min="-50" max="50" inputmode="numeric" bind:value=points/>
            {field_error_as("new-rule-points", "points", errors)}
            <p class="form-error" role="alert">{move || state.error.get()}</p>
            <button type="submit" class="primary" disabled=move || state.pending.get()>{move || v().add_rule}</button>
        </form>
    }
}
