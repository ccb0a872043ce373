//! A webhook receiver on a local port, as another campus system would run
//! one: it checks each delivery's Standard Webhooks signature itself (HMAC-
//! SHA256 over `id.timestamp.body`, computed here, not by the server's
//! library) and answers the statuses it was told to, then 204.

use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use base64::Engine;
use hmac::{Hmac, Mac};
use onestop_domain::integration::events::WebhookEvent;
use sha2::Sha256;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone)]
pub struct Received {
    pub id: String,
    /// `webhook-timestamp`: when the server sent it, in seconds.
    pub timestamp: i64,
    pub signature_ok: bool,
    pub event: WebhookEvent,
    /// As sent, to check again with the client's verifier.
    pub signature: String,
    pub body: Vec<u8>,
}

#[derive(Clone, Default)]
struct Shared {
    secret: Arc<Mutex<String>>,
    got: Arc<Mutex<Vec<Received>>>,
    answers: Arc<Mutex<VecDeque<u16>>>,
}

pub struct Receiver {
    pub url: String,
    shared: Shared,
}

/// The signature the spec asks for, computed from first principles.
pub fn expected_signature(secret: &str, id: &str, timestamp: i64, body: &[u8]) -> String {
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.trim_start_matches("whsec_"))
        .unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{id}.{timestamp}.").as_bytes());
    mac.update(body);
    format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    )
}

async fn receive(req: HttpRequest, body: web::Bytes, s: web::Data<Shared>) -> HttpResponse {
    let header = |n: &str| {
        req.headers()
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let id = header("webhook-id");
    let timestamp: i64 = header("webhook-timestamp").parse().unwrap_or(0);
    let secret = s.secret.lock().unwrap().clone();
    let expected = expected_signature(&secret, &id, timestamp, &body);
    let signature = header("webhook-signature");
    let signature_ok = signature.split(' ').any(|sig| sig == expected);
    let event: WebhookEvent = serde_json::from_slice(&body).unwrap();
    s.got.lock().unwrap().push(Received {
        id,
        timestamp,
        signature_ok,
        event,
        signature,
        body: body.to_vec(),
    });
    let status = s.answers.lock().unwrap().pop_front().unwrap_or(204);
    HttpResponse::build(actix_web::http::StatusCode::from_u16(status).unwrap()).finish()
}

impl Receiver {
    pub async fn start() -> Self {
        let shared = Shared::default();
        let data = web::Data::new(shared.clone());
        let server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .default_service(web::to(receive))
        })
        .workers(1)
        .bind(("127.0.0.1", 0))
        .unwrap();
        let port = server.addrs()[0].port();
        actix_web::rt::spawn(server.run());
        Self {
            url: format!("http://127.0.0.1:{port}/hooks/onestop"),
            shared,
        }
    }

    /// The secret to check signatures with (from the subscription's answer).
    pub fn expect_secret(&self, secret: &str) {
        *self.shared.secret.lock().unwrap() = secret.to_owned();
    }

    /// Answer these statuses to the next deliveries, in order.
    pub fn answer(&self, statuses: &[u16]) {
        self.shared.answers.lock().unwrap().extend(statuses);
    }

    pub fn received(&self) -> Vec<Received> {
        self.shared.got.lock().unwrap().clone()
    }
}
