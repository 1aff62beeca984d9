//! «— уверен собеседник»: a bare «собеседник» (or «собеседница»), with no
//! outlet after it, is the person the article has just let speak without a
//! name: the speaker of the nearest cue in the sentences before the quote
//! (`Один из депутатов, попросивший не называть его имени, признался,
//! что …` → `Один из депутатов`; a participle clause the cue was found in,
//! `Один из депутатов, попросивший не называть его имени, отнёсся …`, is
//! passed for the phrase before it), reported like a pronoun as that phrase
//! (or the person it names). «собеседник агентства» (an outlet's
//! interlocutor) is `ru_credit.rs`'s rule, unless the sentences before
//! introduce an anonymous source with a cue (`Источник в правительстве
//! края, знакомый с ситуацией, рассказал ТАСС, что …`): then it is that
//! source, reported the same way, and that sentence's outlet credits the
//! quote.

use super::super::super::lexicon::PhraseKind;
use super::super::context::{Ctx, Item};
use super::super::SpeakerKind;
use super::words::ANONYMOUS;
use crate::corpus::ByteSpan;

/// How many sentences back the interlocutor's introduction is looked for.
const INTRODUCTION_SENTENCES: usize = 3;

impl Ctx<'_> {
    /// For a speaker phrase `span` that is a bare «собеседник» of quote `q`:
    /// the speaker of the nearest cue in the (at most three) sentences
    /// before the quote, unless a pronoun: the person's name when it gives
    /// one, else its phrase.
    pub(in crate::attribution::speaker) fn ru_bare_interlocutor(&self, q: usize, span: ByteSpan) -> Option<String> {
        let phrase = self.text[span.range()].to_lowercase();
        if !matches!(phrase.as_str(), "собеседник" | "собеседница") {
            return None;
        }
        self.ru_introduction(q).map(|(name, _, _)| name)
    }

    /// For a speaker phrase `span` of quote `q` that is an outlet's
    /// interlocutor (`собеседник агентства`): the anonymous source the
    /// sentences before introduce with a cue (`Источник в правительстве
    /// края, знакомый с ситуацией, рассказал ТАСС, что …`), as written, and
    /// the span of that sentence (its outlet credits the quote). A named
    /// person introduced there is left to `ru_credit.rs`.
    pub(in crate::attribution::speaker) fn ru_outlet_interlocutor(
        &self,
        q: usize,
        span: ByteSpan,
    ) -> Option<(String, ByteSpan)> {
        let phrase = self.text[span.range()].to_lowercase();
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let [noun, media] = words.as_slice() else { return None };
        if !noun.starts_with("собеседни") || self.lex.match_phrase(&[media], PhraseKind::Media).is_none() {
            return None;
        }
        let (name, sp, sentence) = self.ru_introduction(q)?;
        let first = self.text[sp.range()].split_whitespace().next()?.to_lowercase();
        ANONYMOUS.iter().any(|a| first.starts_with(a)).then_some((name, sentence))
    }

    /// The speaker of the nearest cue in the (at most three) sentences
    /// before quote `q`, unless a pronoun: the person's name when it gives
    /// one, else its phrase; with the phrase's span and that sentence's.
    fn ru_introduction(&self, q: usize) -> Option<(String, ByteSpan, ByteSpan)> {
        let mut at = self.quotes[q].open;
        for _ in 0..INTRODUCTION_SENTENCES {
            let items = self.previous_sentence_items(at);
            let first = items.first().and_then(|&it| self.tok_of(it))?;
            at = self.toks[first].start;
            let Some((sp, _)) = self.before_cue(&items) else { continue };
            let sp = self.past_participle_clause(&items, sp);
            if self.kind_of(sp) == SpeakerKind::Pronoun {
                return None;
            }
            // a person's name (two words or more), else the phrase: `Один из
            // депутатов` is no name
            let name = self.name_in(sp).filter(|n| n.split_whitespace().count() >= 2);
            let sentence = self.span_of(&items)?;
            return Some((name.unwrap_or_else(|| self.with_partitive(sp).to_owned()), sp, sentence));
        }
        None
    }
}

