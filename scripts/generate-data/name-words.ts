/**
 * Word lists for synthesized item names. Written for this generator (fictional titles, generic
 * Russian and English words); only the special items of anchors.ts use real product names.
 */

/** Splits a `|`-separated word list. */
function splitWords(text: string): readonly string[] {
  return text.split('|');
}

/** Russian adjectives, masculine caps; feminine/neuter forms swap the last two letters. */
export const RU_ADJECTIVES = splitWords(
  'ТЕМНЫЙ|БЕЛЫЙ|ЧЕРНЫЙ|СТАРЫЙ|НОВЫЙ|БЫСТРЫЙ|ДОБРЫЙ|ХРАБРЫЙ|ПЕРВЫЙ|КРАСНЫЙ|ЗЕЛЕНЫЙ|ОПАСНЫЙ|' +
    'ТАЙНЫЙ|ВЕЧНЫЙ|ЗВЕЗДНЫЙ|ЖЕЛЕЗНЫЙ|СМЕЛЫЙ|ЯРОСТНЫЙ|ЧЕСТНЫЙ|СЧАСТЛИВЫЙ|СЛАВНЫЙ|ВЕРНЫЙ|ЛУННЫЙ|' +
    'СОЛНЕЧНЫЙ|НЕВИДИМЫЙ|БЕШЕНЫЙ|КРОВАВЫЙ|СЕРЕБРЯНЫЙ|ОГНЕННЫЙ|ПОДВОДНЫЙ|ЗАБЫТЫЙ|ПРОКЛЯТЫЙ|' +
    'ЗАПРЕТНЫЙ|БЕЗУМНЫЙ|ЮНЫЙ|ВЕСЕЛЫЙ|УМНЫЙ|ДИКИЙ|ВЕЛИКИЙ|ДОЛГИЙ|ЗОЛОТОЙ|СТАЛЬНОЙ|ЛЕДЯНОЙ|БОЛЬШОЙ|' +
    'ГЛАВНЫЙ|ПОСЛЕДНИЙ|ЛЕСНОЙ|НОЧНОЙ|ЗЛОЙ|ЖИВОЙ|ЧУЖОЙ|РОДНОЙ|СЕДЬМОЙ|МЕДНЫЙ|ХРУСТАЛЬНЫЙ|ДАЛЬНИЙ',
);

/** Russian nouns (caps) with gender: m, f or n. */
export const RU_NOUNS = splitWords(
  'РЫЦАРЬ:m|ГОРОД:m|ОСТРОВ:m|ДОМ:m|МИР:m|ПУТЬ:m|ЗАКОН:m|ВОИН:m|ОХОТНИК:m|АНГЕЛ:m|ДРАКОН:m|ВЕТЕР:m|' +
    'КОРОЛЬ:m|СОЛДАТ:m|ЛЕС:m|ОКЕАН:m|ГОРИЗОНТ:m|ПОЕЗД:m|ДЕТЕКТИВ:m|ПРИНЦ:m|ГЕРОЙ:m|ПИРАТ:m|ШПИОН:m|' +
    'СЕКРЕТ:m|КОД:m|ДРУГ:m|ВОЛК:m|ТИГР:m|КАПИТАН:m|СТРАЖ:m|МАЯК:m|КЛАН:m|ЭКИПАЖ:m|БРАТ:m|ЗАМОК:m|' +
    'ЛЕГЕНДА:f|ТАЙНА:f|НОЧЬ:f|ЗЕМЛЯ:f|ДОРОГА:f|ВОЙНА:f|ЛЮБОВЬ:f|ИСТОРИЯ:f|ПЛАНЕТА:f|РЕКА:f|КОРОЛЕВА:f|' +
    'ЖИЗНЬ:f|ИГРА:f|ЗВЕЗДА:f|МИССИЯ:f|ГРАНИЦА:f|СТРАЖА:f|ОХОТА:f|ЗИМА:f|ВЕСНА:f|ПРИНЦЕССА:f|СЕМЬЯ:f|' +
    'КОМАНДА:f|ЛОВУШКА:f|ИМПЕРИЯ:f|БУРЯ:f|ПОГОНЯ:f|ДОЧЬ:f|СЕРДЦЕ:n|НЕБО:n|ЛЕТО:n|ОРУЖИЕ:n|ЗЕРКАЛО:n|' +
    'ЦАРСТВО:n|ОБЕЩАНИЕ:n|ПРОКЛЯТИЕ:n|ПУТЕШЕСТВИЕ:n|НАСЛЕДИЕ:n|ВТОРЖЕНИЕ:n|ПРАВОСУДИЕ:n|ЧУДО:n|ОЗЕРО:n|' +
    'ЗАДАНИЕ:n|ОГРАБЛЕНИЕ:n|ЯВЛЕНИЕ:n|ЭХО:n|УТРО:n',
);

