"""Claims in French (parse rules) and in Russian, Ukrainian and German (surface patterns):
speakers before and after the verb, "selon" / "по словам" / "laut", stances, speakers read
by case in Russian and Ukrainian, "as" clauses. Example
sentences are our own."""

from __future__ import annotations

from sitroom.claims import cues
from sitroom.claims.attribution import extract
from sitroom.claims.stance import stance_of

from test_claims import one


# --------------------------------------------------------------------------- French


def test_french_inverted_speaker_after_quote():
    text = "« Nous devrons attendre la réponse de Moscou », a déclaré le ministre aux journalistes."
    a = one(text, "fr", "déclaré")
    assert a.source is not None and "ministre" in a.source.text
    assert a.quote


def test_french_inverted_clitic_pronoun_is_the_speaker():
    a = one("« Nous tenons la ligne », a-t-il déclaré lundi.", "fr", "déclaré")
    assert (a.source.text, a.content.text) == ("il", "« Nous tenons la ligne »")
    assert one("« Nous tenons la ligne », a-t-elle ajouté.", "fr", "ajouté").source.text == "elle"
    assert one("Le vice-président a déclaré que le pont était fermé.", "fr", "a déclaré").source.text == "Le vice-président"


def test_french_verb_before_an_inverted_pronoun_is_a_cue():
    # the lemmatizer leaves "estime" of "estime-t-il" as written; the parser hangs "-il" as "dep"
    for text, verb in (("« La digue ne tiendra pas longtemps », estime-t-il.", "estime"),
                       ("Les renforts arrivent trop tard, affirme-t-elle.", "affirme")):
        a = one(text, "fr", verb)
        assert a.source.text in ("il", "elle"), text
        assert a.content.text.strip("« »") in ("La digue ne tiendra pas longtemps", "Les renforts arrivent trop tard")


def test_french_weekday_after_the_speaker_is_when_it_was_said():
    a = one("Les troupes ont reculé de deux kilomètres, a déclaré le ministre lundi.", "fr", "déclaré")
    assert a.source.text == "le ministre"
    b = one("Le front tient, affirme le général Syrskyi dimanche.", "fr", "affirme")
    assert b.source.text == "le général Syrskyi" and b.content.text == "Le front tient"
    # a time with its article describes the speaker: it stays
    c = one("Le ministre du jour a dit que le front tenait.", "fr", "dit")
    assert c.source.text == "Le ministre du jour"


def test_a_colon_without_a_quote_hands_over_only_the_rest_of_the_sentence():
    text = ("Voilà ce que Moscou réclame depuis des années : des garanties écrites et un retrait des troupes. "
            "Personne ne les a données. La route était ouverte, le général ayant déclaré : « Aucun soldat ne bougera. »")
    demand = one(text, "fr", "réclame")
    assert demand.content.text == "des garanties écrites et un retrait des troupes."
    said = [a for a in extract(text, "fr") if a.cue.text.endswith("déclaré")]
    assert any(a.content.text.startswith("« Aucun soldat") for a in said)


def test_french_selon_and_stance_unconfirmed():
    text = "Selon l'état-major ukrainien, les combats se poursuivent près de la ville."
    a = one(text, "fr", "Selon")
    assert "état-major" in a.source.text
    assert a.content.text.startswith("les combats")
    text2 = "Kiev n'a pas confirmé que ses troupes avaient franchi la frontière."
    b = one(text2, "fr", "confirmé")
    assert stance_of(text2, b, cues.lexicon("fr")) == "unconfirmed"


def test_french_conditional_makes_a_claim_hedged():
    text = "Le Kremlin affirme que les forces ukrainiennes auraient perdu plusieurs blindés."
    a = one(text, "fr", "affirme")
    assert stance_of(text, a, cues.lexicon("fr")) == "hedged"


def test_french_conditional_is_told_from_the_imperfect_by_the_verb_tables():
    from sitroom.claims.conditional import verbs

    table = verbs()
    for word in ("déclarerait", "tiendrait", "serait", "dirait", "mourrait", "pourraient", "achèterait"):
        assert table.is_conditional(word), word
    # imperfects of verbs whose stem ends in "r", and nouns with the same ending
    for word in ("déclarait", "souffraient", "espérait", "tirait", "mourait", "portrait", "engrais", "voudrais"):
        assert not table.is_conditional(word), word


