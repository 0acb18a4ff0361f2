//! When two organisation names name the same organisation: the normaliser behind the duplicate finder.
//!
//! A name becomes a [`NameKey`]: its words with case, accents, punctuation, spacing, `&`, a leading "The",
//! common abbreviations and plurals folded away (so `Smith & Jones` = `smith and jones`, `Unit 4` = `Unit4`,
//! `St. Mary's` = `St Marys`), and its legal form canonicalised separately (`Ltd.` = `Limited`,
//! `L.L.C.` = `LLC`). Two names match when their words agree and their legal forms do not contradict each
//! other: a missing legal form matches any, two different ones are two registrations. The cases and the
//! reasons are the pairs in `../shared/duplicate-names.tsv` (copied beside this file, so the build needs
//! nothing outside the repository), every one of which the tests check, and this module's own cases.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A name reduced to what tells organisations apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKey {
    /// The words, folded and joined without spaces. A name with umlauts has two: `ü` as `ue` (German
    /// transliteration) and as `u` (the accent dropped), since both spellings occur for the same name.
    pub words: Vec<String>,
    /// The canonical legal form (`limited`, `pty limited`), when the name ends in one.
    pub form: Option<String>,
}

/// Legal forms as written → their canonical word (after dots are removed and case folded).
const LEGAL_FORMS: &[(&str, &str)] = &[
    ("ltd", "limited"),
    ("limited", "limited"),
    ("inc", "incorporated"),
    ("incorporated", "incorporated"),
    ("llc", "llc"),
    ("llp", "llp"),
    ("gmbh", "gmbh"),
    ("ag", "ag"),
    ("plc", "plc"),
    ("pty", "pty"),
    ("corp", "corporation"),
    ("corporation", "corporation"),
    ("co", "company"),
    ("company", "company"),
    ("bv", "bv"),
    ("nv", "nv"),
    ("sarl", "sarl"),
];

/// Abbreviations written out, so both spellings compare equal.
const ABBREVIATIONS: &[(&str, &str)] = &[("intl", "international"), ("&", "and")];

impl NameKey {
    /// The key of `name`.
    pub fn of(name: &str) -> NameKey {
        let mut tokens = tokens(name);
        if tokens.first().is_some_and(|t| t == "the") && tokens.len() > 1 {
            tokens.remove(0);
        }
        let mut form = Vec::new();
        while tokens.len() > 1 {
            let Some(canonical) = legal_form(tokens.last().map(String::as_str).unwrap_or(""))
            else {
                break;
            };
            form.insert(0, canonical);
            tokens.pop();
        }
        let words: Vec<String> = tokens.iter().map(|t| singular(expanded(t))).collect();
        let joined = words.concat();
        let mut keys = vec![fold(&joined, true)];
        let plain = fold(&joined, false);
        if plain != keys[0] {
            keys.push(plain);
        }
        NameKey {
            words: keys,
            form: (!form.is_empty()).then(|| form.join(" ")),
        }
    }

    /// Whether the two name the same organisation.
    pub fn matches(&self, other: &NameKey) -> bool {
        let same_words = self.words.iter().any(|w| other.words.contains(w));
        let forms_agree = match (&self.form, &other.form) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        same_words && forms_agree
    }
}

/// Whether `a` and `b` name the same organisation.
pub fn same_organisation(a: &str, b: &str) -> bool {
    NameKey::of(a).matches(&NameKey::of(b))
}

/// The name's words in lower case: apostrophes and dots dropped inside words (`O'Brien`, `L.L.C.`),
/// hyphens, commas and brackets as spaces, `&` a word of its own.
fn tokens(name: &str) -> Vec<String> {
    let mut cleaned = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\'' | '’' | '‘' | '.' => {}
            '&' => cleaned.push_str(" & "),
            c if c.is_alphanumeric() => cleaned.extend(c.to_lowercase()),
            _ => cleaned.push(' '),
        }
    }
    cleaned.split_whitespace().map(str::to_owned).collect()
}

