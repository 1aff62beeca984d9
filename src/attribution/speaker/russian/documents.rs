//! «— говорится в ответе ведомства»: a quote credited to a document whose
//! owner is only an anaphoric noun (ведомства, министерства, компании) or
//! not given at all (`говорится в ответе на запрос редакции`). The document
//! does not speak, and «ведомство» only points back: the speaker is the body
//! the sentence before names with an impersonal plural verb («В
//! Роспотребнадзоре «Известиям» сообщили, что …»), reported as written,
//! with its nominative for a one-word federal agency (Роспотребнадзор), and
//! that sentence joins the quote's context, so the outlet it credits counts.
//! A document with a named or specific owner keeps its phrase
//! (`сообщении пресс-службы`, `заявлении МЧС России`): the owner is in it.

use super::super::context::{Ctx, Item};
use super::super::gender;
use super::words::{cyrillic, is_agency, PREPOSITIONS};
use crate::corpus::ByteSpan;

/// Stems of nouns naming a document or statement.
const DOCUMENTS: &[&str] = &[
    "ответ",
    "сообщени",
    "заявлени",
    "письм",
    "документ",
    "пресс-релиз",
    "релиз",
    "комментари",
    "публикаци",
    "обращени",
    "справк",
    "отчет",
    "отчёт",
    "доклад",
    "телеграм-канал",
];

/// Stems of owners that only point back to a body named before.
const ANAPHORIC_OWNERS: &[&str] =
    &["ведомств", "министерств", "учреждени", "организаци", "компани", "структур", "управлени", "служб"];

/// The (lower-case) word opens with one of `stems`.
fn has_stem(w: &str, stems: &[&str]) -> bool {
    stems.iter().any(|s| w.starts_with(s))
}

impl Ctx<'_> {
    /// For quote `q` whose speaker phrase `span` follows a source cue ending
    /// in «в» (`говорится в`): when the phrase is a document with an
    /// anaphoric owner or none, the body named by an impersonal verb in the
    /// sentence before: (its span, its nominative when known, that
    /// sentence).
    pub(in crate::attribution::speaker) fn ru_document_owner(
        &self,
        q: usize,
        span: ByteSpan,
        cue: ByteSpan,
    ) -> Option<(ByteSpan, Option<String>, ByteSpan)> {
        let cue_text = self.text[cue.range()].to_lowercase();
        if !cue_text.ends_with(" в") || !cyrillic(&cue_text) {
            return None;
        }
        let phrase = self.text[span.range()].to_lowercase();
        let mut words = phrase.split_whitespace();
        if !words.next().is_some_and(|w| has_stem(w, DOCUMENTS)) {
            return None;
        }
        if words.next().is_some_and(|o| !PREPOSITIONS.contains(&o) && !has_stem(o, ANAPHORIC_OWNERS)) {
            return None;
        }
        let items: Vec<Item> = self.before_n(q, 1);
        let office = (0..items.len()).rev().find_map(|p| self.ru_office_before(&items, p))?;
        let sentence = self.span_of(&items)?;
        let written = &self.text[office.range()];
        let lower = written.to_lowercase();
        let name = (!written.contains(' ') && is_agency(&lower))
            .then(|| gender::russian_stem(&lower))
            .filter(|stem| stem.len() < lower.len() && !stem.ends_with(['а', 'е', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я']))
            .map(|stem| {
                let mut chars = stem.chars();
                chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
            });
        Some((office, name, sentence))
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::tests::run;

    /// The speaker phrase and name of the quote starting with `quote`.
    fn speaker(text: &str, quote: &str) -> (Option<String>, Option<String>) {
        let hit = run(text).into_iter().find(|r| r.0.starts_with(quote)).unwrap_or_else(|| panic!("no {quote:?}"));
        (hit.1, hit.3)
    }

    #[test]
    fn an_anaphoric_owner_stands_for_the_body_named_before() {
        let text = "В Росреестре сообщили, что сроки сократят. «Регистрация займет три дня», — говорится в ответе \
                    ведомства на запрос агентства.";
        assert_eq!(speaker(text, "Регистрация"), (Some("Росреестре".into()), Some("Росреестр".into())));
        let text = "В мэрии Тулы сообщили, что сроки сократят. «Регистрация займет три дня», — говорится в \
                    сообщении.";
        assert_eq!(speaker(text, "Регистрация").0.as_deref(), Some("мэрии Тулы"));
    }

    #[test]
    fn a_named_owner_or_no_body_keeps_the_document() {
        let text = "В Росреестре сообщили, что сроки сократят. «Регистрация займет три дня», — говорится в \
                    сообщении пресс-службы суда.";
        assert_eq!(speaker(text, "Регистрация").0.as_deref(), Some("сообщении пресс-службы суда"));
        let text = "Сроки сократят. «Регистрация займет три дня», — говорится в ответе ведомства.";
        assert_eq!(speaker(text, "Регистрация").0.as_deref(), Some("ответе ведомства"));
    }
}
