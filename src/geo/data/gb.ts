/**
 * United Kingdom: 40 cities with their ceremonial county (Scotland: council area) as `state` and real
 * postcode outward codes; the inward code is completed by `postal.ts`. A state code is
 * `<part>-<n>` where part is the country part (ENG, SCT, WLS, NIR); `Place.stateCode` reports the part,
 * so a check accepts the county name or the part. Population: ONS 2021 census, thousands (local authority).
 */
import type { CountryPlaces } from '../types.js'

const PARTS: Readonly<Record<string, string>> = { ENG: 'England', SCT: 'Scotland', WLS: 'Wales', NIR: 'Northern Ireland' }

/** Places of United Kingdom. */
export const GB: CountryPlaces = {
  code: 'GB',
  regionOf: (stateCode) => PARTS[stateCode.split('-')[0]!],
  states: {
    'ENG-1': ['Greater London|London'], 'ENG-2': ['West Midlands'], 'ENG-3': ['Greater Manchester'], 'ENG-4': ['West Yorkshire'],
    'ENG-5': ['Merseyside'], 'ENG-6': ['South Yorkshire'], 'ENG-7': ['Bristol|City of Bristol'], 'ENG-8': ['Tyne and Wear'],
    'ENG-9': ['Nottinghamshire'], 'ENG-10': ['Leicestershire'], 'ENG-11': ['Hampshire'], 'ENG-12': ['East Sussex'],
    'ENG-13': ['Devon'], 'ENG-14': ['Berkshire'], 'ENG-15': ['Oxfordshire'], 'ENG-16': ['Cambridgeshire'],
    'ENG-17': ['North Yorkshire'], 'ENG-18': ['Norfolk'], 'ENG-19': ['East Riding of Yorkshire'], 'ENG-20': ['Staffordshire'],
    'ENG-21': ['Derbyshire'], 'ENG-22': ['Somerset'], 'ENG-23': ['Buckinghamshire'],
    'SCT-1': ['Glasgow City|Glasgow'], 'SCT-2': ['City of Edinburgh|Edinburgh'], 'SCT-3': ['Aberdeen City|Aberdeen'],
    'SCT-4': ['Dundee City|Dundee'], 'SCT-5': ['Highland'],
    'WLS-1': ['South Glamorgan|Cardiff'], 'WLS-2': ['West Glamorgan|Swansea'], 'WLS-3': ['Gwent'],
    'NIR-1': ['County Antrim|Antrim'], 'NIR-2': ['County Londonderry|Londonderry|County Derry'],
  },
  cities: [
    ['London', 'ENG-1', 'EC1A EC2A WC1A WC2N SW1A SE1 E1 N1 NW1 W1', 51.5074, -0.1278, 8800],
    ['Birmingham', 'ENG-2', 'B1 B2 B3 B4 B5 B15', 52.4862, -1.8904, 1140], ['Manchester', 'ENG-3', 'M1 M2 M3 M4 M13 M14', 53.4808, -2.2426, 550],
    ['Leeds', 'ENG-4', 'LS1 LS2 LS6 LS7', 53.8008, -1.5491, 810], ['Glasgow', 'SCT-1', 'G1 G2 G3 G11 G12', 55.8642, -4.2518, 635],
    ['Liverpool', 'ENG-5', 'L1 L2 L3 L8', 53.4084, -2.9916, 490], ['Sheffield', 'ENG-6', 'S1 S2 S3 S10 S11', 53.3811, -1.4701, 585],
    ['Bristol', 'ENG-7', 'BS1 BS2 BS6 BS8', 51.4545, -2.5879, 470], ['Edinburgh', 'SCT-2', 'EH1 EH2 EH3 EH8', 55.9533, -3.1883, 525],
    ['Cardiff', 'WLS-1', 'CF10 CF11 CF14 CF24', 51.4816, -3.1791, 365], ['Belfast', 'NIR-1', 'BT1 BT2 BT7 BT9', 54.5973, -5.9301, 345],
    ['Newcastle upon Tyne|Newcastle', 'ENG-8', 'NE1 NE2 NE4 NE6', 54.9783, -1.6178, 300],
    ['Nottingham', 'ENG-9', 'NG1 NG2 NG7', 52.9548, -1.1581, 325], ['Leicester', 'ENG-10', 'LE1 LE2 LE3', 52.6369, -1.1398, 370],
    ['Coventry', 'ENG-2', 'CV1 CV2 CV3', 52.4068, -1.5197, 345], ['Bradford', 'ENG-4', 'BD1 BD3 BD8', 53.796, -1.7594, 545],
    ['Southampton', 'ENG-11', 'SO14 SO15 SO17', 50.9097, -1.4044, 250], ['Portsmouth', 'ENG-11', 'PO1 PO2 PO4', 50.8198, -1.088, 210],
    ['Brighton|Brighton and Hove', 'ENG-12', 'BN1 BN2 BN3', 50.8225, -0.1372, 275], ['Plymouth', 'ENG-13', 'PL1 PL4 PL6', 50.3755, -4.1427, 265],
    ['Exeter', 'ENG-13', 'EX1 EX2 EX4', 50.7184, -3.5339, 130], ['Reading', 'ENG-14', 'RG1 RG2 RG30', 51.4543, -0.9781, 175],
    ['Oxford', 'ENG-15', 'OX1 OX2 OX4', 51.752, -1.2577, 162], ['Cambridge', 'ENG-16', 'CB1 CB2 CB4', 52.2053, 0.1218, 145],
    ['York', 'ENG-17', 'YO1 YO10 YO24', 53.96, -1.0873, 200], ['Norwich', 'ENG-18', 'NR1 NR2 NR3', 52.6309, 1.2974, 145],
    ['Kingston upon Hull|Hull', 'ENG-19', 'HU1 HU3 HU5', 53.7676, -0.3274, 270], ['Stoke-on-Trent', 'ENG-20', 'ST1 ST4 ST6', 53.0027, -2.1794, 260],
    ['Derby', 'ENG-21', 'DE1 DE22 DE23', 52.9225, -1.4746, 260], ['Wolverhampton', 'ENG-2', 'WV1 WV2 WV3', 52.5862, -2.1288, 265],
    ['Bath', 'ENG-22', 'BA1 BA2', 51.3758, -2.3599, 95], ['Milton Keynes', 'ENG-23', 'MK9 MK10', 52.0406, -0.7594, 230],
    ['Swansea', 'WLS-2', 'SA1 SA2', 51.6214, -3.9436, 245], ['Newport', 'WLS-3', 'NP19 NP20', 51.5842, -2.9977, 155],
    ['Aberdeen', 'SCT-3', 'AB10 AB11 AB24', 57.1497, -2.0943, 200], ['Dundee', 'SCT-4', 'DD1 DD2 DD4', 56.462, -2.9707, 150],
    ['Inverness', 'SCT-5', 'IV1 IV2 IV3', 57.4778, -4.2247, 48], ['Derry|Londonderry', 'NIR-2', 'BT47 BT48', 54.9966, -7.3086, 85],
  ],
}
