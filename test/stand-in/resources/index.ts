/**
 * The stand-in's resource modules: adding a resource is its file and one line here. The stand-in
 * routes `/v1/…` requests it does not answer itself to these, in this order, and exposes each as
 * `api.modules.<name>` for tests (seeding, inspecting).
 */
import { contacts } from './contacts';
import { conversations } from './conversations';
import { messageExtras } from './messageExtras';
import { balance } from './balance';
import { introspect } from './introspect';
import { senders } from './senders';
import { agents } from './agents';
import { urls } from './urls';
import { templates } from './templates';
import { broadcasts } from './broadcasts';
import { phoneNumbers } from './phoneNumbers';
import { calls } from './calls';
import type { ResourceModule, StandInHost } from './types';

export const RESOURCE_MODULES = {
	contacts,
	balance,
	introspect,
	conversations,
	messageExtras,
	senders,
	agents,
	urls,
	templates,
	broadcasts,
	phoneNumbers,
	calls,
} satisfies Record<string, (host: StandInHost) => ResourceModule>;

export type ResourceModules = {
	[K in keyof typeof RESOURCE_MODULES]: ReturnType<(typeof RESOURCE_MODULES)[K]>;
};
