//! A real deployment from the console: `onestop init` on an empty database,
//! the first administrator with a password typed (never on the command line),
//! and demo data that never mixes with real accounts.

use crate::helpers::{Backend, TestApp};
use onestop_domain::Role;
use std::io::Write;
use std::process::{Command, Output, Stdio};

both_backends!(
    a_deployment_starts_with_init_and_an_administrator_from_the_console,
    demo_data_and_a_real_deployment_never_mix,
);

/// Run the `onestop` binary against the test server's database, with `stdin` piped in.
fn onestop(app: &TestApp, args: &[&str], stdin: &str) -> Output {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/seed");
    let args: Vec<String> = args.iter().map(|a| a.replace("$SEED", root)).collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_onestop"))
        .args(&args)
        .env("DATABASE_URL", &app.database_url)
        .env("ONESTOP_DATA_DIR", app.data_dir())
        .env("RUST_LOG", "warn")
        // On the test server's clock, which stands still while the test runs.
        .env(
            "ONESTOP_CLOCK_START",
            onestop_api::clock::Clock::now(&app.clock).to_rfc3339(),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    // The command ran on a clock started at the test clock's time and moving on
    // from there; move the test clock past it.
    app.clock.advance(chrono::Duration::seconds(1));
    out
}

fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

async fn a_deployment_starts_with_init_and_an_administrator_from_the_console(b: Backend) {
    let app = TestApp::on(b).empty().spawn().await;
    let out = onestop(
        &app,
        &[
            "init",
            "--plan",
            "$SEED/plan.json",
            "--colleges",
            "$SEED/colleges.json",
        ],
        "",
    );
    assert!(out.status.success(), "{}", said(&out));
    assert!(said(&out).contains("12 plan tasks"), "{}", said(&out));

    let out = onestop(
        &app,
        &["admin", "create", "boss", "--name", "学生处 王老师"],
        "a-long-passphrase\n",
    );
    assert!(out.status.success(), "{}", said(&out));
    let tokens = app
        .client()
        .login("boss", "a-long-passphrase")
        .await
        .unwrap();
    let boss = app.client().with_token(tokens.access_token);
    let me = boss.me().await.unwrap();
    assert!(me.roles.contains(Role::Admin));
    assert_eq!(me.display_name, "学生处 王老师");
    assert_eq!(
        boss.units().await.unwrap().len(),
        25,
        "13 departments, 12 colleges"
    );

    // The password policy holds here too, and a name is taken once.
    let out = onestop(&app, &["admin", "create", "weak"], "123\n");
    assert!(!out.status.success());
    let out = onestop(&app, &["admin", "create", "boss"], "another-passphrase\n");
    assert!(
        !out.status.success() && said(&out).contains("already exists"),
        "{}",
        said(&out)
    );

    // The demo refuses to move in.
    let out = onestop(&app, &["seed", "--demo"], "");
    assert!(
        !out.status.success() && said(&out).contains("real deployment"),
        "{}",
        said(&out)
    );
    app.client()
        .login("student1", "demo1234")
        .await
        .unwrap_err();

    // A forgotten password is set again from the console.
    let out = onestop(
        &app,
        &["admin", "set-password", "boss"],
        "the-next-passphrase\n",
    );
    assert!(out.status.success(), "{}", said(&out));
    app.client()
        .login("boss", "a-long-passphrase")
        .await
        .unwrap_err();
    app.client()
        .login("boss", "the-next-passphrase")
        .await
        .unwrap();
}

async fn demo_data_and_a_real_deployment_never_mix(b: Backend) {
    let app = TestApp::spawn(b).await;
    let out = onestop(&app, &["init", "--plan", "$SEED/plan.json"], "");
    assert!(
        !out.status.success() && said(&out).contains("holds the demo"),
        "{}",
        said(&out)
    );
    // The demo itself may be seeded again.
    let out = onestop(&app, &["seed", "--demo"], "");
    assert!(out.status.success(), "{}", said(&out));
}
