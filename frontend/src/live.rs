//! The live stream: one `EventSource` per signed-in tab brings the unread
//! count, new notifications and changes to the requests the person sees,
//! so the bell, the queue and an open request refresh without polling.
//! Browsers cannot send the session's token with `EventSource`, so each
//! connection opens with a one-minute ticket; when the stream ends (the
//! server closes it every ten minutes) or fails, a new ticket opens the next.

use crate::ctx::Ctx;
use leptos::prelude::*;
use leptos::task::spawn_local;
use onestop_domain::notify::{LiveChange, NotificationView, UnreadCount};
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{EventSource, MessageEvent};

#[derive(Clone, Copy)]
pub struct Live {
    /// Unread notifications (the bell).
    pub unread: RwSignal<i64>,
    /// Counts every change the person may see, and every reconnect (pages
    /// showing requests reload when it moves).
    pub ticks: RwSignal<u64>,
    /// The last change heard of.
    pub change: RwSignal<Option<LiveChange>>,
    /// Counts notifications that arrived (the list reloads when it moves).
    pub notified: RwSignal<u64>,
    /// The stream is open; while it is not, pages fall back to polling.
    pub connected: RwSignal<bool>,
    open: StoredValue<Option<Open>, LocalStorage>,
}

type Handler = Closure<dyn FnMut(MessageEvent)>;

/// An open `EventSource` and the handlers it calls (dropped with it).
struct Open {
    source: EventSource,
    _handlers: Vec<Handler>,
}

impl Live {
    pub fn new() -> Self {
        Self {
            unread: RwSignal::new(0),
            ticks: RwSignal::new(0),
            change: RwSignal::new(None),
            notified: RwSignal::new(0),
            connected: RwSignal::new(false),
            open: StoredValue::new_local(None),
        }
    }

    /// Open the stream for the signed-in person (again, if it was open).
    pub fn connect(self, ctx: Ctx) {
        self.close();
        spawn_local(async move {
            let ticket = ctx.call(|c| async move { c.stream_ticket().await }).await;
            match ticket {
                Ok(t) if ctx.session.get_untracked().is_some() => {
                    self.listen(ctx, &crate::ctx::api().stream_url(&t.ticket));
                }
                Ok(_) => {}
                Err(_) => self.retry(ctx),
            }
        });
    }

    /// Stop listening (signed out, or before opening anew).
    pub fn close(self) {
        if let Some(open) = self.open.try_update_value(Option::take).flatten() {
            open.source.close();
        }
        self.connected.set(false);
    }

    fn retry(self, ctx: Ctx) {
        self.connected.set(false);
        set_timeout(
            move || {
                if ctx.session.get_untracked().is_some() {
                    self.connect(ctx);
                }
            },
            Duration::from_secs(5),
        );
    }

    fn listen(self, ctx: Ctx, url: &str) {
        let Ok(source) = EventSource::new(url) else {
            return self.retry(ctx);
        };
        let on = |f: Box<dyn FnMut(MessageEvent)>| Closure::wrap(f);
        let data = |e: &MessageEvent| e.data().as_string().unwrap_or_default();
        let handlers: Vec<(&str, Handler)> = vec![
            (
                "ready",
                on(Box::new(move |e| {
                    if let Ok(n) = serde_json::from_str::<UnreadCount>(&data(&e)) {
                        self.unread.set(n.unread);
                    }
                    self.connected.set(true);
                    // What happened while the stream was closed is shown now.
                    self.ticks.update(|t| *t += 1);
                })),
            ),
            (
                "notification",
                on(Box::new(move |e| {
                    if serde_json::from_str::<NotificationView>(&data(&e)).is_ok() {
                        self.unread.update(|n| *n += 1);
                        self.notified.update(|n| *n += 1);
                    }
                })),
            ),
            (
                "change",
                on(Box::new(move |e| {
                    if let Ok(c) = serde_json::from_str::<LiveChange>(&data(&e)) {
                        self.change.set(Some(c));
                        self.ticks.update(|t| *t += 1);
                    }
                })),
            ),
            (
                "resync",
                on(Box::new(move |_| {
                    self.ticks.update(|t| *t += 1);
                    self.notified.update(|n| *n += 1);
                })),
            ),
            (
                "error",
                on(Box::new(move |_| {
                    // A stream the server ended, or a ticket that expired:
                    // EventSource gives up (CLOSED), so open anew with a new ticket.
                    let closed = self.open.with_value(|o| {
                        o.as_ref()
                            .is_some_and(|o| o.source.ready_state() == EventSource::CLOSED)
                    });
                    self.connected.set(false);
                    if closed {
                        self.retry(ctx);
                    }
                })),
            ),
        ];
        for (name, h) in &handlers {
            let _ = source.add_event_listener_with_callback(name, h.as_ref().unchecked_ref());
        }
        self.open.set_value(Some(Open {
            source,
            _handlers: handlers.into_iter().map(|(_, h)| h).collect(),
        }));
    }

    /// The unread count from the server (after marking read).
    pub fn set_unread(self, n: i64) {
        self.unread.set(n);
    }
}
