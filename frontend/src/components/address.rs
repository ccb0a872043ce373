//! A page's view kept in the address: read from it (a reload, a shared link
//! and Back open the same view) and changed only by writing it, replacing
//! the entry so that Back leaves the page instead of stepping through
//! filters. The queue and the board both keep their view this way.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

/// A view that has a place in the address.
pub trait InAddress: Clone + PartialEq + Send + Sync + 'static {
    /// Unknown or malformed values are ignored: an old link still opens the page.
    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self;
    /// `?a=1&b=2`, or empty for the default view.
    fn to_query(&self) -> String;
}

/// `?a=1&b=2` from its parts, or empty when there are none.
pub fn query_of(parts: &[String]) -> String {
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

type Navigate = Box<dyn Fn(&str, NavigateOptions)>;

pub struct AddressView<V: InAddress> {
    view: Memo<V>,
    path: &'static str,
    navigate: StoredValue<Navigate, LocalStorage>,
}

impl<V: InAddress> Clone for AddressView<V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<V: InAddress> Copy for AddressView<V> {}

impl<V: InAddress> AddressView<V> {
    /// The view of the page at `path` (e.g. `/queue`), from the current address.
    pub fn new(path: &'static str) -> Self {
        let query = use_query_map();
        let navigate = use_navigate();
        AddressView {
            view: Memo::new(move |_| query.with(|q| V::from_query(|k| q.get(k)))),
            path,
            navigate: StoredValue::new_local(Box::new(move |url: &str, o| navigate(url, o))),
        }
    }

    pub fn get(&self) -> V {
        self.view.get()
    }

    /// The whole view, tracked.
    pub fn memo(&self) -> Memo<V> {
        self.view
    }

    /// One part of the view, tracked: it changes only when that part does.
    pub fn part<T: PartialEq + Clone + Send + Sync + 'static>(
        &self,
        part: impl Fn(&V) -> T + Send + Sync + 'static,
    ) -> Memo<T> {
        let view = self.view;
        Memo::new(move |_| view.with(&part))
    }

    pub fn set(&self, v: V) {
        let url = format!("{}{}", self.path, v.to_query());
        let options = NavigateOptions {
            replace: true,
            scroll: false,
            ..Default::default()
        };
        self.navigate.with_value(|n| n(&url, options));
    }

    pub fn update(&self, change: impl FnOnce(&mut V)) {
        let mut v = self.view.get_untracked();
        change(&mut v);
        self.set(v);
    }
}
