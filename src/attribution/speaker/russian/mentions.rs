//! The mention chain's Russian rules: no places after «в»/«на», no events
//! (`Кубка России`, `Чемпионате мира`), words
//! opening a run that are no part of a name (`Сам Семенцов`), initials
//! (`Н. А. Тарасова`), and a subject «Министр» as a mention of the minister
//! named before.

use super::super::context::Ctx;
use super::super::mentions::Chain;
use super::words::*;
use super::*;

impl<'a> Ctx<'a> {
    /// Whether the capitalized run starting at token `first` follows a
    /// preposition of place (`в Гродно`, `на Камчатке`): a place, unless it
    /// holds a known first name.
    pub(in crate::attribution::speaker) fn after_russian_locative(&self, first: usize, names: &[&str]) -> bool {
        let Some(b) = first.checked_sub(1).filter(|&b| self.toks[b].is_word()) else { return false };
        LOCATIVE.contains(&self.word(b)) && cyrillic(names[0]) && !names.iter().any(|n| gender::is_first_name(n))
    }

    /// Whether the Cyrillic run `names` is a place adjective before a
    /// lower-case territorial noun (`Забайкальского края`, `Улетовского
    /// района`, `Павлодарской области`): no name, although a title may
    /// stand before it (`губернатор Забайкальского края Павел Кудрин`).
    pub(in crate::attribution::speaker) fn ru_place_adjective(&self, words: &[usize]) -> bool {
        let [.., last] = words else { return false };
        let next = (last + 1 < self.toks.len()).then(|| last + 1).filter(|&n| self.toks[n].is_word());
        let adjective =
            ["ского", "цкого", "ской", "цкой", "ского", "ного", "ной", "ский", "ская", "ое", "ий", "ый", "ая"]
                .iter()
                .any(|e| self.word(*last).ends_with(e));
        adjective && cyrillic(self.word(*last)) && next.is_some_and(|n| TERRITORIES.contains(&self.word(n)))
    }

    /// Whether the Cyrillic run `names` opens with an event noun in any case
    /// (`Кубка России`, `Чемпионате Европы`, `Первенства края`): a
    /// competition's or event's name, no person.
    pub(in crate::attribution::speaker) fn ru_event_name(&self, words: &[usize]) -> bool {
        let Some(&first) = words.first() else { return false };
        let w = self.lower(first);
        cyrillic(&w) && EVENTS.iter().any(|e| w.starts_with(e) && w.chars().count() <= e.chars().count() + 3)
    }

    /// How many words opening a Cyrillic run are no part of the name
    /// (`Сам Семенцов`, `Осенью Савельев`, `Ранее Петров`).
    pub(in crate::attribution::speaker) fn leading_not_name(&self, words: &[usize]) -> usize {
        words
            .iter()
            .take_while(|&&w| {
                let s = self.word(w);
                let l = s.to_lowercase();
                cyrillic(s)
                    && (self.lex.is_opener(&l)
                        || self.lex.is_auxiliary(&l)
                        || self.lex.is_time(&l)
                        || self.lex.is_boundary(&l)
                        || NOT_NAMES.contains(&l.as_str())
                        || self.lex.pronoun_gender(&l).is_some())
            })
            .count()
    }

    /// How many words opening a Cyrillic run at the start of a sentence or
    /// quote are a common noun before a known surname (`«Вина Семенцова`,
    /// `Сам Семенцов`): the word is no first name, and a person of that
    /// surname is known.
    pub(in crate::attribution::speaker) fn noun_before_surname(&self, words: &[usize], chain: &Chain) -> usize {
        let [first, .., last] = words else { return 0 };
        let w = self.word(*first);
        let opens = *first == 0 || {
            let p = self.toks[first - 1];
            p.kind == Kind::Break
                || self.is_sentence_end(first - 1)
                || matches!(p.kind, Kind::Punct('«' | '"' | '„' | '“'))
        };
        let known = chain.persons.iter().any(|p| same_surname(&p.surname, self.word(*last)));
        usize::from(cyrillic(w) && opens && !gender::is_first_name(w) && known && words.len() == 2)
    }

    /// Whether token `i` is a Cyrillic initial (`Н` before `.` in `Н. А.
    /// Тарасова`).
    pub(in crate::attribution::speaker) fn initial_at(&self, i: usize) -> bool {
        let w = self.word(i);
        w.chars().count() == 1 && cyrillic(w) && capitalized(w)
    }

    /// Add to the chain the subjects that are a bare title (`Министр
    /// также сообщил`, `Глава ведомства уверен`): a mention of the person
    /// that title stands for (the nearest person named before of the verb's
    /// gender, named with a title), so a later «он» finds the minister, not
    /// someone named between.
    pub(in crate::attribution::speaker) fn ru_title_mentions(&self, chain: &mut Chain) {
        let mut added = Vec::new();
        for i in 0..self.toks.len() {
            let t = self.toks[i];
            if !t.is_word() || !capitalized(self.word(i)) || !cyrillic(self.word(i)) {
                continue;
            }
            let opens = i == 0 || {
                let p = self.toks[i - 1];
                p.kind == Kind::Break || self.is_sentence_end(i - 1)
            };
            if !opens || !self.role_word(&self.lower(i)) {
                continue;
            }
            // no name in the phrase: up to the verb, lower-case words only
            let mut j = i + 1;
            let mut g = None;
            let mut verb = false;
            while j < self.toks.len() && j < i + 6 {
                let n = self.toks[j];
                if !n.is_word() || capitalized(self.word(j)) {
                    break;
                }
                let w = self.lower(j);
                if past_verb(&w) || self.lex.match_phrase(&[w.as_str()], PhraseKind::Verb).is_some() {
                    g = verb_gender(&w);
                    verb = true;
                    break;
                }
                j += 1;
            }
            if !verb {
                continue;
            }
            let at = t.start;
            let g = g.or_else(|| self.lex.title_gender(&self.lower(i)));
            let phrase = self.text[at..self.toks[j - 1].end.max(t.end)].to_lowercase();
            // (the phrase up to the verb, without it)
            let phrase = if j > i + 1 { self.text[at..self.toks[j - 1].end].to_lowercase() } else { phrase };
            let phrase: String = phrase
                .split_whitespace()
                .filter(|w| !self.lex.is_auxiliary(w) && !self.lex.is_time(w))
                .take_while(|w| !PREPOSITIONS.contains(w))
                .collect::<Vec<_>>()
                .join(" ");
            let hit = self.title_antecedent(chain, &phrase, at, g).or_else(|| {
                chain
                    .recent(at)
                    .filter(|m| m.titled)
                    .find(|m| g.is_none() || chain.persons[m.person].gender.is_none_or(|pg| Some(pg) == g))
                    .map(|m| m.person)
            });
            if let Some(person) = hit {
                added.push(PersonMention { at, end: t.end, person, in_quote: false, titled: true });
            }
        }
        if !added.is_empty() {
            chain.mentions.extend(added);
            chain.mentions.sort_by_key(|m| m.at);
        }
    }
}
