"""Synthetic multilingual news corpus for ingest benchmarks.

    python benchmarks/corpus_gen.py OUT_DIR --docs 10000 --seed 7

Writes a folder of news-like inputs about the Russia-Ukraine war in English, French,
German, Russian and Ukrainian, deterministic for (docs, seed, generator version):

- ``text/``  plain .txt articles, some with page leftovers (READ ALSO, PREV/NEXT links
  with a date, comment counters, hashtag and share lines), some hard-wrapped, a few
  Russian/Ukrainian ones in windows-1251;
- ``html/``  full pages (head metadata incl. ``article:published_time``, nav, sidebar,
  footer, scripts) around the article;
- ``jsonl/`` dumps of many records each (title, text, url, date, outlet, language);
- ``feeds/`` one or two RSS 2.0 files with HTML ``content:encoded`` bodies;
- about 5 % near-duplicate syndicated copies (same body, new headline, added credit
  line, usually another outlet and format) and about 0.5 % bad inputs (empty files,
  binary bytes, malformed JSON lines).

Every sentence comes from the templates below (written for this benchmark); slots take
places, actors, dates and figures, ``[a|b|c]`` picks one variant, so texts differ while
staying on topic. ``manifest.json`` records what was generated and what an ingest should
report (ingested, duplicates, rejected).
"""

from __future__ import annotations

import argparse
import hashlib
import html as htmlmod
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from random import Random

GENERATOR_VERSION = "1"
LANGS = ("en", "fr", "de", "ru", "uk")
LANG_WEIGHTS = (0.30, 0.15, 0.15, 0.20, 0.20)
# share of documents (not files) per input form
FORM_WEIGHTS = {"text": 0.36, "html": 0.26, "jsonl": 0.34, "feed": 0.04}
DUP_SHARE = 0.05
BAD_SHARE = 0.005
START, END = date(2024, 8, 6), date(2025, 10, 31)

