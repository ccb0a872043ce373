//! Who works in a unit: handlers (for assigning requests) and all staff
//! (for answering for reform assignments).

use crate::helpers::{problem, Backend, TestApp};
use onestop_domain::user::CreateUserRequest;
use onestop_domain::Role;

both_backends!(unit_people_are_its_active_staff_once_each);

async fn unit_people_are_its_active_staff_once_each(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let both = admin
        .create_user(&CreateUserRequest {
            username: "twohats".into(),
            display_name: "两岗 老师".into(),
            password: "a-good-password".into(),
            roles: vec![Role::Handler, Role::Office],
            unit: Some("logistics".into()),
            student_no: None,
            gender: None,
        })
        .await
        .unwrap();

    let names = |people: Vec<onestop_domain::grid::wire::PersonRef>| {
        people
            .into_iter()
            .map(|p| p.display_name)
            .collect::<Vec<_>>()
    };
    let handlers = names(admin.unit_handlers("logistics").await.unwrap());
    assert!(
        handlers.contains(&"后勤维修 王师傅".to_owned()),
        "{handlers:?}"
    );
    let staff = names(admin.unit_staff("logistics").await.unwrap());
    assert_eq!(
        staff.iter().filter(|n| *n == "两岗 老师").count(),
        1,
        "two roles, listed once: {staff:?}"
    );
    let sa = names(admin.unit_staff("student-affairs").await.unwrap());
    assert!(sa.contains(&"社区办公室 周老师".to_owned()), "{sa:?}");
    assert!(sa.contains(&"系统管理员".to_owned()), "{sa:?}");
    assert!(
        admin.unit_handlers("student-affairs").await.unwrap().len() < sa.len(),
        "handlers are a subset of staff"
    );

    // Deactivated people answer for nothing.
    admin
        .update_user(
            both.id,
            &onestop_domain::user::UpdateUserRequest {
                active: Some(false),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(!names(admin.unit_staff("logistics").await.unwrap()).contains(&"两岗 老师".to_owned()));

    let student = app.token("student1").await;
    let res = app
        .http
        .get(app.url("/api/v1/units/logistics/staff"))
        .bearer_auth(&student)
        .send()
        .await
        .unwrap();
    problem(res, 403, "forbidden").await;
    let res = app
        .http
        .get(app.url("/api/v1/units/no-such-unit/staff"))
        .bearer_auth(app.token("admin").await)
        .send()
        .await
        .unwrap();
    problem(res, 404, "not_found").await;
}
