/**
 * Asia and Oceania: capital and largest cities, subdivision by ISO 3166-2 code (AU: state abbreviation),
 * postal codes or ranges of that city, population (national statistics, ~2020–2023, thousands; Chinese
 * and Indian figures are urban areas).
 */
import type { CountryPlaces } from '../types.js'

/** Places of Japan (prefectures). */
export const JP: CountryPlaces = {
  code: 'JP',
  states: {
    '13': ['Tokyo|Tōkyō'], '14': ['Kanagawa'], '27': ['Osaka|Ōsaka'], '23': ['Aichi'], '01': ['Hokkaido|Hokkaidō'],
    '40': ['Fukuoka'], '28': ['Hyogo|Hyōgo'], '26': ['Kyoto|Kyōto'], '34': ['Hiroshima'], '04': ['Miyagi'],
  },
  cities: [
    ['Tokyo|Tōkyō', '13', '100 104 106 150 160 170', 35.6762, 139.6503, 9700], ['Yokohama', '14', '220 221 231 232', 35.4437, 139.638, 3770],
    ['Osaka|Ōsaka', '27', '530 540 542 556', 34.6937, 135.5023, 2750], ['Nagoya', '23', '450 460 464', 35.1815, 136.9066, 2330],
    ['Sapporo', '01', '060 062 064', 43.0618, 141.3545, 1970], ['Fukuoka', '40', '810 812 814', 33.5904, 130.4017, 1610],
    ['Kobe|Kōbe', '28', '650 651 657', 34.6901, 135.1955, 1520], ['Kyoto|Kyōto', '26', '600 602 604 606', 35.0116, 135.7681, 1460],
    ['Kawasaki', '14', '210 211 212', 35.5308, 139.7029, 1540], ['Hiroshima', '34', '730 732 733', 34.3853, 132.4553, 1200],
    ['Sendai', '04', '980 981 982', 38.2682, 140.8694, 1090],
  ],
}

/** Places of China (provinces and municipalities). */
export const CN: CountryPlaces = {
  code: 'CN',
  states: {
    SH: ['Shanghai'], BJ: ['Beijing'], CQ: ['Chongqing'], GD: ['Guangdong'], SC: ['Sichuan'], TJ: ['Tianjin'], HB: ['Hubei'],
    ZJ: ['Zhejiang'], SN: ['Shaanxi'], JS: ['Jiangsu'],
  },
  cities: [
    ['Shanghai', 'SH', '200000+500', 31.2304, 121.4737, 24870], ['Beijing|Peking', 'BJ', '100000+200', 39.9042, 116.4074, 21890],
    ['Chongqing', 'CQ', '400000+100', 29.563, 106.5516, 10000], ['Guangzhou|Canton', 'GD', '510000+700', 23.1291, 113.2644, 18680],
    ['Shenzhen', 'GD', '518000+200', 22.5431, 114.0579, 17560], ['Chengdu', 'SC', '610000+100', 30.5728, 104.0668, 14000],
    ['Tianjin', 'TJ', '300000+400', 39.3434, 117.3616, 13860], ['Wuhan', 'HB', '430000+100', 30.5928, 114.3055, 12330],
    ['Hangzhou', 'ZJ', '310000+100', 30.2741, 120.1551, 11940], ["Xi'an|Xian", 'SN', '710000+100', 34.3416, 108.9398, 12950],
    ['Nanjing', 'JS', '210000+100', 32.0603, 118.7969, 9310],
  ],
}

