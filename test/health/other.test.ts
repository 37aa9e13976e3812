import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import { cond, obj } from './fixtures.ts'

describe('R31 Service health (GE health_service.go)', () => {
  it('R31 a ClusterIP Service is Healthy', () => {
    expect(getHealth(obj('v1', 'Service', { spec: { type: 'ClusterIP', ports: [{ port: 80 }] }, status: { loadBalancer: {} } })))
      .toEqual({ status: 'Healthy' })
  })
  it('R31 a Service without spec.type (defaults ClusterIP) is Healthy', () => {
    expect(getHealth(obj('v1', 'Service', { spec: {} }))).toEqual({ status: 'Healthy' })
  })
  it('R31 a LoadBalancer Service without ingress is Progressing', () => {
    expect(getHealth(obj('v1', 'Service', { spec: { type: 'LoadBalancer' }, status: { loadBalancer: {} } })))
      .toEqual({ status: 'Progressing' })
    expect(getHealth(obj('v1', 'Service', { spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [] } } })))
      .toEqual({ status: 'Progressing' })
  })
  it('R31 a LoadBalancer Service with an ingress IP or hostname is Healthy', () => {
    expect(getHealth(obj('v1', 'Service', { spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } } })))
      .toEqual({ status: 'Healthy' })
    expect(getHealth(obj('v1', 'Service', { spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ hostname: 'a.elb.example.com' }] } } })))
      .toEqual({ status: 'Healthy' })
  })
})

describe('Ingress health (GE health_ingress.go)', () => {
  it('Ingress networking.k8s.io/v1 without address is Progressing, with one Healthy', () => {
    expect(getHealth(obj('networking.k8s.io/v1', 'Ingress', { status: { loadBalancer: {} } }))).toEqual({ status: 'Progressing' })
    expect(getHealth(obj('networking.k8s.io/v1', 'Ingress', { status: { loadBalancer: { ingress: [{ ip: '10.0.0.1' }] } } })))
      .toEqual({ status: 'Healthy' })
  })
  it('Ingress in the old extensions group is checked the same way (no version check)', () => {
    expect(getHealth(obj('extensions/v1beta1', 'Ingress', { status: { loadBalancer: { ingress: [{ ip: '10.0.0.1' }] } } })))
      .toEqual({ status: 'Healthy' })
  })
})

describe('PersistentVolumeClaim health (GE health_pvc.go)', () => {
  it('PVC Bound is Healthy, Pending Progressing, Lost Degraded, no phase Unknown', () => {
    const pvc = (phase?: string) => getHealth(obj('v1', 'PersistentVolumeClaim', { status: phase ? { phase } : {} }))
    expect(pvc('Bound')).toEqual({ status: 'Healthy' })
    expect(pvc('Pending')).toEqual({ status: 'Progressing' })
    expect(pvc('Lost')).toEqual({ status: 'Degraded' })
    expect(pvc()).toEqual({ status: 'Unknown' })
  })
})

describe('HorizontalPodAutoscaler health (GE health_hpa.go)', () => {
  const hpa2 = (conditions: object[]) => getHealth(obj('autoscaling/v2', 'HorizontalPodAutoscaler', { status: { conditions } }))
  it('HPA v2 with AbleToScale=True is Healthy with that message', () => {
    expect(hpa2([cond('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size'),
      cond('ScalingActive', 'True', 'ValidMetricFound', 'the HPA was able to successfully calculate a replica count')]))
      .toEqual({ status: 'Healthy', message: 'recommended size matches current size' })
  })
  it('HPA v2 with a failed metric is Degraded, even after a healthy condition', () => {
    expect(hpa2([cond('AbleToScale', 'True', 'SucceededGetScale', 'ok'),
      cond('ScalingActive', 'False', 'FailedGetResourceMetric', 'unable to get metrics for resource cpu')]))
      .toEqual({ status: 'Degraded', message: 'unable to get metrics for resource cpu' })
  })
  it('HPA v2 without conditions is Progressing "Waiting to Autoscale"', () => {
    expect(hpa2([])).toEqual({ status: 'Progressing', message: 'Waiting to Autoscale' })
  })
  it('HPA v1 reads the conditions annotation; absent or empty -> Progressing', () => {
    const hpa1 = (annotations?: Record<string, string>) => getHealth({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web', ...(annotations ? { annotations } : {}) } })
    const key = 'autoscaling.alpha.kubernetes.io/conditions'
    expect(hpa1()).toEqual({ status: 'Progressing', message: 'Waiting to Autoscale' })
    expect(hpa1({ [key]: '[]' })).toEqual({ status: 'Progressing', message: 'Waiting to Autoscale' })
    expect(hpa1({ [key]: JSON.stringify([{ type: 'ScalingLimited', status: 'True', reason: 'TooFewReplicas', message: 'too few' }]) }))
      .toEqual({ status: 'Healthy', message: 'too few' })
    expect(hpa1({ [key]: JSON.stringify([{ type: 'ScalingActive', status: 'False', reason: 'FailedGetObjectMetric', message: 'no metric' }]) }))
      .toEqual({ status: 'Degraded', message: 'no metric' })
    expect(hpa1({ [key]: '{not json' })?.status).toBe('Unknown')
  })
  it('HPA autoscaling/v2beta2 is unsupported: Unknown', () => {
    expect(getHealth(obj('autoscaling/v2beta2', 'HorizontalPodAutoscaler')))
      .toEqual({ status: 'Unknown', message: 'unsupported HPA GVK: autoscaling/v2beta2, Kind=HorizontalPodAutoscaler' })
  })
})

describe('APIService and Argo Workflow health (GE health_apiservice.go, health_argo.go)', () => {
  it('APIService Available=True is Healthy, False Progressing, none "Waiting to be processed"', () => {
    const api = (conditions: object[]) => getHealth(obj('apiregistration.k8s.io/v1', 'APIService', { status: { conditions } }))
    expect(api([cond('Available', 'True', 'Passed', 'all checks passed')])).toEqual({ status: 'Healthy', message: 'Passed: all checks passed' })
    expect(api([cond('Available', 'False', 'MissingEndpoints', 'endpoints for service/metrics-server have no addresses')]))
      .toEqual({ status: 'Progressing', message: 'MissingEndpoints: endpoints for service/metrics-server have no addresses' })
    expect(api([])).toEqual({ status: 'Progressing', message: 'Waiting to be processed' })
  })
  it('Workflow phases map to Progressing/Healthy/Degraded/Unknown', () => {
    const wf = (phase?: string) => getHealth(obj('argoproj.io/v1alpha1', 'Workflow', { status: phase ? { phase, message: 'm' } : {} }))
    expect(wf()).toEqual({ status: 'Progressing' })
    expect(wf('Running')).toEqual({ status: 'Progressing', message: 'm' })
    expect(wf('Succeeded')).toEqual({ status: 'Healthy', message: 'm' })
    expect(wf('Error')).toEqual({ status: 'Degraded', message: 'm' })
    expect(wf('Weird')).toEqual({ status: 'Unknown', message: 'm' })
  })
})
