//! Strict reading of v1 JSON values with every problem collected at its
//! field path. Internal: the public types expose `from_value`/`to_value`.

use serde_json::{Map, Value};

use crate::error::{Issue, IssueCode};
use crate::money::{DecimalError, Money, Rate, UnitPrice};
use crate::Date;

pub(crate) type Issues = Vec<Issue>;

/// A field path, built lazily: it is only rendered when an issue names it,
/// so reading valid data allocates no path strings.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Path<'a> {
    /// The root (usually `""`).
    Root(&'a str),
    /// A key of an object.
    Key(&'a Path<'a>, &'a str),
    /// An element of a list.
    Index(&'a Path<'a>, usize),
}

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Path::Root(s) => f.write_str(s),
            Path::Key(parent, key) => {
                let p = parent.to_string();
                if p.is_empty() {
                    f.write_str(key)
                } else {
                    write!(f, "{p}.{key}")
                }
            }
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

impl From<&Path<'_>> for String {
    fn from(p: &Path<'_>) -> String {
        p.to_string()
    }
}

impl From<Path<'_>> for String {
    fn from(p: Path<'_>) -> String {
        p.to_string()
    }
}

/// The root path.
pub(crate) const ROOT: Path<'static> = Path::Root("");

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

pub(crate) fn wrong_type(issues: &mut Issues, path: &Path<'_>, expected: &str, v: &Value) {
    issues.push(Issue::new(
        IssueCode::WrongType,
        path,
        format!("expected {expected}, found {}", type_name(v)),
    ));
}

/// The fields of one JSON object, with its path.
pub(crate) struct Fields<'v, 'p> {
    pub map: &'v Map<String, Value>,
    pub path: &'p Path<'p>,
}

impl<'v, 'p> Fields<'v, 'p> {
    /// Checks that `v` is an object whose keys are all in `allowed`.
    pub fn new(
        v: &'v Value,
        path: &'p Path<'p>,
        allowed: &[&str],
        issues: &mut Issues,
    ) -> Option<Self> {
        let Value::Object(map) = v else {
            wrong_type(issues, path, "object", v);
            return None;
        };
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                issues.push(Issue::new(
                    IssueCode::UnknownField,
                    Path::Key(path, key),
                    "",
                ));
            }
        }
        Some(Fields { map, path })
    }

    pub fn path_of<'s>(&'s self, key: &'s str) -> Path<'s> {
        Path::Key(self.path, key)
    }

    /// The value of a key, `None` when absent or null.
    pub fn get(&self, key: &str) -> Option<&'v Value> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// A required field: absent or null is `MISSING_FIELD`.
    pub fn req<T>(
        &self,
        key: &str,
        issues: &mut Issues,
        parse: impl FnOnce(&'v Value, &Path<'_>, &mut Issues) -> Option<T>,
    ) -> Option<T> {
        let path = self.path_of(key);
        match self.get(key) {
            None => {
                issues.push(Issue::new(IssueCode::MissingField, path, ""));
                None
            }
            Some(v) => parse(v, &path, issues),
        }
    }

    /// An optional field: absent or null is `None`; an invalid value is
    /// reported (and read as `None`, the object being refused anyway).
    pub fn opt<T>(
        &self,
        key: &str,
        issues: &mut Issues,
        parse: impl FnOnce(&'v Value, &Path<'_>, &mut Issues) -> Option<T>,
    ) -> Option<T> {
        let path = self.path_of(key);
        self.get(key).and_then(|v| parse(v, &path, issues))
    }
}

pub(crate) fn p_str(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        _ => {
            wrong_type(issues, path, "string", v);
            None
        }
    }
}

/// A non-empty string (identifiers, names).
pub(crate) fn p_id(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<String> {
    let s = p_str(v, path, issues)?;
    if s.trim().is_empty() {
        issues.push(Issue::new(IssueCode::EmptyValue, path, ""));
        return None;
    }
    Some(s)
}

pub(crate) fn p_bool(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        _ => {
            wrong_type(issues, path, "boolean", v);
            None
        }
    }
}

pub(crate) fn p_u64(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<u64> {
    match v {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                Some(u)
            } else {
                let code = if n.as_i64().is_some() {
                    IssueCode::OutOfRange
                } else {
                    IssueCode::WrongType
                };
                issues.push(Issue::new(
                    code,
                    path,
                    format!("expected a non-negative integer, found {n}"),
                ));
                None
            }
        }
        _ => {
            wrong_type(issues, path, "integer", v);
            None
        }
    }
}

