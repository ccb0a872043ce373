use super::*;
use chrono::Duration;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn entrants(n: usize, weight: impl Fn(usize) -> u32) -> Vec<Entrant> {
    (0..n)
        .map(|i| Entrant {
            id: format!("app-{i:03}"),
            weight: weight(i),
        })
        .collect()
}

#[test]
fn the_seed_is_committed_by_its_sha256() {
    // The SHA-256 of "abc", as every implementation gives it.
    assert_eq!(
        commitment("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn a_draw_is_the_same_from_the_same_seed_and_list_in_any_order() {
    let list = entrants(30, |i| 1 + (i % 3) as u32);
    let first = draw("seed-1", &list);
    assert_eq!(first.len(), 30, "everyone is ranked once");
    let mut sorted = first.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), 30);
    let mut shuffled = list.clone();
    shuffled.reverse();
    shuffled.swap(3, 17);
    assert_eq!(draw("seed-1", &shuffled), first);
    assert_ne!(draw("seed-2", &list), first, "another seed, another order");
}

#[test]
fn the_draw_follows_its_written_method() {
    // Re-run by hand for two entrants: round 0 picks by SHA-256("s:0").
    let list = vec![
        Entrant {
            id: "b".into(),
            weight: 1,
        },
        Entrant {
            id: "a".into(),
            weight: 3,
        },
    ];
    let digest = Sha256::digest(b"s:0");
    let x = u64::from_be_bytes(digest[..8].try_into().unwrap());
    let first = if x % 4 < 3 { "a" } else { "b" };
    assert_eq!(draw("s", &list)[0], first);
}

#[test]
fn students_who_lost_before_win_more_often() {
    // 400 sessions of 5 places for 20 applicants, a quarter of whom lost
    // three draws before (weight 4): they should win far more often.
    let (mut heavy_wins, mut light_wins) = (0u32, 0u32);
    for s in 0..400 {
        let list = entrants(20, |i| if i < 5 { weight(&[false; 3]) } else { 1 });
        let order = draw(&format!("sim-{s}"), &list);
        for id in &order[..5] {
            let i: usize = id[4..].parse().unwrap();
            if i < 5 {
                heavy_wins += 1;
            } else {
                light_wins += 1;
            }
        }
    }
    let heavy_rate = f64::from(heavy_wins) / (400.0 * 5.0);
    let light_rate = f64::from(light_wins) / (400.0 * 15.0);
    assert!(
        heavy_rate > 2.0 * light_rate,
        "weight 4 wins {heavy_rate:.2} of the time, weight 1 {light_rate:.2}"
    );
    // Nobody is shut out: weight 1 still wins sometimes.
    assert!(light_rate > 0.05);
}

#[test]
fn over_many_sessions_everyone_gets_a_turn() {
    // 10 students compete for 2 places, again and again; the weights follow
    // each one's history. Compared with a plain lottery, the longest run of
    // losses shrinks.
    let longest_run = |weighted: bool| {
        let mut history: Vec<Vec<bool>> = vec![Vec::new(); 10];
        let mut longest = 0;
        for s in 0..300 {
            let list = entrants(10, |i| if weighted { weight(&history[i]) } else { 1 });
            let order = draw(&format!("turn-{s}"), &list);
            for (i, h) in history.iter_mut().enumerate() {
                let id = format!("app-{i:03}");
                h.push(order[..2].contains(&id));
                let run = h.iter().rev().take_while(|w| !**w).count();
                longest = longest.max(run);
            }
        }
        longest
    };
    assert!(longest_run(true) < longest_run(false));
}

#[test]
fn weight_counts_the_losses_since_the_last_place() {
    assert_eq!(weight(&[]), 1);
    assert_eq!(weight(&[false]), 2);
    assert_eq!(weight(&[false, false, true]), 1);
    assert_eq!(weight(&[true, false, false]), 3);
    assert_eq!(weight(&[false; 10]), MAX_WEIGHT);
}

#[test]
fn applications_close_before_the_start() {
    let now = at("2026-12-03T09:00:00+08:00");
    let starts = now + Duration::days(7);
    assert!(check_deadline(now + Duration::days(5), starts, now).is_ok());
    assert!(check_deadline(starts, starts, now).is_ok());
    let code = |r: Result<(), ValidationErrors>| r.unwrap_err().0[0].code.clone();
    assert_eq!(code(check_deadline(now, starts, now)), "past");
    assert_eq!(
        code(check_deadline(starts + Duration::minutes(1), starts, now)),
        "after_start"
    );
}

#[test]
fn who_may_apply_and_withdraw() {
    let (u, b) = (crate::UnitId::new(), crate::NodeId::new());
    assert!(open_to(None, None, None, None));
    assert!(open_to(Some(u), None, Some(u), None));
    assert!(!open_to(Some(u), None, Some(crate::UnitId::new()), Some(b)));
    assert!(open_to(None, Some(b), None, Some(b)));
    assert!(!open_to(None, Some(b), Some(u), None));

    let now = at("2026-12-03T09:00:00+08:00");
    let later = now + Duration::hours(1);
    assert_eq!(
        withdraw(ApplicationState::Placed, later, now),
        Ok(ApplicationState::Withdrawn)
    );
    assert_eq!(
        withdraw(ApplicationState::Placed, now, now),
        Err(Refusal::NotWithdrawable)
    );
    assert_eq!(
        withdraw(ApplicationState::Withdrawn, later, now),
        Err(Refusal::NotWithdrawable)
    );
    assert_eq!(
        may_give_feedback(Some(true), later, now),
        Err(Refusal::NotStarted)
    );
    assert_eq!(
        may_give_feedback(Some(false), now, now),
        Err(Refusal::NotAttended)
    );
    assert_eq!(may_give_feedback(Some(true), now, now), Ok(()));
}
