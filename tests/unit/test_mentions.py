"""A summary names each person in full once, then by the short form its sources use (``polish.mentions``)."""

from summarize.polish.people import NameTable
from summarize.polish.references import rewrite

SOURCES = ["President Joe Biden took questions at a town hall.", "Biden said he had not revised his goal.",
           "Biden spoke again.", "Foreign Secretary Jack Straw will visit Auschwitz.", "Mr Straw said he was glad.",
           "Mr Straw left.", "Dan Keller and Fran Keller were freed.", "Keller said he was glad.", "Keller wept.",
           "The Late Show with Stephen Colbert airs at 11:35pm.", "Stephen Colbert said he met Russians.",
           "Colbert laughed.", "Colbert left.", "Neighbors in Upper Darby said Plotts was uneasy.",
           "Upper Darby said Plotts was uneasy.", "Darby is a borough."]


def test_a_person_named_in_full_again_is_named_by_the_short_form():
    """NeuS 303's extract read "President Joe Biden took questions from Wisconsin residents ..." and then
    "President Joe Biden got some facts wrong ..."; NeuS 168 named "Supreme Court nominee Amy Coney Barrett" in
    full twice, BBC entertainment 327 "Magistrate Lee Gilmore". Each article introduces its people, and an
    extract keeps their introductions. After the first mention the summary writes the name as the sources do
    once they have introduced the person, after a title by the surname alone; each change is an edit."""
    table = NameTable.learn(SOURCES)
    out, edits = rewrite(["President Joe Biden took questions at a town hall.",
                          "President Joe Biden got some facts wrong, Joe Biden's aides said."], [None, None], table)
    assert out[1] == "President Biden got some facts wrong, Biden's aides said."
    assert edits[1] == [{"from": "Joe Biden", "to": "Biden", "why": "later mention"}] * 2
    out, _ = rewrite(["Foreign Secretary Jack Straw will visit Auschwitz.", "Jack Straw said he was glad.",
                      "It was Foreign Secretary Jack Straw's choice."], [None, None, None], table)
    assert out[1:] == ["Mr Straw said he was glad.", "It was Foreign Secretary Straw's choice."]  # no "Secretary Mr"


def test_a_later_mention_that_would_not_say_whom_stays_in_full():
    """A surname another person's full name also ends with ("Keller": Dan's or Fran's), a name inside a
    quotation or a show's title ("The Late Show with Stephen Colbert": "The Late Show with Colbert" read a
    Multi-News extract), a name the sources never speak of as "he" or "she" ("Upper Darby said Plotts was ..."
    made the town a person's name, and "Plotts, of Upper Darby," read "Plotts, of Darby,"), and one never
    introduced are left as written."""
    table = NameTable.learn(SOURCES)
    first = "Dan Keller and Stephen Colbert spoke in Upper Darby."
    later = ["Dan Keller was freed in Upper Darby.", "The Late Show with Stephen Colbert airs at 11:35pm.",
             "\"I met Stephen Colbert,\" he said.", "Jack Straw will visit Auschwitz."]
    out, edits = rewrite([first, *later], [None] * 5, table)
    assert out[1:] == later and not any(edits[1:])
    assert rewrite([first, "Stephen Colbert laughed."], [None, None], table)[0][1] == "Colbert laughed."


def test_after_a_noun_for_the_person_the_surname_alone_and_in_apposition_the_name_as_written():
    """The lead summary of Multi-News 047 read "including UK photographer Mr Conroy" (the sources' short form,
    "Mr Conroy", after a noun for him) and 053's '"...," her mother, Banks, told ABC News.' (a name in apposition,
    which introduces the person, shortened to a surname that then reads as someone new)."""
    table = NameTable.learn(["UK photographer Paul Conroy said he was rescued.", "Mr Conroy said he was fine.",
                             "Mr Conroy left.", "Ashake Banks said she wept.", "Banks said she was sad.",
                             "Banks left."])
    out, _ = rewrite(["Paul Conroy was rescued.", "Evacuees, including UK photographer Paul Conroy, stayed.",
                      "Mr Conroy's camera broke.", "Ashake Banks wept.",
                      '"She smiled," her mother, Ashake Banks, told ABC News.', "Ashake Banks left."],
                     [None] * 6, table)
    assert out[1:3] == ["Evacuees, including UK photographer Conroy, stayed.", "Mr Conroy's camera broke."]
    assert out[4:] == ['"She smiled," her mother, Ashake Banks, told ABC News.', "Banks left."]


