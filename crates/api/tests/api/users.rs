use crate::helpers::{Backend, TestApp, PASSWORD};
use onestop_client::UserListQuery;
use onestop_domain::user::{CreateUserRequest, UpdateUserRequest};
use onestop_domain::Role;

both_backends!(
    an_admin_creates_an_account_that_can_sign_in,
    a_taken_username_is_a_conflict,
    user_lists_filter_and_page_without_gaps,
    deactivation_locks_the_account_out,
    only_admins_manage_accounts,
    units_list_the_plan_and_the_colleges,
);

fn new_user(username: &str, unit: Option<&str>) -> CreateUserRequest {
    CreateUserRequest {
        username: username.into(),
        display_name: "王五".into(),
        password: "a-good-password".into(),
        roles: vec![Role::Handler],
        unit: unit.map(Into::into),
        student_no: None,
        gender: None,
    }
}

async fn an_admin_creates_an_account_that_can_sign_in(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let res = app
        .http
        .post(app.url("/api/v1/users"))
        .bearer_auth(app.token("admin").await)
        .json(&new_user("Handler9", Some("general-office")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    let location = res.headers()["location"].to_str().unwrap().to_owned();
    let created: onestop_domain::user::UserView = res.json().await.unwrap();
    assert_eq!(location, format!("/api/v1/users/{}", created.id));
    assert_eq!(created.username, "handler9");
    assert_eq!(created.unit.as_ref().unwrap().name_zh, "党政办公室");
    assert_eq!(admin.get_user(created.id).await.unwrap(), created);

    let me = app
        .client()
        .with_token(
            app.client()
                .login("handler9", "a-good-password")
                .await
                .unwrap()
                .access_token,
        )
        .me()
        .await
        .unwrap();
    assert_eq!(me.id, created.id);

    let e = admin
        .create_user(&new_user("handler10", Some("no-such-unit")))
        .await
        .unwrap_err();
    assert_eq!(e.problem().unwrap().errors[0].field, "unit");
}

async fn a_taken_username_is_a_conflict(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let e = admin
        .create_user(&new_user("STUDENT1", None))
        .await
        .unwrap_err();
    let p = e.problem().unwrap();
    assert_eq!((p.status, p.code.as_str()), (409, "username_taken"));
}

async fn user_lists_filter_and_page_without_gaps(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let mut seen = Vec::new();
    let mut query = UserListQuery {
        limit: Some(40),
        ..Default::default()
    };
    loop {
        let page = admin.list_users(&query).await.unwrap();
        assert!(page.items.len() <= 40);
        seen.extend(page.items.into_iter().map(|u| u.username));
        match page.next_cursor {
            Some(c) => query.cursor = Some(c),
            None => break,
        }
    }
    let demo = [
        "admin",
        "office1",
        "counsellor1",
        "counsellor2",
        "handler1",
        "student1",
        "student2",
    ];
    assert_eq!(&seen[..7], demo, "creation order");
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "each account once");
    assert!(
        seen.len() > 80,
        "the demo grid's residents and staff are listed too"
    );

    let counsellors = admin
        .list_users(&UserListQuery {
            role: Some(Role::Counsellor),
            limit: Some(200),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(counsellors
        .items
        .iter()
        .all(|u| u.roles.contains(Role::Counsellor)));
    assert_eq!(counsellors.items.len(), 23, "one per building");

    let economics = admin
        .list_users(&UserListQuery {
            unit: Some("college-economics".into()),
            limit: Some(200),
            ..Default::default()
        })
        .await
        .unwrap();
    let names: Vec<_> = economics
        .items
        .iter()
        .map(|u| u.username.as_str())
        .collect();
    assert!(
        names.contains(&"counsellor1")
            && names.contains(&"student1")
            && !names.contains(&"student2")
    );
    assert!(economics
        .items
        .iter()
        .all(|u| u.unit.as_ref().unwrap().code == "college-economics"));

    let text = admin
        .list_users(&UserListQuery {
            q: Some("张三".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        text.items
            .iter()
            .map(|u| u.username.as_str())
            .collect::<Vec<_>>(),
        ["student1"]
    );

    // `_` is literal, not a wildcard.
    let none = admin
        .list_users(&UserListQuery {
            q: Some("_".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(none.items.is_empty());
}

async fn deactivation_locks_the_account_out(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let student = app.login("student2").await;
    let id = student.me().await.unwrap().id;
    let updated = admin
        .update_user(
            id,
            &UpdateUserRequest {
                active: Some(false),
                display_name: Some("李四（已离校）".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(!updated.active);
    assert_eq!(updated.display_name, "李四（已离校）");
    let e = student.me().await.unwrap_err();
    assert_eq!(e.problem().unwrap().code, "account_inactive");
    let e = app.client().login("student2", PASSWORD).await.unwrap_err();
    assert_eq!(e.problem().unwrap().code, "account_inactive");

    let admin_id = admin.me().await.unwrap().id;
    let e = admin
        .update_user(
            admin_id,
            &UpdateUserRequest {
                active: Some(false),
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert_eq!(e.problem().unwrap().code, "self_lockout");
}

async fn only_admins_manage_accounts(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin_id = app.login("admin").await.me().await.unwrap().id;
    for who in ["student1", "counsellor1", "handler1", "office1"] {
        let c = app.login(who).await;
        let status = |r: Result<_, onestop_client::ClientError>| r.err().and_then(|e| e.status());
        assert_eq!(
            status(c.list_users(&UserListQuery::default()).await.map(|_| ())),
            Some(403),
            "{who}"
        );
        assert_eq!(
            status(c.get_user(admin_id).await.map(|_| ())),
            Some(403),
            "{who}"
        );
        assert_eq!(
            status(c.create_user(&new_user("sneaky", None)).await.map(|_| ())),
            Some(403),
            "{who}"
        );
        let promote = UpdateUserRequest {
            roles: Some(vec![Role::Admin]),
            ..Default::default()
        };
        let own = c.me().await.unwrap().id;
        assert_eq!(
            status(c.update_user(own, &promote).await.map(|_| ())),
            Some(403),
            "{who}"
        );
        assert!(!c.me().await.unwrap().roles.is_admin());
    }
}

async fn units_list_the_plan_and_the_colleges(b: Backend) {
    let app = TestApp::spawn(b).await;
    let units = app.login("student1").await.units().await.unwrap();
    assert_eq!(units.len(), 13 + 12);
    let logistics = units.iter().find(|u| u.code == "logistics").unwrap();
    assert_eq!(logistics.name_zh, "后勤处");
    let colleges = units
        .iter()
        .filter(|u| u.kind == onestop_domain::unit::UnitKind::College)
        .count();
    assert_eq!(colleges, 12);
    assert_eq!(app.client().units().await.unwrap_err().status(), Some(401));
}
