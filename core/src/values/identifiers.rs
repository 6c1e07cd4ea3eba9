//! Identifiers: ISIL (`FR-` + 9-character RCR), SIREN (Luhn), and the BnF
//! ARK with its NOID check character (domain.md §3, §9.5).

/// Whether an institution id is acceptable: an id starting `FR-` must be an
/// ISIL, `FR-` followed by exactly 9 ASCII letters or digits (the RCR);
/// other ids are accepted as they are.
#[must_use]
pub fn institution_id_valid(id: &str) -> bool {
    match id.strip_prefix("FR-") {
        Some(rcr) => isil_rcr_valid(rcr),
        None => true,
    }
}

/// Whether `id` is a French ISIL (`FR-` + 9 ASCII letters or digits).
#[must_use]
pub fn isil_valid(id: &str) -> bool {
    id.strip_prefix("FR-").is_some_and(isil_rcr_valid)
}

fn isil_rcr_valid(rcr: &str) -> bool {
    rcr.len() == 9 && rcr.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn luhn_valid(digits: &str) -> bool {
    let mut sum = 0_u32;
    for (i, b) in digits.bytes().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// The SIREN of La Poste, whose establishments (SIRET) do not follow Luhn.
pub const LA_POSTE_SIREN: &str = "356000000";

/// Whether `siren` is 9 digits with a valid Luhn checksum. (La Poste's
/// SIREN `356000000` is Luhn-valid; its exception concerns SIRET numbers,
/// see [`siret_valid`].)
#[must_use]
pub fn siren_valid(siren: &str) -> bool {
    siren.len() == 9
        && siren.bytes().all(|b| b.is_ascii_digit())
        && (luhn_valid(siren) || siren == LA_POSTE_SIREN)
}

/// Whether `siret` (14 digits) is valid: Luhn over the 14 digits, except for
/// La Poste's establishments, whose digits add up to a multiple of 5.
#[must_use]
pub fn siret_valid(siret: &str) -> bool {
    if siret.len() != 14 || !siret.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if siret.starts_with(LA_POSTE_SIREN) && siret != "35600000000048" {
        return siret.bytes().map(|b| u32::from(b - b'0')).sum::<u32>() % 5 == 0;
    }
    luhn_valid(siret)
}

/// The NOID alphabet of BnF ARK names.
pub const NOID_ALPHABET: &str = "0123456789bcdfghjkmnpqrstvwxz";

/// The NAAN prefix of BnF ARKs.
pub const BNF_ARK_PREFIX: &str = "ark:/12148/";

fn noid_value(c: u8) -> Option<u32> {
    NOID_ALPHABET
        .bytes()
        .position(|a| a == c)
        .and_then(|p| u32::try_from(p).ok())
}

/// The NOID check character of `name` (without its check character):
/// the sum of position × value (positions from 1), modulo 29.
/// `None` when a character is outside the alphabet.
#[must_use]
pub fn noid_check_char(name: &str) -> Option<char> {
    let mut sum = 0_u32;
    for (i, b) in name.bytes().enumerate() {
        let pos = u32::try_from(i + 1).ok()?;
        sum = sum.checked_add(pos.checked_mul(noid_value(b)?)?)?;
    }
    NOID_ALPHABET.chars().nth(usize::try_from(sum % 29).ok()?)
}

/// Whether `name` (e.g. `bpt6k205233j`) is a valid ARK name: at least 2
/// characters of the NOID alphabet, the last being the check character.
#[must_use]
pub fn ark_name_valid(name: &str) -> bool {
    if name.len() < 2 || !name.bytes().all(|b| noid_value(b).is_some()) {
        return false;
    }
    let (body, check) = name.split_at(name.len() - 1);
    noid_check_char(body).is_some_and(|c| check.starts_with(c))
}

/// Whether `ark` is a valid BnF ARK: `ark:/12148/` + a valid name.
#[must_use]
pub fn bnf_ark_valid(ark: &str) -> bool {
    ark.strip_prefix(BNF_ARK_PREFIX).is_some_and(ark_name_valid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isil() {
        assert!(isil_valid("FR-591786101"));
        assert!(isil_valid("FR-75105210B"));
        assert!(!isil_valid("FR-12345"));
        assert!(!isil_valid("FR-5917861011"));
        assert!(!isil_valid("FR-59178610-"));
        assert!(institution_id_valid("AD62"));
        assert!(!institution_id_valid("FR-12345"));
    }

    #[test]
    fn siren() {
        assert!(siren_valid("215901869")); // a commune
        assert!(siren_valid("226200012")); // Département du Pas-de-Calais (seed 004)
        assert!(siren_valid("356000000")); // La Poste
        assert!(!siren_valid("215901868"));
        assert!(!siren_valid("21590186"));
        assert!(!siren_valid("21590186a"));
        assert!(siret_valid("35600000000048")); // La Poste head office
        assert!(
            siret_valid("35600000012345")
                == ("35600000012345"
                    .bytes()
                    .map(|b| u32::from(b - b'0'))
                    .sum::<u32>()
                    % 5
                    == 0)
        );
    }

    #[test]
    fn ark() {
        assert!(ark_name_valid("cb119016075"));
        assert!(ark_name_valid("bpt6k205233j"));
        assert!(ark_name_valid("btv1b9065658s"));
        assert!(!ark_name_valid("bpt6k205233k"));
        assert!(!ark_name_valid("BPT6K205233J"));
        assert!(!ark_name_valid("j"));
        assert!(bnf_ark_valid("ark:/12148/bpt6k205233j"));
        assert!(!bnf_ark_valid("ark:/12148/bpt6k205233j/f1"));
        assert!(!bnf_ark_valid("ark:/13960/bpt6k205233j"));
        assert_eq!(noid_check_char("bpt6k205233"), Some('j'));
    }
}
