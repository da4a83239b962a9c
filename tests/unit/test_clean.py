import pytest

from summarize import SummarizeWarning, load_clusters
from summarize.clean import BoilerplateFilter, clean_cluster, normalize_text
from summarize.config import CleanConfig
from summarize.types import Article, Cluster

BOILERPLATE = ["Advertisement", "Also Read", "Sunak", "Gantz", "Macron", "Noa Argamani", "Read more:",
               "uses cookies", "via AP)"]


def test_example_boilerplate_removed(example_dir):
    cleaned = clean_cluster(load_clusters([example_dir])[0])
    text = "\n".join(a.text for a in cleaned.articles)
    for marker in BOILERPLATE:
        assert marker not in text, marker
    dropped = cleaned.articles[4].metadata["boilerplate_removed"]
    assert len([d for d in dropped if d.startswith("Also Read")]) == 4
    # real content stays
    assert "approximately 6,700 containers" in text and "over 11,000 containers" in text


@pytest.mark.parametrize("line", ["- Advertisement -", "ADVERTISEMENT", "Advertisement Continue reading the main story",
                                  "Share this with Email Facebook Messenger", "Facebook Twitter Pinterest",
                                  "Tweet with a location", "___", "Story Continued Below",
                                  "Photo: Kevin Winter/Getty Images",
                                  # page notices left in 26 Multi-News articles (bench/summary_faults.py: lead took them)
                                  "Copyright © 2017 NPR. All rights reserved.", "All rights reserved. This piece may "
                                  "not be reproduced.", "Please turn on JavaScript. Media requires JavaScript to play.",
                                  "JavaScript is disabled", "This post has been updated.",
                                  "This article has been updated to note that ballots have been impounded.",
                                  "Newsletter Sign Up Continue reading the main story",
                                  "The most reliable politics newsletter. You can unsubscribe at any time."])
def test_default_patterns(line):
    assert BoilerplateFilter(CleanConfig()).is_boilerplate(line)


@pytest.mark.parametrize("line", ["Putin read more than 20 reports before the trip.",
                                  "Advertisement revenue fell 20% at the company last year.",
                                  "Share prices rose after the announcement.",
                                  "The court said the rights reserved to the states were not at issue.",
                                  "The report was updated on Monday with new figures."])
def test_real_sentences_kept(line):
    assert not BoilerplateFilter(CleanConfig()).is_boilerplate(line)


def test_extra_patterns_and_bad_regex():
    f = BoilerplateFilter(CleanConfig(extra_patterns=[r"copyright \d{4}"]))
    assert f.is_boilerplate("Copyright 2024 Example Media")
    with pytest.raises(ValueError, match="clean.extra_patterns: invalid regular expression"):
        BoilerplateFilter(CleanConfig(extra_patterns=["(unclosed"]))


def test_normalize_text():
    assert normalize_text("A\u00a0\u00a0b\u200d\r\n\r\n  C\t d ") == "A b\nC d"
    assert normalize_text("Russian President Vladi\u00admir Putin") == "Russian President Vladimir Putin"  # NeuS 230


def test_a_sentence_cut_by_line_breaks_is_made_whole():
    """Scraped pages break lines inside sentences (around a link, a map, a drop cap); each break ended a
    sentence, and the extractive summary printed the pieces: "in Jammu and Kashmir agreed upon by India and
    Pakistan.", "he most likely person to replace retiring Sen. Jim DeMint ..." (Multi-News 132, 036)."""
    kashmir = ("The dotted line represents approximately the Line of Control \n \n in Jammu and Kashmir agreed upon "
               "by India and Pakistan. The final status of Jammu and Kashmir has not yet been agreed upon by the parties.")
    assert normalize_text(kashmir).split("\n") == [
        "The dotted line represents approximately the Line of Control in Jammu and Kashmir agreed upon by India and "
        "Pakistan. The final status of Jammu and Kashmir has not yet been agreed upon by the parties."]
    assert normalize_text("T \n \n he most likely person to replace retiring Sen. Jim DeMint is Rep. Tim Scott.") == (
        "The most likely person to replace retiring Sen. Jim DeMint is Rep. Tim Scott.")
    kept = "Putin arrived in Pyongyang.\nhe was met by Kim.\nApple said\niPhone sales rose."  # punctuated; a name
    assert normalize_text(kept) == kept


