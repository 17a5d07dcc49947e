"""A cross-language probe: ten fictional events, each told in eleven languages (bench-only data).

Written for newstrail by its team (no source text; places and people are invented).
Each event ``eNN`` has a near miss ``nNN``: another event sharing its place, actor,
number or day but not its meaning (a flood vs a school opening in the same town on the
same Tuesday), also in every language. :mod:`newstrail.eval.crosslingual` scores
embedders on it; ``bench/embeddings.py --crosslingual`` prints the figures.

Uzbek is in Cyrillic script, as the Uzbek press of the seed story wrote it.
"""

from __future__ import annotations

#: The languages, in the order the bench prints them.
LANGUAGES = ("en", "es", "ar", "ru", "de", "fr", "pt", "it", "tr", "id", "uz")

# One sentence a line: id, language, text (separated by the first two spaces).
_ROWS = """\
e01 en Floods forced 300 families in Velmora to leave their homes on Tuesday.
e01 es Las inundaciones obligaron el martes a 300 familias de Velmora a abandonar sus casas.
e01 ar أجبرت الفيضانات 300 عائلة في فيلمورا على مغادرة منازلها يوم الثلاثاء.
e01 ru Во вторник наводнение вынудило 300 семей в Вельморе покинуть свои дома.
e01 de Überschwemmungen zwangen am Dienstag 300 Familien in Velmora, ihre Häuser zu verlassen.
e01 fr Mardi, des inondations ont contraint 300 familles de Velmora à quitter leur logement.
e01 pt As cheias obrigaram 300 famílias de Velmora a deixar as suas casas na terça-feira.
e01 it Martedì le alluvioni hanno costretto 300 famiglie di Velmora a lasciare le loro case.
e01 tr Sel baskınları salı günü Velmora'da 300 aileyi evlerini terk etmek zorunda bıraktı.
e01 id Banjir memaksa 300 keluarga di Velmora meninggalkan rumah mereka pada hari Selasa.
e01 uz Сешанба куни тошқин Велморадаги 300 оилани уйларини тарк этишга мажбур қилди.
n01 en On Tuesday the mayor of Velmora opened a new school for 300 children.
n01 es El martes, el alcalde de Velmora inauguró una nueva escuela para 300 niños.
n01 ar افتتح رئيس بلدية فيلمورا يوم الثلاثاء مدرسة جديدة تتسع لـ300 طفل.
n01 ru Во вторник мэр Вельморы открыл новую школу на 300 детей.
n01 de Der Bürgermeister von Velmora hat am Dienstag eine neue Schule für 300 Kinder eröffnet.
n01 fr Mardi, le maire de Velmora a inauguré une nouvelle école pour 300 enfants.
n01 pt Na terça-feira, o presidente da câmara de Velmora inaugurou uma nova escola para 300 crianças.
n01 it Martedì il sindaco di Velmora ha inaugurato una nuova scuola per 300 bambini.
n01 tr Velmora belediye başkanı salı günü 300 çocuk için yeni bir okul açtı.
n01 id Wali kota Velmora meresmikan sekolah baru untuk 300 anak pada hari Selasa.
n01 uz Сешанба куни Велмора ҳокими 300 нафар бола учун янги мактаб очди.
e02 en Unknown aircraft bombed a fuel depot near Doravik, the army said.
e02 es Aviones desconocidos bombardearon un depósito de combustible cerca de Doravik, según el ejército.
e02 ar قال الجيش إن طائرات مجهولة قصفت مستودعا للوقود قرب دورافيك.
e02 ru Неизвестные самолёты разбомбили топливный склад под Доравиком, сообщила армия.
e02 de Unbekannte Flugzeuge haben nach Angaben der Armee ein Treibstofflager bei Doravik bombardiert.
e02 fr Des avions non identifiés ont bombardé un dépôt de carburant près de Doravik, selon l'armée.
e02 pt Aviões desconhecidos bombardearam um depósito de combustível perto de Doravik, segundo o exército.
e02 it Aerei sconosciuti hanno bombardato un deposito di carburante vicino a Doravik, secondo l'esercito.
e02 tr Ordunun açıklamasına göre kimliği belirsiz uçaklar Doravik yakınlarındaki bir yakıt deposunu bombaladı.
e02 id Pesawat tak dikenal mengebom sebuah depot bahan bakar di dekat Doravik, kata militer.
e02 uz Армия маълумотига кўра, номаълум самолётлар Доравик яқинидаги ёқилғи омборини бомбардимон қилди.
n02 en The army said a fuel depot near Doravik caught fire after lightning struck it.
n02 es El ejército dijo que un depósito de combustible cerca de Doravik se incendió tras ser alcanzado por un rayo.
n02 ar قال الجيش إن مستودعا للوقود قرب دورافيك اشتعلت فيه النيران بعد أن ضربته صاعقة.
n02 ru По словам армии, топливный склад под Доравиком загорелся после удара молнии.
n02 de Nach Angaben der Armee geriet ein Treibstofflager bei Doravik nach einem Blitzeinschlag in Brand.
n02 fr Selon l'armée, un dépôt de carburant près de Doravik a pris feu après avoir été frappé par la foudre.
n02 pt O exército disse que um depósito de combustível perto de Doravik pegou fogo depois de ser atingido por um raio.
n02 it Secondo l'esercito, un deposito di carburante vicino a Doravik ha preso fuoco dopo essere stato colpito da un fulmine.
n02 tr Ordu, Doravik yakınlarındaki bir yakıt deposunun yıldırım düşmesi sonucu alev aldığını söyledi.
n02 id Militer mengatakan sebuah depot bahan bakar di dekat Doravik terbakar setelah tersambar petir.
n02 uz Армия хабарига кўра, Доравик яқинидаги ёқилғи омборига чақмоқ тушиб, ёнғин чиқди.
e03 en The central bank of Kessel raised its interest rate to 12 percent.
e03 es El banco central de Kessel subió su tipo de interés al 12 por ciento.
e03 ar رفع البنك المركزي في كيسل سعر الفائدة إلى 12 في المئة.
e03 ru Центральный банк Кесселя повысил процентную ставку до 12 процентов.
e03 de Die Zentralbank von Kessel hat ihren Leitzins auf 12 Prozent angehoben.
e03 fr La banque centrale de Kessel a relevé son taux d'intérêt à 12 %.
e03 pt O banco central de Kessel subiu a taxa de juro para 12 por cento.
e03 it La banca centrale di Kessel ha alzato il tasso d'interesse al 12 per cento.
e03 tr Kessel merkez bankası faiz oranını yüzde 12'ye yükseltti.
e03 id Bank sentral Kessel menaikkan suku bunganya menjadi 12 persen.
e03 uz Кессел марказий банки фоиз ставкасини 12 фоизгача оширди.
n03 en The central bank of Kessel said inflation fell to 12 percent last year.
n03 es El banco central de Kessel afirmó que la inflación bajó al 12 por ciento el año pasado.
n03 ar قال البنك المركزي في كيسل إن التضخم انخفض إلى 12 في المئة العام الماضي.
n03 ru Центральный банк Кесселя сообщил, что в прошлом году инфляция снизилась до 12 процентов.
n03 de Die Zentralbank von Kessel teilte mit, die Inflation sei im vergangenen Jahr auf 12 Prozent gesunken.
n03 fr La banque centrale de Kessel a indiqué que l'inflation était tombée à 12 % l'an dernier.
n03 pt O banco central de Kessel disse que a inflação caiu para 12 por cento no ano passado.
n03 it La banca centrale di Kessel ha detto che l'inflazione è scesa al 12 per cento l'anno scorso.
n03 tr Kessel merkez bankası, enflasyonun geçen yıl yüzde 12'ye düştüğünü açıkladı.
n03 id Bank sentral Kessel mengatakan inflasi turun menjadi 12 persen tahun lalu.
n03 uz Кессел марказий банки ўтган йили инфляция 12 фоизгача пасайганини маълум қилди.
e04 en Doctors in Oranby went on strike to demand higher wages.
e04 es Los médicos de Oranby se declararon en huelga para exigir salarios más altos.
e04 ar أضرب الأطباء في أورانبي عن العمل للمطالبة بزيادة الأجور.
e04 ru Врачи в Оранби объявили забастовку, требуя повышения зарплат.
e04 de Ärzte in Oranby sind in den Streik getreten, um höhere Löhne zu fordern.
e04 fr Les médecins d'Oranby se sont mis en grève pour réclamer des hausses de salaire.
e04 pt Os médicos de Oranby entraram em greve para exigir salários mais altos.
e04 it I medici di Oranby hanno scioperato per chiedere stipendi più alti.
e04 tr Oranby'deki doktorlar daha yüksek ücret talebiyle greve gitti.
e04 id Para dokter di Oranby mogok kerja untuk menuntut kenaikan gaji.
e04 uz Оранбидаги шифокорлар маошларни ошириш талаби билан иш ташлашди.
n04 en Teachers in Oranby got higher wages after a long dispute.
n04 es Los profesores de Oranby obtuvieron salarios más altos tras un largo conflicto.
n04 ar حصل المعلمون في أورانبي على أجور أعلى بعد نزاع طويل.
n04 ru Учителя в Оранби добились повышения зарплат после долгого спора.
n04 de Lehrer in Oranby haben nach einem langen Streit höhere Löhne bekommen.
n04 fr Les enseignants d'Oranby ont obtenu des salaires plus élevés après un long conflit.
n04 pt Os professores de Oranby conseguiram salários mais altos depois de um longo conflito.
n04 it Gli insegnanti di Oranby hanno ottenuto stipendi più alti dopo una lunga vertenza.
n04 tr Oranby'deki öğretmenler uzun bir anlaşmazlığın ardından daha yüksek ücret aldı.
n04 id Para guru di Oranby mendapat gaji lebih tinggi setelah perselisihan panjang.
n04 uz Оранбидаги ўқитувчилар узоқ давом этган низодан сўнг юқорироқ маош олишди.
e05 en A fire destroyed the old market in Tasselby overnight; no one was hurt.
e05 es Un incendio destruyó durante la noche el antiguo mercado de Tasselby; no hubo heridos.
e05 ar دمر حريق السوق القديمة في تاسيلبي خلال الليل، ولم يصب أحد بأذى.
e05 ru Ночью пожар уничтожил старый рынок в Тасселби; никто не пострадал.
e05 de Ein Feuer hat in der Nacht den alten Markt von Tasselby zerstört; verletzt wurde niemand.
e05 fr Un incendie a détruit dans la nuit le vieux marché de Tasselby ; personne n'a été blessé.
e05 pt Um incêndio destruiu durante a noite o antigo mercado de Tasselby; ninguém ficou ferido.
e05 it Un incendio ha distrutto nella notte il vecchio mercato di Tasselby; nessun ferito.
e05 tr Gece çıkan yangın Tasselby'deki eski pazarı yok etti; yaralanan olmadı.
e05 id Kebakaran menghancurkan pasar lama di Tasselby pada malam hari; tidak ada korban luka.
e05 uz Тунда ёнғин Тасселбидаги эски бозорни вайрон қилди; ҳеч ким жароҳат олмади.
n05 en The old market in Tasselby will reopen next month after repairs.
n05 es El antiguo mercado de Tasselby reabrirá el mes que viene tras las obras.
n05 ar ستعيد السوق القديمة في تاسيلبي فتح أبوابها الشهر المقبل بعد أعمال الترميم.
n05 ru Старый рынок в Тасселби снова откроется в следующем месяце после ремонта.
n05 de Der alte Markt von Tasselby öffnet nach der Renovierung im nächsten Monat wieder.
n05 fr Le vieux marché de Tasselby rouvrira le mois prochain après des travaux.
n05 pt O antigo mercado de Tasselby vai reabrir no próximo mês depois das obras.
n05 it Il vecchio mercato di Tasselby riaprirà il mese prossimo dopo i lavori.
n05 tr Tasselby'deki eski pazar onarımların ardından gelecek ay yeniden açılacak.
n05 id Pasar lama di Tasselby akan dibuka kembali bulan depan setelah diperbaiki.
n05 uz Тасселбидаги эски бозор таъмирдан кейин келаси ойда яна очилади.
e06 en Police arrested two journalists at the Brennmoor border crossing.
e06 es La policía detuvo a dos periodistas en el paso fronterizo de Brennmoor.
e06 ar اعتقلت الشرطة صحفيين اثنين عند معبر برينمور الحدودي.
e06 ru Полиция задержала двух журналистов на пограничном переходе Бреннмур.
e06 de Die Polizei hat am Grenzübergang Brennmoor zwei Journalisten festgenommen.
e06 fr La police a arrêté deux journalistes au poste-frontière de Brennmoor.
e06 pt A polícia deteve dois jornalistas na passagem de fronteira de Brennmoor.
e06 it La polizia ha arrestato due giornalisti al valico di frontiera di Brennmoor.
e06 tr Polis, Brennmoor sınır kapısında iki gazeteciyi gözaltına aldı.
e06 id Polisi menangkap dua wartawan di pos perbatasan Brennmoor.
e06 uz Полиция Бреннмур чегара пунктида икки журналистни ҳибсга олди.
n06 en Two journalists from Brennmoor won a prize for their reporting.
n06 es Dos periodistas de Brennmoor ganaron un premio por sus reportajes.
n06 ar فاز صحفيان من برينمور بجائزة عن تقاريرهما.
n06 ru Два журналиста из Бреннмура получили премию за свои репортажи.
n06 de Zwei Journalisten aus Brennmoor haben einen Preis für ihre Berichterstattung gewonnen.
n06 fr Deux journalistes de Brennmoor ont reçu un prix pour leurs reportages.
n06 pt Dois jornalistas de Brennmoor ganharam um prémio pelas suas reportagens.
n06 it Due giornalisti di Brennmoor hanno vinto un premio per i loro reportage.
n06 tr Brennmoor'lu iki gazeteci haberleriyle bir ödül kazandı.
n06 id Dua wartawan dari Brennmoor memenangkan penghargaan atas liputan mereka.
n06 uz Бреннмурлик икки журналист ўз репортажлари учун мукофот олди.
e07 en An earthquake of magnitude 5 shook the Qarrow coast early on Sunday.
e07 es Un terremoto de magnitud 5 sacudió la costa de Qarrow en la madrugada del domingo.
e07 ar هز زلزال بقوة 5 درجات ساحل كارو فجر يوم الأحد.
e07 ru Рано утром в воскресенье побережье Карроу потрясло землетрясение магнитудой 5.
e07 de Ein Erdbeben der Stärke 5 hat am frühen Sonntagmorgen die Küste von Qarrow erschüttert.
e07 fr Un séisme de magnitude 5 a secoué la côte de Qarrow tôt dimanche matin.
e07 pt Um sismo de magnitude 5 abalou a costa de Qarrow na madrugada de domingo.
e07 it Un terremoto di magnitudo 5 ha scosso la costa di Qarrow all'alba di domenica.
e07 tr Pazar sabahı erken saatlerde Qarrow kıyısında 5 büyüklüğünde bir deprem meydana geldi.
e07 id Gempa bumi berkekuatan 5 mengguncang pesisir Qarrow pada Minggu dini hari.
e07 uz Якшанба куни эрталаб Карроу соҳилида 5 магнитудали зилзила содир бўлди.
n07 en A storm hit the Qarrow coast on Sunday and cut power to five villages.
n07 es Una tormenta azotó el domingo la costa de Qarrow y dejó sin luz a cinco pueblos.
n07 ar ضربت عاصفة ساحل كارو يوم الأحد وقطعت الكهرباء عن خمس قرى.
n07 ru В воскресенье шторм обрушился на побережье Карроу и оставил без света пять деревень.
n07 de Ein Sturm traf am Sonntag die Küste von Qarrow und legte den Strom in fünf Dörfern lahm.
n07 fr Une tempête a frappé dimanche la côte de Qarrow et privé cinq villages d'électricité.
n07 pt Uma tempestade atingiu a costa de Qarrow no domingo e deixou cinco aldeias sem luz.
n07 it Domenica una tempesta ha colpito la costa di Qarrow lasciando cinque villaggi senza corrente.
n07 tr Pazar günü Qarrow kıyısını vuran fırtına beş köyde elektrikleri kesti.
n07 id Badai melanda pesisir Qarrow pada hari Minggu dan memutus aliran listrik ke lima desa.
n07 uz Якшанба куни Карроу соҳилига бўрон келиб, бешта қишлоқ электрсиз қолди.
e08 en The president of Halvard will visit China next week to sign a gas deal.
e08 es El presidente de Halvard visitará China la próxima semana para firmar un acuerdo sobre gas.
e08 ar سيزور رئيس هالفارد الصين الأسبوع المقبل لتوقيع اتفاق للغاز.
e08 ru Президент Халварда на следующей неделе посетит Китай, чтобы подписать газовое соглашение.
e08 de Der Präsident von Halvard reist nächste Woche nach China, um ein Gasabkommen zu unterzeichnen.
e08 fr Le président de Halvard se rendra en Chine la semaine prochaine pour signer un accord gazier.
e08 pt O presidente de Halvard vai visitar a China na próxima semana para assinar um acordo de gás.
e08 it Il presidente di Halvard visiterà la Cina la prossima settimana per firmare un accordo sul gas.
e08 tr Halvard cumhurbaşkanı bir doğalgaz anlaşması imzalamak için gelecek hafta Çin'i ziyaret edecek.
e08 id Presiden Halvard akan mengunjungi China pekan depan untuk menandatangani kesepakatan gas.
e08 uz Халвард президенти келаси ҳафта газ битимини имзолаш учун Хитойга боради.
n08 en The president of Halvard cancelled a gas deal with China last week.
n08 es El presidente de Halvard canceló la semana pasada un acuerdo de gas con China.
n08 ar ألغى رئيس هالفارد الأسبوع الماضي اتفاقا للغاز مع الصين.
n08 ru На прошлой неделе президент Халварда отменил газовое соглашение с Китаем.
n08 de Der Präsident von Halvard hat letzte Woche ein Gasabkommen mit China abgesagt.
n08 fr Le président de Halvard a annulé la semaine dernière un accord gazier avec la Chine.
n08 pt O presidente de Halvard cancelou na semana passada um acordo de gás com a China.
n08 it La settimana scorsa il presidente di Halvard ha annullato un accordo sul gas con la Cina.
n08 tr Halvard cumhurbaşkanı geçen hafta Çin ile yapılan doğalgaz anlaşmasını iptal etti.
n08 id Presiden Halvard membatalkan kesepakatan gas dengan China pekan lalu.
n08 uz Халвард президенти ўтган ҳафта Хитой билан газ битимини бекор қилди.
e09 en Farmers blocked the motorway to Fenwick with tractors in protest at fuel taxes.
e09 es Los agricultores bloquearon con tractores la autopista a Fenwick en protesta por los impuestos al combustible.
e09 ar أغلق المزارعون الطريق السريع المؤدي إلى فينويك بالجرارات احتجاجا على ضرائب الوقود.
e09 ru Фермеры перекрыли тракторами шоссе на Фенвик в знак протеста против налогов на топливо.
e09 de Bauern haben aus Protest gegen Kraftstoffsteuern die Autobahn nach Fenwick mit Traktoren blockiert.
e09 fr Des agriculteurs ont bloqué l'autoroute de Fenwick avec des tracteurs pour protester contre les taxes sur le carburant.
e09 pt Os agricultores bloquearam com tratores a autoestrada para Fenwick em protesto contra os impostos sobre os combustíveis.
e09 it Gli agricoltori hanno bloccato con i trattori l'autostrada per Fenwick per protestare contro le tasse sul carburante.
e09 tr Çiftçiler akaryakıt vergilerini protesto etmek için Fenwick otoyolunu traktörlerle kapattı.
e09 id Para petani memblokir jalan tol menuju Fenwick dengan traktor untuk memprotes pajak bahan bakar.
e09 uz Деҳқонлар ёқилғи солиқларига қарши норозилик билдириб, Фенвикка борадиган автомагистрални тракторлар билан тўсиб қўйишди.
n09 en The government of Fenwick cut fuel taxes for farmers.
n09 es El gobierno de Fenwick rebajó los impuestos al combustible para los agricultores.
n09 ar خفضت حكومة فينويك ضرائب الوقود على المزارعين.
n09 ru Правительство Фенвика снизило налоги на топливо для фермеров.
n09 de Die Regierung von Fenwick hat die Kraftstoffsteuern für Bauern gesenkt.
n09 fr Le gouvernement de Fenwick a baissé les taxes sur le carburant pour les agriculteurs.
n09 pt O governo de Fenwick baixou os impostos sobre os combustíveis para os agricultores.
n09 it Il governo di Fenwick ha ridotto le tasse sul carburante per gli agricoltori.
n09 tr Fenwick hükümeti çiftçiler için akaryakıt vergilerini düşürdü.
n09 id Pemerintah Fenwick memangkas pajak bahan bakar bagi para petani.
n09 uz Фенвик ҳукумати деҳқонлар учун ёқилғи солиқларини камайтирди.
e10 en A boat carrying 40 migrants sank off the island of Marlo; 12 people were rescued.
e10 es Una embarcación con 40 migrantes se hundió frente a la isla de Marlo; 12 personas fueron rescatadas.
e10 ar غرق قارب يقل 40 مهاجرا قبالة جزيرة مارلو، وتم إنقاذ 12 شخصا.
e10 ru У острова Марло затонула лодка с 40 мигрантами; спасены 12 человек.
e10 de Vor der Insel Marlo ist ein Boot mit 40 Migranten gesunken; 12 Menschen wurden gerettet.
e10 fr Un bateau transportant 40 migrants a coulé au large de l'île de Marlo ; 12 personnes ont été secourues.
e10 pt Um barco com 40 migrantes afundou ao largo da ilha de Marlo; 12 pessoas foram resgatadas.
e10 it Un barcone con 40 migranti è affondato al largo dell'isola di Marlo; 12 persone sono state salvate.
e10 tr Marlo adası açıklarında 40 göçmeni taşıyan bir tekne battı; 12 kişi kurtarıldı.
e10 id Sebuah perahu yang membawa 40 migran tenggelam di lepas pantai Pulau Marlo; 12 orang berhasil diselamatkan.
e10 uz Марло ороли яқинида 40 нафар муҳожир бўлган қайиқ чўкиб кетди; 12 киши қутқарилди.
n10 en The Marlo coast guard rescued 12 fishermen after their boat's engine failed.
n10 es La guardia costera de Marlo rescató a 12 pescadores después de que fallara el motor de su barco.
n10 ar أنقذ خفر السواحل في مارلو 12 صيادا بعد تعطل محرك قاربهم.
n10 ru Береговая охрана Марло спасла 12 рыбаков после поломки двигателя их лодки.
n10 de Die Küstenwache von Marlo hat 12 Fischer gerettet, nachdem der Motor ihres Bootes ausgefallen war.
n10 fr Les garde-côtes de Marlo ont secouru 12 pêcheurs après une panne du moteur de leur bateau.
n10 pt A guarda costeira de Marlo resgatou 12 pescadores depois de o motor do barco avariar.
n10 it La guardia costiera di Marlo ha soccorso 12 pescatori dopo un guasto al motore della loro barca.
n10 tr Marlo sahil güvenliği, teknelerinin motoru arızalanan 12 balıkçıyı kurtardı.
n10 id Penjaga pantai Marlo menyelamatkan 12 nelayan setelah mesin perahu mereka mati.
n10 uz Марло соҳил қўриқлаш хизмати қайиғининг двигатели бузилиб қолган 12 нафар балиқчини қутқарди.
"""


def probe_rows() -> list[tuple[str, str, str]]:
    """(id, language, text) for every sentence: 20 ids x 11 languages."""
    out = []
    for line in _ROWS.splitlines():
        if line.strip():
            sid, lang, text = line.split(" ", 2)
            out.append((sid, lang, text))
    return out
