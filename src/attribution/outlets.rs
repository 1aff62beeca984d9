//! The outlet gazetteer: wire agencies, newspapers and broadcasters with
//! their aliases in their own scripts (TASS / ТАСС, RIA Novosti / РИА
//! Новости ...), found in text as whole words.
//!
//! The built-in list is `data/outlets.txt`; `--outlets FILE` adds outlets
//! or aliases in the same format, one outlet a line:
//!
//! ```text
//! # comment
//! [CC] Canonical name | alias | alias
//! ```
//!
//! `[CC]`, optional, is the outlet's country (ISO 3166-1 alpha-2 code). The
//! built-in list covers the national news agencies, public broadcasters and
//! major newspapers of about 100 countries, with aliases in their own
//! scripts; its header says where it comes from.
//!
//! A line whose canonical name (or any alias) is already known adds its
//! names to that outlet. An outlet is reported by its first name in the
//! script the text names it in ([`Gazetteer::name_as_written`]): the first
//! Cyrillic alias for Russian text («Известия»), the canonical name for
//! English ("Izvestia"). Aliases match case-sensitively as whole words, and
//! an all-capitals spelling in the text (`POLITICO`) matches too; an alias
//! starting with "The" also matches "the", and a "the" just before an alias
//! without one is taken into the mention.

use super::credit_only;
use super::lex::{lex, Kind, Tok};
use crate::corpus::ByteSpan;
use crate::error::{Error, ErrorKind, Result};
use std::collections::HashMap;

/// The built-in gazetteer source.
pub const BUILTIN: &str = include_str!("data/outlets.txt");

/// One outlet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outlet {
    /// The canonical name, as reported.
    pub name: String,
    /// Other names, in any script.
    pub aliases: Vec<String>,
    /// Its country (ISO 3166-1 alpha-2), when the gazetteer gives it.
    pub country: Option<String>,
}

/// An outlet named in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Where the name is.
    pub span: ByteSpan,
    /// Index of the outlet in the gazetteer.
    pub outlet: usize,
}

/// Outlets and their aliases.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    outlets: Vec<Outlet>,
    /// First alias word → (alias words, outlet), longest first.
    index: HashMap<String, Vec<(Vec<String>, usize)>>,
    /// Folded name → outlet.
    by_key: HashMap<String, usize>,
    /// Upper-cased first alias word → the first words spelled so.
    upper: HashMap<String, Vec<String>>,
    /// A Cyrillic first alias word without its last letter → the words, so
    /// case forms match (Интерфакса, Коммерсанту, Известиям).
    inflected: HashMap<String, Vec<String>>,
    /// Credit-only aliases (`~Dawn`), as words with their outlet: named
    /// only where a text credits an outlet (`credit_only.rs`).
    credit_only: Vec<(Vec<String>, usize)>,
}

/// Whether the Cyrillic word `t` is a case form of alias word `a` (at least
/// five letters): `a` without its last letter, then at most three letters.
fn case_form(t: &str, a: &str) -> bool {
    if !is_cyrillic(a) || !is_cyrillic(t) {
        return false;
    }
    let (tn, an) = (t.chars().count(), a.chars().count());
    if an < 5 || tn + 1 < an || tn > an + 2 {
        return false;
    }
    let last = a.char_indices().last().map_or(0, |(i, _)| i);
    t.starts_with(&a[..last])
}

/// A writing system, as far as outlet names need one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Han,
    Hangul,
}

/// The script of the first letter of `name`, when it is one of [`Script`].
fn script_of(name: &str) -> Option<Script> {
    let c = name.chars().find(|c| c.is_alphabetic())?;
    Some(match c {
        'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' => Script::Latin,
        '\u{400}'..='\u{52f}' => Script::Cyrillic,
        '\u{370}'..='\u{3ff}' => Script::Greek,
        '\u{600}'..='\u{6ff}' => Script::Arabic,
        '\u{4e00}'..='\u{9fff}' => Script::Han,
        '\u{ac00}'..='\u{d7af}' => Script::Hangul,
        _ => return None,
    })
}

