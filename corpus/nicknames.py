"""Nicknames people ask by: "What did Dubya say about Iraq?" is George W. Bush speaking.

A typed name that names no speaker may be a nickname the press and the public use for one
(``SpeakerRegistry.people``). Each maps to the person's name as people write it, which the
registry then reads like any typed name, so a nickname names someone only in a corpus where
that person speaks. The list is general knowledge, not the corpus's: it was compiled for
people who addressed the UN General Assembly's general debate, by a writer who never saw the
evaluation questions (``tests/quality``), and pruned to nicknames that name one person only.
Left out: plain first names and surnames (the registry reads those), pejoratives, single
letters and two-letter initials ("W.", "KK": too easily something else), names two people
share ("Mr. Nyet", Gromyko and Molotov; "Super Mario", Draghi and Monti) and words in
ordinary use ("the crocodile"; "ADO", Ouattara, is "ado").
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["NICKNAMES"]

NICKNAMES: Mapping[str, str] = MappingProxyType(
    {
        # The Americas
        "JFK": "John F. Kennedy",
        "Ike": "Dwight D. Eisenhower",
        "The Gipper": "Ronald Reagan",
        "Bush 41": "George H. W. Bush",
        "Bush 43": "George W. Bush",
        "Dubya": "George W. Bush",
        "The Donald": "Donald Trump",
        "Condi": "Condoleezza Rice",
        "Mike Pearson": "Lester B. Pearson",
        "Lula": "Luiz Inácio Lula da Silva",
        "Che": "Ernesto Guevara",
        "Fidel": "Fidel Castro",
        "AMLO": "Andrés Manuel López Obrador",
        "CFK": "Cristina Fernández de Kirchner",
        "PPK": "Pedro Pablo Kuczynski",
        "FHC": "Fernando Henrique Cardoso",
        "Goni": "Gonzalo Sánchez de Lozada",
        "Pepe Mujica": "José Mujica",
        "Mel Zelaya": "Manuel Zelaya",
        "Titid": "Jean-Bertrand Aristide",
        "Sweet Micky": "Michel Martelly",
        # Europe and the Pacific
        "Supermac": "Harold Macmillan",
        "BoJo": "Boris Johnson",
        "Sarko": "Nicolas Sarkozy",
        "Mutti": "Angela Merkel",
        "Il Cavaliere": "Silvio Berlusconi",
        "Doc Evatt": "H. V. Evatt",
        "ScoMo": "Scott Morrison",
        # The Middle East
        "Bibi": "Benjamin Netanyahu",
        "Abu Ammar": "Yasser Arafat",
        "Abu Mazen": "Mahmoud Abbas",
        "HBJ": "Hamad bin Jassim bin Jaber Al Thani",
        "MBN": "Mohammed bin Nayef",
        # Asia
        "NaMo": "Narendra Modi",
        "Bangabandhu": "Sheikh Mujibur Rahman",
        "Sheikh Mujib": "Sheikh Mujibur Rahman",
        "CBK": "Chandrika Bandaranaike Kumaratunga",
        "Gota": "Gotabaya Rajapaksa",
        "Prachanda": "Pushpa Kamal Dahal",
        "Pak Lah": "Abdullah Ahmad Badawi",
        "SBY": "Susilo Bambang Yudhoyono",
        "Jokowi": "Joko Widodo",
        "Noynoy": "Benigno Aquino III",
        "PNoy": "Benigno Aquino III",
        "Bongbong": "Ferdinand Marcos Jr.",
        "BBM": "Ferdinand Marcos Jr.",
        "Digong": "Rodrigo Duterte",
        # Africa
        "Madiba": "Nelson Mandela",
        "Mwalimu": "Julius Nyerere",
        "Osagyefo": "Kwame Nkrumah",
        "OBJ": "Olusegun Obasanjo",
        "IBB": "Ibrahim Babangida",
        "GEJ": "Goodluck Jonathan",
        "Farmaajo": "Mohamed Abdullahi Mohamed",
        "IBK": "Ibrahim Boubacar Keïta",
        "Mama Africa": "Miriam Makeba",
    }
)
