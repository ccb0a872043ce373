//! Latency against a running server: `scripts/bench` seeds a realistic data
//! set, starts the server and runs this. Reports p50/p95/max per call: the
//! queue, and the other pages' heaviest reads (free beds, the reform board).

use std::time::{Duration, Instant};

#[actix_web::main]
async fn main() {
    let base = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:8080".into());
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let http = reqwest::Client::new();
    let token = |who: &'static str| {
        let (http, base) = (http.clone(), base.clone());
        async move {
            let res: serde_json::Value = http
                .post(format!("{base}/api/v1/auth/login"))
                .json(&serde_json::json!({"username": who, "password": "demo1234"}))
                .send()
                .await
                .and_then(|r| r.error_for_status())
                .unwrap_or_else(|e| panic!("login {who}: {e}"))
                .json()
                .await
                .unwrap_or_default();
            res["access_token"].as_str().unwrap_or_default().to_owned()
        }
    };
    let (c1, h1, admin, s1, league) = (
        token("counsellor1").await,
        token("handler1").await,
        token("admin").await,
        token("student1").await,
        token("league1").await,
    );
    let plans: serde_json::Value = http
        .get(format!("{base}/api/v1/plans"))
        .bearer_auth(&admin)
        .send()
        .await
        .map(|r| r.json())
        .unwrap_or_else(|e| panic!("{e}"))
        .await
        .unwrap_or_default();
    let plan = plans[0]["id"].as_str().unwrap_or_default().to_owned();

    // A cursor twenty pages deep, to show keyset paging does not slow down with depth.
    let mut deep = String::new();
    for _ in 0..20 {
        let page: serde_json::Value = http
            .get(format!("{base}/api/v1/requests?limit=50{deep}"))
            .bearer_auth(&admin)
            .send()
            .await
            .map(|r| r.json())
            .unwrap_or_else(|e| panic!("{e}"))
            .await
            .unwrap_or_default();
        deep = format!(
            "&cursor={}",
            page["next_cursor"].as_str().unwrap_or_default()
        );
    }
    let one: serde_json::Value = http
        .get(format!("{base}/api/v1/requests?limit=1"))
        .bearer_auth(&c1)
        .send()
        .await
        .map(|r| r.json())
        .unwrap_or_else(|e| panic!("{e}"))
        .await
        .unwrap_or_default();
    let one_id = one["items"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    let cases: Vec<(&str, &String, String)> = vec![
        (
            "counsellor queue, first page",
            &c1,
            "/api/v1/requests?limit=50".into(),
        ),
        (
            "counsellor queue, state=submitted",
            &c1,
            "/api/v1/requests?state=submitted&limit=50".into(),
        ),
        (
            "counsellor tab counts",
            &c1,
            "/api/v1/requests/counts".into(),
        ),
        (
            "handler queue (whole unit), open",
            &h1,
            "/api/v1/requests?open=true&limit=50".into(),
        ),
        (
            "admin, overdue, oldest first",
            &admin,
            "/api/v1/requests?overdue=true&sort=oldest&limit=50".into(),
        ),
        (
            "admin, page 21",
            &admin,
            format!("/api/v1/requests?limit=50{deep}"),
        ),
        (
            "admin tab counts (all requests)",
            &admin,
            "/api/v1/requests/counts".into(),
        ),
        ("one request", &c1, format!("/api/v1/requests/{one_id}")),
        (
            "student's free beds (college, gender)",
            &s1,
            "/api/v1/grid/vacancies".into(),
        ),
        (
            "admin's free beds (whole grid)",
            &admin,
            "/api/v1/grid/vacancies".into(),
        ),
        ("building list", &h1, "/api/v1/grid/buildings".into()),
        (
            "reform board (whole plan)",
            &admin,
            format!("/api/v1/plans/{plan}/board"),
        ),
        (
            "a unit's open reform to-do",
            &league,
            "/api/v1/reform/inbox".into(),
        ),
    ];
    println!(
        "{:<40} {:>9} {:>9} {:>9}",
        "call", "p50 ms", "p95 ms", "max ms"
    );
    for (name, tok, path) in cases {
        let mut times: Vec<Duration> = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let t = Instant::now();
            let res = http
                .get(format!("{base}{path}"))
                .bearer_auth(tok)
                .send()
                .await
                .unwrap_or_else(|e| panic!("{e}"));
            assert!(res.status().is_success(), "{name}: {}", res.status());
            let _ = res.bytes().await;
            times.push(t.elapsed());
        }
        times.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{:<40} {:>9.2} {:>9.2} {:>9.2}",
            name,
            ms(times[times.len() / 2]),
            ms(times[times.len() * 95 / 100]),
            ms(times[times.len() - 1])
        );
    }
}