/** Genitive plurals used after numbers of five and more: "12 ДРУЗЕЙ". */
export const RU_COUNTED = splitWords('ДРУЗЕЙ|ВОЛКОВ|ПИРАТОВ|ЗВЕЗД|СНОВ|ТЕНЕЙ|ЧУДОВИЩ|ГОР|ДНЕЙ|ЛЕТ|ШАГОВ|МИНУТ|ДРАКОНОВ|СПАРТАНЦЕВ|ОБЕЗЬЯН|КОМНАТ|ЖИЗНЕЙ|ПРИНЦЕСС');

/** Russian genitive complements (caps): "ТАЙНА" + "ДРАКОНА". */
export const RU_GENITIVES = splitWords(
  'ДРАКОНА|ГАЛАКТИКИ|ПРОШЛОГО|ВРЕМЕНИ|ТЬМЫ|СТРАХА|МОРЯ|ГОР|НОЧИ|ВЕТРА|ЧЕСТИ|СВЕТА|ИМПЕРИИ|ЗАКОНА|' +
    'БУДУЩЕГО|ЗВЕЗД|ПУСТЫНИ|СЕВЕРА|ГОРОДА|ОКЕАНА|КОРОЛЯ|ВОЛКОВ|ТИГРА|ПИРАТОВ|ФАРАОНА|ОСТРОВА|' +
    'ПОБЕДЫ|СУДЬБЫ|МЕСТИ|СНОВ|ДЖУНГЛЕЙ|ПЛАНЕТЫ|БЕЗДНЫ|ГРОМА|ЛЬДА|ОГНЯ|ТЕНЕЙ|КОРОЛЕВЫ|ЧУДОВИЩ|ДРУЗЕЙ',
);

/** Plural adjectives for Russian band names. */
export const RU_BAND_ADJECTIVES = splitWords('БЕЛЫЕ|НОЧНЫЕ|ЧЕРНЫЕ|ДИКИЕ|ВЕСЕЛЫЕ|СТАРЫЕ|ЛЕДЯНЫЕ|ЗОЛОТЫЕ|ТИХИЕ|ЗВЕЗДНЫЕ|ЛЕСНЫЕ|ГОРОДСКИЕ|ЯРКИЕ|СИНИЕ');
/** Plural nouns for Russian band names. */
export const RU_BAND_NOUNS = splitWords('ВОЛКИ|ЗВЕЗДЫ|ПИЛОТЫ|ГОРОДА|ТЕНИ|КОРАБЛИ|ПТИЦЫ|ОГНИ|ВЕТРА|СНЫ|МАЯКИ|ЛЮДИ|РЕКИ|ДОРОГИ|КОТЫ|ГРОЗЫ');

/** Russian first names (caps) for artists and authors. */
export const RU_FIRST_NAMES = splitWords(
  'АЛЕКСАНДР|ЕЛЕНА|ДМИТРИЙ|ОЛЬГА|СЕРГЕЙ|ИРИНА|АНДРЕЙ|НАТАЛЬЯ|МИХАИЛ|ТАТЬЯНА|ИГОРЬ|АННА|ВАЛЕРИЙ|МАРИНА|' +
    'ЮРИЙ|СВЕТЛАНА|ГРИГОРИЙ|ВЕРА|ЛЕОНИД|ЖАННА|ЭДУАРД|ЯНА|БОРИС|ЛАРИСА|ФИЛИПП|ХРИСТИНА|ЦЕЗАРЬ|ЭМИЛЬ',
);
/** Russian surnames (caps). */
export const RU_SURNAMES = splitWords(
  'ВОЛКОВ|СМИРНОВ|КУЗНЕЦОВ|ПОПОВ|СОКОЛОВ|ЛЕБЕДЕВ|КОЗЛОВ|НОВИКОВ|МОРОЗОВ|ПЕТРОВ|ВАСИЛЬЕВ|ЗАЙЦЕВ|ПАВЛОВ|' +
    'СЕМЕНОВ|ГОЛУБЕВ|ВИНОГРАДОВ|БОГДАНОВ|ВОРОБЬЕВ|ФЕДОРОВ|МИХАЙЛОВ|БЕЛЯЕВ|ТАРАСОВ|БЕЛОВ|КОМАРОВ|ОРЛОВ|' +
    'КИСЕЛЕВ|МАКАРОВ|АНДРЕЕВ|КОВАЛЕВ|ИЛЬИН|ГУСЕВ|ТИТОВ|КУЗЬМИН|КУДРЯВЦЕВ|БАРАНОВ|КУЛИКОВ|АЛЕКСЕЕВ|' +
    'СТЕПАНОВ|ЯКОВЛЕВ|СОРОКИН|СЕРГЕЕВ|РОМАНОВ|ЗАХАРОВ|БОРИСОВ|ЯКОВЕНКО|ЮДИН|ЭРДМАН|ШУБИН|ЧЕРНОВ|ЦВЕТКОВ|' +
    'ХОХЛОВ|УСТИНОВ|ФРОЛОВ|ЩУКИН|ЖУКОВ|ДЕНИСОВ|ГРОМОВ|АБРАМОВ|ЕРМАКОВ|ЁЛКИН',
);

