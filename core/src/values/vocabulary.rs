//! The closed vocabularies of the v1 format (domain.md §3).
//!
//! Anything outside these lists is a validation error.

use std::fmt;

/// A closed vocabulary of the v1 format: its values by their v1 names.
pub trait Vocabulary: Sized {
    /// Every v1 name, in vocabulary order (what an error for a value
    /// outside the vocabulary lists as accepted).
    const NAMES: &'static [&'static str];
    /// Reads a v1 name.
    fn parse(s: &str) -> Option<Self>;
}

/// The detail of a `NOT_IN_VOCABULARY` issue: the value quoted (cut to
/// [`crate::limits::MAX_DETAIL_CHARS`] characters) and every accepted value,
/// in the language-neutral notation of the other details
/// (`"libary" ∉ {municipal_library, intercommunal_library, …}`): the message
/// reads the same in French and in English.
#[must_use]
pub fn not_one_of(value: &str, names: &[&str]) -> String {
    format!("{} ∉ {{{}}}", crate::limits::quote(value), names.join(", "))
}

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* $var),+ }
        impl $name {
            /// Every value, in vocabulary order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];
            /// The v1 identifier of the value.
            #[must_use]
            pub fn as_str(self) -> &'static str { match self { $($name::$var => $s),+ } }
            /// Reads a v1 identifier.
            #[must_use]
            pub fn parse(s: &str) -> Option<Self> { match s { $($s => Some($name::$var),)+ _ => None } }
        }
        impl Vocabulary for $name {
            const NAMES: &'static [&'static str] = &[$($s),+];
            fn parse(s: &str) -> Option<Self> { $name::parse(s) }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

vocabulary! {
    /// The kind of a partner institution.
    InstitutionKind {
        /// Bibliothèque municipale.
        MunicipalLibrary = "municipal_library",
        /// Bibliothèque intercommunale.
        IntercommunalLibrary = "intercommunal_library",
        /// Bibliothèque départementale.
        DepartmentalLibrary = "departmental_library",
        /// Bibliothèque universitaire.
        UniversityLibrary = "university_library",
        /// Bibliothèque de recherche.
        ResearchLibrary = "research_library",
        /// Bibliothèque privée.
        PrivateLibrary = "private_library",
        /// Archives départementales.
        DepartmentalArchives = "departmental_archives",
        /// Archives municipales.
        MunicipalArchives = "municipal_archives",
        /// Maison d'écrivain.
        WritersHouse = "writers_house",
        /// Musée.
        Museum = "museum",
        /// Société savante.
        LearnedSociety = "learned_society",
    }
}

vocabulary! {
    /// The size tier of an institution (petite, moyenne, grande structure).
    Size {
        /// Petite structure.
        Small = "small",
        /// Moyenne structure.
        Medium = "medium",
        /// Grande structure.
        Large = "large",
    }
}

vocabulary! {
    /// The type of a document (typologie).
    Typology {
        /// Presse (serial).
        Press = "press",
        /// Revues (serial).
        Journals = "journals",
        /// Imprimés, livres.
        PrintedBooks = "printed_books",
        /// Thèses.
        Theses = "theses",
        /// Manuscrits.
        Manuscripts = "manuscripts",
        /// Archives.
        Archives = "archives",
        /// Cartes et plans.
        MapsPlans = "maps_plans",
        /// Cartes postales.
        Postcards = "postcards",
        /// Photographies.
        Photographs = "photographs",
    }
}

impl Typology {
    /// Serials (press, journals) need a collation (`issues`) before preparation.
    #[must_use]
    pub fn is_serial(self) -> bool {
        matches!(self, Typology::Press | Typology::Journals)
    }
}

vocabulary! {
    /// The physical format of a document.
    Format {
        /// A4.
        A4 = "A4",
        /// A3.
        A3 = "A3",
        /// A2.
        A2 = "A2",
        /// A1.
        A1 = "A1",
        /// A0.
        A0 = "A0",
        /// Larger than A0.
        Oversize = "oversize",
    }
}

vocabulary! {
    /// The programme themes a document may answer.
    Theme {
        /// Intérêt régional.
        RegionalInterest = "regional_interest",
        /// Rare et précieux.
        RarePrecious = "rare_precious",
    }
}

vocabulary! {
    /// The rights status of a document.
    Rights {
        /// Domaine public.
        PublicDomain = "public_domain",
        /// Droits levés / autorisé.
        Cleared = "cleared",
        /// Protégé.
        Protected = "protected",
    }
}

vocabulary! {
    /// The kind of an agreement.
    ConventionKind {
        /// With the coordinator (AR2L).
        Coordinator = "coordinator",
        /// With the national library (BnF / Gallica).
        NationalLibrary = "national_library",
        /// With a département.
        Departmental = "departmental",
        /// A funding agreement.
        Funding = "funding",
    }
}

vocabulary! {
    /// A condition grade, best to worst.
    Grade {
        /// Bon.
        Good = "good",
        /// Moyen.
        Fair = "fair",
        /// Mauvais.
        Poor = "poor",
        /// Impropre à la numérisation.
        Unfit = "unfit",
    }
}

vocabulary! {
    /// The kind of a budget line.
    LineKind {
        /// The cost of one document.
        Document = "document",
        /// One institution's part of a shared cost.
        Shared = "shared",
    }
}

vocabulary! {
    /// How shared costs are split between institutions.
    SharedCostKey {
        /// By their views.
        Views = "views",
        /// By their document cost.
        Cost = "cost",
        /// Equally.
        Equal = "equal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_every_value() {
        for k in InstitutionKind::ALL {
            assert_eq!(InstitutionKind::parse(k.as_str()), Some(*k));
        }
        for t in Typology::ALL {
            assert_eq!(Typology::parse(t.as_str()), Some(*t));
        }
        assert_eq!(Grade::parse("excellent"), None);
        assert!(Grade::Good < Grade::Unfit);
        assert!(Typology::Journals.is_serial() && !Typology::Theses.is_serial());
        assert_eq!(
            <Size as Vocabulary>::NAMES,
            Size::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_detail_names_every_accepted_value_uncut() {
        let long = "x".repeat(1000);
        for names in [
            InstitutionKind::NAMES,
            Typology::NAMES,
            Format::NAMES,
            Grade::NAMES,
            crate::lifecycle::command::COMMAND_TYPES,
        ] {
            let issue = crate::error::Issue::new(
                crate::error::IssueCode::NotInVocabulary,
                "kind",
                not_one_of(&long, names),
            );
            assert!(
                issue.detail.ends_with(&format!("{{{}}}", names.join(", "))),
                "{}",
                issue.detail
            );
        }
        let issue = crate::error::Issue::new(
            crate::error::IssueCode::NotInVocabulary,
            "size",
            not_one_of("huge", Size::NAMES),
        );
        assert_eq!(issue.detail, "\"huge\" ∉ {small, medium, large}");
        assert_eq!(
            issue.message_en(),
            "size : value not in the vocabulary (\"huge\" ∉ {small, medium, large})"
        );
        assert_eq!(
            issue.message_fr(),
            "size : valeur hors vocabulaire (\"huge\" ∉ {small, medium, large})"
        );
    }
}