fn is_cyrillic(word: &str) -> bool {
    word.starts_with(|c: char| matches!(c, '\u{400}'..='\u{4ff}'))
}

fn stem_key(word: &str) -> Option<String> {
    let n = word.chars().count();
    (n >= 5 && word.starts_with(|c: char| matches!(c, '\u{400}'..='\u{4ff}')))
        .then(|| word.chars().take(n - 1).collect())
}

/// A name folded for lookups: lower case, words only, no leading "the".
fn key(name: &str) -> String {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let words = match words.first() {
        Some(&"the") if words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

fn alias_words(alias: &str) -> Vec<String> {
    alias.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

impl Gazetteer {
    /// The built-in gazetteer.
    pub fn builtin() -> Gazetteer {
        let mut g = Gazetteer::default();
        g.add("outlets.txt", BUILTIN).expect("the built-in gazetteer is valid");
        g
    }

    /// Add the outlets of a gazetteer file (`name` is used in errors).
    pub fn add(&mut self, name: &str, src: &str) -> Result<()> {
        for (n, line) in src.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (country, line) = match line.strip_prefix('[').and_then(|l| l.split_once(']')) {
                Some((cc, rest)) if cc.len() == 2 && cc.chars().all(|c| c.is_ascii_uppercase()) => {
                    (Some(cc.to_owned()), rest.trim())
                }
                Some(_) => {
                    return Err(Error::from(ErrorKind::Format {
                        path: name.to_owned(),
                        message: format!(
                            "line {}: a country is two capital letters in brackets: `[FR] Le Monde`",
                            n + 1
                        ),
                    }))
                }
                None => (None, line),
            };
            let marked: Vec<&str> = line.split('|').map(str::trim).filter(|s| !s.is_empty()).collect();
            let names: Vec<&str> = marked.iter().map(|s| s.trim_start_matches(credit_only::MARK).trim()).collect();
            if names.iter().any(|s| key(s).is_empty()) || names.is_empty() {
                return Err(Error::from(ErrorKind::Format {
                    path: name.to_owned(),
                    message: format!("line {}: expected `Name | alias | ...` with letters in every name", n + 1),
                }));
            }
            let idx = match names.iter().find_map(|s| self.by_key.get(&key(s)).copied()) {
                Some(i) => i,
                None => {
                    self.outlets.push(Outlet { name: names[0].to_owned(), aliases: Vec::new(), country: None });
                    self.outlets.len() - 1
                }
            };
            if country.is_some() {
                self.outlets[idx].country = country;
            }
            for (s, m) in names.iter().zip(&marked) {
                if m.starts_with(credit_only::MARK) {
                    self.credit_only.push((alias_words(s), idx));
                }
                if *s != self.outlets[idx].name && !self.outlets[idx].aliases.iter().any(|a| a == s) {
                    self.outlets[idx].aliases.push((*s).to_owned());
                }
                self.by_key.entry(key(s)).or_insert(idx);
                let words = alias_words(s);
                if let Some(k) = stem_key(&words[0]) {
                    let forms = self.inflected.entry(k).or_default();
                    if !forms.contains(&words[0]) {
                        forms.push(words[0].clone());
                    }
                }
                let spellings = self.upper.entry(words[0].to_uppercase()).or_default();
                if !spellings.contains(&words[0]) {
                    spellings.push(words[0].clone());
                }
                let list = self.index.entry(words[0].clone()).or_default();
                if !list.iter().any(|(w, _)| *w == words) {
                    list.push((words.clone(), idx));
                    list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
                }
                // "The X" also matches "the X"
                if words[0] == "The" {
                    let mut lower = words.clone();
                    lower[0] = "the".to_owned();
                    let list = self.index.entry("the".to_owned()).or_default();
                    if !list.iter().any(|(w, _)| *w == lower) {
                        list.push((lower, idx));
                        list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
                    }
                }
            }
        }
        Ok(())
    }

    /// The outlets.
    pub fn outlets(&self) -> &[Outlet] {
        &self.outlets
    }

    /// The canonical name of outlet `i`.
    pub fn name(&self, i: usize) -> &str {
        &self.outlets[i].name
    }

    /// The name to report for outlet `i` where the text names it as
    /// `written`: its first name (the canonical name, then the aliases in
    /// file order) in the script of `written`, so Russian text gets
    /// «Известия» and English text "Izvestia"; among Cyrillic names one
    /// with Ukrainian letters (і, ї, є, ґ) only for a mention with them
    /// when there is a choice. The canonical name when no name is in that
    /// script.
    pub fn name_as_written(&self, i: usize, written: &str) -> &str {
        let o = &self.outlets[i];
        let Some(script) = script_of(written) else { return &o.name };
        let ukrainian = |s: &str| s.chars().any(|c| matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ'));
        let names = || std::iter::once(&o.name).chain(&o.aliases).filter(|n| script_of(n) == Some(script));
        names().find(|n| ukrainian(n) == ukrainian(written)).or_else(|| names().next()).unwrap_or(&o.name)
    }

    /// The canonical name for a name or alias (any case, with or without
    /// "The"): `canonical("ТАСС") == Some("TASS")`.
    pub fn canonical(&self, name: &str) -> Option<&str> {
        self.lookup(name).map(|i| self.name(i))
    }

    /// The outlet index for a name or alias.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        self.by_key.get(&key(name)).copied()
    }

    /// Whether two names (canonical, alias, or unknown) name one outlet:
    /// known names by their outlet, unknown ones by folded spelling.
    pub fn same_outlet(&self, a: &str, b: &str) -> bool {
        match (self.lookup(a), self.lookup(b)) {
            (Some(x), Some(y)) => x == y,
            _ => {
                let (ka, kb) = (key(a), key(b));
                !ka.is_empty() && ka == kb
            }
        }
    }

    /// Every outlet named in `text`, in text order, not overlapping.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        self.mentions_in(text, &lex(text))
    }

    pub(crate) fn mentions_in(&self, text: &str, toks: &[Tok]) -> Vec<Mention> {
        let words: Vec<(usize, &str)> =
            toks.iter().enumerate().filter(|(_, t)| t.is_word()).map(|(i, t)| (i, t.text(text))).collect();
        let mut out = Vec::new();
        let mut w = 0;
        while w < words.len() {
            match self.match_at(toks, &words, w) {
                Some((len, outlet)) => {
                    let first = toks[words[w].0];
                    let last = toks[words[w + len - 1].0];
                    let mut start = first.start;
                    if w > 0 && words[w - 1].1.eq_ignore_ascii_case("the") && !words[w].1.eq_ignore_ascii_case("the") {
                        let the = toks[words[w - 1].0];
                        if first.start - the.end <= 2 {
                            start = the.start;
                        }
                    }
                    let alias: Vec<&str> = words[w..w + len].iter().map(|&(_, t)| t).collect();
                    let guarded = self.credit_only.iter().any(|(a, o)| {
                        *o == outlet
                            && a.len() == alias.len()
                            && a.iter().zip(&alias).all(|(x, y)| x.eq_ignore_ascii_case(y))
                    });
                    if guarded && !credit_only::credited(text, first.start, last.end) {
                        w += 1;
                        continue;
                    }
                    if !photo_credit(text, start, last.end) {
                        out.push(Mention { span: ByteSpan::new(start, last.end), outlet });
                    }
                    w += len;
                }
                None => w += 1,
            }
        }
        out
    }

    fn match_at(&self, toks: &[Tok], words: &[(usize, &str)], w: usize) -> Option<(usize, usize)> {
        let first = words[w].1;
        let upper_first = first.chars().all(|c| !c.is_lowercase()) && first.chars().count() > 1;
        let mut lists: Vec<&Vec<(Vec<String>, usize)>> = Vec::new();
        if let Some(l) = self.index.get(first) {
            lists.push(l);
        }
        if upper_first {
            // POLITICO: try the alias spellings of any case
            for k in self.upper.get(first).into_iter().flatten() {
                if k != first {
                    lists.extend(self.index.get(k));
                }
            }
        }
        // a case form of a Cyrillic name: the word minus one to three letters
        let n = if is_cyrillic(first) { first.chars().count() } else { 0 };
        for cut in 1..=3.min(n.saturating_sub(4)) {
            let key: String = first.chars().take(n - cut).collect();
            for k in self.inflected.get(&key).into_iter().flatten() {
                if k != first {
                    lists.extend(self.index.get(k));
                }
            }
        }
        let mut best: Option<(usize, usize)> = None;
        for list in lists {
            for (alias, outlet) in list {
                if w + alias.len() > words.len() || best.is_some_and(|(l, _)| l >= alias.len()) {
                    continue;
                }
                let ok = alias.iter().enumerate().all(|(j, a)| {
                    let (ti, t) = words[w + j];
                    let same = t == a
                        || (t.chars().count() > 1 && t.chars().all(|c| !c.is_lowercase()) && t == a.to_uppercase())
                        || case_form(t, a);
                    // consecutive words, no line break between them
                    let adjacent = j == 0 || {
                        let pi = words[w + j - 1].0;
                        toks[pi + 1..ti].iter().all(|t| t.kind != Kind::Break) && toks[ti].start - toks[pi].end <= 3
                    };
                    same && adjacent
                });
                if ok {
                    best = Some((alias.len(), *outlet));
                }
            }
        }
        best
    }
}

/// Whether the outlet named at `start..end` is a photo or picture credit,
/// not a source: `(Jane Doe / AP)`, `AP Photo/Jane Doe`, `(Photo: AFP)`,
/// `Фото: ТАСС` (a dateline `/ТАСС/` is not one).
fn photo_credit(text: &str, start: usize, end: usize) -> bool {
    const PHOTO: [&str; 8] = ["photo", "photos", "picture", "pictures", "image", "images", "фото", "снимок"];
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    let after = text[end..].trim_start_matches([' ', '\u{a0}']);
    if before.ends_with('/') && !after.starts_with('/') {
        return true;
    }
    let next: String = after.chars().take_while(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    if PHOTO.contains(&next.as_str()) {
        return true;
    }
    // inside parentheses or on a line that names a photo: `(Photo: AFP)`
    let line = &before[before.rfind(['\n', '(', '.']).map_or(0, |i| i + 1)..];
    let words: Vec<String> = line.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect();
    line.len() < 60 && words.iter().any(|w| PHOTO.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
        g.mentions(text).iter().map(|m| (text[m.span.range()].to_owned(), g.name(m.outlet).to_owned())).collect()
    }

    #[test]
    fn aliases_in_their_own_scripts() {
        let g = Gazetteer::builtin();
        assert_eq!(g.canonical("ТАСС"), Some("TASS"));
        assert_eq!(g.canonical("РИА Новости"), Some("RIA Novosti"));
        assert_eq!(g.canonical("Интерфакс"), Some("Interfax"));
        assert_eq!(g.canonical("the associated press"), Some("Associated Press"));
        assert_eq!(g.canonical("AP"), Some("Associated Press"));
        assert_eq!(g.canonical("washington post"), Some("The Washington Post"));
        assert_eq!(g.canonical("Pravda Weekly"), None);
        assert!(g.same_outlet("AFP", "Agence France-Presse"));
        assert!(g.same_outlet("Some Blog", "some blog"));
        assert!(!g.same_outlet("Reuters", "TASS"));
    }

    #[test]
    fn mentions_whole_words_with_the() {
        let g = Gazetteer::builtin();
        let text = "As the Washington Post and POLITICO reported, ТАСС and CNN/ORC agreed; the capitol hill, Apple.";
        assert_eq!(
            found(&g, text),
            vec![
                ("the Washington Post".to_owned(), "The Washington Post".to_owned()),
                ("POLITICO".to_owned(), "Politico".to_owned()),
                ("ТАСС".to_owned(), "TASS".to_owned()),
                ("CNN".to_owned(), "CNN".to_owned()),
            ]
        );
        assert_eq!(found(&g, "The Hill reported"), vec![("The Hill".to_owned(), "The Hill".to_owned())]);
        assert!(found(&g, "Capitol Hill residents").is_empty());
    }

    #[test]
    fn forty_countries_with_their_own_scripts() {
        let g = Gazetteer::builtin();
        let countries: std::collections::BTreeSet<&str> =
            g.outlets().iter().filter_map(|o| o.country.as_deref()).collect();
        assert!(countries.len() >= 40, "{} countries", countries.len());
        assert!(g.outlets().iter().all(|o| o.country.is_some()), "every built-in outlet has a country");
        for (alias, name, country) in [
            ("연합뉴스", "Yonhap", "KR"),
            ("新华社", "Xinhua", "CN"),
            ("Укрінформ", "Ukrinform", "UA"),
            ("ANSA", "ANSA", "IT"),
            ("Agência Brasil", "Agência Brasil", "BR"),
            ("Bernama", "Bernama", "MY"),
            ("ΑΠΕ-ΜΠΕ", "Athens-Macedonian News Agency", "GR"),
            ("РБК", "RBC", "RU"),
        ] {
            let i = g.lookup(alias).unwrap_or_else(|| panic!("{alias}"));
            assert_eq!((g.name(i), g.outlets()[i].country.as_deref()), (name, Some(country)));
        }
        let mut user = Gazetteer::default();
        let err = user.add("mine.txt", "[france] Le Monde").unwrap_err();
        assert_eq!(err.to_string(), "mine.txt: line 1: a country is two capital letters in brackets: `[FR] Le Monde`");
    }

    #[test]
    fn photo_credits_are_no_mentions() {
        let g = Gazetteer::builtin();
        assert!(found(&g, "The film (Jane Doe / AP) opens.").is_empty());
        assert!(found(&g, "AP Photo/Jane Doe").is_empty());
        assert!(found(&g, "(Photo: AFP) The minister").is_empty());
        assert_eq!(found(&g, "МОСКВА, 3 марта. /ТАСС/. Самолет")[0].1, "TASS");
        assert_eq!(found(&g, "the minister told AP on Monday")[0].1, "Associated Press");
    }

    #[test]
    fn names_in_the_script_of_the_mention() {
        let g = Gazetteer::builtin();
        let name = |alias: &str, written: &str| g.name_as_written(g.lookup(alias).unwrap(), written).to_owned();
        assert_eq!(name("Izvestia", "Известиям"), "Известия");
        assert_eq!(name("Izvestia", "Izvestia"), "Izvestia");
        assert_eq!(name("TASS", "ИТАР-ТАСС"), "ТАСС");
        assert_eq!(name("TASS", "ITAR-TASS"), "TASS");
        assert_eq!(name("RIA Novosti", "РИА"), "РИА Новости");
        assert_eq!(name("Спорт-Экспресс", "Sport-Express"), "Sport-Express");
        assert_eq!(name("Ukrinform", "Укринформа"), "Укринформ");
        assert_eq!(name("Ukrinform", "Укрінформу"), "Укрінформ");
        // no name in that script: the canonical name
        assert_eq!(name("Reuters", "ロイター"), "Reuters");
        assert_eq!(name("Associated Press", "Ассошиэйтед Пресс"), "Associated Press");
    }

    #[test]
    fn russian_case_forms() {
        let g = Gazetteer::builtin();
        for (text, name) in [
            ("рассказал «Коммерсанту»", "Kommersant"),
            ("по информации «Интерфакса»", "Interfax"),
            ("в интервью «Известиям»", "Izvestia"),
            ("сообщили РИА Новостям", "RIA Novosti"),
        ] {
            assert_eq!(found(&g, text).iter().map(|f| f.1.as_str()).collect::<Vec<_>>(), vec![name], "{text}");
        }
        assert!(found(&g, "Интерфейс").is_empty());
    }

    #[test]
    fn user_file_extends_and_merges() {
        let mut g = Gazetteer::builtin();
        g.add("mine.txt", "# local\nPravda Weekly | PW\nTASS | TASS-DE\n").unwrap();
        assert_eq!(g.canonical("PW"), Some("Pravda Weekly"));
        assert_eq!(g.canonical("TASS-DE"), Some("TASS"));
        assert!(g.add("bad.txt", " | \n").is_err() || g.add("bad.txt", "!!! | x").is_err());
    }
}
