//! `numconc.oai.respond`: the OAI-PMH repository of the core over
//! campaigns, one request at a time. Every rule is the core's.

use std::sync::{Arc, Mutex, MutexGuard};

use numconc::publication::oai::{Options, Repository};
use numconc::Campaign as CoreCampaign;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::campaign::Campaign;
use crate::convert::{instant_arg, str_list_arg, type_name};
use crate::errors::{detached, internal_error, validation_error};

/// The response (XML text) of an OAI-PMH 2.0 repository over `campaigns`
/// to one request. See `numconc.oai.respond`.
#[pyfunction]
#[pyo3(signature = (campaigns, query, *, base_url, now, repository_name=None, repository_id=None, admin_emails=None, page_size=100))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn oai_respond(
    py: Python<'_>,
    campaigns: &Bound<'_, PyAny>,
    query: &Bound<'_, PyAny>,
    base_url: String,
    now: &Bound<'_, PyAny>,
    repository_name: Option<String>,
    repository_id: Option<String>,
    admin_emails: Option<&Bound<'_, PyAny>>,
    page_size: usize,
) -> PyResult<String> {
    let list = campaigns.cast::<PyList>().map_err(|_| {
        PyTypeError::new_err(format!(
            "campaigns: expected a list of numconc.Campaign, got {}",
            type_name(campaigns)
        ))
    })?;
    let mut shared: Vec<Arc<Mutex<numconc_store::Held>>> = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let c = item.extract::<PyRef<'_, Campaign>>().map_err(|_| {
            PyTypeError::new_err(format!(
                "campaigns[{i}]: expected numconc.Campaign, got {}",
                type_name(&item)
            ))
        })?;
        shared.push(c.shared());
    }
    let query: String = query.extract().map_err(|_| {
        PyTypeError::new_err(format!("query: expected str, got {}", type_name(query)))
    })?;
    let now = instant_arg(now, "now")?;
    let admin_emails = match admin_emails {
        Some(a) => str_list_arg(a, "admin_emails")?,
        None => Vec::new(),
    };
    let options = Options {
        repository_name,
        repository_id,
        admin_emails,
        page_size,
    };
    let answer = detached(py, move || {
        // Each campaign locked once (a list may name one twice: the core
        // then says DUPLICATE_ID), in address order so that two calls over
        // the same campaigns never wait for each other.
        let mut order: Vec<usize> = (0..shared.len()).collect();
        order.sort_by_key(|&i| Arc::as_ptr(&shared[i]) as usize);
        order.dedup_by_key(|i| Arc::as_ptr(&shared[*i]) as usize);
        let mut guards: Vec<(usize, MutexGuard<'_, numconc_store::Held>)> =
            Vec::with_capacity(order.len());
        for &i in &order {
            let g = shared[i].lock().ok()?;
            guards.push((Arc::as_ptr(&shared[i]) as usize, g));
        }
        let refs: Vec<&CoreCampaign> = shared
            .iter()
            .filter_map(|s| {
                let key = Arc::as_ptr(s) as usize;
                guards
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, g)| g.campaign())
            })
            .collect();
        Some(Repository::new(&refs, &base_url, options).map(|r| r.respond(&query, now)))
    })?;
    match answer {
        Some(Ok(xml)) => Ok(xml),
        Some(Err(e)) => Err(validation_error(py, &e)),
        None => Err(internal_error(
            py,
            "a campaign is unusable after an earlier internal error",
        )),
    }
}
