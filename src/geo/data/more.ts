/**
 * Countries added for faker's other locales (cs, da, fi, nb, el, hu, ro, zh_TW, vi, th, en_NG/yo_NG,
 * en_NZ…): capital and largest cities, subdivision by ISO 3166-2 code, postal codes or ranges of that
 * city, population (national statistics, ~2020–2023, thousands; NG and VN: urban areas).
 */
import type { CountryPlaces } from '../types.js'

/** Places of Czechia (regions, kraje). */
export const CZ: CountryPlaces = {
  code: 'CZ',
  states: {
    '10': ['Praha|Prague'], '64': ['Jihomoravský kraj|South Moravian'], '80': ['Moravskoslezský kraj|Moravian-Silesian'],
    '32': ['Plzeňský kraj|Plzeň Region'], '51': ['Liberecký kraj|Liberec Region'], '71': ['Olomoucký kraj|Olomouc Region'],
  },
  cities: [
    ['Praha|Prague', '10', '11000+9000', 50.0755, 14.4378, 1357], ['Brno', '64', '60200+4000', 49.1951, 16.6068, 382],
    ['Ostrava', '80', '70030+2000', 49.8209, 18.2625, 284], ['Plzeň|Pilsen', '32', '30100+2000', 49.7384, 13.3736, 175],
    ['Liberec', '51', '46001+14', 50.7663, 15.0543, 104], ['Olomouc', '71', '77900 77200', 49.5938, 17.2509, 100],
  ],
}

/** Places of Denmark (regions). */
export const DK: CountryPlaces = {
  code: 'DK',
  states: {
    '84': ['Region Hovedstaden|Capital Region of Denmark'], '82': ['Region Midtjylland|Central Denmark'],
    '83': ['Region Syddanmark|Southern Denmark'], '81': ['Region Nordjylland|North Denmark'], '85': ['Region Sjælland|Zealand'],
  },
  cities: [
    ['København|Copenhagen|Kobenhavn', '84', '1050+1401', 55.6761, 12.5683, 650], ['Aarhus|Århus', '82', '8000 8200 8210 8220', 56.1629, 10.2039, 290],
    ['Odense', '83', '5000 5200 5210 5220 5230 5240 5250 5260 5270', 55.4038, 10.4024, 180], ['Aalborg|Ålborg', '81', '9000 9200 9210 9220', 57.0488, 9.9217, 120],
    ['Esbjerg', '83', '6700 6705 6710 6715', 55.4765, 8.4594, 72], ['Roskilde', '85', '4000', 55.6415, 12.0803, 52],
  ],
}

/** Places of Finland (regions, maakunnat). */
export const FI: CountryPlaces = {
  code: 'FI',
  states: {
    '18': ['Uusimaa|Nyland'], '11': ['Pirkanmaa|Birkaland'], '14': ['Pohjois-Pohjanmaa|North Ostrobothnia'],
    '19': ['Varsinais-Suomi|Southwest Finland'], '08': ['Keski-Suomi|Central Finland'],
  },
  cities: [
    ['Helsinki|Helsingfors', '18', '00100+891', 60.1699, 24.9384, 660], ['Espoo|Esbo', '18', '02100+681', 60.2055, 24.6559, 305],
    ['Tampere|Tammerfors', '11', '33100+621', 61.4978, 23.761, 250], ['Vantaa|Vanda', '18', '01300+461', 60.2934, 25.0378, 240],
    ['Oulu|Uleåborg', '14', '90100+481', 65.0121, 25.4651, 210], ['Turku|Åbo', '19', '20100+801', 60.4518, 22.2666, 200],
    ['Jyväskylä', '08', '40100+701', 62.2426, 25.7473, 146],
  ],
}

