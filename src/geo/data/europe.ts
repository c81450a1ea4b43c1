/**
 * Ten more European countries: capital and largest cities, subdivision by ISO 3166-2 code, postal codes
 * or ranges of that city, population (national statistics, ~2021–2023, thousands, city proper).
 */
import type { CountryPlaces } from '../types.js'

/** Places of Italy (regions). */
export const IT: CountryPlaces = {
  code: 'IT',
  states: {
    '62': ['Lazio'], '25': ['Lombardia|Lombardy'], '72': ['Campania'], '21': ['Piemonte|Piedmont'], '82': ['Sicilia|Sicily'],
    '42': ['Liguria'], '45': ['Emilia-Romagna'], '52': ['Toscana|Tuscany'], '75': ['Puglia|Apulia'], '34': ['Veneto'],
  },
  cities: [
    ['Roma|Rome', '62', '00118+82', 41.9028, 12.4964, 2750], ['Milano|Milan', '25', '20121+42', 45.4642, 9.19, 1370],
    ['Napoli|Naples', '72', '80121+27', 40.8518, 14.2681, 910], ['Torino|Turin', '21', '10121+36', 45.0703, 7.6869, 850],
    ['Palermo', '82', '90121+31', 38.1157, 13.3615, 630], ['Genova|Genoa', '42', '16121+46', 44.4056, 8.9463, 560],
    ['Bologna', '45', '40121+21', 44.4949, 11.3426, 390], ['Firenze|Florence', '52', '50121+25', 43.7696, 11.2558, 360],
    ['Bari', '75', '70121+12', 41.1171, 16.8719, 315], ['Venezia|Venice', '34', '30121+15', 45.4408, 12.3155, 255],
    ['Catania', '82', '95121+11', 37.5079, 15.083, 300], ['Verona', '34', '37121+22', 45.4384, 10.9916, 255],
  ],
}

/** Places of Spain (autonomous communities). */
export const ES: CountryPlaces = {
  code: 'ES',
  states: {
    MD: ['Comunidad de Madrid|Madrid'], CT: ['Cataluña|Catalonia|Catalunya'], VC: ['Comunitat Valenciana|Valencian Community'],
    AN: ['Andalucía|Andalusia'], AR: ['Aragón'], PV: ['País Vasco|Basque Country|Euskadi'], IB: ['Illes Balears|Balearic Islands'],
    CN: ['Canarias|Canary Islands', 'Atlantic/Canary'],
  },
  cities: [
    ['Madrid', 'MD', '28001+55', 40.4168, -3.7038, 3300], ['Barcelona', 'CT', '08001+42', 41.3874, 2.1686, 1640],
    ['Valencia|València', 'VC', '46001+25', 39.4699, -0.3763, 800], ['Sevilla|Seville', 'AN', '41001+20', 37.3891, -5.9845, 685],
    ['Zaragoza|Saragossa', 'AR', '50001+20', 41.6488, -0.8891, 675], ['Málaga', 'AN', '29001+20', 36.7213, -4.4214, 580],
    ['Bilbao', 'PV', '48001+15', 43.263, -2.935, 345], ['Palma|Palma de Mallorca', 'IB', '07001+15', 39.5696, 2.6502, 420],
    ['Las Palmas de Gran Canaria|Las Palmas', 'CN', '35001+18', 28.1235, -15.4363, 380],
  ],
}

/** Places of Netherlands (provinces). */
export const NL: CountryPlaces = {
  code: 'NL',
  states: { NH: ['Noord-Holland|North Holland'], ZH: ['Zuid-Holland|South Holland'], UT: ['Utrecht'], NB: ['Noord-Brabant|North Brabant'], GR: ['Groningen'] },
  cities: [
    ['Amsterdam', 'NH', '1011+99', 52.3676, 4.9041, 920], ['Rotterdam', 'ZH', '3011+79', 51.9244, 4.4777, 655],
    ["Den Haag|The Hague|'s-Gravenhage", 'ZH', '2511+88', 52.0705, 4.3007, 550], ['Utrecht', 'UT', '3511+75', 52.0907, 5.1214, 365],
    ['Eindhoven', 'NB', '5611+47', 51.4416, 5.4697, 240], ['Groningen', 'GR', '9711+37', 53.2194, 6.5665, 235],
    ['Tilburg', 'NB', '5011+37', 51.5555, 5.0913, 225],
  ],
}

