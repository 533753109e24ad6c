// Broadcast → Add Contacts (issue #15): 10,000 contacts added to a broadcast through real n8n-core
// against the stand-in, requests made and time, against the one-request-per-contact approach
// (Custom API Call POSTing one contact per item, as a workflow without batching would do).
import type { IDataObject } from 'n8n-workflow';

import { ZavudevApi } from '../credentials/ZavudevApi.credentials';
import { Zavu } from '../nodes/Zavu/Zavu.node';
import { runNode } from '../test/support/n8nCore';
import { ZavuStandIn } from '../test/stand-in/ZavuStandIn';

const ZAVU = 'n8n-nodes-zavudev.zavu';
const types = { nodeTypes: { [ZAVU]: new Zavu() }, credentialTypes: [new ZavudevApi()] };

async function once(contacts: number, latencyMs: number, batched: boolean) {
	const api = new ZavuStandIn({ latencyMs });
	await api.start();
	try {
		const broadcast = api.modules.broadcasts.seed({ name: 'Bench', channel: 'sms', text: 'Hi' });
		const rows: IDataObject[] = Array.from({ length: contacts }, (_, k) => ({
			phone: `+1415${String(5000000 + k)}`,
		}));
		const parameters = batched
			? {
					resource: 'broadcast',
					operation: 'addContacts',
					broadcastId: broadcast.id,
					recipient: '={{ $json.phone }}',
				}
			: {
					resource: 'customApiCall',
					operation: 'request',
					method: 'POST',
					path: `/v1/broadcasts/${broadcast.id}/contacts`,
					body: '={{ JSON.stringify({ contacts: [{ recipient: $json.phone }] }) }}',
				};
		const started = process.hrtime.bigint();
		const run = await runNode(
			types,
			{
				type: ZAVU,
				parameters: parameters as never,
				credentials: { zavudevApi: { apiKey: api.apiKey, baseUrl: api.baseUrl } },
			},
			rows,
		);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		if (run.error) throw new Error(`bench run failed: ${run.error.message}`);
		const added = new Set(
			api.modules.broadcasts.recipientsOf(broadcast.id).map((c) => c.recipient),
		);
		return {
			seconds,
			requests: api.requestsTo('POST', `/v1/broadcasts/${broadcast.id}/contacts`).length,
			added: added.size,
		};
	} finally {
		await api.stop();
	}
}

export async function benchBroadcast(opts: {
	contacts: number;
	latencyMs: number;
	log: (line: string) => void;
}) {
	const batched = await once(opts.contacts, opts.latencyMs, true);
	const single = await once(opts.contacts, opts.latencyMs, false);
	opts.log(
		`\n### Broadcast → Add Contacts: ${opts.contacts.toLocaleString('en')} contacts, stand-in latency ${opts.latencyMs} ms (n8n-core)\n`,
	);
	opts.log('| approach | requests | time (s) | contacts in the broadcast |');
	opts.log('|---|---:|---:|---:|');
	opts.log(
		`| Add Contacts (batches of 1,000) | ${batched.requests} | ${batched.seconds.toFixed(2)} | ${batched.added} |`,
	);
	opts.log(
		`| Custom API Call, one contact per request | ${single.requests} | ${single.seconds.toFixed(2)} | ${single.added} |`,
	);
	opts.log(
		`| ratio (one per request ÷ Add Contacts) | ${(single.requests / batched.requests).toFixed(0)}× | ${(single.seconds / batched.seconds).toFixed(0)}× | |`,
	);
}
