"""Word lists the name and speech heuristics rely on, all folded (see :func:`corpus.text.fold`).

Kept as whitespace-separated strings: a list literal of several hundred words, one a line,
would bury the code that uses them.
"""

from __future__ import annotations

__all__ = ["COUNTRY_WORDS", "LEADING_NON_NAMES", "NOT_NAMES", "TITLE_WORDS"]

# Words that make up titles, offices and institutions in front of a name ("State Councilor and
# Minister of Foreign Affairs Wang Yi", "President of the 77th Session of the United Nations
# General Assembly Csaba Kőrösi"). A name is what follows the last of them.
TITLE_WORDS = frozenset(
    """
    president vice minister ministers prime premier foreign affairs state councilor councillor
    secretary secretary-general general deputy assistant under-secretary undersecretary
    ambassador envoy special representative permanent spokesperson spokesman spokeswoman
    chairman chairwoman chair chairperson director director-general head chief commissioner
    king queen prince princess emperor sultan emir sheikh his her excellency majesty highness
    holiness pope sovereign royal mr mr. mrs mrs. ms ms. dr dr. miss mme madame sir lord lady
    h.e. he.
    professor prof prof. senator governor mayor chancellor delegate delegation leader leaders
    member members assembly session council nations united security organization organisation
    ministry committee commission union republic people's peoples office department government
    party central cpc communist national congress standing federal democratic kingdom states
    chinese american russian british french german japanese indian korean vietnamese african
    european asian arab israeli palestinian iranian turkish ukrainian un u.n. unsc unga eu
    asean brics sco who wto imf nato g20 g7 the of and for to on in at by with news service
    xinhua agency
    """.split()  # noqa: SIM905
)

# Capitalised words that are not (part of) a person's name: "the United Nations Charter",
# "Cuban Governments", "Nuclear Weapons".
NOT_NAMES = frozenset(
    """
    charter resolution declaration agenda conference summit initiative initiatives treaty
    convention day year fund programme program goals goal development forum group bank court
    sea ocean north south east west middle near far central community market area zone council
    assembly session organization organisation system order principles principle government
    governments administration office house palace hall building city state states mission
    missions plan report vision strategy framework road belt silk pact accord accords agreement
    agreements protocol act law laws constitution peace war covid-19 weapons powers power people
    peoples forces members countries nations delegations representatives leaders parties
    movement front army council committee institute university church party i times ssr
    on in of for at by and the this that these those his her its their our we it they
    """.split()  # noqa: SIM905
)

# Capitalised words that open a clause rather than a name: "As I said", "When Georgia
# stated", "But Mr. X noted" (the subject of a subordinate clause is quoted, not speaking).
LEADING_NON_NAMES = frozenset(
    """
    as but when while what whatever if because since although though where who which that
    this these those it we they i you our my their his her in on at for with by from to of
    then thus hence also indeed today here there now recently yesterday last next and so yet
    after before during once unless until like unlike just even only both all each every
    """.split()  # noqa: SIM905
)

# Words of country and place names: a subject made of them is a state, not a person
# ("Sierra Leone said", "Costa Rica stressed").
COUNTRY_WORDS = frozenset(
    """
    afghanistan albania algeria andorra angola antigua barbuda argentina armenia australia
    austria azerbaijan bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan
    bolivia bosnia herzegovina botswana brazil brunei darussalam bulgaria burkina faso burundi
    cabo verde cambodia cameroon canada central african chad chile china colombia comoros congo
    costa rica cote d'ivoire côte croatia cuba cyprus czechia czech denmark djibouti dominica
    dominican ecuador egypt el salvador equatorial guinea eritrea estonia eswatini ethiopia fiji
    finland france gabon gambia georgia germany ghana greece grenada guatemala guinea-bissau
    guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica
    japan jordan kazakhstan kenya kiribati korea kuwait kyrgyzstan lao lebanon lesotho liberia
    libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta
    marshall mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco
    mozambique myanmar namibia nauru nepal netherlands zealand nicaragua niger nigeria
    macedonia norway oman pakistan palau panama papua paraguay peru philippines poland portugal
    qatar romania russia russian rwanda saint kitts nevis lucia vincent grenadines samoa marino
    sao tome principe saudi arabia senegal serbia seychelles sierra leone singapore slovakia
    slovenia solomon somalia sudan spain sri lanka suriname sweden switzerland syria
    tajikistan tanzania thailand timor-leste togo tonga trinidad tobago tunisia turkey türkiye
    turkmenistan tuvalu uganda ukraine emirates kingdom britain america uruguay uzbekistan
    vanuatu venezuela viet nam vietnam yemen zambia zimbabwe palestine holy see vatican taiwan
    kosovo yugoslavia czechoslovakia ussr soviet zaire burma ceylon rhodesia africa asia europe
    americas caribbean pacific arctic antarctica islands island republic states union
    government ministry council assembly parliament congress secretariat organization beijing
    washington moscow london paris tokyo geneva york brussels new delhi
    """.split()  # noqa: SIM905
)