# --------------------------------------------------------------------------------------
# Vocabulary. Places: (key, nominative, "in X", "near X", genitive/"of X").
# --------------------------------------------------------------------------------------
PLACES = {
    "en": [
        ("kursk", "Kursk", "in the Kursk region", "near Kursk", "Kursk"),
        ("sudzha", "Sudzha", "in Sudzha", "near Sudzha", "Sudzha"),
        ("pokrovsk", "Pokrovsk", "in Pokrovsk", "near Pokrovsk", "Pokrovsk"),
        ("toretsk", "Toretsk", "in Toretsk", "near Toretsk", "Toretsk"),
        ("kurakhove", "Kurakhove", "in Kurakhove", "near Kurakhove", "Kurakhove"),
        ("chasivyar", "Chasiv Yar", "in Chasiv Yar", "near Chasiv Yar", "Chasiv Yar"),
        ("vovchansk", "Vovchansk", "in Vovchansk", "near Vovchansk", "Vovchansk"),
        ("kupiansk", "Kupiansk", "in Kupiansk", "near Kupiansk", "Kupiansk"),
        ("myrnohrad", "Myrnohrad", "in Myrnohrad", "near Myrnohrad", "Myrnohrad"),
        ("novosilka", "Velyka Novosilka", "in Velyka Novosilka", "near Velyka Novosilka", "Velyka Novosilka"),
        ("korenevo", "Korenevo", "in Korenevo", "near Korenevo", "Korenevo"),
        ("bakhmut", "Bakhmut", "in Bakhmut", "near Bakhmut", "Bakhmut"),
    ],
    "fr": [
        ("kursk", "Koursk", "dans la région de Koursk", "près de Koursk", "Koursk"),
        ("sudzha", "Soudja", "à Soudja", "près de Soudja", "Soudja"),
        ("pokrovsk", "Pokrovsk", "à Pokrovsk", "près de Pokrovsk", "Pokrovsk"),
        ("toretsk", "Toretsk", "à Toretsk", "près de Toretsk", "Toretsk"),
        ("kurakhove", "Kourakhové", "à Kourakhové", "près de Kourakhové", "Kourakhové"),
        ("chasivyar", "Tchassiv Iar", "à Tchassiv Iar", "près de Tchassiv Iar", "Tchassiv Iar"),
        ("vovchansk", "Vovtchansk", "à Vovtchansk", "près de Vovtchansk", "Vovtchansk"),
        ("kupiansk", "Koupiansk", "à Koupiansk", "près de Koupiansk", "Koupiansk"),
        ("myrnohrad", "Myrnohrad", "à Myrnohrad", "près de Myrnohrad", "Myrnohrad"),
        ("novosilka", "Velyka Novosilka", "à Velyka Novosilka", "près de Velyka Novosilka", "Velyka Novosilka"),
        ("korenevo", "Korenevo", "à Korenevo", "près de Korenevo", "Korenevo"),
        ("bakhmut", "Bakhmout", "à Bakhmout", "près de Bakhmout", "Bakhmout"),
    ],
    "de": [
        ("kursk", "Kursk", "im Gebiet Kursk", "bei Kursk", "Kursk"),
        ("sudzha", "Sudscha", "in Sudscha", "bei Sudscha", "Sudscha"),
        ("pokrovsk", "Pokrowsk", "in Pokrowsk", "bei Pokrowsk", "Pokrowsk"),
        ("toretsk", "Torezk", "in Torezk", "bei Torezk", "Torezk"),
        ("kurakhove", "Kurachowe", "in Kurachowe", "bei Kurachowe", "Kurachowe"),
        ("chasivyar", "Tschassiw Jar", "in Tschassiw Jar", "bei Tschassiw Jar", "Tschassiw Jar"),
        ("vovchansk", "Wowtschansk", "in Wowtschansk", "bei Wowtschansk", "Wowtschansk"),
        ("kupiansk", "Kupjansk", "in Kupjansk", "bei Kupjansk", "Kupjansk"),
        ("myrnohrad", "Myrnohrad", "in Myrnohrad", "bei Myrnohrad", "Myrnohrad"),
        ("novosilka", "Welyka Nowosilka", "in Welyka Nowosilka", "bei Welyka Nowosilka", "Welyka Nowosilka"),
        ("korenevo", "Korenewo", "in Korenewo", "bei Korenewo", "Korenewo"),
        ("bakhmut", "Bachmut", "in Bachmut", "bei Bachmut", "Bachmut"),
    ],
    "ru": [
        ("kursk", "Курск", "в Курской области", "под Курском", "Курска"),
        ("sudzha", "Суджа", "в Судже", "под Суджей", "Суджи"),
        ("pokrovsk", "Покровск", "в Покровске", "под Покровском", "Покровска"),
        ("toretsk", "Торецк", "в Торецке", "под Торецком", "Торецка"),
        ("kurakhove", "Курахово", "в Курахово", "под Курахово", "Курахово"),
        ("chasivyar", "Часов Яр", "в Часовом Яре", "под Часовым Яром", "Часова Яра"),
        ("vovchansk", "Волчанск", "в Волчанске", "под Волчанском", "Волчанска"),
        ("kupiansk", "Купянск", "в Купянске", "под Купянском", "Купянска"),
        ("myrnohrad", "Мирноград", "в Мирнограде", "под Мирноградом", "Мирнограда"),
        ("novosilka", "Великая Новоселка", "в Великой Новоселке", "под Великой Новоселкой", "Великой Новоселки"),
        ("korenevo", "Коренево", "в Коренево", "под Коренево", "Коренево"),
        ("bakhmut", "Бахмут", "в Бахмуте", "под Бахмутом", "Бахмута"),
    ],
    "uk": [
        ("kursk", "Курськ", "на Курщині", "під Курськом", "Курська"),
        ("sudzha", "Суджа", "у Суджі", "під Суджею", "Суджі"),
        ("pokrovsk", "Покровськ", "у Покровську", "під Покровськом", "Покровська"),
        ("toretsk", "Торецьк", "у Торецьку", "під Торецьком", "Торецька"),
        ("kurakhove", "Курахове", "у Кураховому", "під Кураховим", "Курахового"),
        ("chasivyar", "Часів Яр", "у Часовому Яру", "під Часовим Яром", "Часового Яру"),
        ("vovchansk", "Вовчанськ", "у Вовчанську", "під Вовчанськом", "Вовчанська"),
        ("kupiansk", "Куп'янськ", "у Куп'янську", "під Куп'янськом", "Куп'янська"),
        ("myrnohrad", "Мирноград", "у Мирнограді", "під Мирноградом", "Мирнограда"),
        ("novosilka", "Велика Новосілка", "у Великій Новосілці", "під Великою Новосілкою", "Великої Новосілки"),
        ("korenevo", "Коренево", "у Кореневому", "під Кореневим", "Коренева"),
        ("bakhmut", "Бахмут", "у Бахмуті", "під Бахмутом", "Бахмута"),
    ],
}
# Institutions: (subject, "according to ...", short name for headlines, possessive (de))
ACTORS = {
    "en": [
        ("Russia's defence ministry", "according to Russia's defence ministry", "Moscow", "its"),
        ("Ukraine's General Staff", "according to Ukraine's General Staff", "Kyiv", "its"),
        ("the Ukrainian army", "according to the Ukrainian army", "Kyiv", "its"),
        ("the Russian army", "according to the Russian army", "Moscow", "its"),
        ("the regional governor", "according to the regional governor", "governor", "his"),
    ],
    "fr": [
        ("le ministère russe de la Défense", "selon le ministère russe de la Défense", "Moscou", "ses"),
        ("l'état-major ukrainien", "selon l'état-major ukrainien", "Kyiv", "ses"),
        ("l'armée ukrainienne", "selon l'armée ukrainienne", "Kyiv", "ses"),
        ("l'armée russe", "selon l'armée russe", "Moscou", "ses"),
        ("le gouverneur régional", "selon le gouverneur régional", "le gouverneur", "ses"),
    ],
    "de": [
        ("das russische Verteidigungsministerium", "nach Angaben des russischen Verteidigungsministeriums", "Moskau", "seine"),
        ("der ukrainische Generalstab", "nach Angaben des ukrainischen Generalstabs", "Kiew", "seine"),
        ("die ukrainische Armee", "nach Angaben der ukrainischen Armee", "Kiew", "ihre"),
        ("die russische Armee", "nach Angaben der russischen Armee", "Moskau", "ihre"),
        ("der Gouverneur der Region", "nach Angaben des Gouverneurs der Region", "Gouverneur", "seine"),
    ],
    "ru": [
        ("Минобороны России", "по данным Минобороны России", "Минобороны", ""),
        ("Генштаб ВСУ", "по данным Генштаба ВСУ", "Генштаб ВСУ", ""),
        ("украинская армия", "по данным украинской армии", "ВСУ", ""),
        ("российская армия", "по данным российской армии", "Минобороны", ""),
        ("губернатор области", "по данным губернатора области", "губернатор", ""),
    ],
    "uk": [
        ("Міноборони Росії", "за даними Міноборони Росії", "Міноборони РФ", ""),
        ("Генштаб ЗСУ", "за даними Генштабу ЗСУ", "Генштаб", ""),
        ("українська армія", "за даними української армії", "ЗСУ", ""),
        ("російська армія", "за даними російської армії", "Міноборони РФ", ""),
        ("губернатор області", "за даними губернатора області", "губернатор", ""),
    ],
}
# People: (subject, "according to"-form, short name). All male, so past-tense verbs agree.
PEOPLE = {
    "en": [
        ("Volodymyr Zelensky", "Zelensky", "Zelensky"),
        ("Kremlin spokesman Dmitry Peskov", "Peskov", "Peskov"),
        ("Ukraine's commander-in-chief Oleksandr Syrskyi", "Syrskyi", "Syrskyi"),
        ("Russian Defence Minister Andrei Belousov", "Belousov", "Belousov"),
        ("Russia's chief of the general staff Valery Gerasimov", "Gerasimov", "Gerasimov"),
    ],
    "fr": [
        ("Volodymyr Zelensky", "Volodymyr Zelensky", "Zelensky"),
        ("le porte-parole du Kremlin Dmitri Peskov", "Dmitri Peskov", "Peskov"),
        ("le commandant en chef ukrainien Oleksandr Syrsky", "Oleksandr Syrsky", "Syrsky"),
        ("le ministre russe de la Défense Andreï Belooussov", "Andreï Belooussov", "Belooussov"),
        ("le chef d'état-major russe Valeri Guerassimov", "Valeri Guerassimov", "Guerassimov"),
    ],
    "de": [
        ("Wolodymyr Selenskyj", "Selenskyj", "Selenskyj"),
        ("Kremlsprecher Dmitri Peskow", "Kremlsprecher Peskow", "Peskow"),
        ("der ukrainische Oberbefehlshaber Olexander Syrskyj", "Oberbefehlshaber Syrskyj", "Syrskyj"),
        ("der russische Verteidigungsminister Andrej Beloussow", "Verteidigungsminister Beloussow", "Beloussow"),
        ("Generalstabschef Waleri Gerassimow", "Generalstabschef Gerassimow", "Gerassimow"),
    ],
    "ru": [
        ("Владимир Зеленский", "Владимира Зеленского", "Зеленский"),
        ("пресс-секретарь Кремля Дмитрий Песков", "пресс-секретаря Кремля Дмитрия Пескова", "Песков"),
        ("главнокомандующий ВСУ Александр Сырский", "главнокомандующего ВСУ Александра Сырского", "Сырский"),
        ("министр обороны России Андрей Белоусов", "министра обороны России Андрея Белоусова", "Белоусов"),
        ("начальник Генштаба Валерий Герасимов", "начальника Генштаба Валерия Герасимова", "Герасимов"),
    ],
    "uk": [
        ("Володимир Зеленський", "Володимира Зеленського", "Зеленський"),
        ("речник Кремля Дмитро Пєсков", "речника Кремля Дмитра Пєскова", "Пєсков"),
        ("головнокомандувач ЗСУ Олександр Сирський", "головнокомандувача ЗСУ Олександра Сирського", "Сирський"),
        ("міністр оборони Росії Андрій Бєлоусов", "міністра оборони Росії Андрія Бєлоусова", "Бєлоусов"),
        ("начальник Генштабу РФ Валерій Герасимов", "начальника Генштабу РФ Валерія Герасимова", "Герасимов"),
    ],
}
MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(),
    "uk": "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня".split(),
}
WEEKDAYS = {  # "on <weekday>", Monday first
    "en": ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "de": ["am Montag", "am Dienstag", "am Mittwoch", "am Donnerstag", "am Freitag", "am Samstag", "am Sonntag"],
    "ru": ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу", "в воскресенье"],
    "uk": ["у понеділок", "у вівторок", "у середу", "у четвер", "у п'ятницю", "у суботу", "у неділю"],
}
PREFIXES = {
    "en": ["Meanwhile, ", "At the same time, ", "Separately, ", "On the ground, "],
    "fr": ["Par ailleurs, ", "Dans le même temps, ", "Sur le terrain, "],
    "de": [],  # German verb-second order makes a fronted adverb change the sentence
    "ru": ["Тем временем ", "Кроме того, ", "Между тем "],
    "uk": ["Тим часом ", "Крім того, ", "Водночас "],
}

