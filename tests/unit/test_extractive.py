import numpy as np
import pytest

from summarize import load_articles, load_config, summarize
from summarize.config import ExtractiveConfig
from summarize.provenance import SourceSentence
from summarize.summarizers.base import select_within_budget
from summarize.summarizers.extractive import ExtractiveSummarizer, is_candidate, mmr_select
from summarize.summarizers.lead import round_robin_order
from summarize.types import Article


def candidate(text: str) -> bool:
    """Whether extractive (and lead's fill: one rule) would take ``text`` as a sentence of its own."""
    return is_candidate(SourceSentence("a", 0, 0, text), ExtractiveConfig())


def lead_texts(docs: list[str], max_words: int = 200, summarizer: str = "lead") -> list[str]:
    """The sentences of the lead (or another extractive) summary (200 words) of one cluster of ``docs``."""
    articles = [Article(f"a{i}", d) for i, d in enumerate(docs)]
    config = load_config(overrides=[f"summarizer={summarizer}", f"max_words={max_words}"])
    return [s.text for s in summarize(articles, config).sentences]


BOILERPLATE = ["Advertisement", "Also Read", "Sunak", "Gantz", "Macron", "Argamani", "cookies"]


@pytest.fixture(scope="module")
def articles(example_dir):
    return load_articles([example_dir])


@pytest.mark.parametrize("embedder", ["minilm", "tfidf"])
def test_extractive_on_example(articles, embedder):
    cfg = load_config(overrides=["summarizer=extractive", f"extractive.embedder={embedder}"])
    s = summarize(articles, cfg)
    assert 120 <= s.word_count <= cfg.max_words
    assert not any(b in s.text for b in BOILERPLATE)
    ids = [a.id for a in articles]
    for sent in s.sentences:
        assert sent.sources and sent.sources[0] in ids
        original = sent.text
        for edit in reversed(sent.edits):  # names written in full, pronouns resolved: recorded, reversible
            original = original.replace(edit["to"], edit["from"], 1)
        assert sent.evidence[0].text == original  # extracted from its first source
    # source order (the example's articles carry no times): sentence positions never go backwards
    positions = [sent.evidence[0].sentence_index for sent in s.sentences]
    assert positions == sorted(positions)


def test_extractive_sentences_are_not_redundant(articles):
    s = summarize(articles, load_config(overrides=["summarizer=extractive"]))
    texts = [x.text.lower() for x in s.sentences]
    assert sum("24 years" in t for t in texts) <= 1


def test_lead_is_round_robin(articles):
    s = summarize(articles, load_config(overrides=["summarizer=lead", "max_words=80"]))
    assert s.run.method == "lead" and s.word_count <= 80
    firsts = {sent.sources[0] for sent in s.sentences}
    assert len(firsts) >= 2


def test_single_article_warns(articles):
    with pytest.warns(Warning, match="only one article"):
        s = summarize(articles[:1], load_config(overrides=["summarizer=extractive", "max_words=60"]))
    assert s.text and all(x.sources == [articles[0].id] for x in s.sentences)


def test_budget_rule_and_round_robin():
    assert select_within_budget([2, 0, 1], [4, 4, 4], 8) == [2, 0]
    assert round_robin_order([0, 1, 1, 2]) == [0, 1, 3, 2]


def test_mmr_skips_duplicates():
    v = np.array([[1.0, 0.0], [0.99, 0.14], [0.0, 1.0]])
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    assert mmr_select(np.array([1.0, 0.95, 0.3]), v, [1, 1, 1], 10, 0.7, 0.9) == [0, 2]


def test_tiny_input_without_candidates_still_summarizes():
    s = ExtractiveSummarizer(load_config(overrides=["summarizer=extractive"])).draft(
        __import__("summarize").Cluster("c", [Article("a", "Short one."), Article("b", "Tiny two.")]))
    assert s.sentences


class _Counting:
    """An embedder that counts the texts it encodes (what a stage re-embeds shows up here)."""

    def __init__(self, inner):
        self.inner, self.name, self.texts, self.calls = inner, inner.name, 0, 0

    def encode(self, texts):
        self.texts += len(texts)
        self.calls += 1
        return self.inner.encode(texts)


def test_a_window_is_embedded_once_and_gives_each_clusters_own_summary(shared_data):
    """28.3: sentences and main clauses of a whole window go to the embedder in one call; each cluster's
    summary is the one it gets alone, and attribution reuses the vectors (nothing is embedded again)."""
    from summarize.attribution import Attributor
    from summarize.config import AttributionConfig
    from summarize.embed import get_embedder
    from summarize.io import load_clusters
    from summarize.stages import prepare

    config = load_config(overrides=["summarizer=extractive"])
    clusters = [prepare(c, config) for c in load_clusters([str(shared_data / "multinews_validation.jsonl")])[:6]]
    embedder = _Counting(get_embedder(config.extractive.embedder))
    summarizer = ExtractiveSummarizer(config, embedder=embedder)
    batch = summarizer.draft_batch(clusters)
    calls = embedder.texts
    assert embedder.calls == 1  # six clusters' sentences and clauses, one call
    alone = [summarizer.draft(c) for c in clusters]
    assert [d.sentences for d in batch] == [d.sentences for d in alone]
    assert embedder.texts == 2 * calls  # each text once per pass
    read = config.extractive.max_sentences_per_document
    assert all(d.read == read for d in batch)
    attributor = Attributor(AttributionConfig(embedder=config.extractive.embedder), embedder=embedder)
    summaries = [attributor(d, c) for d, c in zip(batch, clusters)]
    assert embedder.texts == 2 * calls  # the summarizer's vectors were reused
    assert all(e.sentence_index < read for s in summaries for sent in s.sentences for e in sent.evidence)


