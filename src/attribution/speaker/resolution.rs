//! Resolution: what a speaker phrase is (name, description, pronoun) and
//! the named person it stands for.

use super::super::lex::{capitalized, Kind};
use super::super::lexicon::{Gender, PhraseKind};
use super::context::Ctx;
use super::mentions::{Chain, Person, CAPTION_CHARS};
use super::{russian, CueSource, Speaker, SpeakerKind};
use crate::corpus::ByteSpan;

impl<'a> Ctx<'a> {
    pub(super) fn kind_of(&self, span: ByteSpan) -> SpeakerKind {
        let phrase = &self.text[span.range()];
        let words: Vec<&str> = phrase.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        if words.len() == 1 && self.lex.is_pronoun(&words[0].to_lowercase()) {
            return SpeakerKind::Pronoun;
        }
        if words.iter().all(|w| capitalized(w) || w.chars().all(|c| c.is_numeric())) {
            SpeakerKind::Name
        } else {
            SpeakerKind::Description
        }
    }

    /// The capitalized run ending a phrase (or its part before a comma):
    /// the name in "Russian presidential spokesman Dmitry Peskov".
    pub(super) fn name_in(&self, span: ByteSpan) -> Option<String> {
        let phrase = &self.text[span.range()];
        let head = phrase.split(',').next().unwrap_or(phrase);
        let words: Vec<&str> = head.split_whitespace().collect();
        let mut run: Vec<&str> = Vec::new();
        for (k, w) in words.iter().enumerate().rev() {
            let particle = super::chain::is_particle(w)
                && !run.is_empty()
                && words[..k].iter().rev().find(|w| !super::chain::is_particle(w)).is_some_and(|w| capitalized(w));
            if (capitalized(w) && !self.lex.is_pronoun(&w.to_lowercase())) || particle {
                run.push(w);
            } else {
                break;
            }
        }
        // "the Speaker", "the MP", "The Tánaiste": a title alone names no one
        while run.last().is_some_and(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            self.lex.is_title(&w) || self.lex.is_determiner(&w)
        }) {
            run.pop();
        }
        if run.is_empty() || (run.len() == words.len() && words.len() == 1 && span.start == 0) {
            return None;
        }
        // the name follows the last title inside the run: "Industry
        // President Tom X" (not a title inside a hyphenated name)
        if let Some(t) = run.iter().position(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
            !w.contains('-') && self.lex.is_title(&w)
        }) {
            if t > 0 {
                run.truncate(t);
            }
        }
        run.reverse();
        let name = run.join(" ");
        // a title alone ("The Kremlin") is no person: want a last word that is not the head of a description
        Some(name.trim_matches(|c: char| !c.is_alphanumeric()).to_owned()).filter(|n| !n.is_empty())
    }

    /// A name after the title `head` before byte `before` ("spokesman
    /// Dmitry Peskov" for "the Kremlin spokesman").
    pub(super) fn name_for_title(&self, head: &str, before: usize) -> Option<String> {
        let head: String = head.to_lowercase().chars().take(5).collect();
        if head.chars().count() < 4 {
            return None;
        }
        let end = self.tok_at(before);
        for i in (end.saturating_sub(4000)..end.saturating_sub(1)).rev() {
            if !self.toks[i].is_word() || !self.lower(i).starts_with(&head) {
                continue;
            }
            let mut run: Vec<String> = Vec::new();
            let mut j = self.past_title_complement(i + 1, end);
            // more titles and a rank's numeral: "Finance Minister II Datuk Seri X"
            j = self.past_titles(j, end);
            while j < end && self.toks[j].is_word() && capitalized(self.word(j)) && run.len() < 4 {
                let mut word = self.word(j).to_owned();
                // a hyphenated name stays whole: "Wadettiwar-Patil"
                while j + 2 < end
                    && self.toks[j + 1].is('-')
                    && self.toks[j + 1].start == self.toks[j].end
                    && self.toks[j + 2].start == self.toks[j + 1].end
                    && self.toks[j + 2].is_word()
                {
                    word.push('-');
                    word.push_str(self.word(j + 2));
                    j += 2;
                }
                // a title's dot: "Rt. Hon. Musa Dauda"
                if j + 1 < end && self.toks[j + 1].is('.') && self.lex.is_title(&word.to_lowercase()) {
                    j += 1;
                }
                run.push(word);
                j += 1;
            }
            // titles before the name: "Dr Kwesi X"
            while run.len() > 1 && self.lex.is_title(&run[0].to_lowercase()) {
                run.remove(0);
            }
            if !run.is_empty() {
                return Some(run.join(" "));
            }
        }
        None
    }
}

