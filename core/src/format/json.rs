//! Strict reading of v1 JSON values with every problem collected at its
//! field path. Internal: the public types expose `from_value`/`to_value`.

use serde_json::{Map, Value};

use crate::error::{Issue, IssueCode};
use crate::limits::{MAX_COUNT, MAX_ID_CHARS, YEARS};
use crate::values::money::{DecimalError, Money, Rate, UnitPrice};
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
                // A key is named in the path: never more than an identifier's length of it.
                let key = crate::limits::clip(key.clone(), MAX_ID_CHARS);
                issues.push(Issue::new(
                    IssueCode::UnknownField,
                    Path::Key(path, &key),
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

/// A string that `check` accepts (the rules of [`crate::values`]).
fn p_checked(
    v: &Value,
    path: &Path<'_>,
    issues: &mut Issues,
    check: fn(&str) -> Result<(), crate::values::ValueError>,
) -> Option<String> {
    match v {
        Value::String(s) => match check(s) {
            Ok(()) => Some(s.clone()),
            Err(e) => {
                issues.push(e.at(path));
                None
            }
        },
        _ => {
            wrong_type(issues, path, "string", v);
            None
        }
    }
}

/// A text (at most 10 000 characters).
pub(crate) fn p_str(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<String> {
    p_checked(v, path, issues, crate::values::check_text)
}

/// An identifier: non-empty, at most 256 characters.
pub(crate) fn p_id(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<String> {
    p_checked(v, path, issues, crate::values::check_id)
}

/// A value quoted for a message: at most [`crate::limits::MAX_DETAIL_CHARS`]
/// characters of it, never the whole of a huge value.
pub(crate) fn quote(s: &str) -> String {
    crate::limits::quote(s)
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

/// A count: an integer from 0 to [`MAX_COUNT`].
pub(crate) fn p_u64(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<u64> {
    match v {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                if u > MAX_COUNT {
                    issues.push(Issue::new(
                        IssueCode::OutOfRange,
                        path,
                        format!("{u}: at most {MAX_COUNT}"),
                    ));
                    return None;
                }
                Some(u)
            } else {
                let code = if n.as_i64().is_some() {
                    IssueCode::OutOfRange
                } else {
                    IssueCode::WrongType
                };
                issues.push(Issue::new(code, path, n.to_string()));
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
    let year = match v {
        Value::Number(n) => n.as_i64().and_then(|y| i32::try_from(y).ok()),
        _ => {
            wrong_type(issues, path, "a year (integer)", v);
            return None;
        }
    };
    match year {
        Some(y) if YEARS.contains(&y) => Some(y),
        _ => {
            issues.push(Issue::new(
                IssueCode::OutOfRange,
                path,
                format!("{v} ∉ [1, 9999]"),
            ));
            None
        }
    }
}

fn decimal_issue(code: IssueCode, path: &Path<'_>, s: &str, e: DecimalError) -> Issue {
    let why = match e {
        DecimalError::Syntax => "not a decimal string",
        DecimalError::TooManyDecimals => "too many decimals",
        DecimalError::OutOfRange => "out of range",
    };
    Issue::new(code, path, format!("{}: {why}", quote(s)))
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
    let y = i32::try_from(digits(0..4)?)
        .ok()
        .filter(|y| YEARS.contains(y))?;
    Date::from_ymd_opt(y, digits(5..7)?, digits(8..10)?)
}

pub(crate) fn p_date(v: &Value, path: &Path<'_>, issues: &mut Issues) -> Option<Date> {
    let Value::String(s) = v else {
        wrong_type(issues, path, "a date string", v);
        return None;
    };
    let d = parse_day(s);
    if d.is_none() {
        issues.push(Issue::new(IssueCode::InvalidDate, path, quote(s)));
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
            issues.push(Issue::new(IssueCode::NotInVocabulary, path, quote(s)));
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
                issues.push(Issue::new(IssueCode::WrongType, "", ""));
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

// ---------------------------------------------------------------------------
// Strict parsing of JSON text (domain.md §9.1): a leading byte-order mark is
// skipped; an object that names a key twice and nesting deeper than
// `MAX_DEPTH` are refused, with the path of the problem. The depth is checked
// before descending, so no input can drive the parser to a stack overflow.

use std::cell::RefCell;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::limits::MAX_DEPTH;

/// A segment of the path of a parse failure, collected while unwinding.
enum Seg {
    Key(String),
    Index(usize),
}

/// Why a strict parse failed (beyond JSON syntax).
#[derive(Default)]
pub(crate) struct Failure {
    code: Option<IssueCode>,
    detail: String,
    /// Innermost first.
    rev_path: Vec<Seg>,
}

/// A problem found by the strict parser: its code, its path relative to the
/// text parsed, and a detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonProblem {
    pub code: IssueCode,
    pub path: String,
    pub detail: String,
}

impl JsonProblem {
    /// The problem the strict reader recorded, if it refused the value (a
    /// duplicate key, too deep), rather than the source failing by itself.
    pub(crate) fn from_failure(f: Failure) -> Option<JsonProblem> {
        f.code.map(|code| JsonProblem {
            code,
            path: render(&f.rev_path),
            detail: f.detail,
        })
    }

    /// The problem as an issue, its path under `prefix`.
    pub fn at(self, prefix: &str) -> Issue {
        Issue::new(self.code, join_path(prefix, &self.path), self.detail)
    }

    /// The problem as a one-issue validation error at the root.
    pub fn into_error(self) -> crate::error::ValidationError {
        crate::error::ValidationError {
            issues: vec![self.at("")],
        }
    }
}

/// `prefix` followed by a relative path (`documents[3]` + `title`).
pub(crate) fn join_path(prefix: &str, rel: &str) -> String {
    if prefix.is_empty() {
        rel.to_string()
    } else if rel.is_empty() {
        prefix.to_string()
    } else if rel.starts_with('[') {
        format!("{prefix}{rel}")
    } else {
        format!("{prefix}.{rel}")
    }
}

/// A JSON value read strictly, `depth` levels below the root of the text.
pub(crate) struct Strict<'f> {
    depth: usize,
    failure: &'f RefCell<Failure>,
}

impl<'f> Strict<'f> {
    /// The strict reader of a value `depth` levels below the root, which
    /// records in `failure` why it refuses a value.
    pub(crate) fn new(depth: usize, failure: &'f RefCell<Failure>) -> Strict<'f> {
        Strict { depth, failure }
    }

    /// The reader of the elements of the list this reader is at.
    pub fn child(&self) -> Strict<'_> {
        Strict {
            depth: self.depth + 1,
            failure: self.failure,
        }
    }

    fn fail<E: serde::de::Error>(&self, code: IssueCode, detail: String) -> E {
        let mut f = self.failure.borrow_mut();
        f.code = Some(code);
        f.detail = detail;
        E::custom(code.code())
    }

    fn note(&self, seg: Seg) {
        let mut f = self.failure.borrow_mut();
        if f.code.is_some() {
            f.rev_path.push(seg);
        }
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        if self.depth >= MAX_DEPTH {
            return Err(self.fail(IssueCode::TooDeep, format!("> {MAX_DEPTH}")));
        }
        let mut out = Vec::new();
        loop {
            match seq.next_element_seed(self.child()) {
                Ok(Some(v)) => out.push(v),
                Ok(None) => return Ok(Value::Array(out)),
                Err(e) => {
                    self.note(Seg::Index(out.len()));
                    return Err(e);
                }
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        if self.depth >= MAX_DEPTH {
            return Err(self.fail(IssueCode::TooDeep, format!("> {MAX_DEPTH}")));
        }
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                let e = self.fail(IssueCode::DuplicateKey, String::new());
                self.note(Seg::Key(key));
                return Err(e);
            }
            match map.next_value_seed(self.child()) {
                Ok(v) => {
                    out.insert(key, v);
                }
                Err(e) => {
                    self.note(Seg::Key(key));
                    return Err(e);
                }
            }
        }
        Ok(Value::Object(out))
    }
}

fn render(rev_path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in rev_path.iter().rev() {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => {
                s.push('[');
                s.push_str(&i.to_string());
                s.push(']');
            }
        }
    }
    s
}

/// The text without a leading byte-order mark.
pub(crate) fn skip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Runs `read` on a strict deserializer of `text` (BOM skipped), the values
/// it reads being `depth` levels below the root of the whole document;
/// a syntax error becomes `INVALID_JSON`, and trailing characters are refused.
pub(crate) fn with_strict<T>(
    text: &str,
    depth: usize,
    read: impl FnOnce(
        &mut serde_json::Deserializer<serde_json::de::StrRead<'_>>,
        Strict<'_>,
    ) -> Result<T, serde_json::Error>,
) -> Result<T, JsonProblem> {
    let failure = RefCell::new(Failure::default());
    let mut de = serde_json::Deserializer::from_str(skip_bom(text));
    de.disable_recursion_limit();
    let seed = Strict {
        depth,
        failure: &failure,
    };
    let result = read(&mut de, seed).and_then(|v| de.end().map(|()| v));
    result.map_err(|e| {
        JsonProblem::from_failure(failure.into_inner()).unwrap_or_else(|| JsonProblem {
            code: IssueCode::InvalidJson,
            path: String::new(),
            detail: e.to_string(),
        })
    })
}

/// Parses JSON text strictly into a value, `depth` levels below the root.
pub(crate) fn parse_at(text: &str, depth: usize) -> Result<Value, JsonProblem> {
    with_strict(text, depth, |de, seed| seed.deserialize(de))
}

/// Parses JSON text strictly into a value.
pub(crate) fn parse(text: &str) -> Result<Value, JsonProblem> {
    parse_at(text, 0)
}

/// The entries of a top-level JSON object as raw (unparsed) values, in
/// order; a key named twice is refused. `Ok(None)` when the text is JSON but
/// not an object.
pub(crate) fn raw_entries(
    text: &str,
) -> Result<Option<Vec<(String, &serde_json::value::RawValue)>>, JsonProblem> {
    use serde_json::value::RawValue;
    struct Entries<'f>(&'f RefCell<Option<String>>);
    impl<'de> Visitor<'de> for Entries<'_> {
        type Value = Vec<(String, &'de RawValue)>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out: Vec<(String, &'de RawValue)> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                let value: &'de RawValue = map.next_value()?;
                if !seen.insert(key.clone()) {
                    *self.0.borrow_mut() = Some(key);
                    return Err(serde::de::Error::custom("duplicate key"));
                }
                out.push((key, value));
            }
            Ok(out)
        }
    }
    let text = skip_bom(text);
    if !text.trim_start().starts_with('{') {
        return parse(text).map(|_| None);
    }
    let dup = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let entries = de
        .deserialize_map(Entries(&dup))
        .and_then(|v| de.end().map(|()| v));
    entries.map(Some).map_err(|e| match dup.into_inner() {
        Some(key) => JsonProblem {
            code: IssueCode::DuplicateKey,
            path: key,
            detail: String::new(),
        },
        None => JsonProblem {
            code: IssueCode::InvalidJson,
            path: String::new(),
            detail: e.to_string(),
        },
    })
}

#[cfg(test)]
mod strict_tests {
    use super::*;

    fn problem(text: &str) -> Option<(String, String)> {
        parse(text)
            .err()
            .map(|p| (p.code.code().to_string(), p.path))
    }

    #[test]
    fn duplicate_keys_at_every_depth() {
        assert_eq!(
            problem(r#"{"a": 1, "a": 2}"#),
            Some(("DUPLICATE_KEY".into(), "a".into()))
        );
        assert_eq!(
            problem(r#"{"x": [{"b": 1}, {"c": {"d": 1, "d": 1}}]}"#),
            Some(("DUPLICATE_KEY".into(), "x[1].c.d".into()))
        );
        // Keys written with escapes are the same key.
        assert_eq!(
            problem(r#"{"id": 1, "\u0069d": 2}"#),
            Some(("DUPLICATE_KEY".into(), "id".into()))
        );
        assert_eq!(problem(r#"{"a": 1, "b": {"a": 2}}"#), None);
    }

    #[test]
    fn depth_limit_is_128_levels() {
        let nested = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert_eq!(problem(&nested(MAX_DEPTH)), None);
        let (code, _) = problem(&nested(MAX_DEPTH + 1)).unwrap_or_default();
        assert_eq!(code, "TOO_DEEP");
        // Far deeper than any stack: refused, not a crash.
        let (code, _) = problem(&nested(1_000_000)).unwrap_or_default();
        assert_eq!(code, "TOO_DEEP");
        let objects = format!(
            "{}1{}",
            r#"{"a":"#.repeat(MAX_DEPTH + 1),
            "}".repeat(MAX_DEPTH + 1)
        );
        let (code, path) = problem(&objects).unwrap_or_default();
        assert_eq!(code, "TOO_DEEP");
        assert!(path.starts_with("a.a.a"), "{path}");
        // Depth counts from the root of the whole document.
        assert!(parse_at(&nested(MAX_DEPTH - 2), 2).is_ok());
        assert!(parse_at(&nested(MAX_DEPTH - 1), 2).is_err());
    }

    #[test]
    fn bom_is_skipped_and_syntax_errors_are_invalid_json() {
        assert_eq!(
            parse("\u{feff}{\"a\": 1}").ok(),
            Some(serde_json::json!({"a": 1}))
        );
        assert_eq!(
            problem("{\"a\": }").map(|p| p.0),
            Some("INVALID_JSON".into())
        );
        assert_eq!(problem("{} x").map(|p| p.0), Some("INVALID_JSON".into()));
        assert_eq!(
            raw_entries(r#"{"a": 1, "b": [1], "a": 3}"#)
                .err()
                .map(|p| (p.code, p.path)),
            Some((IssueCode::DuplicateKey, "a".into()))
        );
        assert!(matches!(raw_entries("[1]"), Ok(None)));
        assert!(matches!(raw_entries("\u{feff} {\"a\": 1}"), Ok(Some(v)) if v.len() == 1));
    }
}
