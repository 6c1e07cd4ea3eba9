//! What the benchmarks share: the commands of a whole lifecycle.

use numconc::lifecycle::command::{Action, Command, Returns};
use numconc::values::{Count, DocList, DocumentId, Id, ShipmentId, Views};
use numconc::{Campaign, Date};

fn day(y: i32, m: u32, d: u32) -> Date {
    Date::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// The lifecycle of every document eligible on `as_of`, in shipments of
/// 100: select, condition report, preparation, shipment, delivery, QC
/// passed, return — in that order, dated from 2 April to 1 July 2026.
#[must_use]
pub fn lifecycle_commands(campaign: &Campaign, as_of: Date) -> Vec<Command> {
    let ids: Vec<(DocumentId, Views)> = campaign
        .eligibility_all(as_of)
        .into_iter()
        .filter(|(_, e)| e.eligible())
        .filter_map(|(id, _)| {
            let views = campaign.data().document(id).and_then(|d| d.views)?;
            Some((DocumentId::new(id).ok()?, Views::new(views).ok()?))
        })
        .collect();
    let mut commands: Vec<Command> = Vec::with_capacity(ids.len() * 7);
    let c = |date, action| Command::new(date, action);
    let list = |chunk: &[(DocumentId, Views)]| {
        DocList::new(chunk.iter().map(|x| x.0.clone()).collect()).ok()
    };
    for (id, _) in &ids {
        commands.push(c(day(2026, 4, 2), Action::Select { doc: id.clone() }));
    }
    for (id, _) in &ids {
        commands.push(c(
            day(2026, 4, 10),
            Action::RecordCondition {
                doc: id.clone(),
                grade: numconc::values::vocabulary::Grade::Good,
            },
        ));
    }
    for (id, _) in &ids {
        commands.push(c(
            day(2026, 4, 11),
            Action::Prepare {
                doc: id.clone(),
                issues: Count::new(12).ok(),
            },
        ));
    }
    for (n, chunk) in ids.chunks(100).enumerate() {
        let (Ok(shipment), Ok(provider), Some(docs)) = (
            ShipmentId::new(format!("S{n}")),
            Id::new("SIM"),
            list(chunk),
        ) else {
            continue;
        };
        commands.push(c(
            day(2026, 5, 2),
            Action::Ship {
                shipment,
                provider,
                docs,
            },
        ));
    }
    for (id, views) in &ids {
        commands.push(c(
            day(2026, 6, 1),
            Action::Deliver {
                doc: id.clone(),
                views: *views,
            },
        ));
    }
    for (id, views) in &ids {
        let sample =
            Count::new(campaign.programme().qc.required_sample(views.get())).unwrap_or_default();
        commands.push(c(
            day(2026, 6, 5),
            Action::Qc {
                doc: id.clone(),
                sample,
                major: Count::default(),
                minor: Count::default(),
            },
        ));
    }
    for chunk in ids.chunks(100) {
        let grades = vec![numconc::values::vocabulary::Grade::Good; chunk.len()];
        if let Some(r) = list(chunk).and_then(|docs| Returns::new(docs, grades, false).ok()) {
            commands.push(c(day(2026, 7, 1), Action::Return(r)));
        }
    }
    commands
}

/// A rate, `n` things in `secs` seconds (`12 k/s`, `1.20 M/s`).
#[must_use]
pub fn rate(n: usize, secs: f64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let per = n as f64 / secs.max(1e-9);
    if per >= 1e6 {
        format!("{:.2} M/s", per / 1e6)
    } else {
        format!("{:.0} k/s", per / 1e3)
    }
}

/// The peak memory of this process so far (VmHWM).
#[must_use]
pub fn peak_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map_or_else(|| "?".to_string(), |kb| format!("{} MB", kb / 1024))
}