# --------------------------------------------------------------------------------------
# Sentence templates. Slots: {p} {p_in} {p_near} {p_gen} (a place), {q} {q_gen} (another),
# {actor} {according} {person} {person_acc} {person_short}, {date} {date_bare} {weekday},
# figures {km} {km2} {soldiers} {pct} {villages} {drones} {drones2} {civilians} {tanks}
# {vehicles} {days} {attacks} {attacks2} {households} {population} {killed} {wounded}.
# The first letter is capitalised after filling.
# --------------------------------------------------------------------------------------
SENTENCES = {
    "en": [
        "{according}, Russian forces [advanced|moved forward|pushed ahead] about {km} kilometres {p_near} {weekday}.",
        "{actor} said {date} that {poss} units had [taken control of|captured|seized] {villages} [villages|settlements] {p_in}.",
        "Ukrainian troops [still hold|continue to hold|control] roughly {km2} square kilometres {p_in}, {according}.",
        "{person} said the situation {p_near} [remained difficult|was tense|was extremely difficult] but [under control|stable|manageable].",
        "[according to|citing] {person_acc}, about {soldiers} soldiers [were involved in|took part in|were deployed for] the [operation|offensive|counter-attack].",
        "fighting {p_near} [intensified|escalated|flared up again] {date}, with both sides reporting [heavy|significant|serious] losses.",
        "the Russian side [claimed|asserted|said] that {pct} percent of {p} was now under its control, a figure Kyiv [disputed|rejected|called false].",
        "{actor} reported that {drones} drones had been shot down overnight, {drones2} of them {p_near}.",
        "local authorities said {civilians} residents had been evacuated from {p} since {date_bare}.",
        "satellite images [reviewed|analysed|examined] by [analysts|researchers|independent experts] showed new [trenches|fortifications|defensive lines] about {km} km [north|south|east|west] of {p}.",
        "[the claim|this report|the statement] could not be independently verified.",
        "{person} told reporters {weekday} that [negotiations were|talks were|a ceasefire was] not on the agenda.",
        "[military bloggers|Russian war correspondents|Ukrainian soldiers] [wrote|reported|said] that the road between {p} and {q} was under [constant|daily|heavy] fire.",
        "{actor} [did not comment|declined to comment|has not commented] on the [report|claims|footage].",
        "over the past [week|ten days|fortnight], the front line {p_near} [shifted|moved] by about {km} kilometres, according to open-source maps.",
        "Ukraine [launched|began] its cross-border incursion into the Kursk region on 6 August 2024.",
        "officials [estimated|said] that up to {pct} percent of the buildings {p_in} had been [damaged|destroyed or damaged].",
        "{actor} said {poss} forces had destroyed {tanks} tanks and {vehicles} armoured vehicles {p_near} [over|in] {days} days.",
        "the General Staff counted {attacks} Russian [assaults|attacks] [in the area of|around] {p} on {date_bare}.",
        "power was [cut|lost] to about {households} households after a strike on an energy facility {p_near}.",
        "{person} [said|stressed|insisted] {date} that the [offensive|operation|defence] {p_in} was going [according to plan|as expected].",
        "casualty figures [from both sides|published by either side] are [often|usually] [inflated|exaggerated] and rarely [confirmed|verified].",
        "[roughly|about|nearly] {soldiers} Russian soldiers [are|were] [concentrated|massed|deployed] {p_near}, {according}.",
        "before the war, {p} had a population of about {population}.",
        "{according}, Ukrainian units [repelled|beat back|stopped] {attacks2} attacks {p_near} {weekday}.",
        "[analysts|observers|experts] [say|believe|note] that the [fall|loss|capture] of {p} would [open|clear] the way towards {q}.",
        "{person} [described|called] the [situation|fighting] {p_near} as \"[the hottest spot on the front|extremely tense|the main priority]\".",
        "at least {killed} civilians were killed and {wounded} wounded {p_in} {date}, {according}.",
    ],
    "fr": [
        "{according}, les forces russes ont [avancé|progressé] d'environ {km} kilomètres {p_near} {weekday}.",
        "{actor} a [affirmé|annoncé|déclaré] {date} que ses unités avaient pris le contrôle de {villages} [villages|localités] {p_in}.",
        "les troupes ukrainiennes [contrôlent encore|tiennent toujours] environ {km2} km² {p_in}, {according}.",
        "{person} a [déclaré|estimé|assuré] que la situation {p_near} restait [difficile|tendue|très difficile] mais [sous contrôle|stable].",
        "selon {person_acc}, quelque {soldiers} soldats [ont participé à|étaient engagés dans] [l'opération|l'offensive|la contre-attaque].",
        "les combats {p_near} se sont [intensifiés|durcis] {date}, les deux camps faisant état [de lourdes|d'importantes] pertes.",
        "la partie russe [affirme|assure|prétend] contrôler désormais {pct} % de {p}, un chiffre [contesté|démenti|rejeté] par Kyiv.",
        "{actor} a [fait état de|signalé] {drones} drones abattus dans la nuit, dont {drones2} {p_near}.",
        "les autorités locales ont indiqué que {civilians} habitants avaient été évacués de {p} depuis le {date_bare}.",
        "des images satellites [analysées|examinées] par des [experts|chercheurs] montrent de nouvelles [tranchées|fortifications] à environ {km} km au [nord|sud|nord-est|sud-ouest] de {p}.",
        "[cette affirmation|cette information] n'a pas pu être vérifiée de source indépendante.",
        "ce bilan n'a pas pu être confirmé de manière indépendante.",
        "{person} a [dit|indiqué] aux journalistes {weekday} [que des négociations n'étaient|qu'un cessez-le-feu n'était] pas à l'ordre du jour.",
        "[des blogueurs militaires russes|des correspondants de guerre|des soldats ukrainiens] [affirment|rapportent] que la route entre {p} et {q} est [constamment|quotidiennement] sous le feu.",
        "{actor} n'a pas [commenté|réagi à] [ces informations|ces images].",
        "en [une semaine|dix jours|deux semaines], la ligne de front {p_near} s'est déplacée d'environ {km} kilomètres, selon des cartes en sources ouvertes.",
        "l'Ukraine a lancé son incursion dans la région de Koursk le 6 août 2024.",
        "selon les autorités, jusqu'à {pct} % des bâtiments {p_in} ont été [endommagés|détruits ou endommagés].",
        "{actor} [affirme|assure] avoir détruit {tanks} chars et {vehicles} véhicules blindés {p_near} en {days} jours.",
        "l'état-major ukrainien a recensé {attacks} assauts russes autour de {p} le {date_bare}.",
        "environ {households} foyers ont été privés d'électricité après une frappe sur une installation énergétique {p_near}.",
        "{person} a assuré {date} que [l'offensive|l'opération] {p_in} se déroulait [comme prévu|conformément au plan].",
        "les bilans publiés par les deux camps sont [souvent|généralement] [gonflés|exagérés] et rarement [confirmés|vérifiés].",
        "[environ|près de|quelque] {soldiers} soldats russes seraient [concentrés|massés|déployés] {p_near}, {according}.",
        "avant la guerre, {p} comptait environ {population} habitants.",
        "{according}, les unités ukrainiennes ont [repoussé|stoppé] {attacks2} attaques {p_near} {weekday}.",
        "[pour les analystes|selon des observateurs|selon plusieurs experts], la [chute|perte|prise] de {p} ouvrirait la voie vers {q}.",
        "au moins {killed} civils ont été tués et {wounded} blessés {p_in} {date}, {according}.",
    ],
    "de": [
        "{according} sind russische Truppen {weekday} {p_near} um etwa {km} Kilometer [vorgerückt|vorgestoßen].",
        "{actor} [teilte {date} mit|gab {date} bekannt], dass {poss} Einheiten {villages} [Dörfer|Ortschaften] {p_in} eingenommen hätten.",
        "ukrainische Truppen kontrollieren {according} noch etwa {km2} Quadratkilometer {p_in}.",
        "{person} [sagte|erklärte], die Lage {p_near} sei [schwierig|angespannt|äußerst schwierig], aber unter Kontrolle.",
        "laut {person_acc} waren rund {soldiers} Soldaten an der [Operation|Offensive|Gegenoffensive] beteiligt.",
        "die Kämpfe {p_near} haben sich {date} [verschärft|intensiviert]; beide Seiten meldeten [schwere|hohe] Verluste.",
        "die russische Seite [behauptet|erklärt], inzwischen {pct} Prozent von {p} zu kontrollieren, was Kiew [bestreitet|zurückweist].",
        "{actor} meldete {drones} abgeschossene Drohnen in der Nacht, davon {drones2} {p_near}.",
        "die örtlichen Behörden [teilten mit|erklärten], seit dem {date_bare} seien {civilians} Einwohner aus {p} evakuiert worden.",
        "Satellitenbilder, die von [Analysten|Fachleuten|Experten] ausgewertet wurden, zeigen neue [Schützengräben|Befestigungen|Verteidigungslinien] etwa {km} Kilometer [nördlich|südlich|östlich|westlich] von {p}.",
        "die Angaben ließen sich [nicht unabhängig überprüfen|zunächst nicht unabhängig bestätigen].",
        "{person} sagte {weekday} vor Journalisten, [Verhandlungen stünden|eine Waffenruhe stehe] derzeit nicht auf der Tagesordnung.",
        "[russische Militärblogger|Kriegsreporter|ukrainische Soldaten] berichten, die Straße zwischen {p} und {q} liege unter [ständigem|täglichem|schwerem] Beschuss.",
        "{actor} äußerte sich [zunächst nicht|nicht] zu den [Berichten|Aufnahmen|Vorwürfen].",
        "innerhalb [einer Woche|von zehn Tagen|von zwei Wochen] hat sich die Frontlinie {p_near} nach Open-Source-Karten um etwa {km} Kilometer verschoben.",
        "die Ukraine hatte ihren Vorstoß in das russische Gebiet Kursk am 6. August 2024 begonnen.",
        "nach Angaben der Behörden wurden bis zu {pct} Prozent der Gebäude {p_in} [beschädigt|zerstört oder beschädigt].",
        "{actor} erklärte, binnen {days} Tagen {tanks} Panzer und {vehicles} gepanzerte Fahrzeuge {p_near} zerstört zu haben.",
        "der ukrainische Generalstab zählte am {date_bare} {attacks} russische [Angriffe|Sturmangriffe] im Raum {p}.",
        "nach einem Angriff auf eine Energieanlage {p_near} waren rund {households} Haushalte ohne Strom.",
        "{person} versicherte {date}, die [Offensive|Operation] {p_in} verlaufe [nach Plan|planmäßig].",
        "Verlustzahlen beider Seiten sind [oft|meist] [übertrieben|überhöht] und werden selten [bestätigt|überprüft].",
        "{according} sind [rund|etwa|fast] {soldiers} russische Soldaten {p_near} [zusammengezogen|konzentriert] worden.",
        "vor dem Krieg hatte {p} rund {population} Einwohner.",
        "{according} wehrten ukrainische Einheiten {weekday} {attacks2} Angriffe {p_near} ab.",
        "[Analysten|Beobachter|Experten] [meinen|glauben|betonen], ein [Fall|Verlust] von {p} würde den Weg nach {q} öffnen.",
        "mindestens {killed} Zivilisten wurden {date} {p_in} getötet und {wounded} verletzt.",
        "{person} bezeichnete die Lage {p_near} als „[äußerst angespannt|den heißesten Abschnitt der Front|oberste Priorität]“.",
    ],
    "ru": [
        "{according}, российские войска {weekday} продвинулись {p_near} примерно на {km} км.",
        "{actor} [сообщает|утверждает], что {date} подразделения [взяли под контроль|заняли] {villages} населённых пунктов {p_in}.",
        "украинские войска [по-прежнему контролируют|всё ещё удерживают] около {km2} кв. км {p_in}, {according}.",
        "{person} заявил, что ситуация {p_near} остаётся [сложной|напряжённой|очень тяжёлой], но [под контролем|стабильной].",
        "по словам {person_acc}, в [операции|наступлении|контрнаступлении] участвовали около {soldiers} военнослужащих.",
        "{date} бои {p_near} [усилились|обострились], обе стороны сообщают о [тяжёлых|значительных] потерях.",
        "российская сторона [утверждает|заявляет], что контролирует уже {pct}% территории {p_gen}, в Киеве эти данные [опровергают|отрицают].",
        "{actor} сообщает о {drones} сбитых за ночь беспилотниках, из них {drones2} — {p_near}.",
        "по словам местных властей, с {date_bare} из {p_gen} эвакуированы {civilians} жителей.",
        "на спутниковых снимках, изученных [аналитиками|экспертами|исследователями], видны новые [траншеи|укрепления|линии обороны] примерно в {km} км [севернее|южнее|восточнее|западнее] {p_gen}.",
        "[эти данные|это заявление|эту информацию] не удалось [независимо проверить|проверить по независимым источникам].",
        "{person} {weekday} заявил журналистам, что [переговоры не стоят|перемирие не стоит] на повестке дня.",
        "[военные блогеры|военкоры|украинские военные] [пишут|сообщают], что трасса {p} — {q} находится под [постоянным|ежедневным|плотным] обстрелом.",
        "{actor} пока не комментирует эти [сообщения|кадры|данные].",
        "за [неделю|десять дней|две недели] линия фронта {p_near} сдвинулась примерно на {km} км, следует из карт на основе открытых данных.",
        "Украина начала вторжение в Курскую область 6 августа 2024 года.",
        "по оценкам властей, повреждены до {pct}% зданий {p_in}.",
        "{actor} [сообщает|утверждает], что за {days} дней {p_near} уничтожено {tanks} танков и {vehicles} бронемашин.",
        "Генштаб ВСУ насчитал {attacks} атак в районе {p_gen} {date}.",
        "около {households} домохозяйств остались без света после удара по энергообъекту {p_near}.",
        "{person} {date} заявил, что [наступление|операция] {p_in} [идёт|проходит] по плану.",
        "данные о потерях, которые публикуют стороны, [часто|как правило] [завышены|преувеличены] и редко подтверждаются.",
        "{according}, {p_near} сосредоточено [около|почти|порядка] {soldiers} российских военнослужащих.",
        "до войны {p_in} проживало около {population} человек.",
        "{according}, {weekday} украинские подразделения отразили {attacks2} атак {p_near}.",
        "[аналитики|наблюдатели|эксперты] [считают|полагают], что [падение|потеря] {p_gen} [откроет дорогу дальше на запад|осложнит снабжение всего участка фронта].",
        "{date} {p_in} погибли по меньшей мере {killed} мирных жителей, ещё {wounded} получили ранения, {according}.",
        "{person} назвал ситуацию {p_near} «[крайне напряжённой|самым горячим участком фронта|главным приоритетом]».",
    ],
    "uk": [
        "{according}, російські війська {weekday} просунулися {p_near} приблизно на {km} км.",
        "{actor} [повідомляє|стверджує], що {date} підрозділи [взяли під контроль|зайняли] {villages} населених пунктів {p_in}.",
        "українські війська [досі контролюють|утримують] близько {km2} кв. км {p_in}, {according}.",
        "{person} заявив, що ситуація {p_near} залишається [складною|напруженою|дуже важкою], але [під контролем|стабільною].",
        "за словами {person_acc}, в [операції|наступі|контрнаступі] брали участь близько {soldiers} військовослужбовців.",
        "{date} бої {p_near} [посилилися|загострилися], обидві сторони повідомляють про [важкі|значні] втрати.",
        "російська сторона [стверджує|заявляє], що вже контролює {pct}% території {p_gen}, у Києві це [заперечують|спростовують].",
        "{actor} повідомляє про {drones} збитих за ніч безпілотників, з них {drones2} — {p_near}.",
        "за словами місцевої влади, з {date_bare} з {p_gen} евакуювали {civilians} мешканців.",
        "на супутникових знімках, які [проаналізували|вивчили] [аналітики|експерти|дослідники], видно нові [окопи|укріплення|лінії оборони] приблизно за {km} км на [північ|південь|схід|захід] від {p_gen}.",
        "[ці дані|цю заяву|цю інформацію] не вдалося [незалежно перевірити|перевірити з незалежних джерел].",
        "{person} {weekday} сказав журналістам, що [переговори не стоять|перемир'я не стоїть] на порядку денному.",
        "[військові блогери|воєнкори|українські військові] [пишуть|повідомляють], що траса {p} — {q} перебуває під [постійним|щоденним|щільним] обстрілом.",
        "{actor} поки не коментує ці [повідомлення|кадри|дані].",
        "за [тиждень|десять днів|два тижні] лінія фронту {p_near} зсунулася приблизно на {km} км, свідчать карти на основі відкритих даних.",
        "Україна почала наступ на Курщині 6 серпня 2024 року.",
        "за оцінками влади, пошкоджено до {pct}% будівель {p_in}.",
        "{actor} [повідомляє|стверджує], що за {days} днів {p_near} знищено {tanks} танків і {vehicles} бронемашин.",
        "Генштаб ЗСУ нарахував {attacks} атак у районі {p_gen} {date}.",
        "близько {households} домогосподарств залишилися без світла після удару по енергооб'єкту {p_near}.",
        "{person} {date} заявив, що [наступ|операція] {p_in} [іде|проходить] за планом.",
        "дані про втрати, які публікують сторони, [часто|як правило] [завищені|перебільшені] й рідко підтверджуються.",
        "{according}, {p_near} зосереджено [близько|майже|приблизно] {soldiers} російських військовослужбовців.",
        "до війни {p_in} проживало близько {population} людей.",
        "{according}, {weekday} українські підрозділи відбили {attacks2} атак {p_near}.",
        "[аналітики|спостерігачі|експерти] [вважають|припускають], що [падіння|втрата] {p_gen} [відкриє шлях далі на захід|ускладнить постачання на всій ділянці фронту].",
        "{date} {p_in} загинули щонайменше {killed} цивільних, ще {wounded} дістали поранення, {according}.",
        "{person} назвав ситуацію {p_near} «[вкрай напруженою|найгарячішою ділянкою фронту|головним пріоритетом]».",
    ],
}
HEADLINES = {
    "en": [
        "Russia claims capture of {villages} villages {p_near}",
        "Ukraine says it still holds {km2} km2 {p_in}",
        "Fighting intensifies {p_near} as Russian troops push forward",
        "{person_short}: situation {p_near} 'difficult but under control'",
        "{drones} drones downed overnight, {actor_short} says",
        "Evacuation from {p} continues as the front line nears",
        "Kremlin says talks are 'not on the agenda'",
        "Analysts see threat to {q} after Russian gains {p_near}",
        "Power cut to {households} homes after strike {p_near}",
        "{p}: {pct} percent of buildings damaged, officials say",
    ],
    "fr": [
        "La Russie revendique la prise de {villages} villages {p_near}",
        "L'Ukraine affirme tenir encore {km2} km² {p_in}",
        "Les combats s'intensifient {p_near}",
        "{person_short} : la situation {p_near} est « difficile mais sous contrôle »",
        "{drones} drones abattus dans la nuit, selon {actor_short}",
        "L'évacuation de {p} se poursuit à l'approche du front",
        "Le Kremlin juge les négociations « pas à l'ordre du jour »",
        "Après les avancées russes {p_near}, {q} menacée selon des analystes",
        "{households} foyers privés d'électricité après une frappe {p_near}",
    ],
    "de": [
        "Russland meldet Einnahme von {villages} Dörfern {p_near}",
        "Ukraine: Wir kontrollieren noch {km2} Quadratkilometer {p_in}",
        "Schwere Kämpfe {p_near}: Russische Truppen rücken vor",
        "{person_short}: Lage {p_near} „schwierig, aber unter Kontrolle“",
        "{drones} Drohnen abgeschossen – {actor_short} meldet nächtliche Angriffe",
        "Evakuierung aus {p} geht weiter",
        "Kreml: Verhandlungen derzeit kein Thema",
        "Experten sehen {q} nach russischen Vorstößen {p_near} bedroht",
        "{households} Haushalte ohne Strom nach Angriff {p_near}",
    ],
    "ru": [
        "Минобороны сообщило о взятии {villages} населённых пунктов {p_near}",
        "ВСУ заявляют, что контролируют {km2} кв. км {p_in}",
        "Бои {p_near} усилились",
        "{person_short}: ситуация {p_near} сложная, но под контролем",
        "За ночь сбиты {drones} беспилотников — {actor_short}",
        "Эвакуация из {p_gen} продолжается",
        "В Кремле заявили, что переговоры не на повестке дня",
        "Аналитики: после продвижения {p_near} под угрозой {q}",
        "Без света остались {households} домохозяйств после удара {p_near}",
    ],
    "uk": [
        "Росія заявила про захоплення {villages} населених пунктів {p_near}",
        "ЗСУ контролюють {km2} кв. км {p_in} — Генштаб",
        "Бої {p_near} посилилися",
        "{person_short}: ситуація {p_near} складна, але під контролем",
        "За ніч збито {drones} безпілотників — {actor_short}",
        "Евакуація з {p_gen} триває",
        "У Кремлі заявили, що переговори не на порядку денному",
        "Аналітики: після просування росіян {p_near} під загрозою {q}",
        "Без світла залишилися {households} домогосподарств після удару {p_near}",
    ],
}
OUTLETS = {
    "en": [("Frontline Daily", "frontline-daily.example"), ("The Kyiv Ledger", "kyiv-ledger.example"),
           ("Eastern Europe Monitor", "ee-monitor.example"), ("Northern Dispatch", "northern-dispatch.example")],
    "fr": [("Le Courrier de l'Est", "courrier-est.example"), ("La Dépêche internationale", "depeche-inter.example"),
           ("L'Observateur européen", "observateur-eu.example")],
    "de": [("Grenzland Rundschau", "grenzland-rundschau.example"), ("Nordstern Zeitung", "nordstern-zeitung.example"),
           ("Mitteleuropa Aktuell", "mitteleuropa-aktuell.example")],
    "ru": [("Вестник Порубежья", "porubezhye.example"), ("Северная сводка", "severnaya-svodka.example"),
           ("Ежедневный обзор", "ezhednevny-obzor.example")],
    "uk": [("Прикордонний вісник", "prykordonnyi-visnyk.example"), ("Східна хроніка", "skhidna-khronika.example"),
           ("Голос Слобожанщини", "holos-slobozhanshchyny.example")],
}
AUTHORS = {
    "en": ["Anna Whitfield", "Mark Delaney", "Ruth Calloway", "Tom Ashby"],
    "fr": ["Claire Morel", "Julien Bastide", "Sophie Lacombe"],
    "de": ["Katrin Vogt", "Stefan Lorenz", "Miriam Haas"],
    "ru": ["Ирина Соколова", "Павел Лебедев", "Олег Крылов"],
    "uk": ["Оксана Мельник", "Андрій Ковальчук", "Марія Гнатюк"],
}
AGENCIES = ["Eastern Wire", "Steppe Press", "Danube News Agency", "Baltic Desk", "Carpathian Wire"]
CREDITS = {
    "en": ["(Reporting by the {agency} news desk)", "This article was first published by {agency}.", "Source: {agency}"],
    "fr": ["(Avec {agency})", "Cet article a d'abord été publié par {agency}.", "Source : {agency}"],
    "de": ["(Quelle: {agency})", "Dieser Artikel erschien zuerst bei {agency}.", "Mit Material von {agency}"],
    "ru": ["Источник: {agency}", "Материал подготовлен по данным агентства {agency}."],
    "uk": ["Джерело: {agency}", "Матеріал підготовлено за даними агентства {agency}."],
}
READ_ALSO = {"en": "READ ALSO:", "fr": "À LIRE AUSSI :", "de": "Lesen Sie auch:", "ru": "ЧИТАЙТЕ ТАКЖЕ:", "uk": "ЧИТАЙТЕ ТАКОЖ:"}
COMMENTS = {"en": "Comments (0)", "fr": "Commentaires (0)", "de": "Kommentare (0)", "ru": "Комментарии (0)", "uk": "Коментарі (0)"}
SHARE = {"en": "Share: Facebook | X | Telegram", "fr": "Partager : Facebook | X | Telegram",
         "de": "Teilen: Facebook | X | Telegram", "ru": "Поделиться: Telegram | VK | X", "uk": "Поділитися: Facebook | Telegram | X"}
