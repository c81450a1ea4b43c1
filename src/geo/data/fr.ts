/**
 * France (metropolitan): 13 régions (ISO 3166-2:FR codes), 28 cities with their La Poste codes
 * (the first two digits are the département), population INSEE 2021, thousands.
 */
import type { CountryPlaces } from '../types.js'

/** Places of France. */
export const FR: CountryPlaces = {
  code: 'FR',
  states: {
    IDF: ['Île-de-France'], ARA: ['Auvergne-Rhône-Alpes'], PAC: ["Provence-Alpes-Côte d'Azur|PACA"], OCC: ['Occitanie'],
    NAQ: ['Nouvelle-Aquitaine'], HDF: ['Hauts-de-France'], GES: ['Grand Est'], PDL: ['Pays de la Loire'], BRE: ['Bretagne|Brittany'],
    NOR: ['Normandie|Normandy'], BFC: ['Bourgogne-Franche-Comté'], CVL: ['Centre-Val de Loire'], COR: ['Corse|Corsica'],
  },
  cities: [
    ['Paris', 'IDF', '75001+20', 48.8566, 2.3522, 2100], ['Marseille', 'PAC', '13001+16', 43.2965, 5.3698, 870],
    ['Lyon', 'ARA', '69001+9', 45.764, 4.8357, 520], ['Toulouse', 'OCC', '31000 31100 31200 31300 31400 31500', 43.6047, 1.4442, 500],
    ['Nice', 'PAC', '06000 06100 06200 06300', 43.7102, 7.262, 345], ['Nantes', 'PDL', '44000 44100 44200 44300', 47.2184, -1.5536, 320],
    ['Montpellier', 'OCC', '34000 34070 34080 34090', 43.6108, 3.8767, 300], ['Strasbourg', 'GES', '67000 67100 67200', 48.5734, 7.7521, 290],
    ['Bordeaux', 'NAQ', '33000 33100 33200 33300 33800', 44.8378, -0.5792, 260], ['Lille', 'HDF', '59000 59160 59260 59800', 50.6292, 3.0573, 235],
    ['Rennes', 'BRE', '35000 35200 35700', 48.1173, -1.6778, 225], ['Reims', 'GES', '51100', 49.2583, 4.0317, 180],
    ['Toulon', 'PAC', '83000 83100 83200', 43.1242, 5.928, 180], ['Saint-Étienne', 'ARA', '42000 42100', 45.4397, 4.3872, 173],
    ['Le Havre', 'NOR', '76600 76610 76620', 49.4944, 0.1079, 166], ['Grenoble', 'ARA', '38000 38100', 45.1885, 5.7245, 158],
    ['Dijon', 'BFC', '21000', 47.322, 5.0415, 160], ['Angers', 'PDL', '49000 49100', 47.4784, -0.5632, 157],
    ['Nîmes', 'OCC', '30000 30900', 43.8367, 4.3601, 150], ['Clermont-Ferrand', 'ARA', '63000 63100', 45.7772, 3.087, 147],
    ['Tours', 'CVL', '37000 37100 37200', 47.3941, 0.6848, 137], ['Orléans', 'CVL', '45000 45100', 47.903, 1.9093, 117],
    ['Rouen', 'NOR', '76000 76100', 49.4432, 1.0999, 112], ['Caen', 'NOR', '14000', 49.1829, -0.3707, 105],
    ['Brest', 'BRE', '29200', 48.3904, -4.4861, 140], ['Limoges', 'NAQ', '87000 87100 87280', 45.8336, 1.2611, 130],
    ['Ajaccio', 'COR', '20000 20090', 41.9192, 8.7386, 72], ['Metz', 'GES', '57000 57050 57070', 49.1193, 6.1757, 118],
    ['Besançon', 'BFC', '25000', 47.2378, 6.0241, 117], ['Perpignan', 'OCC', '66000 66100', 42.6887, 2.8948, 120],
    ['Amiens', 'HDF', '80000 80080 80090', 49.8941, 2.2958, 133],
  ],
}
