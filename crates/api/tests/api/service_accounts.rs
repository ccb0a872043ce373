//! Service accounts: administrators create them (the secret shown once, kept
//! as a digest), rotate secrets with an overlap, revoke and deactivate.

use crate::helpers::{refused, Backend, TestApp};
use crate::raw::Raw;
use onestop_domain::integration::wire::CreateServiceAccountRequest;
use onestop_domain::integration::ClientScope;

both_backends!(admins_create_rotate_and_revoke_service_accounts);

fn logistics_system() -> CreateServiceAccountRequest {
    CreateServiceAccountRequest {
        name: " 后勤报修系统 ".into(),
        unit: "logistics".into(),
        scopes: vec![ClientScope::RequestsWrite, ClientScope::RequestsRead],
        allowed_addresses: vec!["10.2.0.0/16".into(), "192.0.2.7".into()],
        expires_on: None,
    }
}

async fn admins_create_rotate_and_revoke_service_accounts(b: Backend) {
    let app = TestApp::spawn(b).await;
    let admin = app.login("admin").await;
    let issued = admin
        .create_service_account(&logistics_system())
        .await
        .unwrap();
    let account = &issued.account;
    assert_eq!(account.name, "后勤报修系统");
    assert_eq!(account.unit.code, "logistics");
    assert_eq!(
        account.scopes,
        [ClientScope::RequestsRead, ClientScope::RequestsWrite]
    );
    assert_eq!(account.allowed_addresses, ["10.2.0.0/16", "192.0.2.7/32"]);
    assert!(issued.client_secret.starts_with("oss_") && issued.client_secret.len() > 40);
    assert_eq!(account.secrets.len(), 1);
    assert!(issued.client_secret.ends_with(&account.secrets[0].hint));
    // Only a digest is kept: the secret itself is nowhere in the database.
    let mut raw = Raw::open(&app);
    let found = raw.count(&format!(
        "service_account_secrets WHERE secret_hash = '{}'",
        issued.client_secret
    ));
    assert_eq!(found, 0);
    let listed = admin.service_accounts().await.unwrap();
    assert_eq!(listed.len(), 1);
    // It acts through an account of its own, which nobody can sign in as.
    let own = admin
        .list_users(&onestop_client::UserListQuery {
            q: Some("svc-".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(own.items.len(), 1);
    assert_eq!(own.items[0].display_name, "后勤报修系统");
    let username = &own.items[0].username;
    let unusable = raw.count(&format!(
        "users WHERE username = '{username}' AND password_hash = '!'"
    ));
    assert_eq!(unusable, 1, "no argon2 hash matches `!`");
    // And no password can be given to it, or a person could act as the system.
    let reset = onestop_domain::user::ResetPasswordRequest {
        password: "a-good-password".into(),
    };
    refused(
        admin.reset_password(own.items[0].id, &reset).await,
        409,
        "service_account_user",
    );

    // Rotation: two live secrets until the old one is revoked.
    let second = admin.rotate_secret(issued.client_id).await.unwrap();
    assert_ne!(second.client_secret, issued.client_secret);
    let live = |v: &onestop_domain::integration::wire::ServiceAccountView| {
        v.secrets.iter().filter(|s| s.revoked_at.is_none()).count()
    };
    assert_eq!(live(&second.account), 2);
    let after = admin
        .revoke_secret(issued.client_id, issued.secret_id)
        .await
        .unwrap();
    assert_eq!(live(&after), 1);
    refused(
        admin
            .revoke_secret(issued.client_id, issued.secret_id)
            .await,
        404,
        "not_found",
    );

    // Deactivated: no new secrets.
    let off = admin
        .deactivate_service_account(issued.client_id)
        .await
        .unwrap();
    assert!(!off.active);
    refused(
        admin.rotate_secret(issued.client_id).await,
        409,
        "account_inactive",
    );

    // Bad settings name their fields; other people may not manage accounts.
    let mut bad = logistics_system();
    bad.allowed_addresses = vec!["10.2.0.0/99".into()];
    let p = refused(admin.create_service_account(&bad).await, 422, "validation");
    assert_eq!(p.errors[0].field, "allowed_addresses[0]");
    bad = logistics_system();
    bad.scopes.clear();
    bad.name = String::new();
    let p = refused(admin.create_service_account(&bad).await, 400, "validation");
    let fields: Vec<&str> = p.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["name", "scopes"]);
    let office = app.login("office1").await;
    let err = office.service_accounts().await.unwrap_err();
    assert_eq!(err.status(), Some(403));
}