HASHTAGS = {
    "en": ["#Ukraine", "#Russia", "#Kursk", "#Pokrovsk", "#war", "#frontline"],
    "fr": ["#Ukraine", "#Russie", "#Koursk", "#guerre", "#Donbass"],
    "de": ["#Ukraine", "#Russland", "#Kursk", "#Krieg", "#Donbass"],
    "ru": ["#Курск", "#Суджа", "#Покровск", "#фронт", "#новости"],
    "uk": ["#Курщина", "#ЗСУ", "#Покровськ", "#фронт", "#новини"],
}
NAV = {
    "en": ["Home", "World", "Ukraine war", "Politics", "Business", "Opinion", "Video", "Podcasts", "Newsletters", "Contact"],
    "fr": ["Accueil", "International", "Guerre en Ukraine", "Politique", "Économie", "Opinions", "Vidéos", "Contact"],
    "de": ["Startseite", "Ausland", "Krieg in der Ukraine", "Politik", "Wirtschaft", "Meinung", "Videos", "Kontakt"],
    "ru": ["Главная", "Мир", "Война", "Политика", "Экономика", "Мнения", "Видео", "Контакты"],
    "uk": ["Головна", "Світ", "Війна", "Політика", "Економіка", "Думки", "Відео", "Контакти"],
}
FOOTER = {
    "en": ["About us", "Editorial policy", "Privacy", "Terms of use", "Advertise"],
    "fr": ["Qui sommes-nous", "Charte éditoriale", "Confidentialité", "Mentions légales", "Publicité"],
    "de": ["Über uns", "Redaktionsgrundsätze", "Datenschutz", "Impressum", "Werbung"],
    "ru": ["О нас", "Редакционная политика", "Конфиденциальность", "Правила", "Реклама"],
    "uk": ["Про нас", "Редакційна політика", "Конфіденційність", "Правила", "Реклама"],
}
SIDEBAR_TITLE = {"en": "Most read", "fr": "Les plus lus", "de": "Meistgelesen", "ru": "Самое читаемое", "uk": "Найпопулярніше"}