/** Places of India (states and union territories). */
export const IN: CountryPlaces = {
  code: 'IN',
  states: {
    MH: ['Maharashtra'], DL: ['Delhi|NCT of Delhi'], KA: ['Karnataka'], TG: ['Telangana'], GJ: ['Gujarat'], TN: ['Tamil Nadu'],
    WB: ['West Bengal'], RJ: ['Rajasthan'], UP: ['Uttar Pradesh'],
  },
  cities: [
    ['Mumbai|Bombay', 'MH', '400001+100', 19.076, 72.8777, 12440], ['New Delhi|Delhi', 'DL', '110001+96', 28.6139, 77.209, 16790],
    ['Bengaluru|Bangalore', 'KA', '560001+100', 12.9716, 77.5946, 8440], ['Hyderabad', 'TG', '500001+100', 17.385, 78.4867, 6810],
    ['Ahmedabad', 'GJ', '380001+60', 23.0225, 72.5714, 5570], ['Chennai|Madras', 'TN', '600001+120', 13.0827, 80.2707, 4650],
    ['Kolkata|Calcutta', 'WB', '700001+150', 22.5726, 88.3639, 4500], ['Pune', 'MH', '411001+60', 18.5204, 73.8567, 3120],
    ['Jaipur', 'RJ', '302001+40', 26.9124, 75.7873, 3050], ['Lucknow', 'UP', '226001+30', 26.8467, 80.9462, 2820],
  ],
}

/** Places of South Korea (special and metropolitan cities). */
export const KR: CountryPlaces = {
  code: 'KR',
  states: { '11': ['Seoul'], '26': ['Busan'], '28': ['Incheon'], '27': ['Daegu'], '30': ['Daejeon'], '29': ['Gwangju'] },
  cities: [
    ['Seoul', '11', '01000+8000', 37.5665, 126.978, 9400], ['Busan', '26', '46000+4000', 35.1796, 129.0756, 3300],
    ['Incheon', '28', '21000+3000', 37.4563, 126.7052, 2950], ['Daegu', '27', '41000+3000', 35.8714, 128.6014, 2380],
    ['Daejeon', '30', '34000+2000', 36.3504, 127.3845, 1450], ['Gwangju', '29', '61000+2000', 35.1595, 126.8526, 1430],
  ],
}

/** Places of Australia (states and territories). */
export const AU: CountryPlaces = {
  code: 'AU',
  states: {
    NSW: ['New South Wales', 'Australia/Sydney'], VIC: ['Victoria', 'Australia/Melbourne'], QLD: ['Queensland', 'Australia/Brisbane'],
    WA: ['Western Australia', 'Australia/Perth'], SA: ['South Australia', 'Australia/Adelaide'],
    ACT: ['Australian Capital Territory', 'Australia/Sydney'], TAS: ['Tasmania', 'Australia/Hobart'], NT: ['Northern Territory', 'Australia/Darwin'],
  },
  cities: [
    ['Sydney', 'NSW', '2000+10', -33.8688, 151.2093, 5300], ['Melbourne', 'VIC', '3000+10', -37.8136, 144.9631, 5100],
    ['Brisbane', 'QLD', '4000+10', -27.4698, 153.0251, 2600], ['Perth', 'WA', '6000+10', -31.9505, 115.8605, 2200],
    ['Adelaide', 'SA', '5000+10', -34.9285, 138.6007, 1400], ['Gold Coast', 'QLD', '4217+10', -28.0167, 153.4, 700],
    ['Canberra', 'ACT', '2600+10', -35.2809, 149.13, 460], ['Hobart', 'TAS', '7000+10', -42.8821, 147.3272, 250],
    ['Darwin', 'NT', '0800+11', -12.4634, 130.8456, 150],
  ],
}

/** Places of Indonesia (provinces). */
export const ID: CountryPlaces = {
  code: 'ID',
  states: {
    JK: ['DKI Jakarta|Jakarta'], JI: ['Jawa Timur|East Java'], JB: ['Jawa Barat|West Java'], SU: ['Sumatera Utara|North Sumatra'],
    JT: ['Jawa Tengah|Central Java'], SN: ['Sulawesi Selatan|South Sulawesi', 'Asia/Makassar'],
  },
  cities: [
    ['Jakarta', 'JK', '10110+4430', -6.2088, 106.8456, 10560], ['Surabaya', 'JI', '60111+190', -7.2575, 112.7521, 2880],
    ['Bandung', 'JB', '40111+180', -6.9175, 107.6191, 2450], ['Medan', 'SU', '20111+260', 3.5952, 98.6722, 2440],
    ['Semarang', 'JT', '50111+170', -6.9667, 110.4167, 1650], ['Makassar', 'SN', '90111+135', -5.1477, 119.4327, 1420],
  ],
}