impl<'a> Ctx<'a> {
    /// A definite description ("the minister", "the treasurer",
    /// «министр») with no name in it and no earlier "minister X": the
    /// nearest person named with a title before it outside quotes, of the
    /// description's gender when its head word has one. A description with
    /// a possessive or a complement ("the ministry's spokeswoman", "a
    /// spokesman for the police") names someone else.
    pub(super) fn resolve_description(&self, span: ByteSpan) -> Option<String> {
        let phrase = &self.text[span.range()];
        let words: Vec<&str> = phrase.split_whitespace().collect();
        let head = words.last()?.to_lowercase();
        let cyrillic = head.chars().next().is_some_and(|c| matches!(c, '\u{400}'..='\u{4ff}'));
        // Russian has no article: a title with a genitive complement and no
        // name ("глава регулятора", "председатель палаты") is definite too,
        // headed by its first word
        let title_first = words.len() <= 3
            && words
                .iter()
                .all(|w| !capitalized(w) && w.chars().next().is_some_and(|c| matches!(c, '\u{400}'..='\u{4ff}')))
            && self.lex.is_title(&words[0].to_lowercase());
        let head = if title_first { words[0].to_lowercase() } else { head };
        let definite = match words.as_slice() {
            [only] => cyrillic && !capitalized(only),
            _ if title_first => true,
            [first, ..] => words.len() <= 3 && first.eq_ignore_ascii_case("the"),
            [] => false,
        };
        if !definite || !self.lex.is_title(&head) || phrase.contains('\'') || phrase.contains('’') {
            return None;
        }
        let g = self.lex.title_gender(&head);
        let at = span.start as usize;
        // centering: the person the sentence before is about (`topic.rs`)
        if let Some(name) = self.topic_person(at, g) {
            return Some(name);
        }
        let chain = self.chain();
        chain
            .recent(at)
            .filter(|m| m.titled)
            .map(|m| &chain.persons[m.person])
            .find(|p| g.is_none() || p.gender.is_none_or(|pg| Some(pg) == g))
            .map(|p| p.name.clone())
    }

    /// The group a plural pronoun ("they", «они») at byte `at` stands for:
    /// the subject of its own sentence before it, else of the sentence
    /// before (`sentence`), when that subject is plural (an English head
    /// in -s, or a Russian plural verb after it: "Жители поселка вышли"),
    /// with its complement ("Residents of Ward 14", "Жители поселка
    /// Сосновка").
    pub(super) fn resolve_group(&self, at: usize, own: Option<ByteSpan>, sentence: Option<ByteSpan>) -> Option<String> {
        let s = own.filter(|s| (s.end as usize) < at).or(sentence)?;
        let first = self.tok_at(s.start as usize);
        let mut j = self.tok_at(s.end as usize);
        let mut end = s.end as usize;
        let mut added = 0;
        let plural_verb = |w: &str| {
            w.chars().count() > 3
                && ["ли", "лись", "ют", "ут", "ят", "ат", "ются", "ятся"].iter().any(|e| w.ends_with(e))
        };
        let cyrillic = self.word(first).chars().next().is_some_and(|c| matches!(c, '\u{400}'..='\u{4ff}'));
        while j < self.toks.len() && self.toks[j].is_word() && added < 5 {
            let w = self.lower(j);
            let verb = self.lex.match_phrase(&[w.as_str()], PhraseKind::Verb).is_some()
                || self.lex.is_auxiliary(&w)
                || self.lex.is_boundary(&w) && !matches!(w.as_str(), "of" | "in" | "at" | "from" | "on")
                || if cyrillic { plural_verb(&w) } else { w.ends_with("ed") };
            // English: a prepositional complement ("of Ward 14", "at the
            // Ballymun school"); Russian: the words up to the verb
            let opens = cyrillic || added > 0 || matches!(w.as_str(), "of" | "in" | "at" | "from" | "on");
            if verb || !opens {
                break;
            }
            end = self.toks[j].end;
            added += 1;
            j += 1;
        }
        let head = self.lower(first);
        let plural = if cyrillic {
            j < self.toks.len() && self.toks[j].is_word() && plural_verb(&self.lower(j))
        } else {
            let last = self.text[s.range()].split_whitespace().last().unwrap_or("").to_lowercase();
            (last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("'s") && !last.ends_with("’s"))
                || self.text[s.range()].contains(" and ")
        };
        (plural && !self.lex.is_pronoun(&head)).then(|| self.text[s.start as usize..end].to_owned())
    }