# --------------------------------------------------------------------------------------
# Filling templates
# --------------------------------------------------------------------------------------
_ALT = re.compile(r"\[([^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")


def fmt_int(n: int, lang: str) -> str:
    s = f"{n:,}"
    if lang == "en":
        return s
    if lang == "de":
        return s.replace(",", ".")
    return s.replace(",", "\u00a0") if n >= 10000 else s.replace(",", "")


def fmt_date(d: date, lang: str, year: bool, us: bool = False) -> str:
    """The bare date phrase (no preposition)."""
    m = MONTHS[lang][d.month - 1]
    if lang == "en":
        core = f"{m} {d.day}" if us else f"{d.day} {m}"
        return f"{core}, {d.year}" if (us and year) else (f"{core} {d.year}" if year else core)
    if lang == "fr":
        day = "1er" if d.day == 1 else str(d.day)
        return f"{day} {m} {d.year}" if year else f"{day} {m}"
    if lang == "de":
        return f"{d.day}. {m} {d.year}" if year else f"{d.day}. {m}"
    suffix = " года" if lang == "ru" else " року"
    return f"{d.day} {m} {d.year}{suffix}" if year else f"{d.day} {m}"


def date_phrase(d: date, lang: str, year: bool, us: bool = False) -> str:
    bare = fmt_date(d, lang, year, us)
    return {"en": f"on {bare}", "fr": f"le {bare}", "de": f"am {bare}"}.get(lang, bare)


