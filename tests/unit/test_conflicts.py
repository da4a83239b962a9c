import json

import pytest
from typer.testing import CliRunner

from summarize import load_clusters
from summarize.clean import clean_cluster
from summarize.cli import app
from summarize.text.conflicts import find_discrepancies, quantity_discrepancies
from summarize.types import Article


def test_example_discrepancies(example_dir):
    found = {(d.kind, d.key): d for d in find_discrepancies(clean_cluster(load_clusters([example_dir])[0]).articles)}
    munitions = found[("quantity", "containers")]
    sides = {s.value: s for s in munitions.sides}
    assert sides["6,700"].article_ids == ["002_ca6749dc55e0fbbc"] and sides["6,700"].qualifiers == ["approximately"]
    assert "between August and February" in sides["6,700"].time_frames
    assert sides["11,000"].article_ids == ["004_d90c90617c456517"] and sides["11,000"].qualifiers == ["over"]
    deputy = found[("role", "deputy prime minister")]
    values = {s.value: s.article_ids for s in deputy.sides}
    assert values["Alexander Novak"] == ["004_d90c90617c456517"]
    manturov = next(v for k, v in values.items() if "Manturov" in k)
    assert manturov == ["000_a512a153464c2905", "001_b0dfe862c0761fca"]  # "Mantrurov" is the same person
    # consistent facts are not reported
    assert ("role", "defense minister") not in found and ("role", "foreign minister") not in found


def test_close_values_and_years_are_not_conflicts():
    a = Article("a", "About 100 countries attended the summit in 2024.")
    b = Article("b", "Some 104 countries attended the summit in 2023.")
    assert quantity_discrepancies([a, b]) == []


# Pairs of sentences whose numbers are not rival counts of one thing. A numeral inside a name: "G7 finance
# ministers" against "G20 ..." was a disagreement about 7 and 20 "finance" (the summary of 1,000 BBC articles
# annotated its first sentence with it), Boeing's "7E7 planes" one with its "777 plane" (the discrepancy rule
# read numbers its own way, without the facts' rule; both use ``text.facts.NUMERAL`` and ``in_a_name`` now).
# A date, a clock time or a modifier as the unit: "on 14 December" against "on 19 December" was one about
# "december", "by 0900 GMT" against "at 1330 GMT" one about "gmt", "10 more" against "20 more" one about "more".
NOT_RIVALS = [
    ("G7 finance ministers backed plans to write off the debts of the poorest countries on Saturday.",
     "G20 finance ministers backed plans to write off the debts of the poorest countries in London."),
    ("The US has logged 40 million Covid-19 cases since the start of the pandemic, the CDC data show.",
     "The US is averaging 137,000 new daily cases, down from 151,000 cases two weeks ago, CDC data show."),
    ("Boeing is to supply Japan Airlines with up to 50 of its forthcoming 7E7 planes in a new deal.",
     "Boeing has unveiled its new long-distance 777 plane for Japan Airlines in a new deal."),
    ("Russia is to auction Yuganskneftegas, the Yukos unit, on 14 December to pay the tax bill.",
     "Russia will auction Yuganskneftegas, the Yukos unit, on 19 December over the tax bill."),
    ("Fiat shares in Milan rose 4.5% by 0900 GMT after the talks with GM were announced.",
     "The talks between Fiat and GM in Zurich take place at 1330 GMT, Milan traders said."),
    ("SpiceJet will also have the option to acquire 10 more aircraft from Boeing in the order.",
     "Japan Airlines has an option to buy 20 more aircraft from Boeing in the order."),
]


@pytest.mark.parametrize("a, b", NOT_RIVALS)
def test_numerals_in_names_dates_and_clock_times_are_no_counts(a, b):
    assert quantity_discrepancies([Article("a", a), Article("b", b)]) == []


def test_a_count_beside_a_code_is_still_read():
    real = quantity_discrepancies([Article("a", "Some 36 F-16 jets and 40 tanks were sent to the border on Monday."),
                                   Article("b", "About 60 tanks were sent to the border on Monday, officials said.")])
    assert [(d.key, [s.value for s in d.sides]) for d in real] == [("tanks", ["40", "60"])]