def test_two_sentences_fused_without_a_space_are_split():
    """A scraped page lost the space after a sentence's end ("... distributed to the media.Investigators said
    ..."): the splitter read the two as one, and an extractive Multi-News summary printed the fused pair. A
    space goes back after a word's end mark (and closing quote) before a capitalised word, not inside a web
    or mail address."""
    from summarize.text.sentences import split_sentences

    text = normalize_text("The images were distributed to the media.Investigators said the fingerprints matched. "
                          '"We are thankful."The family thanked the police.')
    assert split_sentences(text) == ["The images were distributed to the media.",
                                     "Investigators said the fingerprints matched.", '"We are thankful."',
                                     "The family thanked the police."]
    # a two-letter word's end too: a Multi-News extract printed "... another run for it.Now, animal control ..."
    assert normalize_text('She caught it.Now, traps are set. "Why should we?"These laws stand.') == (
        'She caught it. Now, traps are set. "Why should we?" These laws stand.')
    kept = ("Fans visit Halo.Bungie.Org daily. Write to rate.Jonathan.Amos-INTERNET@bbc.co.uk today. "
            "One.Tel collapsed. See www.IGC.org.These are U.S. figures.")
    assert normalize_text(kept) == kept
    # a removed link's space before a comma or full stop goes; a spaced ellipsis stays
    assert normalize_text("Fresh from its Double Down Dog , KFC has a new cup . It sold for $15 an hour .") == (
        "Fresh from its Double Down Dog, KFC has a new cup. It sold for $15 an hour.")
    assert normalize_text("The most sophisticated . . . aircraft.") == "The most sophisticated . . . aircraft."


def test_the_wires_spaced_underscore_is_a_dash():
    """AP copy sets a dash as a spaced underscore: Multi-News summaries read "Doing it the right way _
    protecting your riches, your identity and your sanity _ takes some thought and planning." (7 sentences of the
    extractive and lead summaries). An underscore inside a word or a handle stays."""
    assert normalize_text("Berlusconi would have been forced to resign _ about 1 1/2 years early.") == (
        "Berlusconi would have been forced to resign — about 1 1/2 years early.")
    kept = "Write to my_name or @the_handle; __init__ and _private stay."
    assert normalize_text(kept) == kept


def test_an_html_character_reference_is_its_character_in_text_titles_and_the_article_list():
    """The BBC data's texts keep a page's escaping: "Tottenham bid &#163;8m for Forest duo" (a title),
    "caf&#233;" (30 references in 22 articles); summaries and the article list showed the reference, and
    Markdown then escaped its ampersand. Cleaning reads it as its character, in the text and the title, and
    the summary names its articles as cleaning left them. A bare "&" ("R&B", "AT&T") and an unknown name stay."""
    from summarize import load_config, summarize
    from summarize.io.render import render

    assert normalize_text("Q&amp;A: Pel&#233; and R&B at AT&T &nope; &#x20AC;5") == \
        "Q&A: Pelé and R&B at AT&T &nope; €5"
    art = Article("a", "Nottingham Forest have received an &#163;8m bid from Tottenham for Andy Reid and Michael "
                       "Dawson. Forest chief executive Mark Arthur said the club was considering the offer.",
                  title="Tottenham bid &#163;8m for Forest duo")
    cleaned = clean_cluster(Cluster("c", [art]), CleanConfig())
    assert cleaned.articles[0].title == "Tottenham bid £8m for Forest duo" and "£8m bid" in cleaned.articles[0].text
    with pytest.warns(SummarizeWarning):
        summary = summarize([art], load_config(None, ["summarizer=lead"]))
    assert summary.articles[0]["title"] == "Tottenham bid £8m for Forest duo"
    assert "&#" not in render([summary], "md") and "£8m" in render([summary], "md")