fn legal_form(token: &str) -> Option<String> {
    LEGAL_FORMS
        .iter()
        .find(|(written, _)| *written == token)
        .map(|(_, canonical)| canonical.to_string())
}

fn expanded(token: &str) -> &str {
    ABBREVIATIONS
        .iter()
        .find(|(short, _)| *short == token)
        .map_or(token, |(_, long)| long)
}

/// A word's singular, for the plurals names are written with both ways (`Enterprises`, `Sciences`):
/// one trailing `s` off a word of four letters or more that does not end in `ss`.
fn singular(word: &str) -> String {
    if word.chars().count() >= 4 && word.ends_with('s') && !word.ends_with("ss") {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

/// Accents dropped (`é` → `e`); with `transliterate`, German umlauts first written out (`ü` → `ue`).
fn fold(text: &str, transliterate: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match (transliterate, c) {
            (true, 'ä') => out.push_str("ae"),
            (true, 'ö') => out.push_str("oe"),
            (true, 'ü') => out.push_str("ue"),
            (_, 'ß') => out.push_str("ss"),
            // letters of every script stay (an Arabic or Japanese name is not blank); accents go
            _ => out.extend(
                c.to_string()
                    .nfkd()
                    .filter(|c| c.is_alphanumeric() && !is_combining_mark(*c)),
            ),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(a, b, should match, why)` from the shared file, and this module's own cases.
    fn pairs() -> Vec<(String, String, bool, String)> {
        let shared = include_str!("duplicate-names.tsv");
        let own = "Blue Ocean Ltd\tBlue Ocean Limited\tyes\tsuffix
Straße Bau\tStrasse Bau\tyes\tsharp s
ABC\tABC Ltd\tyes\ta missing form matches
Acme Pty Ltd\tAcme Ltd\tno\tPty Ltd is not Ltd
Business Systems\tBusiness System\tyes\tplural after ss
Bus Co\tBuses Co\tno\tshort words keep their s
Ελληνική Ναυτιλία Α.Ε.\t株式会社サンプル\tno\tletters of other scripts are kept, not folded to nothing
شركة المثال للتجارة\t株式会社サンプル\tno\tArabic and Japanese names differ
Ελληνική Ναυτιλία\tΕΛΛΗΝΙΚΗ ΝΑΥΤΙΛΙΑ\tyes\tGreek case and accents fold";
        shared
            .lines()
            .chain(own.lines())
            .filter(|l| !l.starts_with('#') && !l.starts_with("name_a\t") && !l.trim().is_empty())
            .map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                assert_eq!(cols.len(), 4, "four columns: {l:?}");
                let expected = match cols[2] {
                    "yes" => true,
                    "no" => false,
                    other => panic!("match must be yes or no, not {other:?}"),
                };
                (
                    cols[0].to_string(),
                    cols[1].to_string(),
                    expected,
                    cols[3].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn every_pair_of_the_shared_file_and_our_own_cases() {
        let pairs = pairs();
        assert!(
            pairs.len() > 50,
            "the shared file was read: {}",
            pairs.len()
        );
        let wrong: Vec<String> = pairs
            .iter()
            .filter(|(a, b, expected, _)| same_organisation(a, b) != *expected)
            .map(|(a, b, expected, why)| {
                format!(
                    "{a:?} ~ {b:?} should{} match ({why}): {:?} / {:?}",
                    if *expected { "" } else { " not" },
                    NameKey::of(a),
                    NameKey::of(b)
                )
            })
            .collect();
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn matching_is_symmetric_and_a_name_matches_itself() {
        for (a, b, _, _) in pairs() {
            assert_eq!(
                same_organisation(&a, &b),
                same_organisation(&b, &a),
                "{a:?} ~ {b:?}"
            );
            assert!(same_organisation(&a, &a), "{a:?}");
        }
    }

    #[test]
    fn a_name_of_legal_words_only_keeps_its_last_word() {
        assert_eq!(NameKey::of("Limited").words, vec!["limited".to_string()]);
        assert_eq!(NameKey::of("").words, vec![String::new()]);
    }
}
