//! The OAI-PMH repository over campaigns, and the Dublin Core record of a
//! document.

use std::ffi::c_char;
use std::sync::MutexGuard;

use numconc::publication::oai::{Options, Repository};
use numconc::Campaign;
use numconc_store::Held;

use crate::boundary::{arg_ref, arg_slice, arg_str, boundary, write_string, OptOut, Out};
use crate::campaign::numconc_campaign;
use crate::numconc_status;
use crate::status::Error;

/// What an OAI-PMH repository says of itself beyond its records. Used by
/// value, borrowed for the call only; zero it (`{0}`) for every default.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct numconc_oai_options {
    /// `repositoryName` (UTF-8, `repository_name_len` bytes); NULL: the
    /// programmes' names.
    pub repository_name: *const c_char,
    /// Its length in bytes.
    pub repository_name_len: usize,
    /// The namespace of item identifiers (`oai:<this>:<campaign>/<doc>`);
    /// NULL: the host of the base URL.
    pub repository_id: *const c_char,
    /// Its length in bytes.
    pub repository_id_len: usize,
    /// One `adminEmail`; NULL: `admin@<repository id>`.
    pub admin_email: *const c_char,
    /// Its length in bytes.
    pub admin_email_len: usize,
    /// Records or identifiers per page of a list, 1 to 10 000; 0: 100.
    pub page_size: usize,
}

fn opt_str(p: *const c_char, len: usize, name: &'static str) -> Result<Option<String>, Error> {
    if p.is_null() {
        Ok(None)
    } else {
        arg_str(p, len, name).map(|s| Some(s.to_string()))
    }
}

/// The response of an OAI-PMH 2.0 repository over `campaign_count`
/// campaigns to one request: `query` is the request's query string
/// without `?` (or the form body of a POST), percent-encoded as sent;
/// `base_url` the address the repository answers at; `now` the response
/// date in seconds since 1970-01-01T00:00:00Z; `options` NULL for the
/// defaults. The campaigns are only read (each is locked for the call).
/// `campaigns` may be NULL when `campaign_count` is 0.
///
/// A wrong request is not an error: the response carries the protocol's
/// errors (`badVerb`, `badArgument`, `badResumptionToken`,
/// `cannotDisseminateFormat`, `idDoesNotExist`, `noRecordsMatch`,
/// `noSetHierarchy`).
///
/// On success `*out` is a new NUL-terminated string (the XML) to free with
/// `numconc_string_free`; `*out_len` (if `out_len` is not NULL) its length.
/// Errors: `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_UTF8`,
/// `NUMCONC_INVALID_ARGUMENT` (a `now` out of range), `NUMCONC_POISONED`,
/// `NUMCONC_INVALID_VALUE` for a wrong repository (issue `INVALID_URL`,
/// `DUPLICATE_ID` for a campaign given twice, `OUT_OF_RANGE`,
/// `INCONSISTENT`: see `numconc_last_error_issue_*`).
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn numconc_oai_respond(
    campaigns: *const *const numconc_campaign,
    campaign_count: usize,
    query: *const c_char,
    query_len: usize,
    base_url: *const c_char,
    base_url_len: usize,
    now: i64,
    options: *const numconc_oai_options,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let handles: &[*const numconc_campaign] = if campaign_count == 0 {
            &[]
        } else {
            arg_slice(campaigns, campaign_count, "campaigns")?
        };
        let mut refs: Vec<&numconc_campaign> = Vec::with_capacity(handles.len());
        for &h in handles {
            refs.push(arg_ref(h, "campaigns[i]")?);
        }
        let query = arg_str(query, query_len, "query")?;
        let base_url = arg_str(base_url, base_url_len, "base_url")?;
        let now = chrono::DateTime::from_timestamp(now, 0)
            .ok_or_else(|| Error::invalid_argument("now", "out of range"))?;
        let mut opts = Options::default();
        if !options.is_null() {
            let o = arg_ref(options, "options")?;
            opts.repository_name =
                opt_str(o.repository_name, o.repository_name_len, "repository_name")?;
            opts.repository_id = opt_str(o.repository_id, o.repository_id_len, "repository_id")?;
            opts.admin_emails = opt_str(o.admin_email, o.admin_email_len, "admin_email")?
                .into_iter()
                .collect();
            if o.page_size != 0 {
                opts.page_size = o.page_size;
            }
        }
        let out = Out::new(out, "out")?;
        // Each handle locked once (one given twice is then DUPLICATE_ID),
        // in address order, so that two calls never wait for each other.
        let key = |c: &numconc_campaign| std::ptr::from_ref(c) as usize;
        let mut order: Vec<&numconc_campaign> = refs.clone();
        order.sort_by_key(|c| key(c));
        order.dedup_by_key(|c| key(c));
        let mut guards: Vec<(usize, MutexGuard<'_, Held>)> = Vec::with_capacity(order.len());
        for c in order {
            guards.push((key(c), c.lock()?));
        }
        let campaigns: Vec<&Campaign> = refs
            .iter()
            .filter_map(|c| {
                guards
                    .iter()
                    .find(|(k, _)| *k == key(c))
                    .map(|(_, g)| g.campaign())
            })
            .collect();
        let xml = Repository::new(&campaigns, base_url, opts)?.respond(query, now);
        write_string(out, OptOut::new(out_len), &xml);
        Ok(())
    })
}

/// The Dublin Core record of document `doc` as an `oai_dc:dc` XML element
/// (what the OAI-PMH repository gives for it).
///
/// On success `*out` is a new NUL-terminated string to free with
/// `numconc_string_free` (`*out_len`, if not NULL, its length), or NULL
/// (and 0) when the document is not published.
/// Errors: `NUMCONC_NULL_ARGUMENT`, `NUMCONC_INVALID_UTF8`,
/// `NUMCONC_POISONED`, `NUMCONC_UNKNOWN_DOCUMENT`.
#[no_mangle]
pub extern "C" fn numconc_campaign_dublin_core(
    campaign: *const numconc_campaign,
    doc: *const c_char,
    doc_len: usize,
    out: *mut *mut c_char,
    out_len: *mut usize,
) -> numconc_status {
    boundary(|| {
        let campaign = arg_ref(campaign, "campaign")?;
        let doc = arg_str(doc, doc_len, "doc")?;
        let out = Out::new(out, "out")?;
        let record = campaign.lock()?.dublin_core(doc)?;
        match record {
            Some(xml) => write_string(out, OptOut::new(out_len), &xml),
            None => {
                out.write(std::ptr::null_mut());
                OptOut::new(out_len).write(0);
            }
        }
        Ok(())
    })
}