def test_conflicts_command(example_dir):
    res = CliRunner().invoke(app, ["conflicts", str(example_dir)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert {d["key"] for d in data["discrepancies"]} >= {"containers", "deputy prime minister"}


def test_values_one_article_states_side_by_side_are_not_a_disagreement():
    # A close and an intraday low in one article measure two things; only B vs A's close could differ.
    a = Article("a", "The Dow closed down 1,175 points after falling as much as 1,500 points.")
    b = Article("b", "The Dow fell 1,500 points at one point on Monday.")
    assert quantity_discrepancies([a, b]) == []
    c = Article("c", "The Dow closed down just under 666 points from Friday.")
    found = quantity_discrepancies([a, b, c])
    # a's sentence compares two values (a close and a low): neither is its version of one fact; b's and c's are
    assert [s.value for s in found[0].sides] == ["666", "1,500"] and found[0].sides[1].article_ids == ["b"]
    assert found[0].sides[0].time_frames == ["from Friday"]


def test_a_range_is_no_side_and_counts_as_a_second_value():
    a = Article("a", "At least 61 people were killed in the capital on Monday, witnesses told reporters.")
    b = Article("b", "Rights groups said 300 to 400 people had been killed in the capital since the protests began.")
    assert quantity_discrepancies([a, b]) == []
    # the range makes its sentence's other value a comparison's too: "30 miles" is no side against c's 18
    c = Article("c", "The oceans of the moon lie 18 miles below the crust, scientists think.")
    d = Article("d", "The lakes of the moon lie 2 to 3 miles below the crust, the oceans 30 miles down.")
    assert quantity_discrepancies([c, d]) == []
    e = Article("e", "The county's population rose from 300 to 400 people in the last census.")  # a change: 400 stated
    f = Article("f", "The county's population is 900 people, according to the last census.")
    assert [s.value for s in quantity_discrepancies([e, f])[0].sides] == ["400", "900"]


def test_values_a_sentence_states_side_by_side_are_no_side():
    # "800 gallons of water ... yields about 3 gallons of ethanol", "13.3 billion gallons ... Brazil's 6.3 billion
    # gallons": four 'gallons' sides of one discrepancy on Multi-News, none a source's version of one fact
    a = Article("a", "It takes more than 800 gallons of water to grow a bushel of corn, which yields about 3 gallons "
                     "of ethanol for the fuel plants.")
    b = Article("b", "The United States made 13.3 billion gallons of ethanol fuel in 2013, Brazil 6.3 billion gallons.")
    assert quantity_discrepancies([a, b]) == []
    c = Article("c", "A bushel of corn yields about 2.5 gallons of ethanol for the fuel plants, the study found.")
    found = quantity_discrepancies([a, b, c])
    assert found == []  # a's 3 gallons sits beside 800 in its sentence: c has no rival version


def test_context_that_reconciles_two_sides():
    from summarize.text.conflicts import Side, reconciled

    assert reconciled(Side("666", ["a"], time_frames=["from Friday"]), Side("1,175", ["b"], time_frames=["on Monday"]))
    assert reconciled(Side("1,100", ["a"], ["more than"]), Side("1,175", ["b"])) == "'more than 1,100' admits 1,175"
    assert reconciled(Side("1,175", ["b"]), Side("1,600", ["a"], ["nearly"])) == "'nearly 1,600' admits 1,175"
    assert reconciled(Side("1,700", ["b"]), Side("1,600", ["a"], ["nearly"])) is None
    assert reconciled(Side("6,700", ["a"], time_frames=["Monday"]), Side("11,000", ["b"], time_frames=["on Monday"])) is None
    # the example's munitions figures stay a discrepancy: "over 11,000" does not admit "approximately 6,700"
    assert reconciled(Side("6,700", ["a"], ["approximately"], ["between August and February"]),
                      Side("11,000", ["b"], ["over"])) is None


def test_a_time_frame_is_a_point_in_time():
    """The BBC events run reconciled India's "about 793,000 barrels" with "2.4 million" by "different time
    frames: since the / in 1973": "since" and "between" took any word after them ("since the", "since it", 100
    and 15 times in the shared articles; "between Republicans and Democrats"). They take a month, a weekday, a
    year or "then"."""
    a = Article("a", "India has produced about 793,000 barrels of oil a day since the country opened its fields.")
    b = Article("b", "India produced 2.4 million barrels of oil a day in 1973, the ministry said.")
    sides = {s.value: s for s in quantity_discrepancies([a, b])[0].sides}
    assert sides["793,000"].time_frames == [] and sides["2.4 million"].time_frames == ["in 1973"]
    c = Article("c", "Talks between Republicans and Democrats on 40 bills went on since March 2003 and between "
                     "August and February, and since 1997 and since then, the clerk said.")
    found = quantity_discrepancies([c, Article("d", "Talks on 60 bills went on, the clerk said of Republicans.")])
    assert set(found[0].sides[0].time_frames) == {"since March 2003", "between August and February", "since 1997",
                                                  "since then"}


def test_counts_of_different_things_with_one_unit_are_not_a_disagreement():
    a = Article("a", "The Manchester concert bombing on May 22 killed 22 people, police said.")
    b = Article("b", "NHS England said 36 people remained in hospital.")
    c = Article("c", "Police said the bombing at the concert killed 29 people.")
    assert quantity_discrepancies([a, b]) == []  # nothing in common but the unit
    found = quantity_discrepancies([a, b, c])
    assert [(d.key, [s.value for s in d.sides]) for d in found] == [("people", ["22", "29"])]  # as written
    # money and words that follow a number without being what it counts are no units
    d = Article("d", "The winner of the jackpot won $11 million after taxes, 6 out of 10 jackpot winners say.")
    e = Article("e", "The jackpot winner won 45 million from the lottery after taxes; 9 out of 10 jackpot winners.")
    assert quantity_discrepancies([d, e]) == []


def test_real_discrepancies_survive_and_unrelated_counts_do_not(shared_data):
    """Multi-News validation: death tolls, accusers and the Dow's drop stay discrepancies; counts of other
    things with the same unit (killed vs in hospital) and words after a number ("won $11 million after")
    do not make one."""
    rows = {json.loads(line)["id"][-3:]: json.loads(line) for line in (shared_data / "multinews_validation.jsonl").open()}

    def keys(n):
        docs = rows[n]["documents"]
        return {d.key for d in quantity_discrepancies([Article(f"{n}#{k}", t) for k, t in enumerate(docs)])}

    assert "people" in keys("047") and "people" in keys("110")  # death tolls
    # "61 people were killed in the capital on Monday" against "300 to 400 people had been killed since Feb. 15":
    # a range's end is no side (and the hand labels read the two as different things)
    assert "people" not in keys("176")
    assert "women" in keys("172") and "points" in keys("019")
    assert "people" not in keys("027") and keys("005") == set() and keys("111") == set() and keys("242") == set()


# The thing a number counts is the head of the phrase after it, not its first word. Read off the first word, the
# BBC's events had "firm" (200 firm commitments vs 225 firm orders), "labour" (32 Labour MPs vs 62 Labour
# rebels), "us" (one in 10 US adults vs 120 million US adults), "will" (Xbox 2 will vs PlayStation 3 will) and
# "flights" (5,200 flight attendants vs 100 flights) as discrepancies.
OTHER_THINGS = [
    ("Boeing has set itself a target of getting 200 firm commitments for the 7E7 plane this year.",
     "The deal brings the Boeing 7E7 plane order book up to 225 firm orders this year."),
    ("Some 32 Labour MPs voted against the terror legislation in the Commons last week.",
     "The terror legislation passed the Commons despite the support of 62 Labour rebels for an amendment."),
    ("One in 10 US adults now owns a digital music player, the Pew survey of internet users found.",
     "Only 7% of the 120 million US adults who are internet users keep a blog, the Pew survey found."),
    ("Industry watchers said the Xbox 2 will push for HDTV quality graphics as standard for the console.",
     "Rumours say the PlayStation 3 will have more under the hood than the Xbox console."),
    ("US Airways cancelled over 100 flights on Christmas Day, stranding passengers at the airports.",
     "A union of 5,200 flight attendants at US Airways agreed to a new contract on Christmas Day."),
    ("Plans to shed 71,000 civil service jobs will prove a false economy, the TUC report said.",  # modifiers
     "The TUC report said 105,000 jobs were lost from the sector last year."),
    ("A further 200 jobs at the Department of the Environment have been earmarked to be cut.",  # an increment
     "At the Department of the Environment 2,000 jobs are to go, the union said."),
    ("On average users conduct between five and 10 searches per day, the Ask Jeeves figures show.",  # a range
     "Ask Jeeves figures show the average user carries out 34 searches per day."),
    ("Republicans need a 60 vote threshold in the Senate to pass the health bill.",  # a number as a modifier
     "The health bill got 11 GOP votes in the Senate."),
    # seconds are a duration, as hours and minutes are: a race's timing, not a count ("won in two hours, 23
    # minutes and 10 seconds" against the record of "two hours 18 minutes 15 seconds")
    ("Radcliffe finally sprinted clear to win the New York marathon in two hours, 23 minutes and 10 seconds.",
     "Radcliffe set the marathon world record in two hours 18 minutes 15 seconds in London."),
    ("Lewis-Francis ran a textbook final leg in the relay to bring Team GB home in 38.07 seconds.",
     "Greene faces Lewis-Francis in the 60m, where Greene has run 6.39 seconds in the relay season."),
    # an order of magnitude apart: counts of different things (a department's jobs in Wales and its jobs in
    # all, one firm's shares' change and their price, a province's dead and a country's)
    ("The worst-affected area in Wales will be the Department of Work and Pensions where 2,000 jobs are threatened.",
     "At the Department for Work and Pensions, 30,000 jobs are to go across the country."),
    ("Chinese authorities closed 1,575 net cafes in China in the closing months of 2004.",
     "All 110,000 net cafes in China have to use software to control access to websites."),
    # money in words is money, as "$150" is: prices of the adapter and of the console
    ("When it goes on sale the Nintendo DS adapter is expected to cost about 5000 yen in Japan.",
     "The PSP is selling in Japan for 19,800 yen while the Nintendo DS sells for $150."),
    # a difference between two things: a gap, a margin in a score's units
    ("If the result remains at 1-1, Real will drop to third place, 11 points behind leaders Barcelona.",
     "Real slipped to 13 points behind leaders Barcelona with a 1-0 defeat at Sevilla."),
    ("Obama won women in 2012 by 11 points, according to exit polls of women.",
     "Among women, Obama has lost 6 points in the past month, the polls of women show."),
]
@pytest.mark.parametrize("a, b", OTHER_THINGS)
def test_the_counted_thing_is_the_head_of_the_phrase_after_the_number(a, b):
    assert quantity_discrepancies([Article("a", a), Article("b", b)]) == []


def test_counts_of_one_kind_of_thing_still_differ():
    a = Article("a", "Some 32 Labour rebels voted against the terror bill in the Commons on Monday.")
    b = Article("b", "In the Commons, 62 Labour rebels voted against the terror bill on Monday.")
    c = Article("c", "Pyongyang shipped 6,700 containers of munitions to Russia, U.S. officials said.")
    d = Article("d", "North Korea sent 11,000 containers of munitions to Russia.")
    e = Article("e", "The LCC said 15 people had been killed in Syria on Monday, in the Idlib area and in Homs.")
    f = Article("f", "At least 144 people were reported killed in Syria on Monday, 64 of them at a checkpoint in Homs.")
    found = quantity_discrepancies([a, b, c, d, e, f])
    assert sorted((x.key, [s.value for s in x.sides]) for x in found) == [  # under ten times apart: rivals still
        ("containers", ["6,700", "11,000"]), ("people", ["15", "144"]), ("rebels", ["32", "62"])]


def test_counts_reads_the_head_and_its_modifiers():
    from summarize.text.counts import counts

    # a margin is in a score's units: "by 30 men" still counts men
    assert [(c.num, c.word) for c in counts("They were attacked by 30 men; Labour won by 20 seats.")] == [("30", "men")]
    found = [(c.num, c.scale, c.word, c.modifiers) for c in counts(
        "They freed 440 mink, 5,000 mink destined to die, 3 million malaria deaths and 40 victims' families "
        "at 6 p.m. with 12,800 U.S. troops, 120 mph winds and 20 police officers in 2004.")]
    assert found == [("440", "", "mink", ()), ("5,000", "", "mink", ()), ("3", "million", "deaths", ("malaria",)),
                     ("40", "", "families", ("victims'",)), ("12,800", "", "troops", ("U.S.",)),
                     ("120", "", "mph", ()), ("20", "", "officers", ("police",))]


def test_a_summary_sentence_states_a_side_in_words_too():
    # the summary's marks read the side's number as written ("40"), the checker read it as a value: one rule
    # (text.conflicts.states) for both now, and "Forty women" states the 40 side
    from summarize.polish.disagreements import mark
    from summarize.types import RunInfo, Summary, SummarySentence

    arts = [Article("a", "More than 30 women have come forward to accuse Cosby of sexual assault, lawyers said."),
            Article("b", "Lawyers said 40 women have come forward to accuse Cosby of sexual assault.")]
    sentence = SummarySentence("Forty women have accused Cosby of sexual assault.", ["b"])
    summary = Summary("c", "", [sentence], RunInfo("x"))
    marked = mark(summary, arts).sentences[0].discrepancies
    assert [(m["key"], m["states"], [o["value"] for o in m["others"]]) for m in marked] == [("women", "40", ["30"])]


# every role discrepancy the shared data gave (Multi-News 047 and 249, BBC events on the tsunami and on Ukraine)
# named holders of different offices: another country's, a deputy's, a predecessor's
OTHER_OFFICES = [
    ["Syrian Foreign Minister Walid Moallem vowed to defend his country's independence.",
     "On Syria, French Foreign Minister Alain Juppe said he hoped the court would act."],
    ["British Prime Minister David Cameron told reporters there would likely be more asset freezes.",
     "Speaking in Brussels on Thursday, Prime Minister Arseniy Yatsenyuk said Kiev was in no hurry."],
    ["The statement, by Deputy Foreign Minister Sergei Ryabkov, was a threat of reprisal over sanctions.",
     "After Russian Foreign Minister Sergey Lavrov had presented the treaty, the sanctions were debated."],
    ["Thailand's Prime Minister Thaksin Shinawatra has estimated the tsunami's destruction at 20bn baht.",
     "Prime Minister Mahinda Rajapakse laid the foundation stone of homes for survivors of the tsunami."],
    ["Yushchenko defeated Prime Minister Viktor Yanukovych; new Prime Minister Yulia Tymoshenko reviews sales.",
     "But on Wednesday Prime Minister Yulia Tymoshenko said the government would renationalise firms.",
     "Vice-Prime Minister Oleg Rybachuk called on the EU to recognise the steps Ukraine was taking."],
]


@pytest.mark.parametrize("texts", OTHER_OFFICES, ids=lambda t: t[0][:20])
def test_holders_of_other_offices_are_no_disagreement(texts):
    articles = [Article(f"a{k}", t) for k, t in enumerate(texts)]
    assert [d for d in find_discrepancies(articles) if d.kind == "role"] == []


def test_holders_of_one_countrys_office_still_differ():
    a = Article("a", "The delegation includes Russian Deputy Prime Minister Denis Manturov.")
    b = Article("b", "It includes Russian Deputy Prime Minister Alexander Novak, the energy man.")
    c = Article("c", "U.S. Secretary of State John Kerry flew to Kiev.")
    d = Article("d", "U.S. Secretary of State Hillary Clinton flew to Kiev.")
    found = [(x.key, [s.value for s in x.sides]) for x in find_discrepancies([a, b, c, d]) if x.kind == "role"]
    assert found == [("deputy prime minister", ["Denis Manturov", "Alexander Novak"]),
                     ("secretary of state", ["John Kerry", "Hillary Clinton"])]