/** Places of Switzerland (cantons). */
export const CH: CountryPlaces = {
  code: 'CH',
  states: {
    ZH: ['Zürich|Zurich'], GE: ['Genève|Geneva|Genf'], BS: ['Basel-Stadt|Basel-City'], VD: ['Vaud|Waadt'], BE: ['Bern|Berne'],
    TI: ['Ticino|Tessin'], LU: ['Luzern|Lucerne'], SG: ['St. Gallen|Sankt Gallen'],
  },
  cities: [
    ['Zürich|Zurich', 'ZH', '8001+65', 47.3769, 8.5417, 420], ['Genève|Geneva|Genf', 'GE', '1201+9', 46.2044, 6.1432, 205],
    ['Basel|Bâle', 'BS', '4001+58', 47.5596, 7.5886, 175], ['Lausanne', 'VD', '1003+16', 46.5197, 6.6323, 140],
    ['Bern|Berne', 'BE', '3001+27', 46.948, 7.4474, 135], ['Winterthur', 'ZH', '8400+11', 47.4988, 8.7237, 115],
    ['Lugano', 'TI', '6900+9', 46.0037, 8.9511, 63], ['Luzern|Lucerne', 'LU', '6003+14', 47.0502, 8.3093, 83],
    ['St. Gallen|Sankt Gallen', 'SG', '9000+17', 47.4245, 9.3767, 76],
  ],
}

/** Places of Sweden (counties, län). */
export const SE: CountryPlaces = {
  code: 'SE',
  states: {
    AB: ['Stockholms län|Stockholm County'], O: ['Västra Götalands län|Västra Götaland'], M: ['Skåne län|Skåne|Scania'],
    C: ['Uppsala län|Uppsala County'], E: ['Östergötlands län|Östergötland'], U: ['Västmanlands län|Västmanland'],
  },
  cities: [
    ['Stockholm', 'AB', '11100+600', 59.3293, 18.0686, 985], ['Göteborg|Gothenburg', 'O', '41100+500', 57.7089, 11.9746, 600],
    ['Malmö', 'M', '21100+500', 55.605, 13.0038, 360], ['Uppsala', 'C', '75220+300', 59.8586, 17.6389, 240],
    ['Linköping', 'E', '58220+500', 58.4108, 15.6214, 165], ['Västerås', 'U', '72210+400', 59.6099, 16.5448, 130],
  ],
}

/** Places of Poland (voivodeships). */
export const PL: CountryPlaces = {
  code: 'PL',
  states: {
    '14': ['Mazowieckie|Masovian'], '12': ['Małopolskie|Lesser Poland'], '10': ['Łódzkie|Lodz'], '02': ['Dolnośląskie|Lower Silesian'],
    '30': ['Wielkopolskie|Greater Poland'], '22': ['Pomorskie|Pomeranian'], '32': ['Zachodniopomorskie|West Pomeranian'],
  },
  cities: [
    ['Warszawa|Warsaw', '14', '00001+4999', 52.2297, 21.0122, 1860], ['Kraków|Cracow', '12', '30001+1999', 50.0647, 19.945, 800],
    ['Łódź', '10', '90001+3999', 51.7592, 19.456, 660], ['Wrocław', '02', '50001+3999', 51.1079, 17.0385, 670],
    ['Poznań', '30', '60001+1899', 52.4064, 16.9252, 540], ['Gdańsk', '22', '80001+999', 54.352, 18.6466, 470],
    ['Szczecin', '32', '70001+999', 53.4285, 14.5528, 390],
  ],
}

/** Places of Belgium (regions). */
export const BE: CountryPlaces = {
  code: 'BE',
  states: {
    BRU: ['Brussels-Capital Region|Région de Bruxelles-Capitale|Brussels'], VLG: ['Vlaanderen|Flanders|Flemish Region'],
    WAL: ['Wallonie|Wallonia|Walloon Region'],
  },
  cities: [
    ['Bruxelles|Brussels|Brussel', 'BRU', '1000+211', 50.8503, 4.3517, 1220], ['Antwerpen|Antwerp|Anvers', 'VLG', '2000+61', 51.2194, 4.4025, 530],
    ['Gent|Ghent|Gand', 'VLG', '9000+53', 51.0543, 3.7174, 265], ['Charleroi', 'WAL', '6000+61', 50.4108, 4.4446, 200],
    ['Liège|Luik', 'WAL', '4000+33', 50.6326, 5.5797, 195], ['Brugge|Bruges', 'VLG', '8000', 51.2093, 3.2247, 118],
    ['Leuven|Louvain', 'VLG', '3000+13', 50.8798, 4.7005, 102], ['Namur|Namen', 'WAL', '5000', 50.4674, 4.872, 112],
  ],
}