def test_a_lead_in_to_what_follows_or_the_rest_of_a_cut_sentence_is_never_extracted():
    """16 of 250 Multi-News summaries (extractive) carried a sentence ending with a colon ("Here are just a few
    comments among the range of unhappy users:"), announcing a quote or list the summary does not carry; lead's
    fill took 39 such ("Those charged were:"). And 8 carried the rest of a sentence a missed split cut, opening
    with a lower-case word ("Well.... with just a moment of critical analysis, ...")."""
    from summarize.config import RunConfig
    from summarize.summarizers.lead import LeadSummarizer
    from summarize.types import Cluster

    docs = ["Users of the banking app reported failed payments for a second day on Tuesday, the company said.\n"
            "Here are just a few comments among the range of unhappy users who wrote to the company this week:\n"
            "The bank said engineers had found the fault and that payments would resume by Wednesday evening.",
            "The bank's payment app failed for a second day on Tuesday, leaving customers unable to pay bills.\n"
            "Customers took to social media to complain about the outage and the company's silence this week:\n"
            "The outage was the longest in the bank's history.... with payments down for a full day the customers "
            "who rely on the app for their wages were hit hardest of all on Tuesday.\n"
            "A spokesman for the bank apologised and promised refunds of any late fees charged to customers."]
    articles = [Article(f"a{i}", d) for i, d in enumerate(docs)]
    config = load_config(overrides=["summarizer=extractive", "max_words=200"])
    texts = [s.text for s in summarize(articles, config).sentences]
    assert texts and not any(t.endswith(":") or t[0].islower() for t in texts)
    lead = load_config(overrides=["summarizer=lead", "max_words=200"])
    texts = [s.text for s in summarize(articles, lead).sentences]
    assert len(texts) >= 3 and not any(t.endswith(":") or t[0].islower() for t in texts)
    assert LeadSummarizer(RunConfig()).draft(Cluster("c", articles)).ranked  # polish's fill chose them


def test_lead_takes_sentences_not_headings_captions_times_or_questions():
    """Lead's round-robin took what each article's first lines were: in 250 Multi-News summaries 114 pieces
    without a sentence's end (section headings "The Thing", captions "Tina Fey", credits
    "Graylock/Abaca Press/MCT/Newscom", live-blog times "2:44 p.m.") and 67 questions ("Were you threatened?");
    it now takes what extractive's candidates take (polish.standing.extractable)."""
    docs = ["The Thing\n\nArchaeologists found a Viking parliament site under a car park in Dingwall.\n\n"
            "Were you surprised?\n\nThe mound was built in the 11th century on a man-made islet.",
            "2:44 p.m.\n\nGraylock/Abaca Press/MCT/Newscom\n\nThe site was a gathering place for Norse assemblies.\n\n"
            "Historians had long wondered whether Dingwall was such a site."]
    texts = lead_texts(docs)
    assert len(texts) == 4, texts
    assert not any(t in ("The Thing", "2:44 p.m.", "Graylock/Abaca Press/MCT/Newscom") or t.endswith("?") for t in texts)
    assert texts[0].startswith("Archaeologists found")


def test_a_title_case_headline_with_a_full_stop_is_not_extracted():
    """NeuS gives each document's headline a full stop ("North Korea Backs Off Threat to Hit Guam."), so the
    paragraph rule for headlines passes it: lead's round-robin opened 178 sentences of 307 NeuS summaries
    in Title Case. A sentence whose every word is capitalised but headline style's short lower-case words
    has no verb in lower case, as prose writes one: a headline, a line-up, a credit, not a statement."""
    assert not candidate("Virginia Governor Rebuffs Fellow Democrats, Risks Undermining Party in 2020.")
    assert not candidate("Subs Not Used: Weaver, Onuoha, Flood.")
    assert candidate("North Korea backed off its threat to hit Guam on Tuesday, state media said.")
    assert candidate("Former New York City Mayor Rudy Giuliani said the U.S. Senate should act.")
    # a line-up whose notes in brackets are in lower case (a BBC extract took England's team, sport 351)
    assert not candidate("J Robinson (Sale Sharks, capt); M Cueto (Sale Sharks), M Tait (Newcastle), J Noon "
                         "(Newcastle), J Lewsey (Wasps); C Hodgson (Sale Sharks), M Dawson (Wasps).")
    assert candidate("Leicester lock Ben Kay (who missed the autumn) replaces Bath second row Steve Borthwick.")
    assert candidate("Shane Horgan (Leinster) scored twice as Ireland (the hosts) beat Italy.")
    docs = ["North Korea Backs Off Threat to Hit Guam.\nNorth Korea's leader Kim Jong Un has delayed a decision "
            "on firing missiles toward Guam, state media said on Tuesday.",
            "Kim Jong Un Holds Off on Guam Missile Plan.\nKim said he would watch the conduct of the United States "
            "a little more before deciding whether to fire missiles toward the island."]
    texts = lead_texts(docs)
    assert len(texts) == 2 and all(t.startswith(("North Korea's leader", "Kim said")) for t in texts), texts


