//! The 第二课堂成绩单 as an A4 PDF: who, each activity by semester with its
//! 学时, the sums by 五育 category, and the code with the address (and a QR
//! code of it) where anyone confirms it without signing in.

use super::{fit, font, qr, rule, text, FontFile, PdfError, A4};
use chrono::{DateTime, Duration, Utc};
use krilla::action::{Action, LinkAction};
use krilla::annotation::{Annotation, LinkAnnotation, Target};
use krilla::geom::Rect;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::Document;
use onestop_domain::growth::transcript::{CategoryHours, IssuedTranscript};
use onestop_domain::growth::Category;

const MARGIN: f32 = 56.0;
const ROW: f32 = 17.0;
/// Where the last row of a page may stand, above the footer.
const BOTTOM: f32 = A4.1 - 80.0;
const COLUMNS: [f32; 4] = [MARGIN, MARGIN + 80.0, MARGIN + 360.0, MARGIN + 430.0];

fn category_zh(c: Category) -> &'static str {
    match c {
        Category::Moral => "德育",
        Category::Intellectual => "智育",
        Category::Physical => "体育",
        Category::Aesthetic => "美育",
        Category::Labour => "劳育",
    }
}

/// `2026-autumn` → `2026年秋季学期`.
fn semester_zh(key: &str) -> String {
    match key.split_once('-') {
        Some((y, "autumn")) => format!("{y}年秋季学期"),
        Some((y, "spring")) => format!("{y}年春季学期"),
        _ => key.to_owned(),
    }
}

fn by_category(hours: &[CategoryHours]) -> String {
    hours
        .iter()
        .map(|h| format!("{} {}", category_zh(h.category), h.hours))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn campus(t: DateTime<Utc>) -> String {
    (t + Duration::hours(8))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// One line of the body, in the order drawn.
enum Line {
    Semester(String),
    Header,
    Entry([String; 4]),
    Subtotal(String),
    Gap,
}

fn body(issued: &IssuedTranscript) -> Vec<Line> {
    let t = &issued.transcript;
    let mut out = Vec::new();
    for s in &t.semesters {
        out.push(Line::Semester(semester_zh(&s.semester)));
        out.push(Line::Header);
        for l in t.lines.iter().filter(|l| l.semester == s.semester) {
            out.push(Line::Entry([
                l.on.to_string(),
                fit(&l.title, 25.0),
                category_zh(l.category).to_owned(),
                l.hours.to_string(),
            ]));
        }
        out.push(Line::Subtotal(format!(
            "本学期 {} 学时（{}）",
            s.hours,
            by_category(&s.by_category)
        )));
        out.push(Line::Gap);
    }
    out
}

/// The PDF of an issued transcript; `verify_url` is the public page for its code.
pub fn transcript(
    issued: &IssuedTranscript,
    verify_url: &str,
    file: Option<&FontFile>,
) -> Result<Vec<u8>, PdfError> {
    let f = font(file)?;
    let t = &issued.transcript;
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(format!("第二课堂成绩单 · {}", t.student.display_name))
            .language("zh-CN".into())
            .creator("onestop".into()),
    );
    let lines = body(issued);
    let mut rest = lines.iter().peekable();
    let mut number = 0;
    while number == 0 || rest.peek().is_some() {
        number += 1;
        let settings = PageSettings::from_wh(A4.0, A4.1).ok_or(PdfError::Write("A4".into()))?;
        let mut page = doc.start_page_with(settings);
        let mut s = page.surface();
        let mut y = MARGIN + 20.0;
        text(&mut s, &f, 20.0, MARGIN, y, "第二课堂成绩单");
        y += 24.0;
        let unit = t.unit.as_ref().map(|u| u.name_zh.as_str()).unwrap_or("");
        let who = format!(
            "姓名 {}　学号 {}　{}",
            t.student.display_name,
            t.student_no.as_deref().unwrap_or("—"),
            unit
        );
        text(&mut s, &f, 11.0, MARGIN, y, &who);
        y += 16.0;
        let when = format!(
            "出具于 {}　验证码 {}",
            campus(issued.issued_at),
            issued.code
        );
        text(&mut s, &f, 9.5, MARGIN, y, &when);
        if number == 1 {
            // The code on paper, for a phone: the public page that confirms it.
            qr(&mut s, verify_url, A4.0 - MARGIN - 72.0, MARGIN - 4.0, 72.0);
        }
        y += 22.0;
        rule(&mut s, MARGIN, A4.0 - MARGIN, y - 12.0);
        while let Some(line) = rest.peek() {
            if y > BOTTOM {
                break;
            }
            match line {
                Line::Semester(name) => text(&mut s, &f, 12.5, MARGIN, y, name),
                Line::Header => {
                    for (x, h) in COLUMNS.iter().zip(["日期", "活动", "类别", "学时"]) {
                        text(&mut s, &f, 9.0, *x, y, h);
                    }
                    rule(&mut s, MARGIN, A4.0 - MARGIN, y + 4.0);
                }
                Line::Entry(cells) => {
                    for (x, c) in COLUMNS.iter().zip(cells) {
                        text(&mut s, &f, 10.0, *x, y, c);
                    }
                }
                Line::Subtotal(sum) => text(&mut s, &f, 10.0, COLUMNS[1], y, sum),
                Line::Gap => {}
            }
            y += if matches!(line, Line::Semester(_)) {
                20.0
            } else {
                ROW
            };
            rest.next();
        }
        if rest.peek().is_none() {
            rule(&mut s, MARGIN, A4.0 - MARGIN, y - 8.0);
            y += 6.0;
            let total = format!("合计 {} 学时", t.hours);
            text(&mut s, &f, 12.5, MARGIN, y, &total);
            y += 18.0;
            text(&mut s, &f, 10.0, MARGIN, y, &by_category(&t.totals));
            if t.lines.is_empty() {
                y += 18.0;
                text(&mut s, &f, 10.0, MARGIN, y, "尚无第二课堂学时记录。");
            }
        }
        let foot = A4.1 - 40.0;
        let check = format!("核验（无需登录）：{verify_url}");
        text(&mut s, &f, 8.5, MARGIN, foot, &check);
        text(
            &mut s,
            &f,
            8.5,
            A4.0 - MARGIN - 40.0,
            foot,
            &format!("第 {number} 页"),
        );
        s.finish();
        if let Some(area) = Rect::from_xywh(MARGIN, foot - 10.0, 380.0, 14.0) {
            page.add_annotation(Annotation::new_link(
                LinkAnnotation::new(
                    area,
                    Target::Action(Action::Link(LinkAction::new(verify_url.to_owned()))),
                ),
                Some("核验这份成绩单".into()),
            ));
        }
        page.finish();
    }
    doc.finish().map_err(|e| PdfError::Write(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semesters_are_named_in_chinese() {
        assert_eq!(semester_zh("2026-autumn"), "2026年秋季学期");
        assert_eq!(semester_zh("2027-spring"), "2027年春季学期");
        assert_eq!(semester_zh("odd"), "odd");
    }
}