def test_two_apostrophes_are_a_double_quotation_mark():
    """Some sources close (and open) quotations with two apostrophes ('"We didn't have this great plan,'' mom
    Mona Lisa said'): 15 in the shared Multi-News articles, 9 in the BBC's. Read as they were, the quotation
    never closed, and the extracts passed the sentence over as a piece of one."""
    from summarize.text.fragments import broken_quotation
    from summarize.text.sentences import split_sentences

    text = normalize_text("\"We didn't have this great plan,'' mom Mona Lisa said. They need to ''up their game''.")
    assert text == "\"We didn't have this great plan,\" mom Mona Lisa said. They need to \"up their game\"."
    assert not any(broken_quotation(s) for s in split_sentences(text))
    assert normalize_text("The fans' views and 'Loungin' differ.") == "The fans' views and 'Loungin' differ."


def test_duplicate_articles_dropped_with_warning():
    text = "Putin arrived in Pyongyang on Wednesday for his first visit in 24 years. Kim greeted him."
    arts = [Article("a", text), Article("b", text.replace("Wednesday", "Wednesday,")), Article("c", "Other story about football and goals.")]
    with pytest.warns(SummarizeWarning, match=r"dropped article b \(duplicate of a\)"):
        cleaned = clean_cluster(Cluster("c1", arts))
    assert cleaned.article_ids == ["a", "c"]
    assert cleaned.metadata["dropped"] == [{"id": "b", "reason": "duplicate of a"}]


def test_a_pile_of_dropped_articles_is_one_line(recwarn):
    """1,000 loose BBC articles printed 34 lines "dropped article X (duplicate of Y)", one per repost (a feed's
    thousands): more than five are one line by reason now; every one is still in metadata['dropped']."""
    text = "Putin arrived in Pyongyang on Wednesday for his first visit in 24 years. Kim greeted him."
    arts = [Article("a", text)] + [Article(f"r{i}", text + " " * i) for i in range(7)] + [Article("e", "")]
    cleaned = clean_cluster(Cluster("c1", arts))
    said = [str(w.message) for w in recwarn if issubclass(w.category, SummarizeWarning)]
    assert said == ["cluster c1: dropped 8 articles (7 duplicate; 1 empty after cleaning), e.g. r0, r1, r2, r3, r4"]
    assert cleaned.article_ids == ["a"] and len(cleaned.metadata["dropped"]) == 8


def test_an_error_page_standing_in_for_a_missing_article_is_dropped():
    """Multi-News 175: one 'article' is a site's 'page not found' page; its notice was cut as a scraping notice
    but the rest stayed, and the default summary printed "If you still have trouble finding what you need,
    please contact our webmaster"."""
    story = "Devon James, a Florida-based entertainer, claims she met Woods over a 2-1/2-year stretch. " * 3
    missing = ("Sorry, the page you requested could not be found.\n"
               "If you are looking for an older news story, it may no longer be here. Free archives of stories are "
               "maintained on our site for one month.\n"
               "If you still have trouble finding what you need, please contact our webmaster")
    with pytest.warns(SummarizeWarning, match=r"dropped article b \(a 'page not found' page"):
        cleaned = clean_cluster(Cluster("c1", [Article("a", story), Article("b", missing)]))
    assert cleaned.article_ids == ["a"]


def test_repeated_sentence_inside_article_dropped(example_dir):
    cleaned = clean_cluster(load_clusters([example_dir])[0])
    art = cleaned.articles[4]
    assert art.text.count("he was welcomed with large banners") == 1


