//! A notification in words, in the reader's language, and where it leads.

use crate::i18n::Lang;
use crate::labels;
use onestop_domain::notify::{NotificationKind, NotificationView};

/// One sentence: who did what to which request or report.
pub fn text(lang: Lang, n: &NotificationView) -> String {
    use NotificationKind::*;
    let who = n
        .data
        .actor
        .as_ref()
        .map(|p| p.display_name.clone())
        .unwrap_or_else(|| match lang {
            Lang::Zh => "系统".into(),
            Lang::En => "The system".into(),
        });
    let quote = n
        .data
        .quote
        .as_deref()
        .map(|q| match lang {
            Lang::Zh => format!("：“{q}”"),
            Lang::En => format!(": “{q}”"),
        })
        .unwrap_or_default();
    let request = n.data.request.as_ref();
    let summary = request.map(|r| r.summary.clone()).unwrap_or_default();
    let state = request
        .map(|r| labels::state(lang, r.state))
        .unwrap_or_default();
    let a = n.data.assignment.as_ref();
    let task = a.map_or(0, |a| a.task_no);
    let label = a.and_then(|a| a.label.clone()).unwrap_or_default();
    let problem = n
        .data
        .follow_up
        .as_ref()
        .map(|f| f.text.clone())
        .unwrap_or_default();
    let (visits, minimum, last_day) = n
        .data
        .visits
        .as_ref()
        .map(|v| (v.visits, v.minimum, v.last_day.to_string()))
        .unwrap_or_default();
    let (space, slot, approved) = n
        .data
        .booking
        .as_ref()
        .map(|b| {
            let ends = (b.ends_at + chrono::Duration::hours(8)).format("%H:%M");
            let approved = b.state == onestop_domain::community::spaces::BookingState::Approved;
            (
                b.space.clone(),
                format!("{}–{ends}", crate::format::when(b.starts_at)),
                approved,
            )
        })
        .unwrap_or_default();
    let (topic, ahead) = n
        .data
        .talk
        .as_ref()
        .map(|t| (t.topic.clone(), t.ahead.unwrap_or(0)))
        .unwrap_or_default();
    let (title, approved_activity) = n
        .data
        .activity
        .as_ref()
        .map(|a| {
            let open = a.state == onestop_domain::growth::ActivityState::Approved;
            (a.title.clone(), open)
        })
        .unwrap_or_default();
    match (lang, n.kind) {
        (Lang::Zh, RequestStateChanged) => format!("{who}将“{summary}”更新为{state}{quote}"),
        (Lang::Zh, RequestCommented) => format!("{who}评论了“{summary}”{quote}"),
        (Lang::Zh, RequestAssigned) => format!("{who}把“{summary}”指派给您"),
        (Lang::Zh, RequestEscalated) => format!("“{summary}”已超时，升级到您这一级"),
        (Lang::Zh, ReportReturned) => format!("任务{task}的{label}进展报告被{who}退回{quote}"),
        (Lang::Zh, ReportCommented) => format!("{who}对任务{task}的{label}进展报告提出意见{quote}"),
        (Lang::Zh, MilestoneOverdue) => format!("任务{task}的节点“{label}”已逾期"),
        (Lang::Zh, VisitsBehind) => {
            format!("本周期已走访{visits}次，要求至少{minimum}次，{last_day}截止，请尽快安排")
        }
        (Lang::Zh, FollowUpAnswered) => format!("{who}答复了您提出的“{problem}”{quote}"),
        (Lang::Zh, BookingDecided) if approved => {
            format!("{who}批准了您预约的{space}（{slot}）{quote}")
        }
        (Lang::Zh, BookingDecided) => format!("{who}未批准您预约的{space}（{slot}）{quote}"),
        (Lang::Zh, BookingCancelled) => format!("{who}取消了您预约的{space}（{slot}）{quote}"),
        (Lang::Zh, BookingRequested) => format!("{who}申请使用{space}（{slot}），待您审批{quote}"),
        (Lang::Zh, TalkPlaced) => format!("您获得了“{topic}”的名额，请按时参加"),
        (Lang::Zh, TalkWaiting) => format!("“{topic}”名额已满，您在候补名单上，前面还有{ahead}人"),
        (Lang::Zh, TalkCancelled) => format!("{who}取消了“{topic}”{quote}"),
        (Lang::Zh, ActivityToReview) => format!("{who}申报了第二课堂活动“{title}”，待您审核"),
        (Lang::Zh, ActivityReviewed) if approved_activity => {
            format!("{who}通过了“{title}”，学生现在可以报名{quote}")
        }
        (Lang::Zh, ActivityReviewed) => format!("{who}退回了“{title}”{quote}"),
        (Lang::Zh, ActivityPlaced) => format!("有同学退出，您已从候补转为“{title}”的正式名额"),
        (Lang::Zh, ActivityCancelled) => format!("{who}取消了“{title}”{quote}"),
        (Lang::En, RequestStateChanged) => format!("{who} moved “{summary}” to {state}{quote}"),
        (Lang::En, RequestCommented) => format!("{who} commented on “{summary}”{quote}"),
        (Lang::En, RequestAssigned) => format!("{who} assigned “{summary}” to you"),
        (Lang::En, RequestEscalated) => format!("“{summary}” is overdue and escalated to you"),
        (Lang::En, ReportReturned) => {
            format!("{who} sent back the {label} report on task {task}{quote}")
        }
        (Lang::En, ReportCommented) => {
            format!("{who} commented on the {label} report on task {task}{quote}")
        }
        (Lang::En, MilestoneOverdue) => format!("Milestone “{label}” of task {task} is overdue"),
        (Lang::En, VisitsBehind) => {
            format!("{visits} of at least {minimum} visits this period, which ends on {last_day}")
        }
        (Lang::En, FollowUpAnswered) => {
            format!("{who} answered “{problem}”, which you raised{quote}")
        }
        (Lang::En, BookingDecided) if approved => {
            format!("{who} approved your booking of {space} ({slot}){quote}")
        }
        (Lang::En, BookingDecided) => {
            format!("{who} refused your booking of {space} ({slot}){quote}")
        }
        (Lang::En, BookingCancelled) => {
            format!("{who} cancelled your booking of {space} ({slot}){quote}")
        }
        (Lang::En, BookingRequested) => {
            format!("{who} asks to book {space} ({slot}); it waits for you{quote}")
        }
        (Lang::En, TalkPlaced) => format!("You have a place at “{topic}”"),
        (Lang::En, TalkWaiting) => {
            format!("“{topic}” is full: you are on the waiting list, {ahead} ahead of you")
        }
        (Lang::En, TalkCancelled) => format!("{who} cancelled “{topic}”{quote}"),
        (Lang::En, ActivityToReview) => {
            format!("{who} proposed “{title}”; it waits for your review")
        }
        (Lang::En, ActivityReviewed) if approved_activity => {
            format!("{who} approved “{title}”: students can sign up{quote}")
        }
        (Lang::En, ActivityReviewed) => format!("{who} sent back “{title}”{quote}"),
        (Lang::En, ActivityPlaced) => {
            format!("Someone withdrew: you now have a place at “{title}”")
        }
        (Lang::En, ActivityCancelled) => format!("{who} cancelled “{title}”{quote}"),
    }
}

