/**
 * Canada: 13 provinces and territories (Canada Post codes), 30 cities with real forward sortation areas
 * (FSA, the first three characters; `postal.ts` completes the LDU). Population: 2021 census, thousands.
 */
import type { CountryPlaces } from '../types.js'

/** Places of Canada. */
export const CA: CountryPlaces = {
  code: 'CA',
  states: {
    ON: ['Ontario'], QC: ['Quebec|Québec'], BC: ['British Columbia|Colombie-Britannique', 'America/Vancouver'],
    AB: ['Alberta', 'America/Edmonton'], MB: ['Manitoba', 'America/Winnipeg'], SK: ['Saskatchewan', 'America/Regina'],
    NS: ['Nova Scotia|Nouvelle-Écosse', 'America/Halifax'], NB: ['New Brunswick|Nouveau-Brunswick', 'America/Moncton'],
    NL: ['Newfoundland and Labrador|Newfoundland', 'America/St_Johns'], PE: ['Prince Edward Island|PEI', 'America/Halifax'],
    NT: ['Northwest Territories', 'America/Edmonton'], YT: ['Yukon', 'America/Whitehorse'], NU: ['Nunavut', 'America/Iqaluit'],
  },
  cities: [
    ['Toronto', 'ON', 'M5V M5H M4W M6G M4C', 43.6532, -79.3832, 2790], ['Montréal|Montreal', 'QC', 'H2X H3B H3A H2T H4A', 45.5019, -73.5674, 1760],
    ['Calgary', 'AB', 'T2P T2R T3A T2E', 51.0447, -114.0719, 1310], ['Ottawa', 'ON', 'K1P K1N K2P K1S', 45.4215, -75.6972, 1020],
    ['Edmonton', 'AB', 'T5J T5K T6E T6G', 53.5461, -113.4938, 1010], ['Winnipeg', 'MB', 'R3C R3B R2M R3T', 49.8951, -97.1384, 750],
    ['Mississauga', 'ON', 'L5B L5A L5M', 43.589, -79.6441, 720], ['Vancouver', 'BC', 'V6B V6C V6E V6K V5K', 49.2827, -123.1207, 660],
    ['Brampton', 'ON', 'L6T L6V L6Y', 43.7315, -79.7624, 660], ['Hamilton', 'ON', 'L8P L8N L9C', 43.2557, -79.8711, 570],
    ['Québec|Quebec City|Quebec', 'QC', 'G1R G1K G1V', 46.8139, -71.208, 550], ['Surrey', 'BC', 'V3T V3S V4N', 49.1913, -122.849, 570],
    ['Laval', 'QC', 'H7N H7T H7V', 45.569, -73.692, 440], ['Halifax', 'NS', 'B3H B3J B3K', 44.6488, -63.5752, 440],
    ['London', 'ON', 'N6A N6B N6C', 42.9849, -81.2453, 420], ['Victoria', 'BC', 'V8W V8V V8R', 48.4284, -123.3656, 92],
    ['Saskatoon', 'SK', 'S7K S7N S7H', 52.1332, -106.67, 266], ['Regina', 'SK', 'S4P S4R S4S', 50.4452, -104.6189, 226],
    ['Kitchener', 'ON', 'N2G N2H N2M', 43.4516, -80.4925, 256], ['Windsor', 'ON', 'N9A N8X N9B', 42.3149, -83.0364, 230],
    ["St. John's|Saint John's", 'NL', 'A1C A1B A1E', 47.5615, -52.7126, 110], ['Fredericton', 'NB', 'E3B E3A', 45.9636, -66.6431, 63],
    ['Moncton', 'NB', 'E1C E1A', 46.0878, -64.7782, 80], ['Charlottetown', 'PE', 'C1A C1E', 46.2382, -63.1311, 38],
    ['Yellowknife', 'NT', 'X1A', 62.454, -114.3718, 20], ['Whitehorse', 'YT', 'Y1A', 60.7212, -135.0568, 28],
    ['Iqaluit', 'NU', 'X0A', 63.7467, -68.517, 7.4], ['Gatineau', 'QC', 'J8T J8Y J9H', 45.4765, -75.7013, 290],
    ['Sherbrooke', 'QC', 'J1H J1E J1J', 45.4042, -71.8929, 170], ['Kelowna', 'BC', 'V1Y V1W', 49.888, -119.496, 145],
  ],
}
