/**
 * riskcore/distributed — deprecated: the BullMQ scale-out is its own package, `@riskcore/distributed`
 * (`npm install @riskcore/distributed`), which also ships the `riskcore-worker` executable. This subpath re-exports
 * it so existing imports keep working; `@riskcore/distributed` is an optional peer dependency of riskcore, so the
 * library's own install stays free of bullmq and Redis clients.
 *
 * @deprecated use `@riskcore/distributed`
 * @packageDocumentation
 */
export * from '@riskcore/distributed';
