/**
 * Latin America and Africa: capital and largest cities, subdivision by ISO 3166-2 code, postal codes
 * or ranges of that city (BR: CEP 5-digit prefix, completed by `postal.ts`; AR: the 4-digit code
 * inside the CPA), population (national statistics, ~2020–2023, thousands).
 */
import type { CountryPlaces } from '../types.js'

/** Places of Brazil (states). */
export const BR: CountryPlaces = {
  code: 'BR',
  states: {
    SP: ['São Paulo'], RJ: ['Rio de Janeiro'], DF: ['Distrito Federal|Federal District'], BA: ['Bahia', 'America/Bahia'],
    CE: ['Ceará', 'America/Fortaleza'], MG: ['Minas Gerais'], AM: ['Amazonas', 'America/Manaus'], PR: ['Paraná'],
    PE: ['Pernambuco', 'America/Recife'], RS: ['Rio Grande do Sul'],
  },
  cities: [
    ['São Paulo', 'SP', '01000+5000', -23.5505, -46.6333, 12330], ['Rio de Janeiro', 'RJ', '20000+3800', -22.9068, -43.1729, 6750],
    ['Brasília', 'DF', '70000+2800', -15.7939, -47.8828, 3060], ['Salvador', 'BA', '40000+2600', -12.9777, -38.5016, 2890],
    ['Fortaleza', 'CE', '60000+1600', -3.7319, -38.5267, 2700], ['Belo Horizonte', 'MG', '30000+2000', -19.9167, -43.9345, 2530],
    ['Manaus', 'AM', '69000+100', -3.119, -60.0217, 2260], ['Curitiba', 'PR', '80000+3000', -25.4284, -49.2733, 1960],
    ['Recife', 'PE', '50000+3000', -8.0476, -34.877, 1660], ['Porto Alegre', 'RS', '90000+2000', -30.0346, -51.2177, 1490],
    ['Campinas', 'SP', '13010+90', -22.9099, -47.0626, 1140],
  ],
}

/** Places of Mexico (states). */
export const MX: CountryPlaces = {
  code: 'MX',
  states: {
    CMX: ['Ciudad de México|Mexico City|CDMX|Distrito Federal|DF'], JAL: ['Jalisco'], NLE: ['Nuevo León', 'America/Monterrey'],
    PUE: ['Puebla'], BCN: ['Baja California', 'America/Tijuana'], GUA: ['Guanajuato'], ROO: ['Quintana Roo', 'America/Cancun'],
    YUC: ['Yucatán', 'America/Merida'],
  },
  cities: [
    ['Ciudad de México|Mexico City|México D.F.|CDMX', 'CMX', '01000+16000', 19.4326, -99.1332, 9210],
    ['Guadalajara', 'JAL', '44100+890', 20.6597, -103.3496, 1390], ['Monterrey', 'NLE', '64000+999', 25.6866, -100.3161, 1140],
    ['Puebla', 'PUE', '72000+590', 19.0414, -98.2063, 1690], ['Tijuana', 'BCN', '22000+700', 32.5149, -117.0382, 1920],
    ['León', 'GUA', '37000+600', 21.125, -101.686, 1720], ['Cancún', 'ROO', '77500+40', 21.1619, -86.8515, 890],
    ['Mérida', 'YUC', '97000+400', 20.9674, -89.5926, 995],
  ],
}

/** Places of Argentina (provinces). */
export const AR: CountryPlaces = {
  code: 'AR',
  states: {
    C: ['Ciudad Autónoma de Buenos Aires|CABA|Capital Federal'], B: ['Buenos Aires|Provincia de Buenos Aires'],
    X: ['Córdoba', 'America/Argentina/Cordoba'], S: ['Santa Fe', 'America/Argentina/Cordoba'],
    M: ['Mendoza', 'America/Argentina/Mendoza'], T: ['Tucumán', 'America/Argentina/Tucuman'],
  },
  cities: [
    ['Buenos Aires', 'C', '1000+440', -34.6037, -58.3816, 3120], ['Córdoba', 'X', '5000+20', -31.4201, -64.1888, 1430],
    ['Rosario', 'S', '2000+13', -32.9442, -60.6505, 1280], ['La Plata', 'B', '1900+10', -34.9215, -57.9545, 770],
    ['San Miguel de Tucumán|Tucumán', 'T', '4000+10', -26.8083, -65.2176, 550], ['Mendoza', 'M', '5500+9', -32.8895, -68.8458, 115],
  ],
}

/** Places of South Africa (provinces). */
export const ZA: CountryPlaces = {
  code: 'ZA',
  states: {
    GP: ['Gauteng'], WC: ['Western Cape'], KZN: ['KwaZulu-Natal'], EC: ['Eastern Cape'], FS: ['Free State'],
  },
  cities: [
    ['Johannesburg', 'GP', '2001+195', -26.2041, 28.0473, 5600], ['Cape Town', 'WC', '8001+12', -33.9249, 18.4241, 4700],
    ['Durban', 'KZN', '4001+90', -29.8587, 31.0218, 3900], ['Pretoria|Tshwane', 'GP', '0001+180', -25.7479, 28.2293, 2900],
    ['Gqeberha|Port Elizabeth', 'EC', '6001+70', -33.9608, 25.6022, 1150], ['Bloemfontein', 'FS', '9301+30', -29.0852, 26.1596, 560],
  ],
}
