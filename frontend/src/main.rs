//! The onestop web app: a Leptos client-side app that talks to the API only
//! through `onestop-client`.

mod app;
mod components;
mod ctx;
mod format;
mod forms;
mod i18n;
mod labels;
mod live;
mod notices;
mod pages;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
