//! The mention chain of a document: every person named (runs of
//! capitalized words that pass the person test), later mentions linked by
//! surname, and each person's gender; what pronouns and descriptions
//! resolve against (`resolution.rs`).

use super::super::lex::capitalized;
use super::super::lexicon::Gender;
use super::context::Ctx;
use super::{gender, russian};
/// One person named in a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Person {
    /// The fullest name the text gives ("Dmitry Peskov").
    pub name: String,
    /// Its last word ("Peskov"): later mentions by surname join the chain.
    pub surname: String,
    /// From the text (a title, a pronoun used with the name, a verb's
    /// agreement) or else from the first-name list.
    pub gender: Option<Gender>,
    /// Whether the gender came from the text (not the name list).
    pub gender_from_text: bool,
}

/// A mention of a person: where, and which person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct PersonMention {
    /// First byte of the name.
    pub at: usize,
    /// Byte after the name.
    pub end: usize,
    /// Index into [`Chain::persons`].
    pub person: usize,
    /// Whether it stands inside a quote (no antecedent for a pronoun
    /// outside it).
    pub in_quote: bool,
    /// Whether a title introduces it ("Minister Sergei Kravtsov"): an
    /// antecedent for a later "the minister".
    pub titled: bool,
}

/// The mention chain of a document: every person named, and each mention
/// (full name, surname, titled name) in text order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Chain {
    pub persons: Vec<Person>,
    pub mentions: Vec<PersonMention>,
}

impl Chain {
    /// The mentions outside quotes before byte `at` and within
    /// [`PRONOUN_REACH`] of it, nearest first.
    pub(super) fn recent(&self, at: usize) -> impl Iterator<Item = &PersonMention> {
        let upto = self.mentions.partition_point(|m| m.at < at);
        self.mentions[..upto].iter().rev().take_while(move |m| m.at + PRONOUN_REACH >= at).filter(|m| !m.in_quote)
    }
}

/// The longest line (characters) taken for a caption or section label.
pub(super) const CAPTION_CHARS: usize = 120;

/// How far back (bytes) a pronoun looks for the person it stands for.
pub(super) const PRONOUN_REACH: usize = 3000;

impl<'a> Ctx<'a> {
    /// The mention chain, built on first use.
    pub(super) fn chain(&self) -> &Chain {
        self.chain.get_or_init(|| self.build_chain())
    }

    /// Candidate mentions: runs of capitalized words. A run is a person when
    /// it has a known first name, follows a title ("spokesman Dmitry
    /// Peskov", "Mr. Smith"), repeats a known person's surname, or is
    /// followed by a cue verb ("Peskov said"); never when a word marks an
    /// organisation or place ("Ministry", "Kentucky" alone), when it is in
    /// capitals (captions "WATCH", datelines "MOSCOW"), or a sentence-opening
    /// word alone.
    fn build_chain(&self) -> Chain {
        let mut chain = Chain::default();
        let toks = self.toks;
        let mut i = 0;
        while i < toks.len() {
            if !toks[i].is_word() || !capitalized(self.word(i)) {
                i += 1;
                continue;
            }
            // the run: capitalized words, joined by spaces, hyphens,
            // apostrophes or a title's dot
            let start = i;
            let mut words: Vec<usize> = vec![i];
            let mut j = i + 1;
            while j < toks.len() && words.len() < 10 {
                let t = toks[j];
                let glued = t.start == toks[j - 1].end;
                // (a lower-case part after a hyphen: "Lin Wei-chen")
                if t.is_word() && (self.cap_at(j) || self.particle_at(j)) && (glued || t.start - toks[j - 1].end <= 1) {
                    if glued && toks[j - 1].is_word() {
                        break;
                    }
                    words.push(j);
                    j += 1;
                } else if glued
                    && ((t.is('-') || t.is('’') || t.is('\''))
                        || (t.is('.') && (self.lex.is_title(&self.lower(j - 1)) || self.initial_at(j - 1))))
                {
                    j += 1;
                } else {
                    break;
                }
            }
            i = j.max(start + 1);
            self.add_run(&mut chain, &words);
        }
        self.genders_from_pronouns(&mut chain);
        for p in &mut chain.persons {
            if p.gender.is_none() {
                let first = p.name.split_whitespace().next().unwrap_or("");
                p.gender = gender::first_name_gender(first)
                    .or_else(|| (p.name != p.surname).then(|| gender::russian_surname_gender(&p.surname)).flatten());
            }
        }
        self.genders_from_centering(&mut chain);
        self.ru_title_mentions(&mut chain);
        chain
    }