def test_an_aside_in_parentheses_is_not_extracted():
    """A sentence wholly in parentheses is its writer's aside to the sentence before it: Multi-News extracts read
    "(It really is.)", "(Hammer equals gavel.)" and a review's "(PG-13. 129 minutes. In English and in French
    with English subtitles. At Bay Area theaters.)" (6 in extractive summaries, 8 in lead's). Generated text
    already drops them (text.fragments.aside); every summarizer now follows the one rule."""
    assert not candidate("(Hammer equals gavel.)")
    assert not candidate("(This is not to be confused with Aeroshots, another novelty energy booster.)")
    assert candidate("Thor (the god of thunder) is mighty and unsubtle and loud.")
    docs = ["Thor is mighty and unsubtle and loud.\n(Hammer equals gavel.)\nThe film opens on Friday in theaters."]
    assert "(Hammer equals gavel.)" not in lead_texts(docs)


def test_a_sentence_whose_brackets_do_not_pair_is_not_extracted():
    """A list item's number ("2) Qua economics, the proposal looks a lot better than the 2009 stimulus.", in an
    extractive Multi-News summary) and a NeuS article cut inside a pair ("The House Democrats, led by lead
    manager Jamie B. Raskin (D-Md.", in an extractive summary as it stood): neither stands alone."""
    assert not candidate("2) Qua economics, the proposal looks a lot better than the 2009 stimulus.")
    assert not candidate("The House Democrats, led by lead manager Jamie B. Raskin (D-Md.")
    assert candidate("The House Democrats, led by Jamie B. Raskin (D-Md.), opened the case.")
    docs = ["The council met on Monday to vote on the plan.\n1) Qua speech, it was clear and focused.\n"
            "The plan passed by a wide margin after a long debate."]
    assert not any(t.startswith("1)") for t in lead_texts(docs))


def test_a_sentence_telling_the_reader_what_to_do_is_not_extracted():
    """A summary reports: Multi-News extracts read "Read on for the backstage reactions of Jon Cryer ...",
    "Look at the way he's not clutching his face in agony and/or shame." and lead's "Of course ask your parents
    permission first." (2 extractive, 12 lead sentences). Not a name or a noun that a verb's spelling opens:
    "Read wrote the song", "Ask Jeeves has bought ...", "Call centre users ..."."""
    assert not candidate("Read on for the backstage reactions of Jon Cryer, Claire Danes and others.")
    assert not candidate("Look at the way he's not clutching his face in agony and/or shame.")
    assert not candidate("Of course ask your parents permission first.")
    assert candidate("Read wrote the song before the Boxing Day tragedy but thought it too gloomy.")
    assert candidate("Ask Jeeves has bought the Bloglines website to improve its blog search.")
    assert candidate("Call centre users lose patience with automated systems, a survey found.")
    docs = ["The council approved the budget on Monday.\nLook at the way the mayor smiled at the vote.\n"
            "The plan funds two new schools."]
    assert "Look at the way the mayor smiled at the vote." not in lead_texts(docs)


def test_a_pointer_to_what_follows_in_its_article_is_not_extracted():
    """A NeuS extract read "Here’s a range of op-eds written by people from throughout the political spectrum,
    making various cases for why you should (or shouldn’t) vote for either President Donald Trump or Democratic
    nominee Joe Biden.": what it points to stays in its article, as what a colon's lead-in announces does. Where a
    colon, dash or semicolon goes on to say it, the sentence is whole."""
    for pointer in ("Here are key Senate races to watch.", "Here’s what you need to know.",
                    "Here is how six leading lobbies plan to make sure their cause is being debated.",
                    "And here's a sampling of times Trump took credit for the market's rise.",
                    "From yelling alongside Will Ferrell to her best impression, here are 20 of Wiig's best bits.",
                    "If you disagree with the decision, here's how to argue about Title IX."):
        assert not candidate(pointer), pointer
    for sentence in ("Here's one sign of the recovery: The average cost of a wedding just hit a five-year high.",
                     "Here's the big, big deal though - they're playable over Xbox Live.",
                     "Hereford United were knocked out of the FA Cup on Saturday.",
                     "The talks will be held here on Monday, officials said.",
                     "From guns to gays, here is a man always ready to speak truth to power."):
        assert candidate(sentence), sentence
    docs = ["The Senate vote on the budget is set for Tuesday.\nHere are key Senate races to watch.\n"
            "Democrats need two seats to win control."]
    assert "Here are key Senate races to watch." not in lead_texts(docs)