/** Places of Norway (counties, fylker, 2024). */
export const NO: CountryPlaces = {
  code: 'NO',
  states: {
    '03': ['Oslo'], '46': ['Vestland'], '50': ['Trøndelag'], '11': ['Rogaland'], '42': ['Agder'], '55': ['Troms'],
  },
  cities: [
    ['Oslo', '03', '0150+1146', 59.9139, 10.7522, 710], ['Bergen', '46', '5003+130', 60.3913, 5.3221, 290],
    ['Trondheim', '50', '7010+90', 63.4305, 10.3951, 212], ['Stavanger', '11', '4001+30', 58.97, 5.7331, 146],
    ['Kristiansand', '42', '4608+24', 58.1599, 8.0182, 115], ['Tromsø', '55', '9006+14', 69.6492, 18.9553, 78],
  ],
}

/** Places of Greece (regions). */
export const GR: CountryPlaces = {
  code: 'GR',
  states: {
    I: ['Attiki|Attica'], B: ['Kentriki Makedonia|Central Macedonia'], G: ['Dytiki Ellada|West Greece|Western Greece'],
    M: ['Kriti|Crete'], E: ['Thessalia|Thessaly'],
  },
  cities: [
    ['Athina|Athens', 'I', '10431+1400', 37.9838, 23.7275, 640], ['Thessaloniki', 'B', '54621+400', 40.6401, 22.9444, 320],
    ['Patra|Patras', 'G', '26221+300', 38.2466, 21.7346, 215], ['Irakleio|Heraklion', 'M', '71201+300', 35.3387, 25.1442, 180],
    ['Larisa|Larissa', 'E', '41221+300', 39.639, 22.4191, 150], ['Peiraias|Piraeus', 'I', '18531+17', 37.942, 23.6465, 170],
  ],
}

/** Places of Hungary (counties). */
export const HU: CountryPlaces = {
  code: 'HU',
  states: {
    BU: ['Budapest'], HB: ['Hajdú-Bihar'], CS: ['Csongrád-Csanád'], BZ: ['Borsod-Abaúj-Zemplén'], BA: ['Baranya'], GS: ['Győr-Moson-Sopron'],
  },
  cities: [
    ['Budapest', 'BU', '1011+229', 47.4979, 19.0402, 1700], ['Debrecen', 'HB', '4024+9', 47.5316, 21.6273, 200],
    ['Szeged', 'CS', '6720+10', 46.253, 20.1414, 160], ['Miskolc', 'BZ', '3525+10', 48.1035, 20.7784, 150],
    ['Pécs', 'BA', '7621+12', 46.0727, 18.2323, 140], ['Győr', 'GS', '9021+8', 47.6875, 17.6504, 130],
  ],
}

/** Places of Romania (counties). */
export const RO: CountryPlaces = {
  code: 'RO',
  states: { B: ['București|Bucharest'], CJ: ['Cluj'], TM: ['Timiș'], IS: ['Iași'], CT: ['Constanța'], BV: ['Brașov'] },
  cities: [
    ['București|Bucharest', 'B', '010011+50000', 44.4268, 26.1025, 1720], ['Cluj-Napoca', 'CJ', '400001+600', 46.7712, 23.6236, 290],
    ['Timișoara', 'TM', '300001+700', 45.7489, 21.2087, 250], ['Iași', 'IS', '700001+700', 47.1585, 27.6014, 270],
    ['Constanța', 'CT', '900001+700', 44.1598, 28.6348, 260], ['Brașov', 'BV', '500001+500', 45.6427, 25.5887, 240],
  ],
}

/** Places of New Zealand (regions). */
export const NZ: CountryPlaces = {
  code: 'NZ',
  states: {
    AUK: ['Auckland'], WGN: ['Wellington'], CAN: ['Canterbury'], WKO: ['Waikato'], BOP: ['Bay of Plenty'], OTA: ['Otago'],
  },
  cities: [
    ['Auckland', 'AUK', '1010+14', -36.8485, 174.7633, 1700], ['Wellington', 'WGN', '6011+27', -41.2866, 174.7756, 215],
    ['Christchurch', 'CAN', '8011+73', -43.5321, 172.6362, 390], ['Hamilton', 'WKO', '3200+17', -37.787, 175.2793, 180],
    ['Tauranga', 'BOP', '3110+3', -37.6878, 176.1651, 160], ['Dunedin', 'OTA', '9010+7', -45.8788, 170.5028, 130],
  ],
}

