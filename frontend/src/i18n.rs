//! Every string the app shows, once per language. zh-CN is the default.

use onestop_client::ClientError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Anything but English means Chinese: the app is Chinese first.
    pub fn from_code(code: &str) -> Self {
        if code.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    pub fn other(self) -> Self {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

pub struct Texts {
    pub app_name: &'static str,
    /// The label of the language switch: the name of the *other* language.
    pub switch_to: &'static str,
    pub switch_hint: &'static str,
    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub username: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub signing_in: &'static str,
    pub sign_out: &'static str,
    pub welcome: &'static str,
    pub roles: &'static str,
    pub unit: &'static str,
    pub loading: &'static str,
    pub api_docs: &'static str,
    pub err_invalid_credentials: &'static str,
    pub err_locked: &'static str,
    pub err_inactive: &'static str,
    pub err_session_over: &'static str,
    pub err_check_fields: &'static str,
    pub err_network: &'static str,
    pub err_server: &'static str,
    pub err_required: &'static str,
    pub role_student: &'static str,
    pub role_grid_member: &'static str,
    pub role_counsellor: &'static str,
    pub role_handler: &'static str,
    pub role_office: &'static str,
    pub role_admin: &'static str,
}

pub const ZH: Texts = Texts {
    app_name: "一站式学生社区",
    switch_to: "English",
    switch_hint: "Switch to English",
    login_title: "登录",
    login_intro: "使用学号或工号登录，办理报修、保险理赔、用印和寝室入住等事务。",
    username: "用户名",
    password: "密码",
    sign_in: "登录",
    signing_in: "正在登录…",
    sign_out: "退出登录",
    welcome: "欢迎，",
    roles: "身份",
    unit: "所属单位",
    loading: "加载中…",
    api_docs: "接口文档",
    err_invalid_credentials: "用户名或密码错误。",
    err_locked: "登录失败次数过多，请稍后再试。",
    err_inactive: "该账号已停用，请联系学生处。",
    err_session_over: "登录已过期，请重新登录。",
    err_check_fields: "请检查标出的内容。",
    err_network: "无法连接服务器，请检查网络后重试。",
    err_server: "服务器出错了，请稍后再试。",
    err_required: "请填写此项。",
    role_student: "学生",
    role_grid_member: "网格员",
    role_counsellor: "驻楼辅导员",
    role_handler: "办理人员",
    role_office: "社区办公室",
    role_admin: "管理员",
};

pub const EN: Texts = Texts {
    app_name: "One-stop Student Community",
    switch_to: "中文",
    switch_hint: "切换到中文",
    login_title: "Sign in",
    login_intro: "Sign in with your student or staff number to request repairs, insurance claims, stamps and dorm check-in.",
    username: "Username",
    password: "Password",
    sign_in: "Sign in",
    signing_in: "Signing in…",
    sign_out: "Sign out",
    welcome: "Welcome, ",
    roles: "Roles",
    unit: "Unit",
    loading: "Loading…",
    api_docs: "API docs",
    err_invalid_credentials: "The username or password is wrong.",
    err_locked: "Too many failed sign-ins. Please wait a moment and try again.",
    err_inactive: "This account has been deactivated. Please contact the Student Affairs Office.",
    err_session_over: "Your session has ended. Please sign in again.",
    err_check_fields: "Please check the highlighted fields.",
    err_network: "Cannot reach the server. Check your connection and try again.",
    err_server: "Something went wrong on the server. Please try again later.",
    err_required: "Please fill this in.",
    role_student: "Student",
    role_grid_member: "Grid member",
    role_counsellor: "Resident counsellor",
    role_handler: "Handler",
    role_office: "Community office",
    role_admin: "Administrator",
};

impl Texts {
    pub fn role(&self, role: onestop_domain::Role) -> &'static str {
        use onestop_domain::Role::*;
        match role {
            Student => self.role_student,
            GridMember => self.role_grid_member,
            Counsellor => self.role_counsellor,
            Handler => self.role_handler,
            Office => self.role_office,
            Admin => self.role_admin,
        }
    }

    /// A sentence for a person, never a status code.
    pub fn describe(&self, e: &ClientError) -> String {
        match e {
            ClientError::Transport(_) => self.err_network.into(),
            ClientError::Unexpected { .. } => self.err_server.into(),
            ClientError::Api(p) => match p.code.as_str() {
                "invalid_credentials" => self.err_invalid_credentials.into(),
                "too_many_attempts" => self.err_locked.into(),
                "account_inactive" => self.err_inactive.into(),
                "token_expired"
                | "session_ended"
                | "refresh_token_expired"
                | "refresh_token_revoked"
                | "refresh_token_reused"
                | "invalid_refresh_token"
                | "invalid_token"
                | "missing_token" => self.err_session_over.into(),
                "validation" => self.err_check_fields.into(),
                _ if p.status >= 500 => self.err_server.into(),
                _ => p.detail.clone(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onestop_domain::problem::Problem;

    fn api(code: &str, status: u16) -> ClientError {
        ClientError::Api(Problem {
            kind: String::new(),
            title: String::new(),
            status,
            detail: "detail from the server".into(),
            code: code.into(),
            request_id: None,
            errors: vec![],
        })
    }

    #[test]
    fn language_codes_default_to_chinese() {
        assert_eq!(Lang::from_code("en-US"), Lang::En);
        assert_eq!(Lang::from_code("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_code(""), Lang::Zh);
        assert_eq!(Lang::Zh.other(), Lang::En);
    }

    #[test]
    fn api_errors_become_sentences_in_each_language() {
        assert_eq!(
            ZH.describe(&api("invalid_credentials", 401)),
            "用户名或密码错误。"
        );
        assert_eq!(EN.describe(&api("too_many_attempts", 429)), EN.err_locked);
        assert_eq!(ZH.describe(&api("internal", 500)), ZH.err_server);
        assert_eq!(
            EN.describe(&api("something_new", 409)),
            "detail from the server"
        );
        let unexpected = ClientError::Unexpected {
            status: 502,
            body: "<html>".into(),
        };
        assert_eq!(ZH.describe(&unexpected), ZH.err_server);
    }

    #[test]
    fn every_text_is_filled_in_both_languages() {
        for t in [&ZH, &EN] {
            for s in [
                t.app_name,
                t.login_title,
                t.username,
                t.password,
                t.sign_in,
                t.sign_out,
                t.switch_to,
            ] {
                assert!(!s.trim().is_empty());
            }
        }
        assert_ne!(ZH.sign_in, EN.sign_in);
    }
}
