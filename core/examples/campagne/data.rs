//! The data of the worked campaign: four partners of Hauts-de-France,
//! their agreements, thirteen proposals and two shared costs. Shared with
//! the tests (`core/tests/dossier.rs`), which build the same campaign, and
//! with the example that runs it on a store (`store/examples/campagne/`).

use serde_json::{json, Value};

#[allow(clippy::too_many_arguments)]
pub fn doc(
    id: &str,
    inst: &str,
    title: &str,
    author: Option<&str>,
    date: &str,
    typology: &str,
    format: &str,
    views: u64,
    extra: Value,
) -> Value {
    let mut d = json!({
        "id": id, "institution": inst, "title": title, "author": author, "date": date, "typology": typology,
        "format": format, "views": views, "themes": ["regional_interest"], "rights": "public_domain",
        "targets": ["gallica", "armarium"], "fragile": false, "ocr": true, "insured_value": "1500.00",
        "existing_digitization": null, "proposed_on": "2026-02-15", "shelfmark": format!("Res. {id}"), "labels": []
    });
    if let (Value::Object(d), Value::Object(e)) = (&mut d, extra) {
        d.extend(e);
    }
    d
}

/// The campaign `hdf-2026` as v1 JSON (before any command).
#[must_use]
pub fn campaign() -> Value {
    json!({
        "id": "hdf-2026", "programme": "hauts-de-france", "year": 2026, "ends_on": "2027-06-30",
        "institutions": [
            {"id": "FR-801216101", "name": "Bibliothèques d'Amiens Métropole", "kind": "municipal_library", "size": "large", "membership_years": [2025, 2026], "siren": "248000531"},
            {"id": "AD02", "name": "Archives départementales de l'Aisne", "kind": "departmental_archives", "size": "medium", "membership_years": [2026], "siren": "220200026"},
            {"id": "SAP", "name": "Société des antiquaires de Picardie", "kind": "learned_society", "size": "small", "membership_years": [2026]},
            {"id": "FR-800216101", "name": "Maison de Jules Verne", "kind": "writers_house", "size": "small", "membership_years": [2025]}
        ],
        "conventions": [
            {"id": "AR2L-AMI", "institution": "FR-801216101", "kind": "coordinator", "signed_on": "2024-12-10", "starts_on": "2025-01-01", "ends_on": "2027-12-31"},
            {"id": "BNF-AMI", "institution": "FR-801216101", "kind": "national_library", "signed_on": "2023-06-01", "starts_on": "2023-06-01", "ends_on": "2028-05-31"},
            {"id": "AR2L-AD02", "institution": "AD02", "kind": "coordinator", "signed_on": "2025-11-02", "starts_on": "2026-01-01", "ends_on": "2026-12-31",
             "amendments": [{"signed_on": "2026-03-20", "ends_on": "2027-12-31"}]},
            {"id": "BNF-AD02", "institution": "AD02", "kind": "national_library", "signed_on": "2025-02-01", "starts_on": "2025-02-01", "ends_on": "2027-12-31"},
            {"id": "AR2L-SAP", "institution": "SAP", "kind": "coordinator", "signed_on": "2026-01-05", "starts_on": "2026-01-05", "ends_on": "2027-12-31"},
            {"id": "AR2L-MJV", "institution": "FR-800216101", "kind": "coordinator", "signed_on": "2025-01-01", "starts_on": "2025-01-01", "ends_on": "2027-12-31"}
        ],
        "documents": [
            doc("AMI-01", "FR-801216101", "Le Progrès de la Somme (1871-1872)", Some("Anonyme"), "1871/1872", "press", "A2", 1180, json!({"insured_value": "3000.00"})),
            doc("AMI-02", "FR-801216101", "Cartulaire de l'abbaye de Corbie", Some("anonyme"), "12XX", "manuscripts", "A3", 412, json!({"fragile": true, "ocr": false, "insured_value": "25000.00", "themes": ["rare_precious"]})),
            doc("AMI-03", "FR-801216101", "Amiens, vues de la ville", Some("Lévy et fils"), "1905~", "postcards", "A4", 500, json!({"targets": ["armarium"], "ocr": false})),
            doc("AMI-04", "FR-801216101", "Plan de la ville d'Amiens", Some("J.-B. Devermont"), "1790?", "maps_plans", "A0", 4, json!({"fragile": true, "ocr": false, "insured_value": "12000.00"})),
            doc("AMI-05", "FR-801216101", "Fonds photographique Leullier", Some("Louis Leullier"), "1919", "photographs", "A4", 320, json!({"rights": "protected", "targets": ["armarium"]})),
            doc("AD02-01", "AD02", "Registre des délibérations de Laon", Some("Commune de Laon"), "1789/1795", "archives", "A3", 640, json!({"fragile": true})),
            doc("AD02-02", "AD02", "Correspondance de Condorcet", Some("Nicolas de Condorcet"), "1780", "manuscripts", "A4", 96, json!({"themes": ["regional_interest", "rare_precious"]})),
            doc("AD02-03", "AD02", "L'Argus soissonnais", None, "1890/1914", "press", "A2", 12400, json!({})),
            doc("SAP-01", "SAP", "Bulletin de la Société des antiquaires de Picardie", Some("Société des antiquaires de Picardie"), "1836/1900", "journals", "A4", 960, json!({"targets": ["armarium"]})),
            doc("SAP-02", "SAP", "Mémoires de la Société (tome I)", Some("Société des antiquaires de Picardie"), "1838", "printed_books", "A4", 388, json!({"targets": ["armarium"], "existing_digitization": "Gallica, 2009"})),
            doc("SAP-03", "SAP", "Histoire de la ville d'Amiens", Some("Hyacinthe Dusevel"), "1832", "printed_books", "A4", 300, json!({"targets": ["armarium"]})),
            doc("MJV-01", "FR-800216101", "Lettres à Pierre-Jules Hetzel", Some("Jules Verne"), "1863/1886", "manuscripts", "A4", 210, json!({"targets": ["armarium"]})),
            doc("MJV-02", "FR-800216101", "Le Journal d'Amiens, chroniques", Some("Jules Verne"), "1875", "press", "A3", 150, json!({"targets": ["armarium"], "proposed_on": "2026-04-20"}))
        ],
        "shared_costs": [{"label": "transport", "amount": "1800.00"}, {"label": "coordination", "amount": "950.00"}]
    })
}
