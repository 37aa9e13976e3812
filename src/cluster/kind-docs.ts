// What the kinds that synclab's simulated cluster gives behaviour to (controllers, health) do, for a learner: the
// editor's completion and `kubectl explain` show the same texts.

/** The kinds synclab's fake cluster simulates with behaviour (controllers, health), with what they do. */
export const SIMULATED_KINDS: Readonly<Record<string, string>> = {
  Job: '**Job** (batch/v1) — runs Pods until enough succeed (R71); the usual hook kind. Health: Progressing ' +
    'while running, Healthy when Complete, Degraded when Failed (R29).',
  Pod: '**Pod** (v1) — one or more containers. A hook Pod is Healthy when Succeeded and Degraded when Failed ' +
    '(R30).',
  Deployment: '**Deployment** (apps/v1) — keeps `replicas` Pods running. Healthy when all replicas are updated ' +
    'and available; paused means Suspended (R31).',
  StatefulSet: '**StatefulSet** (apps/v1) — Pods `<name>-0`, `<name>-1`, … created one at a time, each Ready ' +
    'before the next (R93); updated from the highest ordinal down (R94). Healthy when all are ready and updated (R95). ' +
    'Each `volumeClaimTemplates` entry gives every Pod a claim `<template>-<name>-<ordinal>`, made before the Pod ' +
    'and kept after the StatefulSet unless `persistentVolumeClaimRetentionPolicy` says Delete.',
  DaemonSet: '**DaemonSet** (apps/v1) — one Pod on every node (the simulated cluster has 3); updated node by node ' +
    '(R96). Healthy when every node runs an updated, available Pod (R97).',
  Service: '**Service** (v1) — a stable address for Pods. Always Healthy, except type LoadBalancer without an ' +
    'ingress, which stays Progressing and can block a multi-wave sync forever (R16, R31).',
  ConfigMap: '**ConfigMap** (v1) — configuration data. No health check: as a hook it counts as Succeeded as ' +
    'soon as it is created (R28).',
  Secret: '**Secret** (v1) — like a ConfigMap, for credentials; no health check (R28). Sorted before ' +
    'ConfigMaps in a wave (R12).',
  PersistentVolumeClaim: '**PersistentVolumeClaim** (v1) — storage for Pods. The simulated cluster has minikube\'s ' +
    'default StorageClass `standard`: a claim is Pending (Progressing) for about a second, then Bound (Healthy). A ' +
    'claim of a class the cluster lacks stays Pending, and so does every Pod that mounts it.',
  ServiceAccount: '**ServiceAccount** (v1) — an identity for Pods; no health check (R28).',
  Namespace: '**Namespace** (v1) — applied first in its wave (R12) and moved just before the first resource ' +
    'that lives in it (R13).',
}