def test_french_conditional_after_a_past_reporting_verb_is_the_future_in_the_past():
    lex = cues.lexicon("fr")
    said = "Le ministre a déclaré que l'armée reprendrait le village avant l'hiver."
    assert stance_of(said, one(said, "fr", "déclaré"), lex) == "asserted"
    was_saying = "Le gouverneur expliquait que le pont tiendrait encore une semaine."
    assert stance_of(was_saying, one(was_saying, "fr", "expliquait"), lex) == "asserted"
    # a present reporting verb, "selon", or the speaker's own words keep the conditional's doubt
    says = "Le ministre affirme que l'armée aurait repris le village."
    assert stance_of(says, one(says, "fr", "affirme"), lex) == "hedged"
    per = "Selon Kiev, l'armée russe aurait perdu trois chars près de Koursk."
    assert stance_of(per, one(per, "fr", "Selon"), lex) == "hedged"
    quoted = "« L'armée reprendrait le village sans peine », a déclaré le ministre."
    assert stance_of(quoted, one(quoted, "fr", "déclaré"), lex) == "hedged"
    # the conditional perfect reports an unchecked deed whatever the reporting verb's tense
    fled = "Le porte-parole a précisé que le colonel aurait fui vers le sud avec sa famille."
    assert stance_of(fled, one(fled, "fr", "précisé"), lex) == "hedged"
    deployed = "Le général a annoncé que les renforts seraient tous déployés avant la fin du mois."
    assert stance_of(deployed, one(deployed, "fr", "annoncé"), lex) == "asserted"
    # the reporting verb itself in the conditional: reportedly said
    reportedly = "Le ministre aurait déclaré que l'armée avait repris le village."
    assert stance_of(reportedly, one(reportedly, "fr", "déclaré"), lex) == "hedged"
    # not one in an earlier clause between the speaker and the verb
    later = "Le président a dit qu'il ne partirait pas, mais a proposé que les élections aient lieu en mai."
    assert stance_of(later, one(later, "fr", "proposé"), lex) == "asserted"


def test_french_conditional_in_a_relative_clause_or_an_imperfect_is_no_hedge():
    from sitroom.claims.stance import sentence_stance

    lex = cues.lexicon("fr")
    text = "Le ministre affirme qu'une guerre qui s'étendrait à la Pologne est exclue."
    assert stance_of(text, one(text, "fr", "affirme"), lex) == "asserted"
    # "avoir" and "être" there tell of a deed nobody has checked, often the figure itself
    text = "Selon l'ONG, l'armée a tiré des roquettes qui auraient tué douze civils."
    assert stance_of(text, one(text, "fr", "Selon"), lex) == "hedged"
    text = "L'ONG a affirmé que l'armée avait tiré des roquettes qui auraient tué douze civils."
    assert stance_of(text, one(text, "fr", "affirmé"), lex) == "hedged"
    for own, stance in (("La ville souffrait du froid depuis des semaines.", "asserted"),
                        ("Le régiment déclarait ses pertes chaque soir.", "asserted"),
                        ("L'armée russe aurait perdu trois chars près de Soudja.", "hedged")):
        assert sentence_stance(own, 0, len(own), lex) == stance, own


# --------------------------------------------------------------------------- patterns


def test_french_speaker_set_off_in_the_middle_of_the_sentence():
    text = "Les pertes, a déclaré le ministre, restent lourdes dans le secteur de Koursk."
    a = one(text, "fr", "déclaré")
    assert a.source.text == "le ministre"
    assert a.content.text.startswith("Les pertes") and a.content.text.endswith("Koursk.")
    # a noun phrase after the verb that a new clause follows is its object, not a speaker
    text = "Poutine, le président, a démenti le rapport, et la foule a applaudi."
    a = one(text, "fr", "démenti")
    assert a.source.text != "le rapport"


def test_french_passive_with_no_speaker_keeps_its_subject():
    text = "Deux brigades ont été accusées d'avoir bombardé la ville."
    a = one(text, "fr", "accusées")
    assert a.source is None and a.content.text.startswith("Deux brigades")


def test_russian_preposed_and_postposed_speakers():
    text = "Песков заявил, что переговоры пока не начались. «Ситуация под контролем», — сказал губернатор области."
    pre = one(text, "ru", "заявил")
    assert pre.source.text == "Песков"
    assert pre.content.text.startswith("переговоры")
    post = one(text, "ru", "сказал")
    assert post.source.text == "губернатор области"
    assert "Ситуация под контролем" in post.content.text


def test_russian_po_slovam_and_denial():
    text = "По словам источника в штабе, бригаду отвели на новые позиции. Министерство опровергло сообщения об отступлении."
    a = one(text, "ru", "По словам")
    assert a.source.text == "источника в штабе"
    d = one(text, "ru", "опровергло")
    assert stance_of(text, d, cues.lexicon("ru")) == "denied"


def test_ukrainian_negated_confirmation_is_unconfirmed():
    text = "Генштаб не підтвердив, що місто залишили українські підрозділи."
    a = one(text, "uk", "підтвердив")
    assert a.source.text == "Генштаб"
    assert stance_of(text, a, cues.lexicon("uk")) == "unconfirmed"