impl Ctx<'_> {
    /// A speaker phrase `sp` that is a participle opening a clause after a
    /// comma (`Один из депутатов, попросивший не называть его имени, …`:
    /// the cue found was the infinitive inside it) stands for the phrase
    /// before that comma.
    fn past_participle_clause(&self, items: &[Item], sp: ByteSpan) -> ByteSpan {
        let phrase = self.text[sp.range()].to_lowercase();
        let participle = phrase.split_whitespace().count() == 1
            && ["вший", "вшая", "вшие", "вшийся", "вшаяся", "вшиеся"].iter().any(|e| phrase.ends_with(e));
        if !participle {
            return sp;
        }
        let Some(p) =
            items.iter().position(|&it| self.tok_of(it).is_some_and(|i| self.toks[i].start == sp.start as usize))
        else {
            return sp;
        };
        match p.checked_sub(1).map(|c| items[c]) {
            Some(Item::T(i)) if self.toks[i].is(',') => self.ru_phrase_before(items, p - 1).unwrap_or(sp),
            _ => sp,
        }
    }

    /// The phrase `sp` with a partitive complement after it (`Один` → `Один
    /// из депутатов фракции`), up to a comma or the sentence's end, at most
    /// [`PARTITIVE_WORDS`] words.
    fn with_partitive(&self, sp: ByteSpan) -> &str {
        let phrase = &self.text[sp.range()];
        let rest = &self.text[sp.end as usize..];
        let Some(after) = rest.strip_prefix(" из ") else { return phrase };
        let clause = &after[..after.find([',', '.', ';', ':', '—', '\n']).unwrap_or(after.len())];
        let words = clause.split_whitespace().count();
        if words == 0 || words > PARTITIVE_WORDS {
            return phrase;
        }
        let end = sp.end as usize + " из ".len() + clause.trim_end().len();
        &self.text[sp.start as usize..end]
    }
}

/// How many words a partitive complement has at most.
const PARTITIVE_WORDS: usize = 6;

#[cfg(test)]
mod tests {
    use super::super::super::tests::run;

    /// The reported speaker (a pronoun-like phrase as the person it stands
    /// for) of the quote starting with `quote`.
    fn speaker(text: &str, quote: &str) -> Option<String> {
        let hit = run(text).into_iter().find(|r| r.0.starts_with(quote)).unwrap_or_else(|| panic!("no {quote:?}"));
        hit.3.or(hit.1)
    }

    #[test]
    fn a_bare_interlocutor_is_the_unnamed_speaker_before() {
        let text = "Одна из продавщиц рынка, попросившая не указывать ее фамилию, пожаловалась, что аренда \
                    выросла вдвое. «Торговать стало невыгодно», — говорит собеседница.";
        assert_eq!(speaker(text, "Торговать").as_deref(), Some("Одна из продавщиц рынка"));
        let text = "Врач районной больницы Ольга Зуева призналась, что лекарств не хватает. «Мы закупаем их сами», \
                    — говорит собеседница.";
        assert_eq!(speaker(text, "Мы закупаем").as_deref(), Some("Ольга Зуева"));
    }

    #[test]
    fn an_outlets_interlocutor_is_the_anonymous_source_introduced_before() {
        let text = "Источник в мэрии Самары, знакомый с планами, рассказал ТАСС, что тендер отменят. «Смета \
                    завышена вдвое», — сказал собеседник агентства.";
        assert_eq!(speaker(text, "Смета").as_deref(), Some("Источник в мэрии Самары"));
        let outlet = crate::attribution::Attributor::builtin()
            .attribute(text)
            .into_iter()
            .find(|q| text[q.span.range()].starts_with("Смета"))
            .and_then(|q| q.outlet);
        assert_eq!(outlet.as_deref(), Some("ТАСС"));
        // a named person introduced before is left to ru_credit.rs
        let text = "Прокурор района Игорь Белов рассказал ТАСС, что дело закрыто. «Оснований нет», — сказал \
                    собеседник агентства.";
        assert_eq!(speaker(text, "Оснований").as_deref(), Some("собеседник агентства"));
    }

    #[test]
    fn an_introduction_past_a_participle_clause() {
        let text = "Один из сотрудников завода, попросивший не называть его имени, отнесся к планам скептически. \
                    «Станки старые, людей мало», — признался собеседник.";
        assert_eq!(speaker(text, "Станки").as_deref(), Some("Один из сотрудников завода"));
    }

    #[test]
    fn an_interlocutor_without_an_introduction_stays_as_written() {
        let text = "Завод остановился в марте. «Денег нет уже третий месяц», — говорит собеседник.";
        assert_eq!(speaker(text, "Денег").as_deref(), Some("собеседник"));
    }

    #[test]
    fn a_source_in_an_adjective_and_noun_phrase() {
        // `отрасли` ends like a past verb but follows an adjective
        let text = "Завод встал. Источник в нефтяной отрасли края, знакомый с ситуацией, рассказал ТАСС, что \
                    поставки сорваны. «Сырья нет с понедельника», — сказал собеседник агентства.";
        assert_eq!(speaker(text, "Сырья").as_deref(), Some("Источник в нефтяной отрасли края"));
    }
}
