// The stopword lists (stopwords.hpp), one string of space-separated words a
// language, as written (the lookup folds them). Sources:
//  - da de en es fi fr hu id it nl no pt ro ru sv: the Snowball project's
//    stopword lists (snowballstem.org, BSD licence), as Debian ships them in
//    liblingua-stopwords-perl (Lingua::StopWords 0.12).
//  - bg: Jacques Savoy's Bulgarian list (University of Neuchâtel, CLEF; BSD
//    licence), the one Apache Lucene's BulgarianAnalyzer uses; Savoy also
//    wrote the Bulgarian stemmer of common/light_stemmers.hpp.
//  - cs: Apache Lucene's CzechAnalyzer list (Apache License 2.0).
//  - uk: Apache Lucene's Ukrainian list (analysis/morfologik, Apache License
//    2.0): every inflected form of the pronouns, prepositions and particles.
//  - pl, sk, sl, hr: stopwords-iso (MIT licence; the Polish list is also
//    the one Lucene-derived tools such as bleve ship). Snowball and Lucene
//    have none for these; these lists are longer and include numerals,
//    months and a few common adjectives.
// Words with a space in them were left out (the lists hold single words).
#include <algorithm>
#include <array>
#include <mutex>
#include <string_view>
#include <unordered_set>

#include "common/text.hpp"
#include "searcher/query/stopwords.hpp"

