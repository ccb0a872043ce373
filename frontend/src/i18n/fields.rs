//! The server explains a refused field in English (`message`) with a stable
//! `code`; in Chinese the app says it in its own words, by field and code,
//! and falls back to the server's sentence for anything it does not know.

use super::Lang;

pub fn field_message(lang: Lang, field: &str, code: &str, server: &str) -> String {
    if lang == Lang::En {
        return server.to_owned();
    }
    let specific = match (field, code) {
        ("username", "length") => Some("用户名为 3–32 个字符。"),
        ("username", "format") => Some("用户名只能用小写字母、数字和 _ . -，并以字母或数字开头。"),
        ("display_name", "length") => Some("姓名为 1–64 个字符。"),
        ("display_name", "format") => Some("姓名不能含控制字符。"),
        ("password", "length") => Some("密码为 8–128 位。"),
        ("password", "format") => Some("密码不能只有空格。"),
        ("password", "same_as_username") => Some("密码不能与用户名相同。"),
        ("student_no", "format") => Some("学号为 4–20 位字母或数字。"),
        ("roles", _) => Some("至少选择一个角色。"),
        ("unit", _) => Some("没有这个单位。"),
        ("period", "invalid") => Some("请按“年-月”填写，如 2026-10。"),
        ("period", "future") => Some("这个月还没开始，不能报送。"),
        ("period", "too_old") => Some("只能补报 12 个月以内的进展。"),
        ("percent", "out_of_range") => Some("完成度为 0–100。"),
        ("percent", "done_not_100") => Some("已完成的事项，完成度应为 100。"),
        ("done_on", "future") => Some("完成日期不能晚于今天。"),
        ("term", "format") => Some("学期请按“学年-学期”填写，如 2026-2027-1。"),
        ("incident_date", "future") => Some("出险日期不能晚于今天。"),
        ("incident_date", "too_old") => Some("出险一年内才能申请理赔。"),
        ("amount_fen", "range") => Some("金额应大于 0，且不超过 100 万元。"),
        ("copies", "range") => Some("用印份数为 1–20 份。"),
        ("bed", "range") => Some("这个寝室没有这个床位号。"),
        ("room_id", "gender_mismatch") => Some("性别不符，不能选择这个寝室。"),
        ("room_id", "not_a_room") => Some("请选择一个寝室。"),
        ("room_id", "other_college") => Some("只能选择本学院包干区内的寝室。"),
        ("room_id", "current_room") => Some("您已经住在这个寝室。"),
        ("room_id" | "place_id", "unknown") => Some("没有找到这个地点。"),
        ("place_id", "not_yours") => Some("只能报修自己的寝室或公共区域。"),
        ("responsible_id", "not_of_unit") => Some("责任人须为本单位在岗的工作人员。"),
        ("first_response_minutes", "after_resolution") => Some("首次响应时限不能晚于办结时限。"),
        ("url", "bad_url") => Some("请填写以 https:// 或 http:// 开头的网址，不含用户名、密码和 # 部分。"),
        ("url", "internal_address") => Some("这是服务器内网的地址，不能推送；如需推送到校内系统，请管理员在服务器设置中放行该网段。"),
        ("event_types", _) => Some("至少选择一种事件。"),
        ("starts_at", "granularity") | ("ends_at", "granularity") => Some("请按整刻钟选择时间，如 14:00、14:15。"),
        ("opens" | "closes", "granularity" | "pattern") => Some("请按整刻钟填写时间，如 08:00、21:45。"),
        ("closes", "before_start") => Some("关闭时间须晚于开放时间。"),
        ("ends_at", "before_start") => Some("结束时间须晚于开始时间。"),
        ("starts_at", "past") => Some("这个时间已经过去了。"),
        ("starts_at", "too_far") => Some("最多只能预约 60 天以内的时段。"),
        ("ends_at", "too_long") => Some("时间过长：场地一次最多预约 8 小时，活动一次最长 12 小时（系列活动请分次申报）。"),
        ("ends_at", "after_start") => Some("结束时间须晚于开始时间。"),
        ("met", "unmet") => Some("通过须五项质量标准全部符合；未全部符合的请退回并写明原因。"),
        ("met", "duplicate") => Some("每项标准只需勾选一次。"),
        ("note", "reason_required") => Some("退回须写明原因。"),
        ("place_id", "wrong_level") => Some("请选择社区、学院包干区或楼栋；具体房间请写在“具体位置”中。"),
        ("capacity", "range") => Some("名额为 1–2000 人。"),
        ("hours", "range") => Some("学时为 1–40。"),
        ("code", "pattern") if server.contains("lower-case") => Some("代码为 2–40 位小写字母、数字或连字符，以字母开头。"),
        ("code", "pattern") => Some("请输入签到码的 6 位数字。"),
        ("student_id", "not_a_student") => Some("没有这名学生。"),
        ("ends_at", "outside_hours") => Some("所选时段不在场地开放时间内。"),
        ("attendees", "over_capacity") => Some("人数超过了场地可容纳的人数。"),
        ("space_id", "not_open") => Some("该场地已停用，暂不接受预约。"),
        ("space_id", "unknown") => Some("没有找到这个场地。"),
        ("open_to", "duplicate") => Some("每类人员只需选择一次。"),
        ("open_to", _) => Some("请选择可预约的人员：教职工、学生或两者。"),
        ("header", "missing_columns") => Some("文件缺少必需的列，请按模板保留表头。"),
        ("points", "zero") => Some("细则的分值不能为 0。"),
        ("points", "unchanged") => Some("这条积分已经是这个分值，无需更正。"),
        ("points", "range") => Some("分值超出允许的范围。"),
        ("rule_id", "automatic") => Some("第二课堂积分由签到自动计入，无需申报。"),
        ("rule_id", "inactive") => Some("这条细则已停用，请选择其他细则。"),
        ("user_id", "not_a_member") => Some("此人目前不在任何党支部。"),
        ("secretary_id", "not_a_member") => Some("书记须是本支部的现有成员。"),
        ("occurred_on", "future") => Some("日期不能晚于今天。"),
        ("occurred_on", "too_old") => Some("只能申报 90 天以内的积分。"),
        ("model_room_id", "not_yours") => Some("党员示范寝室须是该党员本人的寝室。"),
        ("node_id", "wrong_level") => Some("党工委设在社区，特设党支部设在楼栋。"),
        (_, "not_in_building") => Some("责任区寝室须在本支部所在楼栋。"),
        _ => None,
    };
    let generic = match code {
        "required" => Some("请填写此项。"),
        "length" | "too_long" => Some("长度超出限制。"),
        "format" | "invalid" => Some("格式不正确。"),
        "range" | "out_of_range" => Some("超出允许的范围。"),
        "future" => Some("日期不能晚于今天。"),
        "date_range" => Some("请填写 1900–2200 年之间的日期。"),
        "control_character" => Some("内容含有无法保存的控制字符，请删除后再试。"),
        "unknown_field" => Some("请求含有无法识别的字段。"),
        "unknown" => Some("没有找到所指的对象。"),
        "wrong_level" => Some("网格层级不符。"),
        "not_allowed" => Some("此项不适用于该层级。"),
        "before_start" => Some("结束日期不能早于开始日期。"),
        _ => None,
    };
    specific
        .or(generic)
        .map_or_else(|| server.to_owned(), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_by_field_and_code_then_by_code_then_the_servers_words() {
        assert_eq!(
            field_message(Lang::Zh, "password", "length", "password must be 8 to 128"),
            "密码为 8–128 位。"
        );
        assert_eq!(
            field_message(Lang::Zh, "summary", "required", "describe it"),
            "请填写此项。"
        );
        assert_eq!(
            field_message(Lang::Zh, "x", "brand_new", "a new rule"),
            "a new rule"
        );
        assert_eq!(
            field_message(Lang::En, "password", "length", "password must be 8 to 128"),
            "password must be 8 to 128"
        );
    }
}
