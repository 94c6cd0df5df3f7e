"""Write the recorded Lähellä.fi admin-API answers of the demo (Vantaa 092 + Kerava 245).

    .venv/bin/python demo/recordings/lahella/generate.py    # rewrite the JSON files here
    invoke import-lahella --offline                        # replay them into content/records/lahella/

Written for Tarjotin in the shape of the admin API's answers (docs/importers.md); the content is
realistic but illustrative: the associations, addresses, phone numbers and times are made up
(`example.fi`), place names are real. Besides the area's associations' activities it holds the
cases the importer must handle: hobby, support and voluntary types; weekly, every-other-week and
monthly schedules with breaks; dated events (past, upcoming, several days, several dates, on the
day daylight saving starts); several places; fi/sv/en texts and missing translations; HTML with
hostile markup; an activity Lähellä.fi has also transferred to PTV (merged); and activities to
leave out (a draft, an expired one, one in Helsinki, an ended course, a past event).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from importers.lahella import builders as b  # noqa: E402

#: The day the recording stands for: replays decide "past" and "ended" by it.
TODAY = "2026-11-23"

GROUPS = {
    '7103000101': b.group('7103000101', {'fi': 'Hakunilan Ruoka-apu ry'}, url='https://hakunilan-ruoka-apu.example.fi'),
    '7103000102': b.group('7103000102', {'fi': 'Keravan Yhteisökeittiö ry'}, url='https://keravan-yhteisokeittio.example.fi'),
    '7103000103': b.group('7103000103', {'fi': 'Vantaan Ystävätoiminta ry', 'sv': 'Vanda vänverksamhet rf'}, url='https://vantaan-ystavatoiminta.example.fi'),
    '7103000104': b.group('7103000104', {'fi': 'Keravan Eläkeläiset ry'}, url='https://keravan-elakelaiset.example.fi'),
    '7103000105': b.group('7103000105', {'fi': 'Vantaan Seudun Kuurot ry', 'sv': 'Vanda nejdens döva rf'}, url='https://vantaan-kuurot.example.fi'),
    '7103000106': b.group('7103000106', {'fi': 'Vantaan mielenterveysyhdistys Hyvä Arki ry', 'sv': 'Vanda föreningen för psykisk hälsa Hyvä Arki rf'}, url='https://hyva-arki.example.fi'),
    '7103000107': b.group('7103000107', {'fi': 'Korson Toipujat ry'}, url='https://korson-toipujat.example.fi'),
    '7103000108': b.group('7103000108', {'fi': 'Keski-Uudenmaan Sininauha ry'}, url='https://sininauha-ku.example.fi'),
    '7103000109': b.group('7103000109', {'fi': 'MLL Keravan yhdistys', 'sv': 'MLL Kervo förening'}, url='https://www.mll.fi'),
    '7103000110': b.group('7103000110', {'sv': 'Vanda svenska pensionärer rf'}, url='https://vanda-pensionarer.example.fi'),
    '7103000111': b.group('7103000111', {'sv': 'Folkhälsan i Kervo rf'}, url='https://www.folkhalsan.fi'),
    '7103000112': b.group('7103000112', {'fi': 'Vantaan Latu ry', 'sv': 'Vanda Latu rf'}, url='https://vantaan-latu.example.fi'),
    '7103000113': b.group('7103000113', {'fi': 'Keravan järjestöjen yhteistyöverkosto', 'sv': 'Samarbetsnätverket för föreningar i Kervo'}, url='https://kerava-jarjestot.example.fi'),
    '7103000114': b.group('7103000114', {'fi': 'Hakunilan kansainvälinen yhdistys ry', 'sv': 'Håkansböle internationella förening rf', 'en': 'Hakunila International Association'}, url='https://hky.example.fi'),
    '7103000115': b.group('7103000115', {'fi': 'Korson Seniorit ry'}, url='https://korson-seniorit.example.fi'),
    '7103000116': b.group('7103000116', {'fi': 'Myyrmäen Läksyapu ry'}, url='https://laksyapu.example.fi'),
    '7103000117': b.group('7103000117', {'fi': 'Vantaan Monikulttuuriset Naiset ry', 'en': "Vantaa Multicultural Women's Association"}, url='https://monikulttuuriset-naiset.example.fi'),
    '7103000118': b.group('7103000118', {'fi': 'Keravan Monikulttuurinen Perhetoiminta ry'}, url='https://perhetoiminta-kerava.example.fi'),
    '7103000119': b.group('7103000119', {'fi': 'Vantaan Virolaiset ry', 'en': 'Estonians in Vantaa Association'}, url='https://vantaan-virolaiset.example.fi'),
    '7103000120': b.group('7103000120', {'fi': 'Kivistön Kylätoimikunta ry'}, url='https://kivisto-kyla.example.fi'),
    '7103000121': b.group('7103000121', {'fi': 'Korson Martat ry', 'sv': 'Korso Marthor rf'}, url='https://www.martat.fi'),
    '7103000122': b.group('7103000122', {'fi': 'Vantaan seurakuntayhtymä', 'sv': 'Vanda kyrkliga samfällighet'}, url='https://vantaanseurakunnat.example.fi'),
    '7103000123': b.group('7103000123', {'fi': 'Tikkurilan Nuorisobändit ry'}, url='https://bandikerho.example.fi'),
    '7103000124': b.group('7103000124', {'fi': 'Keravan Luontoharrastajat ry', 'sv': 'Kervo naturvänner rf'}, url='https://keravan-luonto.example.fi'),
    '7103000125': b.group('7103000125', {'fi': 'Korson Käsityöläiset ry'}, url='https://korson-kasityo.example.fi'),
    '7103000126': b.group('7103000126', {'fi': 'Helsingin Senioritanssijat ry'}, url='https://hki-senioritanssi.example.fi'),
    '7103000127': b.group('7103000127', {'fi': 'Suomen Omaisverkosto ry', 'sv': 'Anhörignätverket i Finland rf'}, business_id='3123456-7', url='https://omaisverkosto.example.fi'),
}


def world() -> b.World:
    w = b.World(page_size=100)
    for item in GROUPS.values():
        w.add_group(item)

    w.activities.append(b.activity(
        '482301', 'support', {'fi': 'Hakunilan ruoka-apu', 'sv': 'Mathjälpen i Håkansböle', 'en': 'Hakunila food aid'}, group_key='7103000101',
        summary={'fi': 'Viikoittainen ruoka-avun jakelu kaikille, joilla rahat eivät riitä ruokaan. Ei tulorajoja eikä todistuksia.', 'sv': 'Veckovis utdelning av mathjälp till alla som inte har råd med mat. Inga inkomstgränser eller intyg.', 'en': 'Weekly food aid for anyone who cannot afford enough food. No income limits and no paperwork.'},
        description={'fi': 'Jaamme kauppojen ja tukkujen hävikkiruokaa sekä EU:n ruoka-apua kaksi kertaa viikossa. Ruoka-apuun ei tarvitse todistaa tuloja eikä kertoa syytä, miksi tarvitsee apua. Jonossa kaikki ovat samanarvoisia.\n\nTarjolla on yleensä leipää, maitotuotteita, hedelmiä ja vihanneksia sekä kuivatuotteita. Vihreässä pöydässä on kasvisruokaa ja halal-tuotteita sen mukaan, mitä lahjoituksina tulee.\n\nVapaaehtoiset puhuvat suomea, englantia, venäjää, arabiaa ja somalia. Jakelun yhteydessä paikalla on kerran kuussa hyvinvointialueen sosiaaliohjaaja, jolta voi kysyä toimeentulotuesta ja muusta avusta.\n\nJoulujakelu on perjantaina 18.12. klo 10–13, ja mukana on joulukassit lapsiperheille. Joulutauko 22.12.–5.1.', 'sv': 'Vi delar ut överbliven mat från butiker och grossister samt EU:s livsmedelsbistånd två gånger i veckan. Du behöver inte visa intyg eller berätta varför du behöver hjälp. Ta med en egen kasse.', 'en': 'We hand out surplus food from shops and wholesalers and EU food aid twice a week. You do not need to prove your income or explain why you need help. Volunteers speak Finnish, English, Russian, Arabic and Somali. Bring your own bag.'},
        themes=[], formats=[], locales=['fi-FI', 'en', 'ru-RU', 'ar', 'so-SO'],
        demographic=[], regions=['city/FI/Vantaa'],
        pricing='free', pricing_text=None,
        registration={'fi': 'Ota mukaan oma kassi.', 'sv': 'Ta med en egen kasse.', 'en': 'Bring your own bag.'},
        channels=[b.place({'fi': 'Hakunilan ostoskeskus, entinen pankkisali\n\nVuoronumerot jaetaan puoli tuntia ennen jakelun alkua.', 'sv': 'Håkansböle köpcentrum, före detta banksalen\n\nKönummer delas ut en halvtimme innan utdelningen börjar.', 'en': 'Hakunila shopping centre, former bank hall\n\nQueue numbers are handed out half an hour before the distribution starts.'}, street={'fi': 'Hakunilantori 6', 'sv': 'Håkansböletorget 6'}, postal_code='01200', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.2768, lon=25.1119, accessibility=['ac_wheelchair', 'ac_itoilet'], events=[b.weekly('2026-08-17', (2, '12:00', '14:00'), (5, '10:00', '12:00'), exclude=['2026-12-22', '2026-12-25', '2026-12-29', '2027-01-01', '2027-01-05']), b.single_day('2026-12-18', '10:00', '13:00')], registration_required=False)],
        contacts=[b.contact('phone', '+358 45 123 8870'), b.contact('email', 'ruoka-apu@example.fi')]))

    w.activities.append(b.activity(
        '482317', 'support', {'fi': 'Yhteisöateria Ahjon asukastilassa'}, group_key='7103000102',
        summary={'fi': 'Lämmin ateria ja seuraa joka torstai. Ruoka valmistetaan hävikkiraaka-aineista yhdessä vapaaehtoisten kanssa.', 'en': 'A warm meal and company every Thursday, cooked from surplus food together with volunteers.'},
        description={'fi': 'Yhteisöaterialla syödään yhdessä samassa pöydässä. Ruoka valmistetaan lähikauppojen hävikkiraaka-aineista, joten ruokalista vaihtuu viikoittain. Tarjolla on aina myös kasvisvaihtoehto.\n\nVoit tulla pelkästään syömään tai osallistua ruoan valmistukseen jo klo 9 alkaen. Moni kävijä sanoo, että tärkeintä on seura: aterialle tullaan juttelemaan, lukemaan lehteä ja tapaamaan tuttuja.\n\nHinta on 3 euroa, mutta sen voi jättää maksamatta, jos rahaa ei ole.\n\nJouluaattona ei ateriaa – tervetuloa sen sijaan joulupuuroon keskiviikkona 23.12. klo 11–13.'},
        themes=[], formats=[], locales=['fi-FI'],
        demographic=[], regions=['city/FI/Kerava'],
        pricing='paid', pricing_text={'fi': '3 €, jos pystyt maksamaan. Kukaan ei jää ilman ruokaa rahan takia.'},
        registration=None,
        channels=[b.place({'fi': 'Ahjon asukastila'}, street={'fi': 'Ahjontie 5'}, postal_code='04220', city={'fi': 'Kerava', 'sv': 'Kervo'}, lat=60.3931, lon=25.1175, accessibility=['ac_unknow'], events=[b.weekly('2026-08-17', (4, '11:30', '13:30'), exclude=['2026-12-24']), b.single_day('2026-12-23', '11:00', '13:00')], registration_required=False)],
        contacts=[b.contact('phone', '+358 44 980 2231', {'fi': 'Keittiövastaava'})]))

    w.activities.append(b.activity(
        '482355', 'voluntary', {'fi': 'Ryhdy ystäväksi ikäihmiselle', 'sv': 'Bli vän till en äldre person', 'en': 'Become a visiting friend to an older person'}, group_key='7103000103',
        summary={'fi': 'Vapaaehtoinen ystävä tapaa yksinäistä ikäihmistä noin kerran viikossa. Saat maksuttoman koulutuksen ja tukea.', 'sv': 'En frivillig vän träffar en ensam äldre person ungefär en gång i veckan. Du får avgiftsfri utbildning och stöd.', 'en': 'A volunteer friend meets a lonely older person about once a week. Free training and support are provided.'},
        description={'fi': 'Moni ikäihminen Vantaalla viettää päivänsä yksin. Vapaaehtoisena ystävänä tuot viikkoon hetken, jota odotetaan: voitte käydä kävelyllä, kahvilla, kirjastossa tai vain jutella kotona.\n\n## Mitä toivomme\n\n- vähintään puolen vuoden sitoutumista\n- tapaamisia noin kerran viikossa tai kahdessa, sinulle sopivana aikana\n- luotettavuutta ja vaitioloa\n\nSaat kahden lauantain peruskoulutuksen, ystävätoiminnan koordinaattorin tuen ja vapaaehtoisten yhteiset illat. Ystäväpari sovitetaan yhteen kiinnostusten ja kielen mukaan – myös ruotsin- ja englanninkielisiä ystäviä tarvitaan.', 'sv': 'Många äldre i Vanda tillbringar dagarna ensamma. Som frivillig vän ger du veckan en stund att se fram emot: ni kan promenera, dricka kaffe, gå till biblioteket eller bara prata hemma. Vi hoppas att du kan förbinda dig för minst ett halvt år. Du får en grundkurs och stöd av koordinatorn. Vi behöver också svenskspråkiga vänner.', 'en': 'Many older people in Vantaa spend their days alone. As a volunteer friend you bring something to look forward to each week: a walk, a coffee, a trip to the library or simply a chat. We ask for a commitment of at least six months. You get two days of training and support from the coordinator. English-speaking friends are needed too.'},
        themes=[], formats=[], locales=['fi-FI', 'sv', 'en'],
        demographic=['ageGroup/range:30-64', 'ageGroup/range:65-99'], regions=['city/FI/Vantaa'],
        pricing='free', pricing_text=None,
        registration={'fi': 'Seuraava peruskoulutus 30.1. ja 6.2.2027. Ilmoittaudu viimeistään 20.1.2027.', 'sv': 'Nästa grundkurs 30.1 och 6.2.2027. Anmäl dig senast 20.1.2027.', 'en': 'The next introductory training is on 30 January and 6 February 2027. Sign up by 20 January.'},
        channels=[],
        contacts=[b.contact('phone', '+358 50 441 2906', {'fi': 'Ystävätoiminnan koordinaattori', 'sv': 'Koordinator för vänverksamheten', 'en': 'Friendship programme coordinator'}), b.contact('email', 'ystavat@example.fi')]))

    w.activities.append(b.activity(
        '482390', 'voluntary', {'fi': 'Lukumummiksi tai -vaariksi keravalaiseen päiväkotiin'}, group_key='7103000104',
        summary={'fi': 'Vapaaehtoinen lukumummi tai -vaari lukee päiväkodin lapsille kirjoja kerran viikossa. Sopii eläkeläisille.'},
        description={'fi': 'Lukumummit ja -vaarit käyvät keravalaisissa päiväkodeissa lukemassa lapsille kerran viikossa, yleensä aamupäivisin. Pienessä ryhmässä luettu satu on lapselle tärkeä hetki, ja moni lukija kertoo saavansa siitä vähintään yhtä paljon kuin lapset.\n\nEt tarvitse aiempaa kokemusta. Saat aloitusillan, jossa kirjastonhoitaja vinkkaa hyviä lastenkirjoja ja kertoo, miten ääneen luetaan innostavasti. Lukijat tapaavat toisiaan kahvin merkeissä kerran kuussa.\n\nToimintaan voi lähteä mukaan milloin tahansa. Päiväkoti sovitaan sinun kotisi läheltä.'},
        themes=[], formats=[], locales=['fi-FI'],
        demographic=['ageGroup/range:65-99', 'ageGroup/range:7-12'], regions=['city/FI/Kerava'],
        pricing='free', pricing_text=None,
        registration={'fi': 'Soita yhteyshenkilölle. Päiväkotiin tarvitaan rikostaustaote, jonka yhdistys tilaa puolestasi maksutta.'},
        channels=[b.place({'fi': 'Keravan päiväkodit (sovitaan erikseen)'}, city={'fi': 'Kerava', 'sv': 'Kervo'}, accessibility=['ac_unknow'], registration_required=True)],
        contacts=[b.contact('phone', '+358 40 771 5032', {'fi': 'Toiminnan yhteyshenkilö'})]))

    w.activities.append(b.activity(
        '482402', 'hobby', {'fi': 'Viittomakielinen kerho Tikkurilassa', 'sv': 'Teckenspråkig klubb i Dickursby', 'en': 'Sign language club in Tikkurila'}, group_key='7103000105',
        summary={'fi': 'Kuurojen ja viittomakielisten kerho, jossa viittomakieliset tapaavat, kuulevat ajankohtaisista asioista ja viettävät aikaa yhdessä.', 'sv': 'En klubb för döva och teckenspråkiga där man träffas, hör om aktuella frågor och umgås.', 'en': 'A club for Deaf and signing people to meet, hear about current issues and spend time together.'},
        description={'fi': 'Kerhossa kokoonnutaan viikoittain viittomakielen äärelle. Illan aluksi kuullaan ajankohtaisia asioita, esimerkiksi tulkkauspalveluista, Kelan etuuksista tai alueen tapahtumista. Sen jälkeen on aikaa kahville, peleille ja keskustelulle.\n\nKerran kuussa on teemailta: vierailija, retki tai viittomakielinen elokuva.\n\nMyös viittomakieltä opiskelevat ja kuurojen läheiset ovat tervetulleita. Kerhon kieli on suomalainen viittomakieli; puhetta ei tulkata.', 'sv': 'Klubben träffas varje vecka. Kvällen börjar med aktuella frågor, till exempel om tolktjänster eller FPA:s förmåner, och sedan finns det tid för kaffe, spel och samtal. Klubbens språk är finskt teckenspråk.', 'en': "The club meets weekly. Evenings start with current topics such as interpreting services or Kela benefits, followed by coffee, games and conversation. The club's language is Finnish Sign Language; speech is not interpreted."},
        themes=['ht_kulttuuri', 'ht_vaikuttaminen'], formats=['hm_harrastukset'], locales=['fisl', 'fi-FI'],
        demographic=['ageGroup/range:30-64', 'ageGroup/range:65-99'], regions=['city/FI/Vantaa'],
        pricing='free', pricing_text=None,
        registration=None,
        channels=[b.place({'fi': 'Tikkurilan kirjasto, Lumme-sali\n\nSalissa on hyvä valaistus viittomista varten.', 'sv': 'Dickursby bibliotek, Lumme-salen\n\nSalen har god belysning för teckenspråk.'}, street={'fi': 'Lummetie 4', 'sv': 'Näckrosvägen 4'}, postal_code='01300', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.293, lon=25.0404, accessibility=['ac_wheelchair', 'ac_inductionloop'], events=[b.weekly('2026-08-17', (3, '17:00', '19:30'), exclude=['2026-12-23', '2026-12-30', '2027-01-06'])], registration_required=False)],
        contacts=[b.contact('phone', '+358 50 331 8804', {'fi': 'Tekstiviestit ja videopuhelut', 'sv': 'Textmeddelanden och videosamtal', 'en': 'Text messages and video calls'}), b.contact('email', 'kerho@example.fi')]))

    w.activities.append(b.activity(
        '482418', 'support', {'fi': 'Mielen vertaistukiryhmä Tikkurilassa', 'sv': 'Kamratstödsgrupp för psykisk hälsa i Dickursby'}, group_key='7103000106',
        summary={'fi': 'Avoin vertaisryhmä masennuksen, ahdistuksen tai uupumuksen kanssa eläville. Koulutettu vertaisohjaaja vetää ryhmää.', 'sv': 'En öppen kamratgrupp för personer som lever med depression, ångest eller utmattning. Gruppen leds av en utbildad kamratstödjare.'},
        description={'fi': 'Vertaisryhmässä tapaat ihmisiä, joilla on samankaltaisia kokemuksia. Ryhmässä ei tarvitse esittää mitään: voit kertoa omasta tilanteestasi tai vain kuunnella. Kaikki mitä ryhmässä puhutaan, jää ryhmään.\n\nRyhmä ei korvaa hoitoa, mutta voi olla hyvä tuki sen rinnalla. Maanantain ryhmä on suomeksi, torstain ryhmä vuoroviikoin suomeksi ja ruotsiksi.\n\nJos vointisi on huono tai ajattelet itsetuhoisia asioita, hae apua heti: [MIELI ry:n kriisipuhelin](https://mieli.fi) vastaa ympäri vuorokauden.', 'sv': 'I kamratgruppen träffar du människor med liknande erfarenheter. Du behöver inte prestera något: du kan berätta om din situation eller bara lyssna. Det som sägs i gruppen stannar i gruppen. Torsdagsgruppen hålls varannan vecka på svenska.'},
        themes=[], formats=[], locales=['fi-FI', 'sv'],
        demographic=['ageGroup/range:30-64'], regions=['city/FI/Vantaa'],
        pricing='free', pricing_text=None,
        registration={'fi': 'Tule suoraan paikalle. Ensimmäisellä kerralla voit vain kuunnella.', 'sv': 'Kom direkt. Första gången kan du bara lyssna.'},
        channels=[b.place({'fi': 'Hyvä Arki -olohuone', 'sv': 'Vardagsrummet Hyvä Arki'}, street={'fi': 'Asematie 10', 'sv': 'Stationsvägen 10'}, postal_code='01300', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.2931, lon=25.0427, accessibility=['ac_unknow'], events=[b.weekly('2026-08-17', (1, '17:30', '19:00'), (4, '13:00', '14:30'))], registration_required=False)],
        contacts=[b.contact('phone', '+358 44 700 2215'), b.contact('email', 'vertaistuki@example.fi')]))

    w.activities.append(b.activity(
        '482433', 'support', {'fi': 'Toipujien vertaisryhmä Korsossa'}, group_key='7103000107',
        summary={'fi': 'Päihteistä toipuvien ja niistä irti haluavien avoin ryhmä. Nimettömästi, ilman ennakkoilmoittautumista.'},
        description={'fi': 'Ryhmä on tarkoitettu sinulle, joka haluat lopettaa tai vähentää alkoholin, huumeiden tai lääkkeiden käyttöä, tai olet jo toipumassa. Ryhmässä ei kysytä nimeä eikä taustaa, eikä kenenkään tarvitse puhua.\n\nTapaamiset ovat päihteettömiä. Jos tulet paikalle päihtyneenä, voit jutella vetäjän kanssa ryhmän jälkeen.\n\nRyhmä on vertaisten pitämä eikä korvaa hoitoa. Vantaan ja Keravan hyvinvointialueen päihdepalveluihin pääset ilman lähetettä.\n\nRyhmä kokoontuu myös joulun ja uudenvuoden aikaan.'},
        themes=[], formats=[], locales=['fi-FI'],
        demographic=['ageGroup/range:30-64'], regions=['city/FI/Vantaa'],
        pricing='free', pricing_text=None,
        registration=None,
        channels=[b.place({'fi': 'Korson seurakuntakeskuksen kerhotila'}, street={'fi': 'Merikotkantie 2'}, postal_code='01450', city={'fi': 'Vantaa', 'sv': 'Vanda'}, accessibility=['ac_unknow'], events=[b.weekly('2026-08-17', (2, '18:00', '19:30'), (5, '18:00', '19:30'))], registration_required=False)],
        contacts=[b.contact('phone', '+358 45 212 6619', {'fi': 'Ryhmän vetäjä (iltaisin)'})]))

    w.activities.append(b.activity(
        '482447', 'support', {'fi': 'Pelaamisen vertaisryhmä verkossa', 'sv': 'Kamratgrupp för spelande på nätet'}, group_key='7103000108',
        summary={'fi': 'Etäryhmä rahapeli- tai digipelaamisen kanssa kamppaileville. Osallistu kotoa käsin kameralla tai ilman.', 'sv': 'En distansgrupp för personer som kämpar med penning- eller digitalt spelande. Delta hemifrån med eller utan kamera.', 'en': 'An online group for people struggling with gambling or gaming. Join from home, with or without your camera.'},
        description={'fi': 'Pelaaminen voi alkaa hallita arkea: raha menee, uni jää vähiin ja läheiset huolestuvat. Verkkoryhmässä voit puhua tästä muiden samaa kokeneiden kanssa turvallisesti kotoa käsin.\n\nRyhmä kokoontuu keskiviikkoisin Teamsissa. Kameraa ei tarvitse pitää päällä, ja voit käyttää pelkkää etunimeä tai nimimerkkiä.\n\n- Ohjaajina koulutettu vertaisohjaaja ja päihdetyön ammattilainen\n- Ryhmässä on enintään 10 osallistujaa\n- Voit osallistua myös läheisenä\n\nJos pelaamisesta on syntynyt velkoja, ryhmän ohjaajat auttavat löytämään talous- ja velkaneuvonnan.', 'sv': 'Spelandet kan börja styra vardagen: pengarna tar slut, sömnen blir kort och de närstående oroar sig. I nätgruppen kan du prata om det med andra som varit med om samma sak. Gruppen träffas på Teams på onsdagar; samtalen förs på finska.'},
        themes=[], formats=[], locales=['fi-FI'],
        demographic=['ageGroup/range:13-17', 'ageGroup/range:30-64'], regions=['city/FI/Vantaa', 'city/FI/Kerava'],
        pricing='free', pricing_text=None,
        registration={'fi': 'Ilmoittaudu sähköpostilla tai lomakkeella, niin saat kokouslinkin.', 'sv': 'Anmäl dig per e-post eller med formuläret så får du mötelänken.'},
        channels=[b.online({'fi': 'Teams'}, events=[b.weekly('2026-08-17', (3, '19:00', '20:30'))])],
        contacts=[b.contact('email', 'pelaaminen@example.fi')]))

    w.activities.append(b.activity(
        '482460', 'support', {'fi': 'MLL:n perhekahvila Keravalla', 'sv': 'MLL:s familjecafé i Kervo', 'en': 'MLL family café in Kerava'}, group_key='7103000109',
        summary={'fi': 'Vapaaehtoisten pitämä perhekahvila vauvoille, taaperoille ja heidän vanhemmilleen. Tervetuloa myös isät ja isovanhemmat.', 'sv': 'Ett familjecafé som drivs av frivilliga för bebisar, småbarn och deras föräldrar. Välkomna även pappor och mor- och farföräldrar.', 'en': 'A volunteer-run family café for babies, toddlers and their parents. Dads and grandparents welcome too.'},
        description={'fi': 'Perhekahvilassa lapset leikkivät ja aikuiset saavat vertaisseuraa. Jokaisella kerralla on lyhyt laulu- tai lorutuokio, ja välillä askarrellaan tai jumpataan yhdessä.\n\nKahvilan pitävät MLL:n koulutetut vapaaehtoiset. Kahvilassa on mukana myös ukrainaa ja englantia puhuvia vapaaehtoisia, joten uudetkin keravalaisperheet ovat lämpimästi tervetulleita.\n\nLauantaikahvila kirjastossa on erityisesti isille ja isovanhemmille, mutta kaikille avoin.', 'en': 'Children play while adults meet other parents. Each session has a short song or rhyme time, and sometimes crafts or baby gym. The café is run by trained MLL volunteers, including Ukrainian- and English-speaking ones, so families new to Kerava are very welcome. The Saturday café at the library is especially for dads and grandparents but open to all.'},
        themes=[], formats=[], locales=['fi-FI', 'en', 'uk-UA'],
        demographic=['ageGroup/range:0-6', 'ageGroup/range:7-12'], regions=['city/FI/Kerava'],
        pricing='paid', pricing_text={'fi': 'Kahvi ja välipala 1 €, lapset maksutta.', 'sv': 'Kaffe och mellanmål 1 €, barn gratis.', 'en': 'Coffee and snack €1, children free.'},
        registration=None,
        channels=[b.place({'fi': 'Savion kerhotalo', 'sv': 'Savio klubbhus'}, street={'fi': 'Savionkatu 21'}, postal_code='04260', city={'fi': 'Kerava', 'sv': 'Kervo'}, lat=60.3925, lon=25.1198, accessibility=['ac_unknow'], events=[b.weekly('2026-08-17', (1, '09:30', '12:00'), (4, '09:30', '12:00'), exclude=['2026-12-21', '2026-12-24', '2026-12-28', '2026-12-31', '2027-01-04'])], registration_required=False),
                  b.place({'fi': 'Keravan kirjasto, lastenosasto\n\nLauantaikahvila kuukauden ensimmäisenä lauantaina.', 'sv': 'Kervo bibliotek, barnavdelningen\n\nLördagscafé första lördagen i månaden.', 'en': 'Kerava Library, children\'s section\n\nSaturday café on the first Saturday of each month.'}, street={'fi': 'Paasikivenkatu 12'}, postal_code='04200', city={'fi': 'Kerava', 'sv': 'Kervo'}, lat=60.4036, lon=25.1018, accessibility=['ac_unknow'], events=[b.weekly('2026-09-05', (6, '10:00', '12:00'), period='P1M')], registration_required=False)],
        contacts=[b.contact('phone', '+358 40 912 7720'), b.contact('email', 'kerava@example.fi'), b.contact('www', 'https://www.mll.fi', {'fi': 'Mannerheimin Lastensuojeluliitto', 'sv': 'Mannerheims Barnskyddsförbund', 'en': 'Mannerheim League for Child Welfare'})]))

    w.activities.append(b.activity(
        '482478', 'hobby', {'sv': 'Seniorträff i Dickursby'}, group_key='7103000110',
        summary={'sv': 'Svenskspråkig träff för pensionärer varannan tisdag med föredrag, sång, utflykter och kaffe.'},
        description={'sv': 'Vi är en svenskspråkig pensionärsförening i Dickursby som träffas varannan tisdag. Varje träff har ett program: ett föredrag om hälsa eller lokalhistoria, musik, frågesport eller allsång. På hösten och våren gör vi dagsutflykter med buss.\n\nKaffet och samvaron är minst lika viktiga som programmet. Kom med och prova – du behöver inte vara medlem första gången.\n\nVårens program 2027 publiceras i januari.'},
        themes=['ht_kulttuuri'], formats=['hm_kohtaamispaikka'], locales=['sv'],
        demographic=['ageGroup/range:65-99'], regions=['city/FI/Vantaa'],
        pricing='paid', pricing_text={'sv': 'Medlemsavgift 15 € per år. Kaffe 2 €. Nya medlemmar är välkomna att prova gratis.'},
        registration=None,
        channels=[b.place({'sv': 'Föreningslokalen Kvarnen'}, street={'sv': 'Stationsvägen 6'}, postal_code='01300', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.2927, lon=25.044, accessibility=['ac_unknow'], events=[b.weekly('2026-08-18', (2, '13:00', '15:00'), period='P2W')], registration_required=False)],
        contacts=[b.contact('phone', '+358 40 552 1904', {'sv': 'Ordförande'}), b.contact('email', 'vanda.pensionarer@example.fi')]))

    w.activities.append(b.activity(
        '482485', 'hobby', {'sv': 'Familjecafé på svenska i Kervo'}, group_key='7103000111',
        summary={'sv': 'Ett svenskspråkigt familjecafé för barn under skolåldern och deras vuxna. Sång, lek och kaffe varje fredag.'},
        description={'sv': 'I familjecaféet träffas svenskspråkiga och tvåspråkiga familjer i Kervo. Vi börjar med en sångstund klockan tio, och sedan leker barnen medan de vuxna dricker kaffe och pratar.\n\nCaféet är ett bra ställe för dig som vill att ditt barn ska höra svenska också utanför hemmet, eller som funderar på svenskspråkig dagvård och skola. Finskspråkiga föräldrar till tvåspråkiga barn är också välkomna.'},
        themes=['ht_kulttuuri'], formats=['hm_kohtaamispaikka'], locales=['sv'],
        demographic=['ageGroup/range:0-6', 'ageGroup/range:7-12'], regions=['city/FI/Kerava'],
        pricing='free', pricing_text=None,
        registration=None,
        channels=[b.place({'sv': 'Folkhälsans klubblokal'}, street={'sv': 'Torggatan 3', 'fi': 'Torikatu 3'}, postal_code='04200', city={'fi': 'Kerava', 'sv': 'Kervo'}, accessibility=['ac_unknow'], events=[b.weekly('2026-08-17', (5, '09:30', '11:30'), exclude=['2026-12-18', '2026-12-25', '2027-01-01', '2027-01-08'])], registration_required=False)],
        contacts=[b.contact('email', 'kervo@example.fi')]))

    w.activities.append(b.activity(
        '482501', 'hobby', {'fi': 'Syysretki Sipoonkorpeen', 'sv': 'Höstutflykt till Sibbo storskog'}, group_key='7103000112',
        summary={'fi': 'Opastettu päiväretki Sipoonkorven kansallispuistoon. Noin 8 km rauhallista patikointia ja makkaranpaistoa.', 'sv': 'En guidad dagsutflykt till Sibbo storskogs nationalpark. Cirka 8 km lugn vandring och korvgrillning.'},
        description={'fi': 'Lähdemme Kalkkiruukin pysäköintipaikalta kiertämään Sipoonkorven polkuja Bisajärven suuntaan. Matkaa kertyy noin kahdeksan kilometriä, ja tahti on rauhallinen. Puolivälissä pysähdymme laavulle paistamaan makkaraa.\n\nOta mukaan eväät, juomaa, istuinalusta ja sään mukainen vaatetus. Osa reitistä on kivikkoista, joten hyvät kengät ovat tarpeen.', 'sv': 'Vi startar från Kalkkiruukki parkering och vandrar på stigarna i Sibbo storskog mot Bisajärvi. Sträckan är ungefär åtta kilometer och tempot lugnt. Ta med matsäck, dryck, sittunderlag och kläder efter vädret.'},
        themes=['ht_luonto'], formats=['hm_leirit'], locales=['fi-FI', 'sv'],
        demographic=['ageGroup/range:30-64', 'ageGroup/range:65-99'], regions=['city/FI/Vantaa'],
        pricing='free', pricing_text=None,
        registration={'fi': 'Ilmoittaudu viimeistään 16.9.', 'sv': 'Anmäl dig senast 16.9.'},
        channels=[b.place({'fi': 'Kalkkiruukin pysäköintipaikka, Sipoonkorven kansallispuisto', 'sv': 'Kalkkiruukki parkering, Sibbo storskogs nationalpark'}, city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.3164, lon=25.1812, accessibility=['ac_unknow'], events=[b.single('2026-09-19T10:00', '2026-09-19T15:00')], registration_required=True)],
        contacts=[b.contact('phone', '+358 40 880 3391', {'fi': 'Retken vetäjä', 'sv': 'Utflyktsledaren'})]))

    w.activities.append(b.activity(
        '482519', 'hobby', {'fi': 'Keravan hyvinvointimessut', 'sv': 'Välbefinnandemässan i Kervo'}, group_key='7103000113',
        summary={'fi': 'Järjestöjen, seurojen ja hyvinvointialueen messupäivä. Esittelyjä, mittauksia, lajikokeiluja ja vapaaehtoistoiminnan pisteitä.', 'sv': 'En mässdag för föreningar, idrottsklubbar och välfärdsområdet. Presentationer, mätningar, prova-på-grenar och frivilligverksamhet.'},
        description={'fi': 'Messuilla yli 30 keravalaista järjestöä ja seuraa esittelee toimintaansa. Voit mitata verenpaineen ja kehonkoostumuksen, kokeilla tuolijoogaa ja kävelyfutista ja kuulla, miten pääset mukaan vapaaehtoistoimintaan.\n\nLavalla on ohjelmaa koko päivän: kuorolaulua, tanssiesityksiä ja lyhyitä puheenvuoroja mielen hyvinvoinnista.\n\nMessut on tarkoitettu kaikenikäisille, ja lapsille on oma puuhanurkka. Jokainen kävijä saa mukaansa kartan Keravan harrastus- ja vertaistukiryhmistä.', 'sv': 'Över 30 föreningar och klubbar i Kervo presenterar sin verksamhet. Du kan mäta blodtrycket, prova stolyoga och gångfotboll och höra hur du kan bli frivillig. Program på scenen hela dagen.'},
        themes=['ht_hyvinvointi', 'ht_urheilu'], formats=['hm_tilaisuudet'], locales=['fi-FI', 'sv'],
        demographic=[], regions=['city/FI/Kerava'],
        pricing='free', pricing_text=None,
        registration=None,
        channels=[b.place({'fi': 'Kauppakeskus Karuselli', 'sv': 'Köpcentret Karuselli'}, postal_code='04200', city={'fi': 'Kerava', 'sv': 'Kervo'}, lat=60.4028, lon=25.1056, accessibility=['ac_unknow'], events=[b.single('2026-10-03T10:00', '2026-10-03T15:00')])],
        contacts=[]))

    w.activities.append(b.activity(
        '482530', 'hobby', {'fi': 'Hakunilan kansainväliset kulttuuripäivät', 'sv': 'Internationella kulturdagar i Håkansböle', 'en': 'Hakunila International Culture Days'}, group_key='7103000114',
        summary={'fi': 'Kolmen päivän festivaali, jossa on musiikkia, tanssia, ruokaa ja työpajoja eri kulttuureista. Useimmat ohjelmat maksuttomia.', 'sv': 'En festival på tre dagar med musik, dans, mat och verkstäder från olika kulturer. Det mesta är gratis.', 'en': 'A three-day festival of music, dance, food and workshops from many cultures. Most of the programme is free.'},
        description={'fi': 'Hakunilassa asuu ihmisiä yli sadasta maasta. Kulttuuripäivillä naapurit esittelevät toisilleen musiikkiaan, tanssejaan ja ruokaperinteitään.\n\n## Ohjelmassa\n\n- **perjantai 12.2. klo 17–21:** avajaiskonsertti ja yhteinen iltapala\n- **lauantai 13.2. klo 11–18:** tanssityöpajat, lasten satutuokiot eri kielillä, ruokatyöpajat\n- **sunnuntai 14.2. klo 11–16:** perheliikuntaa urheilupuistossa ja ystävänpäivän kohtaamiskahvila\n\nTapahtuma on päihteetön ja sopii koko perheelle. Vapaaehtoiset opastavat suomeksi, ruotsiksi, englanniksi, arabiaksi, somaliksi ja venäjäksi.', 'sv': 'Invånare från över hundra länder bor i Håkansböle. Under kulturdagarna presenterar grannarna sin musik, sina danser och sina mattraditioner för varandra. Fredag kväll öppningskonsert, lördag dans- och matverkstäder samt sagostunder på olika språk, söndag familjemotion och ett vänskapskafé.', 'en': "People from more than a hundred countries live in Hakunila. During the culture days, neighbours share their music, dances and food traditions. Friday evening opening concert; Saturday dance and cooking workshops and story times in several languages; Sunday family sports and a Valentine's Day friendship café. Substance-free and family-friendly."},
        themes=['ht_kulttuuri', 'ht_kansainvalisyys'], formats=['hm_tilaisuudet'], locales=['fi-FI', 'sv', 'en', 'ar', 'so-SO', 'ru-RU'],
        demographic=['ageGroup/range:0-6', 'ageGroup/range:7-12', 'ageGroup/range:13-17', 'ageGroup/range:30-64', 'ageGroup/range:65-99'], regions=['city/FI/Vantaa'],
        pricing='paid', pricing_text={'fi': 'Konsertit ja esitykset maksuttomia. Ruokatyöpajat 5 €, Kaikukortilla maksutta.', 'sv': 'Konserter och föreställningar gratis. Matverkstäder 5 €, gratis med Kaikukortet.', 'en': 'Concerts and performances free. Cooking workshops €5, free with the Kaikukortti card.'},
        registration={'fi': 'Ruokatyöpajoihin ilmoittaudutaan paikan päällä.', 'sv': 'Anmälan till matverkstäderna görs på plats.', 'en': 'Sign up for the cooking workshops on site.'},
        channels=[b.place({'fi': 'Hakunilan asukastila', 'sv': 'Håkansböle invånarlokal'}, street={'fi': 'Hakunilankuja 4', 'sv': 'Håkansbölegränden 4'}, postal_code='01200', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.2772, lon=25.1131, accessibility=['ac_wheelchair', 'ac_itoilet'], events=[b.date_range('2027-02-12T17:00', '2027-02-14T16:00')], registration_required=False),
                  b.place({'fi': 'Hakunilan urheilupuisto, liikuntasali', 'sv': 'Håkansböle idrottspark, idrottssalen'}, street={'fi': 'Hakunilantie 44', 'sv': 'Håkansbölevägen 44'}, postal_code='01200', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.2786, lon=25.115, accessibility=['ac_unknow'], events=[b.single('2027-02-12T17:00', '2027-02-14T16:00')], registration_required=False)],
        contacts=[b.contact('phone', '+358 44 311 0920'), b.contact('email', 'kulttuuripaivat@example.fi')]))

    w.activities.append(b.activity(
        '482544', 'hobby', {'fi': 'Vapaaehtoistoiminnan infoilta', 'sv': 'Infokväll om frivilligverksamhet'}, group_key='7103000113',
        summary={'fi': 'Kiinnostaako vapaaehtoistyö? Keravan järjestöt kertovat, millaisiin tehtäviin voit lähteä mukaan.', 'sv': 'Intresserad av frivilligarbete? Föreningarna i Kervo berättar vilka uppgifter du kan delta i.'},
        description={'fi': 'Vapaaehtoistyö tuo arkeen merkitystä ja uusia ihmisiä. Infoillassa kymmenen keravalaista järjestöä kertoo tehtävistään: ystävätoiminta, lukumummit ja -vaarit, ruoka-apu, läksykerhot, tapahtumien järjestäminen ja nuorten tukihenkilötoiminta.\n\nVoit kysellä rauhassa järjestöjen pisteillä ja kokeilla, mikä sopisi sinulle. Monessa tehtävässä riittää muutama tunti kuussa.', 'sv': 'Frivilligarbete ger vardagen mening och nya bekantskaper. Under infokvällen berättar tio föreningar i Kervo om sina uppgifter: vänverksamhet, läsfarmor och läsfarfar, mathjälp, läxhjälp och evenemang. I många uppgifter räcker några timmar i månaden.'},
        themes=['ht_vaikuttaminen'], formats=['hm_harrastukset'], locales=['fi-FI', 'sv'],
        demographic=['ageGroup/range:13-17', 'ageGroup/range:30-64', 'ageGroup/range:65-99'], regions=['city/FI/Kerava'],
        pricing='free', pricing_text=None,
        registration=None,
        channels=[b.place({'fi': 'Keravan kirjasto, Pentinkulman sali', 'sv': 'Kervo bibliotek, Pentinkulma-salen'}, street={'fi': 'Paasikivenkatu 12'}, postal_code='04200', city={'fi': 'Kerava', 'sv': 'Kervo'}, lat=60.4036, lon=25.1018, accessibility=['ac_wheelchair', 'ac_inductionloop'], kind='hybrid', events=[b.single('2027-01-14T17:00', '2027-01-14T18:30')], registration_required=False)],
        contacts=[]))

    w.activities.append(b.activity(
        '482552', 'hobby', {'fi': 'Ystävänpäivän yhteislaulut Korsossa'}, group_key='7103000115',
        summary={'fi': 'Lauletaan yhdessä tuttuja lauluja iskelmistä kansanlauluihin. Laulujen sanat näytetään valkokankaalla.', 'sv': 'Vi sjunger tillsammans kända sånger från schlager till folkvisor. Texterna visas på filmduken.'},
        description={'fi': 'Ystävänpäivänä lauletaan yhdessä! Säestäjänä on kanttori Korson seurakunnasta, ja lauluja toivotaan yleisöltä. Laulujen sanat näytetään isolla valkokankaalla, joten laulukirjaa ei tarvita.\n\nOta ystävä mukaan – tai tule yksin ja tutustu uusiin ihmisiin kahvipöydässä.\n\nLaulaminen yhdessä kohottaa mielialaa ja on hyvää hengitysharjoitusta. Juhlasaliin pääsee hissillä, ja salissa on induktiosilmukka.'},
        themes=['ht_kulttuuri'], formats=['hm_kohtaamispaikka'], locales=['fi-FI'],
        demographic=['ageGroup/range:65-99'], regions=['city/FI/Vantaa'],
        pricing='paid', pricing_text={'fi': 'Vapaaehtoinen kahviraha 2 €.'},
        registration=None,
        channels=[b.place({'fi': 'Korson palvelukeskus, juhlasali'}, street={'fi': 'Korsontie 2'}, postal_code='01450', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.3512, lon=25.0818, accessibility=['ac_wheelchair', 'ac_inductionloop'], events=[b.single('2027-02-14T14:00', '2027-02-14T15:30')], registration_required=False)],
        contacts=[]))

    w.activities.append(b.activity(
        '482569', 'voluntary', {'fi': 'Vapaaehtoiseksi ruoka-apuun Hakunilassa', 'en': 'Volunteer at the Hakunila food aid'}, group_key='7103000101',
        summary={'fi': 'Tarvitsemme vapaaehtoisia lajittelemaan ja jakamaan ruokaa tiistaisin ja perjantaisin. Sopii myös nuorille ja kielitaitoisille.', 'en': 'We need volunteers to sort and hand out food on Tuesdays and Fridays. Young people and speakers of other languages welcome.'},
        description={'fi': 'Ruoka-apu pyörii vapaaehtoisten voimin. Aamuvuorossa haetaan ja lajitellaan kauppojen lahjoittama ruoka, iltapäivällä jaetaan kassit jonottajille. Tehtäviä on myös autonkuljettajille (B-kortti) ja kielitaitoisille opastajille.\n\nVapaaehtoisena saat hygieniapassikoulutuksen maksutta, työkokemusta ja todistuksen, jota voi käyttää työnhaussa. Moni nuori on tullut meille kesäksi ja jäänyt pidemmäksi aikaa.\n\nVuorot sovitaan vapaaehtoisten kesken. Yksi vuoro kestää 2–4 tuntia.', 'en': 'The food aid runs on volunteers. Morning shifts collect and sort the food donated by shops; afternoon shifts hand out the bags. We also need drivers (category B licence) and people who speak other languages. You get free food hygiene training, work experience and a certificate for your CV. Shifts are agreed among the volunteers; one shift takes 2–4 hours.'},
        themes=[], formats=[], locales=['fi-FI', 'en'],
        demographic=['ageGroup/range:13-17', 'ageGroup/range:30-64', 'ageGroup/range:65-99'], regions=['city/FI/Vantaa'],
        pricing='free', pricing_text=None,
        registration={'fi': 'Soita tai lähetä sähköpostia, niin sovitaan ensimmäinen vuoro. Alaikäisiltä huoltajan lupa.', 'en': "Call or e-mail us to agree on your first shift. Under-18s need a guardian's permission."},
        channels=[b.place({'fi': 'Hakunilan ostoskeskus, entinen pankkisali', 'sv': 'Håkansböle köpcentrum, före detta banksalen'}, street={'fi': 'Hakunilantori 6', 'sv': 'Håkansböletorget 6'}, postal_code='01200', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.2768, lon=25.1119, accessibility=['ac_unknow'], events=[b.weekly('2026-08-17', (2, '10:00', '14:30'), (5, '08:00', '12:30'))], registration_required=True)],
        contacts=[b.contact('phone', '+358 45 123 8870'), b.contact('email', 'ruoka-apu@example.fi')]))

    w.activities.append(b.activity(
        '482573', 'voluntary', {'fi': 'Läksykerhon vapaaehtoinen Myyrmäessä', 'sv': 'Frivillig i läxklubben i Myrbacka', 'en': 'Homework club volunteer in Myyrmäki'}, group_key='7103000116',
        summary={'fi': 'Auta koululaisia läksyissä kerran viikossa kirjastossa. Erityisesti matematiikan ja suomen kielen osaajia tarvitaan.', 'sv': 'Hjälp skolbarn med läxorna en gång i veckan på biblioteket. Särskilt kunskaper i matematik och finska behövs.', 'en': 'Help schoolchildren with homework once a week at the library. People good at maths and Finnish especially needed.'},
        description={'fi': 'Läksykerhossa 7–15-vuotiaat koululaiset saavat apua kotitehtäviin. Monen kerholaisen vanhemmat eivät osaa suomea, eikä kotona ole ketään, joka voisi auttaa matematiikassa tai kirjoitelmissa.\n\nVapaaehtoisena istut yhden tai kahden lapsen vieressä ja autat heitä ymmärtämään tehtävän. Opettajan pätevyyttä ei tarvita: kärsivällisyys ja ystävällisyys riittävät. Vapaaehtoisina on opiskelijoita, työssäkäyviä ja eläkeläisiä.', 'sv': 'I läxklubben får skolbarn i åldern 7–15 hjälp med läxorna. Som frivillig sitter du bredvid ett eller två barn och hjälper dem att förstå uppgiften. Du behöver ingen lärarbehörighet, bara tålamod och vänlighet.', 'en': "At the homework club, children aged 7–15 get help with their homework. Many of their parents don't speak Finnish. As a volunteer you sit with one or two children and help them understand the task. No teaching qualification is needed – patience and kindness are enough."},
        themes=[], formats=[], locales=['fi-FI', 'en', 'ar'],
        demographic=['ageGroup/range:13-17', 'ageGroup/range:30-64', 'ageGroup/range:65-99'], regions=['city/FI/Vantaa'],
        pricing='free', pricing_text=None,
        registration={'fi': 'Ilmoittaudu sähköpostilla. Tarvitset rikostaustaotteen, jonka yhdistys tilaa puolestasi.', 'sv': 'Anmäl dig per e-post. Du behöver ett straffregisterutdrag som föreningen beställer åt dig.', 'en': 'Sign up by e-mail. You need a criminal record extract, which the association orders for you.'},
        channels=[b.place({'fi': 'Myyrmäen kirjasto, nuortenosasto', 'sv': 'Myrbacka bibliotek, ungdomsavdelningen', 'en': 'Myyrmäki Library, youth section'}, street={'fi': 'Paalutori 3', 'sv': 'Påltorget 3'}, postal_code='01600', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.2613, lon=24.8543, accessibility=['ac_wheelchair'], events=[b.weekly('2026-08-17', (1, '15:00', '17:00'), (3, '15:00', '17:00'), exclude=['2026-12-21', '2026-12-23', '2026-12-28', '2026-12-30', '2027-01-04', '2027-01-06', '2027-02-22', '2027-02-24'])], registration_required=True)],
        contacts=[b.contact('email', 'laksykerho@example.fi')]))

    w.activities.append(b.activity(
        '482588', 'hobby', {'fi': 'Naisten kävelyryhmä Koivukylässä', 'sv': 'Promenadgrupp för kvinnor i Björkby', 'en': "Women's walking group in Koivukylä"}, group_key='7103000117',
        summary={'fi': 'Monikulttuurinen kävelyryhmä naisille. Kävelemme tunnin ja juttelemme – samalla oppii suomea.', 'sv': 'En mångkulturell promenadgrupp för kvinnor. Vi går en timme och pratar – och lär oss finska på köpet.', 'en': 'A multicultural walking group for women. We walk for an hour and chat – and practise Finnish along the way.'},
        description={'fi': 'Kävelyryhmä on naisille, jotka haluavat liikkua ja tutustua uusiin ihmisiin. Kävelemme rauhallisessa tahdissa noin tunnin lenkin Koivukylän puistoissa ja Keravanjoen rannassa. Kävellessä puhumme suomea, ja ohjaajat auttavat somaliksi, arabiaksi ja persiaksi.\n\nTalvella käytämme liukuesteitä, joita saa lainaksi ryhmältä. Lastenvaunut saa ottaa mukaan.', 'en': 'The walking group is for women who want to move and meet new people. We walk about an hour at an easy pace through the parks of Koivukylä and along the Keravanjoki river. We speak Finnish as we walk, with help in Somali, Arabic and Persian. In winter you can borrow anti-slip shoe grips. Prams welcome.'},
        themes=['ht_urheilu'], formats=['hm_ryhmat'], locales=['fi-FI', 'so-SO', 'ar', 'fa-IR'],
        demographic=['ageGroup/range:30-64', 'ageGroup/range:65-99', 'gender/female'], regions=['city/FI/Vantaa'],
        pricing='free', pricing_text=None,
        registration=None,
        channels=[b.place({'fi': 'Koivukylän aseman edusta\n\nKävelemme säällä kuin säällä.', 'sv': 'Framför Björkby station\n\nVi går i alla väder.', 'en': 'In front of Koivukylä station\n\nWe walk in all weathers.'}, city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.3231, lon=25.0625, accessibility=['ac_unknow'], events=[b.weekly('2026-08-17', (3, '10:00', '11:00'))], registration_required=False)],
        contacts=[b.contact('phone', '+358 46 590 2718', {'fi': 'Ohjaaja (suomi, somali, arabia)', 'en': 'Leader (Finnish, Somali, Arabic)'})]))

    w.activities.append(b.activity(
        '482596', 'support', {'fi': 'Äiti–lapsi-ryhmä ukrainaksi ja venäjäksi', 'en': 'Mother and child group in Ukrainian and Russian'}, group_key='7103000118',
        summary={'fi': 'Ukrainaa ja venäjää puhuvien äitien ja alle kouluikäisten lasten ryhmä Keravalla. Leikkiä, laulua ja vertaistukea.', 'en': 'A group in Kerava for Ukrainian- and Russian-speaking mothers and their children under school age. Play, songs and peer support.'},
        description={'fi': 'Ryhmässä äidit voivat puhua omalla kielellään arjesta uudessa maassa, ja lapset leikkivät ja laulavat yhdessä. Kerran kuussa mukana on vieras, esimerkiksi neuvolan terveydenhoitaja tai varhaiskasvatuksen ohjaaja, joka kertoo suomalaisista palveluista tulkin välityksellä.\n\nRyhmä on avoin, ja mukaan voi tulla milloin tahansa. Isät ja isovanhemmat ovat myös tervetulleita.\n\nГрупа проводиться українською та російською мовами.', 'en': 'Mothers talk in their own language about daily life in a new country while the children play and sing together. Once a month a guest – for example a child health clinic nurse – explains Finnish services through an interpreter. Drop in any time; fathers and grandparents are welcome too.'},
        themes=[], formats=[], locales=['uk-UA', 'ru-RU', 'fi-FI'],
        demographic=['ageGroup/range:0-6', 'ageGroup/range:7-12'], regions=['city/FI/Kerava'],
        pricing='free', pricing_text=None,
        registration=None,
        channels=[b.place({'fi': 'Keravan seurakuntakeskus, kerhotila', 'en': 'Kerava parish centre, club room'}, street={'fi': 'Papintie 6'}, postal_code='04200', city={'fi': 'Kerava', 'sv': 'Kervo'}, lat=60.4061, lon=25.1087, accessibility=['ac_unknow'], events=[b.weekly('2026-08-17', (2, '10:00', '12:00'))], registration_required=False)],
        contacts=[b.contact('phone', '+358 41 702 3365', {'fi': 'Ohjaaja (ukraina, venäjä)', 'en': 'Leader (Ukrainian, Russian)'})]))

    w.activities.append(b.activity(
        '482611', 'hobby', {'fi': 'Virolainen kuoro Vantaalla', 'en': 'Estonian choir in Vantaa'}, group_key='7103000119',
        summary={'fi': 'Viroa puhuvien sekakuoro, joka laulaa virolaisia kansanlauluja ja kuorolaulua. Uudet laulajat tervetulleita.', 'en': 'A mixed choir for Estonian speakers singing Estonian folk songs and choral music. New singers welcome.'},
        description={'fi': 'Kuorossa laulaa noin 25 viroa puhuvaa vantaalaista ja keravalaista. Ohjelmistossa on virolaisia kansanlauluja, kuorolaulua ja joulun aikaan joululauluja. Esiinnymme virolaisissa juhlissa ja kirkkokonserteissa.\n\nNuotinlukutaitoa ei tarvita. Harjoituskieli on viro, mutta suomeksikin pärjää. Harjoitusten jälkeen juodaan usein teetä ja vaihdetaan kuulumisia, joten kuoro on myös tapa löytää ystäviä uudessa kotikaupungissa.\n\nKoor ootab uusi lauljaid – tere tulemast!', 'en': 'About 25 Estonian speakers from Vantaa and Kerava sing in the choir. The repertoire includes Estonian folk songs, choral music and Christmas songs. No need to read music. Rehearsals are in Estonian, but you will manage in Finnish too.'},
        themes=['ht_kulttuuri'], formats=['hm_ryhmat'], locales=['et-EE', 'fi-FI'],
        demographic=['ageGroup/range:30-64', 'ageGroup/range:65-99'], regions=['city/FI/Vantaa'],
        pricing='paid', pricing_text={'fi': 'Jäsenmaksu 40 € / kausi.', 'en': 'Membership €40 per season.'},
        registration={'fi': 'Tule kuuntelemaan harjoituksiin ja juttele kuoronjohtajan kanssa.', 'en': 'Come and listen to a rehearsal and have a chat with the conductor.'},
        channels=[b.place({'fi': 'Myyrmäen kirkko, seurakuntasali', 'en': 'Myyrmäki Church, parish hall'}, street={'fi': 'Uomatie 1', 'sv': 'Fårans väg 1'}, postal_code='01600', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.2606, lon=24.8573, accessibility=['ac_unknow'], events=[b.weekly('2026-08-17', (7, '17:00', '19:00'), exclude=['2026-12-27'])], registration_required=False)],
        contacts=[b.contact('email', 'koor@example.fi')]))

    w.activities.append(b.activity(
        '482627', 'support', {'fi': 'Persiankielinen keskusteluryhmä', 'en': 'Persian-language discussion group'}, group_key='7103000117',
        summary={'fi': 'Farsia ja daria puhuvien aikuisten keskusteluryhmä jaksamisesta, kotoutumisesta ja arjen haasteista.', 'sv': 'En samtalsgrupp för vuxna som talar farsi och dari om ork, integration och vardagens utmaningar.', 'en': 'A discussion group for adults who speak Farsi or Dari, about coping, settling in and everyday challenges.'},
        description={'fi': 'Ryhmässä keskustellaan persiaksi asioista, jotka painavat mieltä: ikävä kotimaahan, perheen asiat, työnhaku, uni ja stressi. Ryhmää ohjaa koulutettu vertaisohjaaja, ja kerran kuussa mukana on mielenterveystyön ammattilainen tulkin kanssa.\n\nRyhmä on kaikille aikuisille sukupuolesta riippumatta. Sinun ei tarvitse puhua, jos et halua – voit myös vain kuunnella. Teetä ja pientä purtavaa tarjolla.', 'en': 'The group talks in Persian about things that weigh on the mind: missing home, family matters, job-seeking, sleep and stress. A trained peer leader runs the group, and once a month a mental health professional joins with an interpreter. Open to all adults regardless of gender.'},
        themes=[], formats=[], locales=['fa-IR', 'fi-FI'],
        demographic=['ageGroup/range:30-64'], regions=['city/FI/Vantaa'],
        pricing='free', pricing_text=None,
        registration=None,
        channels=[b.place({'fi': 'Tikkurilan asukastila', 'en': "Tikkurila residents' room"}, street={'fi': 'Kielotie 28', 'sv': 'Liljekonvaljvägen 28'}, postal_code='01300', city={'fi': 'Vantaa', 'sv': 'Vanda'}, accessibility=['ac_unknow'], events=[b.weekly('2026-08-17', (4, '17:00', '19:00'))], registration_required=False)],
        contacts=[b.contact('phone', '+358 46 590 2744')]))

    w.activities.append(b.activity(
        '482640', 'hobby', {'fi': 'Avoin taidetyöpaja Myyrmäessä', 'sv': 'Öppen konstverkstad i Myrbacka'}, group_key='7103000106',
        summary={'fi': 'Maalaamista, piirtämistä ja kollaaseja rennossa porukassa. Sopii myös mielenterveyskuntoutujille.', 'sv': 'Måleri, teckning och kollage i avslappnat sällskap. Passar också personer i psykisk rehabilitering.'},
        description={'fi': 'Taidetyöpajassa tehdään taidetta omaan tahtiin, ilman arviointia ja ilman suorituspaineita. Ohjaaja on kuvataiteilija, joka antaa vinkkejä, jos niitä toivoo. Kaikki materiaalit löytyvät tilasta.\n\nMoni kävijä kertoo, että käsillä tekeminen rauhoittaa mieltä ja tuo viikkoon rytmiä. Kevään lopussa järjestetään yhteisnäyttely Myyrmäen kirjastossa.\n\nVoit tulla kokeilemaan kertaalleen – ilmoittautumista ei tarvita.', 'sv': 'I konstverkstaden gör vi konst i egen takt, utan bedömning och prestationskrav. Handledaren är bildkonstnär och ger tips om du vill. Allt material finns på plats. Du kan komma och prova en gång utan anmälan.'},
        themes=['ht_kulttuuri', 'ht_hyvinvointi'], formats=['hm_harrastukset'], locales=['fi-FI', 'sv'],
        demographic=['ageGroup/range:30-64', 'ageGroup/range:13-17'], regions=['city/FI/Vantaa'],
        pricing='paid', pricing_text={'fi': 'Materiaalimaksu 2 € kerta. Kaikukortilla maksutta.', 'sv': 'Materialavgift 2 € per gång. Gratis med Kaikukortet.'},
        registration=None,
        channels=[b.place({'fi': 'Myyrmäen taidetila Kaari', 'sv': 'Konstlokalen Kaari i Myrbacka'}, street={'fi': 'Myyrmäenraitti 2', 'sv': 'Myrbackastråket 2'}, postal_code='01600', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.2618, lon=24.8551, accessibility=['ac_unknow'], events=[b.weekly('2026-08-17', (2, '12:00', '15:00'), exclude=['2026-12-22', '2026-12-29', '2027-01-05'])], registration_required=False)],
        contacts=[b.contact('phone', '+358 44 700 2215'), b.contact('email', 'kaari@example.fi')]))

    w.activities.append(b.activity(
        '482655', 'hobby', {'fi': 'Tuolijumppa ja kahvihetki Kivistössä', 'sv': 'Stolgympa och kaffestund i Kivistö'}, group_key='7103000120',
        summary={'fi': 'Kevyt tuolijumppa ikäihmisille ja sen jälkeen kahvit ja jutustelua. Sopii myös rollaattorin käyttäjille.', 'sv': 'Lätt stolgympa för äldre, följd av kaffe och samtal. Passar också dig som använder rollator.'},
        description={'fi': 'Torstain tuolijumpassa liikutaan istuen ja tuolin tukea käyttäen: vahvistetaan jalkoja, avataan hartioita ja harjoitellaan tasapainoa. Jumppa kestää noin 45 minuuttia, ja ohjaaja on koulutettu vapaaehtoinen.\n\nJumpan jälkeen keitetään kahvit ja vaihdetaan kuulumiset. Voit tulla myös pelkälle kahville.\n\nAsukastilaan pääsee ilman portaita, ja Kivistön asema on vain muutaman minuutin kävelymatkan päässä.'},
        themes=['ht_urheilu'], formats=['hm_kohtaamispaikka'], locales=['fi-FI'],
        demographic=['ageGroup/range:65-99'], regions=['city/FI/Vantaa'],
        pricing='free', pricing_text=None,
        registration=None,
        channels=[b.place({'fi': 'Kivistön asukastila', 'sv': 'Kivistö invånarlokal'}, street={'fi': 'Kivistöntori 1', 'sv': 'Kivistötorget 1'}, postal_code='01700', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.3191, lon=24.8468, accessibility=['ac_wheelchair', 'ac_rollator'], events=[b.weekly('2026-08-17', (4, '10:30', '12:00'))], registration_required=False)],
        contacts=[b.contact('phone', '+358 50 778 1340')]))

    w.activities.append(b.activity(
        '482671', 'hobby', {'fi': 'Marttojen kasvisruokakurssi Korsossa', 'sv': 'Marthornas kurs i vegetarisk mat i Korso'}, group_key='7103000121',
        summary={'fi': 'Neljän illan kurssi, jolla opit valmistamaan edullisia kasvis- ja palkokasviruokia koko perheelle.', 'sv': 'En kurs på fyra kvällar där du lär dig laga förmånlig vegetarisk mat och baljväxträtter för hela familjen.'},
        description={'fi': 'Kurssilla kokataan pienryhmissä marttaneuvojan ohjauksessa. Jokaisena iltana valmistetaan kolme ruokaa, jotka syödään yhdessä.\n\n1. ilta: keitot ja pataruoat linsseistä ja herneistä\n2. ilta: uunivuoat ja laatikot\n3. ilta: pyörykät, pihvit ja kastikkeet ilman lihaa\n4. ilta: lasten suosikit ja eväät\n\nKurssilla puhutaan myös siitä, miten kasvisruoasta saa riittävästi proteiinia, rautaa ja B12-vitamiinia, ja miten kauden kasviksilla säästää rahaa.', 'sv': 'På kursen lagar vi mat i små grupper under ledning av en marthahandledare. Varje kväll lagar vi tre rätter som vi äter tillsammans: soppor och grytor av linser och ärtor, gratänger och lådor, bullar och biffar utan kött och barnens favoriter.'},
        themes=[], formats=['hm_harrastukset'], locales=['fi-FI', 'sv'],
        demographic=['ageGroup/range:30-64'], regions=['city/FI/Vantaa'],
        pricing='paid', pricing_text={'fi': '40 € (raaka-aineet sisältyvät). Jäsenille 30 €.', 'sv': '40 € (råvarorna ingår). Medlemmar 30 €.'},
        registration={'fi': 'Ilmoittautuminen 15.1.2027 mennessä. Kurssille mahtuu 14 henkeä.', 'sv': 'Anmälan senast 15.1.2027. Kursen tar 14 deltagare.'},
        channels=[b.place({'fi': 'Korson koulu, kotitalousluokka', 'sv': 'Korso skola, hushållsklassen'}, street={'fi': 'Naapuripellontie 4'}, postal_code='01450', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.3489, lon=25.0864, accessibility=['ac_unknow'], events=[b.weekly('2027-02-01', (1, '17:30', '20:30'), until='2027-02-22')], registration_required=True)],
        contacts=[b.contact('email', 'korso@example.fi'), b.contact('www', 'https://www.martat.fi', {'fi': 'Marttaliitto – ruokaohjeita ja neuvontaa', 'sv': 'Martha – recept och rådgivning'})]))

    w.activities.append(b.activity(
        '482689', 'voluntary', {'fi': 'Digikaveriksi ikäihmisille', 'sv': 'Bli digikompis för äldre'}, group_key='7103000104',
        summary={'fi': 'Vapaaehtoinen digikaveri neuvoo ikäihmisiä puhelimen ja tabletin käytössä kirjastossa kerran viikossa.', 'sv': 'En frivillig digikompis hjälper äldre med telefon och surfplatta på biblioteket en gång i veckan.'},
        description={'fi': 'Osaatko käyttää älypuhelinta ja verkkopankkia ja jaksat selittää rauhassa? Keravan kirjaston digituessa tarvitaan vapaaehtoisia digikavereita keskiviikkoaamuihin ja torstai-iltoihin.\n\nDigikaverina autat esimerkiksi videopuheluiden, kuvien jakamisen ja sähköisten palvelujen kanssa. Et käsittele kenenkään pankkitunnuksia, vaan neuvot, miten asiakas tekee asiat itse. Saat perehdytyksen ja tukea kirjaston henkilökunnalta.\n\nTehtävä sopii hyvin myös nuorille ja opiskelijoille, ja siitä saa todistuksen.', 'sv': 'Kan du använda smarttelefon och nätbank och har tålamod att förklara? Bibliotekets digistöd i Kervo behöver frivilliga digikompisar på onsdagsmornar och torsdagskvällar. Du får en introduktion och stöd av bibliotekets personal.'},
        themes=[], formats=[], locales=['fi-FI', 'sv'],
        demographic=['ageGroup/range:13-17', 'ageGroup/range:30-64', 'ageGroup/range:65-99'], regions=['city/FI/Kerava'],
        pricing='free', pricing_text=None,
        registration={'fi': 'Perehdytys järjestetään tammikuussa 2027.', 'sv': 'Introduktionen ordnas i januari 2027.'},
        channels=[b.place({'fi': 'Keravan kirjasto', 'sv': 'Kervo bibliotek'}, street={'fi': 'Paasikivenkatu 12'}, postal_code='04200', city={'fi': 'Kerava', 'sv': 'Kervo'}, lat=60.4036, lon=25.1018, accessibility=['ac_wheelchair', 'ac_itoilet'], registration_required=True)],
        contacts=[b.contact('phone', '+358 40 771 5032')]))


    # --- the cases beyond the area's everyday activities ---------------------------------------

    # Lähellä.fi has transferred this parish activity to PTV as well: the import merges it with
    # ptv-9d7aabdc-… (Lähellä.fi's schedules and English texts, PTV's coordinates and classes).
    w.activities.append(b.activity(
        '482700', 'support', {'fi': 'Ruoka-apu ja yhteiset ateriat', 'sv': 'Mathjälp och gemensamma måltider', 'en': 'Food aid and shared meals'}, group_key='7103000122',
        summary={'fi': 'Ruokakasseja ja edullisia yhteisiä aterioita kaikille niitä tarvitseville Myyrmäen ja Tikkurilan kirkoilla.', 'sv': 'Matkassar och förmånliga gemensamma måltider för alla som behöver, i Myrbacka och Dickursby kyrkor.', 'en': 'Food bags and low-cost shared meals for anyone who needs them, at Myyrmäki and Tikkurila churches.'},
        description={'fi': 'Seurakuntien ruoka-avussa jaetaan kauppojen lahjoittamaa ruokaa ja EU:n ruoka-apua. Ruoka-apuun ei tarvita ennakkoilmoittautumista eikä tulotietoja.\n\nMyyrmäessä jakelun jälkeen syödään yhdessä keittolounas (2 €). Ota oma kassi mukaan.', 'sv': 'Församlingarnas mathjälp delar ut mat som butikerna skänkt och EU:s livsmedelsbistånd. Ingen förhandsanmälan och inga inkomstuppgifter behövs.', 'en': 'The parishes hand out food donated by shops and EU food aid. No registration and no proof of income needed. In Myyrmäki a soup lunch (€2) follows the distribution.'},
        themes=[], formats=[], locales=['fi-FI', 'sv', 'ar'],
        demographic=[], regions=['city/FI/Vantaa'],
        pricing='free', pricing_text=None, registration=None,
        channels=[b.place({'fi': 'Myyrmäen kirkon ruokajakelu', 'sv': 'Matutdelning i Myrbacka kyrka'}, street={'fi': 'Uomatie 1', 'sv': 'Fårans väg 1'}, postal_code='01600', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.2606, lon=24.8573, accessibility=['ac_wheelchair'], events=[b.weekly('2026-08-19', (3, '13:00', '15:00'), exclude=['2026-12-23', '2026-12-30'])], registration_required=False),
                  b.place({'fi': 'Tikkurilan kirkon ruoka-apu', 'sv': 'Matutdelning i Dickursby kyrka'}, street={'fi': 'Urpiaisentie 1', 'sv': 'Domherrevägen 1'}, postal_code='01300', city={'fi': 'Vantaa', 'sv': 'Vanda'}, accessibility=['ac_unknow'], events=[b.weekly('2026-08-18', (2, '12:00', '14:00'), (4, '12:00', '14:00'), exclude=['2026-12-24'])], registration_required=False)],
        contacts=[b.contact('phone', '09 830 6500', {'fi': 'Diakoniatyön päivystys', 'sv': 'Diakonijouren'}), b.contact('www', 'vantaanseurakunnat.example.fi/ruoka-apu')]))

    # The same parish, a similar name, but another activity in another place: not merged, reported
    # as a possible duplicate for an editor to look at.
    w.activities.append(b.activity(
        '482705', 'support', {'fi': 'Yhteiset ateriat Korsossa', 'sv': 'Gemensamma måltider i Korso'}, group_key='7103000122',
        summary={'fi': 'Lämmin keittolounas ja seuraa perjantaisin Korson kirkolla.', 'sv': 'Varm soppa och sällskap på fredagar i Korso kyrka.'},
        description={'fi': 'Lounas maksaa 2 €, ja sen voi syödä myös ilman maksua, jos rahaa ei ole. Tervetuloa yksin tai porukalla.'},
        themes=[], formats=[], locales=['fi-FI', 'sv'],
        demographic=[], regions=['city/FI/Vantaa'],
        pricing='paid', pricing_text={'fi': 'Keittolounas 2 €.', 'sv': 'Soppa 2 €.'},
        channels=[b.place({'fi': 'Korson kirkko', 'sv': 'Korso kyrka'}, street={'fi': 'Urpiaisentie 14', 'sv': 'Domherrevägen 14'}, postal_code='01450', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.3498, lon=25.0747, accessibility=['ac_wheelchair', 'ac_itoilet'], events=[b.weekly('2026-08-21', (5, '11:00', '12:30'), exclude=['2026-12-25', '2027-01-01'])], registration_required=False)],
        contacts=[b.contact('phone', '09 830 6510', {'fi': 'Korson diakoniatyö'})]))

    # Hostile markup in every text field: nothing of it may reach the built pages as markup.
    w.activities.append(b.activity(
        '482710', 'hobby', {'fi': 'Nuorten bändikerho <i>Tikkurilassa</i>', 'sv': 'Bandklubb för unga i Dickursby<script>alert("name")</script>'}, group_key='7103000123',
        summary={'fi': '<b>Bändikerho</b> 13–17-vuotiaille: rumpuja, kitaroita ja omia biisejä. <script>alert("summary")</script>'},
        raw_description={
            'fi': '<p dir="ltr">Soitetaan yhdessä <strong>rokkia</strong> ja <em>poppia</em> – soittotaitoa ei tarvita.</p>'
                  '<script>alert("xss")</script>'
                  '<p onclick="alert(1)">Tule mukaan!<img src="x" onerror="alert(document.cookie)"></p>'
                  '<p><a href="javascript:alert(1)">Ilmoittaudu tästä</a> tai <a href="https://bandikerho.example.fi/ilmo" onmouseover="alert(2)">lomakkeella</a>.</p>'
                  '<iframe src="https://evil.example/"></iframe><style>body{display:none}</style>'
                  '<ul><li>rummut</li><li>kitara &amp; basso</li><li><a href=" JaVaScRiPt:alert(7)">laulu</a></li></ul>'
                  '<p>[klikkaa](javascript:alert(3)) &lt;script&gt;alert(4)&lt;/script&gt; **ei lihavointia**</p>'
                  '<svg onload="alert(5)"><circle r="1"/></svg>'
                  '<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==">data-linkki</a></p>'
                  '<form action="https://evil.example/"><input name="q"><button>Lähetä</button></form>',
            'sv': '<p dir="ltr">Vi spelar <a href="vbscript:msgbox(1)">tillsammans</a>.</p><object data="x.swf"></object>',
        },
        themes=['ht_kulttuuri'], formats=['hm_ryhmat'], locales=['fi-FI', 'sv'],
        demographic=['ageGroup/range:13-17'], regions=['city/FI/Vantaa'],
        pricing='paid', pricing_text={'fi': 'Kausimaksu 30 €, Kaikukortilla maksutta. <a href="javascript:alert(9)">Lue lisää</a>'},
        registration={'fi': 'Ilmoittaudu <a href="https://bandikerho.example.fi/ilmo">lomakkeella</a>.'},
        channels=[b.place({'fi': 'Tikkurilan nuorisotila, bändikämppä'}, street={'fi': 'Kielotie 13'}, postal_code='01300', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.2921, lon=25.0418, accessibility=['ac_unknow'], events=[b.weekly('2026-08-20', (4, '17:00', '19:00'), until='2027-05-27', exclude=['2026-12-24', '2026-12-31'])], registration_required=True, registration_url='https://bandikerho.example.fi/ilmo')],
        contacts=[b.contact('www', 'javascript:alert(10)'), b.contact('email', 'bandikerho@example.fi')]))

    # Daylight saving starts on Sunday 28.3.2027 at 03:00: the walk is stored as the admin UI
    # does (the day at local midnight + 09:00–11:00), the night trip as instants across 03:00.
    w.activities.append(b.activity(
        '482720', 'hobby', {'fi': 'Kevätlintujen aamukävely Keravanjoella', 'sv': 'Morgonpromenad med vårfåglar vid Kervo å'}, group_key='7103000124',
        summary={'fi': 'Opastettu kävely Keravanjoen varrella: kuunnellaan ja katsellaan ensimmäisiä muuttolintuja.', 'sv': 'Guidad promenad längs Kervo å: vi lyssnar på och tittar efter de första flyttfåglarna.'},
        description={'fi': 'Kävelemme rauhallisesti noin kolme kilometriä. Ota mukaan kiikarit, jos sinulla on – lainakiikareita on muutama.\n\nHuomaa, että kesäaikaan siirrytään samana yönä: kello siirtyy tunnin eteenpäin.'},
        themes=['ht_luonto'], formats=['hm_tilaisuudet'], locales=['fi-FI', 'sv'],
        demographic=['ageGroup/range:7-12', 'ageGroup/range:13-17', 'ageGroup/range:18-29', 'ageGroup/range:30-64', 'ageGroup/range:65-99'], regions=['city/FI/Kerava'],
        pricing='free', registration=None,
        channels=[b.place({'fi': 'Keravanjoen kävelysilta, Kaskela', 'sv': 'Gångbron över Kervo å, Kaskela'}, city={'fi': 'Kerava', 'sv': 'Kervo'}, lat=60.3958, lon=25.0931, accessibility=['ac_unknow'], events=[b.single_day('2027-03-28', '09:00', '11:00')], registration_required=False)],
        contacts=[b.contact('email', 'retket@example.fi')]))
    w.activities.append(b.activity(
        '482725', 'hobby', {'fi': 'Tähtitaivasyö Kuusijärvellä'}, group_key='7103000124',
        summary={'fi': 'Katsellaan tähtitaivasta kaukoputkilla ja lämmitellään nuotiolla yön yli – myös kesäaikaan siirtymisen hetki.'},
        description={'fi': 'Aloitamme lauantaina klo 22 ja lopetamme sunnuntaiaamuna klo 4 kesäaikaa. Mukaan lämmintä vaatetta ja eväät.'},
        themes=['ht_luonto'], formats=['hm_leirit'], locales=['fi-FI'],
        demographic=['ageGroup/range:18-29', 'ageGroup/range:30-64'], regions=['city/FI/Vantaa'],
        pricing='free', registration={'fi': 'Ilmoittaudu sähköpostilla viimeistään 25.3.'},
        channels=[b.place({'fi': 'Kuusijärven ulkoilualue, nuotiopaikka'}, street={'fi': 'Kuusijärventie 3'}, postal_code='01260', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.3177, lon=25.1105, accessibility=['ac_parking'], events=[b.single('2027-03-27T22:00', '2027-03-28T04:00')], registration_required=True)],
        contacts=[b.contact('email', 'retket@example.fi')]))

    # An event on two dates: the record's event runs from the first to the last, and the
    # place lists both days.
    w.activities.append(b.activity(
        '482730', 'hobby', {'fi': 'Joulumyyjäiset Korsossa', 'sv': 'Julbasar i Korso'}, group_key='7103000125',
        summary={'fi': 'Käsitöitä, leivonnaisia ja joulupuuroa kahtena lauantaina. Tuotto lähiseudun lapsiperheiden hyväksi.', 'sv': 'Handarbeten, bakverk och julgröt två lördagar. Intäkterna går till barnfamiljer i närområdet.'},
        description={'fi': 'Myyjäisissä on myynnissä villasukkia, lapasia, puukoruja ja kotileivonnaisia. Joulupuuro maksaa 2 €.'},
        themes=['ht_kadentaidot'], formats=['hm_tilaisuudet'], locales=['fi-FI', 'sv'],
        demographic=[], regions=['city/FI/Vantaa'],
        pricing='free', pricing_text={'fi': 'Vapaa pääsy. Joulupuuro 2 €.', 'sv': 'Fritt inträde. Julgröt 2 €.'},
        channels=[b.place({'fi': 'Korson nuorisotalo', 'sv': 'Korso ungdomsgård'}, street={'fi': 'Urheilutie 3'}, postal_code='01450', city={'fi': 'Vantaa', 'sv': 'Vanda'}, lat=60.3505, lon=25.0781, accessibility=['ac_wheelchair', 'ac_itoilet'], events=[b.single('2026-12-05T10:00', '2026-12-05T14:00'), b.single_day('2026-12-12', '10:00', '14:00')])],
        contacts=[b.contact('phone', '040 550 1212')]))

    # Nationwide and online (no region), with a null status inside its visibility window.
    w.activities.append(b.activity(
        '482770', 'support', {'fi': 'Omaishoitajien vertaisryhmä verkossa', 'sv': 'Kamratgrupp för närståendevårdare på nätet'}, group_key='7103000127',
        summary={'fi': 'Valtakunnallinen etäryhmä omaistaan hoitaville: jaksamista, tietoa ja vertaistukea kerran viikossa.', 'sv': 'Riksomfattande distansgrupp för närståendevårdare: ork, information och kamratstöd en gång i veckan.'},
        description={'fi': 'Ryhmä kokoontuu Zoomissa maanantai-iltaisin. Kamera saa olla kiinni. Ryhmää ohjaa koulutettu vertaisohjaaja.', 'sv': 'Gruppen träffas på Zoom på måndagskvällar. Kameran får vara avstängd.'},
        themes=[], formats=[], locales=['fi-FI', 'sv'],
        demographic=['ageGroup/range:30-64', 'ageGroup/range:65-99'], regions=[],
        pricing='free', status=None, visibility=('2026-01-01', '2027-12-31'),
        channels=[b.online({'fi': 'Zoom'}, events=[b.weekly('2026-01-12', (1, '18:00', '19:30'), exclude=['2026-12-21', '2026-12-28'])], registration_required=True, registration_url='https://omaisverkosto.example.fi/ryhmat')],
        contacts=[b.contact('email', 'ryhmat@example.fi')]))

    # A phone line (a phone channel: its times become the activity's own hours).
    w.activities.append(b.activity(
        '482790', 'support', {'fi': 'Juttuseuraa puhelimessa ikäihmisille', 'sv': 'Sällskap per telefon för äldre', 'en': 'Phone chats for older people'}, group_key='7103000103',
        summary={'fi': 'Vapaaehtoinen soittaa yksinäiselle ikäihmiselle kerran viikossa sovittuna aikana.', 'sv': 'En frivillig ringer en ensam äldre person en gång i veckan vid en överenskommen tid.', 'en': 'A volunteer calls a lonely older person once a week at an agreed time.'},
        description={'fi': 'Soita ja kerro, millaista juttuseuraa toivot. Puhelut ovat maksuttomia ja luottamuksellisia.'},
        themes=[], formats=[], locales=['fi-FI', 'sv', 'en'],
        demographic=['ageGroup/range:65-99'], regions=['city/FI/Vantaa', 'city/FI/Kerava'],
        pricing='free',
        channels=[b.online({'fi': 'Puhelin'}, kind='phone', events=[b.weekly('2026-01-05', (1, '10:00', '14:00'), (2, '10:00', '14:00'), (3, '10:00', '14:00'), (4, '10:00', '14:00'), (5, '10:00', '12:00'))])],
        contacts=[b.contact('phone', '050 441 2907', {'fi': 'Juttuseurapuhelin', 'sv': 'Sällskapstelefonen', 'en': 'Chat line'})]))

    # --- activities the import leaves out (each with its reason in the report) ---------------------
    w.activities.append(b.activity(  # ended: the spring course is over
        '482740', 'hobby', {'fi': 'Kevään kuntosalikurssi senioreille'}, group_key='7103000120',
        summary={'fi': 'Ohjattu kuntosalikurssi 65 vuotta täyttäneille.'}, themes=['ht_urheilu'], formats=['hm_ryhmat'],
        demographic=['ageGroup/range:65-99'], regions=['city/FI/Vantaa'],
        channels=[b.place({'fi': 'Kivistön koulun kuntosali'}, city={'fi': 'Vantaa'}, events=[b.weekly('2026-01-12', (1, '10:00', '11:00'), until='2026-05-25')])]))
    w.activities.append(b.activity(  # not_published: a draft
        '482750', 'hobby', {'fi': 'Luonnos: kevään retkiohjelma'}, group_key='7103000112', status='draft',
        themes=['ht_luonto'], formats=['hm_leirit'], regions=['city/FI/Vantaa']))
    w.activities.append(b.activity(  # outside_area: Helsinki
        '482760', 'hobby', {'fi': 'Senioritanssit Kalliossa'}, group_key='7103000126', themes=['ht_urheilu'], formats=['hm_ryhmat'],
        demographic=['ageGroup/range:65-99'], regions=['city/FI/Helsinki'],
        channels=[b.place({'fi': 'Kallion kirjasto'}, street='Viides linja 11', postal_code='00530', city={'fi': 'Helsinki', 'sv': 'Helsingfors'}, lat=60.1836, lon=24.9507, events=[b.weekly('2026-08-17', (3, '13:00', '14:30'))])]))
    w.activities.append(b.activity(  # expired: its visibility ended
        '482780', 'support', {'fi': 'Syksyn sururyhmä'}, group_key='7103000106', regions=['city/FI/Vantaa'], visibility=('2026-08-01', '2026-10-31'),
        channels=[b.place({'fi': 'Hyvä Arki -olohuone'}, street='Asematie 10', postal_code='01300', city={'fi': 'Vantaa'}, events=[b.weekly('2026-09-01', (2, '17:00', '18:30'), until='2026-10-27')])]))

    return w


def main(argv: list[str] | None = None) -> None:
    out = Path(argv[0]) if argv else HERE
    for old in out.rglob("*.json"):
        old.unlink()
    w = world()
    w.write(out, today=TODAY)
    (out / "export.json").write_text(json.dumps(w.export(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
