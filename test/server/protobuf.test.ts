// The protobuf bodies kubectl's typed clients send, decoded as the API server decodes them: a field the decoder
// does not know is refused when it holds a value (nothing is dropped silently) and skipped when it holds the zero
// value Go writes for an unset field. Bodies are built with protobufjs' Writer, field by field.
import protobuf from 'protobufjs/minimal.js'
import { describe, expect, it } from 'vitest'
import { HttpError } from '../../src/server/http-error.ts'
import { decodeProtobufObject } from '../../src/server/protobuf.ts'

const CONFIGMAP = { kind: 'ConfigMap', group: '', version: 'v1', plural: 'configmaps', namespaced: true }

/** The k8s envelope around one object's message bytes. */
function envelope(kind: string, raw: Uint8Array): Buffer {
  const typeMeta = protobuf.Writer.create().uint32(10).string('v1').uint32(18).string(kind).finish()
  const unknown = protobuf.Writer.create().uint32(10).bytes(typeMeta).uint32(18).bytes(raw).finish()
  return Buffer.concat([Buffer.from('k8s\0', 'latin1'), unknown])
}

/** ObjectMeta { name = 1, generateName = 2 (""), labels = 11 {app: web} }, then extra fields. */
function meta(extra: (w: protobuf.Writer) => void = () => {}): Uint8Array {
  const w = protobuf.Writer.create().uint32(10).string('settings').uint32(18).string('')
  const entry = protobuf.Writer.create().uint32(10).string('app').uint32(18).string('web').finish()
  w.uint32(90).bytes(entry)
  extra(w)
  return w.finish()
}

function configMap(metadata: Uint8Array): Uint8Array {
  const entry = protobuf.Writer.create().uint32(10).string('color').uint32(18).string('blue').finish()
  return protobuf.Writer.create().uint32(10).bytes(metadata).uint32(18).bytes(entry).finish()
}

describe('protobuf request bodies', () => {
  it('decodes a ConfigMap: names, maps, and no zero values Go wrote for unset fields', () => {
    const obj = decodeProtobufObject(envelope('ConfigMap', configMap(meta())), CONFIGMAP)
    expect(obj).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { app: 'web' } },
      data: { color: 'blue' } })
  })

  it('skips an unknown field holding its zero value, refuses one holding a value (415)', () => {
    // ObjectMeta field 15 is not in the table.
    expect(decodeProtobufObject(envelope('ConfigMap', configMap(meta(w => w.uint32(15 << 3).uint32(0)))), CONFIGMAP))
      .toMatchObject({ metadata: { name: 'settings' } })
    expect(decodeProtobufObject(envelope('ConfigMap', configMap(meta(w => w.uint32((15 << 3) | 2).string('')))), CONFIGMAP))
      .toMatchObject({ metadata: { name: 'settings' } })
    for (const extra of [(w: protobuf.Writer) => w.uint32(15 << 3).uint32(7), (w: protobuf.Writer) => w.uint32((15 << 3) | 2).string('x')]) {
      const attempt = () => decodeProtobufObject(envelope('ConfigMap', configMap(meta(extra))), CONFIGMAP)
      expect(attempt).toThrow(HttpError)
      expect(attempt).toThrow(/field 15 of ObjectMeta, which this server does not know; send the object as application\/json/)
    }
  })

  it('keeps map keys such as __proto__ as plain keys', () => {
    const entry = protobuf.Writer.create().uint32(10).string('__proto__').uint32(18).string('x').finish()
    const raw = protobuf.Writer.create().uint32(10).bytes(meta()).uint32(18).bytes(entry).finish()
    const obj = decodeProtobufObject(envelope('ConfigMap', raw), CONFIGMAP) as { data: Record<string, unknown> }
    expect(Object.hasOwn(obj.data, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>)['x']).toBeUndefined()
  })

  it('refuses a truncated body (415), never throwing anything else', () => {
    const full = envelope('ConfigMap', configMap(meta()))
    for (let cut = 4; cut < full.length; cut += 3) {
      try {
        decodeProtobufObject(full.subarray(0, cut), CONFIGMAP)
      } catch (e) {
        expect(e, `cut at ${cut}`).toBeInstanceOf(HttpError)
        expect((e as HttpError).code).toBe(415)
      }
    }
  })
})