/** English adjectives for game, film and band titles. */
export const EN_ADJECTIVES = splitWords(
  'Dark|Dead|Deep|Lost|Final|Last|First|Black|Red|Silent|Hidden|Broken|Crimson|Eternal|Forgotten|Golden|' +
    'Iron|Mad|Mighty|Night|Royal|Savage|Secret|Shadow|Sky|Steel|Storm|Super|Wild|Ancient|Brave|Cosmic|' +
    'Cyber|Dragon|Epic|Fallen|Frozen|Galactic|Grand|Heavy|Holy|Infinite|Lucky|Magic|Mega|Neon|Ninja|' +
    'Perfect|Primal|Rapid|Rogue|Sacred|Sonic|Space|Total|Ultimate|Urban|Zombie|Alpha|Arctic|Blazing|' +
    'Burning|Digital|Dino|Divine|Double|Extreme|Fatal|Fire|Ghost|Green|Hyper|Jungle|Killer|Little|Metal|' +
    'Monster|Nova|Ocean|Pixel|Power|Quantum|Racing|Rebel|Rocket|Ruby|Silver|Star|Street|Tiny|Turbo|' +
    'Twisted|Velvet|Wicked|Winter|Young|Crazy|Desert|Diamond|Dirty|Dream|Electric|Flying|Funky|Happy|' +
    'Lonely|Modern|Mystic|Northern|Pure|Quiet|Rainbow|Rolling|Sweet|White|Blue|Daring|Deadly|Dizzy|' +
    'Dusty|Eastern|Emerald|Endless|Fearless|Gentle|Hollow|Jolly|Kinetic|Lunar|Noble|Obsidian|Polar|' +
    'Quick|Radiant|Scarlet|Tactical|Unknown|Vast|Western|Yellow|Zen|Plastic|Prime|Proud|Psycho|Pocket|' +
    'Absolute|Active|Amazing|Angry|Atomic|Awesome|Bad|Big|Bionic|Bloody|Bold|Bright|Brutal|Bizarre|' +
    'Classic|Clever|Crystal|Cute|Colossal|Crazy|Cursed|Daily|Dangerous|Dashing|Arcane|Armored|Blind|' +
    'Boundless|Chaotic|Chrome|Civil|Clockwork|Cold|Combat|Covert|Cruel|Curious|Cyan|Abyssal|Agile',
);

/** English nouns for game, film and band titles. */
export const EN_NOUNS = splitWords(
  'Legends|Kingdom|Empire|Warriors|Heroes|Knight|Hunter|Rising|Dawn|Horizon|Frontier|Chronicles|Tactics|' +
    'Quest|Odyssey|Saga|Wars|Force|Academy|Arena|Battle|Blade|Castle|City|Code|Command|Conquest|Crusade|' +
    'Defender|Destiny|Dimension|District|Dungeon|Escape|Evolution|Fighter|Galaxy|Garden|Guardian|Harbor|' +
    'Island|Journey|Justice|Kart|League|Machine|Mission|Mystery|Nation|Origins|Outlaws|Paradise|Patrol|' +
    'Planet|Prince|Protocol|Racer|Raiders|Realm|Rebellion|Revenge|Riders|Rush|Safari|Shift|Siege|Soldier|' +
    'Soul|Squad|Stories|Strike|Survivor|Sword|Temple|Thunder|Titans|Tournament|Tower|Trials|Valley|' +
    'Village|Voyage|War|Wings|World|Zone|Dynasty|Pirates|Drift|Ops|Reign|Run|Dash|Football|Hockey|' +
    'Soccer|Golf|Tennis|Rally|Party|Fitness|Dance|Sports|Farm|Zoo|Puzzle|Poker|Cards|Jump|Agent|Alliance|' +
    'Anthem|Battalion|Beast|Circus|Colony|Cowboys|Demons|Diaries|Divers|Doctor|Dragons|Engine|Fleet|' +
    'Fortress|Giants|Gladiator|Heist|Invaders|Jets|Keeper|Legion|Lords|Mages|Masters|Ninjas|Outpost|' +
    'Pilots|Portal|Prophecy|Quarter|Rangers|Rivals|Robots|Runners|Samurai|Sentinel|Spirits|Stars|Tanks|' +
    'Tribe|Vampires|Vikings|Wizards|Wolves|Xpress|Yard|Zero|Adventures|Age|Aliens|Angels|Army|Assault|' +
    'Attack|Bandits|Battlefront|Blast|Blitz|Bones|Bounty|Brawl|Bridge|Brothers|Bugs|Builder|Bunker|Camp|' +
    'Captain|Cars|Champions|Chaos|Chase|Clash|Club|Combat|Commando|Crew|Crime|Crystals|Curse|Cyborg|' +
    'Darkness|Day|Defense|Depths|Detective|Arrow|Atlas|Avenger|Ballad|Bay|Bloodline|Canyon|Carnival|Cartel',
);