namespace herald {
namespace {

struct StopwordList {
    const char* code;
    const char* words;
};

// clang-format off
constexpr std::array kLists{
    StopwordList{"bg",  // Savoy, 190 words
     "а аз ако ала бе без беше би бил била били било близо бъдат бъде бяха в вас ваш ваша вероятно вече "
     "взема ви вие винаги все всеки всички всичко всяка във въпреки върху г ги главно го д да дали до "
     "докато докога дори досега доста е едва един ето за зад заедно заради засега затова защо защото и из "
     "или им има имат иска й каза как каква какво както какъв като кога когато което които кой който колко "
     "която къде където към ли м ме между мен ми мнозина мога могат може моля момента му н на над назад "
     "най направи напред например нас не него нея ни ние никой нито но някои някой няма обаче около освен "
     "особено от отгоре отново още пак по повече повечето под поне поради после почти прави пред преди "
     "през при пък първо с са само се сега си скоро след сме според сред срещу сте съм със също т тази "
     "така такива такъв там твой те тези ти тн то това тогава този той толкова точно трябва тук тъй тя тях "
     "у харесва ч че често чрез ще щом я "},
    StopwordList{"cs",  // Lucene, 171 words
     "a aby aj ale ani asi atd atp až bez bude budem budeš by byl byla byli bylo být co což cz další dnes "
     "do ho i jak jakmile jako jakož je jeho jehož jej jejich její jelikož jemu jen ještě jež ji jiné již "
     "jsem jseš jsme jsou jste já jí jíž k kam kde kdo když ke kterou která které který kteří mezi mi mne "
     "my má máte mít mě můj může na nad napište načež naši nebo neg nejsou není než nic nové nový nám nás "
     "němu němuž o od on ona oni ono ony pak po pod podle pokud pouze pravé pro proto protože proč první "
     "pta před přes při přičemž re s se si strana své svých svým svými ta tak také takže tato tedy ten "
     "tento teto tipy to tohle toho tohoto tom tomto tomu tomuto tu tuto ty tyto téma tím tímto těm těmu u "
     "už v vaše ve vy vám vás více však z za zda zde ze zprávy zpět či článku články "},
    StopwordList{"da",  // Snowball, 94 words
     "ad af alle alt anden at blev blive bliver da de dem den denne der deres det dette dig din disse dog "
     "du efter eller en end er et for fra ham han hans har havde have hende hendes her hos hun hvad hvis "
     "hvor i ikke ind jeg jer jo kunne man mange med meget men mig min mine mit mod ned noget nogle nu når "
     "og også om op os over på selv sig sin sine sit skal skulle som sådan thi til ud under var vi vil "
     "ville vor være været "},
    StopwordList{"de",  // Snowball, 231 words
     "aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm "
     "andern anderr anders auch auf aus bei bin bis bist da damit dann das dasselbe dazu daß dein deine "
     "deinem deinen deiner deines dem demselben den denn denselben der derer derselbe derselben des "
     "desselben dessen dich die dies diese dieselbe dieselben diesem diesen dieser dieses dir doch dort du "
     "durch ein eine einem einen einer eines einig einige einigem einigen einiger einiges einmal er es "
     "etwas euch euer eure eurem euren eurer eures für gegen gewesen hab habe haben hat hatte hatten hier "
     "hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden "
     "jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines können "
     "könnte machen man manche manchem manchen mancher manches mein meine meinem meinen meiner meines mich "
     "mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner "
     "seines selbst sich sie sind so solche solchem solchen solcher solches soll sollte sondern sonst um "
     "und uns unse unsem unsen unser unses unter viel vom von vor war waren warst was weg weil weiter "
     "welche welchem welchen welcher welches wenn werde werden wie wieder will wir wird wirst wo wollen "
     "wollte während würde würden zu zum zur zwar zwischen über "},
    StopwordList{"en",  // Snowball, 174 words
     "a about above after again against all am an and any are aren't as at be because been before being "
     "below between both but by can't cannot could couldn't did didn't do does doesn't doing don't down "
     "during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her "
     "here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's "
     "its itself let's me more most mustn't my myself no nor not of off on once only or other ought our "
     "ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than "
     "that that's the their theirs them themselves then there there's these they they'd they'll they're "
     "they've this those through to too under until up very was wasn't we we'd we'll we're we've were "
     "weren't what what's when when's where where's which while who who's whom why why's with won't would "
     "wouldn't you you'd you'll you're you've your yours yourself yourselves "},
    StopwordList{"es",  // Snowball, 308 words
     "a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el "
     "ella ellas ellos en entre era erais eran eras eres es esa esas ese eso esos esta estaba estabais "
     "estaban estabas estad estada estadas estado estados estamos estando estar estaremos estará estarán "
     "estarás estaré estaréis estaría estaríais estaríamos estarían estarías estas este estemos esto estos "
     "estoy estuve estuviera estuvierais estuvieran estuvieras estuvieron estuviese estuvieseis estuviesen "
     "estuvieses estuvimos estuviste estuvisteis estuviéramos estuviésemos estuvo está estábamos estáis "
     "están estás esté estéis estén estés fue fuera fuerais fueran fueras fueron fuese fueseis fuesen "
     "fueses fui fuimos fuiste fuisteis fuéramos fuésemos ha habida habidas habido habidos habiendo "
     "habremos habrá habrán habrás habré habréis habría habríais habríamos habrían habrías habéis había "
     "habíais habíamos habían habías han has hasta hay haya hayamos hayan hayas hayáis he hemos hube "
     "hubiera hubierais hubieran hubieras hubieron hubiese hubieseis hubiesen hubieses hubimos hubiste "
     "hubisteis hubiéramos hubiésemos hubo la las le les lo los me mi mis mucho muchos muy más mí mía mías "
     "mío míos nada ni no nos nosotras nosotros nuestra nuestras nuestro nuestros o os otra otras otro "
     "otros para pero poco por porque que quien quienes qué se sea seamos sean seas seremos será serán "
     "serás seré seréis sería seríais seríamos serían serías seáis sido siendo sin sobre sois somos son "
     "soy su sus suya suyas suyo suyos sí también tanto te tendremos tendrá tendrán tendrás tendré "
     "tendréis tendría tendríais tendríamos tendrían tendrías tened tenemos tenga tengamos tengan tengas "
     "tengo tengáis tenida tenidas tenido tenidos teniendo tenéis tenía teníais teníamos tenían tenías ti "
     "tiene tienen tienes todo todos tu tus tuve tuviera tuvierais tuvieran tuvieras tuvieron tuviese "
     "tuvieseis tuviesen tuvieses tuvimos tuviste tuvisteis tuviéramos tuviésemos tuvo tuya tuyas tuyo "
     "tuyos tú un una uno unos vosotras vosotros vuestra vuestras vuestro vuestros y ya yo él éramos "},
    StopwordList{"fi",  // Snowball, 229 words
     "ei eivät emme en et ette että he heidän heidät heihin heille heillä heiltä heissä heistä heitä hän "
     "häneen hänelle hänellä häneltä hänen hänessä hänestä hänet häntä itse ja johon joiden joihin joiksi "
     "joilla joille joilta joina joissa joista joita joka joksi jolla jolle jolta jona jonka jos jossa "
     "josta jota jotka kanssa keiden keihin keiksi keille keillä keiltä keinä keissä keistä keitä keneen "
     "keneksi kenelle kenellä keneltä kenen kenenä kenessä kenestä kenet ketkä ketä koska kuin kuka kun me "
     "meidän meidät meihin meille meillä meiltä meissä meistä meitä mihin miksi mikä mille millä miltä "
     "minkä minua minulla minulle minulta minun minussa minusta minut minuun minä missä mistä mitkä mitä "
     "mukaan mutta ne niiden niihin niiksi niille niillä niiltä niin niinä niissä niistä niitä noiden "
     "noihin noiksi noilla noille noilta noin noina noissa noista noita nuo nyt näiden näihin näiksi "
     "näille näillä näiltä näinä näissä näistä näitä nämä ole olemme olen olet olette oli olimme olin "
     "olisi olisimme olisin olisit olisitte olisivat olit olitte olivat olla olleet ollut on ovat poikki "
     "se sekä sen siihen siinä siitä siksi sille sillä siltä sinua sinulla sinulle sinulta sinun sinussa "
     "sinusta sinut sinuun sinä sitä tai tallä te teidän teidät teihin teille teillä teiltä teissä teistä "
     "teitä tuo tuohon tuoksi tuolla tuolle tuolta tuon tuona tuossa tuosta tuotä tähän täksi tälle tältä "
     "tämä tämän tänä tässä tästä tätä vaan vai vaikka yli "},
    StopwordList{"fr",  // Snowball, 155 words
     "ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez aurions aurons "
     "auront aux avaient avais avait avec avez aviez avions avons ayant ayante ayantes ayants ayez ayons c "
     "ce ces d dans de des du elle en es est et eu eue eues eurent eus eusse eussent eusses eussiez "
     "eussions eut eux eûmes eût eûtes furent fus fusse fussent fusses fussiez fussions fut fûmes fût "
     "fûtes il j je l la le leur lui m ma mais me mes moi mon même n ne nos notre nous on ont ou par pas "
     "pour qu que qui s sa se sera serai seraient serais serait seras serez seriez serions serons seront "
     "ses soient sois soit sommes son sont soyez soyons suis sur t ta te tes toi ton tu un une vos votre "
     "vous y à étaient étais était étant étante étantes étants étiez étions été étée étées étés êtes "},
    StopwordList{"hr",  // stopwords-iso, 179 words
     "a ako ali bi bih bila bili bilo bio bismo biste biti bumo da do duž ga hoće hoćemo hoćete hoćeš hoću "
     "i iako ih ili iz ja je jedna jedne jedno jer jesam jesi jesmo jest jeste jesu jim joj još ju kada "
     "kako kao koja koje koji kojima koju kroz li me mene meni mi mimo moj moja moje mu na nad nakon nam "
     "nama nas naš naša naše našeg ne nego neka neki nekog neku nema netko neće nećemo nećete nećeš neću "
     "nešto ni nije nikoga nikoje nikoju nisam nisi nismo niste nisu njega njegov njegova njegovo njemu "
     "njezin njezina njezino njih njihov njihova njihovo njim njima njoj nju no o od odmah on ona oni ono "
     "ova pa pak po pod pored prije s sa sam samo se sebe sebi si smo ste su sve svi svog svoj svoja svoje "
     "svom ta tada taj tako te tebe tebi ti to toj tome tu tvoj tvoja tvoje u uz vam vama vas vaš vaša "
     "vaše već vi vrlo za zar će ćemo ćete ćeš ću što "},
    StopwordList{"hu",  // Snowball, 198 words
     "a abban ahhoz ahogy ahol aki akik akkor alatt amely amelyek amelyekben amelyeket amelyet amelynek "
     "ami amikor amit amolyan amíg annak arra arról az azok azon azonban azt aztán azután azzal azért be "
     "belül benne bár cikk cikkek cikkeket csak de e ebben eddig egy egyes egyetlen egyik egyre egyéb "
     "egész ehhez ekkor el ellen első elég elő először előtt emilyen ennek erre ez ezek ezen ezt ezzel "
     "ezért fel felé hanem hiszen hogy hogyan igen ill ill. illetve ilyen ilyenkor ismét ison itt jobban "
     "jó jól kell kellett keressünk keresztül ki kívül között közül legalább legyen lehet lehetett lenne "
     "lenni lesz lett maga magát majd meg mellett mely melyek mert mi mikor milyen minden mindenki mindent "
     "mindig mint mintha mit mivel miért most már más másik még míg nagy nagyobb nagyon ne nekem neki nem "
     "nincs néha néhány nélkül olyan ott pedig persze rá s saját sem semmi sok sokat sokkal szemben "
     "szerint szinte számára talán tehát teljes tovább továbbá több ugyanis utolsó után utána vagy vagyis "
     "vagyok valaki valami valamint való van vannak vele vissza viszont volna volt voltak voltam voltunk "
     "által általában át én éppen és így össze úgy új újabb újra ő ők őket "},
    StopwordList{"id",  // Snowball, 93 words
     "ada adalah akan aku anda antara apa apabila atau ataupun bagaimana bagi bahwa banyak beberapa begitu "
     "beliau belum bila bisa boleh bukan dalam dan dapat dari daripada demikian dengan di dia hampir hanya "
     "harus hingga ia ialah ini itu jika juga kalau kalian kami kamu karena ke kemudian kepada ketika kita "
     "lebih maka maupun melainkan melalui memiliki mereka meskipun namun oleh pada saja sama sana satu "
     "saya sebagai sebuah secara sedangkan sehingga selain semua sendiri seorang seperti serta seseorang "
     "setelah setiap suatu tanpa tapi telah terlalu tersebut tetapi tidak untuk yaitu yakni yang "},
    StopwordList{"it",  // Snowball, 279 words
     "a abbia abbiamo abbiano abbiate ad agl agli ai al all alla alle allo anche avemmo avendo avesse "
     "avessero avessi avessimo aveste avesti avete aveva avevamo avevano avevate avevi avevo avrai avranno "
     "avrebbe avrebbero avrei avremmo avremo avreste avresti avrete avrà avrò avuta avute avuti avuto c "
     "che chi ci coi col come con contro cui da dagl dagli dai dal dall dalla dalle dallo degl degli dei "
     "del dell della delle dello di dov dove e ebbe ebbero ebbi ed era erano eravamo eravate eri ero "
     "essendo faccia facciamo facciano facciate faccio facemmo facendo facesse facessero facessi facessimo "
     "faceste facesti faceva facevamo facevano facevate facevi facevo fai fanno farai faranno farebbe "
     "farebbero farei faremmo faremo fareste faresti farete farà farò fece fecero feci fosse fossero fossi "
     "fossimo foste fosti fu fui fummo furono gli ha hai hanno ho i il in io l la le lei li lo loro lui ma "
     "mi mia mie miei mio ne negl negli nei nel nell nella nelle nello noi non nostra nostre nostri nostro "
     "o per perché più quale quanta quante quanti quanto quella quelle quelli quello questa queste questi "
     "questo sarai saranno sarebbe sarebbero sarei saremmo saremo sareste saresti sarete sarà sarò se sei "
     "si sia siamo siano siate siete sono sta stai stando stanno starai staranno starebbe starebbero "
     "starei staremmo staremo stareste staresti starete starà starò stava stavamo stavano stavate stavi "
     "stavo stemmo stesse stessero stessi stessimo steste stesti stette stettero stetti stia stiamo stiano "
     "stiate sto su sua sue sugl sugli sui sul sull sulla sulle sullo suo suoi ti tra tu tua tue tuo tuoi "
     "tutti tutto un una uno vi voi vostra vostre vostri vostro è "},
    StopwordList{"nl",  // Snowball, 101 words
     "aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een eens "
     "en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je "
     "kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons "
     "ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie "
     "wil worden wordt zal ze zelf zich zij zijn zo zonder zou "},
    StopwordList{"no",  // Snowball, 172 words
     "alle at av bare begge ble blei bli blir blitt både båe da de deg dei deim deira deires dem den denne "
     "der dere deres det dette di din disse ditt du dykk dykkar då eg ein eit eitt eller elles en enn er "
     "et ett etter for fordi fra før ha hadde han hans har hennar henne hennes her hjå ho hoe honom hoss "
     "hossen hun hva hvem hver hvilke hvilken hvis hvor hvordan hvorfor i ikke ikkje ingen ingi inkje inn "
     "inni ja jeg kan kom korleis korso kun kunne kva kvar kvarhelst kven kvi kvifor man mange me med "
     "medan meg meget mellom men mi min mine mitt mot mykje ned no noe noen noka noko nokon nokor nokre nå "
     "når og også om opp oss over på samme seg selv si sia sidan siden sin sine sitt sjøl skal skulle slik "
     "so som somme somt så sånn til um upp ut uten var vart varte ved vere verte vi vil ville vore vors "
     "vort vår være vært å "},
    StopwordList{"pl",  // stopwords-iso, 329 words
     "a aby ach acz aczkolwiek aj albo ale ależ ani aż bardziej bardzo bez bo bowiem by byli bym "
     "bynajmniej być był była było były będzie będą cali cała cały chce choć ci ciebie cię co cokolwiek "
     "coraz coś czasami czasem czemu czy czyli często daleko dla dlaczego dlatego do dobrze dokąd dość dr "
     "dużo dwa dwaj dwie dwoje dzisiaj dziś gdy gdyby gdyż gdzie gdziekolwiek gdzieś go godz hab i ich ii "
     "iii ile im inna inne inny innych inż iv ix iż ja jak jakaś jakby jaki jakichś jakie jakiś jakiż "
     "jakkolwiek jako jakoś je jeden jedna jednak jednakże jedno jednym jedynie jego jej jemu jest jestem "
     "jeszcze jeśli jeżeli już ją każdy kiedy kierunku kilka kilku kimś kto ktokolwiek ktoś która które "
     "którego której który których którym którzy ku lat lecz lub ma mają mam mamy mało mgr mi miał mimo "
     "między mnie mną mogą moi moim moja moje może możliwe można mu musi my mój na nad nam nami nas nasi "
     "nasz nasza nasze naszego naszych natomiast natychmiast nawet nic nich nie niech niego niej niemu "
     "nigdy nim nimi nią niż no nowe np nr o o.o. obok od ok około on ona one oni ono oraz oto owszem pan "
     "pana pani pl po pod podczas pomimo ponad ponieważ powinien powinna powinni powinno poza prawie prof "
     "przecież przed przede przedtem przez przy raz razie roku również sam sama się skąd sobie sobą sposób "
     "swoje są ta tak taka taki takich takie także tam te tego tej tel temu ten teraz też to tobie tobą "
     "toteż totobą trzeba tu tutaj twoi twoim twoja twoje twym twój ty tych tylko tym tys tzw tę u ul vi "
     "vii viii vol w wam wami was wasi wasz wasza wasze we według wie wiele wielu więc więcej wszyscy "
     "wszystkich wszystkie wszystkim wszystko wtedy www wy właśnie wśród xi xii xiii xiv xv z za zapewne "
     "zawsze zaś ze zeznowu znowu znów został zł żaden żadna żadne żadnych że żeby "},
    StopwordList{"pt",  // Snowball, 203 words
     "a ao aos aquela aquelas aquele aqueles aquilo as até com como da das de dela delas dele deles depois "
     "do dos e ela elas ele eles em entre era eram essa essas esse esses esta estamos estas estava estavam "
     "este esteja estejam estejamos estes esteve estive estivemos estiver estivera estiveram estiverem "
     "estivermos estivesse estivessem estivéramos estivéssemos estou está estávamos estão eu foi fomos for "
     "fora foram forem formos fosse fossem fui fôramos fôssemos haja hajam hajamos havemos hei houve "
     "houvemos houver houvera houveram houverei houverem houveremos houveria houveriam houvermos houverá "
     "houverão houveríamos houvesse houvessem houvéramos houvéssemos há hão isso isto já lhe lhes mais mas "
     "me mesmo meu meus minha minhas muito na nas nem no nos nossa nossas nosso nossos num numa não nós o "
     "os ou para pela pelas pelo pelos por qual quando que quem se seja sejam sejamos sem serei seremos "
     "seria seriam será serão seríamos seu seus somos sou sua suas são só também te tem temos tenha tenham "
     "tenhamos tenho terei teremos teria teriam terá terão teríamos teu teus teve tinha tinham tive "
     "tivemos tiver tivera tiveram tiverem tivermos tivesse tivessem tivéramos tivéssemos tu tua tuas tém "
     "tínhamos um uma você vocês vos à às éramos "},
    StopwordList{"ro",  // Snowball, 258 words
     "a abia acea aceasta această aceea aceia acel acela acelaşi acele acelea aceluiaşi acest acesta "
     "aceste acestea acestei acestor acestora acestui aceşti aceştia acolo acum adică ai aia aici al ale "
     "alt alta altceva alte altele altfel altul altă alături alţi alţii am anume apoi ar are asemenea asta "
     "astfel astăzi asupra atare atunci atât atâta atâtea atâţi atâţia atît atîti atîţia au avea avem avut "
     "azi aş aşa aţi ba bine ca cam care ce cea ceea cei ceilalţi cel cele celelalte celor ceva chiar ci "
     "cine cineva cu cui cum cumva când cât câte câtă câţi cînd cît cîte cîteva cîţi cîţiva că căreia "
     "cărora căruia către da daca dacă dar de deasupra deci decât decît deja despre deşi din dintr dintre "
     "doar după ea ei el ele era este eu fecăreia fel fi fie fiecare fiecărui fiecăruia fiind foarte fost "
     "fără i-au iar ieri l-am la le li lor lui mai mare mereu mod mult multe multă mulţi mă ne nici "
     "niciodata nimeni nimic nişte noi nostru nouă noştri nu numai o oarecare oarece oarecine oarecui or "
     "orice oricum pe pentru peste plus poată prea prin printr-o puţini până pînă s-ar sa sale sau se spre "
     "sub sunt suntem sunteţi sînt sîntem sînteţi să să-i să-mi să-şi să-ţi săi său te toate toată tocmai "
     "tot totul totuşi toţi tu tuturor un una unde unei unele uneori unii unor unui unul va voi vom vor "
     "vreo vreun vă îi îl îmi împotriva în înainte înapoi înca încît însuşi însă într între îşi îţi ăla şi "
     "ţi "},
    StopwordList{"ru",  // Snowball, 159 words
     "а без более больше будет будто бы был была были было быть в вам вас вдруг ведь во вот впрочем все "
     "всегда всего всех всю вы где говорил да даже два для до другой его ее ей ему если есть еще ж же "
     "жизнь за зачем здесь и из или им иногда их к кажется как какая какой когда конечно кто куда ли лучше "
     "между меня мне много может можно мой моя мы на над надо наконец нас не него нее ней нельзя нет ни "
     "нибудь никогда ним них ничего но ну о об один он она они опять от перед по под после потом потому "
     "почти при про раз разве с сам свою себе себя сегодня сейчас сказал сказала сказать со совсем так "
     "такой там тебя тем теперь то тогда того тоже только том тот три тут ты у уж уже хорошо хоть чего "
     "человек чем через что чтоб чтобы чуть эти этого этой этом этот эту я "},
    StopwordList{"sk",  // stopwords-iso, 418 words
     "a aby aj ak akej akejže ako akom akomže akou akouže akože aká akáže aké akého akéhože akému akémuže "
     "akéže akú akúže aký akých akýchže akým akými akýmiže akýmže akýže ale alebo ani asi avšak až ba bez "
     "bezo bol bola boli bolo bude budem budeme budete budeš budú buď by byť cez cezo dnes do ešte ho hoci "
     "i iba ich im inej inom iná iné iného inému iní inú iný iných iným inými ja je jeho jej jemu ju k kam "
     "kamže každou každá každé každého každému každí každú každý každých každým každými kde kej kejže keď "
     "keďže kie kieho kiehože kiemu kiemuže kieže koho kom komu kou kouže kto ktorej ktorou ktorá ktoré "
     "ktorí ktorú ktorý ktorých ktorým ktorými ku ká káže ké kéže kú kúže ký kýho kýhože kým kýmu kýmuže "
     "kýže lebo leda ledaže len ma majú mal mala mali mať medzi mi mne mnou moja moje mojej mojich mojim "
     "mojimi mojou moju možno mu musia musieť musí musím musíme musíte musíš my má mám máme máte máš môcť "
     "môj môjho môže môžem môžeme môžete môžeš môžu mňa na nad nado najmä nami naša naše našej naši našich "
     "našim našimi našou ne nech neho nej nejakej nejakom nejakou nejaká nejaké nejakého nejakému nejakú "
     "nejaký nejakých nejakým nejakými nemu než nich nie niektorej niektorom niektorou niektorá niektoré "
     "niektorého niektorému niektorú niektorý niektorých niektorým niektorými nielen niečo nim nimi nič "
     "ničoho ničom ničomu ničím no nám nás náš nášho ním o od odo on ona oni ono ony oň oňho po pod podo "
     "podľa pokiaľ popod popri potom poza pre pred predo preto pretože prečo pri práve s sa seba sebe "
     "sebou sem si sme so som ste svoj svoja svoje svojho svojich svojim svojimi svojou svoju svojím sú ta "
     "tak takej takejto taká takáto také takého takéhoto takému takémuto takéto takí takú takúto taký "
     "takýto takže tam teba tebe tebou teda tej tejto ten tento ti tie tieto tiež to toho tohoto tohto tom "
     "tomto tomu tomuto toto tou touto tu tvoj tvoja tvoje tvojej tvojho tvoji tvojich tvojim tvojimi "
     "tvojím ty tá táto tí títo tú túto tých tým tými týmto u už v vami vaša vaše vašej vaši vašich vašim "
     "vaším veď viac vo vy vám vás váš vášho však všetci všetka všetko všetky všetok z za začo začože zo "
     "áno čej či čia čie čieho čiemu čiu čo čoho čom čomu čou čože čí čím čími ďalšia ďalšie ďalšieho "
     "ďalšiemu ďalšiu ďalšom ďalšou ďalší ďalších ďalším ďalšími ňom ňou ňu že "},
    StopwordList{"sl",  // stopwords-iso, 446 words
     "a ali april avgust b bi bil bila bile bili bilo biti blizu bo bodo bojo bolj bom bomo boste bova boš "
     "brez c cel cela celi celo d da daleč dan danes datum december deset deseta deseti deseto devet "
     "deveta deveti deveto do dober dobra dobri dobro dokler dol dolg dolga dolgi dovolj drug druga drugi "
     "drugo dva dve e eden en ena ene eni enkrat eno etc. f februar g g. ga ga. gor gospa gospod h halo i "
     "idr. ii iii in iv ix iz j januar jaz je ji jih jim jo julij junij jutri k kadarkoli kaj kajti kako "
     "kakor kamor kamorkoli kar karkoli katerikoli kdaj kdo kdorkoli ker ki kje kjer kjerkoli ko koder "
     "koderkoli koga komu kot kratek kratka kratke kratki l lahka lahke lahki lahko le lep lepa lepe lepi "
     "lepo leto m maj majhen majhna majhni malce malo manj marec me med medtem mene mesec mi midva midve "
     "mnogo moj moja moje mora morajo moram moramo morate moraš morem mu n na nad naj najina najino "
     "najmanj naju največ nam narobe nas nato nazaj naš naša naše ne nedavno nedelja nek neka nekaj "
     "nekatere nekateri nekatero nekdo neke nekega neki nekje neko nekoga nekoč ni nikamor nikdar nikjer "
     "nikoli nič nje njega njegov njegova njegovo njej njemu njen njena njeno nji njih njihov njihova "
     "njihovo njiju njim njo njun njuna njuno no nocoj november npr. o ob oba obe oboje od odprt odprta "
     "odprti okoli oktober on onadva one oni onidve osem osma osmi osmo oz. p pa pet peta petek peti peto "
     "po pod pogosto poleg poln polna polni polno ponavadi ponedeljek ponovno potem povsod pozdravljen "
     "pozdravljeni prav prava prave pravi pravo prazen prazna prazno prbl. precej pred prej preko pri "
     "pribl. približno primer pripravljen pripravljena pripravljeni proti prva prvi prvo r ravno redko res "
     "reč s saj sam sama same sami samo se sebe sebi sedaj sedem sedma sedmi sedmo sem september seveda si "
     "sicer skoraj skozi slab smo so sobota spet sreda srednja srednji sta ste stran stvar sva t ta tak "
     "taka take taki tako takoj tam te tebe tebi tega težak težka težki težko ti tista tiste tisti tisto "
     "tj. tja to toda torek tretja tretje tretji tri tu tudi tukaj tvoj tvoja tvoje u v vaju vam vas vaš "
     "vaša vaše ve vedno velik velika veliki veliko vendar ves več vi vidva vii viii visok visoka visoke "
     "visoki vsa vsaj vsak vsaka vsakdo vsake vsaki vsakomur vse vsega vsi vso včasih včeraj x z za zadaj "
     "zadnji zakaj zaprta zaprti zaprto zdaj zelo zunaj č če često četrta četrtek četrti četrto čez čigav "
     "š šest šesta šesti šesto štiri ž že "},
    StopwordList{"sv",  // Snowball, 114 words
     "alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din dina ditt "
     "du där då efter ej eller en er era ert ett från för ha hade han hans har henne hennes hon honom hur "
     "här i icke ingen inom inte jag ju kan kunde man med mellan men mig min mina mitt mot mycket ni nu "
     "när någon något några och om oss på samma sedan sig sin sina sitta själv skulle som så sådan sådana "
     "sådant till under upp ut utan vad var vara varför varit varje vars vart vem vi vid vilka vilkas "
     "vilken vilket vår våra vårt än är åt över "},
    StopwordList{"uk",  // Lucene, 1269 words
     "а аби абиде абиким абикого абиколи абикому абикуди абихто абичий абичийого абичийому абичим абичию "
     "абичия абичиє абичиєму абичиєю абичиєї абичиї абичиїй абичиїм абичиїми абичиїх абичого абичому абищо "
     "абияка абияке абиякий абияким абиякими абияких абиякого абиякому абиякою абиякої абияку абиякі "
     "абиякій абиякім або абощо авжеж авось ага адже аж ажень але амінь ану ані аніде аніж анізащо аніким "
     "анікого анікогісінько аніколи анікому аніскільки аніхто анічим анічого анічогісінько анічому аніщо "
     "аніяка аніяке аніякий аніяким аніякими аніяких аніякого аніякому аніякою аніякої аніяку аніякі "
     "аніякій аніякім аніякісенька аніякісеньке аніякісенький аніякісеньким аніякісенькими аніякісеньких "
     "аніякісенького аніякісенькому аніякісенькою аніякісенької аніякісеньку аніякісенькі аніякісенькій "
     "аніякісенькім аніякісінька аніякісіньке аніякісінький аніякісіньким аніякісінькими аніякісіньких "
     "аніякісінького аніякісінькому аніякісінькою аніякісінької аніякісіньку аніякісінькі аніякісінькій "
     "аніякісінькім ато атож ач ачей аякже б ба багато багатьма багатьом багатьох без би бо бодай був буде "
     "будем будемо будете будеш буду будуть будь будьмо будьте була були було бути буцім буцімто біля в "
     "вам вами вас ваш ваша ваше вашим вашими ваших вашого вашому вашою вашої вашу ваші вашій вашім ввесь "
     "вві весь вздовж ви власне властиво внаслідок вона вони воно вподовж впоперек впродовж все вслід "
     "всупереч всього всьому всю всюди вся всяк всяка всяке всякий всяким всякими всяких всякого всякому "
     "всякою всякої всяку всякі всякій всякім всі всій всіляка всіляке всілякий всіляким всілякими "
     "всіляких всілякого всілякому всілякою всілякої всіляку всілякі всілякій всілякім всім всіма всіх "
     "всією всієї втім ві від відколи відповідно відтепер відтоді він віщо віщось гаразд ге геть де дедалі "
     "деким декого деколи декому декотра декотре декотрий декотрим декотрими декотрих декотрого декотрому "
     "декотрою декотрої декотру декотрі декотрій декотрім декілька декільком декількома декількох декім "
     "десь дехто дечий дечийого дечийому дечим дечию дечия дечиє дечиєму дечиєю дечиєї дечиї дечиїй дечиїм "
     "дечиїми дечиїх дечого дечому дечім дещо деяка деяке деякий деяким деякими деяких деякого деякому "
     "деякою деякої деяку деякі деякій деякім деінде для до довкола доки допоки допіру досі дотепер доти "
     "еге ж же жоден жодна жодне жодний жодним жодними жодних жодного жодному жодною жодної жодну жодні "
     "жодній жоднім жоднісінька жоднісіньке жоднісінький жоднісіньким жоднісінькими жоднісіньких "
     "жоднісінького жоднісінькому жоднісінькою жоднісінької жоднісіньку жоднісінькі жоднісінькій "
     "жоднісінькім з за завгодно завдяки завжди завше задля залежно замість заради зараз зате зверху "
     "звідки звідкилясь звідкись звідкіль звідкіля звідкілясь звідси звідсіль звідсіля звідти звідтіль "
     "звідтіля звідусюди звідусіль звідціля здовж ззаду зо зсередини зі ич й його йому ким кимось кимсь "
     "кого когось кожен кожна кожне кожний кожним кожними кожних кожного кожному кожною кожної кожну кожні "
     "кожній кожнім кожнісінька кожнісіньке кожнісінький кожнісіньким кожнісінькими кожнісіньких "
     "кожнісінького кожнісінькому кожнісінькою кожнісінької кожнісіньку кожнісінькі кожнісінькій "
     "кожнісінькім коли колись коло кому комусь котра котрась котре котресь котрий котрийсь котрим котрими "
     "котримись котримось котримсь котрих котрихось котрихсь котрого котрогось котрому котромусь котрою "
     "котроюсь котрої котроїсь котру котрусь котрі котрій котрійсь котрім котрімсь котрісь край круг "
     "кругом крізь крім куди кудись кудою кілька кільком кількома кількох кім кімось кімсь кінець ледве "
     "ледь лиш лише лишень мене мені мерсі ми мною мов мовби мовбито могла могли могло мого могти може "
     "можем можемо можете можеш можна можу можуть можіть мою моя моє моєму моєю моєї мої моїй моїм моїми "
     "моїх міг між мій на навколо навкруг навпаки навперейми навпроти навіть навіщо навіщось над надо наді "
     "нам нами наперед напередодні наперекір напереріз наприкінці напроти нас насеред насупроти нате наче "
     "начеб начебто наш наша наше нашим нашими наших нашого нашому нашою нашої нашу наші нашій нашім не "
     "неабичим неабичого неабичому неабищо небагато небагатьма небагатьом небагатьох невважаючи невже "
     "незважаючи немов немовби немовбито неначе неначебто нехай нею неї нижче ним ними них но ну нумо "
     "нумте нього ньому ні ніби нібито ніде ніж нізащо нізвідки нізвідкіля ній ніким нікого нікогісінько "
     "ніколи нікому нікотра нікотре нікотрий нікотрим нікотрими нікотрих нікотрого нікотрому нікотрою "
     "нікотрої нікотру нікотрі нікотрій нікотрім нікуди нім нінащо ніскільки ніхто нічий нічийна нічийне "
     "нічийний нічийним нічийними нічийних нічийного нічийному нічийною нічийної нічийну нічийні нічийній "
     "нічийнім нічийого нічийому нічим нічию нічия нічиє нічиєму нічиєю нічиєї нічиї нічиїй нічиїм нічиїми "
     "нічиїх нічого нічому ніщо ніяк ніяка ніяке ніякий ніяким ніякими ніяких ніякого ніякому ніякою "
     "ніякої ніяку ніякі ніякій ніякім ніякісінька ніякісіньке ніякісінький ніякісіньким ніякісінькими "
     "ніякісіньких ніякісінького ніякісінькому ніякісінькою ніякісінької ніякісіньку ніякісінькі "
     "ніякісінькій ніякісінькім о об обабіч обік обіч од один одна однак одначе одне одним одними одних "
     "одно одного одному одною одної одну одні одній однім однією однієї окрай округ округи окрім он онде "
     "онно оно опріч опісля осе оскільки ось осісьо от ота отак отака отаке отакий отаким отакими отаких "
     "отакого отакому отакою отакої отаку отакі отакій отакім отакісінька отакісіньке отакісінький "
     "отакісіньким отакісінькими отакісіньких отакісінького отакісінькому отакісінькою отакісінької "
     "отакісіньку отакісінькі отакісінькій отакісінькім отам оте отже отим отими отих ото отого отож отой "
     "отому отою отої отсе оттак отто оту отут оті отій отім отією отієї оце оцей оцим оцими оцих оцього "
     "оцьому оцю оця оці оцій оцім оцією оцієї пак перед перетака перетаке перетакий перетаким перетакими "
     "перетаких перетакого перетакому перетакою перетакої перетаку перетакі перетакій перетакім по поблизу "
     "побік побіч поверх повз повздовж повсюди повсюдно подекуди подеяка подеяке подеякий подеяким "
     "подеякими подеяких подеякого подеякому подеякою подеякої подеяку подеякі подеякій подеякім подовж "
     "поза позад позаду позата позате позатим позатими позатих позатого позатой позатому позатою позатої "
     "позату позаті позатій позатім позатією позатієї позаяк поздовж поки покрай покіль поміж понад понадо "
     "понижче поперед попереду поперек попліч попри попросту попід поруч поряд посеред посередині потім "
     "поуз прецінь при притому причому причім про проміж просто проте проти протягом під підо після раз "
     "раніше сам сама саме сами самий самим самими самих само самого самому самою самої саму самі самій "
     "самім свого свою своя своє своєму своєю своєї свої своїй своїм своїми своїх свій се себе себто серед "
     "сиріч скрізь скільки скількись скільком скількома скількомась скількомось скількомсь скількох "
     "скількохось скількохсь собою собі спереду справді стільки стільком стількома стількох супроти "
     "супротив суть сюди сяка сяке сякий сяким сякими сяких сякого сякому сякою сякої сяку сякі сякій "
     "сякім та так така таке такенна такенне такенний такенним такенними такенних такенного такенному "
     "такенною такенної такенну такенні такенній такеннім таки такий таким такими таких такого також "
     "такому такою такої таку такі такій такім такісінька такісіньке такісінький такісіньким такісінькими "
     "такісіньких такісінького такісінькому такісінькою такісінької такісіньку такісінькі такісінькій "
     "такісінькім там тамки тамта тамте тамтим тамтими тамтих тамтого тамтой тамтому тамтою тамтої тамту "
     "тамті тамтій тамтім тамтією тамтієї твого твою твоя твоє твоєму твоєю твоєї твої твоїй твоїм твоїми "
     "твоїх твій те тебе теж тепер теперечки теє ти тим тими тих то тобою тобто тобі того тоді тож той "
     "тому тощо тою тої ту туди тудою тут тутеньки тутечки тутки ті тій тільки тім тією тієї у ув увесь "
     "уві угу уздовж унаслідок уподовж упоперек упродовж усе услід усупереч усього усьому усю усюди уся "
     "усяк усяка усяке усякий усяким усякими усяких усякого усякому усякою усякої усяку усякі усякій "
     "усякім усі усій усіляка усіляке усілякий усіляким усілякими усіляких усілякого усілякому усілякою "
     "усілякої усіляку усілякі усілякій усілякім усім усіма усіх усією усієї утім хай хоч хоча хто хтось "
     "хіба це цебто цей цим цими цих цього цьому цю ця ці цій цім цією цієї чень через чи чий чийого "
     "чийогось чийому чийомусь чийсь чим чимось чимсь чию чиюсь чия чиясь чиє чиєму чиємусь чиєсь чиєю "
     "чиєюсь чиєї чиєїсь чиї чиїй чиїйсь чиїм чиїми чиїмись чиїмось чиїмсь чиїсь чиїх чиїхось чиїхсь чого "
     "чогось чому чомусь чортзна чім чімось чімсь шляхом ще що щоб щоби щодо щойно щоправда щось я як яка "
     "якась якби яке якесь який якийсь яким якими якимись якимось якимсь яких якихось якихсь якого якогось "
     "якому якомусь якось якою якоюсь якої якоїсь якраз яку якусь якщо які якій якійсь якім якімсь якісь є "
     "єси і ібн із ізсередини інакша інакше інакший інакшим інакшими інакших інакшого інакшому інакшою "
     "інакшої інакшу інакші інакшій інакшім інколи іноді інша інше інший іншим іншими інших іншого іншому "
     "іншою іншої іншу інші іншій іншім іще їй їм їх їхнього їхньому їхньою їхньої їхню їхня їхнє їхні "
     "їхній їхнім їхніми їхніх її "},
};
// clang-format on

// A list folded into a set, word by word.
std::unordered_set<std::string> folded_set(const StopwordList& list) {
    std::unordered_set<std::string> set;
    const std::string_view words(list.words);
    std::size_t start = 0;
    while (start < words.size()) {
        const std::size_t space = std::min(words.find(' ', start), words.size());
        if (space > start) set.insert(fold(words.substr(start, space - start)));
        start = space + 1;
    }
    return set;
}

// Each language's set is folded on first use: a search asks for its
// archive's languages only, and folding all 22 lists was a tenth of a
// one-shot search that matched nothing.
struct LazySet {
    std::once_flag folded;
    std::unordered_set<std::string> words;
};

std::array<LazySet, kLists.size()>& lazy_sets() {
    static std::array<LazySet, kLists.size()> sets;
    return sets;
}

}  // namespace

const std::unordered_set<std::string>& stopwords(std::string_view language_code) {
    static const std::unordered_set<std::string> none;
    for (std::size_t i = 0; i < kLists.size(); ++i) {
        if (language_code != kLists[i].code) continue;
        LazySet& set = lazy_sets()[i];
        std::call_once(set.folded, [&] { set.words = folded_set(kLists[i]); });
        return set.words;
    }
    return none;
}

bool is_stopword(std::string_view language_code, const std::string& folded_word) {
    return stopwords(language_code).count(folded_word) > 0;
}

const std::vector<std::string>& stopword_languages() {
    static const std::vector<std::string> codes = [] {
        std::vector<std::string> all;
        for (const auto& list : kLists) all.emplace_back(list.code);
        std::sort(all.begin(), all.end());
        return all;
    }();
    return codes;
}

}  // namespace herald
