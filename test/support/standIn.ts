/**
 * The one way a suite starts and stops the Zavu stand-in (test/stand-in/ZavuStandIn.ts).
 *
 * - `useStandIn()`: one stand-in for the file (or for the describe block it is called in),
 *   started before its first test and stopped after its last. Recorded requests and injected
 *   faults are cleared before each test; its data (invitations, messages, options) carries over.
 * - `useStandIn({ perTest: true })`: a new stand-in for every test, for tests that change its
 *   latency, rate limit, clock or data freely. `api` is the current test's stand-in, so read it
 *   inside a test or a hook, never when the file is loaded.
 *
 * Any other option is the stand-in's own (`StandInOptions`, e.g. `listOrder`), given to each
 * stand-in it creates.
 */
import type { RecordedRequest, StandInOptions } from '../stand-in/ZavuStandIn';
import { ZavuStandIn } from '../stand-in/ZavuStandIn';

export interface UseStandInOptions extends StandInOptions {
	/** A new stand-in for every test instead of one for the file (or describe block). */
	perTest?: boolean;
}

/** A "Zavu API" credential's data. */
export type ZavuCredentials = { apiKey: string; baseUrl: string };

export interface StandIn {
	/** The stand-in: the current test's with `perTest`, else the file's (or block's). */
	readonly api: ZavuStandIn;
	/** A "Zavu API" credential for it: its API key and base URL as they are now. */
	credentials(): ZavuCredentials;
	/** The message sends (POST /v1/messages) it has recorded in this test. */
	sends(): RecordedRequest[];
}

/** The "Zavu API" credential for a stand-in (or anything with its key and base URL). */
export const credentialsOf = (api: Pick<ZavuStandIn, 'apiKey' | 'baseUrl'>): ZavuCredentials => ({
	apiKey: api.apiKey,
	baseUrl: api.baseUrl,
});

export function useStandIn(options: UseStandInOptions = {}): StandIn {
	const { perTest = false, ...standInOptions } = options;
	let current: ZavuStandIn | undefined;

	if (perTest) {
		beforeEach(async () => {
			current = new ZavuStandIn(standInOptions);
			await current.start();
		});
		afterEach(async () => {
			await current?.stop();
		});
	} else {
		const api = new ZavuStandIn(standInOptions);
		current = api;
		beforeAll(async () => {
			await api.start();
		});
		afterAll(async () => {
			await api.stop();
		});
		beforeEach(() => {
			api.clearRequests();
			api.clearFaults();
		});
	}

	const api = (): ZavuStandIn => {
		if (current === undefined) {
			throw new Error(
				'useStandIn({ perTest: true }): the stand-in exists once a test starts; read `.api` inside a test or a hook',
			);
		}
		return current;
	};
	return {
		get api() {
			return api();
		},
		credentials: () => credentialsOf(api()),
		sends: () => api().requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages'),
	};
}