class Filler:
    """Fills templates for one document: a pool of places, actors and dates around ``pub``."""

    def __init__(self, rng: Random, lang: str, pub: date) -> None:
        self.rng, self.lang, self.pub = rng, lang, pub
        places = PLACES[lang]
        k = rng.randint(2, 4)
        self.places = rng.sample(places, k)  # the story's focus places
        self.us_dates = lang == "en" and rng.random() < 0.4

    def _count(self, lo: int, hi: int, step: int = 1) -> int:
        """A count; for ru/uk one that takes the genitive plural (5-20, x0, x5-x9)."""
        for _ in range(50):  # a bounded loop: some small ranges hold no such number
            n = self.rng.randrange(lo, hi + 1, step) if step > 1 else self.rng.randint(lo, hi)
            if self.lang not in ("ru", "uk") or n % 10 in (0, 5, 6, 7, 8, 9) or 11 <= n % 100 <= 14:
                break
        return n

    def slots(self) -> dict[str, str]:
        rng, lang = self.rng, self.lang
        p = rng.choice(self.places)
        q = rng.choice([x for x in PLACES[lang] if x[0] != p[0]])
        actor = rng.choice(ACTORS[lang])
        person = rng.choice(PEOPLE[lang])
        d = self.pub - timedelta(days=rng.choice((0, 0, 1, 1, 2, 3, 4, 6)))
        since = self.pub - timedelta(days=rng.randint(5, 60))
        n = lambda lo, hi, step=1: fmt_int(self._count(lo, hi, step), lang)  # noqa: E731
        drones = self._count(15, 160)
        return {
            "p": p[1], "p_in": p[2], "p_near": p[3], "p_gen": p[4], "q": q[1], "q_gen": q[4],
            "actor": actor[0], "according": actor[1], "actor_short": actor[2], "poss": actor[3],
            "person": person[0], "person_acc": person[1], "person_short": person[2],
            "date": date_phrase(d, lang, rng.random() < 0.3, self.us_dates),
            "date_bare": fmt_date(since, lang, True, self.us_dates),
            "weekday": WEEKDAYS[lang][d.weekday()],
            "km": str(rng.randint(1, 15)), "km2": n(40, 1300, 5), "soldiers": n(500, 60000, 100),
            "pct": str(self._count(5, 95)), "villages": str(self._count(2, 30)),
            "drones": fmt_int(drones, lang), "drones2": str(self._count(2, max(3, drones // 3))),
            "civilians": n(150, 25000, 50), "tanks": str(self._count(2, 25)), "vehicles": str(self._count(3, 45)),
            "days": str(self._count(2, 12)), "attacks": str(self._count(20, 220)), "attacks2": str(self._count(5, 60)),
            "households": n(1000, 90000, 100), "population": n(8000, 120000, 500),
            "killed": str(self._count(1, 25)), "wounded": str(self._count(2, 60)),
        }

    def fill(self, template: str, prefix: bool = False) -> str:
        rng = self.rng
        t = _ALT.sub(lambda m: rng.choice(m.group(1).split("|")), template)
        values = self.slots()
        s = _SLOT.sub(lambda m: values[m.group(1)], t)
        if prefix and PREFIXES[self.lang] and rng.random() < 0.15:
            s = rng.choice(PREFIXES[self.lang]) + s
        return s[0].upper() + s[1:]

    def sentence(self) -> str:
        return self.fill(self.rng.choice(SENTENCES[self.lang]), prefix=True)

    def headline(self) -> str:
        return self.fill(self.rng.choice(HEADLINES[self.lang]))


# --------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------
@dataclass
class Doc:
    idx: int
    lang: str
    pub: datetime
    title: str
    paragraphs: list[str]
    outlet: tuple[str, str]
    author: str
    form: str
    slug: str
    credit: str | None = None
    copy_of: int | None = None
    extras: dict = field(default_factory=dict)  # boilerplate decisions

    @property
    def url(self) -> str:
        return f"https://{self.outlet[1]}/{self.pub:%Y/%m/%d}/{self.slug}"

    @property
    def body_paragraphs(self) -> list[str]:
        return self.paragraphs + ([self.credit] if self.credit else [])


def _slug(rng: Random, idx: int) -> str:
    return f"story-{idx:06d}-{rng.getrandbits(24):06x}"


def make_doc(rng: Random, idx: int, form: str, feed_langs: tuple[str, ...] = ("en",)) -> Doc:
    # a feed is one outlet in one language
    lang = rng.choice(feed_langs) if form == "feed" else rng.choices(LANGS, LANG_WEIGHTS)[0]
    day = START + timedelta(days=rng.randint(0, (END - START).days))
    pub = datetime(day.year, day.month, day.day, rng.randint(6, 22), rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50)))
    f = Filler(rng, lang, day)
    target = int(rng.triangular(150, 600, 280))
    paragraphs: list[str] = []
    words = 0
    while words < target:
        para = " ".join(f.sentence() for _ in range(rng.randint(2, 4)))
        paragraphs.append(para)
        words += len(para.split())
    doc = Doc(idx, lang, pub, f.headline(), paragraphs, rng.choice(OUTLETS[lang]), rng.choice(AUTHORS[lang]),
              form, _slug(rng, idx))
    doc.extras = _extras(rng, f)
    return doc


def make_copy(rng: Random, idx: int, orig: Doc, form: str) -> Doc:
    """A syndicated copy: same body, another headline, a credit line, often another outlet."""
    f = Filler(rng, orig.lang, orig.pub.date())
    others = [o for o in OUTLETS[orig.lang] if o != orig.outlet]
    pub = orig.pub + timedelta(minutes=rng.randint(10, 60 * 30))
    credit = rng.choice(CREDITS[orig.lang]).format(agency=rng.choice(AGENCIES))
    doc = Doc(idx, orig.lang, pub, f.headline(), list(orig.paragraphs), rng.choice(others), rng.choice(AUTHORS[orig.lang]),
              form, _slug(rng, idx), credit=credit, copy_of=orig.idx)
    doc.extras = _extras(rng, f)
    return doc


def _extras(rng: Random, f: Filler) -> dict:
    """Which page leftovers a plain-text or record rendering carries."""
    return {
        "byline": rng.random() < 0.55,
        "read_also": [f.headline() for _ in range(rng.randint(1, 2))] if rng.random() < 0.4 else [],
        "prev_next": rng.random() < 0.3,
        "prev_title": f.headline(), "next_title": f.headline(),
        "prev_delta": rng.randint(1, 72), "next_delta": rng.randint(1, 96),
        "hashtags": rng.sample(HASHTAGS[f.lang], rng.randint(2, 4)) if rng.random() < 0.3 else [],
        "comments": rng.random() < 0.25,
        "share": rng.random() < 0.2,
        "wrap": rng.random() < 0.15,
        "cp1251": f.lang in ("ru", "uk") and rng.random() < 0.05,
        "crlf": rng.random() < 0.1,
        "related": [f.headline() for _ in range(5)],
        "sidebar": [f.headline() for _ in range(rng.randint(5, 9))],
        "meta_date": rng.random() < 0.85,
        "jsonld": rng.random() < 0.5,
        "date_style": rng.randint(0, 3),
        "leftovers_in_record": rng.random() < 0.2,
        # about half the pages carry the bulk real pages have: a mega menu, an inline app state
        "bulk": rng.random() < 0.5,
        "menu_size": rng.randint(20, 60),
        "state_items": rng.randint(40, 150),
    }


# --------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------
def _byline(doc: Doc) -> str:
    t = doc.pub
    return {
        "en": f"By {doc.author} | {t:%d.%m.%Y} {t:%H:%M}",
        "fr": f"Publié le {t:%d/%m/%Y} à {t:%Hh%M}",
        "de": f"{t:%d.%m.%Y} | {t:%H:%M} Uhr",
        "ru": f"{t:%d.%m.%Y}, {t:%H:%M}",
        "uk": f"{t:%d.%m.%Y}, {t:%H:%M}",
    }[doc.lang]


def _wrap(text: str, width: int) -> list[str]:
    lines, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(cur)
    return lines


def render_text(doc: Doc) -> bytes:
    ex = doc.extras
    lines = [doc.title]
    if ex["byline"]:
        lines.append(_byline(doc))
    lines.append("")
    for i, para in enumerate(doc.body_paragraphs):
        lines.extend(_wrap(para, 78) if ex["wrap"] else [para])
        lines.append("")
        if i == 1 and ex["read_also"]:
            for h in ex["read_also"]:
                lines.extend([f"{READ_ALSO[doc.lang]} {h}", ""])
    lines.extend(_leftovers(doc))
    text = "\n".join(lines).rstrip("\n") + "\n"
    if ex["crlf"]:
        text = text.replace("\n", "\r\n")
    return text.encode("cp1251" if ex["cp1251"] else "utf-8")


def _leftovers(doc: Doc) -> list[str]:
    ex = doc.extras
    out = []
    if ex["share"]:
        out.append(SHARE[doc.lang])
    if ex["hashtags"]:
        out.append(" ".join(ex["hashtags"]))
    if ex["comments"]:
        out.append(COMMENTS[doc.lang])
    if ex["prev_next"]:
        prev = doc.pub - timedelta(hours=ex["prev_delta"])
        nxt = doc.pub + timedelta(hours=ex["next_delta"])
        out.append(f"PREV {ex['prev_title']} – {prev:%d/%m/%Y} at {prev:%H:%M}")
        out.append(f"NEXT {ex['next_title']} – {nxt:%d/%m/%Y} at {nxt:%H:%M}")
    return out


def _iso(doc: Doc) -> str:
    offset = "+03:00" if doc.lang in ("ru", "uk") else ("+01:00" if doc.lang in ("fr", "de") else "+00:00")
    return f"{doc.pub:%Y-%m-%dT%H:%M:%S}{offset}"


def render_html(doc: Doc) -> bytes:
    ex, e = doc.extras, htmlmod.escape
    lang = doc.lang
    nav = "\n".join(f'        <li><a href="/{i}/">{e(x)}</a></li>' for i, x in enumerate(NAV[lang]))
    footer = "\n".join(f'      <li><a href="/page/{i}">{e(x)}</a></li>' for i, x in enumerate(FOOTER[lang]))
    sidebar = "\n".join(f'      <li><a href="/{doc.pub:%Y/%m}/side-{i}">{e(h)}</a></li>' for i, h in enumerate(ex["sidebar"]))
    related = "\n".join(f'        <li><a href="/related/{i}">{e(h)}</a></li>' for i, h in enumerate(ex["related"]))
    paras = [f"      <p>{e(p)}</p>" for p in doc.body_paragraphs]
    if len(paras) > 3 and ex["read_also"]:
        paras.insert(2, f'      <p class="read-also"><strong>{e(READ_ALSO[lang])}</strong> '
                        f'<a href="/related/x">{e(ex["read_also"][0])}</a></p>')
    meta_date = (f'  <meta property="article:published_time" content="{_iso(doc)}">\n' if ex["meta_date"] else "")
    jsonld = ""
    if ex["jsonld"]:
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": doc.title,
              "author": {"@type": "Person", "name": doc.author}, "publisher": {"@type": "Organization", "name": doc.outlet[0]},
              "mainEntityOfPage": doc.url}
        if ex["meta_date"]:
            ld["datePublished"] = _iso(doc)
        jsonld = f'  <script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>\n'
    shown = f"{doc.pub:%d.%m.%Y %H:%M}"
    bulk_head, mega = "", ""
    if ex["bulk"]:
        teasers = ex["sidebar"] + ex["related"]
        state = {"page": {"id": doc.idx, "section": "war", "lang": lang},
                 "teasers": [{"id": doc.idx * 1000 + i, "title": teasers[i % len(teasers)],
                              "url": f"/{doc.pub:%Y/%m}/teaser-{i}", "image": f"/img/{doc.idx}/{i}.webp",
                              "tags": ["war", "ukraine", "russia"][: 1 + i % 3]} for i in range(ex["state_items"])]}
        bulk_head = (f'  <style>.site-header{{display:flex}}.main-nav li{{margin:0 .5rem}}'
                     f'.article-meta{{color:#666}}.related li{{font-size:.9rem}}</style>\n'
                     f'  <script id="__STATE__" type="application/json">{json.dumps(state, ensure_ascii=False)}</script>\n')
        links = "\n".join(f'          <li><a href="/topic/{i}">{e(NAV[lang][i % len(NAV[lang])])} {i}</a></li>'
                          for i in range(ex["menu_size"]))
        mega = f'\n    <div class="mega-menu">\n        <ul>\n{links}\n        </ul>\n    </div>'
    page = f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <title>{e(doc.title)} | {e(doc.outlet[0])}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="{e(doc.paragraphs[0][:150])}">
  <meta property="og:type" content="article">
  <meta property="og:title" content="{e(doc.title)}">
  <meta property="og:site_name" content="{e(doc.outlet[0])}">
  <meta property="og:url" content="{doc.url}">
{meta_date}  <meta name="author" content="{e(doc.author)}">
  <link rel="canonical" href="{doc.url}">
  <link rel="stylesheet" href="/static/css/main.{doc.idx % 7}.css">
  <script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"section": "war", "id": {doc.idx}}});</script>
{jsonld}{bulk_head}</head>
<body class="article-page">
  <div class="cookie-banner">{e({"en": "We use cookies to improve your experience.", "fr": "Nous utilisons des cookies.", "de": "Wir verwenden Cookies.", "ru": "Мы используем файлы cookie.", "uk": "Ми використовуємо файли cookie."}[lang])} <button>OK</button></div>
  <header class="site-header">
    <a class="logo" href="/">{e(doc.outlet[0])}</a>
    <nav class="main-nav">
      <ul>
{nav}
      </ul>
    </nav>{mega}
  </header>
  <div class="breadcrumbs"><a href="/">{e(NAV[lang][0])}</a> › <a href="/2/">{e(NAV[lang][2])}</a></div>
  <main>
    <article>
      <h1>{e(doc.title)}</h1>
      <div class="article-meta"><span class="author">{e(doc.author)}</span> · <time datetime="{_iso(doc) if ex["meta_date"] else ''}">{shown}</time></div>
{chr(10).join(paras)}
      <div class="share">{e(SHARE[lang])}</div>
      <aside class="related">
        <h3>{e(READ_ALSO[lang].rstrip(' :'))}</h3>
        <ul>
{related}
        </ul>
      </aside>
    </article>
    <section class="comments"><h3>{e(COMMENTS[lang])}</h3><div id="comments-root"></div></section>
  </main>
  <aside class="sidebar">
    <h3>{e(SIDEBAR_TITLE[lang])}</h3>
    <ul>
{sidebar}
    </ul>
  </aside>
  <footer class="site-footer">
    <ul>
{footer}
    </ul>
    <p>© {doc.pub.year} {e(doc.outlet[0])}</p>
  </footer>
  <script src="/static/js/app.{doc.idx % 5}.js" defer></script>
