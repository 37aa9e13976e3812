/** R78: the field manager Argo CD's controller applies as (gitops-engine's default serverSideApplyManager). */
export const SERVER_SIDE_APPLY_MANAGER = 'argocd-controller'