def test_the_un_notice_under_a_map_is_boilerplate():
    """Multi-News 132's third article was the notice under a UN map; its two sentences ("The designations
    employed and the presentation of material on the map do not imply ...", "The dotted line represents
    approximately the Line of Control ...") stood in the cluster's extractive summary."""
    notice = ("The designations employed and the presentation of material on the map do not imply the expression of "
              "any opinion whatsoever on the part of UNFPA concerning the legal status of any country. The dotted "
              "line represents approximately the Line of Control\n\nin Jammu and Kashmir agreed upon by India and "
              "Pakistan. The final status of Jammu and Kashmir has not yet been agreed upon by the parties.")
    arts = [Article("map", notice), Article("ok", "The State Department said it was ending funding for UNFPA.")]
    with pytest.warns(SummarizeWarning, match=r"dropped article map \(empty after cleaning\)"):
        assert clean_cluster(Cluster("c", arts)).article_ids == ["ok"]


def test_article_of_only_boilerplate_dropped():
    arts = [Article("junk", "- Advertisement -\nAlso Read:- Something else"), Article("ok", "Putin and Kim signed a pact in Pyongyang on Wednesday.")]
    with pytest.warns(SummarizeWarning, match=r"dropped article junk \(empty after cleaning\)"):
        assert clean_cluster(Cluster("c", arts)).article_ids == ["ok"]


def test_a_closing_quote_stays_with_its_sentence_and_punctuation_is_no_sentence():
    """pysbd split a closing quote off as a sentence of its own, and lead put it in the summary as '"';
    '...' and '###' lines were sentences too."""
    from summarize.text.sentences import split_sentences

    text = ('The second "t\'\' was missing, so the backs read "Tulowizki." Fans lined up early.\n...\n'
            '"It just kind of happened."\n###')
    assert split_sentences(text) == ['The second "t\'\' was missing, so the backs read "Tulowizki."',
                                     "Fans lined up early.", '"It just kind of happened."']


def test_a_c1_control_character_is_read_as_windows_1252():
    """"\\x97 The missions were completed under the cover of darkness": a Windows-1252 em dash read as Latin-1
    opened a sentence with a control character (4 such in the shared Multi-News articles). Cleaning gives
    each C1 character the Windows-1252 character of its byte."""
    from summarize.text.normalize import normalize_text

    assert normalize_text("Animal rights \x97 The missions were completed. Jordan\x92s grandmother spoke.") == \
        "Animal rights — The missions were completed. Jordan’s grandmother spoke."
    assert normalize_text("a\x81b") == "ab"


def test_contributor_credits_update_notes_and_photo_galleries_are_page_notices():
    """"Staff writer Paul Walsh contributed to this report." (46 such paragraphs in the shared articles), "Updated
    at 9:23 a.m. to correct the name of the driver." and a CNN gallery ("Photos: Sinking of the Musashi ...
    Hide Caption 1 of 6 ...", up to 26,000 characters of captions) were read as the story: a summary opened
    with "Hide Caption 1 of 6 Photos: Sinking of the Musashi A Japanese battleship ...". A sentence that only
    mentions a contribution stays."""
    from summarize.clean import clean_article

    text = ("The battleship Musashi was found off the Philippines by a team on Paul Allen's yacht.\n"
            "Photos: Sinking of the Musashi The Musashi under attack in 1944. Hide Caption 1 of 2 Photos: Sinking of "
            "the Musashi Musashi leaves Brunei in 1944. Hide Caption 2 of 2\n"
            "He said the report, to which Smith contributed, was accurate.\n"
            "Staff writer Paul Walsh contributed to this report.\n"
            "Updated at 9:23 a.m. to correct the name of the driver.")
    cleaned = clean_article(Article("a", text), CleanConfig())
    assert cleaned.text == ("The battleship Musashi was found off the Philippines by a team on Paul Allen's yacht.\n"
                            "He said the report, to which Smith contributed, was accurate."), cleaned.text


