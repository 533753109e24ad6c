// URL → Submit for Verification, Get, Get Many and the URL list search, through real n8n-core
// against the stand-in (test/stand-in/resources/urls.ts).
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { keysOf, URL_STATUSES } from '../../nodes/Zavu/constants';
import { Zavu } from '../../nodes/Zavu/Zavu.node';
import { listSearch } from '../support/n8nCore';
import { useStandIn } from '../support/standIn';
import { runZavu, types, ZAVU } from './setup';

const stand = useStandIn({ perTest: true });

const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(stand.credentials(), { resource: 'url', ...params }, items, settings);
const sent = () => stand.api.requests.map((r) => [r.method, r.path, r.query, r.body]);
const paired = (r: Awaited<ReturnType<typeof run>>) => r.items.map((item) => item.pairedItem);
const urls = () => stand.api.modules.urls;

describe('URL → Submit for Verification', () => {
	it('POSTs { url } per item and emits the record, unwrapped; a shortener comes back rejected', async () => {
		const r = await run({ operation: 'submit', url: '={{ $json.u }}' }, [
			{ u: ' https://example.com/page?a=1 ' },
			{ u: 'https://bit.ly/abc' },
		]);
		expect(r.error).toBeUndefined();
		expect(sent()).toEqual([
			['POST', '/v1/urls', {}, { url: 'https://example.com/page?a=1' }],
			['POST', '/v1/urls', {}, { url: 'https://bit.ly/abc' }],
		]);
		expect(r.json).toEqual([
			{
				id: expect.stringMatching(/^url_/),
				url: 'https://example.com/page?a=1',
				domain: 'example.com',
				status: 'approved',
				approvalType: 'auto_web_risk',
				createdAt: expect.any(String),
				updatedAt: expect.any(String),
			},
			expect.objectContaining({ domain: 'bit.ly', status: 'rejected' }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('is not resent after a 503 (it creates a record); Continue On Fail carries it, the next runs', async () => {
		stand.api.inject({ match: { method: 'POST', path: '/v1/urls' }, status: 503 });
		const r = await run(
			{ operation: 'submit', url: '={{ $json.u }}' },
			[{ u: 'https://a.example.com' }, { u: 'https://b.example.com' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(stand.api.requests.map((q) => q.status)).toEqual([503, 201]);
		expect(r.json).toEqual([
			expect.objectContaining({ code: 'service_unavailable', httpCode: 503 }),
			expect.objectContaining({ url: 'https://b.example.com', status: 'approved' }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each([
		['={{ " " }}', 'URL is empty [item 0]'],
		['example.com/page', 'URL "example.com/page" is not a full http(s) address [item 0]'],
		[
			'ftp://example.com/file',
			'URL "ftp://example.com/file" is not a full http(s) address [item 0]',
		],
	])('refuses %j before any request', async (url, message) => {
		const r = await run({ operation: 'submit', url });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('URL → Get', () => {
	it("GETs each item's URL (id encoded); a 404 is carried, the next runs", async () => {
		const a = urls().seed('https://example.com/a', { status: 'escalated', approvalType: 'manual' });
		const r = await run(
			{ operation: 'get', urlId: '={{ $json.id }}' },
			[{ id: 'url x/1' }, { id: a.id }],
			{ onError: 'continueRegularOutput' },
		);
		expect(sent()).toEqual([
			['GET', '/v1/urls/url%20x%2F1', {}, undefined],
			['GET', `/v1/urls/${a.id}`, {}, undefined],
		]);
		expect(r.json).toEqual([
			{ error: 'URL url x/1 not found [url_not_found]', code: 'url_not_found', httpCode: 404 },
			a,
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses an id of ".." before any request', async () => {
		const r = await run({ operation: 'get', urlId: { __rl: true, mode: 'list', value: '..' } });
		expect(r.error?.message).toBe('URL ID ".." is not a valid ID [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('URL → Get Many', () => {
	it('sends the Status filter and follows the cursor; newest first', async () => {
		const pending = Array.from({ length: 105 }, (_, k) =>
			urls().seed(`https://p${k}.example.com`, { status: 'pending' }),
		);
		urls().seed('https://ok.example.com');
		const r = await run({ operation: 'getAll', returnAll: true, filters: { status: 'pending' } });
		expect(r.error).toBeUndefined();
		expect(
			stand.api.requests.map((q) => [q.path, q.query.status, q.query.limit, typeof q.query.cursor]),
		).toEqual([
			['/v1/urls', 'pending', '100', 'undefined'],
			['/v1/urls', 'pending', '100', 'string'],
		]);
		expect(r.json.map((u) => u.id)).toEqual(pending.map((u) => u.id).reverse());
		expect(paired(r).every((p) => (p as { item: number }).item === 0)).toBe(true);

		stand.api.clearRequests();
		const some = await run({ operation: 'getAll', limit: 2 });
		expect(sent()).toEqual([['GET', '/v1/urls', { limit: '2' }, undefined]]);
		expect(some.json.map((u) => u.url)).toEqual([
			'https://ok.example.com',
			'https://p104.example.com',
		]);
	});

	it('Continue On Fail: a 500 on one item is carried, the next lists', async () => {
		urls().seed('https://ok.example.com');
		stand.api.inject({
			match: { method: 'GET', path: '/v1/urls' },
			status: 500,
			code: 'internal_error',
			message: 'Boom',
		});
		const r = await run(
			{ operation: 'getAll', returnAll: true, options: { maxAttempts: 1 } },
			[{}, {}],
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(r.json).toEqual([
			{ error: 'Boom [internal_error]', code: 'internal_error', httpCode: 500 },
			expect.objectContaining({ url: 'https://ok.example.com' }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses a status Zavu does not have before any request', async () => {
		const r = await run({ operation: 'getAll', filters: { status: '={{ "verified" }}' } });
		expect(r.error?.message).toBe('Status "verified" is not a URL verification status [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('the URL resource, as the editor and AI agents see it', () => {
	it('its operations are described; the Status list is the SDK-typed record; the list search labels', async () => {
		const props = new Zavu().description.properties;
		const operation = props.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('url'),
		)!;
		const options = operation.options as INodePropertyOptions[];
		expect(options.map((o) => o.value)).toEqual(['get', 'getAll', 'submit']);
		for (const o of options)
			expect([o.description, o.action]).toEqual([expect.any(String), expect.any(String)]);
		const filters = props.find(
			(p) => p.name === 'filters' && p.displayOptions?.show?.resource?.includes('url'),
		)!;
		const status = (filters.options as INodeProperties[])[0];
		expect((status.options as INodePropertyOptions[]).map((o) => o.value)).toEqual(
			keysOf(URL_STATUSES),
		);

		const a = urls().seed('https://example.com/a', { status: 'rejected' });
		const page = await listSearch(
			types,
			{
				type: ZAVU,
				parameters: { resource: 'url', operation: 'get' },
				credentials: { zavudevApi: stand.credentials() as never },
			},
			'searchUrls',
		);
		expect(page).toEqual({ results: [{ name: 'https://example.com/a - rejected', value: a.id }] });
	});
});
