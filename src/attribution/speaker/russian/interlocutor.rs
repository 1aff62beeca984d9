//! «— уверен собеседник»: a bare «собеседник» (or «собеседница»), with no
//! outlet after it, is the person the article has just let speak without a
//! name: the speaker of the nearest cue in the sentences before the quote
//! (`Один из депутатов, попросивший не называть его имени, признался,
//! что …` → `Один из депутатов`), reported like a pronoun as that phrase
//! (or the person it names). «собеседник агентства» (an outlet's
//! interlocutor) is `ru_credit.rs`'s rule.

use super::super::context::Ctx;
use super::super::SpeakerKind;
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
        let mut at = self.quotes[q].open;
        for _ in 0..INTRODUCTION_SENTENCES {
            let items = self.previous_sentence_items(at);
            let first = items.first().and_then(|&it| self.tok_of(it))?;
            at = self.toks[first].start;
            let Some((sp, _)) = self.before_cue(&items) else { continue };
            if self.kind_of(sp) == SpeakerKind::Pronoun {
                return None;
            }
            // a person's name (two words or more), else the phrase: `Один из
            // депутатов` is no name
            let name = self.name_in(sp).filter(|n| n.split_whitespace().count() >= 2);
            return Some(name.unwrap_or_else(|| self.with_partitive(sp).to_owned()));
        }
        None
    }
}

impl Ctx<'_> {
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
    fn an_interlocutor_without_an_introduction_stays_as_written() {
        let text = "Завод остановился в марте. «Денег нет уже третий месяц», — говорит собеседник.";
        assert_eq!(speaker(text, "Денег").as_deref(), Some("собеседник"));
    }
}
