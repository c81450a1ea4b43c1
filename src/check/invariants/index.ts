/** Every invariant `tdg check` measures, in report order. */
import type { Invariant } from '../types.js'
import { address } from './address.js'
import { ageBirth } from './age-birth.js'
import { emailName } from './email-name.js'
import { fanOut } from './fan-out.js'
import { fullName } from './full-name.js'
import { lifecycle } from './lifecycle.js'
import { nameDistinct } from './name-distinct.js'
import { priceCopy } from './price-copy.js'
import { temporalFk } from './temporal-fk.js'
import { temporalRow } from './temporal-row.js'
import { vocabulary } from './vocabulary.js'

export const INVARIANTS: Invariant[] = [emailName, fullName, ageBirth, address, temporalRow, temporalFk, lifecycle, vocabulary, priceCopy, fanOut, nameDistinct]
