//! Event push (webhook subscriptions, administrators): subscribe an address
//! to events and show its signing secret once; pause, resume, replace the
//! secret; read a subscription's delivery log and send a delivery again.

use crate::components::status_line;
use crate::ctx::Ctx;
use crate::format::when;
use crate::forms::{field_error, FormState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_client::DeliveryQuery;
use onestop_domain::integration::events::EventType;
use onestop_domain::integration::subscriptions::{
    CreateSubscriptionRequest, DeliveryView, SubscriptionView, UpdateSubscriptionRequest,
};
use onestop_domain::SubscriptionId;

#[component]
pub fn Webhooks() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let list = RwSignal::new(None::<Result<Vec<SubscriptionView>, String>>);
    let shown = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let open_log = RwSignal::new(None::<SubscriptionId>);
    let reload = move || {
        spawn_local(async move {
            let r = ctx.call(|c| async move { c.list_webhooks().await }).await;
            list.set(Some(r.map_err(|e| ctx.say(&e))));
        })
    };
    reload();
    let (name, url) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let types = RwSignal::new(vec![
        EventType::RequestCreated,
        EventType::RequestStateChanged,
    ]);
    let form = FormState::new();
    let errors = form.errors;
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let body = CreateSubscriptionRequest {
            name: name.get_untracked(),
            url: url.get_untracked().trim().to_owned(),
            event_types: types.get_untracked(),
        };
        form.send(
            ctx,
            move |c| {
                let body = body.clone();
                async move { c.create_webhook(&body).await }
            },
            move |issued| {
                shown.set(Some(issued.secret));
                notice.set(Some(ctx.t().webhook_created.to_owned()));
                name.set(String::new());
                url.set(String::new());
                reload();
            },
        );
    };
    let set_active = move |id: SubscriptionId, active: bool| {
        spawn_local(async move {
            let body = UpdateSubscriptionRequest {
                active: Some(active),
                ..Default::default()
            };
            let r = ctx
                .call(|c| {
                    let body = body.clone();
                    async move { c.update_webhook(id, &body).await }
                })
                .await;
            if let Err(e) = r {
                notice.set(Some(ctx.say(&e)));
            }
            reload();
        });
    };
    let new_secret = move |id: SubscriptionId| {
        spawn_local(async move {
            match ctx
                .call(|c| async move { c.rotate_webhook_secret(id).await })
                .await
            {
                Ok(issued) => shown.set(Some(issued.secret)),
                Err(e) => notice.set(Some(ctx.say(&e))),
            }
        });
    };
    view! {
        <section class="card wide" aria-labelledby="hooks-title">
            <h2 id="hooks-title">{move || t().webhooks_title}</h2>
            <p class="muted">{move || t().webhooks_hint}</p>
            <p class="notice" role="status">{move || notice.get()}</p>
            {move || shown.get().map(|secret| view! {
                <div class="panel" role="alert">
                    <p>{t().webhook_secret_once}</p>
                    <p><code data-testid="webhook-secret">{secret}</code></p>
                </div>
            })}
            {move || match list.get() {
                None => status_line(ctx, true, None).into_any(),
                Some(Err(e)) => status_line(ctx, false, Some(e)).into_any(),
                Some(Ok(items)) if items.is_empty() => view! { <p class="muted">{t().none_yet}</p> }.into_any(),
                Some(Ok(items)) => view! {
                    <div class="table-wrap"><table>
                        <thead><tr><th>{t().system_name}</th><th>{t().webhook_url}</th><th>{t().event_types}</th>
                            <th>{t().webhook_backlog}</th><th>{t().last_delivered}</th><th></th></tr></thead>
                        <tbody>{items.into_iter().map(|s| {
                            let id = s.id;
                            let kinds = s.event_types.iter().map(|e| t().event_type(*e)).collect::<Vec<_>>().join(" · ");
                            let backlog = format!("{} / {}", s.pending, s.failed);
                            let last = s.last_delivered_at.map_or_else(|| "—".to_owned(), when);
                            let active = s.active;
                            view! { <tr class:inactive=!active>
                                <td>{s.name.clone()}{(!active).then(|| view! { " " <span class="muted">{t().paused}</span> })}</td>
                                <td><code>{s.url.clone()}</code></td><td>{kinds}</td>
                                <td title=t().webhook_backlog_hint>{backlog}</td><td>{last}</td>
                                <td>
                                    <button type="button" class="link" on:click=move |_| open_log.set(Some(id))>{t().deliveries}</button>" "
                                    <button type="button" class="link" on:click=move |_| set_active(id, !active)>{if active { t().pause } else { t().resume }}</button>" "
                                    <button type="button" class="link" on:click=move |_| new_secret(id)>{t().issue_secret}</button>
                                </td>
                            </tr> }
                        }).collect_view()}</tbody>
                    </table></div>
                }.into_any(),
            }}
            {move || open_log.get().map(|id| view! { <DeliveryLog id=id/> })}
            <form class="panel" on:submit=create aria-labelledby="new-hook-title" novalidate>
                <h3 id="new-hook-title">{move || t().new_webhook}</h3>
                <label for="hook-name">{move || t().system_name}</label>
                <input id="hook-name" bind:value=name aria-invalid=errors.invalid("name") aria-describedby="name-error"/>
                {field_error("name", errors)}
                <label for="hook-url">{move || t().webhook_url}</label>
                <input id="hook-url" type="url" inputmode="url" placeholder="https://" bind:value=url aria-invalid=errors.invalid("url") aria-describedby="url-error"/>
                {field_error("url", errors)}
                <fieldset aria-describedby="event_types-error"><legend>{move || t().event_types}</legend>
                    {EventType::ALL.into_iter().map(|e| view! {
                        <label class="check"><input type="checkbox"
                            prop:checked=move || types.with(|l| l.contains(&e))
                            on:change=move |ev| types.update(|l| if event_target_checked(&ev) { l.push(e) } else { l.retain(|x| *x != e) })/>
                            " "{move || t().event_type(e)}" "<code>{e.as_str()}</code></label>
                    }).collect_view()}
                </fieldset>
                {field_error("event_types", errors)}
                <p class="form-error" role="alert">{move || form.error.get()}</p>
                <div class="buttons">
                    <button type="submit" class="primary" disabled=move || form.pending.get()>{move || t().create_webhook}</button>
                </div>
            </form>
        </section>
    }
}

