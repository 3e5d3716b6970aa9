import type { EntityMetadata } from '../engine/metadata.js';
import { deviceRegisterEntity } from './device-register.entity.js';
import { deviceEntity } from './device.entity.js';
import { meterEntity } from './meter.entity.js';
import { registerEntity } from './register.entity.js';

export { deviceEntity, deviceRegisterEntity, meterEntity, registerEntity };

/** Every synced table, in the seed's order; `syncOrder` derives the real order from `dependsOn`. */
export const meteringEntities: readonly EntityMetadata[] = [meterEntity, registerEntity, deviceEntity, deviceRegisterEntity];