def test_the_washington_posts_photo_gallery_is_a_page_notice():
    """Multi-News 238's extract read "1 of 26 Full Screen Autoplay Close Skip Ad × A look back at Wisconsin Gov.
    Scott Walker’s political career View Photos The Republican is expected to launch ...": the Post's gallery,
    its buttons and its captions in one paragraph."""
    from summarize.clean import clean_article

    text = ("Walker announced his bid on Monday.\n"
            "1 of 26 Full Screen Autoplay Close Skip Ad × A look back at Wisconsin Gov. Scott Walker’s political "
            "career View Photos The Republican is expected to launch his campaign Monday. Caption The governor spoke. "
            "Morry Gash/AP Buy Photo Wait 1 second to continue.\n"
            "He is the favourite to win Iowa, where 1 of 26 counties voted early.")
    assert clean_article(Article("a", text), CleanConfig()).text == (
        "Walker announced his bid on Monday.\nHe is the favourite to win Iowa, where 1 of 26 counties voted early.")


@pytest.mark.parametrize("text, sentences", [
    # pysbd ended a sentence at a clock time's "p.m." before its day, zone or date: 30 of the 55 splits after
    # one in the shared articles, each piece broken ("Thursday, Senator Harry Reid ...", "Eastern, Inside ...")
    ("WASHINGTON — Around 8 p.m. Thursday, Senator Harry Reid called. He left.",
     ["WASHINGTON — Around 8 p.m. Thursday, Senator Harry Reid called.", "He left."]),
    ("On Tuesday, at 2 p.m. Eastern, the editors will take questions.",
     ["On Tuesday, at 2 p.m. Eastern, the editors will take questions."]),
    ("As of 1:30 a.m. ET Tuesday, the party had won.", ["As of 1:30 a.m. ET Tuesday, the party had won."]),
    ("They were seen about 11 a.m. May 29, police said.", ["They were seen about 11 a.m. May 29, police said."]),
    # a time that ends its sentence, and a live blog's time stamp on its own, stay apart
    ("The fire started around 10:45 p.m. A stray bullet hit the girl.",
     ["The fire started around 10:45 p.m.", "A stray bullet hit the girl."]),
    ("The storm ended at 2:30 p.m. Saturday's was worse.", ["The storm ended at 2:30 p.m.", "Saturday's was worse."]),
    ("1:26 p.m. Police say two people were stabbed.", ["1:26 p.m.", "Police say two people were stabbed."]),
])
def test_a_clock_time_ends_no_sentence_before_its_day(text, sentences):
    from summarize.text.sentences import split_sentences

    assert split_sentences(text) == sentences


@pytest.mark.parametrize("text, sentences", [
    # a quotation's paragraphs a file fused (the BBC's: each opens again, the last one's close left out): one
    # sentence per paragraph, each closed, not the whole run with two verbs of saying (BBC sport 079's extract)
    ('Wada chairman Dick Pound said: "I am convinced the IAAF will appeal. "But if they accept the ruling we will '
     'go to the Court," he added. Kenteris\'s lawyer reacted angrily.',
     ['Wada chairman Dick Pound said: "I am convinced the IAAF will appeal."',
      '"But if they accept the ruling we will go to the Court," he added.', "Kenteris's lawyer reacted angrily."]),
    # two quotations closed and opened between sentences, which pysbd kept as one (BBC business 416's extract)
    ('"Payroll growth was a little lighter." "Manufacturing is a cyclical area," said Mr Smith.',
     ['"Payroll growth was a little lighter."', '"Manufacturing is a cyclical area," said Mr Smith.']),
    # an abbreviation ends the sentence before a quotation it opens (NeuS 299's extract ran two quotations on)
    ('"It is hard," Biden said in Rochester, N.H. "He\'s already convicted himself." The U.S. "won" it.',
     ['"It is hard," Biden said in Rochester, N.H.', '"He\'s already convicted himself."', 'The U.S. "won" it.']),
    # one paragraph's quotation of two sentences is one sentence, as pysbd has it
    ('"It was great. We won," he said.', ['"It was great. We won," he said.']),
])
def test_each_paragraph_of_a_fused_quotation_is_a_sentence(text, sentences):
    """759 BBC articles, 11 Multi-News and 11 NeuS ones split differently: 1,695 sentences more in the three."""
    from summarize.text.sentences import split_sentences

    assert split_sentences(normalize_text(text)) == sentences