def test_lead_extracts_what_it_has_when_no_sentence_stands_on_its_own():
    """An article of questions (or a transcript in capitals) gave lead an empty summary: every sentence was
    passed over. As extractive does with its candidates, lead then takes the sentences as they are."""
    texts = lead_texts(["Were you there when the storm hit the harbour? What did you see from the pier? "
                        "How long did the power stay off in the old town?"])
    assert texts and texts[0] == "Were you there when the storm hit the harbour?"


def test_a_line_without_a_subject_is_not_extracted():
    """Multi-News 008's extractive summary held "Charged with eight counts of permitting a minor to illegally
    possess alcohol.", one item of a list of students and their charges; a credit ("Directed by Clint
    Eastwood.") and a match report's line ("Assisted by Dougie Imrie.") are lines of the same shape."""
    assert not candidate("Charged with eight counts of permitting a minor to illegally possess alcohol.")
    assert not candidate("Directed by Clint Eastwood.") and not candidate("Assisted by Dougie Imrie with a cross.")
    assert candidate("Formed in the 1940s the firm was a leading UK film producer and cinema owner for many years.")
    assert candidate("Charged with murder, the suspect was held without bail on Tuesday.")


def test_a_rosters_entry_is_not_extracted():
    """With the participle line gone, Multi-News 008's extractive summary held three entries of the same list:
    names with their ages and homes, a semicolon, the charges (a fourth, with a comma and "charged with", came
    in once they left). A semicolon after a verb is a sentence's."""
    assert not candidate("Patrick Callahan, 21, Matthew Moll, 21, and Dylan Morose, 22, all of 51 Baxter Road, "
                         "Mansfield; each charged with eight counts of permitting a minor to possess alcohol.")
    assert not candidate("Austin Custodio, 21, of Boyce Road, Pine Bush, N.Y.; sale or delivery of alcohol to minors.")
    assert not candidate("Jonathan Polansky, 22, of Sherman Street, Beverly, Mass., charged with eight counts of "
                         "permitting a minor to illegally possess alcohol.")
    assert candidate("Austin Custodio, 21, of Pine Bush, was charged on Friday; he denies selling alcohol to minors.")


def test_a_sentence_that_speaks_to_the_reader_is_not_extracted():
    """Multi-News 075's extract took "You are encouraged to download and share electronically or print ..." and
    037's "You had a couple of police officers at your side." (a transcript's line) once the sentences around
    them left: "you" outside a quotation is the page's or the writer's word to its reader."""
    assert not candidate("You are encouraged to download and share electronically or print it.")
    assert not candidate("You had a couple of police officers at your side.")
    assert not candidate("But you might wonder who authorized the police escort for the motorcade.")
    assert candidate('"You will never be defined by what the defendant’s father said," the judge wrote.')
    assert candidate("Youth unemployment rose to 20% in the second quarter of the year.")


def test_a_headline_or_list_item_without_closing_punctuation_is_not_extracted():
    """Headlines, captions and list items that cleaning leaves inside a paragraph end without a full stop
    ('Story Highlights Parts of Iowa and Wisconsin hit with more than a foot of snow'); 11 of the 250 default
    Multi-News summaries carried one. A sentence is extracted only when it ends like one."""
    assert not candidate("Story Highlights Parts of Iowa and Wisconsin hit with more than a foot of snow")
    assert not candidate("LeBron James, Miami Heat win NBA championship, rout Oklahoma City Thunder 121-106 in Game 5")
    assert candidate("Parts of Iowa and Wisconsin were hit with more than a foot of snow on Thursday.")
    assert candidate("Cleaver called the deal “a sugar-coated Satan sandwich” and said he would “vote against it.”")


def test_a_because_answering_its_articles_question_is_not_extracted():
    """Multi-News cluster 000's extract read "The Good Country Index doesn't measure what countries do at home.
    Because it may be time we all moved to Sweden.": the answer to a question ("Why Is This Important?") the
    summary does not carry. A "Because" clause with a main clause after its comma stays a candidate."""
    assert not candidate("Because it may be time we all moved to Sweden.")
    assert not candidate("Because $6000 is a colossal amount that very few ordinary travellers can afford.")
    assert candidate("Because most babies at those ages are not yet talking, the researchers had to find a "
                     "nonverbal way to measure how the timing of sleep influenced the strength of a memory.")
    assert candidate("Because of the storm the Tuesday flights from Seoul to Pyongyang were cancelled.")