    /// Whether an age or a relative "who" follows token `i`: "Priya
    /// Sharma, 29,", "Ana Lopez, who ..." name a person.
    pub(super) fn person_apposition(&self, i: usize) -> bool {
        let (Some(c), Some(n)) = (self.toks.get(i + 1), self.toks.get(i + 2)) else { return false };
        if !c.is(',') || !n.is_word() {
            return false;
        }
        let w = n.text(self.text);
        (w.len() <= 3 && w.chars().all(|ch| ch.is_ascii_digit()))
            || self.lex.is_relative(w) && !matches!(w, "which")
            || self.role_apposition(i + 2)
    }

    /// Whether an indefinite description headed by a role word starts at
    /// token `i`: "a 52-year-old autorickshaw driver" (up to the next
    /// comma or preposition; the head is the last word, which must be a
    /// title or role: "a city in Kenya" is no person's apposition).
    pub(super) fn role_apposition(&self, i: usize) -> bool {
        let Some(first) = self.toks.get(i).filter(|t| t.is_word()) else { return false };
        if !matches!(first.text(self.text).to_lowercase().as_str(), "a" | "an") {
            return false;
        }
        let mut head = None;
        for j in i + 1..(i + 8).min(self.toks.len()) {
            let t = self.toks[j];
            if t.is('-') {
                continue;
            }
            if !t.is_word() {
                break;
            }
            let w = self.lower(j);
            if self.lex.is_boundary(&w) || self.lex.is_opener(&w) {
                break;
            }
            head = Some(w);
        }
        head.is_some_and(|h| self.lex.is_title(&h))
    }

    /// Whether byte `b` stands on a caption or section-label line: a short
    /// line opening with a word in capitals and a colon ("PHOTO: …", "READ
    /// MORE: …", "ФОТО: …"; a paragraph after a dateline such as
    /// "SINGAPORE: …" is longer).
    pub(super) fn in_caption(&self, b: usize) -> bool {
        if self.credit_label_before(b) {
            return true;
        }
        let start = self.text[..b].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[b..].find('\n').map_or(self.text.len(), |i| b + i);
        if self.text[start..end].chars().count() > CAPTION_CHARS {
            return false;
        }
        let line = &self.text[start..b];
        let Some(colon) = line.find(':') else { return false };
        let label = &line[..colon];
        let letters = label.chars().filter(|c| c.is_alphabetic()).count();
        (3..=24).contains(&letters) && label.chars().all(|c| !c.is_lowercase() && (c.is_alphabetic() || c == ' '))
    }

    /// Whether token `i` opens a sentence (or paragraph).
    pub(super) fn opens_sentence(&self, i: usize) -> bool {
        let mut j = i;
        while j > 0 {
            j -= 1;
            let t = self.toks[j];
            if t.kind == Kind::Break || self.is_sentence_end(j) {
                return true;
            }
            if !matches!(t.kind, Kind::Punct('"' | '“' | '«' | '„' | '—' | '–' | '(')) {
                return false;
            }
        }
        true
    }

    /// Whether a cue verb follows token `i` (auxiliaries skipped).
    pub(super) fn cue_verb_after(&self, i: usize) -> bool {
        let mut j = i + 1;
        while j < self.toks.len() && j <= i + 3 {
            if !self.toks[j].is_word() {
                return false;
            }
            let w = self.lower(j);
            if self.lex.match_phrase(&[w.as_str()], PhraseKind::Verb).is_some() {
                return !capitalized(self.word(j));
            }
            if !self.lex.is_auxiliary(&w) {
                return false;
            }
            j += 1;
        }
        false
    }