@pytest.mark.parametrize("text, sentences", [
    # pysbd took a number that ends a sentence for the next one's list number (BBC politics 080's extract read
    # "18. These are defined as "adults" ..." and "19. The number of these people ...")
    ("Most were learners aged 16 to 18. These are defined as adults. Adults are aged over 19. The number rose.",
     ["Most were learners aged 16 to 18.", "These are defined as adults.", "Adults are aged over 19.",
      "The number rose."]),
    # a flattened list's numbers stay with their items (FRANK's "... favourite snacks 2. Ramen noodle soup ...")
    ("1. Twizzlers are one of his favourite snacks 2. Ramen noodle soup is one of his favourite meals.",
     ["1. Twizzlers are one of his favourite snacks", "2. Ramen noodle soup is one of his favourite meals."]),
])
def test_a_number_that_ends_a_sentence_is_no_list_items(text, sentences):
    from summarize.text.sentences import split_sentences

    assert split_sentences(text) == sentences


@pytest.mark.parametrize("text, sentences", [
    # pysbd ended a sentence at an abbreviation or a title's question mark before a comma, semicolon or colon
    # (48 in the shared articles): the piece after it opened with the comma
    ("Mitch McConnell, R-Ky., smiles. He left.", ["Mitch McConnell, R-Ky., smiles.", "He left."]),
    ("Ice Cube's comedy Are We There Yet?, slipped to second place.",
     ["Ice Cube's comedy Are We There Yet?, slipped to second place."]),
    ("Heather Hollingsworth in Kansas City, Mo.; Jason Keyser in Chicago.",
     ["Heather Hollingsworth in Kansas City, Mo.; Jason Keyser in Chicago."]),
    # a paragraph that opens with a comma (the BBC's articles lost a name there) stays a paragraph of its own
    ("He won.\n, who broke onto the scene, sprinted past.", ["He won.", ", who broke onto the scene, sprinted past."]),
])
def test_a_comma_opens_no_sentence(text, sentences):
    from summarize.text.sentences import split_sentences

    assert split_sentences(text) == sentences


@pytest.mark.parametrize("text, sentences", [
    # pysbd split a quotation that ends on "!" or "?" from the capitalised speaker after it (27 in the shared
    # articles): "Ross asks." stood alone, and "Bobby Goodlatte wrote on Twitter, where he describes himself as
    # ..." ended a Multi-News extract without the words he wrote
    ('"Is he nervous?" Ross asks. He is not.', ['"Is he nervous?" Ross asks.', "He is not."]),
    ('"Let\'s do this!" Bobby Goodlatte wrote on Twitter, where he lives.',
     ['"Let\'s do this!" Bobby Goodlatte wrote on Twitter, where he lives.']),
    ("“Why now?” Trump tweeted Friday.", ["“Why now?” Trump tweeted Friday."]),
    ('"No!" Francis told Benedict in a gesture.', ['"No!" Francis told Benedict in a gesture.']),
    # a sentence of its own where the verb goes on with what was said, or a clause opens it
    ('"Why?" Mr Blair said he would not respond.', ['"Why?"', "Mr Blair said he would not respond."]),
    ('"Why?" He said: "We need winners."', ['"Why?"', 'He said: "We need winners."']),
    ('"Why?" When asked how, he left.', ['"Why?"', "When asked how, he left."]),
    ('"Go home!" The crowd roared.', ['"Go home!"', "The crowd roared."]),
])
def test_a_quotation_and_its_speaker_after_a_question_or_exclamation_mark_are_one_sentence(text, sentences):
    from summarize.text.sentences import split_sentences

    assert split_sentences(text) == sentences


