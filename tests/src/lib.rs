//! The conformance vector runner of numconc (`docs/spec/vectors.md`):
//! runs a vector's steps on one campaign and compares the answers with the
//! expectations, or prints the answers whatever the file expects.

use numconc::{BudgetMode, Campaign, CampaignData, Programme};
use serde_json::{json, Value};

/// The step kinds this runner knows.
pub const STEP_KINDS: &[&str] = &["eligibility", "command", "budget", "state", "custody"];

/// The answer to one step.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// What the library answered, in the `expect` shape.
    Value(Value),
    /// A step of a kind this runner does not know.
    Unsupported(String),
}

/// The outcome of one checked step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepResult {
    /// Step number, from 1.
    pub step: usize,
    /// Step kind.
    pub kind: String,
    /// `None` when the answer matches, else why not.
    pub mismatch: Option<String>,
}

fn date(v: &Value, key: &str) -> Result<numconc::Date, String> {
    v.get(key)
        .and_then(Value::as_str)
        .and_then(|s| numconc::Date::parse_from_str(s, "%Y-%m-%d").ok())
        .ok_or_else(|| format!("missing or invalid {key}"))
}

/// Sets up the campaign of a vector.
///
/// # Errors
/// A description of what is wrong with the vector's programme or campaign.
pub fn setup(vector: &Value) -> Result<Campaign, String> {
    let programme = Programme::from_reference(vector.get("programme").unwrap_or(&Value::Null))
        .map_err(|e| format!("programme: {}", e.message_en()))?;
    let data = CampaignData::from_value(vector.get("campaign").unwrap_or(&Value::Null))
        .map_err(|e| format!("campaign: {}", e.message_en()))?;
    Campaign::new(programme, data).map_err(|e| e.message_en())
}

/// Answers one step (commands change the campaign, queries do not).
pub fn answer(campaign: &mut Campaign, step: &Value) -> Answer {
    let Some(kind) = STEP_KINDS.iter().find(|k| step.get(**k).is_some()) else {
        let keys: Vec<&str> = step
            .as_object()
            .map(|o| {
                o.keys()
                    .map(String::as_str)
                    .filter(|k| *k != "expect")
                    .collect()
            })
            .unwrap_or_default();
        return Answer::Unsupported(keys.join(","));
    };
    let body = &step[*kind];
    let value = match *kind {
        "eligibility" => match date(body, "as_of") {
            Ok(day) => {
                let map: serde_json::Map<String, Value> = campaign
                    .eligibility_all(day)
                    .into_iter()
                    .map(|(id, e)| (id.to_string(), e.to_value()))
                    .collect();
                Value::Object(map)
            }
            Err(e) => json!({"error": e}),
        },
        "command" => match campaign.execute_value(body) {
            Ok(()) => json!({"ok": true}),
            Err(e) if !e.reasons().is_empty() => {
                json!({"error": e.code(), "reasons": e.reasons().iter().map(|r| r.code()).collect::<Vec<_>>()})
            }
            Err(e) => json!({"error": e.code()}),
        },
        "budget" => {
            let mode = match body.get("mode").and_then(Value::as_str) {
                Some("actual") => Ok(BudgetMode::Actual),
                Some("estimate") => date(body, "as_of").map(|as_of| BudgetMode::Estimate { as_of }),
                other => Err(format!("unknown budget mode {other:?}")),
            };
            match mode.map(|m| campaign.budget(m)) {
                Ok(Ok(b)) => b.to_value(),
                Ok(Err(e)) => json!({"error": e.code()}),
                Err(e) => json!({"error": e}),
            }
        }
        "state" => {
            let doc = body.get("doc").and_then(Value::as_str).unwrap_or_default();
            campaign
                .state_value(doc)
                .unwrap_or_else(|| json!({"error": "UNKNOWN_DOCUMENT"}))
        }
        _ => match date(body, "as_of") {
            Ok(day) => Value::Array(
                campaign
                    .custody_report(day)
                    .iter()
                    .map(|c| c.to_value())
                    .collect(),
            ),
            Err(e) => json!({"error": e}),
        },
    };
    Answer::Value(value)
}

/// Compares an answer with an expectation: commands and states compare the
/// expected keys only; other steps compare whole values.
#[must_use]
pub fn matches(kind: &str, expect: &Value, got: &Value) -> bool {
    match (kind, expect, got) {
        ("command" | "state", Value::Object(e), Value::Object(g)) => {
            e.iter().all(|(k, v)| g.get(k) == Some(v))
        }
        _ => expect == got,
    }
}

/// Evaluates a vector: one answer per step.
///
/// # Errors
/// When the vector's programme or campaign cannot be set up.
pub fn eval(vector: &Value) -> Result<Vec<Answer>, String> {
    let mut campaign = setup(vector)?;
    let steps = vector
        .get("steps")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    Ok(steps.iter().map(|s| answer(&mut campaign, s)).collect())
}

/// Checks a vector: one result per step.
///
/// # Errors
/// When the vector's programme or campaign cannot be set up.
pub fn check(vector: &Value) -> Result<Vec<StepResult>, String> {
    let mut campaign = setup(vector)?;
    let steps = vector
        .get("steps")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    Ok(steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let kind = STEP_KINDS
                .iter()
                .find(|k| s.get(**k).is_some())
                .map_or("unsupported", |k| k);
            let expect = s.get("expect").unwrap_or(&Value::Null);
            let mismatch = match answer(&mut campaign, s) {
                Answer::Unsupported(k) => Some(format!("unsupported step kind {k:?}")),
                Answer::Value(got) if matches(kind, expect, &got) => None,
                Answer::Value(got) => Some(format!("expected {expect}, got {got}")),
            };
            StepResult {
                step: i + 1,
                kind: kind.to_string(),
                mismatch,
            }
        })
        .collect())
}
/// The seeded generators, shared with the core's property tests.
pub mod bench;

#[path = "../../core/tests/support/synthetic.rs"]
pub mod synthetic;
