//! The grid as a tree: communities down to rooms, opened one level at a time,
//! with a node's responsible post holders and (for rooms) its residents.

use crate::components::file_link::FileLink;
use crate::components::status_line;
use crate::components::{api_resource, Loaded};
use crate::ctx::Ctx;
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_domain::grid::wire::{NodeView, ResidencyView, ResponsibleLevel};
use onestop_domain::NodeId;

#[component]
pub fn GridPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let selected = RwSignal::new(None::<NodeView>);
    view! {
        <section class="card wide" aria-labelledby="grid-title">
            <h1 id="grid-title">{move || ctx.t().nav_grid}</h1>
            <div class="grid-layout">
                <ul class="tree"><Branch parent=None selected=selected/></ul>
                <div class="node-detail" aria-live="polite">
                    {move || selected.get().map(|n| view! { <NodeInfo node=n/> })}
                </div>
            </div>
        </section>
    }
}

#[component]
fn Branch(parent: Option<NodeId>, selected: RwSignal<Option<NodeView>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let nodes = RwSignal::new(None::<Result<Vec<NodeView>, String>>);
    spawn_local(async move {
        let r = ctx
            .call(|c| async move { c.grid_children(parent).await })
            .await;
        nodes.set(Some(r.map(|p| p.items).map_err(|e| ctx.say(&e))));
    });
    view! {
        {move || match nodes.get() {
            None => status_line(ctx, true, None).into_any(),
            Some(Err(e)) => status_line(ctx, false, Some(e)).into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <li class="muted">{ctx.t().none_yet}</li> }.into_any(),
            Some(Ok(list)) => list.into_iter().map(|n| view! { <Leaf node=n selected=selected/> }).collect_view().into_any(),
        }}
    }
}

#[component]
fn Leaf(node: NodeView, selected: RwSignal<Option<NodeView>>) -> impl IntoView {
    let open = RwSignal::new(false);
    let is_room = node.capacity.is_some();
    let id = node.id;
    let label = match (&node.code, node.occupied, node.capacity) {
        (_, Some(o), Some(c)) => format!("{} ({o}/{c})", node.name),
        (Some(code), _, _) => format!("{} · {code}", node.name),
        _ => node.name.clone(),
    };
    let n = node.clone();
    view! {
        // Plain nested lists with disclosure buttons: a `role="tree"` would promise
        // arrow-key navigation to screen readers.
        <li>
            <button type="button" class="link" aria-expanded=move || (!is_room).then(|| open.get().to_string())
                aria-current=move || selected.with(|s| s.as_ref().is_some_and(|s| s.id == id)).then_some("true")
                on:click=move |_| { open.update(|o| *o = !*o); selected.set(Some(n.clone())); }>
                {(!is_room).then_some(move || if open.get() { "▾ " } else { "▸ " })}{label}
            </button>
            <Show when=move || open.get() && !is_room>
                <ul><Branch parent=Some(id) selected=selected/></ul>
            </Show>
        </li>
    }
}

#[component]
fn NodeInfo(node: NodeView) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = node.id;
    let is_room = node.capacity.is_some();
    let posts = api_resource(move || id, |c, id| async move { c.responsible(id).await });
    let residents = api_resource(
        move || id,
        move |c, id| async move {
            if is_room {
                c.residents(id).await.map(|page| page.items)
            } else {
                Ok(Vec::new())
            }
        },
    );
    let show_posts = move |posts: Vec<ResponsibleLevel>| {
        let none = posts.is_empty();
        view! {
            {none.then(|| view! { <p class="muted">{ctx.t().none_yet}</p> })}
            <ul class="plain">
                {posts.into_iter().flat_map(|l| l.holders.into_iter().map(move |h| (l.node.name.clone(), h))).map(|(place, h)| view! {
                    <li><span class="muted">{place}" · "{crate::labels::post(ctx.lang.get(), h.post_type)}</span>" "{h.holder.display_name}</li>
                }).collect_view()}
            </ul>
        }
    };
    let show_residents = move |residents: Vec<ResidencyView>| {
        view! {
            <ul class="plain">
                {residents.into_iter().map(|r| view! { <li>{ctx.t().bed}" "{r.bed}" · "{r.student.display_name}{r.student_no.map(|n| format!(" ({n})"))}</li> }).collect_view()}
            </ul>
        }
    };
    let csv = format!("/api/v1/grid/nodes/{id}/residents.csv");
    let csv_name = format!("{}.csv", node.name);
    view! {
        <h2>{node.name.clone()}</h2>
        <p><FileLink path=csv filename=csv_name/>" "<span class="muted small">{move || ctx.t().residents_csv}</span></p>
        <h3>{move || ctx.t().posts}</h3>
        <Loaded resource=posts show=show_posts/>
        {is_room.then(|| view! {
            <h3>{move || ctx.t().residents}</h3>
            <Loaded resource=residents show=show_residents/>
        })}
    }
}