/** Places of Taiwan (special municipalities). */
export const TW: CountryPlaces = {
  code: 'TW',
  states: {
    TPE: ['Taipei'], NWT: ['New Taipei'], TXG: ['Taichung'], KHH: ['Kaohsiung'], TNN: ['Tainan'], TAO: ['Taoyuan'],
  },
  cities: [
    ['Taipei', 'TPE', '100+17', 25.033, 121.5654, 2500], ['New Taipei|New Taipei City', 'NWT', '220+34', 25.012, 121.4657, 4000],
    ['Taichung', 'TXG', '400+40', 24.1477, 120.6736, 2800], ['Kaohsiung', 'KHH', '800+53', 22.6273, 120.3014, 2740],
    ['Tainan', 'TNN', '700+46', 22.9999, 120.227, 1860], ['Taoyuan', 'TAO', '320+19', 24.9936, 121.301, 2300],
  ],
}

/** Places of Nigeria (states). */
export const NG: CountryPlaces = {
  code: 'NG',
  states: { LA: ['Lagos'], FC: ['Federal Capital Territory|Abuja FCT|FCT'], KN: ['Kano'], OY: ['Oyo'], RI: ['Rivers'], KD: ['Kaduna'] },
  cities: [
    ['Lagos', 'LA', '100001+300', 6.5244, 3.3792, 9000], ['Abuja', 'FC', '900001+300', 9.0765, 7.3986, 3650],
    ['Kano', 'KN', '700001+300', 12.0022, 8.592, 4100], ['Ibadan', 'OY', '200001+300', 7.3775, 3.947, 3750],
    ['Port Harcourt', 'RI', '500001+300', 4.8156, 7.0498, 3200], ['Kaduna', 'KD', '800001+300', 10.5105, 7.4165, 1200],
  ],
}

/** Places of Thailand (provinces). */
export const TH: CountryPlaces = {
  code: 'TH',
  states: { '10': ['Bangkok|Krung Thep Maha Nakhon'], '12': ['Nonthaburi'], '50': ['Chiang Mai'], '40': ['Khon Kaen'], '90': ['Songkhla'], '83': ['Phuket'] },
  cities: [
    ['Bangkok|Krung Thep', '10', '10100+411', 13.7563, 100.5018, 10500], ['Nonthaburi', '12', '11000', 13.8621, 100.5144, 250],
    ['Chiang Mai', '50', '50000+301', 18.7883, 98.9853, 130], ['Khon Kaen', '40', '40000', 16.4419, 102.836, 120],
    ['Hat Yai', '90', '90110', 7.0086, 100.4747, 160], ['Phuket', '83', '83000', 7.8804, 98.3923, 80],
  ],
}

/** Places of Vietnam (municipalities). */
export const VN: CountryPlaces = {
  code: 'VN',
  states: {
    SG: ['Hồ Chí Minh|Ho Chi Minh City'], HN: ['Hà Nội|Hanoi'], DN: ['Đà Nẵng|Da Nang'], HP: ['Hải Phòng|Hai Phong'], CT: ['Cần Thơ|Can Tho'],
  },
  cities: [
    ['Ho Chi Minh City|Thành phố Hồ Chí Minh|Saigon', 'SG', '700000+60000', 10.8231, 106.6297, 9400],
    ['Hanoi|Hà Nội', 'HN', '100000+50000', 21.0278, 105.8342, 8400], ['Da Nang|Đà Nẵng', 'DN', '550000+1000', 16.0544, 108.2022, 1230],
    ['Hai Phong|Hải Phòng', 'HP', '180000+1000', 20.8449, 106.6881, 2100], ['Can Tho|Cần Thơ', 'CT', '900000+1000', 10.0452, 105.7469, 1250],
  ],
}