@pytest.mark.parametrize("text, sentences", [
    # pysbd ended a sentence at a dot that opens a word, a domain's or a file type's (37 in the shared BBC
    # articles): "One that may not win approval is a proposal to set up a ." ended a BBC extract
    ("Icann may not approve a .xxx domain for pornographic websites. It said so.",
     ["Icann may not approve a .xxx domain for pornographic websites.", "It said so."]),
    ("Others such as .info and .biz were generic, unlike .museum and .aero. Perhaps unsurprisingly, .com leads.",
     ["Others such as .info and .biz were generic, unlike .museum and .aero.", "Perhaps unsurprisingly, .com leads."]),
    ("Avoid playlist files (.pls or .m3u) from unknown sources.", ["Avoid playlist files (.pls or .m3u) from unknown "
                                                                   "sources."]),
    # an ellipsis's last dot and a full stop before a capital still end one
    ("Terrahawks, Bod.... .oh the list could go on!", ["Terrahawks, Bod....", "oh the list could go on!"]),
    ('It had no "clear scientific basis".NRW said its figures stood.',
     ['It had no "clear scientific basis".', "NRW said its figures stood."]),
])
def test_a_dot_that_opens_a_word_ends_no_sentence(text, sentences):
    from summarize.text.sentences import split_sentences

    assert split_sentences(text) == sentences


def test_a_semicolon_a_scraper_put_after_initials_with_an_ampersand_goes():
    """"After suffering through years of heavy bandwidth usage from iPhone users, AT&T; relented ..." stood in
    an extractive Multi-News summary (207): a scraper read "&T" as a character reference and closed it (6 in the
    shared Multi-News articles: "AT&T;", "R&B;", "Q&A;:"). A semicolon after a word stays."""
    assert normalize_text("Both AT&T; and Verizon relented. The '60s R&B; group held a Q&A;: it went well.") == (
        "Both AT&T and Verizon relented. The '60s R&B group held a Q&A: it went well.")
    kept = "Johnson & Johnson; AT&T and Verizon; AT & T;"
    assert normalize_text(kept) == kept


def test_an_agency_caption_split_at_a_party_and_state_is_dropped_whole():
    from summarize.clean import clean_article

    # Multi-News 072: the caption's first piece ("FILE - Senate Majority Leader Mitch McConnell of Ky., accompanied
    # by Sen. Mike Enzi, R-Wyo.") had no caption's mark, and opened the cluster's extractive summary's 2nd sentence
    text = ("WASHINGTON (AP) — Republicans muscled a balanced-budget plan through the Senate early Friday.\n"
            "FILE - Senate Majority Leader Mitch McConnell of Ky., accompanied by Sen. Mike Enzi, R-Wyo., speaks to "
            "reporters on Capitol Hill in Washington, in this March 24, 2015 file photo. Senators worked into... "
            "(Associated Press)\n"
            "Working into Friday's pre-dawn hours, senators approved the blueprint by a 52-46 vote.")
    cleaned = clean_article(Article("a", text), CleanConfig())
    assert cleaned.text == ("Republicans muscled a balanced-budget plan through the Senate early Friday.\n"
                            "Working into Friday's pre-dawn hours, senators approved the blueprint by a 52-46 vote.")


def test_a_caption_of_the_oscars_exit_and_a_pointer_to_the_pages_video_are_dropped():
    from summarize.clean import clean_article

    # Multi-News 205's extractive summary opened on this AP caption: "exits" was no caption verb
    text = ("Warren Beatty exits the stage after announcing the award for best picture at the Oscars on Sunday, Feb. "
            "26, 2017, at the Dolby Theatre in Los Angeles.\n"
            "It will go down in Oscars history as the most awkward moment of all time.")
    cleaned = clean_article(Article("a", text), CleanConfig())
    assert cleaned.text == "It will go down in Oscars history as the most awkward moment of all time."
    # Multi-News 075's: a sentence about the video beside the text, not about the shooting
    text = ("The video shown here explains Williams syndrome and can be shared to help others understand it.\n"
            "Williams syndrome is a genetic condition that is present at birth.")
    assert clean_article(Article("a", text), CleanConfig()).text == (
        "Williams syndrome is a genetic condition that is present at birth.")