def test_a_first_mention_by_honorific_and_surname_is_written_in_full():
    """Multi-News 179's extract named "Mr Carpentier hopes his artificial heart ..." with no word before of who he
    is; its sources introduce "Alain Carpentier, surgeon and Carmat co-founder". "Mr" says no more than the given
    name does and gives way to it; "Dr" and "Sir" say more and stay; a quotation's words stay as said."""
    table = NameTable.learn(["Professor Alain Carpentier invented it.", "Mr Carpentier, 80, said he was glad.",
                             "Dr Rick Bright testified.", "Dr. Bright said he was removed.", "Sir Alan Budd spoke.",
                             "Sir Alan said he agreed."])
    out, edits = rewrite(["Mr Carpentier hopes his heart will help.", "Dr. Bright warned of a dark winter.",
                          "Sir Alan left.", "Mr Carpentier smiled."], [None] * 4, table)
    assert out == ["Alain Carpentier hopes his heart will help.", "Dr. Rick Bright warned of a dark winter.",
                   "Sir Alan Budd left.", "Mr Carpentier smiled."]
    assert edits[0] == [{"from": "Mr Carpentier", "to": "Alain Carpentier", "why": "first mention"}]
    quoted = '"Mr Carpentier is right," she said.'
    assert rewrite([quoted], [None], table)[0] == [quoted]


def test_a_given_name_of_a_family_member_is_not_another_person_s_surname():
    """Once "statement analyst Stan Burke" made Stan Burke a person (one list of role words), Multi-News 069's
    extract read "... theorizing she was killed by her brother, Stan Burke, ..." for "her brother, Burke,": the
    sources name Burke Ramsey 10 times, beside Patsy and John Ramsey. A given name the sources write at least as
    often in a family member's full name names no one else ("Jordan" of Jordan Belliveau, not "Dave Jordan")."""
    sources = ["Burke Ramsey, now 29, spoke.", "Burke Ramsey denied it.", "Patsy Ramsey called 911.",
               "John Ramsey said he was asleep.", "Former FBI statement analyst Stan Burke said he was sure.",
               "Burke was 9 at the time."]
    table = NameTable.learn(sources)
    assert table.person("Burke") is None
    sentence = "A documentary said she was killed by her brother, Burke, in 1996."
    assert rewrite([sentence], [None], table)[0] == [sentence]
    table = NameTable.learn(sources[2:])  # no Burke Ramsey: the surname is Stan Burke's
    assert table.person("Burke") == "Stan Burke"


def test_bill_and_will_are_given_names_not_stop_words():
    """"bill" and "will" are stop words, so the name finder cut "Bill Gates" to "Gates" and "former NFL star Will
    Smith" to "Smith", and Multi-News 032's lead summary read "the deadly shooting of former NFL star Will Ryan
    Smith" (another Smith of its sources written in full). 20 shared clusters gain a full name so (Bill Clinton,
    Bill Cosby, Bill Gates ...); a sentence that opens "Will" asks a question."""
    from summarize.polish.names import names

    assert names("The shooting of former NFL star Will Smith shocked fans.") == [(32, "Will Smith")]
    assert names("Microsoft boss Bill Gates said so.")[-1] == (15, "Bill Gates")
    assert names("Will Smith go?") == [(5, "Smith")]
    table = NameTable.learn(["Ryan Smith, 34, was shot.", "Ryan Smith said he was fine.", "Smith left."])
    sentence = "It led to the shooting of former NFL star Will Smith in New Orleans."
    assert rewrite([sentence], [None], table)[0] == [sentence]


def test_a_doctor_named_in_passing_keeps_the_honorific_and_an_archbishop_his_own_name():
    """BBC politics 007 names "Tory co-chairman Liam Fox" once and "Dr Fox" after: as a person named in full only
    in passing, his first mention by honorific read "Liam Fox told BBC Radio", the "Dr" dropped where a known
    person's stays (the sources' "Dr Fox" now makes him a known person too). BBC politics 060's "Archbishop of
    Canterbury Dr Rowan Williams" made "Canterbury Dr Rowan Williams" a name, and "Dr Williams" was written in
    full as it: what comes before an honorific is no name."""
    sources = ["Tony Blair lied, say the Tories.", "Tory co-chairman Liam Fox was speaking after Mr Blair spoke.",
               'Dr Fox told BBC Radio: "If you lie about war, you lie about anything."',
               "Dr Fox accused Mr Blair of lies.", "Dr Fox refused to discuss reports."]
    for table in NameTable.learn(sources), NameTable(in_passing={"Fox": "Liam Fox"}):
        assert table.introduced_as("Fox") == "Liam Fox"
        out, _ = rewrite(sources[3:], [None] * 2, table)
        assert out[0].startswith("Dr Liam Fox accused") and out[1] == "Dr Fox refused to discuss reports."
    sources = ["Both the Cardinal and Archbishop of Canterbury Dr Rowan Williams appealed for time.",
               "Dr Williams has since criticised the government."]
    table = NameTable.learn(sources)
    assert table.introduced_as("Williams") == "Rowan Williams"
    assert rewrite(sources[1:], [None], table)[0] == ["Dr Rowan Williams has since criticised the government."]


