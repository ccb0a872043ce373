//! Connected systems (service accounts): create one and show its secret once,
//! issue a second secret, revoke an old one, deactivate (administrators).

use crate::components::status_line;
use crate::ctx::Ctx;
use crate::forms::{field_error, FormState};
use crate::labels;
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_domain::integration::wire::{CreateServiceAccountRequest, ServiceAccountView};
use onestop_domain::integration::ClientScope;
use onestop_domain::unit::UnitView;

#[derive(Clone, Copy)]
enum Act {
    Rotate,
    Revoke,
    Deactivate,
}

#[component]
pub fn Systems(units: RwSignal<Vec<UnitView>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let lang = move || ctx.lang.get();
    let list = RwSignal::new(None::<Result<Vec<ServiceAccountView>, String>>);
    // The secret just issued, with the client id it goes with: shown until the page is left.
    let shown = RwSignal::new(None::<(String, String)>);
    let notice = RwSignal::new(None::<String>);
    let reload = move || {
        spawn_local(async move {
            let r = ctx
                .call(|c| async move { c.service_accounts().await })
                .await;
            list.set(Some(r.map_err(|e| ctx.say(&e))));
        })
    };
    reload();
    let (name, unit, addresses, expires) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let scopes = RwSignal::new(vec![ClientScope::RequestsRead]);
    let form = FormState::new();
    let errors = form.errors;
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let expires_on = expires.get_untracked();
        let body = CreateServiceAccountRequest {
            name: name.get_untracked(),
            unit: unit.get_untracked(),
            scopes: scopes.get_untracked(),
            allowed_addresses: addresses
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            expires_on: expires_on.parse().ok(),
        };
        form.send(
            ctx,
            move |c| {
                let body = body.clone();
                async move { c.create_service_account(&body).await }
            },
            move |issued| {
                shown.set(Some((issued.client_id.to_string(), issued.client_secret)));
                notice.set(Some(ctx.t().system_created.to_owned()));
                name.set(String::new());
                reload();
            },
        );
    };
    // One action on an account, then the list again (and a secret, if one was issued).
    let act = move |what: Act, account: ServiceAccountView| {
        spawn_local(async move {
            let id = account.id;
            let done = match what {
                Act::Rotate => ctx
                    .call(|c| async move { c.rotate_secret(id).await })
                    .await
                    .map(|s| shown.set(Some((s.client_id.to_string(), s.client_secret)))),
                Act::Deactivate => ctx
                    .call(|c| async move { c.deactivate_service_account(id).await })
                    .await
                    .map(|_| notice.set(Some(ctx.t().system_deactivated.to_owned()))),
                Act::Revoke => {
                    // Revoke the oldest live secret: the one a rotation replaced.
                    let Some(old) = account
                        .secrets
                        .iter()
                        .rev()
                        .find(|s| s.revoked_at.is_none())
                    else {
                        return;
                    };
                    let secret = old.id;
                    ctx.call(|c| async move { c.revoke_secret(id, secret).await })
                        .await
                        .map(|_| notice.set(Some(ctx.t().secret_revoked.to_owned())))
                }
            };
            if let Err(e) = done {
                notice.set(Some(ctx.say(&e)));
            }
            reload();
        });
    };
    view! {
        <section class="card wide" aria-labelledby="systems-title">
            <h2 id="systems-title">{move || t().systems_title}</h2>
            <p class="muted">{move || t().systems_hint}</p>
            <p class="notice" role="status">{move || notice.get()}</p>
            {move || shown.get().map(|(id, secret)| view! {
                <div class="panel" role="alert">
                    <p>{t().secret_once}</p>
                    <p><code>"client_id = "{id}</code></p>
                    <p><code>"client_secret = "{secret}</code></p>
                </div>
            })}
            {move || match list.get() {
                None => status_line(ctx, true, None).into_any(),
                Some(Err(e)) => status_line(ctx, false, Some(e)).into_any(),
                Some(Ok(items)) if items.is_empty() => view! { <p class="muted">{t().none_yet}</p> }.into_any(),
                Some(Ok(items)) => view! {
                    <div class="table-wrap"><table>
                        <thead><tr><th>{t().system_name}</th><th>{t().unit}</th><th>{t().scopes_label}</th><th>{t().last_used}</th><th>{t().secrets_col}</th><th></th></tr></thead>
                        <tbody>{items.into_iter().map(|a| {
                            let scopes = a.scopes.iter().map(|s| t().scope(*s)).collect::<Vec<_>>().join(" · ");
                            let used = a.last_used_at.map_or_else(|| t().never_used.to_owned(), |at| {
                                format!("{} {}", crate::format::when(at), a.last_used_addr.clone().unwrap_or_default())
                            });
                            let live = a.secrets.iter().filter(|s| s.revoked_at.is_none()).map(|s| format!("…{}", s.hint)).collect::<Vec<_>>().join(" ");
                            let (two, active) = (a.secrets.iter().filter(|s| s.revoked_at.is_none()).count() > 1, a.active);
                            let (r, d, v) = (a.clone(), a.clone(), a.clone());
                            view! { <tr class:inactive=!active>
                                <td>{a.name.clone()}</td><td>{labels::unit(lang(), &a.unit)}</td><td>{scopes}</td><td>{used}</td><td>{live}</td>
                                <td>{active.then(move || view! {
                                    <button type="button" class="link" on:click=move |_| act(Act::Rotate, r.clone())>{t().issue_secret}</button>" "
                                    {two.then(move || view! {
                                        <button type="button" class="link" on:click=move |_| act(Act::Revoke, v.clone())>{t().revoke}</button>" "
                                    })}
                                    <button type="button" class="link" on:click=move |_| act(Act::Deactivate, d.clone())>{t().deactivate}</button>
                                })}</td>
                            </tr> }
                        }).collect_view()}</tbody>
                    </table></div>
                }.into_any(),
            }}
            <form class="panel" on:submit=create aria-labelledby="new-system-title">
                <h3 id="new-system-title">{move || t().new_system}</h3>
                <label for="system-name">{move || t().system_name}</label>
                <input id="system-name" bind:value=name aria-invalid=errors.invalid("name") aria-describedby="name-error"/>
                {field_error("name", errors)}
                <label for="system-unit">{move || t().unit}</label>
                <select id="system-unit" on:change=move |ev| unit.set(event_target_value(&ev)) prop:value=move || unit.get()
                    aria-invalid=errors.invalid("unit") aria-describedby="unit-error">
                    <option value="">"—"</option>
                    {move || units.get().into_iter().map(|u| { let code = u.code.clone(); view! { <option value=code>{labels::unit(lang(), &u)}</option> } }).collect_view()}
                </select>
                {field_error("unit", errors)}
                <fieldset aria-describedby="scopes-error"><legend>{move || t().scopes_label}</legend>
                    {ClientScope::ALL.into_iter().map(|s| view! {
                        <label class="check"><input type="checkbox"
                            prop:checked=move || scopes.with(|l| l.contains(&s))
                            on:change=move |ev| scopes.update(|l| if event_target_checked(&ev) { l.push(s) } else { l.retain(|x| *x != s) })/>
                            " "{move || t().scope(s)}" "<code>{s.as_str()}</code></label>
                    }).collect_view()}
                </fieldset>
                {field_error("scopes", errors)}
                <label for="system-addresses">{move || t().allowed_addresses}</label>
                <textarea id="system-addresses" rows="2" bind:value=addresses aria-describedby="allowed_addresses-error"></textarea>
                {field_error("allowed_addresses", errors)}
                <label for="system-expires">{move || t().expires_on_label}</label>
                <input id="system-expires" type="date" bind:value=expires aria-describedby="expires_on-error"/>
                {field_error("expires_on", errors)}
                <p class="form-error" role="alert">{move || form.error.get()}</p>
                <div class="buttons">
                    <button type="submit" class="primary" disabled=move || form.pending.get()>{move || t().create_system}</button>
                </div>
            </form>
        </section>
    }
}