def test_a_step_of_its_articles_sequence_is_not_extracted():
    """The BBC events run's extract of three articles on high-definition TV opened "Then came the sharpness,
    the colour and the widescreen format.", and others read "Second, stock markets do not trade the sort of
    companies likely to have been damaged.", "Later the prime minister's spokesman was asked ..." and "So
    when it comes to computer security, ...": a step of a sequence, or a conclusion, whose earlier steps stay
    in the article. Such a sentence is no candidate, for extractive nor lead; an ordinal or "So" in another
    use, "Later" before the day it dates, and the same words inside a quotation (a speaker's own) are."""
    for step in ("Then came the sharpness, the colour and the widescreen format.",
                 "Second, stock markets do not trade the sort of companies likely to have been damaged.",
                 "Later the prime minister's spokesman was asked about the language used.",
                 "So when it comes to computer security, trusted systems could be a major step forward.",
                 "Thus, few pursue this argument through the legal system.",
                 "Finally, Disney also did not reveal that it paid for the office space.",
                 # an item of its article's numbered list (Multi-News 205's extract read "2. A close-up ...")
                 "2. A close-up photograph shows Beatty is clearly carrying a winner's envelope for best actress."):
        assert not candidate(step), step
    for sentence in ("Second seed Andre Agassi suffered a comprehensive defeat by Jurgen Melzer.",
                     "First Minister Jack McConnell has ordered a report on the decision.",
                     "So far 20 people have been taken to hospital in the capital.",
                     "2 men have been taken to hospital in the capital after the crash on Sunday.",
                     "So-called phishing attacks have boomed in 2004, say security experts.",
                     "Later this week Mr Blair is expected to outline the party's manifesto.",
                     "Later Thursday, The Washington Post obtained a video recorded by a supporter.",
                     "Then-President George Bush signed the bill into law in 2002.",
                     "Then President Bill Clinton held meetings in India with the Ambanis in 2000.",
                     '"Finally I felt I put myself in a position to win Grand Slams again," said Davenport.'):
        assert candidate(sentence), sentence
    texts = lead_texts(["Television is taking another leap forward this year in Europe.\nThen came the "
                        "sharpness, the colour and the widescreen format.\nHD makes the picture four times "
                        "better than now."], max_words=25)
    assert texts == ["Television is taking another leap forward this year in Europe.",
                     "HD makes the picture four times better than now."], texts


def test_a_piece_of_a_quotation_that_runs_across_sentences_is_not_extracted():
    """A quotation of several sentences is split into its sentences, and an extract took one of them: lead's
    Multi-News summaries carried 12 sentences with an odd number of double quotation marks, extractive's NeuS
    summaries '"If we give Donald Trump eight years in the White House, he will forever and fundamentally
    alter the character of this nation.' (never closed, no speaker) and '... who is giving you the message.”'
    (a stray mark: the speaker's words read as the writer's). A sentence that opens a quotation it does not
    close, or closes one it did not open, is no candidate; whole quotations, mixed marks and the BBC's joined
    paragraphs of one quotation are."""
    assert not candidate('"If we give Donald Trump eight years in the White House, he will forever and '
                         'fundamentally alter the character of this nation.')
    assert not candidate("You wanna be here, or you wanna be concerned about who is giving you the message.”")
    assert not candidate("This was obviously well before the team’s arrival and garage assignment,” NASCAR said.")
    assert candidate('"We are in a battle for the soul of this nation," Biden said in a video on Thursday.')
    assert candidate("Cohen would be willing to tell the special counsel “all that he knows.\"")
    assert candidate('Souness said: "He can\'t play for me ever again. "He can\'t go on television and accuse me."')
    docs = ['"If we give Donald Trump eight years in the White House, he will forever alter the character of this '
            'nation.\nWe cannot let that happen," Biden said in a video released on Thursday morning.',
            "Joe Biden announced on Thursday that he is running for president in 2020.\nHe will hold his first "
            "event at a union hall in Pittsburgh on Monday."]
    texts = lead_texts(docs)  # the old lead: the quotation's two pieces, first and third
    assert texts == ["Joe Biden announced on Thursday that he is running for president in 2020.",
                     "He will hold his first event at a union hall in Pittsburgh on Monday."], texts


def test_a_transcript_line_or_a_kicker_in_capitals_is_not_extracted():
    """A Multi-News cluster holds an interview's transcript ("PRESIDENT OBAMA: Well, look, what he needs to do
    is to tell us what exactly he's for."): extracted, the speaker's words read as the summary's. Kickers
    ("UPDATE:", "OPINION:") and headline sources ("FBI: No crime committed ...") are no statements either;
    94 such lines could stand in the shared articles. A label in capitals and a colon is no candidate; a colon
    after a name in prose ("Putin said: ...") and a sentence opening with an acronym are."""
    assert not candidate("PRESIDENT OBAMA: Well, look, what he needs to do is to tell us what exactly he's for.")
    assert not candidate("GEORGE STEPHANOPOULOS: There has been a huge response since we announced this interview.")
    assert not candidate("A: Contacting a lawyer and a financial planner would be a lot wiser than a status update.")
    assert not candidate("UPDATE: Authorities positively identified the two bodies found near the trail.")
    assert not candidate("FBI: No crime committed in Bubba Wallace’s garage stall; noose was there since October.")
    assert candidate("NATO allies met in Brussels on Monday to discuss the new missile defence plan.")
    assert candidate("Putin said on Wednesday: the two countries will help each other if attacked.")
    docs = ["GEORGE STEPHANOPOULOS: Thanks for joining us live for this exclusive interview with the president.\n"
            "PRESIDENT OBAMA: Great to be here and to talk about the jobs bill with your viewers.\n"
            "The president defended his jobs bill in an interview with ABC News on Monday.",
            "UPDATE: Obama will travel to Texas on Tuesday to promote the jobs bill at a community college.\n"
            "Republicans in the House said they would not pass the bill as a single package."]
    texts = lead_texts(docs)  # the old lead: the interviewer's greeting and the kicker's line, first
    assert set(texts) == {"The president defended his jobs bill in an interview with ABC News on Monday.",
                          "Republicans in the House said they would not pass the bill as a single package."}, texts