/// The page the notification is about.
pub fn link(n: &NotificationView) -> Option<String> {
    if let Some(r) = &n.data.request {
        return Some(format!("/requests/{}", r.id));
    }
    if let Some(f) = &n.data.follow_up {
        return Some(format!("/follow-ups?view=raised&id={}", f.id));
    }
    if let Some(b) = &n.data.booking {
        let d = onestop_domain::grid::local_date(b.starts_at);
        return Some(format!("/spaces/{}?day={d}", b.space_id));
    }
    if let Some(t) = &n.data.talk {
        return Some(format!("/talks/{}", t.id));
    }
    if let Some(a) = &n.data.activity {
        return Some(format!("/activities/{}", a.id));
    }
    if n.data.visits.is_some() {
        return Some("/visits/new".to_owned());
    }
    n.data
        .assignment
        .as_ref()
        .map(|a| format!("/assignments/{}", a.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use onestop_domain::grid::wire::PersonRef;
    use onestop_domain::notify::{NotificationData, RequestRef};
    use onestop_domain::service::{Kind, State};
    use onestop_domain::{NotificationId, UserId};

    #[test]
    fn a_step_reads_with_who_what_and_the_quote() {
        let id = uuid::Uuid::nil();
        let n = NotificationView {
            id: NotificationId::new(),
            kind: NotificationKind::RequestStateChanged,
            at: chrono::Utc::now(),
            read_at: None,
            data: NotificationData {
                request: Some(RequestRef {
                    id,
                    kind: Kind::Repair,
                    summary: "水龙头漏水".into(),
                    state: State::WaitingOnStudent,
                }),
                actor: Some(PersonRef {
                    id: UserId::new(),
                    display_name: "王师傅".into(),
                }),
                quote: Some("几点方便上门？".into()),
                assignment: None,
                follow_up: None,
                visits: None,
                booking: None,
                talk: None,
                activity: None,
            },
        };
        let zh = text(Lang::Zh, &n);
        assert!(zh.starts_with("王师傅将“水龙头漏水”更新为"), "{zh}");
        assert!(zh.ends_with("：“几点方便上门？”"), "{zh}");
        assert!(text(Lang::En, &n).starts_with("王师傅 moved"));
        assert_eq!(link(&n), Some(format!("/requests/{id}")));
    }

    #[test]
    fn a_place_from_the_waiting_list_leads_to_the_activity() {
        use onestop_domain::growth::ActivityState;
        use onestop_domain::notify::ActivityRef;
        let id = onestop_domain::ActivityId::new();
        let n = NotificationView {
            id: NotificationId::new(),
            kind: NotificationKind::ActivityPlaced,
            at: chrono::Utc::now(),
            read_at: None,
            data: NotificationData {
                activity: Some(ActivityRef {
                    id,
                    title: "书法体验课".into(),
                    starts_at: chrono::Utc::now(),
                    state: ActivityState::Approved,
                }),
                ..Default::default()
            },
        };
        assert_eq!(
            text(Lang::Zh, &n),
            "有同学退出，您已从候补转为“书法体验课”的正式名额"
        );
        assert_eq!(link(&n), Some(format!("/activities/{id}")));
    }
}
