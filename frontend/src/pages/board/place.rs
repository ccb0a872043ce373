//! The board's place in the address (which tab, which assignments), so a
//! reload or a shared link opens the same view.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Tasks,
    Units,
    Assignments,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place {
    pub tab: Tab,
    pub task: Option<i32>,
    /// Unit code; empty for all.
    pub unit: String,
    pub flagged: bool,
}

impl crate::components::InAddress for Place {
    fn to_query(&self) -> String {
        let mut parts = Vec::new();
        match self.tab {
            Tab::Tasks => {}
            Tab::Units => parts.push("view=units".to_owned()),
            Tab::Assignments => parts.push("view=assignments".to_owned()),
        }
        if let Some(n) = self.task {
            parts.push(format!("task={n}"));
        }
        // Unit codes are ASCII letters, digits and hyphens: nothing to escape.
        if !self.unit.is_empty() {
            parts.push(format!("unit={}", self.unit));
        }
        if self.flagged {
            parts.push("flagged=1".into());
        }
        crate::components::query_of(&parts)
    }

    /// Unknown values are ignored: an old or mistyped link still opens the board.
    fn from_query(get: impl Fn(&str) -> Option<String>) -> Self {
        Place {
            tab: match get("view").as_deref() {
                Some("units") => Tab::Units,
                Some("assignments") => Tab::Assignments,
                _ => Tab::Tasks,
            },
            task: get("task").and_then(|n| n.parse().ok()),
            unit: get("unit")
                .filter(|u| u.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
                .unwrap_or_default(),
            flagged: get("flagged").is_some_and(|v| v == "1"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::InAddress;

    fn parse(q: &str) -> Place {
        let pairs: Vec<(String, String)> = q
            .trim_start_matches('?')
            .split('&')
            .filter_map(|p| p.split_once('='))
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
            .collect();
        Place::from_query(|k| pairs.iter().find(|(a, _)| a == k).map(|(_, b)| b.clone()))
    }

    #[test]
    fn the_boards_place_round_trips_through_the_address() {
        let p = Place {
            tab: Tab::Assignments,
            task: Some(7),
            unit: "college-economics".into(),
            flagged: true,
        };
        assert_eq!(parse(&p.to_query()), p);
        assert_eq!(Place::default().to_query(), "");
        assert_eq!(
            parse("?view=nonsense&task=x&unit=<script>"),
            Place::default()
        );
    }
}