    /// Add the run of capitalized words `words` (token indices) to the chain
    /// when it names a person.
    fn add_run(&self, chain: &mut Chain, words: &[usize]) {
        // "packaging firm Hsinlung Semiconductor": an organisation's name
        if self.after_organisation_noun(words[0]) {
            return;
        }
        let lower: Vec<String> = words.iter().map(|&w| self.lower(w)).collect();
        let all_caps = |w: usize| {
            let s = self.word(w);
            s.chars().count() > 1 && s.chars().all(|c| !c.is_lowercase())
        };
        // a title before the run ("spokesman Peskov") or opening it ("Mr.", "President")
        // (or a title before a comma: "his deputy, Sunita Rao,")
        let before = words[0]
            .checked_sub(1)
            .filter(|&b| self.toks[b].is_word())
            .or_else(|| {
                // (a full name: "Her son, Pablo," is too weak a sign)
                let c = words[0].checked_sub(1).filter(|&c| self.toks[c].is(',') && words.len() >= 2)?;
                c.checked_sub(1)
                    .filter(|&b| self.toks[b].is_word() && self.lex.is_title(&self.lower(b)))
                    .or_else(|| self.title_with_complement(c))
            })
            .map(|b| self.lower(b));
        let mut title_gender = before.as_deref().and_then(|b| self.lex.title_gender(b));
        let mut titled = before.as_deref().is_some_and(|b| self.lex.is_title(b));
        // a title with a complement before the run: "Министр просвещения
        // Сергей Кравцов", "глава администрации района Виктор Панов"
        // (only an antecedent for "the minister", no evidence of a person:
        // "director of the Texas Politics Project")
        let mut titled_near = false;
        if !titled && words.len() >= 2 {
            let mut b = words[0];
            for _ in 0..3 {
                let Some(p) = b.checked_sub(1).filter(|&p| self.toks[p].is_word()) else { break };
                if self.lex.is_title(&self.lower(p)) {
                    titled_near = true;
                    break;
                }
                b = p;
            }
            // (a longer complement: "Minister for Labour and Employment X")
            titled_near |= self.title_with_complement(words[0]).is_some();
        }
        // "Police Chief Daniel Osei", "Environment Minister Tanya Plibersek":
        // the name follows the last title word of the run
        // (a title word inside a hyphenated name is no title: "Ikram-Sheikh")
        let hyphened = |w: usize| w > 0 && self.toks[w - 1].is('-') && self.toks[w - 1].end == self.toks[w].start;
        let k =
            (0..lower.len()).rposition(|t| self.lex.is_title(&lower[t]) && !hyphened(words[t])).map_or(0, |t| t + 1);
        for w in &lower[..k] {
            title_gender = title_gender.or(self.lex.title_gender(w));
            titled |= self.lex.is_title(w);
        }
        let mut name_words = &words[k..];
        // "Госдумы Ирина Волкова", "Жительница Самары Анна Петрова": a run
        // of more than two words whose later word is a known first name
        // starts the name there (the words before belong to a title)
        // (in English only after a title with a complement, where the
        // capitalized words before the name are the complement: "Minister
        // of Tourism Ahmed X"; elsewhere names have several given names:
        // "Mahmood Nawaz Shah")
        if name_words.len() > 2
            // (not when a lower-case complement ended before the run: "head
            // of research Lim Wei Jie", english.rs)
            && ((titled_near && k == 0 && !self.after_title_complement(name_words))
                || self.word(name_words[0]).chars().next().is_some_and(|c| matches!(c, '\u{400}'..='\u{4ff}')))
        {
            // (not inside a hyphenated name: "Jean-Paul Leblanc")
            let spaced =
                |f: usize| self.text[self.toks[name_words[f - 1]].end..self.toks[name_words[f]].start].contains(' ');
            if let Some(f) =
                (1..name_words.len() - 1).find(|&f| spaced(f) && gender::is_first_name(self.word(name_words[f])))
            {
                if !gender::is_first_name(self.word(name_words[0])) {
                    name_words = &name_words[f..];
                    titled = true;
                }
            }
        }
        // `Сам Семенцов`, `Осенью Савельев`: the first words are no name
        name_words = &name_words[self.leading_not_name(name_words)..];
        // "Later Tomas X", "But Mary Y", "In China": a connective, preposition
        // or time word opening the sentence is no part of a name, even one
        // the first-name list has ("In")
        if name_words.len() >= 2 && self.opens_sentence(name_words[0]) {
            let l = self.lower(name_words[0]);
            if self.lex.is_opener(&l) || self.lex.is_time(&l) || self.lex.is_boundary(&l) {
                name_words = &name_words[1..];
            }
        }
        name_words = &name_words[self.noun_before_surname(name_words, chain)..];
        // "In Kaloleni, …": a sentence-opening preposition (english.rs)
        match self.opening_preposition(name_words) {
            Some(true) => return,
            Some(false) => name_words = &name_words[1..],
            None => {}
        }
        titled |= self.after_title_complement(name_words);
        let lower = &lower[words.len() - name_words.len()..];
        let k = 0;
        if name_words.is_empty()
            || name_words.len() > 4
            || name_words.iter().any(|&w| all_caps(w))
            || lower[k..].iter().any(|w| self.lex.is_organisation(w) || self.lex.is_pronoun(w) || russian::is_agency(w))
        {
            return;
        }
        let at = self.toks[name_words[0]].start;
        // a name in a caption or section label is no antecedent either
        let in_quote = self.in_quote(at) || self.in_caption(at);
        // (the parts of a hyphenated word are one name: "Wei-chen")
        let mut names: Vec<&str> = Vec::new();
        for (n, &w) in name_words.iter().enumerate() {
            let tok = self.toks[w];
            let joined =
                n > 0 && self.toks[w - 1].is('-') && self.toks[w - 1].start == self.toks[name_words[n - 1]].end;
            match names.last_mut() {
                Some(last) if joined && tok.start == self.toks[w - 1].end => {
                    let from = self.toks[name_words[n - 1]].end - last.len();
                    *last = &self.text[from..tok.end];
                }
                _ => names.push(self.word(w)),
            }
        }
        // `в Гродно`: a place
        if self.after_russian_locative(name_words[0], &names)
            || self.ru_place_adjective(name_words)
            || self.ru_event_name(name_words)
            || self.vocative(name_words[0], name_words[name_words.len() - 1])
        {
            return;
        }
        let surname = names[names.len() - 1].to_owned();
        // the name as written, hyphens kept ("Marc-André Tremblay")
        let written = &self.text[at..self.toks[name_words[name_words.len() - 1]].end];
        let written = if written.len() < 80 && !written.contains('\n') { written.to_owned() } else { names.join(" ") };
        // a later mention by surname, or by the family name written first
        // ("Wang" for "Wang Lei")
        // (Russian surnames in any case: `Семенцова` for `Семенцов`; not
        // another first name: `Анна Петрова` is not `Иван Петров`)
        let same = |p: &Person| {
            (russian::same_surname(&p.surname, &surname) && !russian::other_first_name(&p.name, &written))
                || p.name == written
                || (names.len() == 1 && p.name.split_whitespace().next() == Some(names[0]))
        };
        // of two people with one surname ("Mrs Okafor and her husband, Mr
        // Chidi Okafor"), the one of the title's gender
        let known = title_gender
            .and_then(|g| chain.persons.iter().rposition(|p| same(p) && p.gender == Some(g)))
            // (the person of this very name first)
            .or_else(|| chain.persons.iter().position(|p| p.name == written))
            .or_else(|| {
                // else the one mentioned most so far (the article's
                // subject, not a headline's run or a relative), the first
                // introduced on a tie
                let mentioned = |p: usize| chain.mentions.iter().filter(|m| m.person == p).count();
                let mut found = (0..chain.persons.len()).filter(|&p| same(&chain.persons[p]));
                let first = found.next()?;
                Some(found.fold(first, |best, p| if mentioned(p) > mentioned(best) { p } else { best }))
            });
        let first_name = gender::is_first_name(names[0]);
        let sentence_start = self.opens_sentence(name_words[0]);
        let last = name_words[name_words.len() - 1];
        // (an appositive name before its verb: "One of the cleaners, X, told")
        let appositive = words[0].checked_sub(1).is_some_and(|c| self.toks[c].is(','))
            && self.toks.get(last + 1).is_some_and(|c| c.is(','))
            && self.cue_verb_after(last + 1);
        let cue_after = self.cue_verb_after(last) || self.person_apposition(last) || appositive;
        let person = match known {
            Some(p) if names.len() == 1 || chain.persons[p].name.ends_with(&written) => p,
            _ => {
                // Russian capitalizes only proper names: two capitalized
                // Cyrillic words that name no organisation are a person
                let cyrillic =
                    names.iter().all(|n| n.chars().next().is_some_and(|c| matches!(c, '\u{400}'..='\u{4ff}')));
                // a place: "in Orlando East"
                if !titled && !cue_after && self.after_locative(name_words[0]) {
                    return;
                }
                let is_person = if names.len() >= 2 {
                    first_name || titled || cue_after || cyrillic
                } else {
                    titled || (cue_after && !sentence_start) || (cue_after && !self.lex.is_opener(&lower[k]))
                };
                if !is_person {
                    return;
                }
                // a fuller name of a person known by surname ("Peskov", then "Dmitry Peskov")
                // (not another person with that surname: "Chidi Okafor"
                // after "Adaeze Okafor")
                let fuller = known.filter(|&p| {
                    let old = &chain.persons[p].name;
                    !old.contains(' ') || written.ends_with(old.as_str())
                });
                if let Some(p) = fuller {
                    chain.persons[p].name = written;
                    p
                } else {
                    // a surname alone: the fuller name written before it
                    // ("Kadeem Ottey won …", then "Ottey, who …")
                    let written =
                        if names.len() == 1 { self.earlier_full_run(&surname, at).unwrap_or(written) } else { written };
                    chain.persons.push(Person { name: written, surname, gender: None, gender_from_text: false });
                    chain.persons.len() - 1
                }
            }
        };
        if let Some(g) = title_gender.or_else(|| self.verb_gender_after(name_words[name_words.len() - 1])) {
            let p = &mut chain.persons[person];
            if !p.gender_from_text {
                p.gender = Some(g);
                p.gender_from_text = true;
            }
        }
        let end = self.toks[name_words[name_words.len() - 1]].end;
        chain.mentions.push(PersonMention { at, end, person, in_quote, titled: titled || titled_near });
    }
}