/// One subscription's deliveries, newest first, with a way to send one again.
#[component]
fn DeliveryLog(id: SubscriptionId) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let items = RwSignal::new(None::<Result<Vec<DeliveryView>, String>>);
    let reload = move || {
        spawn_local(async move {
            let r = ctx
                .call(|c| async move { c.list_deliveries(id, &DeliveryQuery::default()).await })
                .await;
            items.set(Some(r.map(|p| p.items).map_err(|e| ctx.say(&e))));
        })
    };
    reload();
    let error = RwSignal::new(None::<String>);
    let again = move |d: DeliveryView| {
        spawn_local(async move {
            let did = d.id;
            if let Err(e) = ctx
                .call(|c| async move { c.redeliver(id, did).await })
                .await
            {
                error.set(Some(ctx.say(&e)));
            }
            reload();
        });
    };
    view! {
        <div class="panel" aria-labelledby="log-title">
            <h3 id="log-title">{move || t().deliveries}</h3>
            <p class="form-error" role="alert">{move || error.get()}</p>
            {move || match items.get() {
                None => status_line(ctx, true, None).into_any(),
                Some(Err(e)) => status_line(ctx, false, Some(e)).into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{t().none_yet}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <div class="table-wrap"><table>
                        <thead><tr><th>{t().submitted_at}</th><th>{t().event_types}</th><th>{t().state_label}</th><th>{t().attempts}</th>
                            <th>{t().last_answer}</th><th>{t().latency}</th><th></th></tr></thead>
                        <tbody>{list.into_iter().map(|d| {
                            let finished = d.next_attempt_at.is_none();
                            let answer = match (d.last_status, d.last_error.clone()) {
                                (Some(s), None) => s.to_string(),
                                (_, Some(e)) => e,
                                (None, None) => "—".into(),
                            };
                            let latency = d.last_latency_ms.map_or_else(|| "—".into(), |ms| format!("{ms} ms"));
                            let (state, kind, at, n) = (t().delivery_state(d.state), t().event_type(d.event_type), when(d.created_at), d.attempts);
                            view! { <tr>
                                <td>{at}</td><td>{kind}</td><td>{state}</td><td>{n}</td><td>{answer}</td><td>{latency}</td>
                                <td>{finished.then(move || view! {
                                    <button type="button" class="link" on:click=move |_| again(d.clone())>{t().redeliver}</button>
                                })}</td>
                            </tr> }
                        }).collect_view()}</tbody>
                    </table></div>
                }.into_any(),
            }}
        </div>
    }
}