def test_german_postposed_inverted_and_laut():
    text = ("Die Lage an der Front sei schwierig, sagte der Sprecher der Armee. "
            "Am Montag erklärte Selenskyj, die Truppen hielten ihre Stellungen. "
            "Laut dem Generalstab wurden zwei Angriffe abgewehrt.")
    post = one(text, "de", "sagte")
    assert post.source.text == "der Sprecher der Armee"
    assert post.content.text.startswith("Die Lage an der Front")
    inv = one(text, "de", "erklärte")
    assert inv.source.text == "Selenskyj"
    assert inv.content.text.startswith("die Truppen")
    laut = one(text, "de", "Laut")
    assert laut.source.text == "dem Generalstab"


def test_russian_speaker_read_by_case_leaves_out_adverbs_phrases_and_addressees():
    text = ("В своих посланиях советник заявил, что банк продлевает войну. "
            "Он также отметил, что поставки сорваны. "
            "Колонна не прошла через мост, сказал журналистам министр обороны.")
    assert one(text, "ru", "заявил").source.text == "советник"
    assert one(text, "ru", "отметил").source.text == "Он"
    post = one(text, "ru", "сказал")
    assert post.source.text == "министр обороны"
    assert post.content.text.startswith("Колонна")


def test_russian_speaker_after_the_verb_and_the_previous_sentence_as_content():
    text = "Колонна техники прошла через мост ночью. Об этом сообщил губернатор области."
    a = one(text, "ru", "сообщил")
    assert a.source.text == "губернатор области"
    assert a.content.text == "Колонна техники прошла через мост ночью."
    topic = one("О нехватке снарядов говорит командир роты.", "ru", "говорит")
    assert topic.source.text == "командир роты"


def test_institution_named_by_where_it_speaks_from():
    a = one("В Кремле заявили, что переговоры продолжатся.", "ru", "заявили")
    assert a.source.text == "Кремле"
    assert a.content.text.startswith("переговоры")
    b = one("Економіка скоротиться на третину, вважають у Міжнародному валютному фонді.", "uk", "вважають")
    assert b.source.text == "Міжнародному валютному фонді"
    assert b.content.text.startswith("Економіка")


def test_ukrainian_coordinated_verbs_share_the_first_subject():
    text = "Міністр оцінив ситуацію на фронті і заявив, що оборона тримається."
    a = one(text, "uk", "заявив")
    assert a.source.text == "Міністр"
    assert a.content.text.startswith("оборона")


def test_as_clauses_name_the_source_with_their_own_verb():
    de = "Die Brücke sei am Morgen zerstört worden, wie die Agentur am Montag meldete."
    a = one(de, "de", "meldete")
    assert a.source.text == "die Agentur"
    assert a.content.text.startswith("Die Brücke")
    ru = "Как сообщил губернатор, обстрел продолжался всю ночь."
    b = one(ru, "ru", "сообщил")
    assert b.source.text == "губернатор"
    assert b.content.text.startswith("обстрел")
    assert len([x for x in extract(ru, "ru") if "сообщил" in x.cue.text]) == 1


def test_german_speaker_after_darueber_takes_the_previous_sentence():
    text = "Die Brücke bei Sumy ist eingestürzt. Darüber berichtete der Gouverneur der Region."
    a = one(text, "de", "berichtete")
    assert a.source.text == "der Gouverneur der Region"
    assert a.content.text == "Die Brücke bei Sumy ist eingestürzt."


def test_german_wie_alone_is_no_source():
    text = "Städte wie Charkiw und Sumy wurden in der Nacht beschossen."
    assert extract(text, "de") == []


def test_mentions_choose_the_speaker_inside_a_long_stretch():
    text = "Министерство обороны России в четверг объявило о взятии села."
    start = text.index("Министерство")
    end = start + len("Министерство обороны России")
    found = extract(text, "ru", mentions=[(start, end, "organization")])
    assert found and found[0].source.text == "Министерство обороны России"
    assert found[0].content.text.startswith("о взятии")


def test_unknown_language_has_no_attributions():
    assert extract("Someone said something important today.", "vi") == []
    assert extract("", "en") == []


# --------------------------------------------------------------------------- German word order


def test_german_adverb_before_the_verb_leaves_the_speaker_after_it():
    a = one("Infolgedessen sagte die Mehrheit der Befragten, dass die Sanktionen kaum spürbar seien.", "de", "sagte")
    assert a.source.text == "die Mehrheit der Befragten"
    assert a.content.text.startswith("die Sanktionen kaum spürbar")
    b = one("Letzte Woche forderte der Bürgermeister von Cherson, die Fähre wieder zu öffnen.", "de", "forderte")
    assert b.source.text == "der Bürgermeister von Cherson"


