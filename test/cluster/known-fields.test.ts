import { describe, expect, it } from 'vitest'
import { strictDecodingMessage, unknownFields, withoutUnknownFields } from '../../src/cluster/known-fields.ts'

const job = {
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', labels: { a: 'b' } },
  spec: { backofflimit: 1, template: { spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 5,
    containers: [{ name: 'm', image: 'busybox', imagePullPolicy: 'Always', comand: ['true'] }] } } },
}

describe('R79 strict decoding of the fields synclab models', () => {
  it('R79 names every unknown field by its path; known ones (each word of the lists) pass', () => {
    expect(unknownFields(job)).toEqual(['spec.backofflimit', 'spec.template.spec.containers[0].comand'])
    expect(strictDecodingMessage(job, unknownFields(job))).toBe('Job in version "v1" cannot be handled as a Job: ' +
      'strict decoding error: unknown field "spec.backofflimit", unknown field "spec.template.spec.containers[0].comand"')
  })

  it('R79 fieldValidation=Ignore drops exactly those fields', () => {
    expect(unknownFields(withoutUnknownFields(job))).toEqual([])
    expect(withoutUnknownFields(job).spec).toMatchObject({ template: { spec: { terminationGracePeriodSeconds: 5 } } })
  })

  it('R79 kinds synclab does not model pass unchecked', () => {
    expect(unknownFields({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, anything: 1 })).toEqual([])
  })
})
