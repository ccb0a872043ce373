//! Stored ids and enums come back typed. One that does not parse (a row
//! damaged by hand, or by a bad migration) fails the read with a 500 the
//! logs show, instead of turning into a fresh random id or a default value
//! that a person would then act on.

use crate::helpers::{Backend, TestApp};
use crate::raw::Raw;
use onestop_client::RequestQuery;
use onestop_domain::service::forms::{RepairCategory, RepairForm};
use onestop_domain::service::Form;

both_backends!(a_damaged_stored_value_fails_the_read_instead_of_defaulting);

async fn a_damaged_stored_value_fails_the_read_instead_of_defaulting(b: Backend) {
    let app = TestApp::spawn(b).await;
    let student = app.login("student1").await;
    let form = Form::Repair(RepairForm {
        category: RepairCategory::Water,
        description: "水龙头漏水".into(),
        place_id: None,
        preferred_time: None,
    });
    let request = student.submit_request(&form, None).await.unwrap().id;
    let admin = app.login("admin").await;
    assert!(admin.timeline(request).await.is_ok());

    let mut raw = Raw::open(&app);
    // An event's id is referenced by nothing, so it can be damaged in place.
    let damaged = raw.execute(&format!(
        "UPDATE request_events SET id = 'not-a-uuid' WHERE id = \
         (SELECT MIN(id) FROM request_events WHERE request_id = '{request}')"
    ));
    assert_eq!(damaged, 1);
    let err = admin.timeline(request).await.unwrap_err();
    assert_eq!(err.status(), Some(500), "{err}");

    // An enum the code does not know is refused the same way.
    raw.execute(&format!(
        "UPDATE service_requests SET state = 'lost' WHERE id = '{request}'"
    ));
    let err = admin.get_request(request).await.unwrap_err();
    assert_eq!(err.status(), Some(500), "{err}");
    // A page holding the row fails as a whole: an operator notices it, and
    // nobody works from a list with a request quietly missing.
    let err = admin
        .list_requests(&RequestQuery::default())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500), "{err}");
}