def test_a_sentence_ending_on_a_title_where_its_article_was_cut_is_not_extracted():
    """NeuS articles are cut mid-sentence, and the splitter takes a title's full stop for a sentence's end: an
    extract could carry "New York Gov." or "... distinguishing himself from Gov.". A sentence that ends on a
    title written before a name (one list, ``text.lexicon``) is no candidate; one ending on "St." or "Jr." is."""
    assert not candidate("The CDC said vaccinated people need not wear masks outside, and New York Gov.")
    assert not candidate("Newsom escalated his feud with the president while distinguishing himself from Gov.")
    assert not candidate("“Candid and inspiring.”—Dr.")
    assert candidate("The march ended at the statue of Martin Luther King Jr.")
    assert candidate("The new bakery opened on Tuesday morning at the corner of Main St.")
    assert candidate("Georgia Gov. Brian Kemp signed the bill into law on Thursday.")


def test_a_sentence_that_trails_off_in_an_ellipsis_is_not_extracted():
    """A science site's teasers are cut mid-phrase ("Glaciologists additionally found that the accelerated
    melting caused global sea ..."), a teaser line ends "... to have her...", a quotation trails off
    ('"... a deep but dazzling darkness ..."'): an extract carried them as they were, "…" counting as a
    sentence's end. A sentence that ends in an ellipsis, "…" or three full stops, is no candidate."""
    assert not candidate("Glaciologists additionally found that the accelerated melting caused global sea ...")
    assert not candidate("She plans to use another federal program to have her...")
    assert not candidate("Any hope of a sneak upset was dashed when Faye Dunaway read out the…")
    assert not candidate("“There is, some say, in God a deep but dazzling darkness as men here say ...”")
    assert not candidate("The story goes on and on, and the reader is asked to try to follow along. . . .")
    assert candidate("Glaciologists found that the accelerated melting raised global sea levels by a millimetre.")
    assert candidate("He moved to the U.S. in 1990 and opened a bakery in Chicago three years later.")


def test_a_piece_or_list_item_opening_with_a_mark_is_not_extracted():
    """A caption's rest (", arrives for a news conference at the Capitol in Washington."), a bullet ("* He has
    seen his lead among young voters drop ..."), a tweet ("@unsulk: I stand corrected.") or a copyright line
    opened an extract: 66 such sentences could stand in the shared articles. A sentence opens with a letter,
    a digit, an opening quotation mark or bracket, or a currency sign."""
    assert not candidate(", a member of the hard-right House Freedom Caucus, arrives for a news conference at the Capitol.")
    assert not candidate("* He has seen his lead among young voters (18-39 years old) drop from 18 percent to 2 percent.")
    assert not candidate("• In Montana, they are accused of releasing a bobcat from a fur farm in Plains.")
    assert not candidate("—of the holiday weekend launch, which the company said sold out within two hours.")
    assert not candidate("@DurrtyNathaniel: My iPhone hasn't completed a sync since I upgraded to iOS 5.")
    assert candidate("“We need people who will help,” the president told supporters at the rally.")
    assert candidate("$2 billion was spent to keep the Winter Games safe from terrorist attacks.")
    assert candidate("2016 was the hottest year on record, the agency said on Wednesday morning.")


def test_a_sentence_in_its_writers_own_voice_is_not_extracted():
    """An op-ed's "Last month, I joined about 15,000 other cyclists in a weeklong bike ride across Iowa." led a
    NeuS extract, a blog's "Recode reached out to HQ and Kroll with our reporting." and "We're told the
    Kardashians were surprised" stood in Multi-News ones: in a summary of several articles no reader can tell
    whose "I" or "we" it is. Of the sentences that could stand in the shared articles, 8% of Multi-News's are
    such (1,377), 2% of NeuS's. First person outside a quotation is no candidate; quoted, it is the speaker's;
    "you" (which the Multi-News editors' own summaries use) and "World War I" are not first person."""
    assert not candidate("Last month, I joined about 15,000 other cyclists in a weeklong bike ride across Iowa.")
    assert not candidate("Recode reached out to HQ and Kroll with our reporting on the new headquarters.")
    assert not candidate("We're told the Kardashians were surprised by the news on Tuesday night.")
    assert not candidate('"When I started Facebook, the mission was not controversial," he told me.')
    assert not candidate("A vote for me is a vote for jobs, safety, rule of law and lower taxes.")
    assert candidate('"We will help each other if attacked," Putin said at the start of the talks.')
    assert candidate("'Trying to shape human behavior is not the science, which tells us so,' he added on Monday.")
    assert candidate("Now a new study suggests walking into a mall while hungry is bad for your wallet.")
    assert candidate("The last World War I veterans were honoured in Paris on Tuesday morning.")
    docs = ["Last month, I joined about 15,000 other cyclists in a weeklong bike ride across Iowa.\n"
            "The killing of student Mollie Tibbetts has set off a national debate about immigration.\n"
            "The student's family asked that her death not be used to promote hatred against immigrants.",
            "We first told you about the search for the missing student in July.\n"
            "Police charged a farm worker with the murder of Mollie Tibbetts on Tuesday."]
    third_person = {line for doc in docs for line in doc.splitlines() if not line.startswith(("Last", "We"))}
    for summarizer in ("lead", "extractive"):  # the old ones: the column's first line and the blog's aside too
        texts = lead_texts(docs, summarizer=summarizer)
        assert set(texts) == third_person, (summarizer, texts)


