//! Checking a webhook before trusting it, as a receiving system must: the
//! Standard Webhooks signature (`v1,` base64 HMAC-SHA256 of
//! `webhook-id.webhook-timestamp.body` under the subscription's secret), a
//! timestamp within five minutes, and a body that is one event.

use chrono::{DateTime, Utc};
use onestop_domain::integration::events::WebhookEvent;

/// How far a delivery's timestamp may be from now (replays are refused).
pub const TOLERANCE_SECONDS: i64 = 5 * 60;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VerifyError {
    #[error("the secret is not a Standard Webhooks secret (whsec_…)")]
    BadSecret,
    #[error("webhook-timestamp is not a number of seconds")]
    BadTimestamp,
    #[error("the delivery is older or newer than five minutes: a replay, or a wrong clock")]
    OutOfTime,
    #[error("no signature matches: another secret signed it, or the body was changed")]
    BadSignature,
    #[error("the body is not an event: {0}")]
    BadBody(String),
}

/// One subscription's verifier, made from the secret shown when it was created.
pub struct WebhookVerifier {
    hook: standardwebhooks::Webhook,
}

impl WebhookVerifier {
    pub fn new(secret: &str) -> Result<Self, VerifyError> {
        standardwebhooks::Webhook::new(secret)
            .map(|hook| Self { hook })
            .map_err(|_| VerifyError::BadSecret)
    }

    /// Check a delivery from its three headers and body, at the real time.
    pub fn verify(
        &self,
        id: &str,
        timestamp: &str,
        signature: &str,
        body: &[u8],
    ) -> Result<WebhookEvent, VerifyError> {
        self.verify_at(id, timestamp, signature, body, Utc::now())
    }

    /// [`WebhookVerifier::verify`] at `now` (tests, replays of a log).
    pub fn verify_at(
        &self,
        id: &str,
        timestamp: &str,
        signature: &str,
        body: &[u8],
        now: DateTime<Utc>,
    ) -> Result<WebhookEvent, VerifyError> {
        let ts: i64 = timestamp
            .trim()
            .parse()
            .map_err(|_| VerifyError::BadTimestamp)?;
        if (now.timestamp() - ts).abs() > TOLERANCE_SECONDS {
            return Err(VerifyError::OutOfTime);
        }
        let expected = self
            .hook
            .sign(id, ts, body)
            .map_err(|_| VerifyError::BadSignature)?;
        // Several signatures are sent while a secret is replaced: any one will do.
        let matches = signature
            .split(' ')
            .any(|s| same(s.as_bytes(), expected.as_bytes()));
        if !matches {
            return Err(VerifyError::BadSignature);
        }
        serde_json::from_slice(body).map_err(|e| VerifyError::BadBody(e.to_string()))
    }
}

/// Equal, in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    fn body() -> Vec<u8> {
        serde_json::json!({
            "id": "0192f5a0-0000-7000-8000-000000000001",
            "type": "request.created",
            "timestamp": "2026-12-03T08:00:00Z",
            "data": {
                "request_id": "0192f5a0-0000-7000-8000-000000000002",
                "kind": "repair", "state": "submitted", "version": 1, "priority": null,
                "summary": "水龙头漏水", "student_id": "0192f5a0-0000-7000-8000-000000000003",
                "place_id": "0192f5a0-0000-7000-8000-000000000004", "building_id": null,
                "zone_id": null, "community_id": "0192f5a0-0000-7000-8000-000000000005",
                "unit": null, "assignee_id": null, "actor_id": null
            }
        })
        .to_string()
        .into_bytes()
    }

    #[test]
    fn a_signed_event_verifies_and_anything_else_does_not() {
        let v = WebhookVerifier::new(SECRET).unwrap();
        let now = Utc::now();
        let ts = now.timestamp().to_string();
        let sig = standardwebhooks::Webhook::new(SECRET)
            .unwrap()
            .sign("evt_1", now.timestamp(), &body())
            .unwrap();
        let e = v.verify_at("evt_1", &ts, &sig, &body(), now).unwrap();
        assert_eq!(e.data.request().unwrap().summary, "水龙头漏水");
        // With an old signature beside the new one (a secret being replaced).
        let both = format!("v1,bm90IHRoaXM= {sig}");
        assert!(v.verify_at("evt_1", &ts, &both, &body(), now).is_ok());
        let mut tampered = body();
        tampered[10] ^= 1;
        assert_eq!(
            v.verify_at("evt_1", &ts, &sig, &tampered, now).unwrap_err(),
            VerifyError::BadSignature
        );
        assert_eq!(
            v.verify_at("evt_2", &ts, &sig, &body(), now).unwrap_err(),
            VerifyError::BadSignature
        );
        let later = now + chrono::Duration::minutes(6);
        assert_eq!(
            v.verify_at("evt_1", &ts, &sig, &body(), later).unwrap_err(),
            VerifyError::OutOfTime
        );
        let other = WebhookVerifier::new("whsec_dGVzdC1rZXktYnl0ZXM=").unwrap();
        assert!(other.verify_at("evt_1", &ts, &sig, &body(), now).is_err());
        assert_eq!(
            WebhookVerifier::new("whsec_%%%").err(),
            Some(VerifyError::BadSecret)
        );
    }
}