/** English subtitles after a colon. */
export const EN_SUBTITLES = splitWords(
  'Reborn|The Awakening|Origins|Revolution|Redemption|Resurrection|Beyond|Unleashed|Legacy|Reloaded|' +
    'Vengeance|Armageddon|Uprising|Covert Ops|Anniversary|Director’s Cut|Special Forces|Lost Tales|' +
    'Endgame|Homecoming|Rebirth|Aftermath|New Dawn|Black Sails|Cold War|Dark Age|Ice Age|Last Stand|' +
    'Nightfall|Overdrive|Rise of the Machines|Return of the King|Shadows|Tokyo Nights|Warpath|Zero Hour',
);

/** English first names (caps) for foreign artists. */
export const EN_FIRST_NAMES = splitWords('JOHN|MARY|DAVID|LINDA|PETER|SUSAN|MARK|KAREN|PAUL|LISA|KEVIN|NANCY|BRIAN|EMMA|CARL|OLIVIA|GARY|ROSE|TONY|AMY|DANNY|ELLA|FRANK|IRIS');
/** English surnames (caps). */
export const EN_SURNAMES = splitWords(
  'MILLER|DAVIS|WILSON|TAYLOR|CLARK|HALL|ALLEN|YOUNG|KING|WRIGHT|SCOTT|GREEN|BAKER|ADAMS|NELSON|HILL|' +
    'CAMPBELL|MITCHELL|ROBERTS|CARTER|PHILLIPS|EVANS|TURNER|TORRES|PARKER|COLLINS|EDWARDS|STEWART|MORRIS|' +
    'MURPHY|COOK|ROGERS|MORGAN|PETERSON|COOPER|REED|BAILEY|BELL|KELLY|HOWARD|WARD|COX|RICHARDSON|WOOD|' +
    'WATSON|BROOKS|BENNETT|GRAY|JAMES|HUGHES|PRICE|SANDERS|MYERS|LONG|ROSS|FOSTER|VANCE|QUINN|UPTON|ZANE',
);

/** English album title words. */
export const EN_ALBUMS = splitWords(
  'Greatest Hits|The Best Of|Live|Unplugged|Essential|Collection|Anthology|Love Songs|Gold|Platinum|' +
    'The Very Best|Live In Moscow|Acoustic|Remastered|Singles|Ballads|Night Drive|Summer Hits|Deluxe|' +
    'Original Album Classics|Live At Wembley|Back To Basics|Evolution|Reflections|Legacy|Encore',
);

/** Russian album titles (sentence case). */
export const RU_ALBUMS = splitWords(
  'Лучшие песни|Новое и лучшее|Избранное|Хиты|Концерт в Кремле|Золотая коллекция|Весна|Дорога домой|' +
    'Песни о любви|Легенды русского рока|Неизданное|Акустика|Юбилейный концерт|Романсы|Шансон года|' +
    'Зимние песни|Сборник|Grand Collection|Русские хиты|Танцевальный рай|Новогодние песни|Все лучшее',
);

/** Colours of goods (lower case, as in real item names). */
export const COLORS = splitWords('черный|белый|красный|синий|зеленый|розовый|желтый|серый|голубой|фиолетовый|оранжевый|коричневый');
/** Characters of toys and figures. */
export const CHARACTERS = splitWords(
  'Котик|Мишка|Зайка|Дракон|Пингвин|Енот|Лис|Сова|Ёжик|Панда|Собачка|Слоник|Лев|Тигренок|Мышонок|' +
    'Динозавр|Единорог|Кролик|Медвежонок|Бегемот|Жираф|Обезьянка|Ослик|Утенок|Щенок|Черепаха|Хомяк|Поросенок',
);
/** Fictional brands and franchises for merchandise. */
export const FRANCHISES = splitWords(
  'Space Rangers|Pixel Heroes|Dragon League|Ninja Squad|Robo Force|Galaxy Pirates|Monster Academy|' +
    'Zombie Farm|Kart Masters|Shadow Knights|Star Titans|Jungle Riders|Storm Legion|Cyber Wolves|' +
    'Mystic Realm|Iron Guardians|Frozen Kingdom|Урфин Джюс|Смешные зверята|Лесная семья|Веселые машинки',
);
