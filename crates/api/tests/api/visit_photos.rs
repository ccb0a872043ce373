//! Photos of a visit: added by those who made or recorded it, photos only,
//! ten at most, and served to those who see the visit.

use crate::helpers::{refused, Backend, TestApp};
use crate::service_files::png;
use onestop_client::VisitQuery;
use onestop_domain::PhotoId;

both_backends!(a_visit_keeps_its_photos_for_those_who_see_it);

async fn a_visit_keeps_its_photos_for_those_who_see_it(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let seeded = admin
        .list_visits(&VisitQuery::default())
        .await
        .unwrap()
        .items
        .into_iter()
        .find(|v| v.visitor.display_name.contains("黄书记"))
        .expect("leader1's seeded visit in X1");
    let id = seeded.id;
    let leader = app.login("leader1").await;
    let added = leader
        .add_visit_photo(id, "寝室走访.png", png())
        .await
        .unwrap();
    assert_eq!(
        (added.content_type.as_str(), added.size),
        ("image/png", png().len() as i64)
    );
    assert!(added.uploaded_by.display_name.contains("黄书记"));
    let shown = leader.get_visit(id).await.unwrap();
    assert_eq!(
        shown.photos.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![added.id]
    );
    assert_eq!(leader.visit_photo(id, added.id).await.unwrap(), png());

    // X1's counsellor sees the visit and its photos but was not on it.
    let counsellor = app.login("counsellor1").await;
    assert_eq!(counsellor.visit_photo(id, added.id).await.unwrap(), png());
    refused(
        counsellor.add_visit_photo(id, "x.png", png()).await,
        403,
        "forbidden",
    );
    // Another leader does not see the visit at all; a student sees no visits.
    let other = app.login("leader2").await;
    refused(other.visit_photo(id, added.id).await, 404, "not_found");
    refused(
        other.add_visit_photo(id, "x.png", png()).await,
        404,
        "not_found",
    );
    let student = app.login("student1").await;
    refused(student.visit_photo(id, added.id).await, 403, "forbidden");
    refused(
        leader.visit_photo(id, PhotoId::new()).await,
        404,
        "not_found",
    );

    // Photos, not documents: a PDF is refused by its content and nothing is kept.
    let pdf = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".to_vec();
    refused(
        leader.add_visit_photo(id, "纪要.pdf", pdf).await,
        415,
        "unsupported_media_type",
    );
    assert_eq!(leader.get_visit(id).await.unwrap().photos.len(), 1);

    // Ten at most; the office that may record for the leader is refused the eleventh too.
    for i in 2..=10 {
        admin
            .add_visit_photo(id, &format!("{i}.png"), png())
            .await
            .unwrap();
    }
    refused(
        leader.add_visit_photo(id, "11.png", png()).await,
        409,
        "too_many_photos",
    );
    let all = leader.get_visit(id).await.unwrap().photos;
    assert_eq!(all.len(), 10);
    assert_eq!(all[0].id, added.id, "in the order they were added");
}