</body>
</html>
"""
    return page.encode("utf-8")


def _record_date(doc: Doc) -> str:
    style, t = doc.extras["date_style"], doc.pub
    if style == 0:
        return f"{t:%Y-%m-%dT%H:%M:%S}Z"
    if style == 1:
        return f"{t:%Y-%m-%d %H:%M}"
    if style == 2:
        return format_datetime(t.replace(tzinfo=None)).replace("-0000", "+0000")
    return _iso(doc)


def render_record(doc: Doc) -> dict:
    paras = list(doc.body_paragraphs)
    if doc.extras["leftovers_in_record"]:
        paras += _leftovers(doc) or [COMMENTS[doc.lang]]
    return {
        "title": doc.title,
        "text": "\n\n".join(paras),
        "url": doc.url,
        "date": _record_date(doc),
        "outlet": doc.outlet[0],
        "language": doc.lang if doc.idx % 7 else f"{doc.lang}-{doc.lang.upper() if doc.lang != 'en' else 'GB'}",
    }


FEED_LANG = {"en": "en-gb", "fr": "fr-fr", "de": "de-de", "ru": "ru-ru", "uk": "uk-ua"}


def render_feed(title: str, site: str, lang: str, docs: list[Doc], build: datetime) -> bytes:
    e = htmlmod.escape
    items = []
    for d in docs:
        body = "".join(f"<p>{e(p)}</p>" for p in d.body_paragraphs)
        items.append(f"""    <item>
      <title>{e(d.title)}</title>
      <link>{d.url}</link>
      <guid isPermaLink="true">{d.url}</guid>
      <pubDate>{format_datetime(d.pub.replace(tzinfo=None)).replace("-0000", "+0000")}</pubDate>
      <dc:creator>{e(d.author)}</dc:creator>
      <description>{e(d.paragraphs[0][:200])}…</description>
      <content:encoded><![CDATA[{body}]]></content:encoded>
    </item>""")
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>{e(title)}</title>
    <link>https://{site}/</link>
    <description>{e(title)}</description>
    <language>{FEED_LANG[lang]}</language>
    <lastBuildDate>{format_datetime(build)}</lastBuildDate>
{chr(10).join(items)}
  </channel>
</rss>
"""
    return xml.encode("utf-8")