    /// The gender a Russian past-tense verb right after token `i` shows:
    /// "Захарова заявила" (-ла: feminine), "Песков заявил" (-л: masculine).
    pub(super) fn verb_gender_after(&self, i: usize) -> Option<Gender> {
        let j = i + 1;
        let t = self.toks.get(j).filter(|t| t.is_word())?;
        let w = t.text(self.text);
        if !w.chars().next().is_some_and(|c| matches!(c, '\u{400}'..='\u{4ff}')) {
            return None;
        }
        self.lex.match_phrase(&[w], PhraseKind::Verb)?;
        russian::verb_gender(w)
    }

    /// Continuation across paragraphs: a quote opening its paragraph with no
    /// cue, after a paragraph without quotes that names a person ("Ingrid
    /// Halvorsen, the head of the association, is angry.¶“They decided
    /// ...”"): the first person named there.
    pub(super) fn previous_paragraph_person(&self, q: usize, context: &[ByteSpan]) -> Option<Speaker> {
        let (prev_start, prev_end) = self.unquoted_paragraph_before(q)?;
        let chain = self.chain();
        let m = chain.mentions.iter().find(|m| m.at >= prev_start && m.end <= prev_end && !m.in_quote)?;
        Some(Speaker {
            span: ByteSpan::new(m.at, m.end),
            cue: None,
            kind: SpeakerKind::Name,
            name: Some(chain.persons[m.person].name.clone()),
            via: CueSource::Inherited,
            context: context.to_vec(),
        })
    }

    /// When quote `q` opens its paragraph (and is inside no other quote),
    /// the byte range of the paragraph before it, if that one is not empty
    /// and holds no quote: where a continuation's speaker may be named.
    pub(super) fn unquoted_paragraph_before(&self, q: usize) -> Option<(usize, usize)> {
        let open = self.quotes[q].open;
        let line_start = self.text[..open].rfind('\n')?;
        if !self.text[line_start + 1..open].trim().is_empty() || self.quotes[q].parent.is_some() {
            return None;
        }
        let prev_end = self.text[..line_start].trim_end().len();
        let prev_start = self.text[..prev_end].rfind('\n').map_or(0, |i| i + 1);
        let quoted = self.outer.iter().any(|o| o.1 > prev_start && o.0 < prev_end);
        (!quoted && prev_end > prev_start).then_some((prev_start, prev_end))
    }

    /// Whether a capitalized phrase could name a person: no word in
    /// capitals, no organisation or place word, at most four words.
    pub(super) fn could_be_person(&self, span: ByteSpan) -> bool {
        let words: Vec<&str> =
            self.text[span.range()].split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        !words.is_empty()
            && words.len() <= 4
            && words.iter().enumerate().all(|(k, w)| {
                let lower = w.to_lowercase();
                // (a post-nominal closing a name: "Brian X SC")
                let in_capitals = w.chars().count() > 1
                    && w.chars().all(|c| !c.is_lowercase())
                    && !(k + 1 == words.len() && k > 0 && super::centering::is_post_nominal(w));
                !(in_capitals
                    || self.lex.is_organisation(&lower)
                    || self.lex.is_opener(&lower)
                    || self.lex.is_boundary(&lower))
            })
    }

    /// Whether byte `b` lies inside a quote.
    pub(super) fn in_quote(&self, b: usize) -> bool {
        let upto = self.outer.partition_point(|o| o.0 <= b);
        (upto.saturating_sub(16)..upto).any(|q| self.outer[q].0 <= b && b < self.outer[q].1)
    }

