// The picker lists the labs without reading them (a lab is read when opened): each listing's title is the title
// the lab has once read.
import { describe, expect, it } from 'vitest'
import { LABS, labById } from '../../../src/ui/labs/catalog.ts'

describe('the lab catalog', () => {
  it('lists every built-in lab with the title it has once read, in id order', () => {
    expect(LABS.length).toBeGreaterThanOrEqual(10)
    expect(LABS.map(l => l.id)).toEqual([...LABS.map(l => l.id)].sort())
    for (const listing of LABS) {
      const lab = labById(listing.id)
      expect(lab.id).toBe(listing.id)
      expect(listing.title).toBe(lab.title)
    }
  })

  it('an unknown id opens the first lab; a user name is put into the lab', () => {
    expect(labById('no-such-lab').id).toBe(LABS[0]!.id)
    expect(labById('01-resource-hooks', 'ada').app.namespace).toBe('ada')
  })
})
