//! A serde [`Deserializer`] over Python values: the way a dict given from
//! Python reaches the core's readers (`Command::from_serde`,
//! `Programme::from_serde`, `CampaignData::from_serde`), with no JSON text
//! or tree built here. Types are checked on the way, as everywhere at this
//! boundary: a `float` is never money (`TypeError`), a `bool` is not a
//! number, a `datetime` is not a day, a `Decimal` is read as its exact
//! decimal text, a `datetime.date` as its ISO day. Nesting is bounded
//! (`numconc::limits::MAX_DEPTH` levels counted in the object the core
//! receives, a cycle ending there too), checked before going down; the
//! path of a value is only made into text when an error names it.
//!
//! A [`Node`] is a value the binding composes from keyword arguments (the
//! command around a dict given to `register_institution`, the campaign
//! around the lists given to `Campaign(...)`): plain strings and numbers
//! already checked, with Python values inside.

use std::fmt;

use numconc::limits::MAX_DEPTH;
use numconc::{IssueCode, ReadError, ValidationError};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyIterator, PyList, PyString, PyTuple};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::convert::{
    decimal_fixed, float_is_not_money, int_out_of_range, is_date, is_datetime, is_decimal,
    is_mapping, not_an_amount, type_name,
};
use crate::errors::validation_error;