def test_a_cluster_told_only_in_its_writers_voice_gives_those_sentences_not_its_headline():
    """A Multi-News cluster is one video post: its only statement is in the first person ("... our crack video
    team edited together this hypnotic montage ..."), the rest a headline and a question. Where no sentence
    stands but for its writer's voice, extractive and lead take those (``standing.tiers``), not everything:
    the first cut of the rule gave this cluster its headline and its question."""
    doc = ("Lost: Every Shirtless Moment\n"
           "You've seen every nickname, but what is Lost if not one big six-season tribute to the male torso?\n"
           "In celebration of the show's series finale this Sunday, our crack video team edited together this "
           "hypnotic montage of every shirtless moment.")
    montage = doc.splitlines()[2]
    assert lead_texts([doc]) == [montage]
    articles = [Article("a0", doc)]
    texts = [s.text for s in summarize(articles, load_config(overrides=["summarizer=extractive", "max_words=200"])).sentences]
    assert texts == [montage], texts


def test_sentences_in_the_writers_voice_fill_only_the_room_the_others_leave():
    """A Multi-News cluster is a family's statement ("We are so thankful for the outpouring of love ..."), one
    sentence of it in the third person: excluding the first person outright left that sentence alone as the
    summary ("For him it will be a long journey toward wholeness and recovery."). Where most of what could
    stand is in the writer's voice, the sentences in the summary's voice come first and those in the
    writer's fill the budget they leave. (The third-person sentence names him here: "For him ..." with no
    name before it in its article stands for no one out of it, ``polish.pronouns``.)"""
    doc = ("We are so thankful for the outpouring of love, care and prayers for our family this week.\n"
           "As parents we are so deeply grieved by our son's decisions and actions in recent years.\n"
           "For Josh it will be a long journey toward wholeness and recovery after this scandal.\n"
           "We ask for your continued prayers for our entire family during this difficult time.")
    lines = doc.splitlines()
    for summarizer in ("lead", "extractive"):
        texts = lead_texts([doc], max_words=200, summarizer=summarizer)
        assert lines[2] in texts and len(texts) == 4, (summarizer, texts)
        texts = lead_texts([doc], max_words=20, summarizer=summarizer)  # room for one: the third person's
        assert texts == [lines[2]], (summarizer, texts)


def test_a_document_the_others_do_not_agree_with_hardly_weighs_and_its_first_sentence_is_no_lede():
    """A page off the event among articles on it (a site's "About" text in a Multi-News cluster) neither pulls
    the centroid nor has its first sentence read as a lede, so the novelty MMR rewards does not bring it in;
    with two documents there is no majority: as before."""
    from summarize.summarizers.extractive import sentence_scores

    axes = np.eye(6)
    details = [(axes[0] + 1.3 * axes[1 + d]) / np.linalg.norm(axes[0] + 1.3 * axes[1 + d]) for d in range(3)]
    vectors = np.stack([v for d in range(3) for v in (axes[0], details[d])] + [axes[5], axes[5]])
    sources = [SourceSentence(f"a{d}", d, i, "x") for d in range(4) for i in range(2)]
    scores = sentence_scores(sources, vectors, ExtractiveConfig())
    chosen = mmr_select(scores, vectors, [10] * 8, budget=30, mmr_lambda=0.6, redundancy_threshold=0.75)
    assert 6 not in chosen and len(chosen) == 3  # the off page's first sentence gave way to a detail on the event
    from summarize.summarizers.extractive import agreement

    assert agreement(vectors[[0, 6]]).tolist() == [1.0, 1.0]
    two = sentence_scores(sources[:2] + sources[6:], vectors[[0, 1, 6, 7]], ExtractiveConfig())
    assert two[2] > two[1]  # two documents: each is read as a lede as it comes


def test_a_page_off_the_event_in_a_multi_news_cluster_gives_no_sentence(shared_data):
    """Multi-News 077 (Nevada's marijuana sales) holds a church-history site's blurb, 096 (Mark Lane's death) a
    newspaper's page about its data projects: each opened its summary."""
    from summarize.io import load_clusters

    clusters = {c.id: c for c in load_clusters([str(shared_data / "multinews_validation.jsonl")])}
    config = load_config(overrides=["summarizer=extractive"])
    for cid, stray in [("multinews-validation-sample-077", "history of the Church"),
                       ("multinews-validation-sample-096", "Richmond.com")]:
        text = " ".join(s.text for s in summarize(clusters[cid].articles, config).sentences)
        assert "Lane" in text or "marijuana" in text or "pot" in text
        assert stray not in text