def test_a_page_in_its_own_voice_throughout_is_dropped_with_its_reason():
    # Multi-News 199's third "article" is a shop's subscription terms; its first sentence opened the cluster's
    # extractive summary's 2nd line ('Shop or "Skip" The choice to shop is always yours!')
    shop = ('Shop or "Skip" The choice to shop is always yours! Shop or log into your account to "Skip the Month" by '
            "the 5th of the month and you won't be charged.\n"
            'VIP Member Credits If you don\'t shop or "Skip the Month" by the 5th, your credit card will be charged '
            "$49.95 on the 6th until you cancel. That charge can be used as a credit to spend or save.")
    story = ("Halle Berry's line of $7 panties and $18 bras went on sale at Target stores last year, and its sales "
             "continue to build, said Target spokesman Joshua Thomas.")
    # a story with one appeal in it keeps its story
    other = "Karen and Jack Klein lost their home in the fire on Tuesday, their neighbours said."
    appeal = other + " Please continue showing your support for Karen and Jack on this dedicated page."
    with pytest.warns(SummarizeWarning):
        out = clean_cluster(Cluster("c", [Article("story", story), Article("shop", shop), Article("appeal", appeal)]))
    assert [a.id for a in out.articles] == ["story", "appeal"]
    assert out.articles[1].text == other
    assert out.metadata["dropped"] == [{"id": "shop", "reason": "the page's own voice throughout (a shop's or a "
                                                                "promotion's page, not a story)"}]


def test_an_internet_archive_notice_stands_in_for_a_missing_article_and_all_of_it_goes():
    # Multi-News 099's first "article" is the Internet Archive's page on a wide crawl: cleaning kept 246 of its
    # words, and "Web wide crawl with initial seedlist ..." opened the cluster's extractive summary
    crawl = ("Web wide crawl with initial seedlist and crawler configuration from March 2011. This uses the new HQ "
             "software for distributed crawling by Kenji Nagahashi.\n"
             "The seed list for this crawl was a list of Alexa's top 1 million web sites, retrieved close to the "
             "crawl start date. The scope of the crawl was not limited except for a few manually excluded sites.\n"
             "However this was a somewhat experimental crawl for us, as we were using newly minted software to feed "
             "URLs to the crawlers, and we know there were some operational issues with it.")
    story = "Charlie Sheen was moving at a decidedly subsonic speed Tuesday evening as he motored to Washington."
    collection = "This collection contains collaborative Election crawls performed by IA."  # Multi-News 221
    with pytest.warns(SummarizeWarning):
        out = clean_cluster(Cluster("c", [Article("crawl", crawl), Article("story", story),
                                          Article("collection", collection)]))
    assert [a.id for a in out.articles] == ["story"]
    why = "an Internet Archive notice: the article was missing when scraped"
    assert out.metadata["dropped"] == [{"id": "crawl", "reason": why}, {"id": "collection", "reason": why}]


def test_clustering_rejects_what_cleaning_drops_by_the_same_rule():
    # clustering's own check let a 'page not found' page, the Internet Archive's notes and a shop's page through:
    # it counted only the words cleaning left
    from summarize.clean import BoilerplateFilter
    from summarize.cluster import clean_and_reject
    from summarize.config import ClusterConfig

    crawl = ("Web wide crawl with initial seedlist and crawler configuration from March 2011.\n"
             "However this was a somewhat experimental crawl for us, as we were using newly minted software to feed "
             "URLs to the crawlers, and we know there were some operational issues with it.")
    missing = ("Sorry, the page you requested could not be found.\nIf you are looking for an older news story, it may "
               "no longer be here, and the search box at the top of every page will help you find what you need.")
    story = "Charlie Sheen was moving at a decidedly subsonic speed Tuesday evening as he motored to Washington."
    kept, rejected = clean_and_reject([Article("crawl", crawl), Article("missing", missing), Article("story", story)],
                                      ClusterConfig(min_words=5), CleanConfig(), BoilerplateFilter(CleanConfig()))
    assert [a.id for a in kept] == ["story"]
    assert rejected == [
        {"id": "crawl", "reason": "an Internet Archive notice: the article was missing when scraped"},
        {"id": "missing", "reason": "a 'page not found' page: the article was missing when scraped"}]