pub(crate) fn p_u32(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<u32> {
    let u = p_u64(v, path, issues)?;
    if let Ok(x) = u32::try_from(u) {
        Some(x)
    } else {
        issues.push(Issue::new(IssueCode::OutOfRange, path, u.to_string()));
        None
    }
}

/// A year (1..=9999).
pub(crate) fn p_year(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<i32> {
    let u = p_u64(v, path, issues)?;
    if (1..=9999).contains(&u) {
        i32::try_from(u).ok()
    } else {
        issues.push(Issue::new(IssueCode::OutOfRange, path, u.to_string()));
        None
    }
}

fn decimal_issue(code: IssueCode, path: &Path<'_>, s: &str, e: DecimalError) -> Issue {
    let why = match e {
        DecimalError::Syntax => "not a decimal string",
        DecimalError::TooManyDecimals => "too many decimals",
        DecimalError::OutOfRange => "out of range",
    };
    Issue::new(code, path, format!("{s:?}: {why}"))
}

pub(crate) fn p_money(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Money> {
    let Value::String(s) = v else {
        wrong_type(issues, path, "money as a string", v);
        return None;
    };
    Money::parse(s)
        .map_err(|e| issues.push(decimal_issue(IssueCode::InvalidMoney, path, s, e)))
        .ok()
}

pub(crate) fn p_unit_price(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<UnitPrice> {
    let Value::String(s) = v else {
        wrong_type(issues, path, "a unit price as a string", v);
        return None;
    };
    UnitPrice::parse(s)
        .map_err(|e| issues.push(decimal_issue(IssueCode::InvalidMoney, path, s, e)))
        .ok()
}

pub(crate) fn p_rate(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Rate> {
    let Value::String(s) = v else {
        wrong_type(issues, path, "a rate as a string", v);
        return None;
    };
    Rate::parse(s)
        .map_err(|e| issues.push(decimal_issue(IssueCode::InvalidRate, path, s, e)))
        .ok()
}

/// An ISO day `YYYY-MM-DD`, exactly.
pub(crate) fn parse_day(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let y = i32::try_from(digits(0..4)?).ok()?;
    Date::from_ymd_opt(y, digits(5..7)?, digits(8..10)?)
}

pub(crate) fn p_date(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Date> {
    let Value::String(s) = v else {
        wrong_type(issues, path, "a date string", v);
        return None;
    };
    let d = parse_day(s);
    if d.is_none() {
        issues.push(Issue::new(IssueCode::InvalidDate, path, format!("{s:?}")));
    }
    d
}

/// A value of a closed vocabulary.
pub(crate) fn p_vocab<T>(
    parse: fn(&str) -> Option<T>,
) -> impl Fn(&Value, &Path<'_>, &mut Issues) -> Option<T> {
    move |v, path, issues| {
        let Value::String(s) = v else {
            wrong_type(issues, path, "string", v);
            return None;
        };
        let t = parse(s);
        if t.is_none() {
            issues.push(Issue::new(
                IssueCode::NotInVocabulary,
                path,
                format!("{s:?}"),
            ));
        }
        t
    }
}

/// A list whose every element is read by `elem`.
pub(crate) fn p_list<'v, T>(
    elem: impl Fn(&'v Value, &Path<'_>, &mut Issues) -> Option<T>,
) -> impl FnOnce(&'v Value, &Path<'_>, &mut Issues) -> Option<Vec<T>> {
    move |v, path, issues| {
        let Value::Array(items) = v else {
            wrong_type(issues, path, "array", v);
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match elem(item, &Path::Index(path, i), issues) {
                Some(t) => out.push(t),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }
}

/// The result of a read: the object when no issue was found.
pub(crate) fn finish<T>(
    read: Option<T>,
    mut issues: Issues,
) -> Result<T, crate::error::ValidationError> {
    match read {
        Some(x) if issues.is_empty() => Ok(x),
        _ => {
            if issues.is_empty() {
                // A read that gives up always reports why; keep an error all the same.
                issues.push(Issue::new(IssueCode::WrongType, "", "invalid value"));
            }
            Err(crate::error::ValidationError { issues })
        }
    }
}

/// Builders of output objects.
pub(crate) struct Out(pub Map<String, Value>);

impl Out {
    pub fn new() -> Self {
        Out(Map::new())
    }
    pub fn put(mut self, key: &str, v: impl Into<Value>) -> Self {
        self.0.insert(key.to_string(), v.into());
        self
    }
    pub fn put_opt<T: Into<Value>>(self, key: &str, v: Option<T>) -> Self {
        match v {
            Some(v) => self.put(key, v),
            None => self,
        }
    }
    pub fn build(self) -> Value {
        Value::Object(self.0)
    }
}

pub(crate) fn strs<T: ToString>(items: &[T]) -> Value {
    Value::Array(items.iter().map(|t| Value::String(t.to_string())).collect())
}
