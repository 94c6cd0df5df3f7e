"""Stop words removed at indexing time, per language.

These are the Snowball project's lists (BSD licence), the same words that lunr-languages 1.22.0
ships in lunr.fi.js and lunr.sv.js; tests/test_search_index.py fails if the two ever differ, so
the browser (which removes stop words from queries with lunr-languages' own filter) and the
index agree. English uses lunr.js's built-in list, which lunr.py ships as `stop_word_filter.WORDS`.
"""

FI = frozenset("""
ei eivät emme en et ette että he heidän heidät heihin heille heillä heiltä heissä heistä heitä
hän häneen hänelle hänellä häneltä hänen hänessä hänestä hänet häntä itse ja johon joiden joihin
joiksi joilla joille joilta joina joissa joista joita joka joksi jolla jolle jolta jona jonka jos
jossa josta jota jotka kanssa keiden keihin keiksi keille keillä keiltä keinä keissä keistä keitä
keneen keneksi kenelle kenellä keneltä kenen kenenä kenessä kenestä kenet ketkä ketä koska kuin
kuka kun me meidän meidät meihin meille meillä meiltä meissä meistä meitä mihin miksi mikä mille
millä miltä minkä minua minulla minulle minulta minun minussa minusta minut minuun minä missä
mistä mitkä mitä mukaan mutta ne niiden niihin niiksi niille niillä niiltä niin niinä niissä
niistä niitä noiden noihin noiksi noilla noille noilta noin noina noissa noista noita nuo nyt
näiden näihin näiksi näille näillä näiltä näinä näissä näistä näitä nämä ole olemme olen olet
olette oli olimme olin olisi olisimme olisin olisit olisitte olisivat olit olitte olivat olla
olleet ollut on ovat poikki se sekä sen siihen siinä siitä siksi sille sillä siltä sinua sinulla
sinulle sinulta sinun sinussa sinusta sinut sinuun sinä sitä tai te teidän teidät teihin teille
teillä teiltä teissä teistä teitä tuo tuohon tuoksi tuolla tuolle tuolta tuon tuona tuossa tuosta
tuota tähän täksi tälle tällä tältä tämä tämän tänä tässä tästä tätä vaan vai vaikka yli
""".split())

SV = frozenset("""
alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din dina
ditt du där då efter ej eller en er era ert ett från för ha hade han hans har henne hennes hon
honom hur här i icke ingen inom inte jag ju kan kunde man med mellan men mig min mina mitt mot
mycket ni nu när någon något några och om oss på samma sedan sig sin sina sitta själv skulle som
så sådan sådana sådant till under upp ut utan vad var vara varför varit varje vars vart vem vi
vid vilka vilkas vilken vilket vår våra vårt än är åt över
""".split())
