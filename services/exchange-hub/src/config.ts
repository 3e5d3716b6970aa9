import { serviceEnv } from '@platform/runtime';

/** exchange-hub's environment; see packages/runtime `serviceEnv` for the shared variables. */
export const configSchema = serviceEnv.extend({
  HTTP_PORT: serviceEnv.shape.HTTP_PORT.default(9104),
});