@pytest.mark.parametrize("sentence, stray", [
    ("Without it, much of an agenda by a President Joe Biden will be dead on arrival in the Senate.", True),
    ("Until that point, Dunford wrote, there will be no modifications to the current policy.", True),
    ("With those striking words in an interview published late Sunday, Lisa Page said she was done.", True),
    ("Besides, they claim to be following Islam in its true form.", True),  # "They claim ...", as polished
    # a time, a case or an aim the sentence before set (Multi-News 102's extract: "On the first, Mr. Obama said: ...")
    ("On the first, Mr. Obama said: “The judge conducted the trial in a professional manner.”", True),
    ("Since then, the Russian stock market has more than trebled in value.", True),
    ("In that case, saline implants may not be the best option for you.", True),
    ("To that end, the firm hired 20 engineers.", True),
    ("In line with that, some people advised performing a total discharge.", True),  # Multi-News 080's extract
    ("During that meeting, he reportedly warned the victim of the risk of deportation.", True),
    # a time counted from the one the sentence before set (58 shared sentences; Multi-News 241's extract: "Two days
    # later, they had an answer: Legionnaires' disease ...", 088's "Hours later, Takei retweeted ...")
    ("Two days later, they had an answer: Legionnaires’ disease.", True),
    ("Hours later, Takei retweeted a post about April Fools posts.", True),
    ("The following year Bournemouth hosted the event.", True),
    ("Four years later Mandelson became vice-president of the European Commission.", True),
    ("Soon after, they changed their name to Mobb Deep.", True),
    ("Afterwards, Dent said he rated Johansson as a top contender.", True),
    ("That night, Reischl met a bar girl named Linh Hoa.", True),
    ("An instant later, Magwood was facing the reality of being paralyzed for life.", True),  # Multi-News 025's
    # the place the sentence before named (BBC politics 392's extract: "There Mr Brown is expected to strike ...")
    ("There Mr Brown is expected to strike a similar debt relief pact.", True),
    ("There, German marques Mercedes Benz and BMW have retained their stranglehold.", True),
    ("There it was necessary to build a mini-hydraulic dam.", True),
    ("There is no date for the trial.", False),
    ("There doesn't seem to be a way that both men could survive.", False),
    ("Shortly after the shooting, Lt. Alex Yao called it an isolated incident.", False),
    ("Shortly after 7 p.m., the dog started barking.", False),
    ("The next day will be crucial for the talks.", False),
    ("Since 2010, the Russian stock market has more than trebled in value.", False),
    ("On the first day of trading, the shares rose 10%.", False),
    # a clause, an idiom, or the time it dates: nothing before it is pointed to
    ("Given that the economy is weak, the bank held its rates on Thursday.", False),
    ("Until it is clear what the new machines can do, developers are working on a first round of titles.", False),
    ("Like it or not, the rules on marketing calls apply to politicians as well.", False),
    ("Despite this week's vote, the bill has no chance of becoming law before the election.", False),
    ("After this summer's hit Prometheus, Scott had several high-profile projects in the works.", False),
    # a phrase that adds or concedes goes with its comma, as "However," does: what is left stands
    ("Despite this, the penetration rate is still much lower than in other countries.", False),
    ("On top of that, the firm only has limited assets in the US.", False),
])
def test_a_phrase_that_points_back_before_the_subject_makes_a_stray_opener(sentence, stray):
    """NeuS extracts read "Without it, much — maybe even most — of an agenda by a President Joe Biden will be dead
    on arrival ..." (it: the Senate majority, in the sentence before), "Until that point, Dunford wrote, ..."."""
    from summarize.polish.people import NameTable
    from summarize.summarizers.openers import stray_opener

    sources = [SourceSentence("a", 0, 0, "The Senate is split."), SourceSentence("a", 0, 1, sentence)]
    assert stray_opener(sources, 1, NameTable.learn([])) is stray


def test_a_phrase_that_adds_or_concedes_goes_with_its_comma_as_however_does():
    """BBC 400's extracts lost "On top of that, the firm only has limited assets in the US." to the rule on
    phrases that point back; the phrase goes, as "However," does, and the sentence stands."""
    from summarize.polish.people import NameTable
    from summarize.polish.references import rewrite

    texts = ["On top of that, the firm only has limited assets in the US.", "Despite this, traders expect gains.",
             "In addition to this, Pyongyang streets featured pictures of Putin.",
             "Despite this liking for search sites, half said no."]
    out, edits = rewrite(texts, [None] * len(texts), NameTable.learn([]))
    assert out == ["The firm only has limited assets in the US.", "Traders expect gains.",
                   "Pyongyang streets featured pictures of Putin.", texts[3]], out
    assert edits[0] == [{"from": "On top of that, the", "to": "The", "why": "connective"}]


def test_a_connective_after_a_dropped_one_goes_too_where_its_comma_says_it_is_one():
    """BBC's "Apart from this, however, the festival has continued ..." read "However, the festival ..." once
    "Apart from this," went; "But, however careful you may be, ..." keeps its "however" (no comma after it)."""
    from summarize.text.fragments import as_polished

    assert as_polished("Apart from this, however, the festival has continued.") == "The festival has continued."
    assert as_polished("And yet, even as prices rose, so did wages.") == "Even as prices rose, so did wages."
    assert as_polished("But, however careful you may be, it fails.") == "However careful you may be, it fails."
