/**
 * Germany: 16 Länder (ISO 3166-2:DE suffixes), 56 cities with PLZ ranges of that city (Deutsche Post),
 * population 2022 (Destatis, thousands).
 */
import type { CountryPlaces } from '../types.js'

/** Places of Germany. */
export const DE: CountryPlaces = {
  code: 'DE',
  states: {
    BW: ['Baden-Württemberg'], BY: ['Bayern|Bavaria'], BE: ['Berlin'], BB: ['Brandenburg'], HB: ['Bremen'],
    HH: ['Hamburg'], HE: ['Hessen|Hesse'], MV: ['Mecklenburg-Vorpommern|Mecklenburg-Western Pomerania'],
    NI: ['Niedersachsen|Lower Saxony'], NW: ['Nordrhein-Westfalen|North Rhine-Westphalia|NRW'],
    RP: ['Rheinland-Pfalz|Rhineland-Palatinate'], SL: ['Saarland'], SN: ['Sachsen|Saxony'],
    ST: ['Sachsen-Anhalt|Saxony-Anhalt'], SH: ['Schleswig-Holstein'], TH: ['Thüringen|Thuringia'],
  },
  cities: [
    ['Berlin', 'BE', '10115+85', 52.52, 13.405, 3850], ['Hamburg', 'HH', '20095+455', 53.5511, 9.9937, 1900],
    ['München|Munich', 'BY', '80331+1599', 48.1351, 11.582, 1510], ['Köln|Cologne', 'NW', '50667+333', 50.9375, 6.9603, 1085],
    ['Frankfurt am Main|Frankfurt|Frankfurt a.M.', 'HE', '60306+294', 50.1109, 8.6821, 775], ['Stuttgart', 'BW', '70173+457', 48.7758, 9.1829, 630],
    ['Düsseldorf', 'NW', '40210+420', 51.2277, 6.7735, 620], ['Leipzig', 'SN', '04103+227', 51.3397, 12.3731, 600],
    ['Dortmund', 'NW', '44135+235', 51.5136, 7.4653, 590], ['Essen', 'NW', '45127+233', 51.4556, 7.0116, 580],
    ['Bremen', 'HB', '28195+565', 53.0793, 8.8017, 570], ['Dresden', 'SN', '01067+263', 51.0504, 13.7373, 560],
    ['Hannover|Hanover', 'NI', '30159+501', 52.3759, 9.732, 545], ['Nürnberg|Nuremberg', 'BY', '90402+81', 49.4521, 11.0767, 525],
    ['Duisburg', 'NW', '47051+229', 51.4344, 6.7623, 500], ['Bochum', 'NW', '44787+93', 51.4818, 7.2162, 365],
    ['Wuppertal', 'NW', '42103+297', 51.2562, 7.1508, 355], ['Bielefeld', 'NW', '33602+138', 52.0302, 8.5325, 335],
    ['Bonn', 'NW', '53111+119', 50.7374, 7.0982, 335], ['Münster', 'NW', '48143+25', 51.9607, 7.6261, 320],
    ['Mannheim', 'BW', '68159+151', 49.4875, 8.466, 315], ['Karlsruhe', 'BW', '76131+99', 49.0069, 8.4037, 308],
    ['Augsburg', 'BY', '86150+50', 48.3705, 10.8978, 300], ['Wiesbaden', 'HE', '65183+24', 50.0782, 8.2398, 285],
    ['Mönchengladbach', 'NW', '41061+179', 51.1805, 6.4428, 265], ['Gelsenkirchen', 'NW', '45879+21', 51.5177, 7.0857, 265],
    ['Aachen', 'NW', '52062+19', 50.7753, 6.0839, 250], ['Braunschweig|Brunswick', 'NI', '38100+27', 52.2689, 10.5268, 250],
    ['Kiel', 'SH', '24103+57', 54.3233, 10.1228, 247], ['Chemnitz', 'SN', '09111+137', 50.8278, 12.9214, 245],
    ['Halle (Saale)|Halle', 'ST', '06108+25', 51.4969, 11.9688, 240], ['Magdeburg', 'ST', '39104+25', 52.1205, 11.6276, 240],
    ['Freiburg im Breisgau|Freiburg', 'BW', '79098+18', 47.999, 7.8421, 232], ['Krefeld', 'NW', '47798+32', 51.3388, 6.5853, 227],
    ['Mainz', 'RP', '55116+15', 49.9929, 8.2473, 220], ['Lübeck', 'SH', '23552+19', 53.8655, 10.6866, 217],
    ['Erfurt', 'TH', '99084+16', 50.9848, 11.0299, 215], ['Rostock', 'MV', '18055+93', 54.0924, 12.0991, 210],
    ['Kassel', 'HE', '34117+18', 51.3127, 9.4797, 200], ['Saarbrücken', 'SL', '66111+23', 49.2402, 6.9969, 180],
    ['Potsdam', 'BB', '14467+16', 52.3906, 13.0645, 185], ['Schwerin', 'MV', '19053+11', 53.6355, 11.4012, 96],
    ['Heidelberg', 'BW', '69115+12', 49.3988, 8.6724, 160], ['Regensburg', 'BY', '93047+13', 49.0134, 12.1016, 155],
    ['Würzburg', 'BY', '97070+15', 49.7913, 9.9534, 127], ['Oldenburg', 'NI', '26121+15', 53.1435, 8.2146, 170],
    ['Osnabrück', 'NI', '49074+17', 52.2799, 8.0472, 165], ['Trier', 'RP', '54290+7', 49.749, 6.6371, 111],
    ['Ludwigshafen am Rhein|Ludwigshafen', 'RP', '67059+13', 49.4774, 8.4452, 172], ['Cottbus', 'BB', '03042+13', 51.7563, 14.3329, 98],
    ['Jena', 'TH', '07743+7', 50.9272, 11.5892, 110], ['Ulm', 'BW', '89073+9', 48.4011, 9.9876, 127],
    ['Ingolstadt', 'BY', '85049+9', 48.7665, 11.4258, 140], ['Darmstadt', 'HE', '64283+15', 49.8728, 8.6512, 160],
    ['Flensburg', 'SH', '24937+8', 54.7937, 9.4469, 92], ['Bremerhaven', 'HB', '27568+13', 53.5396, 8.5809, 113],
  ],
}