# --------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------
def generate(out: str | Path, docs: int = 10_000, seed: int = 7) -> dict:
    """Write the corpus to ``out`` (replaced if present); return the manifest."""
    out = Path(out)
    rng = Random(f"sitroom-bench:{seed}:{docs}")
    n_bad = max(3, round(docs * BAD_SHARE))
    n_dup = round(docs * DUP_SHARE)
    n_orig = docs - n_bad - n_dup
    forms = list(FORM_WEIGHTS)
    weights = list(FORM_WEIGHTS.values())

    feed_langs = ("en", "uk") if docs >= 2000 else ("en",)
    originals = [make_doc(rng, i, rng.choices(forms, weights)[0], feed_langs) for i in range(n_orig)]
    copies = []
    sources = rng.sample(range(n_orig), n_dup)
    for k, src in enumerate(sources):
        orig = originals[src]
        allowed = [f for f in forms if f != "feed" or orig.lang in feed_langs]
        form = rng.choice([f for f in allowed if f != orig.form]) if rng.random() < 0.7 else orig.form
        copies.append(make_copy(rng, n_orig + k, orig, form))
    all_docs = originals + copies

    tmp = out.with_name(out.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    files = {"text": 0, "html": 0, "jsonl": 0, "feed": 0}
    by_form: dict[str, list[Doc]] = {f: [] for f in forms}
    for d in all_docs:
        by_form[d.form].append(d)

    def write(rel: str, data: bytes) -> None:
        p = tmp / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)

    for d in by_form["text"]:
        write(f"text/{d.outlet[1].split('.')[0]}/{d.pub:%Y-%m}/{d.slug}.txt", render_text(d))
        files["text"] += 1
    for d in by_form["html"]:
        write(f"html/{d.outlet[1].split('.')[0]}/{d.pub:%Y-%m}/{d.slug}.html", render_html(d))
        files["html"] += 1

    # JSONL dumps: 100-250 records per file, one outlet language mix per dump
    n_bad_json = n_bad // 3
    n_empty = (n_bad - n_bad_json + 1) // 2
    n_binary = n_bad - n_bad_json - n_empty
    records = by_form["jsonl"]
    chunks: list[list[Doc]] = []
    i = 0
    while i < len(records):
        size = rng.randint(100, 250)
        chunks.append(records[i : i + size])
        i += size
    bad_line_count = 0
    for c, chunk in enumerate(chunks):
        lines = [json.dumps(render_record(d), ensure_ascii=False) for d in chunk]
        # malformed lines: a record cut off mid-write, spread over the dumps
        for _ in range(_bad_for_chunk(c, n_bad_json, len(chunks))):
            cut = rng.choice(lines)
            lines.insert(rng.randint(0, len(lines)), cut[: rng.randint(20, max(21, len(cut) // 2))])
            bad_line_count += 1
        write(f"jsonl/dump-{c:04d}.jsonl", ("\n".join(lines) + "\n").encode("utf-8"))
        files["jsonl"] += 1
    if not chunks and n_bad_json:  # tiny corpora: a file of its own
        write("jsonl/dump-broken.jsonl", b'{"title": "cut off", "text": "Fighting near Pok\n')
        files["jsonl"] += 1
        bad_line_count += n_bad_json

    # RSS: one feed per feed language (one feed below 2000 docs, two above)
    for k, lang in enumerate(feed_langs):
        part = sorted((d for d in by_form["feed"] if d.lang == lang), key=lambda d: d.pub, reverse=True)
        if part:
            build = part[0].pub + timedelta(hours=1)
            write(f"feeds/war-news-{lang}.rss",
                  render_feed(f"War news ({lang})", f"feed-{lang}.example", lang, part, build))
            files["feed"] += 1

    # bad inputs: empty files and binary bytes under a text/html name
    for k in range(n_empty):
        write(f"text/inbox/empty-{k:03d}.txt", b"" if k % 2 == 0 else b"\n  \n")
    for k in range(n_binary):
        blob = (b"\x89PNG\r\n\x1a\n" if k % 2 else b"\x00\x01\x02\x03") + rng.randbytes(rng.randint(512, 4096))
        write(f"{'html' if k % 2 else 'text'}/inbox/upload-{k:03d}.{'html' if k % 2 else 'txt'}", blob)

    words = [sum(len(p.split()) for p in d.body_paragraphs) for d in all_docs]
    manifest = {
        "generator": "benchmarks/corpus_gen.py",
        "generator_version": GENERATOR_VERSION,
        "generator_sha": source_sha(),
        "seed": seed,
        "docs": docs,
        "items": len(all_docs) + n_bad,
        "documents": len(all_docs),
        "originals": n_orig,
        "near_duplicate_copies": n_dup,
        "bad_inputs": {"empty_files": n_empty, "binary_files": n_binary, "malformed_json_lines": bad_line_count},
        "documents_by_form": {f: len(v) for f, v in by_form.items()},
        "files_by_form": files,
        "languages": {lang: sum(1 for d in all_docs if d.lang == lang) for lang in LANGS},
        "words": {"min": min(words), "max": max(words), "mean": round(sum(words) / len(words), 1)},
        "bytes": sum(p.stat().st_size for p in tmp.rglob("*") if p.is_file()),
        "expected": {"ingested": len(all_docs), "duplicates": n_dup, "rejected": n_bad},
    }
    (tmp / ".manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), "utf-8")
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
    return manifest


def _bad_for_chunk(c: int, n_bad_json: int, n_chunks: int) -> int:
    """Spread the malformed lines over the dumps, round robin."""
    if n_chunks == 0:
        return 0
    return n_bad_json // n_chunks + (1 if c < n_bad_json % n_chunks else 0)


def source_sha() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="folder to write (replaced if present)")
    ap.add_argument("--docs", type=int, default=10_000, help="number of input items (default 10000)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    m = generate(args.out, args.docs, args.seed)
    json.dump(m, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