def test_german_focus_adverb_before_a_speaker_keeps_it_before_the_verb():
    a = one("Auch Peskow sagte, die Operation gehe weiter.", "de", "sagte")
    assert (a.source.text, a.content.text) == ("Peskow", "die Operation gehe weiter.")
    b = one("Auch das ukrainische Außenministerium kritisierte die Reise nach Moskau.", "de", "kritisierte")
    assert b.source.text == "das ukrainische Außenministerium"


def test_german_speaker_without_adverbs_auxiliaries_or_asides():
    a = one("Jedoch haben die USA klar gesagt, dass Polen nicht auf die NATO zählen kann.", "de", "gesagt")
    assert a.source.text == "die USA"
    b = one("Die Ministerin Olena Marchuk (parteilos) warnte vor neuen Angriffen auf die Stromnetze.", "de", "warnte")
    assert b.source.text == "Die Ministerin Olena Marchuk"
    c = one("Der Sprecher des Generalstabs in Kiew sagte, zwei Angriffe seien abgewehrt worden.", "de", "sagte")
    assert c.source.text == "Der Sprecher des Generalstabs"


def test_german_separable_verbs_need_their_particle_which_sets_the_stance():
    text = "Der Sprecher wies die Vorwürfe am Montag entschieden zurück."
    a = one(text, "de", "wies")
    assert a.cue_class == "deny" and stance_of(text, a, cues.lexicon("de")) == "denied"
    b = one("Der Sprecher wies darauf hin, dass die Lage ernst sei.", "de", "wies")
    assert b.cue_class == "report" and b.content.text == "die Lage ernst sei."
    c = one("Das Ministerium teilte am Abend mit, zwei Drohnen seien abgeschossen worden.", "de", "teilte")
    assert c.content.text == "zwei Drohnen seien abgeschossen worden."
    assert extract("Er kündigte die Partnerschaft mit der Stadt auf und reiste ab.", "de") == []


def test_german_questions_attributives_and_verb_final_clauses_claim_nothing():
    assert extract("Was sagte der Minister wirklich?", "de") == []
    assert extract("Das Land strebt ein Wachstum an, gemäß dem erklärten Ziel der Regierung.", "de") == []
    found = extract("Als die EU ihr Embargo verkündete, stieg der Ölpreis auf den Märkten.", "de")
    assert not any(a.cue.text == "verkündete" for a in found)


def test_german_source_prepositions_and_perfect_after_darueber():
    a = one("Aus dem Kreml hieß es, Putin sei zu Gesprächen bereit.", "de", "hieß es")
    assert a.source.text == "dem Kreml"
    b = one("Die Brücke sei nicht mehr befahrbar, hieß es von mehreren Augenzeugen.", "de", "hieß es")
    assert b.source.text == "mehreren Augenzeugen"
    text = "Die Ukraine hat zwei Brücken verloren. Darüber hat der Korrespondent im Fernsehen berichtet."
    c = one(text, "de", "berichtet")
    assert (c.source.text, c.content.text) == ("der Korrespondent", "Die Ukraine hat zwei Brücken verloren.")


def test_german_laut_inside_a_clause_attributes_the_whole_sentence():
    text = "Die Brände wurden bis zum 28. Juli laut der Forstbehörde in 22 Regionen gelöscht."
    a = one(text, "de", "laut")
    assert a.source.text == "der Forstbehörde"
    assert a.content.text == text  # one sentence: "28. Juli" ends none


def test_negated_beliefs_and_doubts_in_the_pattern_languages():
    cases = [("ru", "Министр не считает, что мост можно восстановить до весны.", "считает", "denied"),
             ("ru", "Эксперт сомневается, что армия удержит город.", "сомневается", "hedged"),
             ("uk", "Міністр не вважає, що міст можна відновити до весни.", "вважає", "denied"),
             ("uk", "Аналітик сумнівається, що армія утримає місто.", "сумнівається", "hedged"),
             ("de", "Die Expertin bezweifelt, dass die Armee die Stadt halten kann.", "bezweifelt", "hedged")]
    for lang, text, cue, stance in cases:
        assert stance_of(text, one(text, lang, cue), cues.lexicon(lang)) == stance, text
    text = "Der Minister glaubt nicht, dass die Brücke vor dem Frühjahr repariert werden kann."
    a = one(text, "de", "glaubt")
    assert stance_of(text, a, cues.lexicon("de")) == "denied"
    assert a.content.text.startswith("die Brücke")  # the negation belongs to the cue, not to what was said