/// A value composed by the binding around Python values.
pub(crate) enum Node<'a, 'py> {
    /// A Python value, checked and read as it is walked.
    Py(&'a Bound<'py, PyAny>),
    /// A text already checked (a day written `YYYY-MM-DD`, an identifier…).
    Str(String),
    /// A list.
    List(Vec<Node<'a, 'py>>),
    /// An object, its members in order.
    Map(Vec<(&'a str, Node<'a, 'py>)>),
}

/// Where a value sits, for messages (`document.labels[2]`): one link per
/// level, kept on the stack while the value is read and rendered as text
/// only when an error names it.
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    parent: Option<&'a At<'a>>,
    step: Step<'a>,
    /// How many lists and objects enclose the value in the object the core
    /// receives (a programme, a campaign, a command).
    depth: usize,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root(&'a str),
    Key(&'a str),
    Index(usize),
}

impl<'a> At<'a> {
    /// The root of a value named `path` in messages, `depth` levels below
    /// the root of the object the core receives.
    pub(crate) fn root(path: &'a str, depth: usize) -> At<'a> {
        At {
            parent: None,
            step: Step::Root(path),
            depth,
        }
    }

    fn key(&'a self, key: &'a str) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Key(key),
            depth: self.depth + 1,
        }
    }

    fn index(&'a self, i: usize) -> At<'a> {
        At {
            parent: Some(self),
            step: Step::Index(i),
            depth: self.depth + 1,
        }
    }

    /// The path as text: `path.key` for a field (`key` alone at the top),
    /// `path[i]` for an item.
    pub(crate) fn render(&self) -> String {
        let mut steps = Vec::with_capacity(self.depth + 1);
        let mut link = Some(self);
        while let Some(at) = link {
            steps.push(at.step);
            link = at.parent;
        }
        let mut out = String::new();
        for step in steps.iter().rev() {
            match step {
                Step::Root(path) => out.push_str(path),
                Step::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Step::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }
}

/// Why reading a Python value stopped.
#[derive(Debug)]
pub(crate) enum DeError {
    /// A Python error: a value of a wrong type, an exception raised by a
    /// mapping's `items()`, …
    Py(PyErr),
    /// Invalid data found while walking (nested too deep).
    Invalid(ValidationError),
    /// A reader's own refusal (the fast readers give up with one of these,
    /// and the issue-collecting reader then names the problem).
    Message(String),
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeError::Py(e) => e.fmt(f),
            DeError::Invalid(v) => v.fmt(f),
            DeError::Message(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::Message(msg.to_string())
    }
}

impl From<PyErr> for DeError {
    fn from(e: PyErr) -> Self {
        DeError::Py(e)
    }
}

/// A read error split in two: `Ok` the invalid data (every issue at its
/// path), `Err` the Python exception to raise as it is.
pub(crate) fn invalid_or_raise(e: ReadError<DeError>) -> Result<ValidationError, PyErr> {
    match e {
        ReadError::Invalid(v) | ReadError::Source(DeError::Invalid(v)) => Ok(v),
        ReadError::Source(DeError::Py(e)) => Err(e),
        // The issue-collecting reader never gives up with a bare message:
        // should one come, it is still a clear error, not a crash.
        ReadError::Source(DeError::Message(m)) => Err(PyValueError::new_err(m)),
    }
}

/// A read error as the Python exception to raise (`ValidationError` for
/// invalid data).
pub(crate) fn read_error(py: Python<'_>, e: ReadError<DeError>) -> PyErr {
    match invalid_or_raise(e) {
        Ok(v) => validation_error(py, &v),
        Err(e) => e,
    }
}

/// Checks that a value is a mapping (`TypeError` naming `what` otherwise).
pub(crate) fn expect_mapping(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<()> {
    if is_mapping(obj)? {
        return Ok(());
    }
    Err(PyTypeError::new_err(format!(
        "{what}: expected a dict, got {}",
        type_name(obj)
    )))
}

/// Checks that a value is a list or tuple of mappings (`TypeError` naming
/// `what` otherwise).
pub(crate) fn expect_mappings(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<()> {
    if !(obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>()) {
        return Err(PyTypeError::new_err(format!(
            "{what}: expected a list of dicts, got {}",
            type_name(obj)
        )));
    }
    for (i, item) in obj.try_iter()?.enumerate() {
        expect_mapping(&item?, &format!("{what}[{i}]"))?;
    }
    Ok(())
}

enum Src<'a, 'py> {
    Node(&'a Node<'a, 'py>),
    Obj(Bound<'py, PyAny>),
}

/// The deserializer of one value at its place.
pub(crate) struct De<'a, 'py> {
    src: Src<'a, 'py>,
    at: At<'a>,
}

impl<'a, 'py> De<'a, 'py> {
    /// The deserializer of a composed value.
    pub(crate) fn node(node: &'a Node<'a, 'py>, at: At<'a>) -> Self {
        De {
            src: Src::Node(node),
            at,
        }
    }

    /// The deserializer of a Python value.
    pub(crate) fn py(obj: &Bound<'py, PyAny>, at: At<'a>) -> Self {
        De {
            src: Src::Obj(obj.clone()),
            at,
        }
    }

    /// `TOO_DEEP` when a list or object here would pass the limit.
    fn enter(&self) -> Result<(), DeError> {
        if self.at.depth >= MAX_DEPTH {
            return Err(DeError::Invalid(ValidationError::single(
                IssueCode::TooDeep,
                self.at.render(),
                format!("more than {MAX_DEPTH} levels"),
            )));
        }
        Ok(())
    }

    fn any_py<'de, V: Visitor<'de>>(
        &self,
        obj: &Bound<'py, PyAny>,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if obj.is_none() {
            return visitor.visit_unit();
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return visitor.visit_bool(b.is_true());
        }
        if obj.is_instance_of::<PyInt>() {
            // As JSON numbers are read: a non-negative integer is a u64.
            if let Ok(u) = obj.extract::<u64>() {
                return visitor.visit_u64(u);
            }
            if let Ok(i) = obj.extract::<i64>() {
                return visitor.visit_i64(i);
            }
            return Err(int_out_of_range(obj, &self.at.render()).into());
        }
        if obj.is_instance_of::<PyFloat>() {
            return Err(float_is_not_money(&self.at.render()).into());
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return visitor.visit_str(&s.to_cow()?);
        }
        if is_decimal(obj)? {
            return match decimal_fixed(obj)? {
                Some(text) => visitor.visit_string(text),
                None => Err(not_an_amount(obj, &self.at.render()).into()),
            };
        }
        if is_datetime(obj)? {
            return Err(PyTypeError::new_err(format!(
                "{}: expected datetime.date, got datetime.datetime (a day has no time: use .date())",
                self.at.render()
            ))
            .into());
        }
        if is_date(obj)? {
            let iso: String = obj.call_method0("isoformat")?.extract()?;
            return visitor.visit_string(iso);
        }
        if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
            self.enter()?;
            return visitor.visit_seq(Seq {
                items: Items::Py(obj.try_iter()?),
                at: &self.at,
                i: 0,
            });
        }
        if is_mapping(obj)? {
            self.enter()?;
            return visitor.visit_map(Map {
                members: Members::Py(obj.call_method0("items")?.try_iter()?),
                at: &self.at,
                key: String::new(),
                value: None,
            });
        }
        let path = self.at.render();
        let at = if path.is_empty() { "value" } else { &path };
        Err(PyTypeError::new_err(format!(
            "{at}: {} is not accepted in numconc data (expected str, int, bool, None, \
             decimal.Decimal, datetime.date, list or dict)",
            type_name(obj)
        ))
        .into())
    }
}

impl<'de> Deserializer<'de> for De<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.src {
            Src::Obj(obj) => self.any_py(obj, visitor),
            Src::Node(Node::Py(obj)) => self.any_py(obj, visitor),
            Src::Node(Node::Str(s)) => visitor.visit_str(s),
            Src::Node(Node::List(items)) => {
                self.enter()?;
                visitor.visit_seq(Seq {
                    items: Items::Node(items.iter()),
                    at: &self.at,
                    i: 0,
                })
            }
            Src::Node(Node::Map(members)) => {
                self.enter()?;
                visitor.visit_map(Map {
                    members: Members::Node(members.iter()),
                    at: &self.at,
                    key: String::new(),
                    value: None,
                })
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let none = match &self.src {
            Src::Obj(obj) => obj.is_none(),
            Src::Node(Node::Py(obj)) => obj.is_none(),
            _ => false,
        };
        if none {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// The items of a list: a Python iterator or composed nodes.
enum Items<'a, 'py> {
    Py(Bound<'py, PyIterator>),
    Node(std::slice::Iter<'a, Node<'a, 'py>>),
}

struct Seq<'a, 'py> {
    items: Items<'a, 'py>,
    at: &'a At<'a>,
    i: usize,
}

impl<'de> SeqAccess<'de> for Seq<'_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let src = match &mut self.items {
            Items::Py(items) => match items.next() {
                Some(item) => Src::Obj(item?),
                None => return Ok(None),
            },
            Items::Node(items) => match items.next() {
                Some(node) => Src::Node(node),
                None => return Ok(None),
            },
        };
        let at = self.at.index(self.i);
        self.i += 1;
        seed.deserialize(De { src, at }).map(Some)
    }
}

/// The members of an object: a Python mapping's `items()` or composed
/// members.
enum Members<'a, 'py> {
    Py(Bound<'py, PyIterator>),
    Node(std::slice::Iter<'a, (&'a str, Node<'a, 'py>)>),
}

struct Map<'a, 'py> {
    members: Members<'a, 'py>,
    at: &'a At<'a>,
    /// The key and value of the member being read.
    key: String,
    value: Option<Src<'a, 'py>>,
}

impl<'de> MapAccess<'de> for Map<'_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match &mut self.members {
            Members::Py(items) => {
                let Some(item) = items.next() else {
                    return Ok(None);
                };
                let item = item?;
                let key = item.get_item(0)?;
                let Ok(key) = key.cast::<PyString>() else {
                    return Err(PyTypeError::new_err(format!(
                        "{}: keys must be str, got {}",
                        self.at.render(),
                        type_name(&key)
                    ))
                    .into());
                };
                key.to_cow()?.as_ref().clone_into(&mut self.key);
                self.value = Some(Src::Obj(item.get_item(1)?));
            }
            Members::Node(members) => {
                let Some((key, node)) = members.next() else {
                    return Ok(None);
                };
                (*key).clone_into(&mut self.key);
                self.value = Some(Src::Node(node));
            }
        }
        seed.deserialize(de::value::StrDeserializer::<DeError>::new(&self.key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some(src) = self.value.take() else {
            return Err(de::Error::custom("a value before its key"));
        };
        let at = self.at.key(&self.key);
        seed.deserialize(De { src, at })
    }
}
