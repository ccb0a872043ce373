//! A guided form per request kind: the fields that kind needs, each error
//! shown under its field, photos attached from the phone after the request is filed.

use crate::components::room_picker::RoomPicker;
use crate::ctx::Ctx;
use crate::format::yuan_to_fen;
use crate::forms::{enum_of, enum_select, read_files, FormState};
use crate::labels;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use onestop_domain::dates::Day;
use onestop_domain::service::forms::{
    CheckInForm, CheckOutForm, DocumentKind, InsuranceClaimForm, PolicyKind, RepairCategory,
    RepairForm, RoomChangeForm, Seal, StampForm,
};
use onestop_domain::service::{Form, Kind};
use std::collections::HashMap;
use wasm_bindgen::JsCast;

const POLICIES: [PolicyKind; 4] = [
    PolicyKind::Accident,
    PolicyKind::Medical,
    PolicyKind::Property,
    PolicyKind::Other,
];
const DOCUMENTS: [DocumentKind; 5] = [
    DocumentKind::Transcript,
    DocumentKind::Certificate,
    DocumentKind::Application,
    DocumentKind::Agreement,
    DocumentKind::Other,
];
const SEALS: [Seal; 3] = [Seal::School, Seal::StudentAffairs, Seal::College];

#[component]
pub fn NewRequest() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let params = use_params_map();
    let kind = Memo::new(move |_| params.with(|p| p.get("kind")).and_then(|k| Kind::parse(&k)));
    let v = |s: &str| RwSignal::new(s.to_owned());
    let (category, description, preferred) = (v("water"), v(""), v(""));
    let (policy, incident, hospital, amount) = (v("accident"), v(""), v(""), v(""));
    let (title, doc_kind, seal, copies, purpose) =
        (v(""), v("certificate"), v("student_affairs"), v("1"), v(""));
    let (term, room, bed, reason) = (v("2026-2027-1"), v(""), v("1"), v(""));
    let state = FormState::new();
    let (errors, form_error, pending) = (state.errors, state.error, state.pending);
    let files = NodeRef::<Input>::new();
    // One key per form: a retry after a lost response files the request once.
    let idempotency = uuid_key();
    let navigate = use_navigate();

    let build = move |k: Kind| -> Result<Form, HashMap<String, String>> {
        let t = ctx.t();
        let mut errs = HashMap::new();
        let form = match k {
            Kind::Repair => Form::Repair(RepairForm {
                category: enum_of(&category.get_untracked()).unwrap_or(RepairCategory::Other),
                description: description.get_untracked(),
                place_id: None,
                preferred_time: Some(preferred.get_untracked()).filter(|s| !s.trim().is_empty()),
            }),
            Kind::InsuranceClaim => {
                let fen = yuan_to_fen(&amount.get_untracked());
                if fen.is_none() {
                    errs.insert("amount_fen".into(), t.err_required.into());
                }
                let Ok(incident_date) = incident.get_untracked().parse::<Day>() else {
                    errs.insert("incident_date".into(), t.err_date.into());
                    return Err(errs);
                };
                Form::InsuranceClaim(InsuranceClaimForm {
                    policy_kind: enum_of(&policy.get_untracked()).unwrap_or(PolicyKind::Other),
                    incident_date,
                    description: description.get_untracked(),
                    hospital: Some(hospital.get_untracked()).filter(|s| !s.trim().is_empty()),
                    amount_fen: fen.unwrap_or(0),
                })
            }
            Kind::Stamp => Form::Stamp(StampForm {
                document_title: title.get_untracked(),
                document_kind: enum_of(&doc_kind.get_untracked()).unwrap_or(DocumentKind::Other),
                seal: enum_of(&seal.get_untracked()).unwrap_or(Seal::StudentAffairs),
                copies: copies.get_untracked().trim().parse().unwrap_or(0),
                purpose: purpose.get_untracked(),
            }),
            Kind::CheckOut => Form::CheckOut(CheckOutForm {
                term: term.get_untracked(),
                reason: reason.get_untracked(),
            }),
            Kind::CheckIn | Kind::RoomChange => {
                let room_id = room.get_untracked().trim().parse();
                if room_id.is_err() {
                    errs.insert("room_id".into(), t.err_required.into());
                }
                let bed_no = bed.get_untracked().trim().parse().unwrap_or(0);
                let room_id = room_id.unwrap_or_default();
                if k == Kind::CheckIn {
                    Form::CheckIn(CheckInForm {
                        term: term.get_untracked(),
                        room_id,
                        bed: bed_no,
                    })
                } else {
                    Form::RoomChange(RoomChangeForm {
                        term: term.get_untracked(),
                        room_id,
                        bed: bed_no,
                        reason: reason.get_untracked(),
                    })
                }
            }
        };
        if errs.is_empty() {
            Ok(form)
        } else {
            Err(errs)
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(k) = kind.get_untracked() else {
            return;
        };
        let form = match build(k) {
            Ok(f) => f,
            Err(e) => {
                errors.set(e);
                form_error.set(Some(ctx.t().err_check_fields.into()));
                return;
            }
        };
        // One send at a time, as every form (FormState); the idempotency key
        // makes a retry after a lost answer file nothing twice.
        if !state.begin() {
            return;
        }
        let key = idempotency.clone();
        let input = files.get_untracked();
        let navigate = navigate.clone();
        spawn_local(async move {
            let chosen = match &input {
                Some(i) => read_files(i.unchecked_ref()).await,
                None => Vec::new(),
            };
            let result = ctx
                .call(|c| {
                    let form = form.clone();
                    let key = key.clone();
                    async move { c.submit_request(&form, Some(&key)).await }
                })
                .await;
            match result {
                Ok(created) => {
                    for (name, bytes) in chosen {
                        let r = ctx
                            .call(|c| {
                                let name = name.clone();
                                let bytes = bytes.clone();
                                async move { c.upload_attachment(created.id, &name, bytes).await }
                            })
                            .await;
                        if let Err(e) = r {
                            form_error.set(Some(ctx.say(&e)));
                        }
                    }
                    pending.set(false);
                    navigate(&format!("/requests/{}", created.id), Default::default());
                }
                Err(e) => state.fail(ctx, &e),
            }
        });
    };

    let submit = StoredValue::new_local(submit);
    let err = move |field: &'static str| errors.message(field);
    let invalid = move |field: &'static str| errors.invalid(field);
    let t = move || ctx.t();
    let lang = move || ctx.lang.get();

    let field = move |id: &'static str,
                      label: fn(&'static crate::i18n::Texts) -> &'static str,
                      sig: RwSignal<String>,
                      kind_attr: &'static str| {
        view! {
            <label for=id>{move || label(ctx.t())}</label>
            <input id=id name=id type=kind_attr bind:value=sig aria-invalid=invalid(id) aria-describedby=format!("{id}-error")/>
            <p id=format!("{id}-error") class="field-error">{err(id)}</p>
        }
    };
    let area = move |id: &'static str,
                     label: fn(&'static crate::i18n::Texts) -> &'static str,
                     sig: RwSignal<String>| {
        view! {
            <label for=id>{move || label(ctx.t())}</label>
            <textarea id=id name=id rows="4" bind:value=sig aria-invalid=invalid(id) aria-describedby=format!("{id}-error")></textarea>
            <p id=format!("{id}-error") class="field-error">{err(id)}</p>
        }
    };
    view! {
        <section class="card">
            {move || match kind.get() {
                None => view! { <p>{t().not_found}</p> }.into_any(),
                Some(k) => view! {
                    <h1>{labels::kind(lang(), k)}</h1>
                    <form on:submit=move |ev| submit.with_value(|f| f(ev)) novalidate>
                        {match k {
                            Kind::Repair => view! {
                                <label for="category">{move || t().category}</label>
                                {enum_select("category", &RepairCategory::ALL, labels::repair_category, category)}
                                {area("description", |t| t.description, description)}
                                {field("preferred_time", |t| t.preferred_time, preferred, "text")}
                            }.into_any(),
                            Kind::InsuranceClaim => view! {
                                <label for="policy_kind">{move || t().policy_kind}</label>
                                {enum_select("policy_kind", &POLICIES, labels::policy, policy)}
                                {field("incident_date", |t| t.incident_date, incident, "date")}
                                {area("description", |t| t.description, description)}
                                {field("hospital", |t| t.hospital, hospital, "text")}
                                {field("amount_fen", |t| t.amount_yuan, amount, "text")}
                            }.into_any(),
                            Kind::Stamp => view! {
                                {field("document_title", |t| t.document_title, title, "text")}
                                <label for="document_kind">{move || t().document_kind}</label>
                                {enum_select("document_kind", &DOCUMENTS, labels::document, doc_kind)}
                                <label for="seal">{move || t().seal}</label>
                                {enum_select("seal", &SEALS, labels::seal, seal)}
                                {field("copies", |t| t.copies, copies, "number")}
                                {area("purpose", |t| t.purpose, purpose)}
                            }.into_any(),
                            Kind::CheckOut => view! {
                                {field("term", |t| t.term, term, "text")}
                                {area("reason", |t| t.reason, reason)}
                            }.into_any(),
                            Kind::CheckIn | Kind::RoomChange => view! {
                                {field("term", |t| t.term, term, "text")}
                                <RoomPicker room=room bed=bed errors=errors/>
                                {(k == Kind::RoomChange).then(|| area("reason", |t| t.reason, reason))}
                            }.into_any(),
                        }}
                        {matches!(k, Kind::Repair | Kind::InsuranceClaim | Kind::Stamp).then(|| view! {
                            <label for="files">{move || t().photos}</label>
                            <input id="files" name="files" type="file" multiple accept="image/*,application/pdf" node_ref=files aria-describedby="files-hint"/>
                            <p id="files-hint" class="muted small">{move || t().photos_hint}</p>
                        })}
                        <p class="form-error" role="alert">{move || form_error.get()}</p>
                        <button type="submit" class="primary" disabled=move || pending.get()>
                            {move || if pending.get() { t().submitting } else { t().submit }}
                        </button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}

fn uuid_key() -> String {
    uuid::Uuid::now_v7().to_string()
}