    /// Genders from the text: "he"/"she" outside quotes after a person
    /// named earlier in the same sentence ("Smith said he ..."), where the person's
    /// gender is not yet known from a title; the majority, and on a tie the
    /// first such pronoun (the nearest to the name).
    pub(super) fn genders_from_pronouns(&self, chain: &mut Chain) {
        let mut m = 0;
        let mut sentence_starts = 0usize; // sentence ends seen
        let mut last_sentence_of_mention: Vec<usize> = Vec::new();
        // [masculine, feminine] from "he"/"she", then from "his", "her", "him"
        let mut votes: Vec<[u32; 4]> = vec![[0; 4]; chain.persons.len()];
        // the first vote of each kind, which breaks a tie ("Kumari said she
        // had taken him there before he was referred": she)
        let mut first: Vec<[Option<Gender>; 2]> = vec![[None; 2]; chain.persons.len()];
        for (i, t) in self.toks.iter().enumerate() {
            while m < chain.mentions.len() && chain.mentions[m].at <= t.start {
                last_sentence_of_mention.push(sentence_starts);
                m += 1;
            }
            if t.kind == Kind::Break || (!t.is_word() && self.is_sentence_end(i)) {
                sentence_starts += 1;
                continue;
            }
            // pronouns are short: skip longer words without lower-casing them
            if !t.is_word() || t.end - t.start > 8 {
                continue;
            }
            let Some(g) = self.lex.pronoun_gender(&self.lower(i)) else { continue };
            if self.in_quote(t.start) {
                continue;
            }
            let last = (0..m).rev().find(|&k| !chain.mentions[k].in_quote);
            if let Some(k) = last {
                if sentence_starts == last_sentence_of_mention[k] && !self.object_of_preposition(chain.mentions[k].at) {
                    let weak = !matches!(self.lower(i).as_str(), "he" | "she" | "он" | "она");
                    let person = chain.mentions[k].person;
                    votes[person][(g == Gender::Feminine) as usize + 2 * weak as usize] += 1;
                    first[person][weak as usize].get_or_insert(g);
                }
            }
        }
        for ((p, v), first) in chain.persons.iter_mut().zip(votes).zip(first) {
            // a possessive or object ("her classroom") may be someone
            // else's: it counts only when "he"/"she" do not and the
            // first-name list gives no gender
            let listed = || super::gender::first_name_gender(p.name.split_whitespace().next().unwrap_or("")).is_some();
            let (v, first) = if v[..2] != [0, 0] {
                ([v[0], v[1]], first[0])
            } else if v[2..] != [0, 0] && !listed() {
                ([v[2], v[3]], first[1])
            } else {
                continue;
            };
            if p.gender_from_text {
                continue;
            }
            p.gender = Some(match v[1].cmp(&v[0]) {
                std::cmp::Ordering::Greater => Gender::Feminine,
                std::cmp::Ordering::Less => Gender::Masculine,
                std::cmp::Ordering::Equal => first.unwrap_or(Gender::Masculine),
            });
            p.gender_from_text = true;
        }
    }

    /// The person a pronoun at byte `at` stands for: the subject of its own
    /// sentence when that is a person of its gender, else the nearest
    /// person of that gender named before it outside quotes (one of unknown
    /// gender only when no person of the right gender is named just before).
    pub(super) fn resolve_pronoun(&self, pronoun: &str, at: usize, subject: Option<ByteSpan>) -> Option<String> {
        let g = self.lex.pronoun_gender(&pronoun.to_lowercase())?;
        let chain = self.chain();
        let fits = |p: &Person| p.gender.is_none_or(|pg| pg == g);
        if let Some(s) = subject.filter(|s| (s.start as usize) < at) {
            let hit = chain.mentions.iter().find(|m| m.at >= s.start as usize && m.at < s.end as usize);
            match hit {
                Some(m) if fits(&chain.persons[m.person]) => return Some(chain.persons[m.person].name.clone()),
                Some(_) => {}
                // a capitalized subject the chain did not take ("Fallon fired back: ...")
                None if self.kind_of(s) == SpeakerKind::Name && self.could_be_person(s) => {
                    return self.name_in(s).map(|n| self.fullest_name(&n, s.start as usize))
                }
                None => {}
            }
        }
        if let Some(name) = self.previous_subject_person(at, g).or_else(|| self.previous_sentence_person(at, g)) {
            return Some(name);
        }
        if let Some(p) = self.salient_unknown(chain, at, |p| chain.persons[p].gender == Some(g)) {
            return Some(chain.persons[p].name.clone());
        }
        let mut fallback: Option<usize> = None;
        let mut seen = 0;
        for m in chain.recent(at) {
            let p = &chain.persons[m.person];
            if p.gender == Some(g) {
                return Some(p.name.clone());
            }
            if p.gender.is_none() && fallback.is_none() {
                fallback = Some(m.person);
            }
            seen += 1;
            if fallback.is_some() && seen > 3 {
                break;
            }
        }
        fallback.map(|p| chain.persons[p].name.clone())
    }
}