def test_a_surname_after_its_full_name_in_the_sentence_is_a_later_mention():
    """Multi-News 164's extract read "... triathlete Randy Hackett of Argilla Road and then pulled him out to sea
    ..., leaving Randall Hackett clinging to a green buoy": the bare surname was the table's first mention of
    Randall Hackett (the sources' usual name) and was written in full, in a sentence that had named him."""
    table = NameTable.learn(["The rescued man, Randall Hackett, had gone out for a swim.", "Hackett said he was lost.",
                             "Coast Guard was assisting with the search of Randall Hackett, 58.", "Hackett smiled."])
    sentence = "Fog disoriented triathlete Randy Hackett and pulled him out, leaving Hackett clinging to a buoy."
    out, _ = rewrite([sentence, "Hackett was found."], [None] * 2, table)
    assert out == [sentence, "Hackett was found."]


def test_a_caption_that_ends_with_a_persons_full_name_is_no_other_person():
    """Multi-News 172's sources carry a caption "(AP Photo/Brennan Linsley) Bill Cosby ...", which the table
    reads as a name, "Brennan Linsley Bill Cosby", ending in Cosby: taken for another Cosby, it kept every later
    "Bill Cosby" in full; so did "Majority Leader Mitch McConnell" (NeuS and Multi-News 146) and "Host Jimmy
    Kimmel" (Multi-News 205). A name that ends with the person's full name is that person's."""
    table = NameTable.learn(["Bill Cosby arrived.", "Bill Cosby said he was innocent.", "Cosby left.",
                             "Brennan Linsley Bill Cosby walks to court.", "Cosby smiled."])
    out, _ = rewrite(["Bill Cosby arrived in court.", "Bill Cosby said he was innocent."], [None] * 2, table)
    assert out == ["Bill Cosby arrived in court.", "Cosby said he was innocent."]
    table = NameTable.learn(["Bill Cosby arrived.", "Bill Cosby said he was innocent.", "Cosby left.",
                             "Ennis Cosby died.", "Cosby smiled."])  # his son: "Cosby" would not say whom
    out, _ = rewrite(["Bill Cosby arrived in court.", "Bill Cosby said he was innocent."], [None] * 2, table)
    assert out == ["Bill Cosby arrived in court.", "Bill Cosby said he was innocent."]


def test_a_name_given_as_a_name_stays_in_full():
    """Multi-News 034's lead summary read "Stormy Daniels, whose real name is Clifford, filed a lawsuit": a name
    given as a name is no later mention of the person to shorten."""
    table = NameTable.learn(["Stephanie Clifford, 39, sued.", "Clifford said she was silenced.", "Ms. Clifford left."])
    out, _ = rewrite(["Stephanie Clifford sued Trump.", "Daniels, whose real name is Stephanie Clifford, spoke.",
                      "Stephanie Clifford left."], [None] * 3, table)
    assert out[1:] == ["Daniels, whose real name is Stephanie Clifford, spoke.", "Ms. Clifford left."]


def test_a_surname_in_a_quotation_does_not_introduce_the_person():
    """Multi-News 178's extract quoted Trump ('"When Justice Scalia passed away suddenly ...," Trump said.') and
    later wrote "The reference to "the justice" was to Antonin Scalia": once "Justice" was no part of the name, the
    quoted surname counted as Scalia's first mention and the one full mention outside quotations was shortened.
    Multi-News 126 quoted "Well, Chris, first of all," and left "Wallace said" unnamed. A quotation that names
    the person in full introduces them."""
    table = NameTable.learn(["Justice Antonin Scalia died.", "Scalia said he was a judge.", "Scalia wrote.",
                             "Host Chris Wallace broached it.", "Wallace said he knew."])
    quoted = '"When Justice Scalia passed away, I made a promise," Trump said.'
    out, _ = rewrite([quoted, "The reference was to Antonin Scalia, the late justice."], [None, None], table)
    assert out[1] == "The reference was to Antonin Scalia, the late justice."
    out, _ = rewrite(['"Well, Chris, first of all," Conway responded.', '"It was altered," Wallace said.'],
                     [None, None], table)
    assert out[1] == '"It was altered," Chris Wallace said.'
    out, _ = rewrite(['"I met Antonin Scalia once," Trump said.', "Antonin Scalia died."], [None, None], table)
    assert out[1] == "Scalia died."


def test_a_short_form_of_a_given_name_is_the_same_person():
    """Multi-News 067 names "Green Beret Sgt Joe Serna" and "veteran Joseph Serna": once a name after "Sgt" was a
    person's, the two full names tied and "Serna" stood for no one (3 right referents lost, one given to Judge
    Lou Olivera). "Joe" is "Joseph"'s short form; "Dan" and "Fran" stay two people."""
    from summarize.polish.people import one_person

    assert one_person(["Joe Serna", "Joseph Serna"]) and one_person(["Mike Flynn", "Michael T. Flynn"])
    assert not one_person(["Dan Keller", "Fran Keller"]) and not one_person(["Steven Kay", "Stephen Kay"])
    table = NameTable.learn(["Judge Lou Olivera held former Green Beret Sgt Joe Serna to account.",
                             "A judge sentenced veteran Joseph Serna to a night in jail.", "Serna said he lied."])
    assert table.full_names["Serna"] == "Joseph Serna" and table.person("Joe Serna") == "Joseph Serna"