/** Places of Austria (states). */
export const AT: CountryPlaces = {
  code: 'AT',
  states: {
    '9': ['Wien|Vienna'], '6': ['Steiermark|Styria'], '4': ['Oberösterreich|Upper Austria'], '5': ['Salzburg'],
    '7': ['Tirol|Tyrol'], '2': ['Kärnten|Carinthia'],
  },
  cities: [
    ['Wien|Vienna', '9', '1010 1020 1030 1040 1050 1060 1070 1080 1090 1100 1110 1120 1130 1140 1150 1160 1170 1180 1190 1200 1210 1220 1230', 48.2082, 16.3738, 1980],
    ['Graz', '6', '8010 8020 8036 8041 8042 8043 8045 8047 8051 8052 8053 8054 8055', 47.0707, 15.4395, 295],
    ['Linz', '4', '4020 4030 4040', 48.3069, 14.2858, 210], ['Salzburg', '5', '5020 5023 5026', 47.8095, 13.055, 155],
    ['Innsbruck', '7', '6020', 47.2692, 11.4041, 132], ['Klagenfurt|Klagenfurt am Wörthersee', '2', '9020', 46.6249, 14.305, 103],
  ],
}

/** Places of Ireland (counties; Eircode routing keys). */
export const IE: CountryPlaces = {
  code: 'IE',
  states: {
    D: ['County Dublin|Dublin'], CO: ['County Cork|Cork'], LK: ['County Limerick|Limerick'], G: ['County Galway|Galway'],
    WD: ['County Waterford|Waterford'],
  },
  cities: [
    ['Dublin', 'D', 'D01 D02 D04 D06 D08', 53.3498, -6.2603, 590], ['Cork', 'CO', 'T12 T23', 51.8985, -8.4756, 225],
    ['Limerick', 'LK', 'V94', 52.6638, -8.6267, 100], ['Galway', 'G', 'H91', 53.2707, -9.0568, 85],
    ['Waterford', 'WD', 'X91', 52.2593, -7.1101, 60],
  ],
}

/** Places of Portugal (districts). */
export const PT: CountryPlaces = {
  code: 'PT',
  states: {
    '11': ['Lisboa|Lisbon'], '13': ['Porto'], '03': ['Braga'], '06': ['Coimbra'], '30': ['Madeira', 'Atlantic/Madeira'], '08': ['Faro'],
  },
  cities: [
    ['Lisboa|Lisbon', '11', '1000+900', 38.7223, -9.1393, 545], ['Porto|Oporto', '13', '4000+370', 41.1579, -8.6291, 232],
    ['Braga', '03', '4700+20', 41.5454, -8.4265, 193], ['Coimbra', '06', '3000+50', 40.2033, -8.4103, 140],
    ['Funchal', '30', '9000+61', 32.6669, -16.9241, 105], ['Faro', '08', '8000+6', 37.0194, -7.9304, 65],
  ],
}

/** Places of Türkiye (provinces). */
export const TR: CountryPlaces = {
  code: 'TR',
  states: { '34': ['İstanbul|Istanbul'], '06': ['Ankara'], '35': ['İzmir|Izmir'], '16': ['Bursa'], '07': ['Antalya'] },
  cities: [
    ['İstanbul|Istanbul', '34', '34000+990', 41.0082, 28.9784, 15660], ['Ankara', '06', '06010+990', 39.9334, 32.8597, 5780],
    ['İzmir|Izmir', '35', '35010+890', 38.4237, 27.1428, 4480], ['Bursa', '16', '16010+990', 40.1826, 29.0665, 3190],
    ['Antalya', '07', '07010+990', 36.8969, 30.7133, 2690],
  ],
}

/** Places of Russia (federal subjects). */
export const RU: CountryPlaces = {
  code: 'RU',
  states: {
    MOW: ['Moscow|Moskva'], SPE: ['Saint Petersburg|Sankt-Peterburg'], NVS: ['Novosibirsk Oblast', 'Asia/Novosibirsk'],
    SVE: ['Sverdlovsk Oblast', 'Asia/Yekaterinburg'], TA: ['Tatarstan'],
  },
  cities: [
    ['Moscow|Moskva', 'MOW', '101000+28999', 55.7558, 37.6173, 13010], ['Saint Petersburg|Sankt-Peterburg|St. Petersburg', 'SPE', '190000+9999', 59.9311, 30.3609, 5600],
    ['Novosibirsk', 'NVS', '630000+133', 55.0084, 82.9357, 1630], ['Yekaterinburg|Ekaterinburg', 'SVE', '620000+150', 56.8389, 60.6057, 1540],
    ['Kazan', 'TA', '420000+140', 55.7963, 49.1088, 1310],
  ],
}
